// Prometheus metrics (prom-client), one registry per process. Counters and histograms are recorded where things
// happen; the gauges that describe shared state (queues, outbox) are filled at scrape time by probes that the
// process registers (app/health/metrics.server.ts), so every process reports the same numbers and dashboards
// take max() across instances. README "Deploying" lists what to watch and alert on.
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
} from "prom-client";

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const registers = [registry];

// Jobs ----------------------------------------------------------------------------------------------------------

export const jobDuration = new Histogram({
  name: "vitrine_job_duration_seconds",
  help: "Time a job attempt ran, by queue, job name and outcome (completed or failed).",
  labelNames: ["queue", "job", "outcome"] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
  registers,
});

export const jobFailures = new Counter({
  name: "vitrine_job_failures_total",
  help: "Failed job attempts, by queue and job name; final=true when the job will not be retried.",
  labelNames: ["queue", "job", "final"] as const,
  registers,
});

export const queueJobs = new Gauge({
  name: "vitrine_queue_jobs",
  help: "Jobs in each queue by state (waiting, active, delayed, failed, prioritized, waiting-children).",
  labelNames: ["queue", "state"] as const,
  registers,
});

export const queueOldestWaiting = new Gauge({
  name: "vitrine_queue_oldest_waiting_seconds",
  help: "Age of the oldest job waiting to run in each queue (0 when none waits).",
  labelNames: ["queue"] as const,
  registers,
});

// Shopify -------------------------------------------------------------------------------------------------------

export const shopifyRequests = new Counter({
  name: "vitrine_shopify_requests_total",
  help: "Admin GraphQL requests sent, per shop.",
  labelNames: ["shop"] as const,
  registers,
});

export const shopifyPointsSpent = new Counter({
  name: "vitrine_shopify_points_spent_total",
  help: "Admin API cost points Shopify charged (actualQueryCost), per shop.",
  labelNames: ["shop"] as const,
  registers,
});

export const shopifyThrottled = new Counter({
  name: "vitrine_shopify_throttled_total",
  help: "Admin API requests Shopify answered THROTTLED, per shop.",
  labelNames: ["shop"] as const,
  registers,
});

export const shopifyBucketWait = new Counter({
  name: "vitrine_shopify_bucket_wait_seconds_total",
  help: "Time spent waiting for a shop's cost bucket to refill before sending, per shop.",
  labelNames: ["shop"] as const,
  registers,
});

// Sync engine ---------------------------------------------------------------------------------------------------

export const outboxLag = new Gauge({
  name: "vitrine_outbox_lag_seconds",
  help: "Age of the oldest outbox row not yet dispatched (0 when the outbox is drained).",
  registers,
});

export const outboxPending = new Gauge({
  name: "vitrine_outbox_pending",
  help: "Outbox rows not yet dispatched.",
  registers,
});

/** Recorded by the sync engine when a replacement is live on a channel: approval → live, in seconds. */
export const replaceToLive = new Histogram({
  name: "vitrine_replace_to_live_seconds",
  help: "Time from approving a replacement to it being live, per channel.",
  labelNames: ["channel"] as const,
  buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600],
  registers,
});

/** Recorded by the reconciler for each difference it finds between what a channel shows and what it should. */
export const reconcilerDrift = new Counter({
  name: "vitrine_reconciler_drift_total",
  help: "Differences the reconciler found between a channel and the approved state, per channel and kind.",
  labelNames: ["channel", "kind"] as const,
  registers,
});

/** Recorded by the reconciler for each difference it repaired. */
export const reconcilerRepaired = new Counter({
  name: "vitrine_reconciler_repaired_total",
  help: "Differences the reconciler repaired, per channel and kind.",
  labelNames: ["channel", "kind"] as const,
  registers,
});

// Scrape-time probes --------------------------------------------------------------------------------------------

const probeUp = new Gauge({
  name: "vitrine_metrics_probe_up",
  help: "1 when the scrape-time probe could read its source (Redis, database), 0 when it failed.",
  labelNames: ["probe"] as const,
  registers,
});

type Probe = () => Promise<void>;
const probes = new Map<string, Probe>();

/** Runs `probe` before each scrape to refresh gauges; replaces an earlier probe of the same name. */
export function addScrapeProbe(name: string, probe: Probe): void {
  probes.set(name, probe);
}

/** The metrics in Prometheus' text format, probes refreshed first (a failed probe reports up=0, not an error). */
export async function renderMetrics(): Promise<{
  contentType: string;
  body: string;
}> {
  await Promise.all(
    [...probes].map(async ([name, probe]) => {
      try {
        await probe();
        probeUp.set({ probe: name }, 1);
      } catch {
        probeUp.set({ probe: name }, 0);
      }
    }),
  );
  return { contentType: registry.contentType, body: await registry.metrics() };
}
