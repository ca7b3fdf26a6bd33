// Per product × channel state: what is asked for (desired revision), what a job last pushed (applied) and what was
// last OBSERVED on the channel (confirmed). A change bumps the desired revision and opens one hop per product ×
// channel; a run ends its hops only from what it read back from the channel. Hops end once (live, not listed,
// blocked, failed or superseded); a later change opens new ones.
import db, { type Prisma } from "~/db.server";
import type { ChannelKind } from "./channel-kinds";

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

const where = (shop: string, productId: string, channel: ChannelKind) => ({
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
    where: where(shop, productId, channel),
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
  for (const pair of pairs) {
    const state = await db.$transaction((tx) =>
      bump(tx, shop, pair.productId, pair.channel, now),
    );
    out.push({ shop, ...pair, seq: state.jobSeq });
  }
  return out;
}

export interface RunStart {
  /** The desired revision this run converges to (later changes queue another job). */
  revision: number;
  confirmedRevision: number;
  observedDigest: string | null;
}

/**
 * Starts a run: bumps the job sequence (so a change from now on queues a new job instead of being swallowed by
 * this one), marks the pair syncing and returns the revision to converge to. Null when the product is gone.
 */
export async function beginRun(
  shop: string,
  productId: string,
  channel: ChannelKind,
): Promise<RunStart | null> {
  const product = await db.product.findFirst({
    where: { shop, id: productId },
    select: { id: true },
  });
  if (!product) return null;
  const state = await db.syncState.upsert({
    where: where(shop, productId, channel),
    create: { shop, productId, channel, status: "SYNCING", jobSeq: 1 },
    update: { status: "SYNCING", jobSeq: { increment: 1 } },
    select: {
      desiredRevision: true,
      confirmedRevision: true,
      observedDigest: true,
    },
  });
  return {
    revision: state.desiredRevision,
    confirmedRevision: state.confirmedRevision,
    observedDigest: state.observedDigest,
  };
}

type HopStamp = "renderedAt" | "pushedAt";

/** Stamps a hop time on the open hops up to `revision` (first time only). */
export async function stampHops(
  shop: string,
  productId: string,
  channel: ChannelKind,
  revision: number,
  field: HopStamp,
  at = new Date(),
): Promise<void> {
  await db.syncHop.updateMany({
    where: {
      shop,
      productId,
      channel,
      revision: { lte: revision },
      endedAt: null,
      [field]: null,
    },
    data: { [field]: at },
  });
}

/** Opens a hop for drift the reconciler found and is repairing (a confirmed revision no longer observed). */
export async function openRepairHop(
  shop: string,
  productId: string,
  channel: ChannelKind,
  revision: number,
  variants: number,
  at = new Date(),
): Promise<void> {
  await db.syncHop.create({
    data: {
      shop,
      outboxId: `repair-${at.getTime()}-${revision}`,
      productId,
      channel,
      kind: "REPAIR",
      revision,
      variants,
      approvedAt: at,
      enqueuedAt: at,
    },
  });
}

export interface Confirmation {
  revision: number;
  desiredDigest: string;
  observedDigest: string;
  /** Whether the channel shows the product to shoppers (false: Draft in Shopify, no image for the feed…). */
  listed: boolean;
  /** Why it is not listed, or what drifted. */
  reason: string | null;
  /** Asset versions the observed state shows: a hop for another version of the same asset was superseded. */
  versionIds: ReadonlySet<string>;
  /** Changes on the channel to data the PIM owns, waiting for the merchant. */
  drift: boolean;
  observedUpdatedAt?: Date | null;
  /** When the reconciler should read the channel again. */
  nextCheckAt: Date;
}

/**
 * The channel was read back and shows the desired state of `revision`: ends the open hops up to it (live, not
 * listed or superseded) and records the confirmation. A pair whose desired revision moved on stays pending.
 */
export async function confirmRun(
  shop: string,
  productId: string,
  channel: ChannelKind,
  c: Confirmation,
  at = new Date(),
): Promise<{ kind: HopKind; approvedAt: Date }[]> {
  const open = await db.syncHop.findMany({
    where: {
      shop,
      productId,
      channel,
      revision: { lte: c.revision },
      endedAt: null,
    },
    select: { id: true, versionId: true, kind: true, approvedAt: true },
  });
  const superseded = open.filter(
    (h) => c.listed && h.versionId !== null && !c.versionIds.has(h.versionId),
  );
  const ended = open.filter((h) => !superseded.includes(h));
  await db.$transaction(async (tx) => {
    if (superseded.length > 0)
      await tx.syncHop.updateMany({
        where: { id: { in: superseded.map((h) => h.id) } },
        data: { endedAt: at, outcome: "SUPERSEDED" },
      });
    if (ended.length > 0)
      await tx.syncHop.updateMany({
        where: { id: { in: ended.map((h) => h.id) } },
        data: c.listed
          ? { endedAt: at, outcome: "LIVE", liveAt: at }
          : {
              endedAt: at,
              outcome: "NOT_LISTED",
              error: c.reason?.slice(0, 1000) ?? null,
            },
      });
    const state = await tx.syncState.findUnique({
      where: where(shop, productId, channel),
    });
    if (!state) return;
    const moved = state.desiredRevision > c.revision;
    await tx.syncState.update({
      where: { id: state.id },
      data: {
        appliedRevision: Math.max(state.appliedRevision, c.revision),
        confirmedRevision: Math.max(state.confirmedRevision, c.revision),
        desiredDigest: c.desiredDigest,
        observedDigest: c.observedDigest,
        observedAt: at,
        ...(c.observedUpdatedAt !== undefined
          ? { observedUpdatedAt: c.observedUpdatedAt }
          : {}),
        status: moved
          ? "PENDING"
          : c.drift
            ? "DRIFT"
            : c.listed
              ? "LIVE"
              : "NOT_LISTED",
        reason: moved ? null : (c.reason?.slice(0, 1000) ?? null),
        failures: 0,
        nextCheckAt: moved ? at : c.nextCheckAt,
      },
    });
  });
  return c.listed
    ? ended.map((h) => ({ kind: h.kind, approvedAt: h.approvedAt }))
    : [];
}

const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000];

