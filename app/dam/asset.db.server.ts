// Assets and their versions: creating them, finding them, the asset page's read. Every function takes the shop and
// filters by it: another shop's asset is indistinguishable from a missing one (NotFound). Status changes live in
// asset-approval.db.server.ts, descriptive fields in asset-details.db.server.ts.
import db, { type Prisma } from "~/db.server";
import { NotFound } from "~/lib/errors";
import { audit, refreshSearchDoc } from "./asset-audit.db.server";
import { assertCanAddVersion, statusAfterNewVersion } from "./asset-status";
import { writeBands } from "./near-duplicates.db.server";

// ingest.server.ts (owned by the hardening branch) still imports this from here; its home is near-duplicates.
export { findHashCandidates } from "./near-duplicates.db.server";

export interface VersionFacts {
  sha256: string;
  storageKey: string;
  filename: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
  colorSpace: string | null;
  hasAlpha: boolean | null;
  exifOrientation: number | null;
  durationMs: number | null;
  pageCount: number | null;
  metadata: Record<string, unknown>;
  dominantColor: string | null;
  thumbhash: string | null;
  phash: string | null;
  /** Video, spin and 3D facts (video.server.ts, spin.server.ts, model3d.server.ts). */
  media?: Record<string, unknown> | null;
}

export type AssetKindName = "IMAGE" | "VIDEO" | "DOCUMENT" | "MODEL_3D";

function orientationOf(
  width: number | null,
  height: number | null,
): string | null {
  if (!width || !height) return null;
  if (width === height) return "SQUARE";
  return width > height ? "LANDSCAPE" : "PORTRAIT";
}

/** The asset columns that mirror its latest version. */
function latestFacts(facts: VersionFacts, number: number) {
  return {
    latestVersionNumber: number,
    filename: facts.filename,
    mime: facts.mime,
    bytes: facts.bytes,
    width: facts.width,
    height: facts.height,
    orientation: orientationOf(facts.width, facts.height),
    thumbhash: facts.thumbhash,
  };
}

function versionData(shop: string, facts: VersionFacts, actor: string) {
  return {
    shop,
    sha256: facts.sha256,
    storageKey: facts.storageKey,
    filename: facts.filename,
    mime: facts.mime,
    bytes: facts.bytes,
    width: facts.width,
    height: facts.height,
    colorSpace: facts.colorSpace,
    hasAlpha: facts.hasAlpha,
    exifOrientation: facts.exifOrientation,
    durationMs: facts.durationMs,
    pageCount: facts.pageCount,
    metadata: facts.metadata as Prisma.InputJsonObject,
    dominantColor: facts.dominantColor,
    thumbhash: facts.thumbhash,
    phash: facts.phash,
    ...(facts.media ? { media: facts.media as Prisma.InputJsonObject } : {}),
    uploadedBy: actor,
  };
}

/** An existing version of the shop with these exact bytes, with its asset. */
export async function findVersionBySha(shop: string, sha256: string) {
  return db.assetVersion.findFirst({
    where: { shop, sha256 },
    orderBy: { createdAt: "asc" },
    include: { asset: true },
  });
}

/** Whether any version of the shop stores its bytes at `storageKey` (blobs are per shop, keyed by content). */
export async function isBlobReferenced(
  shop: string,
  storageKey: string,
): Promise<boolean> {
  const row = await db.assetVersion.findFirst({
    where: { shop, storageKey },
    select: { id: true },
  });
  return row !== null;
}

export interface NewAsset {
  shop: string;
  title: string;
  kind: AssetKindName;
  actor: string;
  facts: VersionFacts;
  nearDuplicateOfId: string | null;
}

