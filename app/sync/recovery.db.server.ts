// The safety net under the outbox: a product × channel that stays pending or syncing for long (its job was lost
// with a Redis that kept nothing on disk, or gave up) is sent again. Job ids include the desired revision, so a
// sweep that runs while the job is merely slow adds nothing.
import db from "~/db.server";
import { enqueue } from "~/jobs/enqueue.server";
import { logger } from "~/lib/logger.server";
import { CHANNEL_JOB } from "./channels/profiles";

/** Re-enqueues product × channel states unchanged for `olderThanMs`; returns how many. Never throws. */
export async function requeueStalled(
  olderThanMs = 120_000,
  now = new Date(),
): Promise<number> {
  try {
    const stalled = await db.syncState.findMany({
      where: {
        status: { in: ["PENDING", "SYNCING"] },
        updatedAt: { lt: new Date(now.getTime() - olderThanMs) },
      },
      select: {
        shop: true,
        productId: true,
        channel: true,
        desiredRevision: true,
      },
      take: 500,
    });
    for (const state of stalled) {
      await enqueue(
        CHANNEL_JOB[state.channel],
        { shop: state.shop, productId: state.productId },
        {
          jobId: `stalled-${state.channel}-${state.productId}-r${state.desiredRevision}`,
        },
      );
      await db.syncState.updateMany({
        where: {
          shop: state.shop,
          productId: state.productId,
          channel: state.channel,
        },
        data: { status: "PENDING" },
      });
    }
    return stalled.length;
  } catch (error) {
    logger.warn(
      { err: error },
      "requeue of stalled syncs failed; next sweep retries",
    );
    return 0;
  }
}

export function startStalledSweep(intervalMs = 30_000): { stop(): void } {
  const timer = setInterval(() => void requeueStalled(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
