// The reconciler: the database is the source of truth, the channels are read back continuously.
// - Recovery: a pair whose desired revision is not confirmed and that has not moved for a while gets its job
//   queued again (the job was lost with a Redis that restarted empty, or its worker died). Job ids carry the
//   pair's job sequence, so a sweep that runs while a job merely waits adds nothing.
// - Verification: every pair is read back on a rolling schedule (`nextCheckAt`, soonest first), at a bounded
//   cost: Admin API reads (kinds.ts `readCost`) spend at most RECONCILE_SHARE of the shop's Admin API restore rate. A read that finds
//   the channel changed (a media item deleted in the Shopify admin, a variant image changed, a feed row gone)
//   repairs it through the same run, or records drift where the PIM owns the data.
// - Licences: an asset whose licence window closed or opened since its products last changed is announced, so
//   every channel withdraws it (or shows it) within one sweep (licences.db.server.ts).
// - Orphans: files Vitrine created (named `vitrine-…`) that no asset holds, or whose asset no product uses, and
//   spin frames (`vitrinespin-…`) of a replaced, unlinked or erased spin and swatch crops (`vitrineswatch-…`) no
//   swatch shows are deleted from Shopify Files.
import { env } from "~/env.server";
import { enqueue } from "~/jobs/enqueue.server";
import { shopRestoreRate } from "~/shopify/throttle-bucket.server";
import { logger } from "~/lib/logger.server";
import type { AdminClient } from "~/shopify/admin-client.server";
import { CHANNELS, channelKinds, type ChannelKind } from "~/channels/kinds";
import { kickOutboxRelay } from "~/outbox/relay.server";
import { announceLicenceChanges } from "./licences.db.server";
import { enqueuePairs } from "./pair-jobs.server";
import {
  duePairs,
  markPending,
  shopsWithSyncState,
  stalePairs,
} from "./pair-queries.db.server";
import {
  deleteFileRowsByGid,
  fileRowsForOrphanCheck,
} from "./storefront/files.db.server";
import { deleteFiles } from "./storefront/shopify-media.server";
import { findFiles } from "./storefront/shopify-reads.server";
import { FILE_PREFIX } from "./storefront/files.server";
import { findOrphanSpinFrames } from "./storefront/spin-orphans.server";
import { findOrphanSwatchCrops } from "./swatch-crops.server";

/** Share of a shop's restore rate the background read-back may spend. */
export const RECONCILE_SHARE = 0.1;
/** A dirty pair that has not moved for this long has its job queued again. */
export const STALE_AFTER_MS = 45_000;

/** Queues again the jobs of dirty pairs that stopped moving; returns how many. Never throws. */
export async function requeueStale(now = new Date()): Promise<number> {
  try {
    const stale = await stalePairs(
      new Date(now.getTime() - STALE_AFTER_MS),
      now,
    );
    await enqueuePairs(stale);
    await markPending(stale);
    return stale.length;
  } catch (error) {
    logger.warn(
      { err: error },
      "requeue of stale syncs failed; next sweep retries",
    );
    return 0;
  }
}

/**
 * Queues the read-back of the shop's pairs that are due (soonest first), within the cost budget of one sweep
 * interval. Returns how many were queued per channel.
 */
export async function verifyDue(
  shop: string,
  intervalMs: number,
  now = new Date(),
): Promise<Record<ChannelKind, number>> {
  const counts = Object.fromEntries(channelKinds.map((c) => [c, 0])) as Record<
    ChannelKind,
    number
  >;
  const due = await duePairs(shop, now);
  let budget =
    ((await shopRestoreRate(shop)) * RECONCILE_SHARE * intervalMs) / 1000;
  const picked: typeof due = [];
  for (const pair of due) {
    // Admin API reads share the shop's budget (each channel gets at least one); local reads are capped.
    const read = CHANNELS[pair.channel].readCost;
    if (read.kind === "admin-api") {
      const cost = read.perProduct + pair.variants * read.perVariant;
      if (cost > budget && picked.some((p) => p.channel === pair.channel))
        continue;
      budget -= cost;
    } else if (counts[pair.channel] >= read.perSweep) continue;
    counts[pair.channel] += 1;
    picked.push(pair);
  }
  await enqueuePairs(picked);
  return counts;
}

