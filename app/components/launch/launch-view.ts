// What the launch page's components show, as the loader sends it (times as ISO strings). Mirrors the launch API's
// LaunchDetail (launch/launch.server.ts) without importing server code into components.
import type { ChannelKind } from "~/channels/kinds";
import type {
  ChannelProgress,
  LaunchChannelState,
  LaunchStatus,
  ShotType,
} from "~/launch/launch.schema";

export type ChannelProgressView = ChannelProgress;

export interface LaunchView {
  id: string;
  name: string;
  status: LaunchStatus;
  goLiveAt: string | null;
  stagedAt: string | null;
  goLiveStartedAt: string | null;
  allLiveAt: string | null;
  rolledBackAt: string | null;
  /** Why the last staging, go-live or rollback stopped. */
  error: string | null;
  productCount: number;
  readyCount: number;
  /** Products with an UNLISTED preview link (before go-live). */
  previewCount: number;
  /** The preview, or its end, asked for and not done yet (the worker's job waits or runs). */
  previewWork: "preview" | "end-preview" | null;
  progress: ChannelProgressView[];
}

export interface CellView {
  channel: ChannelKind;
  state: LaunchChannelState;
  ready: boolean;
  completeness: number | null;
  missingAttributes: string[];
  missingShots: ShotType[];
  mainImageTooSmall: boolean;
  preflightFailures: string[];
  error: string | null;
  /** Went live, then observed off the channel (ISO time, and why). */
  observedOff: { at: string; reason: string | null } | null;
}

export interface BoardRow {
  productId: string;
  title: string;
  status: string;
  /** The UNLISTED preview link, while previewed before go-live. */
  previewUrl: string | null;
  channels: CellView[];
}

export interface BlockerView {
  channel: ChannelKind;
  kind: string;
  count: number;
  message: string;
}

export interface FailedProduct {
  productId: string;
  title: string;
  channel: ChannelKind;
  error: string;
}

/** Seconds with one decimal, for elapsed and go-live → all-live times. */
export const seconds = (ms: number) => (ms / 1000).toFixed(1);
