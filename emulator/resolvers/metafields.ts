// metafieldDefinitionCreate, metafieldsSet (≤ 25, atomic, compareDigest), metafieldsDelete.
import { gid, metafieldDigest, parseGid, type MetafieldRecord } from "../state";
import {
  expandNamespace,
  isAppNamespace,
  isKnownType,
  validateValue,
} from "../values";
import {
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
  type UserErrorShape,
} from "./context";
import { findNode } from "../nodes";

export const METAFIELDS_SET_LIMIT = 25;
const DEFINITIONS_PER_OWNER_TYPE = 256;

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

function findMetafield(
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

export const metafieldMutations: ResolverMap["Mutation"] = {
  metafieldsSet: (_root, args: Args, ctx) => {
    const inputs = args.metafields as Record<string, unknown>[];
    if (inputs.length > METAFIELDS_SET_LIMIT) {
      return {
        metafields: null,
        userErrors: [
          userError(
            ["metafields"],
            `Exceeded the maximum metafields input limit of ${METAFIELDS_SET_LIMIT}.`,
            "LESS_THAN_OR_EQUAL_TO",
          ),
        ],
      };
    }
    const writes = inputs.map((input) => ({
      ownerId: input.ownerId as string,
      namespace: input.namespace as string | undefined,
      key: input.key as string,
      type: input.type as string | undefined,
      value: input.value as string,
      compareDigest: input.compareDigest as string | null | undefined,
      hasCompareDigest: Object.hasOwn(input, "compareDigest"),
    }));
    const result = writeMetafields(ctx, writes);
    return {
      metafields: result.userErrors.length ? null : result.metafields,
      userErrors: result.userErrors,
    };
  },

  metafieldsDelete: (_root, args: Args, ctx) => {
    const identifiers = args.metafields as {
      ownerId: string;
      namespace: string;
      key: string;
    }[];
    const owners: string[] = [];
    const deletedMetafields = identifiers.map((identifier) => {
      const namespace = expandNamespace(
        identifier.namespace,
        ctx.emulator.appId,
      );
      const existing = findMetafield(
        ctx,
        identifier.ownerId,
        namespace,
        identifier.key,
      );
      if (!existing) return null;
      ctx.shop.metafields.delete(existing.id);
      owners.push(existing.ownerId);
      return {
        ownerId: existing.ownerId,
        namespace: existing.namespace,
        key: existing.key,
      };
    });
    touchOwners(ctx, owners);
    return { deletedMetafields, userErrors: [] };
  },

  metafieldDefinitionCreate: (_root, args: Args, ctx) => {
    const input = args.definition as {
      name: string;
      key: string;
      namespace?: string;
      type: string;
      ownerType: string;
      description?: string;
      validations?: { name: string; value?: string }[];
      access?: { admin?: string; storefront?: string };
      pin?: boolean;
    };
    const fail = (field: string, message: string, code: string) => ({
      createdDefinition: null,
      userErrors: [
        {
          ...userError(["definition", field], message, code),
          elementKey: null,
          elementIndex: null,
        },
      ],
    });
    const namespace = expandNamespace(input.namespace, ctx.emulator.appId);
    if (!/^[A-Za-z0-9_-]+$/.test(input.key))
      return fail(
        "key",
        "Key contains invalid characters.",
        "INVALID_CHARACTER",
      );
    if (input.key.length < 2)
      return fail(
        "key",
        "Key is too short (minimum is 2 characters).",
        "TOO_SHORT",
      );
    if (input.key.length > 64)
      return fail(
        "key",
        "Key is too long (maximum is 64 characters).",
        "TOO_LONG",
      );
    if (namespace.length < 3)
      return fail(
        "namespace",
        "Namespace is too short (minimum is 3 characters).",
        "TOO_SHORT",
      );
    if (!input.name.trim())
      return fail("name", "Name can't be blank.", "BLANK");
    if (!isKnownType(input.type))
      return fail(
        "type",
        `Type ${input.type} is not a valid type.`,
        "INCLUSION",
      );
    const appOwned = isAppNamespace(namespace, ctx.emulator.appId);
    if (input.access?.admin && !appOwned) {
      return fail(
        "access",
        "Setting admin access is only allowed for app-owned definitions.",
        "ADMIN_ACCESS_INPUT_NOT_ALLOWED",
      );
    }
    const definitions = [...ctx.shop.definitions.values()];
    if (
      definitions.some(
        (d) =>
          d.ownerType === input.ownerType &&
          d.namespace === namespace &&
          d.key === input.key,
      )
    ) {
      return fail(
        "key",
        "Key is in use for this owner type and namespace.",
        "TAKEN",
      );
    }
    const appDefinitions = definitions.filter(
      (d) =>
        d.ownerType === input.ownerType &&
        isAppNamespace(d.namespace, ctx.emulator.appId),
    );
    if (appOwned && appDefinitions.length >= DEFINITIONS_PER_OWNER_TYPE) {
      return fail(
        "ownerType",
        `An app can have at most ${DEFINITIONS_PER_OWNER_TYPE} definitions per resource type.`,
        "RESOURCE_TYPE_LIMIT_EXCEEDED_BY_APP",
      );
    }
    const pinned = definitions.filter(
      (d) => d.ownerType === input.ownerType && d.pinnedPosition !== null,
    ).length;
    const record = {
      id: gid("MetafieldDefinition", ctx.emulator.ids.take()),
      namespace,
      key: input.key,
      name: input.name,
      description: input.description ?? null,
      type: input.type,
      ownerType: input.ownerType,
      adminAccess: appOwned ? (input.access?.admin ?? "MERCHANT_READ") : null,
      storefrontAccess: input.access?.storefront ?? "NONE",
      validations: (input.validations ?? []).map((v) => ({
        name: v.name,
        value: v.value ?? null,
      })),
      pinnedPosition: input.pin ? pinned + 1 : null,
      createdAt: ctx.now,
    };
    ctx.shop.definitions.set(record.id, record);
    return { createdDefinition: record, userErrors: [] };
  },
};
