// The shape of the asset page's watch (an approval followed to every channel) and how one channel's hops sum up.
// Pure: shared by the loader and the components.
import type { ChannelKind } from "~/channels/kinds";

export type WatchState =
  "PENDING" | "LIVE" | "NOT_LISTED" | "BLOCKED" | "FAILED" | "SUPERSEDED";

export interface ChannelWatch {
  channel: ChannelKind;
  state: WatchState;
  /** Product × channel hops of this approval, and how they ended. */
  products: number;
  live: number;
  notListed: number;
  problems: number;
  pending: number;
  /** Approval → the last hop's end (settled), or → now (still pending). */
  elapsedMs: number;
  /** Why a product is not live on this channel (the first one found), for the merchant. */
  reason: string | null;
}

export interface AssetWatch {
  versionNumber: number | null;
  approvedAt: string;
  /** REPLACEMENT (a new version of a live image) or PUBLISH (a first approval); null before dispatch. */
  kind: string | null;
  channels: ChannelWatch[];
  /** True while any channel is pending: the page keeps polling. */
  inFlight: boolean;
}

export interface WatchHop {
  approvedAt: Date;
  endedAt: Date | null;
  liveAt: Date | null;
  outcome: string | null;
  error: string | null;
}

/**
 * One channel's state for one approval: pending while any hop is open; otherwise failed/blocked when any hop
 * ended so, live when at least one product went live (the others not listed, with the reason), not listed when
 * none can be shown, superseded when a newer version went live first.
 */
export function channelWatchState(
  channel: ChannelKind,
  hops: readonly WatchHop[],
  approvedAt: Date,
  now: Date,
): ChannelWatch {
  const count = (outcome: string) =>
    hops.filter((h) => h.outcome === outcome).length;
  const pending = hops.filter((h) => h.endedAt === null).length;
  const live = count("LIVE");
  const notListed = count("NOT_LISTED");
  const problems = count("FAILED") + count("BLOCKED");
  const state: WatchState =
    pending > 0 || hops.length === 0
      ? "PENDING"
      : count("FAILED") > 0
        ? "FAILED"
        : count("BLOCKED") > 0
          ? "BLOCKED"
          : live > 0
            ? "LIVE"
            : notListed > 0
              ? "NOT_LISTED"
              : "SUPERSEDED";
  const ends = hops.map((h) => (h.liveAt ?? h.endedAt)?.getTime() ?? 0);
  const end = state === "PENDING" ? now.getTime() : Math.max(...ends);
  return {
    channel,
    state,
    products: hops.length,
    live,
    notListed,
    problems,
    pending: hops.length === 0 ? 1 : pending,
    elapsedMs: Math.max(0, end - approvedAt.getTime()),
    reason:
      hops.find((h) => h.outcome !== "LIVE" && h.error !== null)?.error ?? null,
  };
}
