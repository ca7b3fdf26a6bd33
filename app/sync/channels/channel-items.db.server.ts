// What an item-by-item channel (the marketplace) was sent, per SKU: the SKUs a product may have listed, so they
// are read back and withdrawn when the product no longer offers them.
import db from "~/db.server";
import { chunks } from "~/lib/chunks";
import type { ChannelKind } from "~/channels/kinds";

export async function channelItemIds(
  shop: string,
  channel: ChannelKind,
  productId: string,
): Promise<string[]> {
  const rows = await db.channelItem.findMany({
    where: { shop, channel, productId },
    select: { itemId: true },
  });
  return rows.map((r) => r.itemId);
}

/** Records that the product offers the item (before it is sent: a sent item is always one we check later). */
export async function recordChannelItem(
  shop: string,
  channel: ChannelKind,
  productId: string,
  itemId: string,
  digest: string,
): Promise<void> {
  await db.channelItem.upsert({
    where: { shop_channel_itemId: { shop, channel, itemId } },
    create: { shop, channel, productId, itemId, digest },
    update: { productId, digest },
  });
}

/** `recordChannelItem` for many items, in one transaction per 500 (a launch's go-live records a season). */
export async function recordChannelItems(
  shop: string,
  channel: ChannelKind,
  items: readonly { productId: string; itemId: string; digest: string }[],
): Promise<void> {
  for (const batch of chunks(items, 500))
    await db.$transaction(
      batch.map(({ productId, itemId, digest }) =>
        db.channelItem.upsert({
          where: { shop_channel_itemId: { shop, channel, itemId } },
          create: { shop, channel, productId, itemId, digest },
          update: { productId, digest },
        }),
      ),
    );
}

export async function forgetChannelItem(
  shop: string,
  channel: ChannelKind,
  itemId: string,
): Promise<void> {
  await db.channelItem.deleteMany({ where: { shop, channel, itemId } });
}
