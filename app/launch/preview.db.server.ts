// A launch's UNLISTED preview in our tables: the link per product and the mirror's status while it lasts.
import db from "~/db.server";

/** The preview answered for these products: the mirror shows them UNLISTED, each with the link Shopify gave. */
export async function recordPreviews(
  shop: string,
  launchId: string,
  links: ReadonlyMap<string, string>,
): Promise<void> {
  await db.$transaction(
    [...links].flatMap(([productId, previewUrl]) => [
      db.product.updateMany({
        where: { shop, id: productId },
        data: { status: "UNLISTED" },
      }),
      db.launchProduct.updateMany({
        where: { shop, launchId, productId },
        data: { previewUrl },
      }),
    ]),
  );
}

/**
 * The launch's products a preview left visible by link: those with a link, and those the mirror shows UNLISTED (a
 * preview that set the status but failed to publish leaves no link).
 */
export async function previewedProducts(shop: string, launchId: string) {
  const rows = await db.launchProduct.findMany({
    where: {
      shop,
      launchId,
      OR: [{ previewUrl: { not: null } }, { product: { status: "UNLISTED" } }],
    },
    select: {
      productId: true,
      priorStatus: true,
      product: { select: { shopifyId: true } },
    },
  });
  return rows.map((r) => ({
    productId: r.productId,
    gid: r.product.shopifyId,
    // Hidden again as before the preview; never ACTIVE (the launch has not gone live).
    status:
      r.priorStatus && !["ACTIVE", "UNLISTED"].includes(r.priorStatus)
        ? r.priorStatus
        : "DRAFT",
  }));
}

/** How many of the launch's products have a preview link. */
export function previewCount(shop: string, launchId: string): Promise<number> {
  return db.launchProduct.count({
    where: { shop, launchId, previewUrl: { not: null } },
  });
}

/** The preview ended for these products: back to their status, link gone. */
export async function endPreviews(
  shop: string,
  launchId: string,
  ended: readonly { productId: string; status: string }[],
): Promise<void> {
  await db.$transaction(
    ended.flatMap(({ productId, status }) => [
      db.product.updateMany({
        where: { shop, id: productId },
        data: { status },
      }),
      db.launchProduct.updateMany({
        where: { shop, launchId, productId },
        data: { previewUrl: null },
      }),
    ]),
  );
}
