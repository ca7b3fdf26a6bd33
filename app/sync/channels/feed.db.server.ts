// The Google feed as served: stored rows of ACTIVE products whose item has an image. The feed route and the
// sync engine's read-back use the same rule, so "in the feed" means what Google would fetch.
import db, { type Prisma } from "~/db.server";
import {
  renderGoogleFeed,
  type GoogleFeed,
  type GoogleItem,
} from "./google-feed";

const servedWhere = (shop: string) => ({
  shop,
  product: { status: "ACTIVE" },
});

/** The items the feed serves for one product, as Google would read them. */
export async function servedFeedItems(
  shop: string,
  productId: string,
): Promise<GoogleItem[]> {
  const rows = await db.feedItem.findMany({
    where: { ...servedWhere(shop), productId },
    orderBy: { variantId: "asc" },
    select: { item: true },
  });
  return rows
    .map((r) => r.item as unknown as GoogleItem)
    .filter((i) => i.imageLink);
}

/** The whole feed, rendered from the stored rows of active products. */
export async function googleFeedXml(shop: string): Promise<string> {
  const rows = await db.feedItem.findMany({
    where: servedWhere(shop),
    orderBy: [{ productId: "asc" }, { variantId: "asc" }],
    select: { item: true },
  });
  const shopRow = await db.shop.findUnique({
    where: { shop },
    select: { name: true },
  });
  const feed: GoogleFeed = {
    title: shopRow?.name ?? shop,
    link: `https://${shop}`,
    description: `Products of ${shopRow?.name ?? shop}, kept current by Vitrine`,
    items: rows
      .map((r) => r.item as unknown as GoogleItem)
      .filter((i) => i.imageLink),
  };
  return renderGoogleFeed(feed);
}

/** The product's stored rows (served or not), by variant. */
export async function storedFeedItems(
  shop: string,
  productId: string,
): Promise<Map<string, unknown>> {
  const rows = await db.feedItem.findMany({
    where: { shop, productId },
    select: { variantId: true, item: true },
  });
  return new Map(rows.map((r) => [r.variantId, r.item]));
}

/** Replaces the product's rows with `items` (variant id → item), in one transaction. */
export async function storeFeedItems(
  shop: string,
  productId: string,
  items: ReadonlyMap<string, GoogleItem>,
): Promise<void> {
  const json = (item: GoogleItem) =>
    JSON.parse(JSON.stringify(item)) as Prisma.InputJsonObject;
  await db.$transaction([
    db.feedItem.deleteMany({
      where: { shop, productId, variantId: { notIn: [...items.keys()] } },
    }),
    ...[...items].map(([variantId, item]) =>
      db.feedItem.upsert({
        where: { shop_variantId: { shop, variantId } },
        create: { shop, productId, variantId, item: json(item) },
        update: { productId, item: json(item) },
      }),
    ),
  ]);
}
