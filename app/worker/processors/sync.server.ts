// Sync engine jobs. Each converges to the database's current state; a failure that will not be retried
// (permanent, or the last attempt) is recorded on the product × channel so the merchant sees it in Activity.
import { defaultJobOptions } from "~/jobs/queues.server";
import type { ChannelKind } from "~/sync/channels/profiles";
import {
  syncGoogle,
  syncMarketplace,
} from "~/sync/channels/listings.db.server";
import { dispatchOutboxEvent } from "~/sync/dispatch.db.server";
import { alreadyApplied, failSync } from "~/sync/state.db.server";
import {
  convergeProduct,
  linkedProductIds,
  syncAssetFile,
} from "~/sync/storefront/push.db.server";
import { enqueue } from "~/jobs/enqueue.server";
import { UnrecoverableError } from "bullmq";
import { classifyFailure } from "../failure.server";
import type { JobContext, Processor } from "../processor";

async function recordingFailure<T>(
  context: JobContext,
  shop: string,
  productIds: () => Promise<string[]>,
  channel: ChannelKind,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const permanent = classifyFailure(error) instanceof UnrecoverableError;
    const last = context.attemptsMade + 1 >= (defaultJobOptions.attempts ?? 1);
    if (permanent || last) {
      const reason = (error as Error).message;
      for (const productId of await productIds())
        await failSync(shop, productId, channel, "FAILED", reason);
    }
    throw error;
  }
}

export const dispatchProcessor: Processor<"sync.dispatch"> = ({
  shop,
  outboxId,
}) => dispatchOutboxEvent(shop, outboxId);

export const storefrontAssetProcessor: Processor<"sync.storefront-asset"> = (
  { shop, assetId },
  context,
) =>
  recordingFailure(
    context,
    shop,
    () => linkedProductIds(shop, assetId),
    "SHOPIFY_STOREFRONT",
    () => syncAssetFile(shop, assetId),
  );

export const storefrontProductProcessor: Processor<
  "sync.storefront-product"
> = ({ shop, productId }, context) =>
  recordingFailure(
    context,
    shop,
    () => Promise.resolve([productId]),
    "SHOPIFY_STOREFRONT",
    async () => {
      const result = await convergeProduct(shop, productId);
      // Images without a file at their current version go through the asset job, which converges again.
      for (const assetId of result.missingAssets)
        await enqueue(
          "sync.storefront-asset",
          { shop, assetId },
          { jobId: `sfa-${assetId}-${context.jobId}` },
        );
      return result;
    },
  );

export const googleProcessor: Processor<"sync.google"> = async (
  { shop, productId, revision },
  context,
) =>
  (await alreadyApplied(shop, productId, "GOOGLE_MERCHANT", revision))
    ? { skipped: "already applied" }
    : recordingFailure(
        context,
        shop,
        () => Promise.resolve([productId]),
        "GOOGLE_MERCHANT",
        () => syncGoogle(shop, productId),
      );

export const marketplaceProcessor: Processor<"sync.marketplace"> = async (
  { shop, productId, revision },
  context,
) =>
  (await alreadyApplied(shop, productId, "MARKETPLACE", revision))
    ? { skipped: "already applied" }
    : recordingFailure(
        context,
        shop,
        () => Promise.resolve([productId]),
        "MARKETPLACE",
        () => syncMarketplace(shop, productId),
      );
