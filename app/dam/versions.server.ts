// Versions and approval: the use cases behind the asset page's buttons, callable from routes, jobs and scripts.
import { commitApproval, setAssetStatus } from "./asset-approval.db.server";
import { createVersion, requireVersion } from "./asset.db.server";
import { kickOutboxRelay } from "~/outbox/relay.server";
import { enqueueRenditions } from "./renditions.server";

export interface VersionRef {
  shop: string;
  assetId: string;
  versionId: string;
  actor: string;
}

/**
 * Approves a version: it becomes the asset's current version, the asset APPROVED, and one outbox event
 * `asset.version-approved` { assetId, versionId, previousVersionId } is written in the same transaction, then
 * handed to the sync engine at once (the relay's sweep picks it up if Redis is away). Idempotent for the current
 * version. Throws NotFound (another shop's ids) and Conflict (archived asset).
 */
export async function approveVersion(ref: VersionRef) {
  const result = await commitApproval(
    ref.shop,
    ref.assetId,
    ref.versionId,
    ref.actor,
  );
  if (result.changed) await kickOutboxRelay();
  return result;
}

/**
 * Restores an earlier version as a new version (same bytes, no new blob), a draft until approved; history is
 * never rewritten. Throws NotFound and Conflict like `approveVersion`.
 */
export async function restoreVersion(ref: VersionRef) {
  const old = await requireVersion(ref.shop, ref.assetId, ref.versionId);
  const created = await createVersion({
    shop: ref.shop,
    assetId: ref.assetId,
    actor: ref.actor,
    restoredFromId: old.id,
    facts: {
      sha256: old.sha256,
      storageKey: old.storageKey,
      filename: old.filename,
      mime: old.mime,
      bytes: old.bytes,
      width: old.width,
      height: old.height,
      colorSpace: old.colorSpace,
      hasAlpha: old.hasAlpha,
      exifOrientation: old.exifOrientation,
      durationMs: old.durationMs,
      pageCount: old.pageCount,
      metadata: (old.metadata ?? {}) as Record<string, unknown>,
      dominantColor: old.dominantColor,
      thumbhash: old.thumbhash,
      phash: old.phash,
    },
  });
  // Renditions are keyed by content hash: they exist already; the job only marks the new version ready.
  await enqueueRenditions(ref.shop, ref.assetId, created.version.id);
  return created;
}

/**
 * Hides the asset from pickers without deleting anything; writes `asset.archived` to the outbox and hands it to
 * the sync engine. Throws NotFound for another shop's asset.
 */
export async function archiveAsset(
  shop: string,
  assetId: string,
  actor: string,
) {
  const asset = await setAssetStatus(shop, assetId, "ARCHIVED", actor);
  await kickOutboxRelay();
  return asset;
}

/** Brings an archived asset back (approved again if it had an approved version, otherwise a draft). */
export async function unarchiveAsset(
  shop: string,
  assetId: string,
  actor: string,
) {
  return setAssetStatus(shop, assetId, "DRAFT", actor);
}

/** Asks for review of a draft. */
export async function submitForReview(
  shop: string,
  assetId: string,
  actor: string,
) {
  return setAssetStatus(shop, assetId, "IN_REVIEW", actor);
}
