// Swatch images cropped from the packshot (issue #15): when a colour value's packshot gives no subject colour (a
// pattern, a print, a measurement that failed), its swatch shows a square detail of the packshot instead of the
// whole garment scaled into a dot. The crop is uploaded as an image file named
// `vitrineswatch-{handle}-{sha12}.jpg` — found again by name, so a lost answer or a second run never uploads it
// twice — and becomes the color-pattern entry's `image`.
import { createHash } from "node:crypto";
import { squareDetail } from "~/dam/image.server";
import { getStorage } from "~/dam/storage.server";
import { Upstream } from "~/lib/errors";
import type { AdminClient } from "~/shopify/admin-client.server";
import {
  createFiles,
  stageUpload,
  waitForFiles,
} from "./storefront/shopify-media.server";
import { findFiles } from "./storefront/shopify-reads.server";
import {
  packshotMasterKey,
  swatchFilesInUse,
  type CropPoint,
  type SwatchSource,
} from "./swatches.db.server";

export const SWATCH_FILE_PREFIX = "vitrineswatch-";

/**
 * The Shopify file of the square detail of the value's packshot (around the merchant's point, else the centre),
 * uploaded when Shopify does not have it yet; a new point is a new file (its name carries the crop's hash). Null when the value has no packshot. Idempotent. Throws `Upstream` if Shopify fails the file.
 */
export async function swatchCropFile(
  shop: string,
  client: AdminClient,
  source: Pick<SwatchSource, "assetId" | "handle">,
  point: CropPoint | null = null,
): Promise<string | null> {
  if (!source.assetId) return null;
  const key = await packshotMasterKey(shop, source.assetId);
  if (!key) return null;
  const crop = await squareDetail(
    await getStorage().get(key),
    point ? { point } : {},
  );
  const sha = createHash("sha256").update(crop).digest("hex");
  const filename = `${SWATCH_FILE_PREFIX}${source.handle}-${sha.slice(0, 12)}.jpg`;
  const [existing] = await findFiles(client, filename, 1);
  if (existing) return existing.id;
  const resourceUrl = await stageUpload(client, {
    filename,
    mimeType: "image/jpeg",
    bytes: crop,
  });
  const ids = await createFiles(client, [{ resourceUrl, filename, alt: "" }]);
  const [state] = await waitForFiles(client, ids);
  if (state?.status !== "READY")
    throw new Upstream(
      `the swatch image of ${source.handle} failed on Shopify`,
      true,
    );
  return ids[0]!;
}

/**
 * The swatch crop files no swatch of the shop shows any more (its packshot was replaced or its value got a
 * colour), older than `graceMs`. Reads only; the orphan sweep deletes them.
 */
export async function findOrphanSwatchCrops(
  shop: string,
  client: AdminClient,
  graceMs: number,
  now = new Date(),
): Promise<string[]> {
  const files = (await findFiles(client, SWATCH_FILE_PREFIX, 5000)).filter(
    (f) => now.getTime() - f.createdAt.getTime() >= graceMs,
  );
  if (files.length === 0) return [];
  const used = await swatchFilesInUse(
    shop,
    files.map((f) => f.id),
  );
  return files.filter((f) => !used.has(f.id)).map((f) => f.id);
}
