// Database access for assets and versions. Every function takes the shop and filters by it: another shop's asset
// is indistinguishable from a missing one (NotFound).
import db, { Prisma } from "~/db.server";
import { Conflict, NotFound } from "~/lib/errors";
import { writeOutboxEvent } from "~/outbox/outbox.db.server";

type Tx = Prisma.TransactionClient;

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
    uploadedBy: actor,
  };
}

/** Four 16-bit bands of a 64-bit hex hash. */
export function hashBands(phash: string): number[] {
  return [0, 1, 2, 3].map((i) => parseInt(phash.slice(i * 4, i * 4 + 4), 16));
}

async function writeBands(
  tx: Tx,
  shop: string,
  versionId: string,
  phash: string | null,
) {
  if (!phash) return;
  await tx.assetPerceptualHashBand.createMany({
    data: hashBands(phash).map((value, band) => ({
      versionId,
      shop,
      band,
      value,
    })),
  });
}

async function audit(
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
async function refreshSearchDoc(tx: Tx, shop: string, assetId: string) {
  const asset = await tx.asset.findFirstOrThrow({
    where: { id: assetId, shop },
    include: { tags: true, versions: { select: { filename: true } } },
  });
  const alt = Object.values((asset.altText ?? {}) as Record<string, string>);
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

/** An existing version of the shop with these exact bytes, with its asset. */
export async function findVersionBySha(shop: string, sha256: string) {
  return db.assetVersion.findFirst({
    where: { shop, sha256 },
    orderBy: { createdAt: "asc" },
    include: { asset: true },
  });
}

/** Versions of the shop sharing a band with `phash`: candidates for a near-duplicate check. */
export async function findHashCandidates(shop: string, phash: string) {
  const rows = await db.assetPerceptualHashBand.findMany({
    where: {
      shop,
      OR: hashBands(phash).map((value, band) => ({ band, value })),
    },
    select: { version: { select: { assetId: true, phash: true } } },
    take: 500,
  });
  return rows.map((row) => row.version);
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
    if (asset.status === "ARCHIVED")
      throw new Conflict("an archived asset takes no new versions");
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
    // An approved asset stays approved (its current version is still what channels show); otherwise the new
    // version starts the review again.
    await tx.asset.update({
      where: { id: asset.id },
      data: {
        ...latestFacts(input.facts, number),
        ...(asset.status === "APPROVED" ? {} : { status: "DRAFT" }),
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

/**
 * Makes `versionId` the asset's current version and the asset APPROVED, writing exactly one outbox event
 * `asset.version-approved` in the same transaction. Idempotent: approving the current version again writes
 * nothing. Throws NotFound (other shop, unknown ids) and Conflict (archived asset).
 */
export async function approveVersionRow(
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
    if (asset.status === "ARCHIVED")
      throw new Conflict("restore the asset from the archive first");
    if (asset.currentVersionId === versionId && asset.status === "APPROVED")
      return { asset, version, changed: false };
    const now = new Date();
    const approved = await tx.assetVersion.update({
      where: { id: version.id },
      data: { approvedAt: now, approvedBy: actor },
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

/** Moves the asset to a status other than APPROVED (review, back to draft, archive, unarchive). */
export async function setAssetStatus(
  shop: string,
  assetId: string,
  status: "DRAFT" | "IN_REVIEW" | "ARCHIVED",
  actor: string,
) {
  return db.$transaction(async (tx) => {
    const asset = await tx.asset.findFirst({ where: { id: assetId, shop } });
    if (!asset) throw new NotFound("asset not found");
    if (asset.status === status) return asset;
    if (asset.status === "ARCHIVED" && status === "IN_REVIEW")
      throw new Conflict("restore the asset from the archive first");
    // Leaving the archive: back to approved when a version was approved before, else draft.
    const next =
      asset.status === "ARCHIVED" && asset.currentVersionId
        ? "APPROVED"
        : status;
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

export interface AssetDetails {
  title?: string;
  altText?: Record<string, string>;
  rightsOwner?: string | null;
  licence?: string | null;
  usageNotes?: string | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
}

const jsonable = (value: unknown): Prisma.InputJsonValue =>
  JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;

/** Updates descriptive fields; the audit event carries the fields before and after. */
export async function updateAssetDetails(
  shop: string,
  assetId: string,
  details: AssetDetails,
  actor: string,
) {
  return db.$transaction(async (tx) => {
    const asset = await tx.asset.findFirst({ where: { id: assetId, shop } });
    if (!asset) throw new NotFound("asset not found");
    const keys = Object.keys(details) as (keyof AssetDetails)[];
    const before = Object.fromEntries(keys.map((k) => [k, asset[k]]));
    const { altText, ...rest } = details;
    const updated = await tx.asset.update({
      where: { id: asset.id },
      data: { ...rest, ...(altText ? { altText } : {}) },
    });
    await refreshSearchDoc(tx, shop, asset.id);
    await audit(
      tx,
      shop,
      asset.id,
      actor,
      "updated",
      jsonable(before),
      jsonable(details),
    );
    return updated;
  });
}

/** Adds and removes tags (lower-cased, trimmed) on several assets of the shop. */
export async function changeTags(
  shop: string,
  assetIds: string[],
  change: { add?: string[]; remove?: string[] },
  actor: string,
) {
  return db.$transaction(async (tx) => {
    const assets = await tx.asset.findMany({
      where: { shop, id: { in: assetIds } },
      select: { id: true },
    });
    if (assets.length !== new Set(assetIds).size)
      throw new NotFound("asset not found");
    for (const { id } of assets) {
      for (const tag of change.add ?? [])
        await tx.assetTag.upsert({
          where: { assetId_tag: { assetId: id, tag } },
          create: { assetId: id, shop, tag },
          update: {},
        });
      if (change.remove?.length)
        await tx.assetTag.deleteMany({
          where: { shop, assetId: id, tag: { in: change.remove } },
        });
      await refreshSearchDoc(tx, shop, id);
      await audit(tx, shop, id, actor, "tagged", null, jsonable(change));
    }
    return assets.length;
  });
}

/** Puts assets into the shop's collection `name`, creating it on first use. */
export async function addToCollection(
  shop: string,
  assetIds: string[],
  name: string,
  actor: string,
) {
  return db.$transaction(async (tx) => {
    const assets = await tx.asset.findMany({
      where: { shop, id: { in: assetIds } },
      select: { id: true },
    });
    if (assets.length !== new Set(assetIds).size)
      throw new NotFound("asset not found");
    const collection = await tx.assetCollection.upsert({
      where: { shop_name: { shop, name } },
      create: { shop, name },
      update: {},
    });
    for (const { id } of assets) {
      await tx.assetCollectionItem.upsert({
        where: {
          collectionId_assetId: { collectionId: collection.id, assetId: id },
        },
        create: { collectionId: collection.id, assetId: id, shop },
        update: {},
      });
      await audit(tx, shop, id, actor, "collected", null, { collection: name });
    }
    return collection;
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

export async function listCollections(shop: string) {
  return db.assetCollection.findMany({
    where: { shop },
    orderBy: { name: "asc" },
  });
}

/** Records that a version's renditions are stored (or why they could not be made). */
export async function recordRenditions(
  shop: string,
  versionId: string,
  error: string | null,
) {
  const { count } = await db.assetVersion.updateMany({
    where: { id: versionId, shop },
    data: error
      ? { renditionError: error }
      : { renditionsReadyAt: new Date(), renditionError: null },
  });
  if (count === 0) throw new NotFound("version not found");
}

/** Deletes every DAM row of the shop that is not removed with the Shop row (collections). */
export async function deleteShopDamRows(shop: string) {
  await db.assetCollection.deleteMany({ where: { shop } });
  await db.asset.deleteMany({ where: { shop } });
}
