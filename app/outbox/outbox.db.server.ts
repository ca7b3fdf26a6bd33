// Writing outbox events. Call writeOutboxEvent with the transaction client of the change it announces, so both
// commit or neither does. The relay (sync engine) moves undispatched rows to BullMQ with job id = outbox id.
import type { Prisma } from "~/db.server";

export type OutboxTopic =
  | "asset.version-approved"
  | "asset.archived"
  | "asset.licence-changed"
  | "asset-link.changed"
  | "asset.details-changed"
  | "product.values-approved";

export interface OutboxEventInput {
  shop: string;
  topic: OutboxTopic;
  /** The id of the changed thing (asset id, product id): ordering and dedupe key. */
  aggregateId: string;
  payload: Prisma.InputJsonObject;
}

/** Anything with `outbox.create`: the root client or a transaction client. */
interface OutboxWriter {
  outbox: {
    create(args: {
      data: Prisma.OutboxCreateInput;
      select: { id: true };
    }): Promise<{ id: string }>;
  };
}

export async function writeOutboxEvent(
  tx: OutboxWriter,
  event: OutboxEventInput,
): Promise<string> {
  const row = await tx.outbox.create({
    data: {
      shop: event.shop,
      topic: event.topic,
      aggregateId: event.aggregateId,
      payload: event.payload,
    },
    select: { id: true },
  });
  return row.id;
}
