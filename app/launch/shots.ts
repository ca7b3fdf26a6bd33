// The shots each channel needs before a product may launch on it: the one table of required shot types and the
// main image's minimum size. Pure: importable from the readiness board, the CSV export and components alike.
// Shot types come from how an image is linked (its role), and model shots from an asset tag, since a model shot
// is also a front or a lifestyle image (see `shotsOfLink`).
import { CHANNELS, type ChannelKind } from "~/channels/kinds";
import type { ShotType } from "./launch.schema";

export interface ShotRequirement {
  /** Shot types the product needs at least one approved image of. */
  shots: readonly ShotType[];
  /** The main (first) image's minimum pixels on its long and short sides, measured on the approved master. */
  mainMinLongSide: number;
  mainMinShortSide: number;
}

export const SHOT_REQUIREMENTS: Record<ChannelKind, ShotRequirement> = {
  // The storefront shows whatever is approved, but a product page without a front view is not launch-ready.
  SHOPIFY_STOREFRONT: {
    shots: ["front"],
    mainMinLongSide: CHANNELS.SHOPIFY_STOREFRONT.rules.minLongSide ?? 0,
    mainMinShortSide: 0,
  },
  // Google Merchant Center: one main image, apparel at least 800 px.
  GOOGLE_MERCHANT: {
    shots: ["front"],
    mainMinLongSide: CHANNELS.GOOGLE_MERCHANT.rules.minLongSide ?? 0,
    mainMinShortSide: 0,
  },
  // The marketplace's fashion listings: front, back and an on-model shot.
  MARKETPLACE: {
    shots: ["front", "back", "model"],
    mainMinLongSide: CHANNELS.MARKETPLACE.rules.minLongSide ?? 0,
    mainMinShortSide: 0,
  },
  // Meta: a main image the square rendition can carry at ≥ 500 × 500 without upscaling.
  META_CATALOG: {
    shots: ["front"],
    mainMinLongSide: CHANNELS.META_CATALOG.rules.minShortSide ?? 0,
    mainMinShortSide: 0,
  },
};

const ROLE_SHOTS: Record<string, ShotType | undefined> = {
  FRONT: "front",
  BACK: "back",
  DETAIL: "detail",
  LIFESTYLE: "lifestyle",
  SWATCH: "swatch",
  SIZE_CHART: "size-chart",
};

/** Asset tags that mark an on-model shot (whatever role it is linked in). */
export const MODEL_SHOT_TAGS = ["model", "on-model"] as const;

/** The shot types one linked image counts as. */
export function shotsOfLink(
  role: string,
  assetTags: readonly string[],
): ShotType[] {
  const shots: ShotType[] = [];
  const fromRole = ROLE_SHOTS[role];
  if (fromRole) shots.push(fromRole);
  if (
    assetTags.some((t) =>
      (MODEL_SHOT_TAGS as readonly string[]).includes(t.toLowerCase()),
    )
  )
    shots.push("model");
  return shots;
}

/** Words for a shot in blockers ("lack a back view"). */
export const SHOT_WORDS: Record<ShotType, string> = {
  front: "a front view",
  back: "a back view",
  detail: "a detail shot",
  model: "a model shot",
  lifestyle: "a lifestyle shot",
  swatch: "a swatch",
  "size-chart": "a size chart",
};

/** Product types counted as "N knitwear products": mass nouns and nouns only used in the plural. */
const UNCOUNTED =
  /(wear|clothing|apparel|jewell?ery|luggage|trousers|jeans|shorts|leggings|tights|pants|pyjamas|pajamas|glasses)$/;

function singularOf(noun: string): string {
  if (/[^aeiou]ies$/.test(noun)) return `${noun.slice(0, -3)}y`;
  if (/(ss|x|ch|sh|zz)es$/.test(noun)) return noun.slice(0, -2);
  if (/[^s]s$/.test(noun)) return noun.slice(0, -1);
  return noun;
}

function pluralOf(noun: string): string {
  if (/(s|x|ch|sh|z)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

/**
 * The products of a blocker counted in words, by their product type when they share one, whether the merchant
 * named the type in the singular or the plural: "1 coat", "3 coats" (type "Coats" or "Coat"), "1 accessory",
 * "2 knitwear products"; "3 products" for mixed or missing types.
 */
export function productsNoun(
  count: number,
  productTypes: readonly (string | null)[],
): string {
  const types = new Set(productTypes.map((t) => t?.trim().toLowerCase() ?? ""));
  const type = types.size === 1 ? [...types][0]! : "";
  const products = count === 1 ? "product" : "products";
  if (!type) return `${count} ${products}`;
  if (UNCOUNTED.test(type)) return `${count} ${type} ${products}`;
  const one = singularOf(type);
  return `${count} ${count === 1 ? one : pluralOf(one)}`;
}
