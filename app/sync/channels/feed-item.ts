// What the feed channels (Google Merchant Center, the Meta catalogue) say alike about a variant: its identity,
// text, link, images, price, stock, brand, options and the PIM's apparel attributes. Each channel's adapter spreads
// `baseFeedItem` and adds only what its own spec has beyond it, in its own words for stock, gender and age group.
// Pure: no IO.
import type { AttributeValueData } from "~/pim/attribute-types";
import { toMoney, type Money } from "~/lib/money";
import type { FeedRow } from "./feed-adapter.server";

export { formatPrice, toMoney, type Money } from "~/lib/money";

/** The text cut to the channel's limit, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A PIM value as channel text: lists joined, measurements with their unit. */
export function text(value: AttributeValueData | undefined): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (Array.isArray(value)) return value.join(" / ");
  if (typeof value === "object") return `${value.value} ${value.unit}`;
  return String(value);
}

/** The value when the channel's spec allows it, else null (the field is left out). */
export const oneOf = <T extends string>(
  allowed: readonly T[],
  value: string | null,
): T | null => (allowed.includes(value as T) ? (value as T) : null);

/** The variant's value for the first option named like one of `names` (case-insensitive). */
export function option(
  options: { name: string; value: string }[],
  ...names: string[]
): string | null {
  return (
    options.find((o) => names.includes(o.name.toLowerCase()))?.value ?? null
  );
}

/** A channel's own words for stock, gender and age group. */
export interface FeedVocabulary<
  S extends string,
  G extends string,
  A extends string,
> {
  inStock: S;
  outOfStock: S;
  genders: readonly G[];
  ageGroups: readonly A[];
}

export interface BaseFeedItem<
  S extends string,
  G extends string,
  A extends string,
> {
  id: string;
  itemGroupId: string;
  title: string;
  description: string;
  link: string;
  imageLink: string;
  additionalImageLinks: string[];
  price: Money;
  availability: S;
  brand: string;
  color?: string | null;
  size?: string | null;
  gender?: G | null;
  ageGroup?: A | null;
  material?: string | null;
}

/** One variant as a feed item, in the channel's words: id is the SKU (else the variant id), grouped by product. */
export function baseFeedItem<
  S extends string,
  G extends string,
  A extends string,
>(
  {
    shop,
    product,
    variant,
    urls,
    values,
    options,
    numericId,
    currency,
    description,
  }: FeedRow,
  words: FeedVocabulary<S, G, A>,
): BaseFeedItem<S, G, A> {
  return {
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
    availability: variant.availableForSale ? words.inStock : words.outOfStock,
    brand: text(values.brand) ?? product.vendor ?? shop,
    color: option(options, "color", "colour"),
    size: option(options, "size"),
    gender: oneOf(words.genders, text(values.gender)),
    ageGroup: oneOf(words.ageGroups, text(values.age_group)),
    material: text(values.material_composition),
  };
}
