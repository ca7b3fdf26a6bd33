// Planning a save of attribute values: which edits are valid for the product and its attributes, and the one
// write per value they come to. Pure; values.db.server.ts writes the plan.
import { Invalid } from "~/lib/errors";
import {
  coerceAttributeValue,
  type AttributeValueData,
} from "./attribute-types";
import type { Attribute } from "./attributes.schema";
import { ANY, CHANNELS, type Channel } from "./channels";
import { valueFieldName } from "./value-field";

export interface ValueEdit {
  attributeKey: string;
  /** Our Variant id for variant-level attributes; absent for product-level ones. */
  variantId?: string | null;
  /** Required for localisable attributes (defaults to the shop's primary locale). */
  locale?: string | null;
  /** A channel for channel-specific attributes; absent or "*" for every channel. */
  channel?: string | null;
  /** What the merchant typed; empty clears the value. */
  input: string | string[] | null;
}

/** Where one value lives: its owner (product or variant), attribute, locale and channel. */
export interface ValueSlot {
  ownerId: string;
  attributeId: string;
  locale: string;
  channel: string;
}

/** The columns of a stored value that `valueKey` reads, and its draft: a Prisma `select`. */
export const draftSelect = {
  ownerId: true,
  attributeId: true,
  locale: true,
  channel: true,
  draft: true,
} as const;

/** The key of a value slot, as the unique index of AttributeValue has it. */
export function valueKey(slot: ValueSlot): string {
  return `${slot.ownerId}|${slot.attributeId}|${slot.locale}|${slot.channel}`;
}

export interface PlannedWrite extends ValueSlot {
  variantId: string | null;
  attribute: Attribute;
  value: AttributeValueData | null;
}

/**
 * Validates edits against the product's attributes and variants and coerces what was typed. All or nothing:
 * throws `Invalid` with every problem keyed like the editor names its fields (valueFieldName). When the same
 * value is edited twice (a spreadsheet), the last edit wins.
 */
export function planEdits(
  edits: readonly ValueEdit[],
  attributes: ReadonlyMap<string, Attribute>,
  product: { id: string; variants: { id: string }[] },
  primaryLocale: string,
): PlannedWrite[] {
  const errors: Record<string, string[]> = {};
  const planned: PlannedWrite[] = [];
  const variantIds = new Set(product.variants.map((v) => v.id));
  for (const edit of edits) {
    const variantId = edit.variantId ?? null;
    const attribute = attributes.get(edit.attributeKey);
    // Locale and channel only where the attribute has them (else the value applies everywhere).
    const locale = attribute?.localisable
      ? edit.locale && edit.locale !== ANY
        ? edit.locale
        : primaryLocale
      : ANY;
    const channel =
      attribute?.channelSpecific && edit.channel ? edit.channel : ANY;
    const field = valueFieldName({
      attributeKey: edit.attributeKey,
      variantId,
      locale,
      channel,
    });
    const problem = (message: string) => (errors[field] ??= []).push(message);
    if (!attribute) {
      problem(`Unknown attribute "${edit.attributeKey}".`);
      continue;
    }
    if (attribute.level === "VARIANT" && !variantId) {
      problem("This attribute is set per variant.");
      continue;
    }
    if (attribute.level === "PRODUCT" && variantId) {
      problem("This attribute is set on the product, not per variant.");
      continue;
    }
    if (variantId && !variantIds.has(variantId)) {
      problem("Unknown variant.");
      continue;
    }
    if (channel !== ANY && !CHANNELS.includes(channel as Channel)) {
      problem(`Unknown channel "${channel}".`);
      continue;
    }
    const result = coerceAttributeValue(attribute, edit.input);
    if (!result.ok) {
      problem(result.error);
      continue;
    }
    planned.push({
      ownerId: variantId ?? product.id,
      attributeId: attribute.id,
      variantId,
      attribute,
      locale,
      channel,
      value: result.value,
    });
  }
  if (Object.keys(errors).length)
    throw new Invalid("some values are not valid", errors);
  const byValue = new Map<string, PlannedWrite>();
  for (const write of planned) byValue.set(valueKey(write), write);
  return [...byValue.values()];
}
