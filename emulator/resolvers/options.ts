// Product options with option-value ids, metafield-linked options and swatches: productOptionsCreate and
// productOptionUpdate (LEAVE_AS_IS; the variant-creating strategies are not modelled and fail loudly),
// ProductOption / ProductOptionValue / SelectedOption.optionValue.
//
// The 2026-10 schema has no swatch input (OptionValueCreateInput/OptionValueUpdateInput carry only `name` and
// `linkedMetafieldValue`). A swatch comes from linking the option to a product `list.metaobject_reference`
// metafield (e.g. the category metafield `shopify.color-pattern`, https://shopify.dev/docs/api/admin/migrate/new-product-model/metafield-linked):
// each value then references a metaobject whose display name is the value's name and — for the standard
// `shopify--color-pattern` entries — whose colour and image are the value's swatch. Linking also sets the
// product's metafield to the linked values, as the linked-options guide shows.
import { swatchOf } from "../metaobjects";
import { optionValues } from "../options";
import type { OptionRecord, OptionValueRecord, ProductRecord } from "../state";
import {
  nextId,
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
} from "./context";
import { notImplemented } from "./option-links";
import {
  addOptions,
  hasVariants,
  isDefaultOption,
  optionRecords,
} from "./option-records";
import { productOptionUpdate } from "./option-update";

interface ValueView extends OptionValueRecord {
  productId: string;
  optionName: string;
}

function productOptionsCreate(
  _root: unknown,
  args: Args,
  ctx: ResolverContext,
) {
  const product = ctx.shop.products.get(args.productId as string);
  if (!product)
    return {
      product: null,
      userErrors: [
        userError(
          ["productId"],
          "Product does not exist",
          "PRODUCT_DOES_NOT_EXIST",
        ),
      ],
    };
  if (args.variantStrategy === "CREATE")
    notImplemented(ctx, "productOptionsCreate(variantStrategy: CREATE)");
  const taken = isDefaultOption(product) ? [] : product.options;
  const { options, errors } = optionRecords(
    ctx,
    args.options as never[],
    taken,
    "options",
  );
  if (errors.length) return { product: null, userErrors: errors };
  addOptions(ctx, product, options);
  ctx.emulator.productsChanged(ctx.domain, [product.id], ctx.now);
  return { product, userErrors: [] };
}

const valueView = (
  product: ProductRecord,
  option: OptionRecord,
  value: OptionValueRecord,
): ValueView => ({
  ...value,
  productId: product.id,
  optionName: option.name,
});

/** Options and selected options are read with their product's id attached, so their values need no search. */
interface OptionView extends OptionRecord {
  productId: string;
}
interface SelectedView {
  name: string;
  value: string;
  productId: string;
}

function valueOf(
  ctx: ResolverContext,
  productId: string,
  optionName: string,
  valueName: string,
): ValueView | null {
  const product = ctx.shop.products.get(productId);
  const option = product?.options.find((o) => o.name === optionName);
  const value =
    option &&
    optionValues(option, nextId(ctx)).find((v) => v.name === valueName);
  return product && option && value ? valueView(product, option, value) : null;
}

export const optionResolvers: ResolverMap = {
  Mutation: { productOptionsCreate, productOptionUpdate },
  Product: {
    options: (p: ProductRecord, args) =>
      (args.first ? p.options.slice(0, args.first as number) : p.options).map(
        (o): OptionView => ({ ...o, productId: p.id }),
      ),
  },
  ProductVariant: {
    selectedOptions: (v: {
      productId: string;
      selectedOptions: { name: string; value: string }[];
    }) =>
      v.selectedOptions.map((s): SelectedView => ({
        ...s,
        productId: v.productId,
      })),
  },
  ProductOption: {
    optionValues: (option: OptionView, _args, ctx) => {
      const product = ctx.shop.products.get(option.productId);
      const record = product?.options.find((o) => o.id === option.id);
      return product && record
        ? optionValues(record, nextId(ctx)).map((v) =>
            valueView(product, record, v),
          )
        : [];
    },
    linkedMetafield: (option: OptionRecord) => option.linkedMetafield ?? null,
  },
  ProductOptionValue: {
    hasVariants: (v: ValueView, _args, ctx) =>
      hasVariants(ctx, v.productId, v.optionName, v.name),
    swatch: (v: ValueView, _args, ctx) => {
      const swatch = swatchOf(ctx.shop, v.linkedMetafieldValue);
      return swatch
        ? {
            color: swatch.color,
            image: swatch.imageId ? ctx.shop.files.get(swatch.imageId) : null,
          }
        : null;
    },
  },
  SelectedOption: {
    optionValue: (selected: SelectedView, _args, ctx) =>
      valueOf(ctx, selected.productId, selected.name, selected.value),
  },
};
