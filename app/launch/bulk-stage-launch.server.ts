// A launch's staging step before the pair runs: the storefront media of its products staged in bulk
// (bulk-stage.server.ts). A product whose bulk line failed is named on its storefront pair ("staged one by one"):
// the pair run that follows retries it the ordinary way, and the error clears once that run is observed staged.
import type { ChannelKind } from "~/channels/kinds";
import { logger } from "~/lib/logger.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import { stageMediaInBulk, type BulkStageOutcome } from "./bulk-stage.server";
import { updateLaunch } from "./launch.db.server";
import { setPair } from "./launch-pairs.db.server";

/** Stages the media of the launch's storefront pairs in bulk and names the products that failed. Idempotent. */
export async function stageStorefrontMedia(
  shop: string,
  launchId: string,
  pairs: readonly { productId: string; channel: ChannelKind }[],
  now: Date,
): Promise<BulkStageOutcome> {
  const productIds = pairs
    .filter((p) => p.channel === "SHOPIFY_STOREFRONT")
    .map((p) => p.productId);
  // The storefront pair runs of these products leave their uploads to this job meanwhile (sync/launch-gate).
  await updateLaunch(shop, launchId, { mediaBulkStartedAt: new Date() });
  let outcome: BulkStageOutcome;
  try {
    outcome = await stageMediaInBulk(
      shop,
      await adminClientFor(shop),
      productIds,
      `launch-${launchId}-stage-${now.getTime()}`,
    );
  } finally {
    await updateLaunch(shop, launchId, { mediaBulkStartedAt: null });
  }
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
