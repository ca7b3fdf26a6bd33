// One launch's Shopify-side status changes, one at a time: go-live, rollback, the preview and its end each run
// their bulk mutations (status, publications) under this lock, shared by every worker process through Redis.
// Without it, "Go live now" right after "Preview" ran both jobs at once and the preview's UNLISTED could land after
// go-live's ACTIVE: a product Unlisted while the launch said live. Each job reads the launch's status inside the
// lock, so the one that waited finds the other's outcome (a preview after go-live stands down).
import { withLock } from "~/sync/locks.server";

/** Long enough for a season's bulk mutations; a waiter past it fails retryably and BullMQ runs it again. */
const WAIT_MS = 10 * 60_000;

export const withLaunchLock = <T>(
  shop: string,
  launchId: string,
  work: () => Promise<T>,
): Promise<T> =>
  withLock(`launch:${shop}:${launchId}`, work, {
    ttlMs: 60_000,
    waitMs: WAIT_MS,
  });
