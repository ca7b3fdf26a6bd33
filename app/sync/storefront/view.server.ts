// The storefront as Vitrine reads it back: our files (rows and their state in Shopify), the product's status,
// media, variant images and app metafields in one sized read, what of it is ours, and the 360° spin. After work on
// files only, `refreshFiles` reads the files again and keeps the product read earlier in the run.
import { publishedMetafields } from "~/pim/publish.db.server";
import type { AdminClient } from "~/shopify/admin-client.server";
import { GALLERY_KEY, type StorefrontView } from "./compare";
import type { StorefrontDesired } from "./desired.db.server";
import { fileRowsOf, ourFileGids } from "./files.db.server";
import { readFiles, readProduct } from "./shopify-reads.server";
import { readSpin } from "./spin-files.server";

/** Reads back everything the storefront shows of the product that Vitrine is responsible for. */
export async function readStorefront(
  shop: string,
  client: AdminClient,
  desired: StorefrontDesired,
): Promise<StorefrontView> {
  const { rows, files } = await readOurFiles(shop, client, desired);
  const perOwner = countBy(desired.metafields.map((m) => m.ownerShopifyId));
  const product = await readProduct(client, desired.productGid, {
    media: desired.media.length,
    variants: desired.variantGids.length,
    // Our values, plus the gallery and the spin (not in desired.metafields).
    productFields: (perOwner.get(desired.productGid) ?? 0) + 2,
    variantFields:
      Math.max(
        0,
        ...[...perOwner]
          .filter(([owner]) => owner !== desired.productGid)
          .map(([, n]) => n),
      ) + 2,
  });
  const shown = [
    ...product.media.map((m) => m.id),
    ...[...product.variantMedia.values()].filter((id): id is string => !!id),
  ];
  const ours = await ourFileGids(shop, shown);
  const published = await publishedMetafields(shop, desired.productId);
  return {
    rows,
    files,
    product,
    ours,
    published: published.filter((p) => p.key !== GALLERY_KEY),
    spin: await readSpin(
      client,
      desired.productGid,
      desired.spin,
      product.metafields,
    ),
  };
}

/**
 * The view again after work on files only (a replaced image's new content, a new file not yet attached): our
 * file rows and the files' state are read again, the product as read earlier in the run is kept — file work
 * never changes a product's media, variant images or metafields (a video's re-pointing does: not this path).
 */
export async function refreshFiles(
  shop: string,
  client: AdminClient,
  desired: StorefrontDesired,
  view: StorefrontView,
): Promise<StorefrontView> {
  return { ...view, ...(await readOurFiles(shop, client, desired)) };
}

/** Our file rows for the desired images, and each file's state in Shopify. */
async function readOurFiles(
  shop: string,
  client: AdminClient,
  desired: StorefrontDesired,
): Promise<Pick<StorefrontView, "rows" | "files">> {
  const rows = await fileRowsOf(
    shop,
    desired.assets.map((a) => a.assetId),
  );
  const files = await readFiles(
    client,
    rows.map((r) => r.fileGid),
  );
  return { rows: new Map(rows.map((r) => [r.assetId, r])), files };
}

function countBy(keys: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const key of keys) out.set(key, (out.get(key) ?? 0) + 1);
  return out;
}
