// What every asset change writes inside its transaction: an audit event, and the asset's search text.
import { Prisma } from "~/db.server";
import { altTextColumn } from "./dam.schema";

export type Tx = Prisma.TransactionClient;

/** A value as the audit JSON stores it (dates as ISO strings, undefined dropped). */
export const jsonable = (value: unknown): Prisma.InputJsonValue =>
  JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;

/** Records one audit event of the asset, with the fields before and after. */
export async function audit(
  tx: Tx,
  shop: string,
  assetId: string,
  actor: string,
  action: string,
  before: Prisma.InputJsonValue | null,
  after: Prisma.InputJsonValue | null,
) {
  await tx.assetAuditEvent.create({
    data: {
      shop,
      assetId,
      actor,
      action,
      before: before ?? Prisma.DbNull,
      after: after ?? Prisma.DbNull,
    },
  });
}

/** Rebuilds the text the asset is found by. Call inside the transaction of every change to those fields. */
export async function refreshSearchDoc(tx: Tx, shop: string, assetId: string) {
  const asset = await tx.asset.findFirstOrThrow({
    where: { id: assetId, shop },
    include: { tags: true, versions: { select: { filename: true } } },
  });
  const alt = Object.values(altTextColumn(asset.altText));
  const body = [
    asset.title,
    ...new Set(asset.versions.map((v) => v.filename)),
    ...asset.tags.map((t) => t.tag),
    ...alt,
    asset.usageNotes,
    asset.rightsOwner,
    asset.licence,
  ]
    .filter(Boolean)
    .join(" \n");
  await tx.assetSearchDoc.upsert({
    where: { assetId },
    create: { assetId, shop, body },
    update: { body },
  });
}
