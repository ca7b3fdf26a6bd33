// Prisma access for publishing bookkeeping: what we last wrote per owner × metafield key, and product versions.
import db from "~/db.server";

export interface PublishedRow {
  ownerShopifyId: string;
  key: string;
  type: string;
  value: string;
  digest: string | null;
}

export async function publishedMetafields(
  shop: string,
  productId: string,
): Promise<PublishedRow[]> {
  return db.publishedMetafield.findMany({
    where: { shop, productId },
    select: {
      ownerShopifyId: true,
      key: true,
      type: true,
      value: true,
      digest: true,
    },
  });
}

export async function recordPublished(
  shop: string,
  productId: string,
  rows: readonly PublishedRow[],
): Promise<void> {
  await db.$transaction(
    rows.map((row) =>
      db.publishedMetafield.upsert({
        where: {
          shop_ownerShopifyId_key: {
            shop,
            ownerShopifyId: row.ownerShopifyId,
            key: row.key,
          },
        },
        create: { shop, productId, ...row },
        update: { productId, ...row },
      }),
    ),
  );
}

export async function forgetPublished(
  shop: string,
  rows: readonly { ownerShopifyId: string; key: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.publishedMetafield.deleteMany({
    where: {
      shop,
      OR: rows.map((r) => ({ ownerShopifyId: r.ownerShopifyId, key: r.key })),
    },
  });
}

export async function productPublishState(shop: string, productId: string) {
  return db.product.findFirst({
    where: { shop, id: productId },
    select: {
      id: true,
      shopifyId: true,
      approvedVersion: true,
      publishedVersion: true,
    },
  });
}

/** Records a finished publish; never lowers the published version (an older job finishing late). */
export async function markPublished(
  shop: string,
  productId: string,
  version: number,
): Promise<void> {
  await db.product.updateMany({
    where: { shop, id: productId, publishedVersion: { lt: version } },
    data: { publishedVersion: version, publishedAt: new Date() },
  });
}

/** Shopify's updatedAt after our write: the products/update carrying it is our echo. */
export async function recordEcho(
  shop: string,
  productId: string,
  echoUpdatedAt: Date | null,
): Promise<void> {
  if (!echoUpdatedAt) return;
  await db.product.updateMany({
    where: { shop, id: productId },
    data: { echoUpdatedAt },
  });
}
