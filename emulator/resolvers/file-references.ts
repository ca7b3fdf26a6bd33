// A file's product references: the media list of each product it is attached to, and the variants showing it.
import type { FileRecord } from "../state";
import type { ResolverContext } from "./context";

export function removeFromProducts(
  ctx: ResolverContext,
  file: FileRecord,
  productIds: string[],
): void {
  for (const productId of productIds) {
    const product = ctx.shop.products.get(productId);
    if (!product) continue;
    product.mediaIds = product.mediaIds.filter((id) => id !== file.id);
    // "Removing file-product associations … clears the image from any product variants that were using it."
    for (const variantId of product.variantIds) {
      const variant = ctx.shop.variants.get(variantId)!;
      variant.mediaIds = variant.mediaIds.filter((id) => id !== file.id);
    }
  }
  file.productIds = file.productIds.filter((id) => !productIds.includes(id));
}

export function attachToProduct(
  ctx: ResolverContext,
  file: FileRecord,
  productId: string,
): void {
  const product = ctx.shop.products.get(productId)!;
  if (!product.mediaIds.includes(file.id)) product.mediaIds.push(file.id);
  if (!file.productIds.includes(productId)) file.productIds.push(productId);
}
