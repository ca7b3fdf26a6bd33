// Metafield types and value validation, as the Admin API enforces them, and the `$app` namespace expansion.
// https://shopify.dev/docs/apps/build/custom-data/metafields/list-of-data-types

export const METAFIELD_TYPES = [
  "boolean",
  "color",
  "date",
  "date_time",
  "dimension",
  "file_reference",
  "id",
  "json",
  "link",
  "metaobject_reference",
  "money",
  "multi_line_text_field",
  "number_decimal",
  "number_integer",
  "product_reference",
  "rating",
  "rich_text_field",
  "single_line_text_field",
  "url",
  "variant_reference",
  "volume",
  "weight",
] as const;

const LISTABLE = new Set<string>([
  "color",
  "date",
  "date_time",
  "dimension",
  "file_reference",
  "link",
  "metaobject_reference",
  "number_decimal",
  "number_integer",
  "product_reference",
  "rating",
  "single_line_text_field",
  "url",
  "variant_reference",
  "volume",
  "weight",
]);

const UNITS: Record<string, string[]> = {
  dimension: [
    "MILLIMETERS",
    "CENTIMETERS",
    "METERS",
    "INCHES",
    "FEET",
    "YARDS",
  ],
  weight: ["GRAMS", "KILOGRAMS", "OUNCES", "POUNDS"],
  volume: [
    "MILLILITERS",
    "CENTILITERS",
    "LITERS",
    "CUBIC_METERS",
    "FLUID_OUNCES",
    "PINTS",
    "QUARTS",
    "GALLONS",
    "IMPERIAL_FLUID_OUNCES",
    "IMPERIAL_PINTS",
    "IMPERIAL_QUARTS",
    "IMPERIAL_GALLONS",
  ],
};

export const LIST_LIMIT = 128;

export function isKnownType(type: string): boolean {
  const base = type.startsWith("list.") ? type.slice(5) : type;
  return (
    (METAFIELD_TYPES as readonly string[]).includes(base) &&
    (!type.startsWith("list.") || LISTABLE.has(base))
  );
}

/** The maximum size of a value: 128 KB for json, 64 KB for most types (metafield-limits). */
export function maxValueBytes(type: string): number {
  return type === "json" ? 128 * 1024 : 64 * 1024;
}

/** Resolves a reference gid to whether it exists, for *_reference types. */
export type ReferenceExists = (gid: string, type: string) => boolean;

function validScalar(
  base: string,
  value: unknown,
  exists: ReferenceExists,
): boolean {
  const text = typeof value === "string" ? value : null;
  switch (base) {
    case "single_line_text_field":
      return text !== null && !/[\r\n]/.test(text);
    case "multi_line_text_field":
      return text !== null;
    case "number_integer":
      return (
        (typeof value === "number" && Number.isInteger(value)) ||
        (text !== null && /^-?\d+$/.test(text))
      );
    case "number_decimal":
      return (
        typeof value === "number" ||
        (text !== null && /^-?\d+(\.\d+)?$/.test(text))
      );
    case "boolean":
      return (
        value === true || value === false || text === "true" || text === "false"
      );
    case "date":
      return (
        text !== null &&
        /^\d{4}-\d{2}-\d{2}$/.test(text) &&
        !Number.isNaN(Date.parse(text))
      );
    case "date_time":
      return text !== null && !Number.isNaN(Date.parse(text));
    case "url":
      return text !== null && /^(https?|mailto|sms|tel):/.test(text);
    case "color":
      return text !== null && /^#[0-9a-fA-F]{6}$/.test(text);
    case "dimension":
    case "weight":
    case "volume": {
      const v = value as { value?: unknown; unit?: unknown };
      return (
        typeof v === "object" &&
        v !== null &&
        typeof v.value === "number" &&
        UNITS[base]!.includes(String(v.unit))
      );
    }
    case "money": {
      const v = value as { amount?: unknown; currency_code?: unknown };
      return (
        typeof v === "object" &&
        v !== null &&
        /^-?\d+(\.\d+)?$/.test(String(v.amount)) &&
        /^[A-Z]{3}$/.test(String(v.currency_code))
      );
    }
    case "rating": {
      const v = value as {
        value?: unknown;
        scale_min?: unknown;
        scale_max?: unknown;
      };
      return (
        typeof v === "object" &&
        v !== null &&
        v.value !== undefined &&
        v.scale_max !== undefined
      );
    }
    case "link": {
      const v = value as { text?: unknown; url?: unknown };
      return typeof v === "object" && v !== null && typeof v.url === "string";
    }
    case "file_reference":
      return (
        text !== null &&
        (exists(text, "MediaImage") ||
          exists(text, "GenericFile") ||
          exists(text, "Video"))
      );
    case "product_reference":
      return text !== null && exists(text, "Product");
    case "variant_reference":
      return text !== null && exists(text, "ProductVariant");
    case "metaobject_reference":
      return text !== null && /^gid:\/\/shopify\/Metaobject\/\d+$/.test(text);
    case "json":
    case "rich_text_field":
    case "id":
      return true;
    default:
      return false;
  }
}

