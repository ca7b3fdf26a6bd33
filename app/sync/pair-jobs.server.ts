// Queueing the convergence of product × channel pairs. The job id carries the pair's job sequence, which a run
// bumps when it starts: while a job waits, every further change maps to the same id (one queued job per pair);
// once it runs, the next change queues exactly one more. Queue depth is bounded by the number of dirty pairs.
// Pair jobs run once (no BullMQ retries, which would wait beside the next change's job): a run that fails
// transiently schedules the pair's next run itself, backing off, under the same id a new change would use — so a
// change arriving meanwhile runs it at once (enqueue promotes it) and the pair still has one job.
import { enqueue } from "~/jobs/enqueue.server";
import { logger } from "~/lib/logger.server";
import { CHANNEL_JOB, type ChannelKind } from "~/channels/kinds";
import { jobSeqOf, scheduleNextRun } from "./pair-queries.db.server";
import type { PairRef } from "./pair-state.db.server";

/** Runs of a pair that may fail transiently in a row before the last one records the failure for good. */
export const MAX_PAIR_RUNS = 8;

/** Delay before the next run after `retry` transient failures in a row: 1 s, 2 s, 4 s… up to 64 s. */
export const retryDelayMs = (retry: number) => 1_000 * 2 ** Math.min(retry, 6);

/** Whether the run numbered `retry` (0 = first) is the pair's last before failing for good. */
export const isLastRun = (retry: number) => retry + 1 >= MAX_PAIR_RUNS;

/**
 * Queues a job per pair (idempotent per job sequence). Never throws: when Redis is away the pairs stay dirty in
 * the database and the recovery sweep queues them again. Returns how many could be queued.
 */
export async function enqueuePairs(pairs: readonly PairRef[]): Promise<number> {
  let queued = 0;
  for (const pair of pairs) {
    try {
      // Queued under the pair's sequence as it is now: when a run began since the change was committed, the id
      // read then may belong to a finished job (and be free again) — a job queued under it would only stand down
      // beside the pair's real next job; and a retry backing off under the current id runs at once instead.
      const current = await jobSeqOf(pair.shop, pair.productId, pair.channel);
      await enqueue(CHANNEL_JOB[pair.channel], {
        shop: pair.shop,
        productId: pair.productId,
        seq: Math.max(pair.seq, current ?? 0),
      });
      queued += 1;
    } catch (error) {
      logger.warn(
        { err: error, shop: pair.shop, productId: pair.productId },
        "sync job not queued; the recovery sweep will queue it",
      );
      break;
    }
  }
  return queued;
}

/**
 * Whether a job (queued at `seq`) has been overtaken: a job with a later sequence has started since, so that one
 * converged (or will converge) to a state at least as recent.
 */
export async function supersededJob(
  shop: string,
  productId: string,
  channel: ChannelKind,
  seq: number,
): Promise<boolean> {
  const current = await jobSeqOf(shop, productId, channel);
  return current !== null && current > seq + 1;
}

/**
 * After a transient failure of run `retry`: queues the pair's next run after its backoff. When Redis is away the
 * pair stays pending and the recovery sweep queues it once the backoff has passed.
 */
export async function retryPairLater(
  shop: string,
  productId: string,
  channel: ChannelKind,
  job: { seq: number; retry: number },
  error: unknown,
): Promise<void> {
  const { retry } = job;
  const delayMs = retryDelayMs(retry);
  const seq = await scheduleNextRun(
    shop,
    productId,
    channel,
    job.seq,
    new Date(Date.now() + delayMs),
  );
  logger.warn(
    { err: error, shop, productId, channel, retry: retry + 1, delayMs },
    "sync run failed transiently; next run scheduled",
  );
  if (seq === null) return;
  try {
    await enqueue(
      CHANNEL_JOB[channel],
      { shop, productId, seq, retry: retry + 1 },
      { delayMs },
    );
  } catch (enqueueError) {
    logger.warn(
      { err: enqueueError, shop, productId, channel },
      "next sync run not queued; the recovery sweep will queue it",
    );
  }
}
