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
