// What the merchant sees of the sync engine: per product × channel state, approval → live latency per channel
// (p50/p95 overall and per day), items stuck on the way, the activity log, and retrying a failed item.
import db from "~/db.server";
import { enqueue } from "~/jobs/enqueue.server";
import { NotFound } from "~/lib/errors";
import {
  CHANNEL_JOB,
  channelKinds,
  type ChannelKind,
} from "./channels/profiles";
import type {
  ActivityRow,
  ChannelLatency,
  StateCounts,
  StateRow,
} from "./overview";

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

/** Approval → live latency per channel over the last `days` days. */
export async function latencyByChannel(
  shop: string,
  days = 14,
  now = new Date(),
): Promise<ChannelLatency[]> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const hops = await db.syncHop.findMany({
    where: { shop, approvedAt: { gte: since }, liveAt: { not: null } },
    select: { channel: true, approvedAt: true, liveAt: true },
    orderBy: { approvedAt: "desc" },
    take: MAX_SAMPLES,
  });
  return channelKinds.map((channel) => {
    const mine = hops.filter((h) => h.channel === channel);
    const ms = (h: (typeof mine)[number]) =>
      h.liveAt!.getTime() - h.approvedAt.getTime();
    const all = mine.map(ms).sort((a, b) => a - b);
    const byDay = new Map<string, number[]>();
    for (const hop of mine) {
      const day = hop.approvedAt.toISOString().slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), ms(hop)]);
    }
    const daily = [...byDay.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, values]) => {
        const sorted = values.sort((a, b) => a - b);
        return {
          day,
          count: sorted.length,
          p50Ms: percentile(sorted, 50),
          p95Ms: percentile(sorted, 95),
        };
      });
    return {
      channel,
      count: all.length,
      p50Ms: percentile(all, 50),
      p95Ms: percentile(all, 95),
      daily,
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
    const counts = { PENDING: 0, SYNCING: 0, LIVE: 0, BLOCKED: 0, FAILED: 0 };
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
        { status: { in: ["FAILED", "BLOCKED"] } },
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
    where: { shop, ...(onlyFailed ? { failedAt: { not: null } } : {}) },
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

/** Sends a product to a channel again (the Activity view's retry button). Idempotent per click. */
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
  await db.syncState.update({
    where: { id: state.id },
    data: { status: "PENDING", reason: null },
  });
  await db.syncHop.updateMany({
    where: { shop, productId, channel, liveAt: null },
    data: { failedAt: null, error: null },
  });
  const jobId = `retry-${channel}-${productId}-${Date.now()}`;
  await enqueue(CHANNEL_JOB[channel], { shop, productId }, { jobId });
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
