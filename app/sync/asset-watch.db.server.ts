// What the asset page shows after Approve: the latest approval of the asset followed to every channel, one hop
// per product × channel, summed up per channel (pending → live, with the elapsed time and the version). Read from
// the hops the sync engine ends only once the channel was read back, so "Live" here means observed live.
import db from "~/db.server";
import {
  channelWatchState,
  type AssetWatch,
  type ChannelWatch,
} from "./asset-watch";
import type { ChannelKind } from "~/channels/kinds";
import { enabledChannels } from "./channels/channels.db.server";

export type { AssetWatch, ChannelWatch } from "./asset-watch";

/**
 * The asset's latest approval on each channel, or null when it was never approved. While the approval waits for
 * the dispatcher (no hops yet) every enabled channel is pending. Read-only.
 */
export async function assetWatch(
  shop: string,
  assetId: string,
  now = new Date(),
): Promise<AssetWatch | null> {
  const event = await db.outbox.findFirst({
    where: { shop, aggregateId: assetId, topic: "asset.version-approved" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, createdAt: true, dispatchedAt: true, payload: true },
  });
  if (!event) return null;
  const versionId = (event.payload as { versionId?: unknown }).versionId;
  const version =
    typeof versionId === "string"
      ? await db.assetVersion.findFirst({
          where: { shop, assetId, id: versionId },
          select: { number: true },
        })
      : null;
  const hops = await db.syncHop.findMany({
    where: { shop, outboxId: event.id },
    select: {
      channel: true,
      kind: true,
      approvedAt: true,
      liveAt: true,
      endedAt: true,
      outcome: true,
      error: true,
    },
  });
  const linked = await db.assetLink.count({ where: { shop, assetId } });
  const channels: ChannelKind[] = event.dispatchedAt
    ? [...new Set(hops.map((h) => h.channel))]
    : linked > 0
      ? await enabledChannels(shop)
      : [];
  const approvedAt = event.createdAt;
  const perChannel: ChannelWatch[] = channels.map((channel) =>
    channelWatchState(
      channel,
      hops.filter((h) => h.channel === channel),
      approvedAt,
      now,
    ),
  );
  return {
    versionNumber: version?.number ?? null,
    approvedAt: approvedAt.toISOString(),
    kind: hops[0]?.kind ?? null,
    channels: perChannel,
    inFlight: perChannel.some((c) => c.state === "PENDING"),
  };
}
