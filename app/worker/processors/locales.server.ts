// Languages and swatches (issue #15): a product's translations and its colour swatches, each one idempotent
// job per product queued after the storefront converges, at background priority (the pushes of the next product
// go first).
import { publishProductTranslations } from "~/pim/translations.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { writeProductSwatches } from "~/sync/swatches.server";
import type { Processor } from "../processor";

export const publishTranslationsProcessor: Processor<
  "product-translations.publish"
> = async ({ shop, productId }) =>
  publishProductTranslations(
    shop,
    productId,
    await adminClientFor(shop, "background"),
  );

export const writeSwatchesProcessor: Processor<
  "product-swatches.write"
> = async ({ shop, productId }) => {
  const result = await writeProductSwatches(
    shop,
    productId,
    await adminClientFor(shop, "background"),
  );
  return { outcome: result.outcome, swatches: result.swatches.length };
};
