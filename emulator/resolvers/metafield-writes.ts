// Writing metafields with Shopify's rules: the owner must exist, key length, a known type matching the
// definition's, a valid value (and the definition's validations), compareDigest; atomic over a batch.
// metafieldsSet, productSet, productCreate/Update and productVariantsBulkUpdate all write through here.
import { findNode } from "../nodes";
import { gid, metafieldDigest, parseGid, type MetafieldRecord } from "../state";
import { expandNamespace, isKnownType, validateValue } from "../values";
import {
  userError,
  type ResolverContext,
  type UserErrorShape,
} from "./context";

const OWNER_TYPES: Record<string, string> = {
  Product: "PRODUCT",
  ProductVariant: "PRODUCTVARIANT",
  MediaImage: "MEDIA_IMAGE",
  Shop: "SHOP",
};

export interface MetafieldWrite {
  ownerId: string;
  namespace?: string | null;
  key: string;
  type?: string | null;
  value: string;
  compareDigest?: string | null;
  /** Whether compareDigest was sent at all (null means "must not exist yet"). */
  hasCompareDigest: boolean;
}

/** A metafield as productCreate, productUpdate and productVariantsBulkUpdate take it inline. */
export interface MetafieldInput {
  namespace?: string;
  key: string;
  type?: string;
  value: string;
}

/** The writes of a product's or variant's inline metafields (no compareDigest: they are not compared). */
export function metafieldWrites(
  ownerId: string,
  inputs: MetafieldInput[] | undefined,
): MetafieldWrite[] {
  return (inputs ?? []).map((m) => ({
    ownerId,
    namespace: m.namespace,
    key: m.key,
    type: m.type,
    value: m.value,
    hasCompareDigest: false,
  }));
}

function ownerType(ctx: ResolverContext, ownerId: string): string | null {
  const parsed = parseGid(ownerId);
  if (!parsed) return null;
  if (parsed.type === "Shop")
    return parsed.id === ctx.emulator.shopNumber(ctx.domain) ? "SHOP" : null;
  return findNode(ctx.shop, ownerId)
    ? (OWNER_TYPES[parsed.type] ?? null)
    : null;
}

function referenceExists(ctx: ResolverContext) {
  return (id: string, type: string) =>
    parseGid(id)?.type === type && findNode(ctx.shop, id) !== null;
}

export function findMetafield(
  ctx: ResolverContext,
  ownerId: string,
  namespace: string,
  key: string,
) {
  return [...ctx.shop.metafields.values()].find(
    (m) => m.ownerId === ownerId && m.namespace === namespace && m.key === key,
  );
}

function checkValidations(
  validations: { name: string; value: string | null }[],
  value: string,
): string | null {
  for (const { name, value: rule } of validations) {
    if (rule === null) continue;
    if (name === "choices") {
      const choices = JSON.parse(rule) as string[];
      const values = value.startsWith("[")
        ? (JSON.parse(value) as string[])
        : [value];
      if (values.some((v) => !choices.includes(v)))
        return `Value does not exist in provided choices: ${choices.join(", ")}.`;
    } else if (name === "regex" && !new RegExp(rule).test(value))
      return `Value does not match regex ${rule}.`;
    else if (name === "min" && Number(value) < Number(rule))
      return `Value must be greater than or equal to ${rule}.`;
    else if (name === "max" && Number(value) > Number(rule))
      return `Value must be less than or equal to ${rule}.`;
    else if (
      name === "min" &&
      Number.isNaN(Number(value)) &&
      value.length < Number(rule)
    )
      return `Value is too short.`;
    else if (
      name === "max" &&
      Number.isNaN(Number(value)) &&
      value.length > Number(rule)
    )
      return `Value is too long.`;
  }
  return null;
}

/**
 * Sets metafields atomically: either every input is valid and all are written, or none is and the errors say
 * which (elementIndex). Products whose metafields changed get products/update.
 */
