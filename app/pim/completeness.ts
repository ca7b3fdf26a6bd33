// Completeness of a product per channel: which of its family's required attributes are filled (per variant for
// variant-level attributes). Pure; values.db.server.ts stores the result whenever values or the family change.
import { z } from "zod";
import { jsonColumn } from "~/lib/json-column";
import { ANY, CHANNELS, type Channel } from "./channels";

export interface CompletenessAttribute {
  id: string;
  key: string;
  level: "PRODUCT" | "VARIANT";
  requiredChannels: readonly string[];
}

export interface CompletenessValue {
  ownerId: string;
  attributeId: string;
  locale: string;
  channel: string;
  /** The JSON-encoded working value; null when cleared. */
  draft: string | null;
}

export const missingSchema = z.array(
  z.object({ attribute: z.string(), variantId: z.string().optional() }),
);
export type Missing = z.infer<typeof missingSchema>[number];
/** ProductCompleteness.missing as stored. */
export const missingColumn = jsonColumn(
  "ProductCompleteness.missing",
  missingSchema,
);

export interface ChannelCompleteness {
  channel: Channel;
  percent: number;
  missing: Missing[];
}

/**
 * For each channel: the share of required slots (attribute × owner) that hold a value visible on that channel
 * in the default locale. A product without required attributes on a channel is 100% complete there.
 */
export function computeCompleteness(input: {
  productId: string;
  variantIds: readonly string[];
  attributes: readonly CompletenessAttribute[];
  values: readonly CompletenessValue[];
  defaultLocale: string;
}): ChannelCompleteness[] {
  const filled = new Set<string>();
  for (const value of input.values) {
    if (value.draft === null || value.draft === "null") continue;
    if (value.locale !== ANY && value.locale !== input.defaultLocale) continue;
    filled.add(`${value.ownerId}|${value.attributeId}|${value.channel}`);
  }
  const has = (owner: string, attribute: string, channel: Channel) =>
    filled.has(`${owner}|${attribute}|${channel}`) ||
    filled.has(`${owner}|${attribute}|${ANY}`);

  return CHANNELS.map((channel) => {
    let slots = 0;
    const missing: Missing[] = [];
    for (const attribute of input.attributes) {
      if (!attribute.requiredChannels.includes(channel)) continue;
      if (attribute.level === "PRODUCT") {
        slots += 1;
        if (!has(input.productId, attribute.id, channel))
          missing.push({ attribute: attribute.key });
      } else {
        for (const variantId of input.variantIds) {
          slots += 1;
          if (!has(variantId, attribute.id, channel))
            missing.push({ attribute: attribute.key, variantId });
        }
      }
    }
    const percent =
      slots === 0 ? 100 : Math.floor(((slots - missing.length) * 100) / slots);
    return { channel, percent, missing };
  });
}
