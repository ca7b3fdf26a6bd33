// zod schemas for attribute definitions and families, shared by the settings forms, their actions and the seed,
// and the shape of a stored attribute. Pure.
import { z } from "zod";
import { jsonColumn } from "~/lib/json-column";
import { patternProblem } from "~/lib/merchant-pattern";
import {
  formCheckbox,
  formList,
  formNumber,
  formSemicolonList,
} from "~/lib/form";
import {
  ATTRIBUTE_TYPES,
  MEASUREMENT_KINDS,
  validationRules,
  type AttributeShape,
} from "./attribute-types";
import { CHANNELS, channel } from "./channels";

/** An attribute definition as the domain uses it (attributes.db.server.ts reads it from its row). */
export interface Attribute extends AttributeShape {
  id: string;
  labels: Record<string, string>;
  level: "PRODUCT" | "VARIANT";
  localisable: boolean;
  channelSpecific: boolean;
  group: string;
  position: number;
  metafieldDefinitionId: string | null;
}

/** Metafield keys: 2–64 of letters, digits, `_` and `-` (Shopify's rule); we keep them lowercase. */
export const attributeKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9_-]{2,64}$/, "2–64 lowercase letters, digits, _ or -");

/** A validation pattern a merchant writes: it must run on the linear-time engine (see lib/merchant-pattern). */
const merchantPattern = z.string().superRefine((pattern, context) => {
  const problem = patternProblem(pattern);
  if (problem) context.addIssue({ code: "custom", message: problem });
});

export const attributeInput = z.object({
  key: attributeKey,
  labels: z.record(z.string().min(2), z.string().trim().min(1).max(120)),
  type: z.enum(ATTRIBUTE_TYPES),
  level: z.enum(["PRODUCT", "VARIANT"]).default("PRODUCT"),
  localisable: z.boolean().default(false),
  channelSpecific: z.boolean().default(false),
  validation: validationRules
    .extend({ pattern: merchantPattern.optional() })
    .default({}),
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

const optionalPattern = z.preprocess(
  (v) => (v === "" ? undefined : v),
  merchantPattern.optional(),
);

/**
 * The attribute settings form (one English label, rules as separate fields, checkboxes) → `attributeInput`.
 * Field errors keep `attributeInput`'s paths (`labels.en`, `validation.min`), which is what the form shows.
 */
export const attributeForm = z
  .object({
    key: z.string().default(""),
    label: z.string().default(""),
    type: z.string(),
    level: z.enum(["PRODUCT", "VARIANT"]).catch("PRODUCT"),
    localisable: formCheckbox,
    channelSpecific: formCheckbox,
    group: z.preprocess((v) => v || undefined, z.string().default("General")),
    required: formCheckbox,
    allowedValues: formSemicolonList,
    measurementKind: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.enum(MEASUREMENT_KINDS).optional(),
    ),
    min: formNumber,
    max: formNumber,
    maxLength: formNumber,
    pattern: optionalPattern,
  })
  .transform((form): AttributeInput => ({
    key: form.key,
    labels: { en: form.label },
    type: form.type as AttributeInput["type"],
    level: form.level,
    localisable: form.localisable,
    channelSpecific: form.channelSpecific,
    group: form.group,
    validation: {
      ...(form.required ? { required: true } : {}),
      ...(form.allowedValues.length
        ? { allowedValues: form.allowedValues }
        : {}),
      ...(form.measurementKind
        ? { measurementKind: form.measurementKind }
        : {}),
      min: form.min,
      max: form.max,
      maxLength: form.maxLength,
      ...(form.pattern ? { pattern: form.pattern } : {}),
    },
  }));

/** The name of a family form's "required on this channel" checkbox. */
export function requiredFieldName(attributeKey: string, channel: string) {
  return `required.${attributeKey}.${channel}`;
}

/** The family settings form (attribute checkboxes, per-channel "required" checkboxes) → `familyInput`. */
export const familyForm = z
  .object({
    name: z.string().default(""),
    productTypes: formSemicolonList,
    categoryIds: formSemicolonList,
    attributes: formList(z.string()),
  })
  .catchall(z.unknown())
  .transform((form): FamilyInput => ({
    name: form.name,
    productTypes: form.productTypes,
    categoryIds: form.categoryIds,
    attributes: form.attributes.map((key) => ({
      key,
      requiredChannels: CHANNELS.filter(
        (c) => form[requiredFieldName(key, c)] === "on",
      ),
    })),
  }));

/** The JSON columns of attribute definitions and families, as stored. */
export const storedColumns = {
  labels: jsonColumn(
    "AttributeDefinition.labels",
    z.record(z.string(), z.string()),
  ),
  /** FamilyAttribute.requiredChannels */
  requiredChannels: jsonColumn(
    "FamilyAttribute.requiredChannels",
    z.array(channel),
  ),
  /** Family.productTypes and Family.categoryIds */
  strings: jsonColumn("Family string list", z.array(z.string())),
};
