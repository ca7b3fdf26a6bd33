// Metaobjects, as far as swatches need them: definitions (custom, or Shopify's standard `shopify--color-pattern`
// that category metafields such as `shopify.color-pattern` reference) and entries. A product option linked to a
// `list.metaobject_reference` product metafield takes its values from entries; the entry's display name is the
// value's name, and a color-pattern entry's colour and image are the value's swatch.
import type { MetafieldDefinitionRecord, ShopState } from "./state";

export interface MetaobjectFieldDefinitionRecord {
  key: string;
  name: string;
  type: string;
  required: boolean;
}

export interface MetaobjectDefinitionRecord {
  id: string;
  type: string;
  name: string;
  description: string | null;
  displayNameKey: string | null;
  fieldDefinitions: MetaobjectFieldDefinitionRecord[];
  adminAccess: string;
  storefrontAccess: string;
  /** The standard template it was enabled from (standardMetaobjectDefinitionEnable), if any. */
  standardTemplate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MetaobjectRecord {
  id: string;
  type: string;
  handle: string;
  fields: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export const COLOR_PATTERN_TYPE = "shopify--color-pattern";

/**
 * Shopify's standard colour/pattern definition (the taxonomy's "Color" attribute values). Its taxonomy
 * reference fields use types the emulator does not model; their values are stored unchecked.
 */
export const STANDARD_METAOBJECT_TEMPLATES: Record<
  string,
  Omit<MetaobjectDefinitionRecord, "id" | "createdAt" | "updatedAt">
> = {
  [COLOR_PATTERN_TYPE]: {
    type: COLOR_PATTERN_TYPE,
    name: "Color",
    description: "Colors and patterns, linked to Shopify's product taxonomy.",
    displayNameKey: "label",
    fieldDefinitions: [
      {
        key: "label",
        name: "Label",
        type: "single_line_text_field",
        required: true,
      },
      { key: "color", name: "Color", type: "list.color", required: false },
      { key: "image", name: "Image", type: "file_reference", required: false },
      {
        key: "color_taxonomy_reference",
        name: "Taxonomy reference",
        type: "list.product_taxonomy_value_reference",
        required: false,
      },
      {
        key: "pattern_taxonomy_reference",
        name: "Pattern taxonomy reference",
        type: "product_taxonomy_value_reference",
        required: false,
      },
    ],
    adminAccess: "MERCHANT_READ_WRITE",
    storefrontAccess: "PUBLIC_READ",
    standardTemplate: COLOR_PATTERN_TYPE,
  },
};

export function definitionByType(
  shop: ShopState,
  type: string,
): MetaobjectDefinitionRecord | undefined {
  return [...shop.metaobjectDefinitions.values()].find((d) => d.type === type);
}

/** The entry's display name: its display-name field, else the definition name and number (Shopify's default). */
export function displayName(
  shop: ShopState,
  metaobject: MetaobjectRecord,
): string {
  const definition = definitionByType(shop, metaobject.type);
  const key = definition?.displayNameKey;
  const value = key ? metaobject.fields[key] : undefined;
  return (
    value ||
    `${definition?.name ?? metaobject.type} #${metaobject.id.split("/").pop()}`
  );
}

/**
 * The swatch a metaobject gives an option value linked to it: a color-pattern entry's first colour and its image
 * (when the image is a MediaImage). Shopify does not document a swatch for other metaobject types; none is given.
 */
export function swatchOf(
  shop: ShopState,
  metaobjectId: string | null,
): { color: string | null; imageId: string | null } | null {
  const metaobject = metaobjectId
    ? shop.metaobjects.get(metaobjectId)
    : undefined;
  if (!metaobject || metaobject.type !== COLOR_PATTERN_TYPE) return null;
  let color: string | null = null;
  try {
    const colors = JSON.parse(metaobject.fields.color ?? "[]") as unknown;
    if (Array.isArray(colors) && typeof colors[0] === "string")
      color = colors[0];
  } catch {
    color = null;
  }
  const image = metaobject.fields.image
    ? shop.files.get(metaobject.fields.image)
    : undefined;
  const imageId = image?.kind === "MediaImage" ? image.id : null;
  return color || imageId ? { color, imageId } : null;
}

/** Enables a standard metaobject definition (standardMetaobjectDefinitionEnable); null for an unknown template. */
export function enableStandardDefinition(
  shop: ShopState,
  type: string,
  next: () => number,
  at: string,
): MetaobjectDefinitionRecord | null {
  const existing = definitionByType(shop, type);
  if (existing) return existing;
  const template = STANDARD_METAOBJECT_TEMPLATES[type];
  if (!template) return null;
  const record = {
    ...template,
    id: `gid://shopify/MetaobjectDefinition/${next()}`,
    createdAt: at,
    updatedAt: at,
  };
  shop.metaobjectDefinitions.set(record.id, record);
  return record;
}

/**
 * The colour category metafield: the standard `shopify--color-pattern` metaobject definition and the product
 * metafield definition `shopify.color-pattern` (list.metaobject_reference) that colour options link to.
 * Returns the metafield definition, or null when it already existed.
 */
export function enableColorPatternDefinitions(
  shop: ShopState,
  next: () => number,
  at: string,
): MetafieldDefinitionRecord | null {
  const metaobjects = enableStandardDefinition(
    shop,
    COLOR_PATTERN_TYPE,
    next,
    at,
  )!;
  const exists = [...shop.definitions.values()].some(
    (d) =>
      d.ownerType === "PRODUCT" &&
      d.namespace === "shopify" &&
      d.key === "color-pattern",
  );
  if (exists) return null;
  const record: MetafieldDefinitionRecord = {
    id: `gid://shopify/MetafieldDefinition/${next()}`,
    namespace: "shopify",
    key: "color-pattern",
    name: "Color",
    description: "Product category metafield: colors and patterns.",
    type: "list.metaobject_reference",
    ownerType: "PRODUCT",
    adminAccess: null,
    storefrontAccess: "PUBLIC_READ",
    validations: [{ name: "metaobject_definition_id", value: metaobjects.id }],
    pinnedPosition: null,
    createdAt: at,
  };
  shop.definitions.set(record.id, record);
  return record;
}
