// Queueing the convergence of product × channel pairs. The job id carries the pair's job sequence, which a run
// bumps when it starts: while a job waits, every further change maps to the same id (one queued job per pair);
// once it runs, the next change queues exactly one more. Queue depth is bounded by the number of dirty pairs.
import { enqueue } from "~/jobs/enqueue.server";
import { logger } from "~/lib/logger.server";
import { CHANNEL_JOB } from "~/channels/kinds";
import type { ChannelKind } from "~/channels/kinds";
import { jobSeqOf } from "./pair-queries.db.server";
import type { PairRef } from "./pair-state.db.server";

/**
 * Queues a job per pair (idempotent per job sequence). Never throws: when Redis is away the pairs stay dirty in
 * the database and the recovery sweep queues them again. Returns how many could be queued.
 */
export async function enqueuePairs(pairs: readonly PairRef[]): Promise<number> {
  let queued = 0;
  for (const pair of pairs) {
    try {
      await enqueue(CHANNEL_JOB[pair.channel], {
        shop: pair.shop,
        productId: pair.productId,
        seq: pair.seq,
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
