// The worker side of a launch: go-live (staging: stage.server.ts; rollback: rollback.server.ts). Staging and the
// flip reuse the sync engine: a pair run per product × channel converges it with the launch gate
// (sync/launch-gate) closed, then open. Go-live's Shopify part is two bulk mutations (status ACTIVE, publish to
// every sales channel) outside the request budget; a product whose line failed is retried in a new operation, then
// named. Every step is idempotent: a job that dies midway is run again and continues from the rows.
import type { ChannelKind } from "~/channels/kinds";
import { enqueue } from "~/jobs/enqueue.server";
import { logger } from "~/lib/logger.server";
import {
  adminClientFor,
  type AdminClient,
} from "~/shopify/admin-client.server";
import { enqueuePairs } from "~/sync/pair-jobs.server";
import { blockedStorefrontPairs } from "~/sync/launch-gate.db.server";
import { markDirty } from "~/sync/pair-state.db.server";
import { findLaunch, moveLaunch } from "./launch.db.server";
import { activateListingsInBatch } from "./marketplace-golive.server";
import {
  launchPairs,
  launchProducts,
  releaseProducts,
  rememberPriorStatus,
  setPair,
  setPairStates,
} from "./launch-pairs.db.server";
import {
  bulkPerProduct,
  PUBLISH,
  SET_STATUS,
  shopPublications,
} from "./launch-shopify.server";

/** Bulk rounds per go-live or rollback: the first, then retries of the lines that failed. */
export const BULK_ROUNDS = 3;
export const FEED_AND_ITEM_CHANNELS: ChannelKind[] = [
  "GOOGLE_MERCHANT",
  "MARKETPLACE",
  "META_CATALOG",
];

/** Marks the pairs dirty and queues their runs (the sync engine converges them). */
export async function converge(
  shop: string,
  pairs: readonly { productId: string; channel: ChannelKind }[],
): Promise<void> {
  await enqueuePairs(await markDirty(shop, pairs));
}

/** The storefront pairs the launch gate held for these products (never staged) converge the ordinary way now. */
export async function releaseGatedPairs(
  shop: string,
  productIds: readonly string[],
): Promise<void> {
  await converge(shop, await blockedStorefrontPairs(shop, productIds));
}

/** Products grouped by the time they were observed (a bulk operation's or a batch read's answers share one). */
function byTime(when: ReadonlyMap<string, Date>): [Date, string[]][] {
  const groups = new Map<number, string[]>();
  for (const [productId, at] of when) {
    const group = groups.get(at.getTime()) ?? [];
    group.push(productId);
    groups.set(at.getTime(), group);
  }
  return [...groups].map(([at, ids]) => [new Date(at), ids]);
}

/** Starts watching the launch settle from `round` (observe.server.ts). */
export async function observeFrom(shop: string, launchId: string, round: Date) {
  await enqueue("launch.observe", {
    shop,
    launchId,
    round: round.getTime(),
    tick: 0,
  });
}

/**
 * Runs `mutation` over `gids` in up to BULK_ROUNDS bulk operations, each retrying only the lines that failed.
 * Returns the products Shopify answered for (with when) and those still failing (with why).
 */
export async function bulkRounds(
  client: AdminClient,
  gids: readonly string[],
  run: (
    gids: readonly string[],
    round: number,
  ) => ReturnType<typeof bulkPerProduct>,
) {
  const done = new Map<string, Date>();
  let pending = [...gids];
  let failed = new Map<string, string>();
  for (let round = 0; round < BULK_ROUNDS && pending.length > 0; round++) {
    const outcome = await run(pending, round);
    for (const gid of outcome.ok) done.set(gid, outcome.completedAt);
    failed = outcome.failed;
    pending = [...failed.keys()];
    if (pending.length)
      logger.warn(
        { shop: client.shop, failed: pending.length, round },
        "launch bulk lines failed; retrying them",
      );
  }
  return { done, failed };
}

/**
 * Bulk `productUpdate` of each product's status (`statusOf`), in rounds: a line counts once Shopify answered the
 * status asked for.
 */
export function bulkSetStatus(
  client: AdminClient,
  gids: readonly string[],
  statusOf: (gid: string) => string,
  tag: string,
) {
  return bulkRounds(client, gids, (batch, round) =>
    bulkPerProduct(
      client,
      SET_STATUS,
      "productUpdate",
      batch,
      (id) => ({ product: { id, status: statusOf(id) } }),
      (p) => {
        const product = p.product as { id?: string; status?: string } | null;
        return (
          Boolean(product?.id) && product!.status === statusOf(product!.id!)
        );
      },
      `${tag}-status-${round}`,
    ),
  );
}

/**
 * Go-live: products ACTIVE and published to every sales channel by bulk mutation (failed lines retried, then
 * named), the gate lifted for those Shopify answered for, and the feed and item channels converged so rows are
 * served and listings activate. Does nothing when the launch's time was moved since this job was queued.
 */
