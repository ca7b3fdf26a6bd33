// Sync engine jobs: dispatching outbox events, converging a product on a channel (one generic processor for every
// channel), and deleting orphan files. Each converges to the database's current state; the last attempt of a run
// that keeps failing is recorded on the product × channel so the merchant sees it in Activity.
import { defaultJobOptions } from "~/jobs/queues.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import {
  CHANNELS,
  channelKinds,
  type ChannelJob,
  type ChannelKind,
} from "~/channels/kinds";
import { convergePair } from "~/sync/converge.server";
import { dispatchOutboxEvent } from "~/sync/dispatch.db.server";
import { supersededJob } from "~/sync/pair-jobs.server";
import { deleteOrphanFiles } from "~/sync/reconciler.server";
import type { JobContext, Processor } from "../processor";

export const dispatchProcessor: Processor<"sync.dispatch"> = ({
  shop,
  outboxId,
}) => dispatchOutboxEvent(shop, outboxId);

const isLastAttempt = (context: JobContext) =>
  context.attemptsMade + 1 >= (defaultJobOptions.attempts ?? 1);

/**
 * The generic channel job. A retryable failure is retried by BullMQ unless a newer job of the same pair has run
 * since (it converged to a later state): then this one stands down, so a pair never piles up retries.
 */
function channelProcessor(channel: ChannelKind): Processor<ChannelJob> {
  return async ({ shop, productId, seq }, context) => {
    try {
      return await convergePair(shop, productId, channel, {
        final: isLastAttempt(context),
      });
    } catch (error) {
      if (
        (error as { retryable?: boolean }).retryable !== false &&
        (await supersededJob(shop, productId, channel, seq))
      )
        return { outcome: "superseded" };
      throw error;
    }
  };
}

/** One processor per channel job, all the same generic run (the channel's kinds.ts entry names the job). */
export const channelProcessors = Object.fromEntries(
  channelKinds.map((kind) => [CHANNELS[kind].job, channelProcessor(kind)]),
) as Record<ChannelJob, Processor<ChannelJob>>;

export const orphansProcessor: Processor<"sync.orphans"> = async ({
  shop,
}) => ({
  deleted: (await deleteOrphanFiles(shop, await adminClientFor(shop))).length,
});
