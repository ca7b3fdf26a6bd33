// What a shopper sees: GET https://{shop}/products/{handle}.js (and /{locale}/products/{handle}.js), shaped like
// Shopify's Ajax product API, plus `metafields` and `options_with_values` (emulator additions shaped after Liquid,
// see storefront-liquid.ts: app metafields with storefront access, file references resolved; option values with
// their swatch). A product page opens only for an ACTIVE or UNLISTED product ("you need a direct link
// to view it") published to the Online Store at the emulator clock's time. Only processed (READY) media content
// is shown; a file being replaced keeps serving its previous content until the new one is ready, as a CDN would.
// In another published locale, translated title, description, product type, option names and values, image alt
// texts and metafield values replace the source (an outdated translation is still shown, as on Shopify).
// /products.json lists what the online store lists: UNLISTED products are left out.
import type { ShopifyEmulator } from "./emulator";
import { listedOnOnlineStore, visibleOnOnlineStore } from "./publications";
import { optionValues } from "./options";
import {
  parseGid,
  type FileRecord,
  type ProductRecord,
  type ShopState,
} from "./state";
import {
  optionsWithValues,
  storefrontMetafields,
  type StorefrontContext,
} from "./storefront-liquid";
import { translatedValue } from "./translations";

/** The locale a storefront path asks for: null for the primary one, undefined for a locale the shop does not publish. */
export function storefrontLocale(
  shop: ShopState,
  locale: string | null,
): string | null | undefined {
  if (locale === null) return null;
  const found = shop.info.locales.find((l) => l.locale === locale);
  if (!found?.published) return undefined;
  return found.primary ? null : locale;
}

function findProduct(shop: ShopState, handle: string, locale: string | null) {
  return [...shop.products.values()].find(
    (p) =>
      p.handle === handle ||
      (locale !== null &&
        translatedValue(shop, p.id, "handle", locale) === handle),
  );
}

export function storefrontProduct(
  emulator: ShopifyEmulator,
  domain: string,
  handle: string,
  locale: string | null = null,
): Record<string, unknown> | null {
  const shop = emulator.shop(domain);
  const product = findProduct(shop, handle, locale);
  if (!product || !visibleOnOnlineStore(shop, product, emulator.clock.now()))
    return null;
  const t = (resourceId: string, key: string, source: string) =>
    (locale !== null
      ? translatedValue(shop, resourceId, key, locale)
      : undefined) ?? source;
  const numeric = (id: string) => parseGid(id)!.id;
  const ready = (file: FileRecord | undefined): file is FileRecord =>
    Boolean(file?.ready);
  const alt = (file: FileRecord) =>
    file.alt ? t(file.id, "alt", file.alt) : null;
  const image = (file: FileRecord) => ({
    id: numeric(file.id),
    src: emulator.fileUrl(domain, file),
    alt: alt(file),
    width: file.ready!.width,
    height: file.ready!.height,
  });
  const gallery = product.mediaIds
    .map((id) => shop.files.get(id))
    .filter(ready);
  const images = gallery.filter((f) => f.kind === "MediaImage");
  const next = () => emulator.ids.take();
  const options = product.options.map((o) => ({
    name: t(o.id, "name", o.name),
    position: o.position,
    values: optionValues(o, next).map((v) => t(v.id, "name", v.name)),
  }));
  const valueName = (optionName: string, value: string) => {
    const option = product.options.find((o) => o.name === optionName);
    const record =
      option && optionValues(option, next).find((v) => v.name === value);
    return record ? t(record.id, "name", value) : value;
  };
  const ctx: StorefrontContext = { emulator, domain, shop, locale, t };
  return {
    id: numeric(product.id),
    title: t(product.id, "title", product.title),
    handle: t(product.id, "handle", product.handle),
    description: t(product.id, "body_html", product.descriptionHtml),
    vendor: product.vendor,
    type: t(product.id, "product_type", product.productType),
    tags: product.tags,
    options,
    options_with_values: optionsWithValues(ctx, product),
    featured_image: images[0] ? emulator.fileUrl(domain, images[0]) : null,
    images: images.map((f) => emulator.fileUrl(domain, f)),
    media: gallery.map((f, index) =>
      mediaEntry(emulator, domain, f, index, alt(f)),
    ),
    variants: product.variantIds.map((id) => {
      const variant = shop.variants.get(id)!;
      const media = shop.files.get(variant.mediaIds[0] ?? "");
      const values = variant.selectedOptions.map((o) =>
        valueName(o.name, o.value),
      );
      return {
        id: numeric(variant.id),
        title: values.join(" / "),
        sku: variant.sku,
        barcode: variant.barcode,
        price: Math.round(Number(variant.price) * 100),
        available: variant.inventoryQuantity > 0,
        options: values,
        featured_image:
          ready(media) && media.kind === "MediaImage" ? image(media) : null,
        metafields: storefrontMetafields(ctx, variant.id),
      };
    }),
    metafields: storefrontMetafields(ctx, product.id),
  };
}

function mediaEntry(
  emulator: ShopifyEmulator,
  domain: string,
  file: FileRecord,
  index: number,
  alt: string | null,
) {
  const content = file.ready!;
  const common = { id: parseGid(file.id)!.id, alt, position: index + 1 };
  const preview = content.preview
    ? {
        src: emulator.previewUrl(domain, file),
        width: content.preview.width,
        height: content.preview.height,
      }
    : null;
  const url = emulator.fileUrl(domain, file);
  if (file.kind === "Video")
    return {
      ...common,
      media_type: "video",
      duration: content.durationMs ?? null,
      preview_image: preview,
      sources: [
        {
          format:
            content.mimeType === "video/quicktime"
              ? "mov"
              : content.mimeType.split("/")[1],
          mime_type: content.mimeType,
          url,
          width: content.width,
          height: content.height,
        },
      ],
    };
  if (file.kind === "Model3d")
    return {
      ...common,
      media_type: "model",
      preview_image: preview,
      sources: [
        {
          format: content.mimeType === "model/gltf-binary" ? "glb" : "usdz",
          mime_type: content.mimeType,
          url,
        },
      ],
    };
  return {
    ...common,
    media_type: "image",
    src: url,
    width: content.width,
    height: content.height,
  };
}

/** GET /products.json: the products the online store lists (ACTIVE and published; not UNLISTED), emulator subset. */
export function storefrontProducts(
  emulator: ShopifyEmulator,
  domain: string,
): Record<string, unknown> {
  const shop = emulator.shop(domain);
  const now = emulator.clock.now();
  const listed = [...shop.products.values()]
    .filter((p: ProductRecord) => listedOnOnlineStore(shop, p, now))
    .sort((a, b) => parseGid(a.id)!.id - parseGid(b.id)!.id);
  return {
    products: listed.map((p) => ({
      id: parseGid(p.id)!.id,
      title: p.title,
      handle: p.handle,
      vendor: p.vendor,
      product_type: p.productType,
    })),
  };
}
