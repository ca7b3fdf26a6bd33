// The feed channels' items as served: stored rows (one per channel × variant) of ACTIVE products whose item has
// an image, unless a launch's embargo holds the product (sync/launch-gate). The feed routes and the sync engine's read-back use the same rule, so "in the feed" means what
// Google or Meta would fetch.
import type { ChannelKind } from "~/channels/kinds";
import db, { type Prisma } from "~/db.server";
import { notEmbargoed } from "../launch-gate.db.server";

/** What every feed item has: its id on the channel and its main image. */
export interface FeedItemShape {
  id: string;
  imageLink: string;
}

const servedWhere = (shop: string, channel: ChannelKind) => ({
  shop,
  channel,
  product: { status: "ACTIVE", ...notEmbargoed },
});

/** The items the feed serves for one product, as the channel would read them (`column` parses a stored item). */
export async function servedFeedItems<T extends FeedItemShape>(
  shop: string,
  channel: ChannelKind,
  productId: string,
  column: (item: unknown) => T,
): Promise<T[]> {
  const rows = await db.feedItem.findMany({
    where: { ...servedWhere(shop, channel), productId },
    orderBy: { variantId: "asc" },
    select: { item: true },
  });
  return rows.map((r) => column(r.item)).filter((i) => i.imageLink);
}

/** Every item the shop's feed serves, in a stable order (product, then variant). */
export async function servedFeed<T extends FeedItemShape>(
  shop: string,
  channel: ChannelKind,
  column: (item: unknown) => T,
): Promise<T[]> {
  const rows = await db.feedItem.findMany({
    where: servedWhere(shop, channel),
    orderBy: [{ productId: "asc" }, { variantId: "asc" }],
    select: { item: true },
  });
  return rows.map((r) => column(r.item)).filter((i) => i.imageLink);
}

/** The product's stored rows (served or not), by variant. */
export async function storedFeedItems(
  shop: string,
  channel: ChannelKind,
  productId: string,
): Promise<Map<string, unknown>> {
  const rows = await db.feedItem.findMany({
    where: { shop, channel, productId },
    select: { variantId: true, item: true },
  });
  return new Map(rows.map((r) => [r.variantId, r.item]));
}

/** Replaces the product's rows on the channel with `items` (variant id → item), in one transaction. */
export async function storeFeedItems(
  shop: string,
  channel: ChannelKind,
  productId: string,
  items: ReadonlyMap<string, FeedItemShape>,
): Promise<void> {
  const json = (item: FeedItemShape) =>
    JSON.parse(JSON.stringify(item)) as Prisma.InputJsonObject;
  await db.$transaction([
    db.feedItem.deleteMany({
      where: {
        shop,
        channel,
        productId,
        variantId: { notIn: [...items.keys()] },
      },
    }),
    ...[...items].map(([variantId, item]) =>
      db.feedItem.upsert({
        where: { shop_channel_variantId: { shop, channel, variantId } },
        create: { shop, channel, productId, variantId, item: json(item) },
        update: { productId, item: json(item) },
      }),
    ),
  ]);
}

/** The shop's name and storefront link, for a feed's header. */
export async function feedShop(
  shop: string,
): Promise<{ name: string; link: string }> {
  const row = await db.shop.findUnique({
    where: { shop },
    select: { name: true },
  });
  return { name: row?.name ?? shop, link: `https://${shop}` };
}
