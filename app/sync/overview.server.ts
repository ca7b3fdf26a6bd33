// What the merchant sees of the sync engine: per product × channel state, approval → live latency per channel
// (p50/p95 overall and per day), items stuck on the way, the activity log, and retrying a failed item.
import db from "~/db.server";
import { NotFound } from "~/lib/errors";
import { channelKinds, type ChannelKind } from "~/channels/kinds";
import {
  syncStatuses,
  type ActivityRow,
  type ChannelLatency,
  type LatencyStats,
  type StateCounts,
  type StateRow,
} from "./overview";
import { enqueuePairs } from "./pair-jobs.server";
import { markDirty } from "./pair-state.db.server";

export type {
  ActivityRow,
  ChannelLatency,
  StateCounts,
  StateRow,
} from "./overview";

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)]!;
}

const MAX_SAMPLES = 20_000;

function stats(values: number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
  };
}

/**
 * Approval → observed live latency per channel over the last `days` days: replacements as the headline (with a
 * daily series), first publishes and value approvals apart. Only hops that ended live count.
 */
export async function latencyByChannel(
  shop: string,
  days = 14,
  now = new Date(),
): Promise<ChannelLatency[]> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const hops = await db.syncHop.findMany({
    where: { shop, approvedAt: { gte: since }, outcome: "LIVE" },
    select: { channel: true, kind: true, approvedAt: true, liveAt: true },
    orderBy: { approvedAt: "desc" },
    take: MAX_SAMPLES,
  });
  const ms = (h: (typeof hops)[number]) =>
    h.liveAt!.getTime() - h.approvedAt.getTime();
  return channelKinds.map((channel) => {
    const mine = hops.filter((h) => h.channel === channel);
    const replacements = mine.filter((h) => h.kind === "REPLACEMENT");
    const byDay = new Map<string, number[]>();
    for (const hop of replacements) {
      const day = hop.approvedAt.toISOString().slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), ms(hop)]);
    }
    return {
      channel,
      ...stats(replacements.map(ms)),
      firstPublish: stats(mine.filter((h) => h.kind === "PUBLISH").map(ms)),
      values: stats(mine.filter((h) => h.kind === "VALUES").map(ms)),
      daily: [...byDay.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([day, values]) => ({ day, ...stats(values) })),
    };
  });
}

export async function stateCounts(shop: string): Promise<StateCounts[]> {
  const groups = await db.syncState.groupBy({
    by: ["channel", "status"],
    where: { shop },
    _count: { _all: true },
  });
  return channelKinds.map((channel) => {
    const counts = Object.fromEntries(
      syncStatuses.map((status) => [status, 0]),
    ) as StateCounts["counts"];
    for (const g of groups.filter((g) => g.channel === channel))
      counts[g.status] = g._count._all;
    return { channel, counts };
  });
}

/** Product × channel states that need attention (failed, blocked) or are stuck (pending for over `stuckAfterMs`). */
export async function problemStates(
  shop: string,
  { stuckAfterMs = 5 * 60_000, take = 100, now = new Date() } = {},
): Promise<StateRow[]> {
  const rows = await db.syncState.findMany({
    where: {
      shop,
      OR: [
        { status: { in: ["FAILED", "BLOCKED", "DRIFT"] } },
        {
          status: { in: ["PENDING", "SYNCING"] },
          updatedAt: { lt: new Date(now.getTime() - stuckAfterMs) },
        },
      ],
    },
    include: { product: { select: { title: true } } },
    orderBy: { updatedAt: "desc" },
    take,
  });
  return rows.map((r) => ({
    productId: r.productId,
    productTitle: r.product.title,
    channel: r.channel,
    status: r.status,
    reason: r.reason,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** The latest changes on their way to the channels, newest first, with each hop's time since approval. */
export async function activity(
  shop: string,
  {
    cursor,
    take = 50,
    onlyFailed = false,
  }: { cursor?: string; take?: number; onlyFailed?: boolean } = {},
): Promise<{ rows: ActivityRow[]; nextCursor: string | null }> {
  const hops = await db.syncHop.findMany({
    where: {
      shop,
      ...(onlyFailed ? { outcome: { in: ["FAILED", "BLOCKED"] } } : {}),
    },
    include: { product: { select: { title: true } } },
    orderBy: [{ approvedAt: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  const since = (h: (typeof hops)[number], at: Date | null) =>
    at ? at.getTime() - h.approvedAt.getTime() : null;
  return {
    rows: hops.slice(0, take).map((h) => ({
      id: h.id,
      kind: h.kind,
      outcome: h.outcome,
      productId: h.productId,
      productTitle: h.product.title,
      channel: h.channel,
      variants: h.variants,
      approvedAt: h.approvedAt.toISOString(),
      liveAt: h.liveAt?.toISOString() ?? null,
      failedAt: h.failedAt?.toISOString() ?? null,
      error: h.error,
      latencyMs: since(h, h.liveAt),
      hops: {
        enqueuedMs: since(h, h.enqueuedAt),
        renderedMs: since(h, h.renderedAt),
        pushedMs: since(h, h.pushedAt),
      },
    })),
    nextCursor: hops.length > take ? hops[take - 1]!.id : null,
  };
}

/** Sends a product to a channel again (the Activity view's retry button): a new convergence, read back. */
export async function retryProductChannel(
  shop: string,
  productId: string,
  channel: ChannelKind,
): Promise<void> {
  const state = await db.syncState.findUnique({
    where: { shop_productId_channel: { shop, productId, channel } },
  });
  if (!state)
    throw new NotFound("Nothing to retry for this product and channel.");
  await enqueuePairs(await markDirty(shop, [{ productId, channel }]));
}

/** Each linked product's state on each channel, for the asset page's "Used by". */
export async function productChannelStates(
  shop: string,
  productIds: string[],
): Promise<
  Record<
    string,
    { channel: ChannelKind; status: string; reason: string | null }[]
  >
> {
  const rows = await db.syncState.findMany({
    where: { shop, productId: { in: productIds } },
    select: { productId: true, channel: true, status: true, reason: true },
  });
  const out: Record<
    string,
    { channel: ChannelKind; status: string; reason: string | null }[]
  > = {};
  for (const row of rows)
    (out[row.productId] ??= []).push({
      channel: row.channel,
      status: row.status,
      reason: row.reason,
    });
  return out;
}
