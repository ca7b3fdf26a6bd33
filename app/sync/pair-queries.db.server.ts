// Queries of the reconciler and of Shopify's product events over the product × channel states: stale and due
// pairs, the pairs of a Shopify product, job sequences and the next run after a failed job.
import db from "~/db.server";
import type { ChannelKind } from "~/channels/kinds";
import { pairKey, type PairRef } from "./pair-state.db.server";

/** The product's pairs (every channel the engine manages it on), by Shopify product GID. */
export function pairsOfShopifyProduct(shop: string, productGid: string) {
  return db.syncState.findMany({
    where: { shop, product: { shopifyId: productGid } },
    select: { productId: true, channel: true },
  });
}

export function storefrontStateOf(shop: string, productGid: string) {
  return db.syncState.findFirst({
    where: {
      shop,
      channel: "SHOPIFY_STOREFRONT",
      product: { shopifyId: productGid },
    },
    select: {
      productId: true,
      jobSeq: true,
      status: true,
      observedUpdatedAt: true,
    },
  });
}

/** Asks the reconciler to read the pair back at once. */
export async function checkNow(
  shop: string,
  productId: string,
  channel: ChannelKind,
  now = new Date(),
): Promise<void> {
  await db.syncState.updateMany({
    where: { shop, productId, channel },
    data: { nextCheckAt: now },
  });
}

/**
 * Dirty pairs that have not moved since `before` (their job was lost, or is still waiting), leaving out those
 * whose next run is scheduled after `now` (a retry backing off).
 */
export async function stalePairs(
  before: Date,
  now = new Date(),
  take = 1000,
): Promise<PairRef[]> {
  const rows = await db.syncState.findMany({
    where: {
      status: { in: ["PENDING", "SYNCING"] },
      updatedAt: { lt: before },
      OR: [{ nextCheckAt: null }, { nextCheckAt: { lte: now } }],
    },
    select: { shop: true, productId: true, channel: true, jobSeq: true },
    orderBy: { updatedAt: "asc" },
    take,
  });
  return rows.map((r) => ({
    shop: r.shop,
    productId: r.productId,
    channel: r.channel,
    seq: r.jobSeq,
  }));
}

/** Marks pairs pending again (and touched, so the next recovery sweep waits for them). */
export async function markPending(pairs: readonly PairRef[]): Promise<void> {
  if (pairs.length === 0) return;
  await db.syncState.updateMany({
    where: {
      OR: pairs.map((p) => ({
        shop: p.shop,
        productId: p.productId,
        channel: p.channel,
      })),
      status: { in: ["PENDING", "SYNCING"] },
    },
    data: { status: "PENDING" },
  });
}

/** The shop's pairs due for a read-back, soonest first, with their variant counts (the read's cost). */
export async function duePairs(shop: string, now: Date, take = 2000) {
  const rows = await db.syncState.findMany({
    where: {
      shop,
      nextCheckAt: { lte: now },
      status: { in: ["LIVE", "NOT_LISTED", "DRIFT", "FAILED"] },
    },
    select: {
      productId: true,
      channel: true,
      jobSeq: true,
      product: { select: { _count: { select: { variants: true } } } },
    },
    orderBy: { nextCheckAt: "asc" },
    take,
  });
  return rows.map((r) => ({
    shop,
    productId: r.productId,
    channel: r.channel,
    seq: r.jobSeq,
    variants: r.product._count.variants,
  }));
}

/** Shops with sync state (every shop that linked or approved something). */
export async function shopsWithSyncState(): Promise<string[]> {
  const rows = await db.syncState.findMany({
    distinct: ["shop"],
    select: { shop: true },
  });
  return rows.map((r) => r.shop);
}

/** The pair's job sequence (null when the pair has no state). */
export async function jobSeqOf(
  shop: string,
  productId: string,
  channel: ChannelKind,
): Promise<number | null> {
  const state = await db.syncState.findUnique({
    where: pairKey(shop, productId, channel),
    select: { jobSeq: true },
  });
  return state?.jobSeq ?? null;
}

/**
 * A job of the pair (queued under `seq`) failed transiently: the pair's next run is due at `at`. Returns the job
 * sequence to queue that run under, or null when nothing is left to do (the pair is settled).
 *
 * A job that failed before its run began (waiting for the pair's lock) has not moved the sequence on, so its own
 * id is still the pair's next: the sequence moves here, since a job cannot be queued under the id of the running
 * one (the retry would be dropped, and the pair left without a job).
 */
export async function scheduleNextRun(
  shop: string,
  productId: string,
  channel: ChannelKind,
  seq: number,
  at: Date,
): Promise<number | null> {
  await db.syncState.updateMany({
    where: { shop, productId, channel, jobSeq: seq },
    data: { jobSeq: { increment: 1 } },
  });
  const { count } = await db.syncState.updateMany({
    where: { shop, productId, channel, status: { in: ["PENDING", "SYNCING"] } },
    data: { nextCheckAt: at },
  });
  return count === 0 ? null : jobSeqOf(shop, productId, channel);
}

/**
 * Whether a run of the pair has begun since a job was queued under `seq` (runs move the sequence on when they
 * begin): that run read every change the job was queued for.
 */
export async function overtaken(
  shop: string,
  productId: string,
  channel: ChannelKind,
  seq: number,
): Promise<boolean> {
  const current = await jobSeqOf(shop, productId, channel);
  return current !== null && current > seq;
}

/** Our variant id of a Shopify variant GID (null when unknown). */
export async function variantIdOf(
  shop: string,
  variantGid: string,
): Promise<string | null> {
  const variant = await db.variant.findFirst({
    where: { shop, shopifyId: variantGid },
    select: { id: true },
  });
  return variant?.id ?? null;
}
