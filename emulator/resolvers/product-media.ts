// Product media: the media productCreate/productUpdate/productVariantsBulkUpdate attach, and
// productVariantAppendMedia/DetachMedia — with Shopify's rules (READY media only, one media per variant,
// ≤ 100 pairs per call).
import { createFile } from "../file-processing";
import type { ProductRecord } from "../state";
import {
  userError,
  type Args,
  type ResolverContext,
  type ResolverMap,
  type UserErrorShape,
} from "./context";
import { attachToProduct } from "./file-references";
import { kindFor } from "./file-sources";

const MAX_VARIANT_MEDIA_PAIRS = 100;

/** Creates a file per media input and attaches it to the product (processed asynchronously). */
export function createMedia(
  ctx: ResolverContext,
  product: ProductRecord,
  media: { originalSource: string; mediaContentType: string; alt?: string }[],
) {
  for (const input of media) {
    const file = createFile(ctx.emulator, ctx.domain, {
      source: input.originalSource,
      filename: decodeURIComponent(
        new URL(input.originalSource).pathname.split("/").pop() || "image.jpg",
      ),
      alt: input.alt ?? "",
      kind: kindFor(input.mediaContentType, input.originalSource),
      now: ctx.now,
    });
    attachToProduct(ctx, file, product.id);
  }
}

export const variantMediaMutations: ResolverMap["Mutation"] = {
  productVariantAppendMedia: (_root, args: Args, ctx) =>
    variantMedia(ctx, args, "append"),
  productVariantDetachMedia: (_root, args: Args, ctx) =>
    variantMedia(ctx, args, "detach"),
};

function variantMedia(
  ctx: ResolverContext,
  args: Args,
  mode: "append" | "detach",
) {
  const product = ctx.shop.products.get(args.productId as string);
  if (!product)
    return {
      product: null,
      productVariants: null,
      userErrors: [
        userError(
          ["productId"],
          "Product does not exist.",
          "PRODUCT_DOES_NOT_EXIST",
        ),
      ],
    };
  const pairs = args.variantMedia as {
    variantId: string;
    mediaIds: string[];
  }[];
  if (pairs.length > MAX_VARIANT_MEDIA_PAIRS) {
    return {
      product,
      productVariants: null,
      userErrors: [
        userError(
          ["variantMedia"],
          `Exceeded the maximum number of ${MAX_VARIANT_MEDIA_PAIRS} variant-media pairs per mutation call.`,
          "MAXIMUM_VARIANT_MEDIA_PAIRS_EXCEEDED",
        ),
      ],
    };
  }
  const errors: UserErrorShape[] = [];
  const seen = new Set<string>();
  pairs.forEach((pair, index) => {
    const at = (field: string) => ["variantMedia", String(index), field];
    if (seen.has(pair.variantId))
      errors.push(
        userError(
          at("variantId"),
          "Variant specified in more than one pair.",
          "PRODUCT_VARIANT_SPECIFIED_MULTIPLE_TIMES",
        ),
      );
    seen.add(pair.variantId);
    const variant = ctx.shop.variants.get(pair.variantId);
    if (!variant || variant.productId !== product.id)
      return errors.push(
        userError(
          at("variantId"),
          "Variant does not exist on the given product.",
          "PRODUCT_VARIANT_DOES_NOT_EXIST_ON_PRODUCT",
        ),
      );
    if (pair.mediaIds.length !== 1)
      return errors.push(
        userError(
          at("mediaIds"),
          "Only one mediaId is allowed per variant-media input pair.",
          "TOO_MANY_MEDIA_PER_INPUT_PAIR",
        ),
      );
    const mediaId = pair.mediaIds[0]!;
    const file = ctx.shop.files.get(mediaId);
    if (!file)
      return errors.push(
        userError(
          at("mediaIds"),
          "Media does not exist.",
          "MEDIA_DOES_NOT_EXIST",
        ),
      );
    if (!product.mediaIds.includes(mediaId))
      return errors.push(
        userError(
          at("mediaIds"),
          "Media does not exist on the given product.",
          "MEDIA_DOES_NOT_EXIST_ON_PRODUCT",
        ),
      );
    if (mode === "append") {
      if (file.status !== "READY")
        return errors.push(
          userError(
            at("mediaIds"),
            "Non-ready media are not supported.",
            "NON_READY_MEDIA",
          ),
        );
      if (variant.mediaIds.length > 0)
        return errors.push(
          userError(
            at("variantId"),
            "Product variant already has attached media.",
            "PRODUCT_VARIANT_ALREADY_HAS_MEDIA",
          ),
        );
    } else if (!variant.mediaIds.includes(mediaId)) {
      return errors.push(
        userError(
          at("mediaIds"),
          "The specified media is not attached to the specified variant.",
          "MEDIA_IS_NOT_ATTACHED_TO_VARIANT",
        ),
      );
    }
    return undefined;
  });
  if (errors.length)
    return { product, productVariants: null, userErrors: errors };
  const variants = pairs.map((pair) => {
    const variant = ctx.shop.variants.get(pair.variantId)!;
    variant.mediaIds = mode === "append" ? [pair.mediaIds[0]!] : [];
    variant.updatedAt = ctx.now;
    return variant;
  });
  ctx.emulator.productsChanged(ctx.domain, [product.id], ctx.now);
  return { product, productVariants: variants, userErrors: [] };
}
