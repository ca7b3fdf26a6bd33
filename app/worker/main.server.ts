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
const { startOutboxRelay } = await import("~/outbox/relay.db.server");
const { startReconciler } = await import("~/sync/reconciler.server");

const config = env();
const running = startWorkers({ concurrency: config.WORKER_CONCURRENCY });
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
  logger.info({ signal }, "worker stopping: waiting for active jobs");
  reconciler.stop();
  await relay.stop();
  await running.close();
  await closeQueues();
  await db.$disconnect();
  logger.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
