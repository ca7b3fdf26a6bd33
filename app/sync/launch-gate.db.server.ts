// The launch gate (issue #14): the one place the channels ask whether a product is under a launch's embargo.
// While a LaunchProduct row holds `embargoed`, the product's feed rows are stored but not served and its
// marketplace listings are sent inactive, whatever its Shopify status (a merchant flipping it ACTIVE early does
// not leak the season). Go-live clears the flag for the products Shopify answered for (launch/release.server).
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
  const held = await db.launchProduct.count({
    where: { shop, productId, embargoed: true },
  });
  return held > 0;
}

/** Words for a channel's "not live" reason. */
export const EMBARGO_REASON = "Under launch embargo";

/** How long a bulk media staging is trusted to be running (the staging job's time limit). */
const BULK_STAGING_MS = 60 * 60_000;

/**
 * Whether a launch's staging job is creating this product's storefront media in bulk right now (launch/bulk-stage):
 * the storefront pair run then leaves the uploads to it (the job converges the pair again once done).
 */
export async function mediaStagedInBulk(
  shop: string,
  productId: string,
  now = new Date(),
): Promise<boolean> {
  const held = await db.launchProduct.count({
    where: {
      shop,
      productId,
      launch: {
        status: "STAGING",
        mediaBulkStartedAt: { gt: new Date(now.getTime() - BULK_STAGING_MS) },
      },
    },
  });
  return held > 0;
}
