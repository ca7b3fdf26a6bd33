// Approval as the UI triggers it: approve (values + outbox row in one transaction), queue the metafield publish
// at once, then kick the outbox relay, which hands the same row to the sync engine for the Google feed and the
// marketplace (its publish enqueue of the same approval is the same job: jobs/job-ids.ts). A row left
// undispatched (Redis down) is picked up by the relay's sweep.
import { enqueue } from "~/jobs/enqueue.server";
import { logger } from "~/lib/logger.server";
import { kickOutboxRelay } from "~/outbox/relay.db.server";
import { approveProducts, type Approval } from "./approval.db.server";

/** Enqueues the publish job of approvals (outbox rows `product.values-approved`). Idempotent per approval. */
async function dispatchValuesApproved(
  shop: string,
  approvals: readonly Approval[],
): Promise<void> {
  for (const approval of approvals) {
    await enqueue("product-values.publish", {
      shop,
      productId: approval.productId,
      version: approval.version,
    });
  }
  await kickOutboxRelay();
}

/**
 * Approves products and queues their publishing. Throws `NotFound` for another shop's product. When Redis is
 * down the approval still stands (the outbox rows wait for the relay); the error is logged, not thrown.
 */
export async function approveAndPublish(
  shop: string,
  productIds: readonly string[],
  actor: string | null,
): Promise<Approval[]> {
  const approvals = await approveProducts(shop, productIds, actor);
  try {
    await dispatchValuesApproved(shop, approvals);
  } catch (error) {
    logger.warn(
      { err: error, shop },
      "publish not queued; outbox relay will retry",
    );
  }
  return approvals;
}
