// Launches (issue #14): the public API the launch routes call. A launch is a season or drop: a set of products
// held under embargo on every channel, staged (renditions, media attached to hidden products, metafields, feed
// rows and marketplace listings prepared but not served), then released at one moment and observed live per
// channel, or rolled back. Every function takes the shop and only ever touches that shop's rows. The web side
// only records and enqueues; the worker stages, releases and rolls back (release.server.ts).
import { enqueue } from "~/jobs/enqueue.server";
import { Conflict, Invalid, NotFound } from "~/lib/errors";
import { adminClientFor } from "~/shopify/admin-client.server";
import { enabledChannels } from "~/sync/channels/channels.db.server";
import {
  channelProgress,
  deleteLaunchRow,
  findLaunch,
  findLaunches,
  insertLaunch,
  mirrorSelection,
  moveLaunch,
  productIdsOf,
  updateLaunch,
  type ChannelProgress,
  type LaunchRecord,
} from "./launch.db.server";
import type { CreateLaunchInput, LaunchStatus } from "./launch.schema";
import { launchProducts, reopenFailedPairs } from "./launch-pairs.db.server";
import { previewCount } from "./preview.db.server";
import { releaseGatedPairs } from "./release.server";
import { collectionProductGids } from "./launch-shopify.server";
import { launchBlockers, type LaunchBlocker } from "./blockers";
import { launchReadiness, type LaunchProductRow } from "./readiness.db.server";

export type { ChannelProgress } from "./launch.db.server";
export { endPreview, previewLaunch, previewWork } from "./preview.server";
export { rollbackLaunch } from "./rollback.server";
export { launchReadinessCsv } from "./readiness-csv.server";
export type { BlockerKind, LaunchBlocker } from "./blockers";
export type {
  LaunchProductRow,
  ProductChannelReadiness,
} from "./readiness.db.server";

export interface LaunchSummary extends LaunchRecord {
  progress: ChannelProgress[];
  /**
   * Products ready on every included channel, before go-live (DRAFT, STAGING, STAGED); null after, when the
   * progress's live counts tell more.
   */
  readyCount: number | null;
}

export interface LaunchDetail extends LaunchSummary {
  /** One page of products with their readiness per channel, ordered by title. */
  products: LaunchProductRow[];
  /** Cursor of the next page (an offset), null on the last. */
  nextCursor: string | null;
  /** Blockers over every product of the launch (not just the page). */
  blockers: LaunchBlocker[];
  /** Products ready on every included channel (at every status). */
  readyCount: number;
  /** Products with an UNLISTED preview link (before go-live). */
  previewCount: number;
}

export interface LaunchPageOptions {
  cursor?: string;
  /** Default 50, at most 250. */
  take?: number;
  /** "blocked": only products with a blocker on some channel; "failed": only products whose go-live failed. */
  filter?: "all" | "blocked" | "failed";
}

const EDITABLE: LaunchStatus[] = ["DRAFT", "STAGING", "STAGED"];

/**
 * Creates a launch in DRAFT from a selection (a collection is read from Shopify once; a tag, family or picked
 * products from our mirror) and records its products, each channel WAITING (EXCLUDED when the channel is off);
 * with `goLiveAt`, go-live is scheduled (and staging starts). Throws Invalid when the selection matches no
 * product or the time has passed, NotFound for an unknown family or collection.
 */
export async function createLaunch(
  shop: string,
  input: CreateLaunchInput,
  actor?: string | null,
  now: Date = new Date(),
): Promise<{ id: string; productCount: number }> {
  if (input.goLiveAt && input.goLiveAt <= now)
    throw new Invalid("The go-live time has passed", {
      goLiveAt: ["Choose a time in the future"],
    });
  let productIds: string[];
  if (input.selection.kind === "collection") {
    const gids = await collectionProductGids(
      await adminClientFor(shop),
      input.selection.collectionId,
    );
    if (!gids) throw new NotFound("collection not found");
    productIds = await productIdsOf(shop, gids);
  } else productIds = await mirrorSelection(shop, input.selection);
  if (productIds.length === 0)
    throw new Invalid("No product matches this selection", {
      selection: ["No product matches this selection"],
    });
  const id = await insertLaunch(
    shop,
    {
      name: input.name,
      selection: input.selection,
      markets: input.markets ?? [],
      goLiveAt: null,
      createdBy: actor ?? null,
    },
    productIds,
    await enabledChannels(shop),
  );
  if (input.goLiveAt) await scheduleLaunch(shop, id, input.goLiveAt, now);
  return { id, productCount: productIds.length };
}

const included = (row: LaunchProductRow) =>
  row.channels.filter((c) => c.state !== "EXCLUDED");
const readyOf = (rows: readonly LaunchProductRow[]) =>
  rows.filter((row) => included(row).every((c) => c.ready)).length;

/** The shop's launches, newest first, with their per-channel progress and, before go-live, the ready count. */
export async function listLaunches(shop: string): Promise<LaunchSummary[]> {
  const launches = await findLaunches(shop);
  const progress = await channelProgress(shop, launches);
  return Promise.all(
    launches.map(async (l) => ({
      ...l,
      progress: progress.get(l.id)!,
      readyCount: EDITABLE.includes(l.status)
        ? readyOf(await launchReadiness(shop, l.id))
        : null,
    })),
  );
}

