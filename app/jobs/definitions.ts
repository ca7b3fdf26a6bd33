// The closed map of background jobs: name → queue and payload schema. Web and worker share it; the worker must
// provide exactly one processor per name (checked at compile time in worker/processors/index.ts).
import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { shopDomain, shopifyGid } from "~/lib/ids";

// DAM: "renditions" keeps CPU-bound image work away from webhook and Shopify jobs. Sync: one queue per channel,
// so a slow channel (the Admin API bucket, a marketplace timing out) never holds up another. "launch": a launch's
// staging, go-live and watching never wait behind the thousands of dispatch jobs its season's links queue on
// "sync".
export const queueNames = [
  "webhooks",
  "shopify",
  "maintenance",
  "sync",
  "sync-storefront",
  "sync-feeds",
  "sync-marketplace",
  "renditions",
  "launch",
] as const;
export type QueueName = (typeof queueNames)[number];

interface JobDefinition {
  queue: QueueName;
  schema: z.ZodType;
  /**
   * BullMQ options when not the queue's defaults. Pair jobs run once (they schedule their own retry) and leave
   * no finished job behind: their ids mean "the pair's next run", which a finished job must not keep taken.
   */
  options?: Pick<JobsOptions, "attempts" | "removeOnComplete" | "removeOnFail">;
}

/** A product × channel convergence: `seq` is the pair's job sequence when queued (coalescing, see pair-jobs). */
const pairJobOptions = {
  attempts: 1,
  removeOnComplete: true,
  removeOnFail: true,
} as const;

const pairJob = z.object({
  shop: shopDomain,
  productId: z.string().min(1),
  seq: z.number().int().min(0),
  // Consecutive runs of this pair that failed transiently before this one (see sync/pair-jobs.server.ts).
  retry: z.number().int().min(0).optional(),
});

