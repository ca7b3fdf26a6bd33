// The Meta catalogue (Facebook and Instagram shops) as a channel: a CSV data feed served from one stored row per
// variant at a token URL, registered by the merchant in Commerce Manager as a scheduled feed. Meta keeps an image
// it fetched once per URL, so image URLs are content-addressed (the rendition key carries the master's SHA-256 and
// the profile version): a replaced image is a new URL Meta fetches again. feed-adapter.server.ts stores and reads
// back.
import { oneOf, option, text, toMoney } from "./channel-product.db.server";
import { feedAdapter } from "./feed-adapter.server";
import {
  META_AGE_GROUPS,
  META_GENDERS,
  renderMetaFeed,
  type MetaItem,
} from "./meta-feed";

export const metaAdapter = feedAdapter<MetaItem>({
  kind: "META_CATALOG",
  slug: "meta",
  extension: "csv",
  contentType: "text/csv; charset=utf-8",
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
    availability: variant.availableForSale ? "in stock" : "out of stock",
    link:
      product.onlineStoreUrl ??
      `https://${shop}/products/${product.handle}?variant=${numericId}`,
    imageLink: urls[0]!,
    additionalImageLinks: urls.slice(1),
    price: toMoney(variant.price, currency),
    brand: text(values.brand) ?? product.vendor ?? shop,
    color: option(options, "color", "colour"),
    size: option(options, "size"),
    gender: oneOf(META_GENDERS, text(values.gender)),
    ageGroup: oneOf(META_AGE_GROUPS, text(values.age_group)),
    material: text(values.material_composition),
  }),
  write: (_shop, items) => renderMetaFeed(items),
});
