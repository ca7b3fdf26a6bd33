// Watching a launch settle, from what the channels were OBSERVED to show (SyncState is written only from
// read-backs): during staging a pair is STAGED once its run read the channel back holding it hidden; after
// go-live a feed pair is LIVE once the feed as served holds the product's rows (read here directly, the rule of
// the feed route), a marketplace pair once its run read the active listings back (`liveAt` is that read's time);
// FAILED when the run ended blocked, failed or still not shown. The launch moves on once every pair settled.
import { enqueue } from "~/jobs/enqueue.server";
import { findLaunch, moveLaunch } from "./launch.db.server";
import {
  failOpenPairs,
  launchSettlement,
  observedPairs,
  servedFeedProducts,
  setPair,
  setPairStates,
} from "./launch-pairs.db.server";

/** How long one observe job watches before handing over to its next tick, and how many ticks before giving up. */
const WATCH_MS = 15_000;
const POLL_MS = 250;
export const MAX_TICKS = 240;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One look during staging; returns whether every pair settled. */
async function observeStaging(shop: string, launchId: string, round: Date) {
  let open = 0;
  for (const pair of await observedPairs(shop, launchId, ["WAITING"])) {
    const sync = pair.sync;
    const seen = sync?.observedAt && sync.observedAt >= round;
    if (
      sync &&
      seen &&
      (sync.status === "NOT_LISTED" || sync.status === "LIVE")
    )
      await setPair(shop, launchId, pair.productId, pair.channel, {
        state: "STAGED",
        stagedAt: sync.observedAt,
        error: null,
      });
    else if (
      sync &&
      (sync.status === "BLOCKED" || sync.status === "FAILED") &&
      sync.changedAt &&
      sync.changedAt >= round
    )
      await setPair(shop, launchId, pair.productId, pair.channel, {
        error: sync.reason,
      });
    else open += 1;
  }
  if (open > 0) return false;
  await moveLaunch(shop, launchId, ["STAGING"], "STAGED", {
    stagedAt: new Date(),
  });
  return true;
}

/** One look after go-live; returns whether every pair settled. */
async function observeRelease(shop: string, launchId: string, started: Date) {
  let open = 0;
  const pairs = await observedPairs(shop, launchId, ["WAITING", "STAGED"]);
  // A feed is live for a product once the feed as served holds its rows: read here, for every product at once.
  const productIds = [...new Set(pairs.map((p) => p.productId))];
  const served = {
    GOOGLE_MERCHANT: await servedFeedProducts(
      shop,
      "GOOGLE_MERCHANT",
      productIds,
    ),
    META_CATALOG: await servedFeedProducts(shop, "META_CATALOG", productIds),
  };
  const now = new Date();
  const feedLive = {
    GOOGLE_MERCHANT: [] as string[],
    META_CATALOG: [] as string[],
  };
  for (const pair of pairs) {
    const sync = pair.sync;
    const seen = sync?.observedAt && sync.observedAt >= started;
    if (pair.embargoed || pair.channel === "SHOPIFY_STOREFRONT") open += 1;
    else if (
      (pair.channel === "GOOGLE_MERCHANT" || pair.channel === "META_CATALOG") &&
      served[pair.channel].has(pair.productId)
    )
      feedLive[pair.channel].push(pair.productId);
    else if (sync && seen && sync.status === "LIVE")
      await setPair(shop, launchId, pair.productId, pair.channel, {
        state: "LIVE",
        liveAt: sync.observedAt,
        error: null,
      });
    else if (
      sync &&
      sync.changedAt &&
      sync.changedAt >= started &&
      (sync.status === "BLOCKED" ||
        sync.status === "FAILED" ||
        (seen && sync.status === "NOT_LISTED"))
    )
      await setPair(shop, launchId, pair.productId, pair.channel, {
        state: "FAILED",
        error: sync.reason ?? `${sync.status} on the channel`,
      });
    else open += 1;
  }
  for (const channel of ["GOOGLE_MERCHANT", "META_CATALOG"] as const)
    await setPairStates(shop, launchId, feedLive[channel], [channel], {
      state: "LIVE",
      liveAt: now,
      error: null,
    });
  if (open > 0) return false;
  const { failed, lastLiveAt } = await launchSettlement(shop, launchId);
  await moveLaunch(shop, launchId, ["RELEASING"], "LIVE", {
    allLiveAt: failed === 0 ? (lastLiveAt ?? new Date()) : null,
  });
  return true;
}

/**
 * Watches the launch for up to WATCH_MS, then queues its next tick unless every pair settled. After MAX_TICKS
 * the pairs still open are marked FAILED ("not observed") so a launch never waits forever. Idempotent.
 */
export async function observeLaunch(
  shop: string,
  launchId: string,
  round: number,
  tick: number,
): Promise<{ settled: boolean }> {
  const until = Date.now() + WATCH_MS;
  for (;;) {
    const launch = await findLaunch(shop, launchId);
    let settled = true;
    if (launch.status === "STAGING")
      settled = await observeStaging(shop, launchId, new Date(round));
    else if (launch.status === "RELEASING" && launch.goLiveStartedAt)
      // From the later of go-live and this round: a retry's round ignores the read-backs that made pairs fail.
      settled = await observeRelease(
        shop,
        launchId,
        new Date(Math.max(round, launch.goLiveStartedAt.getTime())),
      );
    if (settled) return { settled };
    if (Date.now() >= until) break;
    await sleep(POLL_MS);
  }
  if (tick + 1 >= MAX_TICKS) {
    // Staging that never settled still ends (the pairs keep WAITING, so go-live converges them anyway); a
    // release names what was never observed live.
    await moveLaunch(shop, launchId, ["STAGING"], "STAGED", {
      stagedAt: new Date(),
    });
    const launch = await findLaunch(shop, launchId);
    if (launch.status === "RELEASING") {
      await failOpenPairs(
        shop,
        launchId,
        "Not observed live on the channel in time",
      );
      await moveLaunch(shop, launchId, ["RELEASING"], "LIVE");
    }
    return { settled: true };
  }
  await enqueue("launch.observe", { shop, launchId, round, tick: tick + 1 });
  return { settled: false };
}
