// Approval as the UI triggers it: approve (values + outbox row in one transaction), then kick the outbox relay,
// which hands the row to the sync engine: every channel, the storefront's app metafields included, converges to
// the approved values and is read back. A row left undispatched (Redis down) is picked up by the relay's sweep.
import { logger } from "~/lib/logger.server";
import { kickOutboxRelay } from "~/outbox/relay.server";
import { requireOverrideReason } from "./approval-gate";
import {
  approveProducts,
  completenessShortfalls,
  type Approval,
} from "./approval.db.server";

/**
 * Approves products as the merchant does (a product incomplete on a channel needs a reason, recorded with the
 * approval) and hands them to the sync engine. Throws `NotFound` for another shop's product and `Invalid`
 * when one is incomplete and no `overrideReason` is given. When Redis
 * is down the approval still stands (the outbox rows wait for the relay); the error is logged, not thrown.
 */
export async function approveAndPublish(
  shop: string,
  productIds: readonly string[],
  actor: string | null,
  options: { overrideReason?: string | null } = {},
): Promise<Approval[]> {
  const overrideReason = requireOverrideReason(
    await completenessShortfalls(shop, productIds),
    options.overrideReason,
  );
  const approvals = await approveProducts(shop, productIds, actor, {
    overrideReason,
  });
  try {
    await kickOutboxRelay();
  } catch (error) {
    logger.warn(
      { err: error, shop },
      "approval not relayed yet; the outbox relay will retry",
    );
  }
  return approvals;
}
