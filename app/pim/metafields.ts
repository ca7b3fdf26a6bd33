// Approved PIM values as Shopify metafields, in the app-reserved namespace (`$app`, storefront readable so themes
// can show them): each attribute type's metafield type and value string, and what must change on Shopify to match.
// Pure.
// https://shopify.dev/docs/apps/build/custom-data/ownership#reserved-prefixes
import type { AttributeShape, AttributeValueData } from "./attribute-types";
import type { PublishedRow } from "./publish.db.server";

export const APP_NAMESPACE = "$app";
/** Shopify's limit for metafieldsSet (and what we use for metafieldsDelete). */
export const METAFIELDS_PER_CALL = 25;

/** Shopify metafield type for an attribute (`list.*` when multi-valued). */
export function metafieldType(attribute: AttributeShape): string {
  switch (attribute.type) {
    case "single_line_text":
    case "single_select":
      return "single_line_text_field";
    case "multi_line_text":
      return "multi_line_text_field";
    case "rich_text":
      return "rich_text_field";
    case "integer":
      return "number_integer";
    case "decimal":
      return "number_decimal";
    case "boolean":
      return "boolean";
    case "date":
      return "date";
    case "multi_select":
      return "list.single_line_text_field";
    case "measurement":
      return attribute.validation.measurementKind ?? "dimension";
    case "colour":
      return "color";
    case "url":
      return "url";
    case "product_reference":
      return "product_reference";
    case "asset_reference":
      return "file_reference";
  }
}

/** The metafield value string Shopify expects for a typed value. */
export function metafieldValue(
  attribute: AttributeShape,
  value: AttributeValueData,
): string {
  switch (attribute.type) {
    case "multi_select":
      return JSON.stringify(value);
    case "measurement":
      return JSON.stringify(value);
    case "rich_text":
      return JSON.stringify({
        type: "root",
        children: String(value)
          .split(/\n{2,}/)
          .map((paragraph) => ({
            type: "paragraph",
            children: [{ type: "text", value: paragraph }],
          })),
      });
    default:
      return String(value);
  }
}

export interface DesiredMetafield {
  ownerShopifyId: string;
  key: string;
  type: string;
  value: string;
}

export interface PublishPlan {
  set: (DesiredMetafield & { compareDigest: string | null })[];
  remove: { ownerShopifyId: string; key: string }[];
}

/** What must change on Shopify: new or changed values (with the digest we last saw), and cleared ones. Pure. */
export function planPublish(
  desired: readonly DesiredMetafield[],
  published: readonly PublishedRow[],
): PublishPlan {
  const id = (m: { ownerShopifyId: string; key: string }) =>
    `${m.ownerShopifyId}|${m.key}`;
  const known = new Map(published.map((p) => [id(p), p]));
  const wanted = new Set(desired.map(id));
  return {
    set: desired
      .filter((d) => {
        const p = known.get(id(d));
        return !p || p.value !== d.value || p.type !== d.type;
      })
      .map((d) => ({ ...d, compareDigest: known.get(id(d))?.digest ?? null })),
    remove: published
      .filter((p) => !wanted.has(id(p)))
      .map((p) => ({ ownerShopifyId: p.ownerShopifyId, key: p.key })),
  };
}
