// The attribute types of the PIM: how a typed value is parsed from form/spreadsheet text, validated against the
// attribute's rules, and shown and stored as text (metafields.ts maps it to Shopify). Pure: shared by routes, jobs,
// tests.
import { z } from "zod";
import { matchesWhole } from "~/lib/merchant-pattern";

export const ATTRIBUTE_TYPES = [
  "single_line_text",
  "multi_line_text",
  "rich_text",
  "integer",
  "decimal",
  "boolean",
  "date",
  "single_select",
  "multi_select",
  "measurement",
  "colour",
  "url",
  "product_reference",
  "asset_reference",
] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const MEASUREMENT_KINDS = ["dimension", "weight", "volume"] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

/** Shopify's unit enums per measurement kind, with the short spellings merchants type in spreadsheets. */
export const MEASUREMENT_UNITS: Record<
  MeasurementKind,
  Record<string, string>
> = {
  dimension: {
    mm: "MILLIMETERS",
    cm: "CENTIMETERS",
    m: "METERS",
    in: "INCHES",
    ft: "FEET",
    yd: "YARDS",
  },
  weight: { g: "GRAMS", kg: "KILOGRAMS", oz: "OUNCES", lb: "POUNDS" },
  volume: {
    ml: "MILLILITERS",
    cl: "CENTILITERS",
    l: "LITERS",
    m3: "CUBIC_METERS",
    floz: "FLUID_OUNCES",
    pt: "PINTS",
    qt: "QUARTS",
    gal: "GALLONS",
  },
};

export const validationRules = z.object({
  required: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  minLength: z.number().int().min(0).optional(),
  maxLength: z.number().int().min(1).optional(),
  pattern: z.string().optional(),
  allowedValues: z.array(z.string().min(1)).optional(),
  measurementKind: z.enum(MEASUREMENT_KINDS).optional(),
});
export type ValidationRules = z.infer<typeof validationRules>;

export interface AttributeShape {
  key: string;
  type: AttributeType;
  validation: ValidationRules;
}

export interface Measurement {
  value: number;
  unit: string;
}
export type AttributeValueData =
  string | number | boolean | string[] | Measurement;

export type ParseResult =
  { ok: true; value: AttributeValueData | null } | { ok: false; error: string };

const ok = (value: AttributeValueData | null): ParseResult => ({
  ok: true,
  value,
});
const fail = (error: string): ParseResult => ({ ok: false, error });

const GID = (types: string) => new RegExp(`^gid://shopify/(${types})/\\d+$`);

function parseMeasurement(text: string, kind: MeasurementKind): ParseResult {
  const match = /^(-?\d+(?:\.\d+)?)\s*([A-Za-z_0-9]+)$/.exec(text);
  if (!match) return fail(`Enter a number and a unit, e.g. "72 cm".`);
  const units = MEASUREMENT_UNITS[kind];
  const raw = match[2]!;
  const unit =
    units[raw.toLowerCase()] ??
    (Object.values(units).includes(raw.toUpperCase())
      ? raw.toUpperCase()
      : null);
  if (!unit)
    return fail(
      `Unknown ${kind} unit "${raw}"; use ${Object.keys(units).join(", ")}.`,
    );
  return ok({ value: Number(match[1]), unit });
}

/**
 * Parses what a merchant typed (a form field or a spreadsheet cell) into the typed value. Empty text is null
 * (the value is cleared). Multi-select accepts an array or a `;`/`,`-separated list.
 */
