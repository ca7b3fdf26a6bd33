// What a shopper sees: GET https://{shop}/products/{handle}.js, shaped like Shopify's Ajax product API, plus
// `metafields` (an emulator addition) holding the app metafields whose definition grants storefront access.
// Only ACTIVE products are visible, and only processed (READY) media content; a file being replaced keeps
// serving its previous content until the new one is ready, as a CDN would.
import type { ShopifyEmulator } from "./emulator";
import { parseGid, type FileRecord } from "./state";
import { isAppNamespace, jsonValue } from "./values";

export function storefrontProduct(
  emulator: ShopifyEmulator,
  domain: string,
  handle: string,
): Record<string, unknown> | null {
  const shop = emulator.shop(domain);
  const product = [...shop.products.values()].find(
    (p) => p.handle === handle && p.status === "ACTIVE",
  );
  if (!product) return null;
  const numeric = (id: string) => parseGid(id)!.id;
  const visible = (file: FileRecord | undefined): file is FileRecord =>
    Boolean(file?.ready) && file!.kind === "MediaImage";
  const image = (file: FileRecord) => ({
    id: numeric(file.id),
    src: emulator.fileUrl(domain, file),
    alt: file.alt || null,
    width: file.ready!.width,
    height: file.ready!.height,
  });
  const gallery = product.mediaIds
    .map((id) => shop.files.get(id))
    .filter(visible);
  const storefrontMetafields = (ownerId: string) => {
    const out: Record<string, Record<string, unknown>> = {};
    for (const metafield of shop.metafields.values()) {
      if (
        metafield.ownerId !== ownerId ||
        !isAppNamespace(metafield.namespace, emulator.appId)
      )
        continue;
      const definition = [...shop.definitions.values()].find(
        (d) =>
          d.namespace === metafield.namespace &&
          d.key === metafield.key &&
          d.ownerType === metafield.ownerType,
      );
      if (definition?.storefrontAccess !== "PUBLIC_READ") continue;
      (out[metafield.namespace] ??= {})[metafield.key] = jsonValue(
        metafield.type,
        metafield.value,
      );
    }
    return out;
  };
  return {
    id: numeric(product.id),
    title: product.title,
    handle: product.handle,
    description: product.descriptionHtml,
    vendor: product.vendor,
    type: product.productType,
    tags: product.tags,
    options: product.options.map((o) => ({
      name: o.name,
      position: o.position,
      values: o.values,
    })),
    featured_image: gallery[0] ? emulator.fileUrl(domain, gallery[0]) : null,
    images: gallery.map((f) => emulator.fileUrl(domain, f)),
    media: gallery.map((f, index) => ({
      ...image(f),
      media_type: "image",
      position: index + 1,
    })),
    variants: product.variantIds.map((id) => {
      const variant = shop.variants.get(id)!;
      const media = shop.files.get(variant.mediaIds[0] ?? "");
      return {
        id: numeric(variant.id),
        title: variant.title,
        sku: variant.sku,
        barcode: variant.barcode,
        price: Math.round(Number(variant.price) * 100),
        available: variant.inventoryQuantity > 0,
        options: variant.selectedOptions.map((o) => o.value),
        featured_image: visible(media) ? image(media) : null,
        metafields: storefrontMetafields(variant.id),
      };
    }),
    metafields: storefrontMetafields(product.id),
  };
}
