// Metafield-linked options: which product metafield definitions an option can link to, which metaobjects its
// values may reference, option records from create inputs, and the product metafield that mirrors the linked
// values (https://shopify.dev/docs/api/admin/migrate/new-product-model/metafield-linked).
import { GraphQLError } from "graphql";
import { displayName } from "../metaobjects";
import { newOption, optionValues } from "../options";
import type {
  MetafieldDefinitionRecord,
  OptionRecord,
  ProductRecord,
} from "../state";
import { gid } from "../state";
import { expandNamespace } from "../values";
import {
  nextId,
  userError,
  type ResolverContext,
  type UserErrorShape,
} from "./context";

const MAX_OPTIONS = 3;

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

export function hasVariants(
  ctx: ResolverContext,
  productId: string,
  optionName: string,
  valueName: string,
): boolean {
  const product = ctx.shop.products.get(productId);
  return (product?.variantIds ?? []).some((id) =>
    ctx.shop.variants
      .get(id)
      ?.selectedOptions.some(
        (s) => s.name === optionName && s.value === valueName,
      ),
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

/** Option records for productCreate / productOptionsCreate inputs, or the userErrors that refuse them. */
export function optionRecords(
  ctx: ResolverContext,
  inputs: {
    name?: string;
    position?: number;
    values?: { name?: string; linkedMetafieldValue?: string }[];
    linkedMetafield?: LinkInput;
  }[],
  taken: OptionRecord[],
  field: string,
): {
  options: { record: OptionRecord; position?: number }[];
  errors: UserErrorShape[];
} {
  const errors: UserErrorShape[] = [];
  const options: { record: OptionRecord; position?: number }[] = [];
  const names = new Set(taken.map((o) => o.name.toLowerCase()));
  const links = new Set(
    taken
      .filter((o) => o.linkedMetafield)
      .map((o) => `${o.linkedMetafield!.namespace}.${o.linkedMetafield!.key}`),
  );
  if (
    inputs.some((i) => i.position != null) &&
    inputs.some((i) => i.position == null)
  )
    errors.push(
      userError(
        [field],
        "If specified, position field must be present in all option inputs.",
        "OPTION_POSITION_MISSING",
      ),
    );
  inputs.forEach((input, index) => {
    const at = (...path: string[]) => [field, String(index), ...path];
    const name = input.name?.trim();
    if (!name)
      return errors.push(
        userError(
          at("name"),
          "Each option must have a name specified.",
          "OPTION_NAME_MISSING",
        ),
      );
    if (names.has(name.toLowerCase()))
      return errors.push(
        userError(
          at("name"),
          `Option ${name} already exists.`,
          taken.some((o) => o.name.toLowerCase() === name.toLowerCase())
            ? "OPTION_ALREADY_EXISTS"
            : "DUPLICATED_OPTION_NAME",
        ),
      );
    names.add(name.toLowerCase());
    const link = input.linkedMetafield;
    if (link && input.values?.length)
      return errors.push(
        userError(
          at("values"),
          "Cannot combine linked metafield and option values.",
          "CANNOT_COMBINE_LINKED_METAFIELD_AND_OPTION_VALUES",
        ),
      );
    let values: { name: string; linkedMetafieldValue?: string | null }[];
    if (link) {
      const definition = linkableDefinition(ctx, link);
      if (!definition)
        return errors.push(
          userError(
            at("linkedMetafield"),
            "No valid metafield definition found for linked option.",
            "LINKED_METAFIELD_DEFINITION_NOT_FOUND",
          ),
        );
      const key = `${link.namespace}.${link.key}`;
      if (links.has(key))
        return errors.push(
          userError(
            at("linkedMetafield"),
            "An option linked to the provided metafield already exists.",
            "OPTION_LINKED_METAFIELD_ALREADY_TAKEN",
          ),
        );
      links.add(key);
      if (!link.values?.length)
        return errors.push(
          userError(
            at("linkedMetafield", "values"),
            "Missing metafield values for linked option.",
            "MISSING_METAFIELD_VALUES_FOR_LINKED_OPTION",
          ),
        );
      const bad = link.values.findIndex(
        (id) => !validLinkedValue(ctx, definition, id),
      );
      if (bad >= 0)
        return errors.push(
          userError(
            at("linkedMetafield", "values", String(bad)),
            "Invalid metafield value for linked option.",
            "INVALID_METAFIELD_VALUE_FOR_LINKED_OPTION",
          ),
        );
      values = link.values.map((id) => ({
        name: displayName(ctx.shop, ctx.shop.metaobjects.get(id)!),
        linkedMetafieldValue: id,
      }));
    } else {
      if (!input.values?.length)
        return errors.push(
          userError(
            at("values"),
            "Each option must have at least one option value specified.",
            "OPTION_VALUES_MISSING",
          ),
        );
      if (input.values.some((v) => v.linkedMetafieldValue))
        return errors.push(
          userError(
            at("values"),
            "Cannot specify 'linkedMetafieldValue' for an option that is not linked to a metafield.",
            "LINKED_METAFIELD_VALUE_WITHOUT_LINKED_OPTION",
          ),
        );
      values = input.values.map((v) => ({ name: v.name ?? "" }));
    }
    if (new Set(values.map((v) => v.name.toLowerCase())).size !== values.length)
      return errors.push(
        userError(
          at("values"),
          "Duplicated option value.",
          "DUPLICATED_OPTION_VALUE",
        ),
      );
    const record = newOption(name, 0, values, nextId(ctx));
    record.linkedMetafield = link
      ? { namespace: link.namespace, key: link.key }
      : null;
    return options.push({ record, position: input.position });
  });
  if (taken.length + options.length > MAX_OPTIONS)
    errors.push(
      userError(
        [field],
        `Products can have at most ${MAX_OPTIONS} options.`,
        "OPTIONS_OVER_LIMIT",
      ),
    );
  return { options, errors };
}

export const isDefaultOption = (product: ProductRecord) =>
  product.options.length === 1 &&
  product.options[0]!.name === "Title" &&
  product.options[0]!.values.join() === "Default Title";

/** Adds options to a product (LEAVE_AS_IS: every existing variant takes the first value of each new option). */
export function addOptions(
  ctx: ResolverContext,
  product: ProductRecord,
  added: { record: OptionRecord; position?: number }[],
) {
  if (isDefaultOption(product) && added.length) {
    // A product with only the default variant: the new options replace the "Title" standalone option.
    product.options = [];
    for (const id of product.variantIds)
      ctx.shop.variants.get(id)!.selectedOptions = [];
  }
  for (const { record, position } of added) {
    const at = position
      ? Math.min(Math.max(position - 1, 0), product.options.length)
      : product.options.length;
    product.options.splice(at, 0, record);
  }
  product.options.forEach((o, i) => (o.position = i + 1));
  for (const id of product.variantIds) {
    const variant = ctx.shop.variants.get(id)!;
    const byName = new Map(
      variant.selectedOptions.map((s) => [s.name, s.value]),
    );
    variant.selectedOptions = product.options.map((o) => ({
      name: o.name,
      value: byName.get(o.name) ?? o.values[0]!,
    }));
    variant.title = variant.selectedOptions.map((s) => s.value).join(" / ");
    variant.updatedAt = ctx.now;
  }
  for (const { record } of added) syncLinkedMetafield(ctx, product, record);
}

/** Writes the linked metafields of every linked option of a product (after productCreate). */
export function syncLinkedMetafields(
  ctx: ResolverContext,
  product: ProductRecord,
): void {
  for (const option of product.options)
    syncLinkedMetafield(ctx, product, option);
}
