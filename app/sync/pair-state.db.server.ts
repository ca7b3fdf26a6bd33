// Per product × channel state: what is asked for (desired revision), what a job last pushed (applied) and what was
// last OBSERVED on the channel (confirmed). A change bumps the desired revision and opens one hop per product ×
// channel (here); a run ends its hops only from what it read back from the channel (pair-runs.db.server.ts). Hops
// end once (live, not listed, blocked, failed or superseded); a later change opens new ones.
import db, { type Prisma } from "~/db.server";
import type { ChannelKind } from "~/channels/kinds";
import { chunks } from "~/lib/chunks";

type Tx = Prisma.TransactionClient;
export type HopKind =
  "REPLACEMENT" | "PUBLISH" | "VALUES" | "WITHDRAWAL" | "REPAIR";

export interface ChangeTarget {
  productId: string;
  channel: ChannelKind;
  variants: number;
  kind: HopKind;
  assetId?: string | null;
  versionId?: string | null;
}

/** A product × channel whose job must be (re)queued, with the job sequence its id carries. */
export interface PairRef {
  shop: string;
  productId: string;
  channel: ChannelKind;
  seq: number;
}

/** The unique key of one product × channel's state. */
export const pairKey = (
  shop: string,
  productId: string,
  channel: ChannelKind,
) => ({
  shop_productId_channel: { shop, productId, channel },
});

async function bump(
  tx: Tx,
  shop: string,
  productId: string,
  channel: ChannelKind,
  now: Date,
): Promise<{ desiredRevision: number; jobSeq: number }> {
  return tx.syncState.upsert({
    where: pairKey(shop, productId, channel),
    create: {
      shop,
      productId,
      channel,
      desiredRevision: 1,
      changedAt: now,
      nextCheckAt: now,
    },
    update: {
      desiredRevision: { increment: 1 },
      status: "PENDING",
      reason: null,
      changedAt: now,
      nextCheckAt: now,
    },
    select: { desiredRevision: true, jobSeq: true },
  });
}

/**
 * Opens the hops of one outbox event and bumps each pair's desired revision, in the caller's transaction (the
 * one that marks the event dispatched, so a redelivered event opens nothing twice). Returns the pairs to queue.
 */
export async function openChanges(
  tx: Tx,
  shop: string,
  outboxId: string,
  approvedAt: Date,
  targets: readonly ChangeTarget[],
  now = new Date(),
): Promise<PairRef[]> {
  const pairs: PairRef[] = [];
  for (const target of targets) {
    const state = await bump(tx, shop, target.productId, target.channel, now);
    await tx.syncHop.create({
      data: {
        shop,
        outboxId,
        productId: target.productId,
        channel: target.channel,
        kind: target.kind,
        revision: state.desiredRevision,
        variants: target.variants,
        assetId: target.assetId ?? null,
        versionId: target.versionId ?? null,
        approvedAt,
        enqueuedAt: now,
      },
    });
    pairs.push({
      shop,
      productId: target.productId,
      channel: target.channel,
      seq: state.jobSeq,
    });
  }
  return pairs;
}

const DIRTY_BATCH = 100;

/**
 * Asks for another convergence of existing pairs without opening hops (the product changed in Shopify, a retry,
 * an expired licence). Creates the state when the pair has none.
 */
export async function markDirty(
  shop: string,
  pairs: readonly { productId: string; channel: ChannelKind }[],
  now = new Date(),
): Promise<PairRef[]> {
  const out: PairRef[] = [];
  // A launch's go-live marks thousands of pairs: one commit per batch, not per pair (each bump stands alone).
  for (const batch of chunks(pairs, DIRTY_BATCH))
    await db.$transaction(async (tx) => {
      for (const pair of batch) {
        const state = await bump(tx, shop, pair.productId, pair.channel, now);
        out.push({ shop, ...pair, seq: state.jobSeq });
      }
    });
  return out;
}
