// Data access for the Shopify file of each asset (ShopifyFile): what Shopify was observed to hold, a replacement
// in flight, and the asset facts the storefront rendition depends on.
import db from "~/db.server";

export type FileRow = NonNullable<
  Awaited<ReturnType<typeof db.shopifyFile.findUnique>>
>;

export function findFileRow(shop: string, assetId: string) {
  return db.shopifyFile.findUnique({
    where: { shop_assetId: { shop, assetId } },
  });
}

export function fileRowsOf(shop: string, assetIds: readonly string[]) {
  return db.shopifyFile.findMany({
    where: { shop, assetId: { in: [...assetIds] } },
  });
}

/** Which of these Shopify file ids are files Vitrine created for the shop. */
export async function ourFileGids(
  shop: string,
  fileGids: readonly string[],
): Promise<Set<string>> {
  const rows = await db.shopifyFile.findMany({
    where: { shop, fileGid: { in: [...new Set(fileGids)] } },
    select: { fileGid: true },
  });
  return new Set(rows.map((r) => r.fileGid));
}

export function getFileRow(id: string) {
  return db.shopifyFile.findUniqueOrThrow({ where: { id } });
}

export async function deleteFileRow(id: string): Promise<void> {
  await db.shopifyFile.deleteMany({ where: { id } });
}

export function createFileRow(data: {
  shop: string;
  assetId: string;
  fileGid: string;
  extension: string;
  pendingVersionId: string;
}) {
  return db.shopifyFile.create({ data });
}

/** Records a file found by name whose creation answer was lost; what it holds is checked before use. */
export function adoptFileRow(
  shop: string,
  assetId: string,
  fileGid: string,
  extension: string,
  pendingVersionId: string,
) {
  const fields = {
    fileGid,
    extension,
    versionId: null,
    pendingVersionId,
    fileUpdatedAt: null,
    fileSize: null,
  };
  return db.shopifyFile.upsert({
    where: { shop_assetId: { shop, assetId } },
    create: { shop, assetId, ...fields },
    update: fields,
  });
}

export function markReplacementSent(id: string, versionId: string) {
  return db.shopifyFile.update({
    where: { id },
    data: { pendingVersionId: versionId },
  });
}

/** Shopify was observed holding `versionId` (READY, this size, changed at `fileUpdatedAt` by our write). */
export async function recordFileHolds(
  id: string,
  facts: {
    versionId: string;
    fileSize: number | null;
    fileUpdatedAt: Date | null;
    alt: string | null;
    url: string | null;
  },
): Promise<void> {
  await db.shopifyFile.update({
    where: { id },
    data: { ...facts, pendingVersionId: null },
  });
}

/** The asset's current version and the extension its Shopify file keeps (none yet: the master decides). */
export async function assetFileFacts(shop: string, assetId: string) {
  return db.asset.findFirst({
    where: { shop, id: assetId },
    select: {
      currentVersionId: true,
      status: true,
      shopifyFile: { select: { extension: true } },
    },
  });
}

/** Rows of these files, with whether their asset is still linked anywhere (orphan sweep). */
export function fileRowsForOrphanCheck(
  shop: string,
  fileGids: readonly string[],
) {
  return db.shopifyFile.findMany({
    where: { shop, fileGid: { in: [...fileGids] } },
    select: {
      id: true,
      fileGid: true,
      updatedAt: true,
      asset: { select: { status: true, _count: { select: { links: true } } } },
    },
  });
}

export async function deleteFileRowsByGid(
  shop: string,
  fileGids: readonly string[],
): Promise<void> {
  await db.shopifyFile.deleteMany({
    where: { shop, fileGid: { in: [...fileGids] } },
  });
}
