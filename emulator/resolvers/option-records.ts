// A product's options: option records from productCreate / productOptionsCreate inputs (with Shopify's rules on
// names, values, positions, links and the three-option limit), adding them to a product, and whether a value
// is still used by a variant.
import { displayName } from "../metaobjects";
import { newOption } from "../options";
import type { OptionRecord, ProductRecord } from "../state";
import {
  nextId,
  userError,
  type ResolverContext,
  type UserErrorShape,
} from "./context";
import {
  linkableDefinition,
  syncLinkedMetafield,
  validLinkedValue,
  type LinkInput,
} from "./option-links";

const MAX_OPTIONS = 3;

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
