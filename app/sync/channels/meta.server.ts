// The Meta catalogue (Facebook and Instagram shops) as a channel: a CSV data feed served from one stored row per
// variant at a token URL, registered by the merchant in Commerce Manager as a scheduled feed. Meta keeps an image
// it fetched once per URL, so image URLs are content-addressed (the rendition key carries the master's SHA-256 and
// the profile version): a replaced image is a new URL Meta fetches again. feed-adapter.server.ts stores and reads
// back.
import { feedAdapter } from "./feed-adapter.server";
import { baseFeedItem } from "./feed-item";
import {
  META_AGE_GROUPS,
  META_GENDERS,
  metaItemColumn,
  renderMetaFeed,
  type MetaItem,
} from "./meta-feed";

export const metaAdapter = feedAdapter<MetaItem>({
  kind: "META_CATALOG",
  slug: "meta",
  extension: "csv",
  contentType: "text/csv; charset=utf-8",
  column: metaItemColumn,
  item: (row) =>
    baseFeedItem(row, {
      inStock: "in stock",
      outOfStock: "out of stock",
      genders: META_GENDERS,
      ageGroups: META_AGE_GROUPS,
    }),
  write: (_shop, items) => renderMetaFeed(items),
});
