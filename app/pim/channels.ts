// The channels product data is completed and published for. STOREFRONT is Shopify itself.
import { z } from "zod";

export const CHANNELS = [
  "STOREFRONT",
  "GOOGLE_MERCHANT",
  "MARKETPLACE",
] as const;
export type Channel = (typeof CHANNELS)[number];
export const channel = z.enum(CHANNELS);

/** The locale/channel of a value that applies everywhere (attribute not localisable / not channel-specific). */
export const ANY = "*";
