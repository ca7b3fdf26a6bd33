// Locks of the sync engine, shared by every worker process through Redis: one run per product × channel at a
// time (a second job for the pair waits for the first, then finds little or nothing left to do).
import { withLock } from "~/jobs/lock.server";
import type { ChannelKind } from "~/channels/kinds";

export function withPairLock<T>(
  shop: string,
  productId: string,
  channel: ChannelKind,
  work: () => Promise<T>,
): Promise<T> {
  return withLock(`pair:${shop}:${productId}:${channel}`, work, {
    ttlMs: 30_000,
    waitMs: 180_000,
  });
}
