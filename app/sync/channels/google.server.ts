// Google Merchant Center as a channel: a feed (RSS 2.0, g: namespace) served from one stored row per variant,
// fetched by Google on its schedule (feed-adapter.server.ts does the storing and the read-back).
import { feedAdapter } from "./feed-adapter.server";
import { baseFeedItem } from "./feed-item";
import {
  GOOGLE_AGE_GROUPS,
  GOOGLE_GENDERS,
  googleItemColumn,
  renderGoogleFeed,
  type GoogleItem,
} from "./google-feed";

export const googleAdapter = feedAdapter<GoogleItem>({
  kind: "GOOGLE_MERCHANT",
  slug: "google",
  extension: "xml",
  contentType: "application/rss+xml; charset=utf-8",
  column: googleItemColumn,
  item: (row) => ({
    ...baseFeedItem(row, {
      inStock: "in_stock",
      outOfStock: "out_of_stock",
      genders: GOOGLE_GENDERS,
      ageGroups: GOOGLE_AGE_GROUPS,
    }),
    gtin: row.variant.barcode,
    mpn: row.variant.sku,
    productType: row.product.productType,
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
