// A launch's storefront media staged in bulk (bulk-stage.server.ts), one wave of products per call: the staging's
// wave jobs (stage.server.ts) call it in turn. A product whose bulk line failed is named on its storefront pair
// ("staged one by one"): the pair run that follows retries it the ordinary way, and the error clears once that
// run is observed staged. While the waves run, the launch's `mediaBulkStartedAt` is renewed at each one, so the
// storefront pair runs of its products keep leaving their uploads to the bulk step (sync/launch-gate) however
// long a season takes; `endStorefrontBulk` hands the pairs back to the ordinary path.
import { logger } from "~/lib/logger.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { stageMediaInBulk, type BulkStageOutcome } from "./bulk-stage.server";
import { updateLaunch } from "./launch.db.server";
import { setPair } from "./launch-pairs.db.server";

/** Stages the storefront media of `productIds` (one wave) in bulk and names the products that failed. Idempotent. */
export async function stageStorefrontWave(
  shop: string,
  launchId: string,
  productIds: readonly string[],
  tag: string,
): Promise<BulkStageOutcome> {
  await updateLaunch(shop, launchId, { mediaBulkStartedAt: new Date() });
  const outcome = await stageMediaInBulk(
    shop,
    await adminClientFor(shop),
    productIds,
    tag,
  );
  for (const [productId, why] of outcome.failed)
    await setPair(shop, launchId, productId, "SHOPIFY_STOREFRONT", {
      error:
        `Bulk staging failed (${why}); staging it on its own instead`.slice(
          0,
          1000,
        ),
    });
  if (outcome.failed.size)
    logger.warn(
      { shop, launchId, failed: Object.fromEntries(outcome.failed) },
      "launch products failed in bulk staging; staged one by one",
    );
  return outcome;
}

/** The bulk media step has ended: the storefront pair runs upload whatever it left, the ordinary way. */
export async function endStorefrontBulk(
  shop: string,
  launchId: string,
): Promise<void> {
  await updateLaunch(shop, launchId, { mediaBulkStartedAt: null });
}