/** One launch with a page of its products' readiness per channel and the blockers. Throws NotFound. */
export async function getLaunch(
  shop: string,
  launchId: string,
  options: LaunchPageOptions = {},
): Promise<LaunchDetail> {
  const launch = await findLaunch(shop, launchId);
  const progress = (await channelProgress(shop, [launch])).get(launch.id)!;
  const rows = await launchReadiness(shop, launchId);
  const filtered = rows.filter((row) =>
    options.filter === "blocked"
      ? included(row).some((c) => !c.ready)
      : options.filter === "failed"
        ? included(row).some((c) => c.state === "FAILED")
        : true,
  );
  const take = Math.min(Math.max(options.take ?? 50, 1), 250);
  const offset = Math.max(0, Number(options.cursor ?? 0) || 0);
  return {
    ...launch,
    progress,
    products: filtered.slice(offset, offset + take),
    nextCursor: offset + take < filtered.length ? String(offset + take) : null,
    blockers: launchBlockers(rows),
    readyCount: readyOf(rows),
    previewCount: rows.filter((row) => row.previewUrl !== null).length,
  };
}

/**
 * Stages the launch under embargo (the worker converges every pair with the gate closed). Idempotent: staging
 * a staged launch again re-stages what changed. Throws NotFound, Conflict once go-live started.
 */
export async function stageLaunch(
  shop: string,
  launchId: string,
): Promise<void> {
  const launch = await findLaunch(shop, launchId);
  if (!EDITABLE.includes(launch.status))
    throw new Conflict(
      `A ${launch.status.toLowerCase()} launch cannot be staged`,
    );
  // From now until its bulk media step ends, the storefront pair runs leave uploads to it (sync/launch-gate).
  const asked = new Date();
  await moveLaunch(shop, launchId, EDITABLE, "STAGING", {
    error: null,
    mediaBulkStartedAt: asked,
  });
  await enqueue("launch.stage", { shop, launchId, round: asked.getTime() });
}

/** Sets (or moves) the go-live time, schedules the delayed go-live job and stages. Throws Invalid for a past time. */
export async function scheduleLaunch(
  shop: string,
  launchId: string,
  goLiveAt: Date,
  now: Date = new Date(),
): Promise<void> {
  if (goLiveAt <= now)
    throw new Invalid("The go-live time has passed", {
      goLiveAt: ["Choose a time in the future"],
    });
  const launch = await findLaunch(shop, launchId);
  if (!EDITABLE.includes(launch.status))
    throw new Conflict(
      `A ${launch.status.toLowerCase()} launch cannot be rescheduled`,
    );
  await updateLaunch(shop, launchId, { goLiveAt });
  await enqueue(
    "launch.go-live",
    { shop, launchId, at: goLiveAt.getTime() },
    { delayMs: goLiveAt.getTime() - now.getTime() },
  );
  if (launch.status === "DRAFT") await stageLaunch(shop, launchId);
}

/** "Launch now": go-live starts at once (what staging has not prepared, the flip's pair runs do). Idempotent. */
export async function goLiveNow(
  shop: string,
  launchId: string,
  now: Date = new Date(),
): Promise<void> {
  const launch = await findLaunch(shop, launchId);
  if (launch.status === "RELEASING" || launch.status === "LIVE") return;
  if (!EDITABLE.includes(launch.status))
    throw new Conflict(
      `A ${launch.status.toLowerCase()} launch cannot go live`,
    );
  await updateLaunch(shop, launchId, { goLiveAt: now });
  await enqueue("launch.go-live", { shop, launchId, at: now.getTime() });
}

/**
 * Retries what failed to go live: the FAILED pairs go back to WAITING (error cleared), the launch to RELEASING,
 * and a new go-live job runs the bulk flip again for the products not yet live on the storefront and converges
 * the reopened feed and marketplace pairs. Throws Conflict unless the launch is live (or releasing) with
 * something failed, NotFound.
 */
export async function retryLaunchFailures(
  shop: string,
  launchId: string,
  now: Date = new Date(),
): Promise<{ retried: number }> {
  const launch = await findLaunch(shop, launchId);
  if (!(launch.status === "LIVE" || launch.status === "RELEASING"))
    throw new Conflict(
      `A ${launch.status.toLowerCase()} launch has no go-live to retry`,
    );
  if (!launch.goLiveAt || !launch.goLiveStartedAt)
    throw new Conflict("This launch has not started going live");
  const reopened = await reopenFailedPairs(shop, launchId);
  if (reopened.length === 0) throw new Conflict("No product failed to go live");
  if (
    !(await moveLaunch(shop, launchId, ["LIVE", "RELEASING"], "RELEASING", {
      allLiveAt: null,
      error: null,
    }))
  )
    throw new Conflict("The launch changed meanwhile; reload it");
  await enqueue("launch.go-live", {
    shop,
    launchId,
    at: launch.goLiveAt.getTime(),
    retry: now.getTime(),
  });
  return { retried: new Set(reopened.map((p) => p.productId)).size };
}

/** Deletes a DRAFT or ROLLED_BACK launch (its products leave the embargo). Throws Conflict otherwise, NotFound. */
export async function deleteLaunch(
  shop: string,
  launchId: string,
): Promise<void> {
  const launch = await findLaunch(shop, launchId);
  const previewed = await previewCount(shop, launchId);
  if (previewed > 0)
    throw new Conflict(
      `End the preview first: ${previewed} product(s) of this launch are Unlisted in Shopify, open to anyone with the link`,
    );
  const products = await launchProducts(shop, launchId);
  if (!(await deleteLaunchRow(shop, launchId, ["DRAFT", "ROLLED_BACK"])))
    throw new Conflict(
      `A ${launch.status.toLowerCase()} launch cannot be deleted; roll it back first`,
    );
  // The storefront pairs its gate held before staging upload their media the ordinary way now.
  await releaseGatedPairs(
    shop,
    products.map((p) => p.productId),
  );
}
