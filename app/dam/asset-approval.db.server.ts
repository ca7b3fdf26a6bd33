// Approval and the other status changes of an asset, each in one transaction with its audit event and, where the
// channels must follow, its outbox event (the sync engine reads those; see outbox/).
import db from "~/db.server";
import { NotFound } from "~/lib/errors";
import { writeOutboxEvent } from "~/outbox/outbox.db.server";
import { audit } from "./asset-audit.db.server";
import { assertCanApprove, nextStatus } from "./asset-status";

/**
 * Makes `versionId` the asset's current version and the asset APPROVED, writing exactly one outbox event
 * `asset.version-approved` in the same transaction. Idempotent: approving the current version again writes
 * nothing (`changed: false`). Throws NotFound (other shop, unknown ids) and Conflict (archived asset).
 */
export async function commitApproval(
  shop: string,
  assetId: string,
  versionId: string,
  actor: string,
) {
  return db.$transaction(async (tx) => {
    const asset = await tx.asset.findFirst({ where: { id: assetId, shop } });
    if (!asset) throw new NotFound("asset not found");
    const version = await tx.assetVersion.findFirst({
      where: { id: versionId, assetId, shop },
    });
    if (!version) throw new NotFound("version not found");
    assertCanApprove(asset.status);
    if (asset.currentVersionId === versionId && asset.status === "APPROVED")
      return { asset, version, changed: false };
    const approved = await tx.assetVersion.update({
      where: { id: version.id },
      data: { approvedAt: new Date(), approvedBy: actor },
    });
    const updated = await tx.asset.update({
      where: { id: asset.id },
      data: { currentVersionId: version.id, status: "APPROVED" },
    });
    await audit(
      tx,
      shop,
      asset.id,
      actor,
      "version-approved",
      { status: asset.status, currentVersionId: asset.currentVersionId },
      { status: "APPROVED", currentVersionId: version.id },
    );
    await writeOutboxEvent(tx, {
      shop,
      topic: "asset.version-approved",
      aggregateId: asset.id,
      payload: {
        assetId: asset.id,
        versionId: version.id,
        previousVersionId: asset.currentVersionId ?? null,
      },
    });
    return { asset: updated, version: approved, changed: true };
  });
}

/**
 * Moves the asset to a status other than APPROVED (review, back to draft, archive, unarchive) by the rules of
 * asset-status.ts; archiving writes `asset.archived` to the outbox. Idempotent. Throws NotFound and Conflict.
 */
export async function setAssetStatus(
  shop: string,
  assetId: string,
  status: "DRAFT" | "IN_REVIEW" | "ARCHIVED",
  actor: string,
) {
  return db.$transaction(async (tx) => {
    const asset = await tx.asset.findFirst({ where: { id: assetId, shop } });
    if (!asset) throw new NotFound("asset not found");
    const next = nextStatus(
      asset.status,
      status,
      asset.currentVersionId !== null,
    );
    if (next === asset.status) return asset;
    const updated = await tx.asset.update({
      where: { id: asset.id },
      data: { status: next },
    });
    await audit(
      tx,
      shop,
      asset.id,
      actor,
      status === "ARCHIVED" ? "archived" : "status-changed",
      { status: asset.status },
      { status: next },
    );
    if (status === "ARCHIVED")
      await writeOutboxEvent(tx, {
        shop,
        topic: "asset.archived",
        aggregateId: asset.id,
        payload: { assetId: asset.id },
      });
    return updated;
  });
}