/**
 * Deletes the files Vitrine created that nothing should show: files named `vitrine-…` that no asset holds (a
 * creation whose answer was lost, an asset erased), files of assets that no product links any more, and the frames
 * of replaced, unlinked or erased spins (spin-orphans.server.ts) and swatch crops no swatch shows.
 * Files younger than the grace period are left alone. Returns the ids deleted.
 */
export async function deleteOrphanFiles(
  shop: string,
  client: AdminClient,
  now = new Date(),
): Promise<string[]> {
  const files = await findFiles(client, FILE_PREFIX, 5000);
  const rows = files.length
    ? await fileRowsForOrphanCheck(
        shop,
        files.map((f) => f.id),
      )
    : [];
  const rowOf = new Map(rows.map((r) => [r.fileGid, r]));
  // Files younger than the grace period are never orphans (their creation may still be being recorded).
  const grace = env().SYNC_ORPHAN_GRACE_MS;
  const old = (at: Date) => now.getTime() - at.getTime() >= grace;
  const orphans = files
    .filter((file) => {
      const row = rowOf.get(file.id);
      if (!row) return old(file.createdAt);
      return row.asset._count.links === 0 && old(row.updatedAt);
    })
    .map((f) => f.id);
  const frames = [
    ...(await findOrphanSpinFrames(shop, client, grace, now)),
    ...(await findOrphanSwatchCrops(shop, client, grace, now)),
  ];
  if (orphans.length + frames.length === 0) return [];
  await deleteFiles(client, [...orphans, ...frames]);
  await deleteFileRowsByGid(shop, orphans);
  logger.info(
    { shop, files: orphans.length, spinFramesAndSwatchCrops: frames.length },
    "deleted orphan files",
  );
  return [...orphans, ...frames];
}

/** Announces licence windows that opened or closed (licences.db.server.ts). Never throws. */
export async function sweepLicences(now = new Date()): Promise<number> {
  try {
    const changes = await announceLicenceChanges(now);
    if (changes.length > 0) {
      logger.info(
        { assets: changes.map((c) => `${c.shop}:${c.assetId}:${c.boundary}`) },
        "licence windows changed; channels follow",
      );
      await kickOutboxRelay();
    }
    return changes.length;
  } catch (error) {
    logger.warn({ err: error }, "licence sweep failed; next sweep retries");
    return 0;
  }
}

export interface ReconcilerLoop {
  stop(): void;
}

/**
 * The worker's background loops: recovery every `recoverEveryMs`, verification every `verifyEveryMs`, an orphan
 * sweep job per shop every `orphansEveryMs`. Safe to run in several worker processes (jobs are deduplicated).
 */
export function startReconciler({
  recoverEveryMs = 15_000,
  verifyEveryMs = 30_000,
  orphansEveryMs = 10 * 60_000,
} = {}): ReconcilerLoop {
  const verify = async () => {
    try {
      for (const shop of await shopsWithSyncState())
        await verifyDue(shop, verifyEveryMs);
    } catch (error) {
      logger.warn(
        { err: error },
        "verification sweep failed; next sweep retries",
      );
    }
  };
  const orphans = async () => {
    try {
      for (const shop of await shopsWithSyncState())
        await enqueue("sync.orphans", { shop });
    } catch (error) {
      logger.warn(
        { err: error },
        "orphan sweep not queued; next sweep retries",
      );
    }
  };
  const timers = [
    setInterval(() => void requeueStale(), recoverEveryMs),
    setInterval(() => void sweepLicences(), recoverEveryMs),
    setInterval(() => void verify(), verifyEveryMs),
    setInterval(() => void orphans(), orphansEveryMs),
  ];
  for (const timer of timers) timer.unref();
  return { stop: () => timers.forEach((t) => clearInterval(t)) };
}
