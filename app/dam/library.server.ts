// The use cases behind the library and asset pages: what they show (with signed file URLs) and what their
// actions do. Routes stay thin: authenticate, parse with zod, call one of these.
import {
  addToCollection,
  changeTags,
  listCollections,
  updateAssetDetails,
} from "./asset-details.db.server";
import {
  latestVersionOf,
  loadAssetPage,
  requireAsset,
} from "./asset.db.server";
import {
  altTextColumn,
  type AssetAction,
  type AssetSearch,
} from "./dam.schema";
import { mediaView } from "./media-view.server";
import { hasStill } from "./stills.server";
import { signedFileUrl } from "./file-urls.server";
import { libraryRenditionKey } from "./renditions.server";
import { searchAssets } from "./search.db.server";
import {
  approveVersion,
  archiveAsset,
  restoreVersion,
  submitForReview,
  unarchiveAsset,
} from "./versions.server";

/** The signed URL of a version's library rendition (thumb or preview); null until rendered or for non-images. */
export function renditionUrl(
  shop: string,
  version: { sha256: string; mime: string; renditionsReadyAt: Date | null },
  name: "thumb" | "preview",
) {
  if (!hasStill(version.mime) || !version.renditionsReadyAt) return null;
  return signedFileUrl(shop, libraryRenditionKey(shop, version.sha256, name));
}

/** One page of the library, each asset with its thumbnail URL (null until rendered: show the placeholder). */
export async function loadLibrary(shop: string, search: AssetSearch) {
  const [page, collections] = await Promise.all([
    searchAssets(shop, search),
    listCollections(shop),
  ]);
  return {
    nextCursor: page.nextCursor,
    collections: collections.map((c) => ({ id: c.id, name: c.name })),
    items: page.items.map((row) => ({
      id: row.id,
      title: row.title,
      kind: row.kind,
      status: row.status,
      filename: row.filename,
      mime: row.mime,
      bytes: row.bytes,
      width: row.width,
      height: row.height,
      thumbhash: row.thumbhash,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy,
      validUntil: row.validUntil?.toISOString() ?? null,
      latestVersionNumber: row.latestVersionNumber,
      pendingApproval: row.currentVersionId !== row.versionId,
      nearDuplicateOfId: row.nearDuplicateOfId,
      thumbnailUrl: renditionUrl(shop, { ...row }, "thumb"),
    })),
  };
}

/** Everything the asset page shows. Throws NotFound for another shop's asset. */
export async function loadAsset(shop: string, assetId: string) {
  const asset = await loadAssetPage(shop, assetId);
  return {
    id: asset.id,
    title: asset.title,
    kind: asset.kind,
    status: asset.status,
    currentVersionId: asset.currentVersionId,
    thumbhash: asset.thumbhash,
    altText: altTextColumn(asset.altText),
    rightsOwner: asset.rightsOwner,
    licence: asset.licence,
    usageNotes: asset.usageNotes,
    validFrom: asset.validFrom?.toISOString() ?? null,
    validUntil: asset.validUntil?.toISOString() ?? null,
    nearDuplicateOfId: asset.nearDuplicateOfId,
    tags: asset.tags.map((t) => t.tag),
    collections: asset.collectionItems.map((i) => ({
      id: i.collection.id,
      name: i.collection.name,
    })),
    versions: asset.versions.map((v) => ({
      id: v.id,
      number: v.number,
      filename: v.filename,
      mime: v.mime,
      bytes: v.bytes,
      width: v.width,
      height: v.height,
      colorSpace: v.colorSpace,
      durationMs: v.durationMs,
      pageCount: v.pageCount,
      dominantColor: v.dominantColor,
      metadata: (v.metadata ?? {}) as Record<string, unknown>,
      uploadedBy: v.uploadedBy,
      createdAt: v.createdAt.toISOString(),
      approvedAt: v.approvedAt?.toISOString() ?? null,
      approvedBy: v.approvedBy,
      restoredFromId: v.restoredFromId,
      renditionError: v.renditionError,
      previewUrl: renditionUrl(shop, v, "preview"),
      thumbnailUrl: renditionUrl(shop, v, "thumb"),
      media: mediaView(shop, v),
      downloadUrl: signedFileUrl(shop, v.storageKey, v.filename),
    })),
    audit: asset.auditEvents.map((e) => ({
      id: e.id,
      actor: e.actor,
      action: e.action,
      before: e.before,
      after: e.after,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

export type LibraryAction =
  | { intent: "approve" | "archive"; ids: string[] }
  | { intent: "tag"; ids: string[]; tag: string }
  | { intent: "collect"; ids: string[]; collection: string };

/**
 * Runs a bulk action. "approve" approves each asset's latest version. Throws NotFound when any id is not the
 * shop's (checked before anything changes).
 */
export async function runLibraryAction(
  shop: string,
  action: LibraryAction,
  actor: string,
) {
  const assets = await Promise.all(
    action.ids.map((id) => requireAsset(shop, id)),
  );
  switch (action.intent) {
    case "approve":
      for (const asset of assets) {
        const versionId = await latestVersionOf(shop, asset.id);
        await approveVersion({ shop, assetId: asset.id, versionId, actor });
      }
      return { count: assets.length };
    case "archive":
      for (const asset of assets) await archiveAsset(shop, asset.id, actor);
      return { count: assets.length };
    case "tag":
      return {
        count: await changeTags(shop, action.ids, { add: [action.tag] }, actor),
      };
    case "collect":
      await addToCollection(shop, action.ids, action.collection, actor);
      return { count: assets.length };
  }
}

/** Runs an asset-page action. Throws NotFound (another shop's ids), Conflict (archived) like the domain does. */
export async function runAssetAction(
  shop: string,
  assetId: string,
  action: AssetAction,
  actor: string,
) {
  switch (action.intent) {
    case "approve":
      return approveVersion({
        shop,
        assetId,
        versionId: action.versionId,
        actor,
      });
    case "restore":
      return restoreVersion({
        shop,
        assetId,
        versionId: action.versionId,
        actor,
      });
    case "submit-for-review":
      return submitForReview(shop, assetId, actor);
    case "archive":
      return archiveAsset(shop, assetId, actor);
    case "unarchive":
      return unarchiveAsset(shop, assetId, actor);
    case "add-tag":
      return changeTags(shop, [assetId], { add: [action.tag] }, actor);
    case "remove-tag":
      return changeTags(shop, [assetId], { remove: [action.tag] }, actor);
    case "collect":
      return addToCollection(shop, [assetId], action.collection, actor);
    case "details": {
      const { intent: _intent, ...details } = action;
      return updateAssetDetails(shop, assetId, details, actor);
    }
    case "alt-text": {
      const asset = await requireAsset(shop, assetId);
      const altText = {
        ...altTextColumn(asset.altText),
        [action.locale]: action.text,
      };
      if (!action.text) delete altText[action.locale];
      return updateAssetDetails(shop, assetId, { altText }, actor);
    }
  }
}
