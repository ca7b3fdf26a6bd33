// The product editor's use cases: save the values typed into one locale × channel view, and change the family.
import { setProductFamily } from "./attributes.db.server";
import type { Channel, ANY } from "./channels";
import { parseFormFields } from "./value-field";
import { recomputeCompleteness } from "./completeness.db.server";
import { saveProductValues } from "./values.db.server";

/**
 * Saves the editor's value fields (`v.{owner}.{key}`, see value-field.ts) for the view's locale and channel. All or
 * nothing; returns the change id (null when nothing changed). Throws `Invalid` keyed by `valueFieldName` and
 * `NotFound` for another shop's product.
 */
export async function saveEditorValues(
  shop: string,
  productId: string,
  form: {
    locale: string;
    channel: Channel | typeof ANY;
    fields: Readonly<Record<string, string | string[]>>;
  },
  actor: string | null,
): Promise<string | null> {
  const edits = parseFormFields(form.fields).map((field) => ({
    ...field,
    locale: form.locale,
    channel: form.channel,
  }));
  return saveProductValues(shop, productId, edits, actor);
}

/**
 * Sets (or clears, with null) the product's family and recomputes its completeness, which the family's required
 * attributes define. Idempotent. Throws `NotFound` for another shop's product or family.
 */
export async function changeProductFamily(
  shop: string,
  productId: string,
  familyId: string | null,
): Promise<void> {
  await setProductFamily(shop, productId, familyId);
  await recomputeCompleteness(shop, [productId]);
}
