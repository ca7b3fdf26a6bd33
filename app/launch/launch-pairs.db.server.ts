// The launch's product × channel rows against the sync engine's pair states: which pairs to converge, and what
// the channels were observed to show (SyncState, written only from read-backs) since a round started.
import type { ChannelKind } from "~/channels/kinds";
import db, { Prisma } from "~/db.server";
import { notEmbargoed } from "~/sync/launch-gate.db.server";
import type { LaunchChannelState } from "./launch.schema";

export interface LaunchPair {
  productId: string;
  channel: ChannelKind;
}

/** The launch's included pairs (not EXCLUDED), optionally only some channels, states or embargo. */
export async function launchPairs(
  shop: string,
  launchId: string,
  filter: {
    channels?: readonly ChannelKind[];
    states?: readonly LaunchChannelState[];
    productIds?: readonly string[];
  } = {},
): Promise<LaunchPair[]> {
  const rows = await db.launchChannel.findMany({
    where: {
      shop,
      launchId,
      state: filter.states ? { in: [...filter.states] } : { not: "EXCLUDED" },
      ...(filter.channels ? { channel: { in: [...filter.channels] } } : {}),
      ...(filter.productIds
        ? { launchProduct: { productId: { in: [...filter.productIds] } } }
        : {}),
    },
    select: { channel: true, launchProduct: { select: { productId: true } } },
  });
  return rows.map((r) => ({
    productId: r.launchProduct.productId,
    channel: r.channel,
  }));
}

/** The launch's products with what go-live needs. */
export async function launchProducts(shop: string, launchId: string) {
  return db.launchProduct.findMany({
    where: { shop, launchId },
    select: {
      id: true,
      productId: true,
      embargoed: true,
      priorStatus: true,
      published: true,
      product: { select: { shopifyId: true, status: true } },
      channels: { select: { channel: true, state: true } },
    },
  });
}

/** Sets the state (and fields) of the given products' pairs on some channels, except EXCLUDED ones. */
export async function setPairStates(
  shop: string,
  launchId: string,
  productIds: readonly string[],
  channels: readonly ChannelKind[] | null,
  data: {
    state: LaunchChannelState;
    liveAt?: Date | null;
    stagedAt?: Date | null;
    error?: string | null;
    attempts?: number;
  },
): Promise<void> {
  if (productIds.length === 0) return;
  await db.launchChannel.updateMany({
    where: {
      shop,
      launchId,
      state: { not: "EXCLUDED" },
      launchProduct: { productId: { in: [...productIds] } },
      ...(channels ? { channel: { in: [...channels] } } : {}),
    },
    data,
  });
}

/** The sync engine's view of the launch's pairs in some states: status, reason and when last read back. */
export async function observedPairs(
  shop: string,
  launchId: string,
  states: readonly LaunchChannelState[],
  channels?: readonly ChannelKind[],
) {
  const pairs = await db.launchChannel.findMany({
    where: {
      shop,
      launchId,
      state: { in: [...states] },
      ...(channels ? { channel: { in: [...channels] } } : {}),
    },
    select: {
      channel: true,
      launchProduct: { select: { productId: true, embargoed: true } },
    },
  });
  const states_ = await db.syncState.findMany({
    where: {
      shop,
      productId: {
        in: [...new Set(pairs.map((p) => p.launchProduct.productId))],
      },
    },
    select: {
      productId: true,
      channel: true,
      status: true,
      reason: true,
      observedAt: true,
      changedAt: true,
    },
  });
  const byPair = new Map(
    states_.map((s) => [`${s.productId}|${s.channel}`, s]),
  );
  return pairs.map((p) => ({
    productId: p.launchProduct.productId,
    embargoed: p.launchProduct.embargoed,
    channel: p.channel,
    sync: byPair.get(`${p.launchProduct.productId}|${p.channel}`) ?? null,
  }));
}

/**
 * Go-live answered for these products: mirror status ACTIVE (as Shopify answered), the gate lifted — in every
 * launch holding them, since Shopify now shows them — and the publications recorded for a rollback.
 */