export function writeMetafields(
  ctx: ResolverContext,
  inputs: MetafieldWrite[],
  fieldPrefix: (string | number)[] = ["metafields"],
): { metafields: MetafieldRecord[]; userErrors: UserErrorShape[] } {
  const errors: UserErrorShape[] = [];
  const planned: {
    input: MetafieldWrite;
    namespace: string;
    type: string;
    owner: string;
    existing?: MetafieldRecord;
  }[] = [];
  inputs.forEach((input, index) => {
    const at = (field: string) =>
      [...fieldPrefix, String(index), field].map(String);
    const owner = ownerType(ctx, input.ownerId);
    if (!owner)
      return errors.push(
        userError(at("ownerId"), "Owner does not exist.", "INVALID", index),
      );
    const namespace = expandNamespace(input.namespace, ctx.emulator.appId);
    if (input.key.length < 2)
      return errors.push(
        userError(
          at("key"),
          "Key is too short (minimum is 2 characters).",
          "TOO_SHORT",
          index,
        ),
      );
    if (input.key.length > 64)
      return errors.push(
        userError(
          at("key"),
          "Key is too long (maximum is 64 characters).",
          "TOO_LONG",
          index,
        ),
      );
    const definition = [...ctx.shop.definitions.values()].find(
      (d) =>
        d.ownerType === owner &&
        d.namespace === namespace &&
        d.key === input.key,
    );
    const type = input.type ?? definition?.type;
    if (!type)
      return errors.push(
        userError(at("type"), "Type can't be blank.", "BLANK", index),
      );
    if (!isKnownType(type))
      return errors.push(
        userError(
          at("type"),
          `Type ${type} is not a valid type.`,
          "INVALID_TYPE",
          index,
        ),
      );
    if (definition && definition.type !== type) {
      return errors.push(
        userError(
          at("type"),
          `Type must be ${definition.type} to match the definition.`,
          "INVALID_TYPE",
          index,
        ),
      );
    }
    const invalid =
      validateValue(type, input.value, referenceExists(ctx)) ??
      (definition
        ? checkValidations(definition.validations, input.value)
        : null);
    if (invalid)
      return errors.push(
        userError(at("value"), invalid, "INVALID_VALUE", index),
      );
    const existing = findMetafield(ctx, input.ownerId, namespace, input.key);
    if (input.hasCompareDigest) {
      const stale =
        input.compareDigest === null
          ? existing !== undefined
          : !existing || metafieldDigest(existing) !== input.compareDigest;
      if (stale) {
        return errors.push(
          userError(
            at("compareDigest"),
            "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.",
            "STALE_OBJECT",
            index,
          ),
        );
      }
    }
    planned.push({ input, namespace, type, owner, existing });
  });
  if (errors.length) return { metafields: [], userErrors: errors };

  const written = planned.map(({ input, namespace, type, owner, existing }) => {
    const record: MetafieldRecord = existing ?? {
      id: gid("Metafield", ctx.emulator.ids.take()),
      ownerId: input.ownerId,
      ownerType: owner,
      namespace,
      key: input.key,
      type,
      value: input.value,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    if (existing && existing.value === input.value && existing.type === type)
      return existing;
    record.type = type;
    record.value = input.value;
    record.updatedAt = ctx.now;
    ctx.shop.metafields.set(record.id, record);
    return record;
  });
  touchOwners(
    ctx,
    written.map((m) => m.ownerId),
  );
  return { metafields: written, userErrors: [] };
}

/** Metafield changes on products and variants show up as products/update. */
export function touchOwners(ctx: ResolverContext, ownerIds: string[]): void {
  const products = ownerIds.map(
    (id) =>
      ctx.shop.variants.get(id)?.productId ??
      (ctx.shop.products.has(id) ? id : null),
  );
  ctx.emulator.productsChanged(
    ctx.domain,
    products.filter((id): id is string => id !== null),
    ctx.now,
  );
}
