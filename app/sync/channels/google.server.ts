// Google Merchant Center as a channel: a feed (RSS 2.0, g: namespace) served from one stored row per variant,
// fetched by Google on its schedule (feed-adapter.server.ts does the storing and the read-back).
import {
  GOOGLE_AGE_GROUPS,
  GOOGLE_GENDERS,
  oneOf,
  option,
  text,
  toMoney,
} from "./channel-product.db.server";
import { feedAdapter } from "./feed-adapter.server";
import { renderGoogleFeed, type GoogleItem } from "./google-feed";

export const googleAdapter = feedAdapter<GoogleItem>({
  kind: "GOOGLE_MERCHANT",
  slug: "google",
  extension: "xml",
  contentType: "application/rss+xml; charset=utf-8",
  item: ({
    shop,
    product,
    variant,
    urls,
    values,
    options,
    numericId,
    currency,
    description,
  }) => ({
    id: variant.sku || numericId,
    itemGroupId: product.shopifyId.split("/").pop()!,
    title: `${product.title} - ${variant.title}`,
    description,
    link:
      product.onlineStoreUrl ??
      `https://${shop}/products/${product.handle}?variant=${numericId}`,
    imageLink: urls[0]!,
    additionalImageLinks: urls.slice(1),
    price: toMoney(variant.price, currency),
    availability: variant.availableForSale ? "in_stock" : "out_of_stock",
    brand: text(values.brand) ?? product.vendor ?? shop,
    gtin: variant.barcode,
    mpn: variant.sku,
    color: option(options, "color", "colour"),
    size: option(options, "size"),
    productType: product.productType,
    gender: oneOf(GOOGLE_GENDERS, text(values.gender)),
    ageGroup: oneOf(GOOGLE_AGE_GROUPS, text(values.age_group)),
    material: text(values.material_composition),
  }),
  write: (shop, items) =>
    renderGoogleFeed({
      title: shop.name,
      link: shop.link,
      description: `Products of ${shop.name}, kept current by Vitrine`,
      items,
    }),
});

/** The shop's whole Google feed as served. */
export const googleFeedXml = (shop: string): Promise<string> =>
  googleAdapter.feed.render(shop);
