// productOptionUpdate (LEAVE_AS_IS): rename or move an option, link it to a metafield (every value then needs a
// linkedMetafieldValue), and add, update or delete values. A value with variants cannot be deleted, and the
// variant-managing strategy is not modelled (it fails loudly).
import { displayName } from "../metaobjects";
import {
  optionValues,
  renameOption,
  renameValue,
  syncValueNames,
} from "../options";
import { gid } from "../state";
import {
  nextId,
  userError,
  type Args,
  type ResolverContext,
  type UserErrorShape,
} from "./context";
import { addOptions, hasVariants } from "./option-records";
import {
  linkableDefinition,
  notImplemented,
  syncLinkedMetafield,
  validLinkedValue,
  type LinkInput,
} from "./option-links";

export function productOptionUpdate(
  _root: unknown,
  args: Args,
  ctx: ResolverContext,
) {
  const product = ctx.shop.products.get(args.productId as string);
  const fail = (errors: UserErrorShape[]) => ({
    product: null,
    userErrors: errors,
  });
  if (!product)
    return fail([
      userError(
        ["productId"],
        "Product does not exist",
        "PRODUCT_DOES_NOT_EXIST",
      ),
    ]);
  if (args.variantStrategy === "MANAGE")
    notImplemented(ctx, "productOptionUpdate(variantStrategy: MANAGE)");
  const input = args.option as {
    id: string;
    name?: string;
    position?: number;
    linkedMetafield?: LinkInput;
  };
  const option = product.options.find((o) => o.id === input.id);
  if (!option)
    return fail([
      userError(
        ["option", "id"],
        "Option does not exist.",
        "OPTION_DOES_NOT_EXIST",
      ),
    ]);
  const values = optionValues(option, nextId(ctx));
  const toAdd =
    (args.optionValuesToAdd as
      { name?: string; linkedMetafieldValue?: string }[] | null) ?? [];
  const toUpdate =
    (args.optionValuesToUpdate as
      { id: string; name?: string; linkedMetafieldValue?: string }[] | null) ??
    [];
  const toDelete = (args.optionValuesToDelete as string[] | null) ?? [];
  const link = input.linkedMetafield ?? option.linkedMetafield ?? null;
  const errors: UserErrorShape[] = [];
  const definition = link ? linkableDefinition(ctx, link) : null;
  if (link && !definition)
    errors.push(
      userError(
        ["option", "linkedMetafield"],
        "No valid metafield definition found for linked option.",
        "LINKED_METAFIELD_DEFINITION_NOT_FOUND",
      ),
    );
  if (
    input.name &&
    product.options.some(
      (o) => o !== option && o.name.toLowerCase() === input.name!.toLowerCase(),
    )
  )
    errors.push(
      userError(
        ["option", "name"],
        `Option ${input.name} already exists.`,
        "OPTION_ALREADY_EXISTS",
      ),
    );
  if (
    input.position != null &&
    (input.position < 1 || input.position > product.options.length)
  )
    errors.push(
      userError(
        ["option", "position"],
        "The option position provided is not valid.",
        "INVALID_POSITION",
      ),
    );
  if (input.linkedMetafield && !option.linkedMetafield) {
    const remaining = values.filter((v) => !toDelete.includes(v.id));
    if (
      remaining.some(
        (v) => !toUpdate.find((u) => u.id === v.id)?.linkedMetafieldValue,
      )
    )
      errors.push(
        userError(
          ["optionValuesToUpdate"],
          "Updating the linked_metafield of an option requires a linked_metafield_value for each option value.",
          "LINKED_OPTION_UPDATE_MISSING_VALUES",
        ),
      );
  }
  toUpdate.forEach((u, i) => {
    const at = (f: string) => ["optionValuesToUpdate", String(i), f];
    if (!values.some((v) => v.id === u.id))
      errors.push(
        userError(
          at("id"),
          "Option value does not exist.",
          "OPTION_VALUE_DOES_NOT_EXIST",
        ),
      );
    else if (toDelete.includes(u.id))
      errors.push(
        userError(
          at("id"),
          "Performing conflicting actions on an option value.",
          "OPTION_VALUE_CONFLICTING_OPERATION",
        ),
      );
    else if (link ? u.name != null : u.linkedMetafieldValue != null)
      errors.push(
        userError(
          at(link ? "name" : "linkedMetafieldValue"),
          "An option cannot have both metafield linked and nonlinked option values.",
          "CANNOT_COMBINE_LINKED_AND_NONLINKED_OPTION_VALUES",
        ),
      );
    else if (
      definition &&
      u.linkedMetafieldValue != null &&
      !validLinkedValue(ctx, definition, u.linkedMetafieldValue)
    )
      errors.push(
        userError(
          at("linkedMetafieldValue"),
          "Invalid metafield value for linked option.",
          "INVALID_METAFIELD_VALUE_FOR_LINKED_OPTION",
        ),
      );
  });
  toAdd.forEach((a, i) => {
    const at = (f: string) => ["optionValuesToAdd", String(i), f];
    if (
      link
        ? !a.linkedMetafieldValue ||
          (definition &&
            !validLinkedValue(ctx, definition, a.linkedMetafieldValue))
        : !a.name
    )
      errors.push(
        userError(
          at(link ? "linkedMetafieldValue" : "name"),
          "Invalid option value.",
          link ? "INVALID_METAFIELD_VALUE_FOR_LINKED_OPTION" : "INVALID_NAME",
        ),
      );
    const name =
      link && a.linkedMetafieldValue
        ? ctx.shop.metaobjects.get(a.linkedMetafieldValue)
        : null;
    const wanted = (
      name ? displayName(ctx.shop, name) : (a.name ?? "")
    ).toLowerCase();
    if (values.some((v) => v.name.toLowerCase() === wanted))
      errors.push(
        userError(
          at("name"),
          "Option value already exists.",
          "OPTION_VALUE_ALREADY_EXISTS",
        ),
      );
  });
  toDelete.forEach((id, i) => {
    const value = values.find((v) => v.id === id);
    if (!value)
      errors.push(
        userError(
          ["optionValuesToDelete", String(i)],
          "Option value does not exist.",
          "OPTION_VALUE_DOES_NOT_EXIST",
        ),
      );
    else if (hasVariants(ctx, product.id, option.name, value.name))
      errors.push(
        userError(
          ["optionValuesToDelete", String(i)],
          "Option value with variants linked cannot be deleted.",
          "OPTION_VALUE_HAS_VARIANTS",
        ),
      );
  });
  if (
    toDelete.length &&
    values.every((v) => toDelete.includes(v.id)) &&
    !toAdd.length
  )
    errors.push(
      userError(
        ["optionValuesToDelete"],
        "Deleting all option values of an option is not allowed.",
        "CANNOT_DELETE_ALL_OPTION_VALUES_IN_OPTION",
      ),
    );
  if (errors.length) return fail(errors);

  if (input.name && input.name !== option.name)
    renameOption(ctx.shop, product, option, input.name);
  if (input.linkedMetafield)
    option.linkedMetafield = {
      namespace: input.linkedMetafield.namespace,
      key: input.linkedMetafield.key,
    };
  for (const u of toUpdate) {
    const value = values.find((v) => v.id === u.id)!;
    if (link && u.linkedMetafieldValue) {
      value.linkedMetafieldValue = u.linkedMetafieldValue;
      renameValue(
        ctx.shop,
        product,
        option,
        value,
        displayName(
          ctx.shop,
          ctx.shop.metaobjects.get(u.linkedMetafieldValue)!,
        ),
        ctx.now,
      );
    } else if (u.name)
      renameValue(ctx.shop, product, option, value, u.name, ctx.now);
  }
  option.optionValues = values.filter((v) => !toDelete.includes(v.id));
  for (const a of toAdd) {
    const metaobject = a.linkedMetafieldValue
      ? ctx.shop.metaobjects.get(a.linkedMetafieldValue)
      : undefined;
    option.optionValues.push({
      id: gid("ProductOptionValue", ctx.emulator.ids.take()),
      name: metaobject ? displayName(ctx.shop, metaobject) : a.name!,
      linkedMetafieldValue: metaobject?.id ?? null,
    });
  }
  syncValueNames(option);
  if (input.position != null && input.position !== option.position) {
    product.options.splice(product.options.indexOf(option), 1);
    product.options.splice(input.position - 1, 0, option);
    product.options.forEach((o, i) => (o.position = i + 1));
    addOptions(ctx, product, []);
  }
  syncLinkedMetafield(ctx, product, option);
  ctx.emulator.productsChanged(ctx.domain, [product.id], ctx.now);
  return { product, userErrors: [] };
}
