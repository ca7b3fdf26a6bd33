// Metafield-linked options: which product metafield definitions an option can link to, which metaobjects its
// values may reference, and the product metafield that mirrors the linked values
// (https://shopify.dev/docs/api/admin/migrate/new-product-model/metafield-linked). Option records from create
// inputs live in option-records.ts.
import { GraphQLError } from "graphql";
import { optionValues } from "../options";
import type {
  MetafieldDefinitionRecord,
  OptionRecord,
  ProductRecord,
} from "../state";
import { gid } from "../state";
import { expandNamespace } from "../values";
import { nextId, type ResolverContext } from "./context";

export interface LinkInput {
  namespace: string;
  key: string;
  values?: string[] | null;
}

export function notImplemented(ctx: ResolverContext, what: string): never {
  ctx.emulator.unimplemented.add(what);
  throw new GraphQLError(`The store emulator does not implement ${what}`, {
    extensions: { code: "EMULATOR_NOT_IMPLEMENTED" },
  });
}

/** The product metafield definition an option can link to: PRODUCT, list.metaobject_reference. */
export function linkableDefinition(
  ctx: ResolverContext,
  link: LinkInput,
): MetafieldDefinitionRecord | null {
  const namespace = expandNamespace(link.namespace, ctx.emulator.appId);
  return (
    [...ctx.shop.definitions.values()].find(
      (d) =>
        d.ownerType === "PRODUCT" &&
        d.namespace === namespace &&
        d.key === link.key &&
        d.type === "list.metaobject_reference",
    ) ?? null
  );
}

/** Whether `id` is a metaobject the definition may reference (its metaobject_definition_id validation). */
export function validLinkedValue(
  ctx: ResolverContext,
  definition: MetafieldDefinitionRecord,
  id: string | null | undefined,
) {
  const metaobject = id ? ctx.shop.metaobjects.get(id) : undefined;
  if (!metaobject) return false;
  const required = definition.validations.find(
    (v) => v.name === "metaobject_definition_id",
  )?.value;
  return (
    !required ||
    ctx.shop.metaobjectDefinitions.get(required)?.type === metaobject.type
  );
}

/** Writes the linked product metafield: the list of metaobjects the option's values reference. */
export function syncLinkedMetafield(
  ctx: ResolverContext,
  product: ProductRecord,
  option: OptionRecord,
): void {
  if (!option.linkedMetafield) return;
  const namespace = expandNamespace(
    option.linkedMetafield.namespace,
    ctx.emulator.appId,
  );
  const value = JSON.stringify(
    optionValues(option, nextId(ctx)).map((v) => v.linkedMetafieldValue),
  );
  const existing = [...ctx.shop.metafields.values()].find(
    (m) =>
      m.ownerId === product.id &&
      m.namespace === namespace &&
      m.key === option.linkedMetafield!.key,
  );
  if (existing) {
    existing.value = value;
    existing.updatedAt = ctx.now;
    return;
  }
  const record = {
    id: gid("Metafield", ctx.emulator.ids.take()),
    ownerId: product.id,
    ownerType: "PRODUCT",
    namespace,
    key: option.linkedMetafield.key,
    type: "list.metaobject_reference",
    value,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  ctx.shop.metafields.set(record.id, record);
}

/** Writes the linked metafields of every linked option of a product (after productCreate). */
export function syncLinkedMetafields(
  ctx: ResolverContext,
  product: ProductRecord,
): void {
  for (const option of product.options)
    syncLinkedMetafield(ctx, product, option);
}