/**
 * Checks a metafield value (the string sent to the API) against its type. Returns an error message, or null.
 * List values are JSON arrays of the element type; structured types (dimension, money…) are JSON objects.
 */
export function validateValue(
  type: string,
  value: string,
  exists: ReferenceExists,
): string | null {
  if (Buffer.byteLength(value, "utf8") > maxValueBytes(type))
    return `Value is too long for type ${type}.`;
  const isList = type.startsWith("list.");
  const base = isList ? type.slice(5) : type;
  const structured =
    isList ||
    [
      "json",
      "rich_text_field",
      "dimension",
      "weight",
      "volume",
      "money",
      "rating",
      "link",
    ].includes(base);
  let parsed: unknown = value;
  if (structured) {
    try {
      parsed = JSON.parse(value);
    } catch {
      return `Value must be valid JSON for type ${type}.`;
    }
  }
  if (isList) {
    if (!Array.isArray(parsed))
      return `Value must be a JSON array for type ${type}.`;
    if (parsed.length > LIST_LIMIT)
      return `Value has ${parsed.length} items; the maximum is ${LIST_LIMIT}.`;
    const bad = parsed.findIndex((item) => !validScalar(base, item, exists));
    return bad >= 0 ? `Value at index ${bad} is not a valid ${base}.` : null;
  }
  return validScalar(base, parsed, exists)
    ? null
    : `Value is invalid for type ${type}.`;
}

/** `$app` → `app--{appId}`, `$app:pim` → `app--{appId}--pim`; omitted → the app-reserved namespace. */
export function expandNamespace(
  namespace: string | null | undefined,
  appId: number,
): string {
  if (
    namespace === null ||
    namespace === undefined ||
    namespace === "" ||
    namespace === "$app"
  )
    return `app--${appId}`;
  if (namespace.startsWith("$app:"))
    return `app--${appId}--${namespace.slice(5)}`;
  return namespace;
}

export function isAppNamespace(namespace: string, appId: number): boolean {
  return (
    namespace === `app--${appId}` || namespace.startsWith(`app--${appId}--`)
  );
}

/** The JSON form of a stored value (Metafield.jsonValue). */
export function jsonValue(type: string, value: string): unknown {
  const base = type.startsWith("list.") ? null : type;
  if (
    base === null ||
    [
      "json",
      "rich_text_field",
      "dimension",
      "weight",
      "volume",
      "money",
      "rating",
      "link",
    ].includes(base)
  ) {
    return JSON.parse(value) as unknown;
  }
  if (base === "number_integer") return Number.parseInt(value, 10);
  if (base === "number_decimal") return value;
  if (base === "boolean") return value === "true";
  return value;
}
