// Rolling a launch back: the web side asks (rollbackLaunch), the worker (rollBackLaunch) unpublishes everything
// go-live published and puts back its prior status by bulk mutations (retried), and the feed and item channels
// converge so rows stop being served and listings are withdrawn. Idempotent: a failed product keeps its state and
// the next rollback retries it.
import { enqueue } from "~/jobs/enqueue.server";
import { Conflict } from "~/lib/errors";
import { adminClientFor } from "~/shopify/admin-client.server";
import { findLaunch, moveLaunch } from "./launch.db.server";
import {
  launchPairs,
  launchProducts,
  restoreProducts,
  setPairStates,
} from "./launch-pairs.db.server";
import { bulkPerProduct, UNPUBLISH } from "./launch-shopify.server";
import {
  bulkRounds,
  bulkSetStatus,
  converge,
  FEED_AND_ITEM_CHANNELS,
} from "./release.server";

/**
 * Asks for the rollback (the worker does it, below): unpublishes everything it published (bulk), products back to
 * their prior status, feed rows no longer served, marketplace listings inactive. Idempotent. Throws Conflict before
 * go-live started.
 */
export async function rollbackLaunch(
  shop: string,
  launchId: string,
): Promise<void> {
  const launch = await findLaunch(shop, launchId);
  if (!["RELEASING", "LIVE", "ROLLING_BACK"].includes(launch.status))
    throw new Conflict("Only a launch that went live can be rolled back");
  await moveLaunch(shop, launchId, ["RELEASING", "LIVE"], "ROLLING_BACK", {
    error: null,
  });
  await enqueue("launch.rollback", { shop, launchId });
}

/**
 * Rollback: unpublishes every product from the publications go-live published it to and puts back its prior
 * status (bulk, retried), and converges the feed and item channels so rows stop being served and listings are
 * withdrawn.
 */
export async function rollBackLaunch(
  shop: string,
  launchId: string,
  now = new Date(),
): Promise<{ rolledBack: number; failed: number } | { skipped: string }> {
  const launch = await findLaunch(shop, launchId);
  if (launch.status !== "ROLLING_BACK") return { skipped: launch.status };
  const client = await adminClientFor(shop);
  const products = await launchProducts(shop, launchId);
  const released = products.filter((p) => Array.isArray(p.published));
  const byGid = new Map(released.map((p) => [p.product.shopifyId, p]));
  const tag = `launch-${launchId}-rollback-${now.getTime()}`;
  const priorOf = (gid: string) => {
    const prior = byGid.get(gid)!.priorStatus;
    return prior && prior !== "ACTIVE" ? prior : "DRAFT";
  };
  const [unpublish, status] = await Promise.all([
    bulkRounds(client, [...byGid.keys()], (gids, round) =>
      bulkPerProduct(
        client,
        UNPUBLISH,
        "publishableUnpublish",
        gids,
        (id) => ({
          id,
          input: (byGid.get(id)!.published as string[]).map(
            (publicationId) => ({
              publicationId,
            }),
          ),
        }),
        () => true,
        `${tag}-unpublish-${round}`,
      ),
    ),
    bulkSetStatus(client, [...byGid.keys()], priorOf, tag),
  ]);
  const rolledBack = (gid: string) =>
    unpublish.done.has(gid) && status.done.has(gid);
  const done = [...byGid].filter(([gid]) => rolledBack(gid));
  await restoreProducts(
    shop,
    launchId,
    done.map(([gid, p]) => ({ productId: p.productId, status: priorOf(gid) })),
  );
  // Products never released (failed or not reached) are under embargo already: nothing to undo. Those whose
  // rollback failed keep their state, so the launch page names them and the next rollback retries them.
  const stuck = new Set(
    [...byGid].filter(([gid]) => !rolledBack(gid)).map(([, p]) => p.productId),
  );
  const all = products.map((p) => p.productId).filter((id) => !stuck.has(id));
  await setPairStates(shop, launchId, all, null, {
    state: "ROLLED_BACK",
    liveAt: null,
  });
  const failed = stuck.size;
  await converge(
    shop,
    await launchPairs(shop, launchId, {
      channels: FEED_AND_ITEM_CHANNELS,
      productIds: all,
    }),
  );
  await moveLaunch(
    shop,
    launchId,
    ["ROLLING_BACK"],
    failed ? "LIVE" : "ROLLED_BACK",
    {
      rolledBackAt: failed ? null : now,
      error: failed
        ? `${failed} product(s) could not be rolled back; try again`
        : null,
    },
  );
  return { rolledBack: done.length, failed };
}
