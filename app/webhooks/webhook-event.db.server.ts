// The webhook ids we have accepted, per shop. A unique (shop, webhookId) row makes redeliveries detectable.
import db, { Prisma } from "~/db.server";

export type DeliveryClaim =
  | { outcome: "new"; id: string }
  /** Seen before but its jobs never reached the queue (Redis was down): enqueue again. */
  | { outcome: "unfinished"; id: string }
  | { outcome: "duplicate"; id: string };

export async function claimWebhookDelivery(input: {
  shop: string;
  webhookId: string;
  topic: string;
  triggeredAt: Date | null;
}): Promise<DeliveryClaim> {
  try {
    const row = await db.webhookEvent.create({
      data: input,
      select: { id: true },
    });
    return { outcome: "new", id: row.id };
  } catch (error) {
    if (
      !(error instanceof Prisma.PrismaClientKnownRequestError) ||
      error.code !== "P2002"
    )
      throw error;
  }
  const existing = await db.webhookEvent.findUniqueOrThrow({
    where: { shop_webhookId: { shop: input.shop, webhookId: input.webhookId } },
    select: { id: true, enqueuedAt: true },
  });
  return {
    outcome: existing.enqueuedAt ? "duplicate" : "unfinished",
    id: existing.id,
  };
}

export async function markWebhookEnqueued(
  shop: string,
  id: string,
  now = new Date(),
): Promise<void> {
  await db.webhookEvent.updateMany({
    where: { id, shop },
    data: { enqueuedAt: now },
  });
}

/** Deletes ids older than `olderThan`; Shopify stops retrying after 4 hours. Returns the number deleted. */
export async function pruneWebhookEvents(olderThan: Date): Promise<number> {
  const { count } = await db.webhookEvent.deleteMany({
    where: { receivedAt: { lt: olderThan } },
  });
  return count;
}
