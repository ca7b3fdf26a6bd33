// Saving attribute values: validated edits (value-edits.ts) written with their history, and reverting a change.
// Every query takes the shop. Approval is in approval.db.server.ts, completeness in completeness.db.server.ts and
// the approved values the channels read in approved-values.db.server.ts.
import { randomUUID } from "node:crypto";
import db, { type Prisma } from "~/db.server";
import { NotFound } from "~/lib/errors";
import { primaryLocale } from "~/shop/shop.db.server";
import { encodeValue } from "./attribute-types";
import { listAttributes } from "./attributes.db.server";
import { recomputeCompleteness } from "./completeness.db.server";
import {
  draftSelect,
  planEdits,
  valueKey,
  type ValueEdit,
  type ValueSlot,
} from "./value-edits";

// Other areas import these from here (the sync engine `approvedValues`, the spreadsheet modules `ValueEdit` and
// `defaultLocale`); their homes are the modules named.
export { approvedValues } from "./approved-values.db.server";
export type { ApprovedProductValues } from "./approved-values.db.server";
export type { ValueEdit } from "./value-edits";
export { primaryLocale as defaultLocale } from "~/shop/shop.db.server";

// A product with many variants (or a spreadsheet) writes hundreds of rows in one transaction; Prisma's default
// interactive-transaction timeout is 5 s.
export const LONG_TRANSACTION = { timeout: 60_000 };

type ChangeKind = "EDIT" | "IMPORT" | "REVERT";

/** Writes one value's new draft and its history row (same change id for every row of one save or revert). */
async function writeValueWithHistory(
  tx: Prisma.TransactionClient,
  shop: string,
  change: { changeId: string; kind: ChangeKind; actor: string | null },
  value: ValueSlot & { productId: string; variantId: string | null },
  before: string | null,
  after: string | null,
): Promise<void> {
  const { productId, variantId, ...slot } = value;
  await tx.attributeValue.upsert({
    where: { ownerId_attributeId_locale_channel: slot },
    create: {
      shop,
      productId,
      variantId,
      ...slot,
      draft: after,
      updatedBy: change.actor,
    },
    update: { draft: after, updatedBy: change.actor },
  });
  await tx.valueChange.create({
    data: {
      shop,
      changeId: change.changeId,
      productId,
      variantId,
      ...slot,
      before,
      after,
      kind: change.kind,
      actor: change.actor,
    },
  });
}

async function productForEdit(shop: string, productId: string) {
  const product = await db.product.findFirst({
    where: { shop, id: productId },
    select: {
      id: true,
      pimStatus: true,
      variants: { select: { id: true } },
    },
  });
  if (!product) throw new NotFound("product not found");
  return product;
}

/**
 * Validates and saves draft values of one product, recording history under one change id. Editing an approved
 * product makes it PENDING. All or nothing: throws `Invalid` with per-field errors and writes nothing; throws
 * `NotFound` for another shop's product. Returns the change id (null when nothing changed).
 */
export async function saveProductValues(
  shop: string,
  productId: string,
  edits: readonly ValueEdit[],
  actor: string | null,
  kind: "EDIT" | "IMPORT" = "EDIT",
): Promise<string | null> {
  const product = await productForEdit(shop, productId);
  const attributes = new Map(
    (await listAttributes(shop)).map((a) => [a.key, a]),
  );
  const planned = planEdits(
    edits,
    attributes,
    product,
    await primaryLocale(shop),
  );
  const change = { changeId: randomUUID(), kind, actor };
  const changed = await db.$transaction(async (tx) => {
    const current = new Map(
      (
        await tx.attributeValue.findMany({
          where: { shop, productId },
          select: draftSelect,
        })
      ).map((v) => [valueKey(v), v.draft]),
    );
    let count = 0;
    for (const write of planned) {
      const after = encodeValue(write.value);
      const before = current.get(valueKey(write)) ?? null;
      if (before === after) continue;
      count += 1;
      await writeValueWithHistory(
        tx,
        shop,
        change,
        {
          productId,
          variantId: write.variantId,
          ownerId: write.ownerId,
          attributeId: write.attributeId,
          locale: write.locale,
          channel: write.channel,
        },
        before,
        after,
      );
    }
    if (count > 0 && product.pimStatus === "APPROVED")
      await tx.product.updateMany({
        where: { shop, id: productId },
        data: { pimStatus: "PENDING" },
      });
    return count;
  }, LONG_TRANSACTION);
  if (changed === 0) return null;
  await recomputeCompleteness(shop, [productId]);
  return change.changeId;
}

/**
 * Reverts one field change (`valueChangeId`) or a whole change (`changeId`): each field goes back to its value
 * before that change, recorded as a new REVERT change. Throws `NotFound`. Returns the new change id.
 */
export async function revertChange(
  shop: string,
  target: { changeId: string } | { valueChangeId: string },
  actor: string | null,
): Promise<string> {
  const rows = await db.valueChange.findMany({
    where:
      "changeId" in target
        ? { shop, changeId: target.changeId }
        : { shop, id: target.valueChangeId },
    orderBy: { createdAt: "desc" },
  });
  if (rows.length === 0) throw new NotFound("change not found");
  const productId = rows[0]!.productId;
  const change = {
    changeId: randomUUID(),
    kind: "REVERT" as const,
    actor,
  };
  await db.$transaction(async (tx) => {
    for (const row of rows) {
      const slot = {
        ownerId: row.ownerId,
        attributeId: row.attributeId,
        locale: row.locale,
        channel: row.channel,
      };
      const current = await tx.attributeValue.findUnique({
        where: { ownerId_attributeId_locale_channel: slot },
        select: { draft: true },
      });
      await writeValueWithHistory(
        tx,
        shop,
        change,
        { ...slot, productId: row.productId, variantId: row.variantId },
        current?.draft ?? null,
        row.before,
      );
    }
    await tx.product.updateMany({
      where: { shop, id: productId, pimStatus: "APPROVED" },
      data: { pimStatus: "PENDING" },
    });
  }, LONG_TRANSACTION);
  await recomputeCompleteness(shop, [productId]);
  return change.changeId;
}
