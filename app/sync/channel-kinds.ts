// The channel vocabulary every part of the sync engine stands on: the kinds, the job that converges a product on
// each, what each channel receives (the rendition made from an approved master) and the rules it must pass before
// it is published there. A profile's version is part of the rendition cache key: change the transform, bump it.
// Pure: no IO, importable from components.

export const channelKinds = [
  "SHOPIFY_STOREFRONT",
  "GOOGLE_MERCHANT",
  "MARKETPLACE",
] as const;
export type ChannelKind = (typeof channelKinds)[number];

/** The job that converges one product on each channel (one queue per channel: a slow one never blocks another). */
export const CHANNEL_JOB = {
  SHOPIFY_STOREFRONT: "sync.storefront",
  GOOGLE_MERCHANT: "sync.google",
  MARKETPLACE: "sync.marketplace",
} as const satisfies Record<ChannelKind, string>;

export function isChannelKind(value: string): value is ChannelKind {
  return (channelKinds as readonly string[]).includes(value);
}

export interface RenditionProfile {
  id: string;
  version: number;
  /** Bounding box of the output; `fit: "contain"` pads to exactly this size. */
  width: number;
  height: number;
  fit: "inside" | "contain";
  /** Flatten transparency on, and pad with, this colour. */
  background?: string;
  /** "keep" keeps JPEG and PNG masters' formats (Shopify's in-place replacement needs the same extension). */
  format: "jpeg" | "png" | "keep";
  quality: number;
}

export interface ChannelRules {
  /** Minimum pixels on the long side. */
  minLongSide?: number;
  /** Maximum pixels in total (Shopify: 20 MP). */
  maxPixels?: number;
  /** Share of border pixels that must be pure white (≥ 250 on every channel). */
  minWhiteBorder?: number;
  /** How much of the frame the product must fill: its bounding box's longer extent over the image's. */
  minFill?: number;
  /** Assets carrying one of these tags are refused (e.g. a watermark on a Google image). */
  forbiddenTags?: string[];
}

export interface ChannelDefinition {
  kind: ChannelKind;
  profile: RenditionProfile;
  rules: ChannelRules;
}

export const CHANNELS: Record<ChannelKind, ChannelDefinition> = {
  SHOPIFY_STOREFRONT: {
    kind: "SHOPIFY_STOREFRONT",
    // Shopify accepts images up to 4472 × 4472 px or 20 MP; 2048 px is plenty for zoom and keeps uploads small.
    profile: {
      id: "storefront",
      version: 1,
      width: 2048,
      height: 2048,
      fit: "inside",
      format: "keep",
      quality: 85,
    },
    rules: { maxPixels: 20_000_000, minLongSide: 600 },
  },
  GOOGLE_MERCHANT: {
    kind: "GOOGLE_MERCHANT",
    // Google Merchant Center: apparel images at least 800 × 800 px, no watermarks or promotional overlays.
    profile: {
      id: "google",
      version: 1,
      width: 1500,
      height: 1500,
      fit: "inside",
      background: "#ffffff",
      format: "jpeg",
      quality: 85,
    },
    rules: { minLongSide: 800, forbiddenTags: ["watermark", "promotional"] },
  },
  MARKETPLACE: {
    kind: "MARKETPLACE",
    // Marketplace main image: pure white background, ≥ 1000 px on the long side, the product filling ≥ 85 %.
    profile: {
      id: "marketplace-main",
      version: 1,
      width: 2000,
      height: 2000,
      fit: "contain",
      background: "#ffffff",
      format: "jpeg",
      quality: 90,
    },
    rules: {
      minLongSide: 1000,
      minWhiteBorder: 0.98,
      minFill: 0.85,
      forbiddenTags: ["watermark"],
    },
  },
};

/** The key a rendition is cached under: the same master and profile version always give the same file. */
export function renditionKey(
  masterSha256: string,
  profile: RenditionProfile,
): string {
  return `${masterSha256}.${profile.id}.v${profile.version}`;
}