export function parseAttributeInput(
  attribute: AttributeShape,
  input: string | string[] | null | undefined,
): ParseResult {
  if (Array.isArray(input)) {
    if (attribute.type !== "multi_select")
      return parseAttributeInput(attribute, input[0] ?? "");
    const items = input.map((s) => s.trim()).filter(Boolean);
    return ok(items.length ? items : null);
  }
  const text = (input ?? "").trim();
  if (text === "") return ok(null);
  switch (attribute.type) {
    case "single_line_text":
    case "single_select":
      return /[\r\n]/.test(text) ? fail("Must be a single line.") : ok(text);
    case "multi_line_text":
    case "rich_text":
      return ok((input ?? "").replace(/\r\n/g, "\n").trim());
    case "integer":
      return /^-?\d+$/.test(text)
        ? ok(Number(text))
        : fail("Must be a whole number.");
    case "decimal":
      return /^-?\d+(\.\d+)?$/.test(text)
        ? ok(Number(text))
        : fail("Must be a number.");
    case "boolean": {
      const lower = text.toLowerCase();
      if (["true", "yes", "1", "on"].includes(lower)) return ok(true);
      if (["false", "no", "0", "off"].includes(lower)) return ok(false);
      return fail("Must be yes or no.");
    }
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(text) &&
        !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
        new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)
        ? ok(text)
        : fail("Must be a date (YYYY-MM-DD).");
    case "multi_select": {
      const items = text
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean);
      return ok(items);
    }
    case "measurement":
      return parseMeasurement(
        text,
        attribute.validation.measurementKind ?? "dimension",
      );
    case "colour":
      return /^#[0-9a-fA-F]{6}$/.test(text)
        ? ok(text.toLowerCase())
        : fail("Must be a colour like #1f2a44.");
    case "url":
      try {
        const url = new URL(text);
        return url.protocol === "https:" || url.protocol === "http:"
          ? ok(text)
          : fail("Must be an http(s) URL.");
      } catch {
        return fail("Must be a URL.");
      }
    case "product_reference":
      return GID("Product").test(text)
        ? ok(text)
        : fail("Must be a product id (gid://shopify/Product/…).");
    case "asset_reference":
      return GID("MediaImage|GenericFile|Video").test(text)
        ? ok(text)
        : fail("Must be a Shopify file id (gid://shopify/MediaImage/…).");
  }
}

/** Checks a typed value against the attribute's rules (not `required`: that is completeness). Null is valid. */
export function validateAttributeValue(
  attribute: AttributeShape,
  value: AttributeValueData | null,
): string | null {
  if (value === null) return null;
  const rules = attribute.validation;
  const numeric =
    typeof value === "number"
      ? value
      : typeof value === "object" && !Array.isArray(value)
        ? value.value
        : null;
  if (numeric !== null) {
    if (rules.min !== undefined && numeric < rules.min)
      return `Must be at least ${rules.min}.`;
    if (rules.max !== undefined && numeric > rules.max)
      return `Must be at most ${rules.max}.`;
  }
  const texts =
    typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  for (const text of texts) {
    if (rules.minLength !== undefined && text.length < rules.minLength)
      return `Must be at least ${rules.minLength} characters.`;
    if (rules.maxLength !== undefined && text.length > rules.maxLength)
      return `Must be at most ${rules.maxLength} characters.`;
    if (rules.pattern && !matchesWhole(rules.pattern, text))
      return `Does not match the expected format.`;
    if (
      rules.allowedValues?.length &&
      (attribute.type === "single_select" ||
        attribute.type === "multi_select") &&
      !rules.allowedValues.includes(text)
    )
      return `"${text}" is not one of: ${rules.allowedValues.join(", ")}.`;
  }
  if (Array.isArray(value) && rules.allowedValues?.length === 0)
    return "No values are allowed.";
  return null;
}

/** Parse then validate: the one call a form or a spreadsheet cell needs. */
export function coerceAttributeValue(
  attribute: AttributeShape,
  input: string | string[] | null | undefined,
): ParseResult {
  const parsed = parseAttributeInput(attribute, input);
  if (!parsed.ok) return parsed;
  const error = validateAttributeValue(attribute, parsed.value);
  return error ? fail(error) : parsed;
}

/** The value as text, as the editor and spreadsheets show it (the inverse of parseAttributeInput). */
export function formatAttributeValue(
  value: AttributeValueData | null | undefined,
): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join("; ");
  if (typeof value === "object") {
    const short = Object.values(MEASUREMENT_UNITS)
      .flatMap((units) => Object.entries(units))
      .find(([, full]) => full === value.unit)?.[0];
    return `${value.value} ${short ?? value.unit}`;
  }
  return String(value);
}

export function encodeValue(value: AttributeValueData | null): string | null {
  return value === null ? null : JSON.stringify(value);
}

export function decodeValue(
  encoded: string | null | undefined,
): AttributeValueData | null {
  return encoded === null || encoded === undefined
    ? null
    : (JSON.parse(encoded) as AttributeValueData);
}
