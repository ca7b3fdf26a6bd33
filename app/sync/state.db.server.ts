// Per product × channel sync state and per-hop timings. A change opens one hop per product × channel and bumps
// the state's desired revision; a job reads the desired revision when it starts, converges to the database's
// current state, and completes every hop up to that revision. An older job therefore never undoes a newer change:
// it can only complete revisions it has seen.
import db, { Prisma } from "~/db.server";
import type { ChannelKind } from "./channels/profiles";

export interface HopTarget {
  productId: string;
  channel: ChannelKind;
  variants: number;
  assetId?: string | null;
  versionId?: string | null;
}

export interface OpenedHop {
  productId: string;
  channel: ChannelKind;
  revision: number;
}

async function bumpRevision(
  shop: string,
  productId: string,
  channel: ChannelKind,
): Promise<number> {
  const where = { shop_productId_channel: { shop, productId, channel } };
  for (let attempt = 0; ; attempt += 1) {
    try {
      const state = await db.syncState.upsert({
        where,
        create: { shop, productId, channel, desiredRevision: 1 },
        update: {
          desiredRevision: { increment: 1 },
          status: "PENDING",
          reason: null,
        },
        select: { desiredRevision: true },
      });
      return state.desiredRevision;
    } catch (error) {
      // Two first changes raced on the create; the second becomes an update.
      if (
        attempt === 0 &&
        error instanceof Prisma.PrismaClientKnownRequestError &&
        error.code === "P2002"
      )
        continue;
      throw error;
    }
  }
}

/**
 * Opens the hops of one outbox event. Idempotent: a redelivered event finds its hops and does not bump again.
 */
export async function openHops(
  shop: string,
  outboxId: string,
  approvedAt: Date,
  targets: HopTarget[],
): Promise<OpenedHop[]> {
  const existing = await db.syncHop.findMany({
    where: { outboxId },
    select: { productId: true, channel: true, revision: true },
  });
  const opened: OpenedHop[] = [...existing];
  const now = new Date();
  for (const target of targets) {
    if (
      existing.some(
        (h) => h.productId === target.productId && h.channel === target.channel,
      )
    )
      continue;
    const revision = await bumpRevision(shop, target.productId, target.channel);
    await db.syncHop.create({
      data: {
        shop,
        outboxId,
        productId: target.productId,
        channel: target.channel,
        revision,
        variants: target.variants,
        assetId: target.assetId ?? null,
        versionId: target.versionId ?? null,
        approvedAt,
        enqueuedAt: now,
      },
    });
    opened.push({
      productId: target.productId,
      channel: target.channel,
      revision,
    });
  }
  return opened;
}

/** Marks the product × channel as syncing and returns the revision this run will apply. */
export async function beginSync(
  shop: string,
  productId: string,
  channel: ChannelKind,
): Promise<number> {
  const state = await db.syncState.upsert({
    where: { shop_productId_channel: { shop, productId, channel } },
    create: { shop, productId, channel, status: "SYNCING" },
    update: { status: "SYNCING" },
    select: { desiredRevision: true },
  });
  return state.desiredRevision;
}

type HopStamp = "renderedAt" | "pushedAt";

/** Stamps a hop field on the open hops up to `revision` (first time only). */
export async function stampHops(
  shop: string,
  productIds: string[],
  channel: ChannelKind,
  field: HopStamp,
  at = new Date(),
): Promise<void> {
  await db.syncHop.updateMany({
    where: {
      shop,
      productId: { in: productIds },
      channel,
      liveAt: null,
      failedAt: null,
      [field]: null,
    },
    data: { [field]: at },
  });
}

/** The change is live up to `revision`: completes the hops and records the applied revision. */
export async function completeSync(
  shop: string,
  productId: string,
  channel: ChannelKind,
  revision: number,
  at = new Date(),
): Promise<void> {
  const open = {
    shop,
    productId,
    channel,
    revision: { lte: revision },
    liveAt: null,
  };
  await db.syncHop.updateMany({
    where: { ...open, renderedAt: null },
    data: { renderedAt: at },
  });
  await db.syncHop.updateMany({
    where: { ...open, pushedAt: null },
    data: { pushedAt: at },
  });
  await db.syncHop.updateMany({
    where: open,
    data: { liveAt: at, failedAt: null, error: null },
  });
  await db.$transaction(async (tx) => {
    const state = await tx.syncState.findUnique({
      where: { shop_productId_channel: { shop, productId, channel } },
    });
    if (!state) return;
    const applied = Math.max(state.appliedRevision, revision);
    await tx.syncState.update({
      where: { id: state.id },
      data: {
        appliedRevision: applied,
        status: applied >= state.desiredRevision ? "LIVE" : "PENDING",
        reason: null,
      },
    });
  });
}

/** Pre-flight blocked the channel, or the push failed for good: say why on the product. */
export async function failSync(
  shop: string,
  productId: string,
  channel: ChannelKind,
  status: "BLOCKED" | "FAILED",
  reason: string,
  at = new Date(),
): Promise<void> {
  await db.syncHop.updateMany({
    where: { shop, productId, channel, liveAt: null, failedAt: null },
    data: { failedAt: at, error: reason.slice(0, 1000) },
  });
  await db.syncState.updateMany({
    where: { shop, productId, channel },
    data: { status, reason: reason.slice(0, 1000) },
  });
}

/** Whether the product × channel has already applied `revision` (a later job did the work): the job can skip. */
export async function alreadyApplied(
  shop: string,
  productId: string,
  channel: ChannelKind,
  revision: number | undefined,
): Promise<boolean> {
  if (revision === undefined) return false;
  const state = await db.syncState.findUnique({
    where: { shop_productId_channel: { shop, productId, channel } },
    select: { appliedRevision: true, status: true },
  });
  return Boolean(
    state && state.status === "LIVE" && state.appliedRevision >= revision,
  );
}
