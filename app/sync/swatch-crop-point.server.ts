// The merchant's crop point of a swatch (issue #15): where the square detail of the packshot is taken for a Colour
// value whose packshot gives no subject colour. Saved from the product page; the product's swatch run then crops
// around it, uploads the new detail and points the colour's entry at it (the old crop is swept as an orphan).
import { z } from "zod";
import { enqueue } from "~/jobs/enqueue.server";
import { NotFound } from "~/lib/errors";
import { saveSwatchCropPoint, swatchSources } from "./swatches.db.server";

export const swatchCropPointInput = z.object({
  label: z.string().min(1).max(255),
  x: z.coerce.number().min(0).max(1),
  y: z.coerce.number().min(0).max(1),
});
export type SwatchCropPointInput = z.infer<typeof swatchCropPointInput>;

/**
 * Stores the crop point of one of the product's Colour values (shop-wide: every product with that colour shares
 * its swatch) and queues `product-swatches.write` for the product. Idempotent. Throws `NotFound` when the product
 * (of this shop) has no such Colour value.
 */
export async function setSwatchCropPoint(
  shop: string,
  productId: string,
  raw: SwatchCropPointInput,
): Promise<void> {
  const input = swatchCropPointInput.parse(raw);
  const source = (await swatchSources(shop, productId))?.values.find(
    (v) => v.label === input.label,
  );
  if (!source) throw new NotFound(`no colour ${input.label} on ${productId}`);
  await saveSwatchCropPoint(shop, source, { x: input.x, y: input.y });
  await enqueue("product-swatches.write", { shop, productId });
}