export async function releaseProducts(
  shop: string,
  launchId: string,
  productIds: readonly string[],
  publications: readonly string[],
): Promise<void> {
  if (productIds.length === 0) return;
  await db.$transaction([
    db.product.updateMany({
      where: { shop, id: { in: [...productIds] } },
      data: { status: "ACTIVE" },
    }),
    db.launchProduct.updateMany({
      where: { shop, productId: { in: [...productIds] } },
      data: { embargoed: false },
    }),
    db.launchProduct.updateMany({
      where: { shop, launchId, productId: { in: [...productIds] } },
      data: { published: [...publications], previewUrl: null },
    }),
  ]);
}

/**
 * Rollback answered for these products: the mirror shows the status Shopify went back to. The gate stays open:
 * a hidden product is out of the feeds and off the marketplace by its status, and a later launch may take it.
 */
export async function restoreProducts(
  shop: string,
  launchId: string,
  products: readonly { productId: string; status: string }[],
): Promise<void> {
  await db.$transaction([
    ...products.map((p) =>
      db.product.updateMany({
        where: { shop, id: p.productId },
        data: { status: p.status },
      }),
    ),
    db.launchProduct.updateMany({
      where: {
        shop,
        launchId,
        productId: { in: products.map((p) => p.productId) },
      },
      data: { published: Prisma.DbNull },
    }),
  ]);
}

/** Records the status each product had before go-live or a preview (kept from the first attempt). */
export async function rememberPriorStatus(
  shop: string,
  launchId: string,
): Promise<void> {
  const rows = await db.launchProduct.findMany({
    where: { shop, launchId, priorStatus: null },
    select: { id: true, product: { select: { status: true } } },
  });
  for (const row of rows)
    await db.launchProduct.update({
      where: { id: row.id },
      data: { priorStatus: row.product.status },
    });
}

/** Sets one product × channel's state (and fields). */
export async function setPair(
  shop: string,
  launchId: string,
  productId: string,
  channel: ChannelKind,
  data: {
    state?: LaunchChannelState;
    liveAt?: Date | null;
    stagedAt?: Date | null;
    error?: string | null;
  },
): Promise<void> {
  await db.launchChannel.updateMany({
    where: { shop, launchId, channel, launchProduct: { productId } },
    data,
  });
}

/** How many pairs failed and when the last pair was observed live. */
export async function launchSettlement(shop: string, launchId: string) {
  const failed = await db.launchChannel.count({
    where: { shop, launchId, state: "FAILED" },
  });
  const last = await db.launchChannel.aggregate({
    where: { shop, launchId, state: "LIVE" },
    _max: { liveAt: true },
  });
  return { failed, lastLiveAt: last._max.liveAt };
}

/** Puts every FAILED pair of the launch back to WAITING with its error cleared; returns those pairs. */
export async function reopenFailedPairs(
  shop: string,
  launchId: string,
): Promise<LaunchPair[]> {
  const failed = await launchPairs(shop, launchId, { states: ["FAILED"] });
  await db.launchChannel.updateMany({
    where: { shop, launchId, state: "FAILED" },
    data: { state: "WAITING", error: null },
  });
  return failed;
}

/** Names every pair still waiting to be seen live as FAILED with `error`. */
export async function failOpenPairs(
  shop: string,
  launchId: string,
  error: string,
): Promise<void> {
  await db.launchChannel.updateMany({
    where: { shop, launchId, state: { in: ["WAITING", "STAGED"] } },
    data: { state: "FAILED", error },
  });
}

/**
 * The products whose rows a feed channel serves now (the same rule as the feed route: ACTIVE, not under embargo,
 * with an image): what Google or Meta would read on their next fetch, observed without waiting for pair runs.
 */
export async function servedFeedProducts(
  shop: string,
  channel: ChannelKind,
  productIds: readonly string[],
): Promise<Set<string>> {
  const rows = await db.feedItem.groupBy({
    by: ["productId"],
    where: {
      shop,
      channel,
      productId: { in: [...productIds] },
      product: { status: "ACTIVE", ...notEmbargoed },
    },
    _count: { _all: true },
  });
  return new Set(rows.map((r) => r.productId));
}
