// Approving products' values: the drafts become the approved values and a `product.values-approved` outbox event
// commits in the same transaction (the sync engine and the metafield publish follow it).
import db from "~/db.server";
import { NotFound } from "~/lib/errors";
import { writeOutboxEvent } from "~/outbox/outbox.db.server";
import { LONG_TRANSACTION } from "./values.db.server";

export interface Approval {
  productId: string;
  version: number;
  outboxId: string;
}

/**
 * Approves products: their draft values become the approved ones, the version goes up and a
 * `product.values-approved` outbox event commits in the same transaction. Approving an already approved,
 * unchanged product is a no-op (no event). Throws `NotFound` when a product is not the shop's.
 */
export async function approveProducts(
  shop: string,
  productIds: readonly string[],
  actor: string | null,
): Promise<Approval[]> {
  const found = await db.product.count({
    where: { shop, id: { in: [...productIds] } },
  });
  if (found !== new Set(productIds).size)
    throw new NotFound("product not found");
  const approvals: Approval[] = [];
  for (const productId of new Set(productIds)) {
    const approval = await db.$transaction(async (tx) => {
      const product = await tx.product.findFirstOrThrow({
        where: { shop, id: productId },
        select: { pimStatus: true, approvedVersion: true },
      });
      if (product.pimStatus === "APPROVED") return null;
      const values = await tx.attributeValue.findMany({
        where: { shop, productId },
        select: { id: true, draft: true, approved: true },
      });
      for (const value of values) {
        if (value.draft === value.approved) continue;
        await tx.attributeValue.updateMany({
          where: { shop, id: value.id },
          data: { approved: value.draft },
        });
      }
      const version = product.approvedVersion + 1;
      await tx.product.updateMany({
        where: { shop, id: productId },
        data: {
          pimStatus: "APPROVED",
          approvedVersion: version,
          approvedAt: new Date(),
          approvedBy: actor,
        },
      });
      const outboxId = await writeOutboxEvent(tx, {
        shop,
        topic: "product.values-approved",
        aggregateId: productId,
        payload: { productId, version },
      });
      return { productId, version, outboxId };
    }, LONG_TRANSACTION);
    if (approval) approvals.push(approval);
  }
  return approvals;
}
