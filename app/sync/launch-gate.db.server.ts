// The launch gate (issue #14): the one place the channels ask whether a product is under a launch's embargo.
// While a LaunchProduct row holds `embargoed`, the product's feed rows are stored but not served and its
// marketplace listings are sent inactive, whatever its Shopify status (a merchant flipping it ACTIVE early does
// not leak the season). Go-live clears the flag for the products Shopify answered for (launch/release.server).
// Until a launch's staging has uploaded its products' storefront media in bulk, the per-pair path uploads none.
import db from "~/db.server";

/** A Prisma `where` on Product: not held by any launch's embargo (the feeds' "served" rule adds it). */
export const notEmbargoed = {
  launchProducts: { none: { embargoed: true } },
} as const;

/** Whether `productId` is held by a launch's embargo now. */
export async function isEmbargoed(
  shop: string,
  productId: string,
): Promise<boolean> {
  return (await embargoedAmong(shop, [productId])).has(productId);
}

/** Which of `productIds` a launch's embargo holds now (one query). */
export async function embargoedAmong(
  shop: string,
  productIds: readonly string[],
): Promise<Set<string>> {
  const held = await db.launchProduct.findMany({
    where: { shop, productId: { in: [...productIds] }, embargoed: true },
    select: { productId: true },
  });
  return new Set(held.map((h) => h.productId));
}

/** Words for a channel's "not live" reason. */
export const EMBARGO_REASON = "Under launch embargo";

/** How long a staging's bulk media step is trusted to be pending or running (the staging job's time limit). */
const BULK_STAGING_MS = 60 * 60_000;

/**
 * The name of the launch that will stage this product's storefront media in bulk (launch/bulk-stage), or null.
 * A product of a launch not yet staged (DRAFT), or being staged before its bulk media step has ended (STAGING,
 * `mediaBulkStartedAt` set from the moment staging starts), is uploaded by that step: the storefront pair run
 * leaves its uploads to it (no per-image Admin API call), and the staging converges the pair once it is done.
 * Once staged or released, the ordinary per-pair path applies again; so it does for a product previewed before
 * staging (it has a link: its page must show its images).
 */
export async function launchStagingMedia(
  shop: string,
  productId: string,
  now = new Date(),
): Promise<string | null> {
  const held = await db.launchProduct.findFirst({
    where: {
      shop,
      productId,
      embargoed: true,
      previewUrl: null,
      launch: {
        OR: [
          { status: "DRAFT" },
          {
            status: "STAGING",
            mediaBulkStartedAt: {
              gt: new Date(now.getTime() - BULK_STAGING_MS),
            },
          },
        ],
      },
    },
    select: { launch: { select: { name: true } } },
  });
  return held?.launch.name ?? null;
}

/**
 * The storefront pairs of these products that ended blocked (the launch gate's hold among them): converged again
 * when their launch lets the per-pair path take them (released, or deleted before staging).
 */
export async function blockedStorefrontPairs(
  shop: string,
  productIds: readonly string[],
): Promise<{ productId: string; channel: "SHOPIFY_STOREFRONT" }[]> {
  const rows = await db.syncState.findMany({
    where: {
      shop,
      channel: "SHOPIFY_STOREFRONT",
      status: "BLOCKED",
      productId: { in: [...productIds] },
    },
    select: { productId: true },
  });
  return rows.map((r) => ({
    productId: r.productId,
    channel: "SHOPIFY_STOREFRONT",
  }));
}