export const jobDefinitions = {
  /** Fetch name, plan, currency and locales after install (afterAuth) so the app can format and localise. */
  "shop.sync-details": {
    queue: "shopify",
    schema: z.object({ shop: shopDomain }),
  },
  /** shop/redact: erase every row and file of the shop. Idempotent. */
  "shop.erase": {
    queue: "maintenance",
    schema: z.object({ shop: shopDomain }),
  },
  /** products/create and products/update: bring our mirror of the product up to date. */
  "product.refresh": {
    queue: "webhooks",
    schema: z.object({
      shop: shopDomain,
      productId: shopifyGid("Product"),
      // Shopify's updated_at of the webhook payload: lets the processor drop stale, out-of-order deliveries.
      updatedAt: z.iso.datetime({ offset: true }).nullable(),
      webhookId: z.string().min(1),
    }),
  },
  /** products/delete: forget the product. */
  "product.remove": {
    queue: "webhooks",
    schema: z.object({
      shop: shopDomain,
      productId: shopifyGid("Product"),
      webhookId: z.string().min(1),
    }),
  },
  /** Daily: forget webhook ids older than Shopify's retry window, so the dedupe table stays small. */
  "webhook-events.prune": {
    queue: "maintenance",
    schema: z.object({ olderThanDays: z.number().int().min(1) }),
  },
  // Sync engine ------------------------------------------------------------------------------------------------
  /** One outbox event (job id = outbox id): fans it out into per product × channel work. */
  "sync.dispatch": {
    queue: "sync",
    schema: z.object({
      shop: shopDomain,
      outboxId: z.string().min(1),
      // How many times the row was relayed before: each relay is a new job.
      relay: z.number().int().min(0),
    }),
  },
  /**
   * Converges one product on a channel: desired state from the approved data, read the channel back, push the
   * difference, read back again (sync/converge.server.ts). Coalesced: one queued job per product × channel, and
   * a transient failure schedules the pair's next run instead of a BullMQ retry (which would sit beside it).
   */
  "sync.storefront": {
    queue: "sync-storefront",
    schema: pairJob,
    options: pairJobOptions,
  },
  "sync.google": {
    queue: "sync-feeds",
    schema: pairJob,
    options: pairJobOptions,
  },
  "sync.marketplace": {
    queue: "sync-marketplace",
    schema: pairJob,
    options: pairJobOptions,
  },
  "sync.meta": {
    queue: "sync-feeds",
    schema: pairJob,
    options: pairJobOptions,
  },
  /** Deletes the shop's Shopify files Vitrine created that nothing shows (lost creations, unlinked assets). */
  "sync.orphans": {
    queue: "sync",
    schema: z.object({ shop: shopDomain }),
  },
  // DAM
  /** Render and store a version's library thumbnail and preview. Idempotent (renditions keyed by content hash). */
  "dam.renditions": {
    queue: "renditions",
    schema: z.object({
      shop: shopDomain,
      assetId: z.string().min(1),
      versionId: z.string().min(1),
    }),
  },
  /** Queue-all: enqueue dam.renditions for every version still without renditions. Idempotent. */
  "dam.renditions-missing": {
    queue: "maintenance",
    schema: z.object({}),
  },
  /** Periodic: remove upload spool files an ingest killed mid-way left behind (dam/spool.server.ts). Idempotent. */
  "dam.spool-sweep": {
    queue: "maintenance",
    schema: z.object({}),
  },
  // PIM
  /** Import every product and variant of the shop with a bulk operation (first install, on demand, reconcile). */
  "catalogue.import": {
    queue: "shopify",
    schema: z.object({ shop: shopDomain }),
  },
  /** Periodic: enqueue a catalogue import per installed shop, catching edits that sent no webhook. */
  "catalogue.reconcile-all": {
    queue: "maintenance",
    schema: z.object({}),
  },
  /**
   * Read every variant's price in each of the shop's markets (contextual pricing) for the per-country feeds
   * (pim/market-prices.server.ts). Idempotent; queued after each catalogue import.
   */
  "market-prices.sync": {
    queue: "shopify",
    schema: z.object({ shop: shopDomain }),
  },
  /** One product's prices in the markets last read, after a products/update changed its mirror. Idempotent. */
  "product-market-prices.sync": {
    queue: "shopify",
    schema: z.object({ shop: shopDomain, productId: shopifyGid("Product") }),
  },
  /** Write a product's approved values to Shopify metafields (outbox product.values-approved). Idempotent. */
  "product-values.publish": {
    queue: "shopify",
    schema: z.object({
      shop: shopDomain,
      productId: z.string().min(1),
      // The approval this job was enqueued for; a job older than the product's published version does nothing.
      version: z.number().int().min(0),
    }),
  },
  /**
   * Register a product's PIM values and alt text in every other published locale with translationsRegister, and
   * re-register outdated ones (pim/translations.server.ts). Idempotent; queued after the storefront converges.
   */
  "product-translations.publish": {
    queue: "shopify",
    schema: z.object({ shop: shopDomain, productId: z.string().min(1) }),
  },
  /** Give each Colour value of a product its swatch (sync/swatches.server.ts). Idempotent; after the storefront. */
  "product-swatches.write": {
    queue: "shopify",
    schema: z.object({ shop: shopDomain, productId: z.string().min(1) }),
  },
  /** Check or apply a large spreadsheet of attribute values, storing progress and the report. */
  "spreadsheet.import": {
    queue: "maintenance",
    schema: z.object({ shop: shopDomain, importId: z.string().min(1) }),
  },
  // Launches (issue #14) ----------------------------------------------------------------------------------------
  /** Stage a launch under embargo: its pairs converge with the launch gate closed. Idempotent. */
  "launch.stage": {
    queue: "launch",
    schema: z.object({
      shop: shopDomain,
      launchId: z.string().min(1),
      // When staging was asked (ms): the round of its wave jobs, so a retried staging job carries on the same
      // chain of waves instead of starting another. Absent in jobs queued before it was carried.
      round: z.number().int().min(0).optional(),
    }),
  },
  /**
   * One wave of a staging's storefront media in bulk (launch/stage.server.ts), then the next wave queued; the
   * last converges the storefront pairs. `round`: when the staging job ran (ms). Idempotent.
   */
  "launch.stage-wave": {
    queue: "launch",
    schema: z.object({
      shop: shopDomain,
      launchId: z.string().min(1),
      round: z.number().int().min(0),
      wave: z.number().int().min(0),
      // Products per wave, the same for every job of the round.
      size: z.number().int().min(1).max(1000),
    }),
  },
  /**
   * Release a launch (delayed to goLiveAt, or now): bulk status + publish, lift the gate. `at` is the go-live time
   * the job was scheduled for; a job whose time was moved since does nothing. Idempotent. `retry` (ms): set when
   * the merchant retries the failed products (a new job for the same go-live time).
   */
  "launch.go-live": {
    queue: "launch",
    schema: z.object({
      shop: shopDomain,
      launchId: z.string().min(1),
      at: z.number().int().min(0),
      retry: z.number().int().min(0).optional(),
    }),
  },
  /**
   * Record what the channels were observed to show for a launch; queues its next `tick` until every pair settled.
   * `round`: the time (ms) the staging, go-live or rollback being watched started.
   */
  "launch.observe": {
    queue: "launch",
    schema: z.object({
      shop: shopDomain,
      launchId: z.string().min(1),
      round: z.number().int().min(0),
      tick: z.number().int().min(0),
    }),
  },
  /** The UNLISTED preview of a launch under embargo: its hidden products get a private link. Idempotent. */
  "launch.preview": {
    queue: "launch",
    schema: z.object({ shop: shopDomain, launchId: z.string().min(1) }),
  },
  /** End a launch's preview before go-live: unpublished, back to the status before it, links gone. Idempotent. */
  "launch.end-preview": {
    queue: "launch",
    schema: z.object({ shop: shopDomain, launchId: z.string().min(1) }),
  },
  /** Roll a launch back: bulk unpublish + DRAFT, the gate closed again. Idempotent. */
  "launch.rollback": {
    queue: "launch",
    schema: z.object({ shop: shopDomain, launchId: z.string().min(1) }),
  },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof jobDefinitions;
export type JobPayload<N extends JobName> = z.infer<
  (typeof jobDefinitions)[N]["schema"]
>;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobDefinitions, name);
}

/** Parses a payload for `name`; throws zod's error when it does not match. */
export function parseJobPayload<N extends JobName>(
  name: N,
  payload: unknown,
): JobPayload<N> {
  return jobDefinitions[name].schema.parse(payload) as JobPayload<N>;
}
