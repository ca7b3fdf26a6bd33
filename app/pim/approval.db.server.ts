// Approving products' values: the drafts become the approved values and a `product.values-approved` outbox event
// commits in the same transaction (the sync engine and the metafield publish follow it).
import db from "~/db.server";
import { NotFound } from "~/lib/errors";
import { writeOutboxEvent } from "~/outbox/outbox.db.server";
import type { Shortfall } from "./approval-gate";
import { LONG_TRANSACTION } from "./values.db.server";

export interface Approval {
  productId: string;
  version: number;
  outboxId: string;
}

/** Where each of these products is below 100 % complete (products complete everywhere are left out). */
export async function completenessShortfalls(
  shop: string,
  productIds: readonly string[],
): Promise<Map<string, Shortfall>> {
  const rows = await db.productCompleteness.findMany({
    where: { shop, productId: { in: [...productIds] }, percent: { lt: 100 } },
    select: {
      productId: true,
      channel: true,
      percent: true,
      product: { select: { title: true } },
    },
    orderBy: [{ productId: "asc" }, { channel: "asc" }],
  });
  const out = new Map<string, Shortfall>();
  for (const row of rows) {
    const entry = out.get(row.productId) ?? {
      title: row.product.title,
      channels: [],
    };
    entry.channels.push({ channel: row.channel, percent: row.percent });
    out.set(row.productId, entry);
  }
  return out;
}

/**
 * Approves products: their draft values become the approved ones, the version goes up, a `ProductApproval` row
 * records who approved (and, for a product incomplete on a channel, the merchant's reason) and a
 * `product.values-approved` outbox event commits in the same transaction. Approving an already approved,
 * unchanged product is a no-op (no event). Throws `NotFound` when a product is not the shop's. The merchant's
 * gate (no incomplete product without a reason) is `approveAndPublish`'s; here the shortfall is recorded.
 */
export async function approveProducts(
  shop: string,
  productIds: readonly string[],
  actor: string | null,
  options: { overrideReason?: string | null } = {},
): Promise<Approval[]> {
  const found = await db.product.count({
    where: { shop, id: { in: [...productIds] } },
  });
  if (found !== new Set(productIds).size)
    throw new NotFound("product not found");
  const shortfalls = await completenessShortfalls(shop, productIds);
  const overrideReason = options.overrideReason?.trim() || null;
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
      const incomplete = shortfalls.get(productId)?.channels ?? [];
      await tx.productApproval.create({
        data: {
          shop,
          productId,
          version,
          actor,
          incomplete,
          overrideReason: incomplete.length ? overrideReason : null,
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
