// The shapes the sync overview screens show (shared by loaders and presentational components).
import type { ChannelKind } from "~/channels/kinds";

export const syncStatuses = [
  "PENDING",
  "SYNCING",
  "LIVE",
  "NOT_LISTED",
  "BLOCKED",
  "FAILED",
  "DRIFT",
] as const;
export type SyncStatus = (typeof syncStatuses)[number];

export interface LatencyStats {
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

/**
 * Approval → observed live per channel. The headline numbers are replacements (a new version of an image that
 * was already live); first publishes (new links, first approvals) and value approvals are reported apart.
 */
export interface ChannelLatency {
  channel: ChannelKind;
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  firstPublish: LatencyStats;
  values: LatencyStats;
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
  counts: Record<SyncStatus, number>;
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
  kind: string;
  outcome: string | null;
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
