// The one channel vocabulary of Vitrine, shared by the PIM (completeness, channel-specific values), the sync engine
// (dispatch, the generic run, pre-flight, the reconciler) and the UI: the kinds, each one's label, the job that
// converges a product on it, what it receives (the rendition made from an approved master), the rules that
// rendition must pass, and what reading it back costs. A profile's version is part of the rendition cache key:
// change the transform, bump it. Pure: no IO, importable from components, the PIM and the sync engine alike.
// Adding a channel: a kind and its definition here, its adapter in sync/channels/registry.server.ts.

export const channelKinds = [
  "SHOPIFY_STOREFRONT",
  "GOOGLE_MERCHANT",
  "MARKETPLACE",
  "META_CATALOG",
] as const;
export type ChannelKind = (typeof channelKinds)[number];

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
  /** Minimum pixels on the short side (Meta: 500 × 500). */
  minShortSide?: number;
  /** Maximum pixels in total (Shopify: 20 MP). */
  maxPixels?: number;
  /** Share of border pixels that must be pure white (≥ 250 on every channel). */
  minWhiteBorder?: number;
  /** How much of the frame the product must fill: its bounding box's longer extent over the image's. */
  minFill?: number;
  /** Assets carrying one of these tags are refused (e.g. a watermark on a Google image). */
  forbiddenTags?: string[];
}

/**
 * What reading a product back on the channel costs the reconciler: Admin API points (spent from the shop's
 * restore rate), or a local read of our own served feed (capped per sweep).
 */
export type ReadCost =
  | { kind: "admin-api"; perProduct: number; perVariant: number }
  | { kind: "local"; perSweep: number };

export interface ChannelDefinition {
  kind: ChannelKind;
  /** Short name for metrics and report lines (`meta_p95_ms`). */
  key: string;
  /** The job that converges one product on it (one queue per channel: a slow one never blocks another). */
  job: ChannelJob;
  /** Whether the merchant can turn it off, and whether a new shop has it on. */
  optional: boolean;
  enabledByDefault: boolean;
  /** What the merchant sets up: the storefront's file naming, a feed's token URL, an endpoint and secret. */
  settings: "storefront" | "feed" | "endpoint";
  profile: RenditionProfile;
  rules: ChannelRules;
  readCost: ReadCost;
}

/** The channel jobs (their queues are in jobs/definitions.ts). */
export type ChannelJob =
  "sync.storefront" | "sync.google" | "sync.marketplace" | "sync.meta";

const FEED_READS_PER_SWEEP = 200;

export const CHANNELS: Record<ChannelKind, ChannelDefinition> = {
  SHOPIFY_STOREFRONT: {
    kind: "SHOPIFY_STOREFRONT",
    key: "storefront",
    settings: "storefront",
    job: "sync.storefront",
    optional: false,
    enabledByDefault: true,
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
    // A read-back of a product (media, variants, metafields): its variants dominate.
    readCost: { kind: "admin-api", perProduct: 30, perVariant: 10 },
  },
  GOOGLE_MERCHANT: {
    kind: "GOOGLE_MERCHANT",
    key: "google",
    settings: "feed",
    job: "sync.google",
    optional: true,
    // The feed costs nothing until Google fetches it.
    enabledByDefault: true,
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
    readCost: { kind: "local", perSweep: FEED_READS_PER_SWEEP },
  },
  MARKETPLACE: {
    kind: "MARKETPLACE",
    key: "marketplace",
    settings: "endpoint",
    job: "sync.marketplace",
    optional: true,
    // Needs an endpoint and a secret first.
    enabledByDefault: false,
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
    // Listings are compared with what we last observed pushing (ChannelItem), not fetched.
    readCost: { kind: "local", perSweep: FEED_READS_PER_SWEEP },
  },
  META_CATALOG: {
    kind: "META_CATALOG",
    key: "meta",
    settings: "feed",
    job: "sync.meta",
    optional: true,
    // A scheduled data feed the merchant registers in Commerce Manager: on once they ask for it.
    enabledByDefault: false,
    // Meta catalogue (Facebook/Instagram shops): images at least 500 × 500 px, square preferred; 1080 px is
    // Instagram's feed size. Square by padding on white, so a portrait coat is never cropped.
    profile: {
      id: "meta",
      version: 1,
      width: 1080,
      height: 1080,
      fit: "contain",
      background: "#ffffff",
      format: "jpeg",
      quality: 85,
    },
    rules: {
      minLongSide: 500,
      minShortSide: 500,
      forbiddenTags: ["watermark"],
    },
    readCost: { kind: "local", perSweep: FEED_READS_PER_SWEEP },
  },
};

/** The job that converges one product on each channel. */
export const CHANNEL_JOB = Object.fromEntries(
  channelKinds.map((kind) => [kind, CHANNELS[kind].job]),
) as Record<ChannelKind, ChannelJob>;
