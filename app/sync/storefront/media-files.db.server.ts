// Data for publishing videos and 3D models (issue #15): the version's master and kind, and the products that show
// the asset (where a replacement is re-pointed before the old file goes).
import db from "~/db.server";
import { NotFound } from "~/lib/errors";

/** The version's master blob and what Shopify calls its kind; null for images and documents. */
export async function mediaMasterOf(shop: string, versionId: string) {
  const version = await db.assetVersion.findFirst({
    where: { shop, id: versionId },
    select: {
      id: true,
      number: true,
      storageKey: true,
      mime: true,
      filename: true,
      bytes: true,
      asset: { select: { kind: true } },
    },
  });
  if (!version) throw new NotFound(`asset version ${versionId} not found`);
  const kind = version.asset.kind;
  return kind === "VIDEO" || kind === "MODEL_3D" ? { ...version, kind } : null;
}

/** Shopify ids of the products linked to the asset (product- or variant-level). */
export async function linkedProductGids(
  shop: string,
  assetId: string,
): Promise<string[]> {
  const links = await db.assetLink.findMany({
    where: { shop, assetId },
    select: { product: { select: { shopifyId: true } } },
  });
  return [...new Set(links.map((l) => l.product.shopifyId))];
}
