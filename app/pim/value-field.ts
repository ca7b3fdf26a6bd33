// The name of one value's form field and of its 400 field error: `{owner}.{key}[.{locale}][.{channel}]`, where
// owner is "product" or our variant id. Shared by the editor (client) and saveProductValues (server).
import { ANY } from "./channels";

export function valueFieldName(edit: {
  attributeKey: string;
  variantId?: string | null;
  locale?: string | null;
  channel?: string | null;
}): string {
  return [
    edit.variantId ?? "product",
    edit.attributeKey,
    edit.locale && edit.locale !== ANY ? edit.locale : null,
    edit.channel && edit.channel !== ANY ? edit.channel : null,
  ]
    .filter(Boolean)
    .join(".");
}

/**
 * The editor's form field of a value, `v.{owner}.{key}` (owner "product" or our variant id). The locale and channel
 * of the whole form travel in their own fields, so a field name stays the same across views.
 */
export function formFieldName(
  variantId: string | null,
  attributeKey: string,
): string {
  return `v.${variantId ?? "product"}.${attributeKey}`;
}

const FORM_FIELD = /^v\.([^.]+)\.([a-z0-9_-]+)$/;

/** The value fields of a posted editor form (every `formFieldName`), with what was typed. */
export function parseFormFields(
  input: Readonly<Record<string, string | string[]>>,
): { variantId: string | null; attributeKey: string; input: string }[] {
  const fields = [];
  for (const [name, value] of Object.entries(input)) {
    const match = FORM_FIELD.exec(name);
    if (!match) continue;
    const [, owner, attributeKey] = match;
    fields.push({
      variantId: owner === "product" ? null : owner!,
      attributeKey: attributeKey!,
      input: [value].flat()[0] ?? "",
    });
  }
  return fields;
}
