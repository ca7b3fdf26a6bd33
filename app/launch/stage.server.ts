// Staging a launch under embargo, in bounded jobs: `launch.stage` reopens every included pair and queues the
// feed and marketplace pairs (they do not wait for Shopify's files), then the storefront media is staged in bulk
// by a chain of `launch.stage-wave` jobs, WAVE products each, in product id order. Each wave job is short enough
// to keep its BullMQ lock on a loaded worker, and idempotent (a product whose images already have Shopify files
// is left to its pair run), so a worker that dies mid-way costs one wave: the job is taken over and the chain
// continues from it. The last wave hands the storefront pairs to the sync engine and starts watching.
import { enqueue } from "~/jobs/enqueue.server";
import {
  endStorefrontBulk,
  stageStorefrontWave,
} from "./bulk-stage-launch.server";
import { WAVE } from "./bulk-stage.server";
import { findLaunch } from "./launch.db.server";
import { launchPairs, setPairStates } from "./launch-pairs.db.server";
import { converge, observeFrom } from "./release.server";

/**
 * Staging's first job: every included pair back to WAITING, the feed and item pairs queued, the waves started.
 * `round`: when staging was asked (the job carries it). The wave jobs' ids are made from it, so this job run
 * again (a lapsed lock, a retry) queues the same wave jobs as the first run: BullMQ keeps one of each while it
 * is queued or running, and a wave already done runs again only to find its products' files made.
 */
export async function stageLaunchPairs(
  shop: string,
  launchId: string,
  now = new Date(),
  size = WAVE,
): Promise<{ pairs: number }> {
  const launch = await findLaunch(shop, launchId);
  if (launch.status !== "STAGING") return { pairs: 0 };
  const pairs = await launchPairs(shop, launchId, {
    states: ["WAITING", "STAGED", "FAILED", "ROLLED_BACK"],
  });
  await setPairStates(
    shop,
    launchId,
    [...new Set(pairs.map((p) => p.productId))],
    null,
    { state: "WAITING", error: null },
  );
  await converge(
    shop,
    pairs.filter((p) => p.channel !== "SHOPIFY_STOREFRONT"),
  );
  await enqueue("launch.stage-wave", {
    shop,
    launchId,
    round: now.getTime(),
    wave: 0,
    size,
  });
  return { pairs: pairs.length };
}

/** The storefront products staging waits for, in a stable order (every wave job of a round sees the same list). */
async function storefrontProducts(shop: string, launchId: string) {
  const pairs = await launchPairs(shop, launchId, {
    channels: ["SHOPIFY_STOREFRONT"],
    states: ["WAITING", "STAGED"],
  });
  return pairs.map((p) => p.productId).sort();
}

/**
 * One wave of a staging round: the storefront media of products [wave × size, (wave + 1) × size) in bulk, then
 * the next wave queued, or, after the last, the storefront pairs converged and watched from `round`. `size` is
 * the round's (WAVE; tests use fewer), carried by every job of the round so that they agree.
 */
export async function stageLaunchWave(
  shop: string,
  launchId: string,
  round: number,
  wave: number,
  size = WAVE,
): Promise<{ staged: number; last: boolean } | { skipped: string }> {
  const launch = await findLaunch(shop, launchId);
  if (launch.status !== "STAGING") return { skipped: launch.status };
  const ids = await storefrontProducts(shop, launchId);
  const slice = ids.slice(wave * size, (wave + 1) * size);
  const outcome = slice.length
    ? await stageStorefrontWave(
        shop,
        launchId,
        slice,
        `launch-${launchId}-stage-${round}-${wave}`,
      )
    : null;
  const staged = outcome?.staged.length ?? 0;
  if ((wave + 1) * size < ids.length) {
    await enqueue("launch.stage-wave", {
      shop,
      launchId,
      round,
      wave: wave + 1,
      size,
    });
    return { staged, last: false };
  }
  await endStorefrontBulk(shop, launchId);
  await converge(
    shop,
    ids.map((productId) => ({ productId, channel: "SHOPIFY_STOREFRONT" })),
  );
  await observeFrom(shop, launchId, new Date(round));
  return { staged, last: true };
}
