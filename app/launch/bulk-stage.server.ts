// Staging a launch's storefront media in bulk (issue #14). Uploading a season image by image through the pair
// runs costs ~150 points per image (hours of a Standard shop's bucket for 10,000 images); here, in waves of
// products: renditions made (real sharp work, cached), bytes sent to staged uploads, then bulk mutations outside
// the cost budget create the files, attach them to their (hidden) product and point each variant at its image.
// What Shopify answered is recorded exactly as the per-pair path records it (ShopifyFile rows, a file's version
// only once it was read back READY with the rendition's byte size), so the pair runs that follow find the work
// done, observe it, and only then count the pair staged. A product this path cannot take (a file of its own
// already, a video or 3D model, an image failing pre-flight) or whose bulk line failed is left to the per-pair
// path, which retries it the ordinary way; a failed one is named (`failed`). Idempotent: a product whose assets
// have file rows is skipped on the next run.
import { logger } from "~/lib/logger.server";
import type { AdminClient } from "~/shopify/admin-client.server";
import { storefrontDesired } from "~/sync/storefront/desired.db.server";
import { fileRowsOf } from "~/sync/storefront/files.db.server";
import { fileNameOf } from "~/sync/storefront/files.server";
import { isMediaVersion } from "~/sync/storefront/media-files.server";
import { storefrontRendition } from "~/sync/storefront/rendition.server";
import {
  attachWave,
  confirmWaveFiles,
  createWaveFiles,
  type PlannedFile,
  type PlannedProduct,
} from "./bulk-stage-wave.server";

/** Products per wave: bounds what one bulk operation carries and what a crash loses (~1,250 images). */
export const WAVE = 250;
const RENDER_CONCURRENCY = 2;

export interface BulkStageOutcome {
  /** Products whose files, media and variant images were all done in bulk. */
  staged: string[];
  /** Products left to the per-pair path (not a fresh set of images, or a pair run took them meanwhile). */
  skipped: string[];
  /** Products whose bulk line failed, with Shopify's words: the per-pair path retries them. */
  failed: Map<string, string>;
}

/** The product's plan, or null when the per-pair path must take it (see the module comment). */
async function planProduct(
  shop: string,
  productId: string,
  claimed: Set<string>,
): Promise<PlannedProduct | null> {
  const desired = await storefrontDesired(shop, productId);
  const ids = desired.assets.map((a) => a.assetId);
  if (ids.length === 0 || ids.some((id) => claimed.has(id))) return null;
  if ((await fileRowsOf(shop, ids)).length > 0) return null;
  const files: PlannedFile[] = [];
  for (const asset of desired.assets) {
    if (await isMediaVersion(shop, asset.versionId)) return null;
    const rendition = await storefrontRendition(shop, asset.assetId);
    if (rendition?.versionId !== asset.versionId || !rendition.preflight.passed)
      return null;
    files.push({
      assetId: asset.assetId,
      versionId: asset.versionId,
      alt: asset.alt,
      filename: fileNameOf(asset.assetId, asset.title, rendition.extension),
      rendition,
    });
  }
  for (const id of ids) claimed.add(id);
  return {
    productId,
    productGid: desired.productGid,
    files,
    media: desired.media,
    variantImage: desired.variantImage,
  };
}

async function planWave(
  shop: string,
  productIds: readonly string[],
  claimed: Set<string>,
): Promise<{ planned: PlannedProduct[]; skipped: string[] }> {
  const planned: PlannedProduct[] = [];
  const skipped: string[] = [];
  const queue = [...productIds];
  await Promise.all(
    Array.from({ length: RENDER_CONCURRENCY }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const plan = await planProduct(shop, id, claimed);
        if (plan) planned.push(plan);
        else skipped.push(id);
      }
    }),
  );
  return { planned, skipped };
}

/**
 * Stages the storefront media of `productIds` in bulk, in waves of WAVE products (see the module comment).
 * Idempotent; never throws for one product's failure (it is in `failed`), throws `Upstream` when Shopify cannot
 * run a bulk operation at all (the job is retried; what was recorded stays done).
 */
export async function stageMediaInBulk(
  shop: string,
  client: AdminClient,
  productIds: readonly string[],
  tag: string,
): Promise<BulkStageOutcome> {
  const outcome: BulkStageOutcome = {
    staged: [],
    skipped: [],
    failed: new Map(),
  };
  const claimed = new Set<string>();
  for (let start = 0; start < productIds.length; start += WAVE) {
    const began = Date.now();
    const { planned, skipped } = await planWave(
      shop,
      productIds.slice(start, start + WAVE),
      claimed,
    );
    outcome.skipped.push(...skipped);
    if (planned.length === 0) continue;
    const waveTag = `${tag}-${start / WAVE}`;
    const rendered = Date.now();
    const created = await createWaveFiles(
      shop,
      client,
      planned,
      waveTag,
      outcome.failed,
      outcome.skipped,
    );
    const ready = await confirmWaveFiles(client, created, outcome.failed);
    const done = await attachWave(client, ready, waveTag, outcome.failed);
    outcome.staged.push(...done.map((p) => p.productId));
    logger.info(
      {
        shop,
        wave: start / WAVE,
        staged: done.length,
        skipped: skipped.length,
        renderMs: rendered - began,
        shopifyMs: Date.now() - rendered,
      },
      "launch media staged in bulk",
    );
  }
  return outcome;
}
