// A run of one product × channel, as the generic run (converge.server.ts) drives it: begin (bump the job sequence,
// mark SYNCING), stamp its hops' timings, confirm what it observed (ending hops live or not listed) or end without
// confirmation (blocked, failed: backoff for the reconciler), or release the pair for a retry.
import db, { type Prisma } from "~/db.server";
import type { ChannelKind } from "~/channels/kinds";
import { pairKey, type HopKind } from "./pair-state.db.server";

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
    where: pairKey(shop, productId, channel),
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

/** The pair's hops still open up to `revision`: the ones a run of that revision stamps and ends. */
function openHopsUpTo(
  shop: string,
  productId: string,
  channel: ChannelKind,
  revision: number,
) {
  return {
    shop,
    productId,
    channel,
    revision: { lte: revision },
    endedAt: null,
  } satisfies Prisma.SyncHopWhereInput;
}

/** Ends the hops `where` selects at `at`, with their outcome and what it records. */
async function endHops(
  client: Prisma.TransactionClient,
  where: Prisma.SyncHopWhereInput,
  at: Date,
  data: Omit<Prisma.SyncHopUpdateManyMutationInput, "endedAt">,
): Promise<void> {
  await client.syncHop.updateMany({ where, data: { ...data, endedAt: at } });
}

/**
 * Records the end of a run of `revision` on the pair's state, in `tx`. `moved`: the desired revision moved on
 * meanwhile, so the pair stays pending for the run that follows. Nothing when the pair is gone.
 */
async function endPairRun(
  tx: Prisma.TransactionClient,
  shop: string,
  productId: string,
  channel: ChannelKind,
  revision: number,
  data: (
    state: Prisma.SyncStateGetPayload<object>,
    moved: boolean,
  ) => Prisma.SyncStateUpdateInput,
): Promise<void> {
  const state = await tx.syncState.findUnique({
    where: pairKey(shop, productId, channel),
  });
  if (!state) return;
  await tx.syncState.update({
    where: { id: state.id },
    data: data(state, state.desiredRevision > revision),
  });
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
      ...openHopsUpTo(shop, productId, channel, revision),
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
    where: openHopsUpTo(shop, productId, channel, c.revision),
    select: { id: true, versionId: true, kind: true, approvedAt: true },
  });
  const superseded = open.filter(
    (h) => c.listed && h.versionId !== null && !c.versionIds.has(h.versionId),
  );
  const ended = open.filter((h) => !superseded.includes(h));
  await db.$transaction(async (tx) => {
    if (superseded.length > 0)
      await endHops(tx, { id: { in: superseded.map((h) => h.id) } }, at, {
        outcome: "SUPERSEDED",
      });
    if (ended.length > 0)
      await endHops(
        tx,
        { id: { in: ended.map((h) => h.id) } },
        at,
        c.listed
          ? { outcome: "LIVE", liveAt: at }
          : { outcome: "NOT_LISTED", error: c.reason?.slice(0, 1000) ?? null },
      );
    await endPairRun(
      tx,
      shop,
      productId,
      channel,
      c.revision,
      (state, moved) => ({
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
      }),
    );
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
  await endHops(db, openHopsUpTo(shop, productId, channel, revision), at, {
    outcome,
    failedAt: at,
    error: reason.slice(0, 1000),
  });
  await db.$transaction((tx) =>
    endPairRun(tx, shop, productId, channel, revision, (state, moved) => {
      const failures = outcome === "FAILED" ? state.failures + 1 : 0;
      return {
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
      };
    }),
  );
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
