// The Meta catalogue data feed (Facebook and Instagram shops): CSV with a header row, one row per variant, grouped
// by product (https://www.facebook.com/business/help/120325381656392 — the catalogue's product fields).
// Meta limits: title 200 characters, description 9,999, up to 20 additional images.
// Written with csv-stringify: quoting of commas, quotes and line breaks is the library's job, not ours.
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { formatPrice, truncate, type BaseFeedItem } from "./feed-item";
import { baseFeedItemShape, feedItemColumn } from "./feed-item-schema";

export const META_COLUMNS = [
  "id",
  "item_group_id",
  "title",
  "description",
  "availability",
  "condition",
  "price",
  "link",
  "image_link",
  "additional_image_link",
  "brand",
  "color",
  "size",
  "gender",
  "age_group",
  "material",
] as const;

export const META_GENDERS = ["female", "male", "unisex"] as const;
export const META_AGE_GROUPS = [
  "adult",
  "all ages",
  "teen",
  "kids",
  "toddler",
  "infant",
  "newborn",
] as const;

export const META_AVAILABILITY = ["in stock", "out of stock"] as const;

export type MetaItem = BaseFeedItem<
  (typeof META_AVAILABILITY)[number],
  (typeof META_GENDERS)[number],
  (typeof META_AGE_GROUPS)[number]
>;

/** FeedItem.item of the Meta channel, parsed when read. */
export const metaItemColumn = feedItemColumn<MetaItem>(
  "Meta",
  z.object(
    baseFeedItemShape({
      availability: META_AVAILABILITY,
      genders: META_GENDERS,
      ageGroups: META_AGE_GROUPS,
    }),
  ) satisfies z.ZodType<MetaItem>,
);

export function renderMetaFeed(items: readonly MetaItem[]): string {
  return stringify(
    items.map((item) => [
      item.id,
      item.itemGroupId,
      truncate(item.title, 200),
      truncate(item.description, 9999),
      item.availability,
      "new",
      formatPrice(item.price),
      item.link,
      item.imageLink,
      // Several additional images: one field, comma-separated (the library quotes it).
      item.additionalImageLinks.slice(0, 20).join(","),
      item.brand,
      item.color ?? "",
      item.size ?? "",
      item.gender ?? "",
      item.ageGroup ?? "",
      item.material ?? "",
    ]),
    { header: true, columns: [...META_COLUMNS], record_delimiter: "unix" },
  );
}
