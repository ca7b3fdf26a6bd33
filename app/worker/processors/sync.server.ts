// Sync engine jobs: dispatching outbox events, converging a product on a channel (one generic processor for every
// channel), and deleting orphan files. Each converges to the database's current state; the last attempt of a run
// that keeps failing is recorded on the product × channel so the merchant sees it in Activity.
import { enqueue } from "~/jobs/enqueue.server";
import { adminClientFor } from "~/shopify/admin-client.server";
import {
  CHANNELS,
  channelKinds,
  type ChannelJob,
  type ChannelKind,
} from "~/channels/kinds";
import { convergePair } from "~/sync/converge.server";
import { dispatchOutboxEvent } from "~/sync/dispatch.server";
import {
  isLastRun,
  retryPairLater,
  supersededJob,
} from "~/sync/pair-jobs.server";
import { deleteOrphanFiles } from "~/sync/reconciler.server";
import type { Processor } from "../processor";

export const dispatchProcessor: Processor<"sync.dispatch"> = ({
  shop,
  outboxId,
}) => dispatchOutboxEvent(shop, outboxId);

/**
 * The generic channel job, run once; it stands down when a run of its pair has begun since it was queued. A transient failure stands down when a newer job of the same pair has run
 * since (it converged to a later state), else schedules the pair's next run (pair-jobs.server.ts); the last run
 * of a series records the failure for the merchant and fails the job.
 */
function channelProcessor(channel: ChannelKind): Processor<ChannelJob> {
  return async ({ shop, productId, seq, retry = 0 }) => {
    const final = isLastRun(retry);
    try {
      const result = await convergePair(shop, productId, channel, {
        final,
        seq,
      });
      // The storefront now shows the approved values, images and alt text: translations and swatches follow.
      if (
        channel === "SHOPIFY_STOREFRONT" &&
        !["superseded", "gone", "disabled"].includes(result.outcome)
      ) {
        await enqueue("product-translations.publish", { shop, productId });
        await enqueue("product-swatches.write", { shop, productId });
      }
      return result;
    } catch (error) {
      if ((error as { retryable?: boolean }).retryable === false || final)
        throw error;
      if (await supersededJob(shop, productId, channel, seq))
        return { outcome: "superseded" };
      await retryPairLater(shop, productId, channel, { seq, retry }, error);
      return { outcome: "retrying", retry: retry + 1 };
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
