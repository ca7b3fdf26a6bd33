// The storefront rendition of an asset's current version. Shopify's fileUpdate replaces a file's content in place
// only with the same extension, so once an asset has a Shopify file its renditions keep that file's extension
// (a PNG master replacing a JPEG one is converted): every replacement stays in place, keeping the file id, its
// URL path and every product and variant reference.
import { channelRendition, type ChannelRendition } from "../renditions.server";
import { assetFileFacts } from "./files.db.server";

/** The rendition to upload for the asset (null when it has no approved current version). */
export async function storefrontRendition(
  shop: string,
  assetId: string,
): Promise<(ChannelRendition & { versionId: string }) | null> {
  const asset = await assetFileFacts(shop, assetId);
  if (!asset?.currentVersionId) return null;
  const extension = asset.shopifyFile[0]?.extension;
  const rendition = await channelRendition(
    shop,
    asset.currentVersionId,
    "SHOPIFY_STOREFRONT",
    [],
    extension === "png" ? "png" : extension ? "jpg" : undefined,
  );
  return { ...rendition, versionId: asset.currentVersionId };
}

/**
 * Renders (and caches) the storefront rendition of a version as soon as it is uploaded, before anyone approves it,
 * so that the push after approval finds it ready instead of rendering on the way to the storefront. Only for an
 * asset that already has a Shopify file (the rendition keeps that file's extension); otherwise nothing is done and
 * the push renders it when it needs it.
 */
export async function prerenderStorefrontRendition(
  shop: string,
  assetId: string,
  versionId: string,
): Promise<boolean> {
  const asset = await assetFileFacts(shop, assetId);
  const extension = asset?.shopifyFile[0]?.extension;
  if (!extension) return false;
  await channelRendition(
    shop,
    versionId,
    "SHOPIFY_STOREFRONT",
    [],
    extension === "png" ? "png" : "jpg",
  );
  return true;
}
