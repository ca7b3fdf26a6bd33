// productVariantsBulkUpdate: prices, barcode, SKU, a variant's media and metafields, atomic unless
// allowPartialUpdates.
import type { VariantRecord } from "../state";
import {
  userError,
  type Args,
  type ResolverMap,
  type UserErrorShape,
} from "./context";
import {
  metafieldWrites,
  writeMetafields,
  type MetafieldInput,
} from "./metafield-writes";
import { createMedia } from "./product-media";

export const variantMutations: ResolverMap["Mutation"] = {
  productVariantsBulkUpdate: (_root, args: Args, ctx) => {
    const product = ctx.shop.products.get(args.productId as string);
    if (!product)
      return {
        product: null,
        productVariants: null,
        userErrors: [
          userError(
            ["productId"],
            "Product does not exist",
            "PRODUCT_DOES_NOT_EXIST",
          ),
        ],
      };
    const inputs = args.variants as Args[];
    const errors: UserErrorShape[] = [];
    inputs.forEach((input, index) => {
      const at = (field: string) => ["variants", String(index), field];
      if (!input.id)
        return errors.push(
          userError(
            at("id"),
            "Product variant is missing ID attribute",
            "PRODUCT_VARIANT_ID_MISSING",
          ),
        );
      if (!product.variantIds.includes(input.id as string))
        return errors.push(
          userError(
            at("id"),
            "Product variant does not exist",
            "PRODUCT_VARIANT_DOES_NOT_EXIST",
          ),
        );
      if (input.price !== undefined && Number(input.price) < 0)
        errors.push(
          userError(
            at("price"),
            "Price must be greater than or equal to 0",
            "NEGATIVE_PRICE_VALUE",
          ),
        );
      if (input.mediaId) {
        const file = ctx.shop.files.get(input.mediaId as string);
        if (!file || !product.mediaIds.includes(file.id))
          errors.push(
            userError(
              at("mediaId"),
              "Media does not exist on the given product.",
              "INVALID_INPUT",
            ),
          );
        else if (file.status !== "READY")
          errors.push(
            userError(
              at("mediaId"),
              "Non-ready media are not supported.",
              "INVALID_INPUT",
            ),
          );
      }
      return undefined;
    });
    if (errors.length && !args.allowPartialUpdates)
      return { product, productVariants: null, userErrors: errors };
    createMedia(ctx, product, (args.media as never[] | undefined) ?? []);
    const failed = new Set(errors.map((e) => Number(e.field?.[1])));
    const updated: VariantRecord[] = [];
    inputs.forEach((input, index) => {
      if (failed.has(index)) return;
      const variant = ctx.shop.variants.get(input.id as string)!;
      if (input.price !== undefined)
        variant.price = Number(input.price).toFixed(2);
      if (input.compareAtPrice !== undefined)
        variant.compareAtPrice =
          input.compareAtPrice === null
            ? null
            : Number(input.compareAtPrice).toFixed(2);
      if (input.barcode !== undefined)
        variant.barcode = input.barcode as string | null;
      const inventoryItem = input.inventoryItem as { sku?: string } | undefined;
      if (inventoryItem?.sku !== undefined) variant.sku = inventoryItem.sku;
      if (input.mediaId) variant.mediaIds = [input.mediaId as string];
      variant.updatedAt = ctx.now;
      const metafields = writeMetafields(
        ctx,
        metafieldWrites(
          variant.id,
          input.metafields as MetafieldInput[] | undefined,
        ),
      );
      errors.push(...metafields.userErrors);
      updated.push(variant);
    });
    ctx.emulator.productsChanged(ctx.domain, [product.id], ctx.now);
    return { product, productVariants: updated, userErrors: errors };
  },
};