/**
 * The run ended without reaching the channel: pre-flight blocked it (waits for a new change) or it failed for
 * good (the reconciler tries again later, backing off). Ends the open hops up to `revision` with that outcome.
 */
export async function endRunUnconfirmed(
  shop: string,
  productId: string,
  channel: ChannelKind,
  revision: number,
  outcome: "BLOCKED" | "FAILED",
  reason: string,
  at = new Date(),
): Promise<void> {
  await db.syncHop.updateMany({
    where: {
      shop,
      productId,
      channel,
      revision: { lte: revision },
      endedAt: null,
    },
    data: {
      endedAt: at,
      outcome,
      failedAt: at,
      error: reason.slice(0, 1000),
    },
  });
  await db.$transaction(async (tx) => {
    const state = await tx.syncState.findUnique({
      where: where(shop, productId, channel),
    });
    if (!state) return;
    const moved = state.desiredRevision > revision;
    const failures = outcome === "FAILED" ? state.failures + 1 : 0;
    await tx.syncState.update({
      where: { id: state.id },
      data: {
        status: moved ? "PENDING" : outcome,
        reason: moved ? null : reason.slice(0, 1000),
        failures,
        nextCheckAt: moved
          ? at
          : outcome === "FAILED"
            ? new Date(
                at.getTime() +
                  BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1]!,
              )
            : null,
      },
    });
  });
}

/** The run was interrupted by a retryable error: the pair stays pending for the job's next attempt. */
export async function releaseRun(
  shop: string,
  productId: string,
  channel: ChannelKind,
): Promise<void> {
  await db.syncState.updateMany({
    where: { shop, productId, channel, status: "SYNCING" },
    data: { status: "PENDING" },
  });
}

/**
 * A run failed transiently: the pair waits (pending) until `at`, when its next run is due. Returns the job
 * sequence that run is queued under (the one this run started), or null when the pair moved on meanwhile.
 */
export async function scheduleNextRun(
  shop: string,
  productId: string,
  channel: ChannelKind,
  at: Date,
): Promise<number | null> {
  const { count } = await db.syncState.updateMany({
    where: { shop, productId, channel, status: "PENDING" },
    data: { nextCheckAt: at },
  });
  return count === 0 ? null : jobSeqOf(shop, productId, channel);
}

// ── Queries of the reconciler and of Shopify's product events ─────────────────────────────────────────────────

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
    where: where(shop, productId, channel),
    select: { jobSeq: true },
  });
  return state?.jobSeq ?? null;
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
