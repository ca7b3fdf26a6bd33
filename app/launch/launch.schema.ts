// zod schemas and types of launches (issue #14), shared by the launch routes, the domain and tests. Client-safe:
// no IO, importable from components.
import { z } from "zod";
import { channelKinds, type ChannelKind } from "~/channels/kinds";
import { jsonColumn } from "~/lib/json-column";
import { shopifyGid } from "~/lib/ids";

/** How a launch picks its products. Collection and product ids are Shopify GIDs (what the resource picker gives). */
export const launchSelectionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("collection"),
    collectionId: shopifyGid("Collection"),
  }),
  z.object({ kind: z.literal("tag"), tag: z.string().trim().min(1).max(255) }),
  z.object({ kind: z.literal("family"), familyId: z.string().min(1) }),
  z.object({
    kind: z.literal("products"),
    productIds: z.array(shopifyGid("Product")).min(1).max(5_000),
  }),
]);
export type LaunchSelection = z.infer<typeof launchSelectionSchema>;
export const launchSelectionColumn = jsonColumn(
  "Launch.selection",
  launchSelectionSchema,
);

/** Markets the launch is for (Market GIDs); empty means every market. */
export const launchMarketsSchema = z.array(shopifyGid("Market")).max(50);
export const launchMarketsColumn = jsonColumn(
  "Launch.markets",
  launchMarketsSchema,
);

/** The input of createLaunch (already structured; see `createLaunchForm` for the form-data shape). */
export const createLaunchSchema = z.object({
  name: z.string().trim().min(1).max(120),
  selection: launchSelectionSchema,
  goLiveAt: z.date().nullable().optional(),
  markets: launchMarketsSchema.optional(),
});
export type CreateLaunchInput = z.infer<typeof createLaunchSchema>;

/**
 * The create form's fields: `selectionKind` and one value field (`collectionId`, `tag`, `familyId`, or
 * `productIds` comma-separated), `goLiveAt` as an ISO date-time (empty: decide later), `markets` comma-separated.
 */
export const createLaunchForm = z.preprocess((raw) => {
  if (!raw || typeof raw !== "object") return raw;
  const form = raw as Record<string, string | undefined>;
  const kind = form.selectionKind;
  return {
    name: form.name,
    selection:
      kind === "products"
        ? { kind, productIds: splitList(form.productIds) }
        : kind === "collection"
          ? { kind, collectionId: form.collectionId }
          : kind === "tag"
            ? { kind, tag: form.tag }
            : { kind, familyId: form.familyId },
    goLiveAt: form.goLiveAt ? new Date(form.goLiveAt) : null,
    markets: splitList(form.markets),
  };
}, createLaunchSchema);

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The launch page's actions (form data, `intent`). Rollback needs `confirm=rollback` (one confirmed action). */
export const launchActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("stage") }),
  z.object({ intent: z.literal("schedule"), goLiveAt: z.coerce.date() }),
  z.object({ intent: z.literal("go-live-now") }),
  z.object({ intent: z.literal("rollback"), confirm: z.literal("rollback") }),
  z.object({ intent: z.literal("retry-failed") }),
  z.object({ intent: z.literal("preview") }),
  z.object({ intent: z.literal("end-preview") }),
  z.object({ intent: z.literal("delete") }),
]);
export type LaunchAction = z.infer<typeof launchActionSchema>;

/**
 * A launch's life: DRAFT (created) → STAGING → STAGED (embargo holds; go-live scheduled when goLiveAt is set) →
 * RELEASING (go-live running) → LIVE (every included pair observed live, or failed and named) → ROLLING_BACK →
 * ROLLED_BACK. A STAGED or LIVE launch can be staged again after products changed.
 */
export const launchStatuses = [
  "DRAFT",
  "STAGING",
  "STAGED",
  "RELEASING",
  "LIVE",
  "ROLLING_BACK",
  "ROLLED_BACK",
] as const;
export type LaunchStatus = (typeof launchStatuses)[number];

/**
 * One product × channel of a launch: EXCLUDED (channel off for the shop), WAITING (not staged yet), STAGED
 * (prepared and hidden), LIVE (observed live on the channel after go-live), FAILED (go-live gave up; `error` says
 * why), ROLLED_BACK (unpublished by a rollback).
 */
export const launchChannelStates = [
  "EXCLUDED",
  "WAITING",
  "STAGED",
  "LIVE",
  "FAILED",
  "ROLLED_BACK",
] as const;
export type LaunchChannelState = (typeof launchChannelStates)[number];

/** Shot types: what an image shows, from its link role (or an asset tag `model` / `on-model` for model shots). */
export const shotTypes = [
  "front",
  "back",
  "detail",
  "model",
  "lifestyle",
  "swatch",
  "size-chart",
] as const;
export type ShotType = (typeof shotTypes)[number];

export type LaunchChannelKind = ChannelKind;
export const launchChannels = channelKinds;

/** One channel's counts on a launch (the launch API and, as sent, the launch page). */
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
