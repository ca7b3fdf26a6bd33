// zod schemas for attribute definitions and families, shared by the settings forms, their actions and the seed.
import { z } from "zod";
import { ATTRIBUTE_TYPES, validationRules } from "./attribute-types";
import { CHANNELS } from "./channels";

/** Metafield keys: 2–64 of letters, digits, `_` and `-` (Shopify's rule); we keep them lowercase. */
export const attributeKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9_-]{2,64}$/, "2–64 lowercase letters, digits, _ or -");

export const attributeInput = z.object({
  key: attributeKey,
  labels: z.record(z.string().min(2), z.string().trim().min(1).max(120)),
  type: z.enum(ATTRIBUTE_TYPES),
  level: z.enum(["PRODUCT", "VARIANT"]).default("PRODUCT"),
  localisable: z.boolean().default(false),
  channelSpecific: z.boolean().default(false),
  validation: validationRules.default({}),
  group: z.string().trim().min(1).max(80).default("General"),
  position: z.number().int().min(0).default(0),
});
export type AttributeInput = z.input<typeof attributeInput>;

export const familyInput = z.object({
  name: z.string().trim().min(1).max(120),
  productTypes: z.array(z.string().trim().min(1)).default([]),
  categoryIds: z
    .array(z.string().regex(/^gid:\/\/shopify\/TaxonomyCategory\/[\w-]+$/))
    .default([]),
  attributes: z
    .array(
      z.object({
        key: attributeKey,
        requiredChannels: z.array(z.enum(CHANNELS)).default([]),
      }),
    )
    .default([]),
});
export type FamilyInput = z.input<typeof familyInput>;
