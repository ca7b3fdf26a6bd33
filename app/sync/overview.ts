// The shapes the sync overview screens show (shared by loaders and presentational components).
import type { ChannelKind } from "./channels/profiles";

export interface ChannelLatency {
  channel: ChannelKind;
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  /** Per UTC day, oldest first. */
  daily: {
    day: string;
    p50Ms: number | null;
    p95Ms: number | null;
    count: number;
  }[];
}

export interface StateCounts {
  channel: ChannelKind;
  counts: Record<"PENDING" | "SYNCING" | "LIVE" | "BLOCKED" | "FAILED", number>;
}

export interface StateRow {
  productId: string;
  productTitle: string;
  channel: ChannelKind;
  status: string;
  reason: string | null;
  updatedAt: string;
}

export interface ActivityRow {
  id: string;
  productId: string;
  productTitle: string;
  channel: ChannelKind;
  variants: number;
  approvedAt: string;
  liveAt: string | null;
  failedAt: string | null;
  error: string | null;
  latencyMs: number | null;
  hops: {
    enqueuedMs: number | null;
    renderedMs: number | null;
    pushedMs: number | null;
  };
}
