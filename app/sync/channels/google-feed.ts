// The Google Merchant Center product feed: RSS 2.0 with the g: namespace
// (https://support.google.com/merchants/answer/7052112). One item per variant, grouped by product. Google limits:
// title 150 characters, description 5,000, up to 10 additional images.
import { createRequire } from "node:module";
import type * as XmlBuilderModule from "xmlbuilder2";
import { z } from "zod";
import {
  formatPrice,
  truncate,
  type BaseFeedItem,
  type Money,
} from "./feed-item";
import {
  baseFeedItemShape,
  feedItemColumn,
  moneySchema,
} from "./feed-item-schema";

type XmlBuilder = typeof XmlBuilderModule;
let xmlBuilder: XmlBuilder | undefined;
/**
 * xmlbuilder2 with its DOM implementation (some 140 modules) loads when the first feed is rendered, not with every
 * process and test file that imports the channel registry. Its CommonJS entry is required synchronously.
 */
function xml(): XmlBuilder {
  xmlBuilder ??= createRequire(import.meta.url)("xmlbuilder2") as XmlBuilder;
  return xmlBuilder;
}

export const GOOGLE_NAMESPACE = "http://base.google.com/ns/1.0";

export const GOOGLE_GENDERS = ["male", "female", "unisex"] as const;
export const GOOGLE_AGE_GROUPS = [
  "newborn",
  "infant",
  "toddler",
  "kids",
  "adult",
] as const;

export const GOOGLE_AVAILABILITY = [
  "in_stock",
  "out_of_stock",
  "preorder",
  "backorder",
] as const;

export interface GoogleItem extends BaseFeedItem<
  (typeof GOOGLE_AVAILABILITY)[number],
  (typeof GOOGLE_GENDERS)[number],
  (typeof GOOGLE_AGE_GROUPS)[number]
> {
  gtin?: string | null;
  mpn?: string | null;
  googleProductCategory?: string | null;
  productType?: string | null;
  /** The price buyers pay when `price` is the compare-at price of a sale (per-country feeds: the market's). */
  salePrice?: Money | null;
}

/** FeedItem.item of the Google channel, parsed when read. */
export const googleItemColumn = feedItemColumn<GoogleItem>(
  "Google",
  z.object({
    ...baseFeedItemShape({
      availability: GOOGLE_AVAILABILITY,
      genders: GOOGLE_GENDERS,
      ageGroups: GOOGLE_AGE_GROUPS,
    }),
    gtin: z.string().nullish(),
    mpn: z.string().nullish(),
    googleProductCategory: z.string().nullish(),
    productType: z.string().nullish(),
    salePrice: moneySchema.nullish(),
  }) satisfies z.ZodType<GoogleItem>,
);

export interface GoogleFeed {
  title: string;
  link: string;
  description: string;
  items: GoogleItem[];
}

/**
 * Merchant text as feed text. xmlbuilder2 leaves anything shaped like an entity (`&x;`, `&#0;`) unescaped so it
 * never double-encodes; a merchant's `&` is always literal, so it is escaped here first (xmlbuilder2 then keeps
 * the `&amp;` as is). Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/FFFF) are dropped by the
 * builder's `invalidCharReplacement`.
 */
function literal(text: string): string {
  return text.replaceAll("&", "&amp;");
}

export function renderGoogleFeed(feed: GoogleFeed): string {
  const root = xml().create({
    version: "1.0",
    encoding: "UTF-8",
    invalidCharReplacement: "",
  });
  const channel = root
    .ele("rss", { version: "2.0", "xmlns:g": GOOGLE_NAMESPACE })
    .ele("channel");
  channel.ele("title").txt(literal(feed.title));
  channel.ele("link").txt(literal(feed.link));
  channel.ele("description").txt(literal(feed.description));
  for (const item of feed.items) {
    const node = channel.ele("item");
    const g = (name: string, value: string | null | undefined) => {
      if (value !== null && value !== undefined && value !== "")
        node.ele(GOOGLE_NAMESPACE, `g:${name}`).txt(literal(value));
    };
    g("id", item.id);
    g("item_group_id", item.itemGroupId);
    node.ele("title").txt(literal(truncate(item.title, 150)));
    node.ele("description").txt(literal(truncate(item.description, 5000)));
    node.ele("link").txt(literal(item.link));
    g("image_link", item.imageLink);
    for (const link of item.additionalImageLinks.slice(0, 10))
      g("additional_image_link", link);
    g("price", formatPrice(item.price));
    if (item.salePrice) g("sale_price", formatPrice(item.salePrice));
    g("availability", item.availability);
    g("condition", "new");
    g("brand", item.brand);
    g("gtin", item.gtin);
    g("mpn", item.mpn);
    g("identifier_exists", item.gtin || item.mpn ? "yes" : "no");
    g("color", item.color);
    g("size", item.size);
    g("gender", item.gender);
    g("age_group", item.ageGroup);
    g("material", item.material);
    g("google_product_category", item.googleProductCategory);
    g("product_type", item.productType);
  }
  return root.end({ prettyPrint: true });
}
