// `npm run worker`: the background process. Runs every queue's worker until SIGTERM/SIGINT, then lets the active
// jobs finish before exiting (a second signal exits at once).
// Imports are dynamic so the process name is set before the logger reads it.
export {};
process.env.VITRINE_PROCESS ??= "worker";

const { default: db } = await import("~/db.server");
const { env } = await import("~/env.server");
const { getQueue, closeQueues } = await import("~/jobs/queues.server");
const { logger } = await import("~/lib/logger.server");
const { startWorkers } = await import("./run.server");
const { processors } = await import("./processors");
const { withJobContext } = await import("./job-context.server");
const { observeJobs } = await import("./job-metrics.server");
const { checkEvictionPolicy, RedisEvictionPolicyError } =
  await import("~/jobs/redis.server");
const { startMetricsListener } =
  await import("~/health/metrics-listener.server");
const { startOutboxRelay } = await import("~/outbox/relay.server");
const { startReconciler } = await import("~/sync/reconciler.server");
const { sweepSpoolFiles } = await import("~/dam/spool.server");

const config = env();
// A Redis that evicts keys loses queued jobs: refuse to start on one.
try {
  const policy = await checkEvictionPolicy();
  if (policy !== "noeviction")
    logger.warn({ policy }, "could not check Redis' maxmemory-policy");
} catch (error) {
  if (!(error instanceof RedisEvictionPolicyError)) throw error;
  logger.fatal(error.message);
  process.exit(1);
}
const running = startWorkers({
  concurrency: config.WORKER_CONCURRENCY,
  processors: withJobContext(processors),
});
observeJobs(running.workers);
const metrics = config.METRICS_PORT
  ? await startMetricsListener({
      port: config.METRICS_PORT,
      host: config.METRICS_HOST,
      token: config.METRICS_TOKEN,
    })
  : undefined;
const relay = startOutboxRelay();
const reconciler = startReconciler();

// Repeating maintenance, declared idempotently on every start.
await getQueue("maintenance").upsertJobScheduler(
  "webhook-events.prune",
  { every: 24 * 3600 * 1000 },
  { name: "webhook-events.prune", data: { olderThanDays: 7 } },
);
// DAM: every 10 minutes, pick up versions whose renditions were never enqueued (Redis down at upload).
await getQueue("maintenance").upsertJobScheduler(
  "dam.renditions-missing",
  { every: 10 * 60 * 1000 },
  { name: "dam.renditions-missing", data: {} },
);
// DAM: upload spool files a killed ingest left behind, at start (a crash is the usual cause) and every 15 minutes.
await getQueue("maintenance").upsertJobScheduler(
  "dam.spool-sweep",
  { every: 15 * 60 * 1000 },
  { name: "dam.spool-sweep", data: {} },
);
await sweepSpoolFiles().catch((error: unknown) =>
  logger.warn(
    { err: error },
    "upload spool sweep failed; the scheduled one retries",
  ),
);
// PIM: a daily catalogue import per shop catches edits that sent no webhook (and missed deletions).
await getQueue("maintenance").upsertJobScheduler(
  "catalogue.reconcile-all",
  { every: 24 * 3600 * 1000 },
  { name: "catalogue.reconcile-all", data: {} },
);

logger.info(
  {
    queues: running.workers.map((w) => w.name),
    concurrency: config.WORKER_CONCURRENCY,
    prefix: config.QUEUE_PREFIX,
    metricsPort: metrics?.port,
  },
  "worker started",
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    logger.warn({ signal }, "second signal: exiting now");
    process.exit(1);
  }
  stopping = true;
  const started = Date.now();
  logger.info({ signal }, "worker stopping: waiting for active jobs");
  reconciler.stop();
  await relay.stop();
  // Takes no new job and waits for the active ones; a job cut off by a hard kill is taken over by another worker
  // once its lock expires (lockDuration, run.server.ts).
  await running.close();
  await metrics?.close();
  await closeQueues();
  await db.$disconnect();
  logger.info({ ms: Date.now() - started }, "worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
