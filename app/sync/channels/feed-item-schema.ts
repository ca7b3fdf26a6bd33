// The feed items as stored (FeedItem.item, JSON): parsed with zod when read, never cast. A stored item of another
// shape (a bug, or a change of the item without a data migration) stops the feed naming the field, instead of
// serving Google or Meta a broken row. Pure: no IO.
import { z } from "zod";
import { jsonColumn } from "~/lib/json-column";
import type { Money } from "~/lib/money";
import type { FeedItemShape } from "./feed.db.server";

const money = z.object({
  amount: z.number().int(),
  currency: z.string().length(3),
}) satisfies z.ZodType<Money>;

type Words = readonly [string, ...string[]];

/** The fields every feed item has (feed-item.ts BaseFeedItem), in one channel's words for stock, gender and age. */
export function baseFeedItemShape<
  S extends Words,
  G extends Words,
  A extends Words,
>(words: { availability: S; genders: G; ageGroups: A }) {
  return {
    id: z.string().min(1),
    itemGroupId: z.string(),
    title: z.string(),
    description: z.string(),
    link: z.string(),
    imageLink: z.string(),
    additionalImageLinks: z.array(z.string()),
    price: money,
    availability: z.enum(words.availability),
    brand: z.string(),
    color: z.string().nullish(),
    size: z.string().nullish(),
    gender: z.enum(words.genders).nullish(),
    ageGroup: z.enum(words.ageGroups).nullish(),
    material: z.string().nullish(),
  };
}

export { money as moneySchema };

/** A parser for one channel's stored items: `column(row.item)` → the typed item. */
export function feedItemColumn<T extends FeedItemShape>(
  channel: string,
  schema: z.ZodType<T>,
): (value: unknown) => T {
  return jsonColumn(`FeedItem.item (${channel})`, schema);
}
