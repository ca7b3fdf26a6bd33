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
