// Launches (issue #14): the public API the launch routes call. A launch is a season or drop: a set of products
// held under embargo on every channel, staged (renditions, media attached to hidden products, metafields, feed
// rows and marketplace listings prepared but not served), then released at one moment and observed live per
// channel, or rolled back. Every function takes the shop and only ever touches that shop's rows.
import type { ChannelKind } from "~/channels/kinds";
import type {
  CreateLaunchInput,
  LaunchChannelState,
  LaunchSelection,
  LaunchStatus,
  ShotType,
} from "./launch.schema";

/** Progress of one channel of a launch: n of N live, and the go-live → all-live time once every pair is live. */
export interface ChannelProgress {
  channel: ChannelKind;
  /** Products included on this channel (EXCLUDED pairs are not counted). */
  total: number;
  staged: number;
  live: number;
  failed: number;
  rolledBack: number;
  /** Since go-live started: up to now while releasing, up to the last pair observed live once all are. */
  elapsedMs: number | null;
  /** Go-live start → the last product observed live on this channel; null until every included pair is live. */
  goLiveToAllLiveMs: number | null;
}

export interface LaunchSummary {
  id: string;
  name: string;
  status: LaunchStatus;
  selection: LaunchSelection;
  /** Market GIDs; empty: every market. */
  markets: string[];
  goLiveAt: Date | null;
  productCount: number;
  createdAt: Date;
  createdBy: string | null;
  stagedAt: Date | null;
  goLiveStartedAt: Date | null;
  /** When every included pair was observed live (null while any is not). */
  allLiveAt: Date | null;
  rolledBackAt: Date | null;
  progress: ChannelProgress[];
}

/** Readiness and state of one product on one channel. */
export interface ProductChannelReadiness {
  channel: ChannelKind;
  state: LaunchChannelState;
  /** Whether nothing blocks it (every check below passes). */
  ready: boolean;
  /** PIM completeness on the channel, 0–100 (null when the product has no family). */
  completeness: number | null;
  /** Attribute keys still missing for this channel. */
  missingAttributes: string[];
  /** Required shot types (shots.ts SHOT_REQUIREMENTS) without an approved image. */
  missingShots: ShotType[];
  /** The main image is below the channel's minimum size (or there is no main image). */
  mainImageTooSmall: boolean;
  /** Pre-flight failures of the product's renditions for this channel (made during staging). */
  preflightFailures: string[];
  /** When it was observed live on the channel (never an intent). */
  liveAt: Date | null;
  /** Why go-live failed for it, after retries. */
  error: string | null;
}

export interface LaunchProductRow {
  /** Our Product id (links to /app/products/:id). */
  productId: string;
  shopifyId: string;
  title: string;
  productType: string | null;
  /** Shopify status as mirrored: DRAFT / UNLISTED while embargoed, ACTIVE after go-live. */
  status: string;
  channels: ProductChannelReadiness[];
}

export type BlockerKind =
  "shot" | "main-image" | "completeness" | "preflight" | "failed";

/** What stops products launching on a channel, grouped, with the fix in words ("3 coats lack a back view"). */
export interface LaunchBlocker {
  channel: ChannelKind;
  kind: BlockerKind;
  /** For kind "shot": the missing shot type. For "completeness": the attribute key. */
  detail: string | null;
  count: number;
  /** Up to 20 of the products concerned (our ids). */
  productIds: string[];
  message: string;
}

export interface LaunchDetail extends LaunchSummary {
  /** One page of products with their readiness per channel, ordered by title. */
  products: LaunchProductRow[];
  /** Cursor of the next page (a product id), null on the last. */
  nextCursor: string | null;
  /** Blockers over every product of the launch (not just the page). */
  blockers: LaunchBlocker[];
  /** Products ready on every included channel. */
  readyCount: number;
}

export interface LaunchPageOptions {
  cursor?: string;
  /** Default 50, at most 250. */
  take?: number;
  /** "blocked": only products with a blocker on some channel; "failed": only products whose go-live failed. */
  filter?: "all" | "blocked" | "failed";
}

const pending = (what: string): never => {
  throw new Error(`launch: ${what} is being implemented (#14)`);
};

/**
 * Creates a launch in DRAFT from a selection (a collection is read from Shopify once; a tag, family or picked
 * products from our mirror) and records its products, each channel WAITING (EXCLUDED when the channel is off).
 * Throws Invalid when the selection matches no product, NotFound for another shop's family.
 */
export async function createLaunch(
  shop: string,
  input: CreateLaunchInput,
  actor?: string | null,
): Promise<{ id: string; productCount: number }> {
  return pending(`createLaunch(${shop}, ${input.name}, ${actor ?? ""})`);
}

/** The shop's launches, newest first, with their per-channel progress. */
export async function listLaunches(shop: string): Promise<LaunchSummary[]> {
  return pending(`listLaunches(${shop})`);
}

/** One launch with a page of its products' readiness per channel and the blockers. Throws NotFound. */
export async function getLaunch(
  shop: string,
  launchId: string,
  options: LaunchPageOptions = {},
): Promise<LaunchDetail> {
  return pending(`getLaunch(${shop}, ${launchId}, ${JSON.stringify(options)})`);
}

/**
 * The readiness board as CSV (one row per product × channel: handle, title, channel, state, ready, completeness,
 * missing attributes, missing shots, main image, pre-flight, error), cells neutralised like every export.
 */
export async function launchReadinessCsv(
  shop: string,
  launchId: string,
): Promise<string> {
  return pending(`launchReadinessCsv(${shop}, ${launchId})`);
}

/**
 * Stages the launch under embargo: enqueues the launch's staging job (products kept DRAFT/UNLISTED, media,
 * metafields, feed rows and marketplace listings prepared but gated). Idempotent: staging a staged launch again
 * re-stages what changed. Throws NotFound, Conflict while releasing or rolling back.
 */
export async function stageLaunch(
  shop: string,
  launchId: string,
): Promise<void> {
  return pending(`stageLaunch(${shop}, ${launchId})`);
}

/** Sets (or moves) the go-live time and schedules the delayed go-live job. Throws Invalid for a past time. */
export async function scheduleLaunch(
  shop: string,
  launchId: string,
  goLiveAt: Date,
  now: Date = new Date(),
): Promise<void> {
  return pending(
    `scheduleLaunch(${shop}, ${launchId}, ${goLiveAt.toISOString()}, ${now.toISOString()})`,
  );
}

/** "Launch now": starts go-live immediately (staging first if it is not staged). Idempotent. */
export async function goLiveNow(
  shop: string,
  launchId: string,
  now: Date = new Date(),
): Promise<void> {
  return pending(`goLiveNow(${shop}, ${launchId}, ${now.toISOString()})`);
}

/**
 * Rolls the launch back: unpublishes everything it published (one bulk operation), products back to DRAFT, feed
 * rows no longer served, marketplace listings deactivated. Idempotent. Throws Conflict before go-live started.
 */
export async function rollbackLaunch(
  shop: string,
  launchId: string,
): Promise<void> {
  return pending(`rollbackLaunch(${shop}, ${launchId})`);
}

/** Deletes a DRAFT or ROLLED_BACK launch. Throws Conflict otherwise, NotFound. */
export async function deleteLaunch(
  shop: string,
  launchId: string,
): Promise<void> {
  return pending(`deleteLaunch(${shop}, ${launchId})`);
}