export async function releaseLaunch(
  shop: string,
  launchId: string,
  at: number,
  now = new Date(),
): Promise<{ released: number; failed: number } | { skipped: string }> {
  const launch = await findLaunch(shop, launchId);
  if (launch.goLiveAt?.getTime() !== at) return { skipped: "time moved" };
  const from = ["DRAFT", "STAGING", "STAGED", "RELEASING"] as const;
  if (!(from as readonly string[]).includes(launch.status))
    return { skipped: launch.status };
  const started = launch.goLiveStartedAt ?? now;
  await moveLaunch(shop, launchId, from, "RELEASING", {
    goLiveStartedAt: started,
    error: null,
  });
  await rememberPriorStatus(shop, launchId);
  const client = await adminClientFor(shop);
  const publications = await shopPublications(client);
  const all = await launchProducts(shop, launchId);
  const storefrontState = (p: (typeof all)[number]) =>
    p.channels.find((c) => c.channel === "SHOPIFY_STOREFRONT")?.state;
  const products = all.filter(
    (p) => !["EXCLUDED", "LIVE", undefined].includes(storefrontState(p)),
  );
  // Live on the storefront already (a retry): their feed and item pairs reopened since are converged again.
  const alreadyLive = all
    .filter((p) => storefrontState(p) === "LIVE")
    .map((p) => p.productId);
  const byGid = new Map(products.map((p) => [p.product.shopifyId, p]));
  const tag = `launch-${launchId}-${at}`;
  const input = publications.map((publicationId) => ({ publicationId }));
  // Status and publishing are independent mutations: both operations run at once (up to 5 per shop).
  const [status, publish] = await Promise.all([
    bulkSetStatus(client, [...byGid.keys()], () => "ACTIVE", tag),
    bulkRounds(client, [...byGid.keys()], (gids, round) =>
      bulkPerProduct(
        client,
        PUBLISH,
        "publishablePublish",
        gids,
        (id) => ({ id, input }),
        (p) =>
          ((
            p.publishable as {
              resourcePublicationsCount?: { count: number };
            } | null
          )?.resourcePublicationsCount?.count ?? 0) >= publications.length,
        `${tag}-publish-${round}`,
      ),
    ),
  ]);
  const released: string[] = [];
  const liveAt = new Map<string, Date>();
  const failures = new Map<string, string>();
  for (const [gid, product] of byGid) {
    const statusAt = status.done.get(gid);
    const publishAt = publish.done.get(gid);
    if (statusAt && publishAt) {
      released.push(product.productId);
      liveAt.set(
        product.productId,
        statusAt > publishAt ? statusAt : publishAt,
      );
    } else
      failures.set(
        product.productId,
        `Shopify: ${status.failed.get(gid) ?? publish.failed.get(gid) ?? "not answered"}`,
      );
  }
  await releaseProducts(shop, launchId, released, publications);
  // Released without staging: the storefront pairs the gate held upload their media the ordinary way now.
  const gated = await blockedStorefrontPairs(shop, released);
  await converge(shop, gated);
  const gatedIds = new Set(gated.map((p) => p.productId));
  // One update per answer time (each bulk operation's completion), not per product.
  for (const [at, productIds] of byTime(liveAt))
    await setPairStates(shop, launchId, productIds, ["SHOPIFY_STOREFRONT"], {
      state: "LIVE",
      liveAt: at,
      error: null,
    });
  for (const [productId, error] of failures)
    await setPairStates(shop, launchId, [productId], null, {
      state: "FAILED",
      error: error.slice(0, 1000),
      attempts: BULK_ROUNDS,
    });
  const reopened = [
    ...(await launchPairs(shop, launchId, {
      channels: FEED_AND_ITEM_CHANNELS,
      productIds: released,
    })),
    ...(await launchPairs(shop, launchId, {
      channels: FEED_AND_ITEM_CHANNELS,
      states: ["WAITING"],
      productIds: alreadyLive,
    })),
  ];
  // Observed from now: read-backs older than this run (a retry's earlier failures) do not count. Watching starts
  // before the marketplace batch and the feeds' pair runs (a feed is live once it serves the rows, which the
  // lifted gate does at once).
  await observeFrom(shop, launchId, now);
  // The marketplace first, before the feeds' pair runs are queued beside it: the slow channel's listings are
  // sent and read back in batch rounds, each product live from that read (see marketplace-golive.server.ts).
  const listed = reopened
    .filter((p) => p.channel === "MARKETPLACE")
    .map((p) => p.productId);
  await activateListingsInBatch(shop, listed, async ({ shown, refused }) => {
    for (const [at, productIds] of byTime(shown))
      await setPairStates(shop, launchId, productIds, ["MARKETPLACE"], {
        state: "LIVE",
        liveAt: at,
        error: null,
      });
    // Named at once; its pair run sends it again and settles it (live, or FAILED with the marketplace's answer).
    for (const [productId, words] of refused)
      await setPair(shop, launchId, productId, "MARKETPLACE", {
        error: `${words}; sending it again`.slice(0, 1000),
      });
  });
  // Then every reopened pair converges: the feeds confirm their rows, the marketplace pairs read their listings
  // back (those the batch showed find nothing to send; the others send and settle on their own read). The released
  // products' storefront pairs read their product back too (the gated ones converge already): the sync engine last
  // saw them Draft (staging), and its state (the product and asset pages, a later "no longer live") must come from
  // its own read of them live.
  await converge(shop, [
    ...reopened,
    ...released
      .filter((productId) => !gatedIds.has(productId))
      .map((productId) => ({
        productId,
        channel: "SHOPIFY_STOREFRONT" as const,
      })),
  ]);
  return { released: released.length, failed: failures.size };
}