/** Creates an asset with its first version (a draft), its search text and an audit event, in one transaction. */
export async function createAssetWithVersion(input: NewAsset) {
  return db.$transaction(async (tx) => {
    const asset = await tx.asset.create({
      data: {
        shop: input.shop,
        title: input.title,
        kind: input.kind,
        createdBy: input.actor,
        nearDuplicateOfId: input.nearDuplicateOfId,
        ...latestFacts(input.facts, 1),
      },
    });
    const version = await tx.assetVersion.create({
      data: {
        ...versionData(input.shop, input.facts, input.actor),
        assetId: asset.id,
        number: 1,
      },
    });
    await writeBands(tx, input.shop, version.id, input.facts.phash);
    await refreshSearchDoc(tx, input.shop, asset.id);
    await audit(tx, input.shop, asset.id, input.actor, "uploaded", null, {
      versionId: version.id,
      number: 1,
      filename: input.facts.filename,
      sha256: input.facts.sha256,
    });
    return { asset, version };
  });
}

/** The asset of the shop, or NotFound. */
export async function requireAsset(shop: string, assetId: string) {
  const asset = await db.asset.findFirst({ where: { id: assetId, shop } });
  if (!asset) throw new NotFound("asset not found");
  return asset;
}

/** The version of the shop's asset, or NotFound. */
export async function requireVersion(
  shop: string,
  assetId: string,
  versionId: string,
) {
  const version = await db.assetVersion.findFirst({
    where: { id: versionId, assetId, shop },
  });
  if (!version) throw new NotFound("version not found");
  return version;
}

/**
 * Adds a version (a draft: the current version does not change until it is approved). `restoredFromId` marks a
 * restore. Throws NotFound for another shop's asset and Conflict for an archived one.
 */
export async function createVersion(input: {
  shop: string;
  assetId: string;
  actor: string;
  facts: VersionFacts;
  restoredFromId?: string;
}) {
  return db.$transaction(async (tx) => {
    const asset = await tx.asset.findFirst({
      where: { id: input.assetId, shop: input.shop },
    });
    if (!asset) throw new NotFound("asset not found");
    assertCanAddVersion(asset.status);
    const number = asset.latestVersionNumber + 1;
    const version = await tx.assetVersion.create({
      data: {
        ...versionData(input.shop, input.facts, input.actor),
        assetId: asset.id,
        number,
        restoredFromId: input.restoredFromId ?? null,
      },
    });
    await writeBands(tx, input.shop, version.id, input.facts.phash);
    await tx.asset.update({
      where: { id: asset.id },
      data: {
        ...latestFacts(input.facts, number),
        status: statusAfterNewVersion(asset.status),
      },
    });
    await refreshSearchDoc(tx, input.shop, asset.id);
    await audit(
      tx,
      input.shop,
      asset.id,
      input.actor,
      input.restoredFromId ? "restored" : "version-added",
      { latestVersionNumber: asset.latestVersionNumber },
      {
        versionId: version.id,
        number,
        filename: input.facts.filename,
        ...(input.restoredFromId
          ? { restoredFromId: input.restoredFromId }
          : {}),
      },
    );
    return { asset, version };
  });
}

/** Everything the asset page shows. NotFound for another shop's asset. */
export async function loadAssetPage(shop: string, assetId: string) {
  const asset = await db.asset.findFirst({
    where: { id: assetId, shop },
    include: {
      versions: { orderBy: { number: "desc" } },
      tags: { orderBy: { tag: "asc" } },
      collectionItems: { include: { collection: true } },
      auditEvents: { orderBy: { createdAt: "desc" }, take: 100 },
    },
  });
  if (!asset) throw new NotFound("asset not found");
  return asset;
}

/** Deletes every DAM row of the shop that is not removed with the Shop row (collections). */
export async function deleteShopDamRows(shop: string) {
  await db.assetCollection.deleteMany({ where: { shop } });
  await db.asset.deleteMany({ where: { shop } });
}

/** The id of the asset's latest version (what bulk approval approves). NotFound for another shop's asset. */
export async function latestVersionOf(shop: string, assetId: string) {
  const asset = await requireAsset(shop, assetId);
  const version = await db.assetVersion.findFirst({
    where: { shop, assetId, number: asset.latestVersionNumber },
    select: { id: true },
  });
  if (!version) throw new NotFound("version not found");
  return version.id;
}
