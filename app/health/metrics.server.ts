// The process's /metrics: registers the scrape-time probes (queues from Redis, outbox from the database) once,
// then renders. Used by the web route and by the worker's metrics listener.
import { queueSnapshots } from "~/jobs/queue-metrics.server";
import {
  addScrapeProbe,
  outboxLag,
  outboxPending,
  queueJobs,
  queueOldestWaiting,
  renderMetrics,
} from "~/lib/metrics.server";
import { outboxBacklog } from "./outbox-lag.db.server";

let installed = false;

function installProbes(): void {
  if (installed) return;
  installed = true;
  addScrapeProbe("queues", async () => {
    // Reset first: a queue that cannot be read must not keep showing its last numbers.
    queueJobs.reset();
    queueOldestWaiting.reset();
    for (const snapshot of await queueSnapshots()) {
      for (const [state, count] of Object.entries(snapshot.counts))
        queueJobs.set({ queue: snapshot.queue, state }, count);
      queueOldestWaiting.set(
        { queue: snapshot.queue },
        snapshot.oldestWaitingMs / 1000,
      );
    }
  });
  addScrapeProbe("outbox", async () => {
    outboxLag.reset();
    outboxPending.reset();
    const { oldest, pending } = await outboxBacklog();
    outboxPending.set(pending);
    outboxLag.set(
      oldest ? Math.max(0, Date.now() - oldest.getTime()) / 1000 : 0,
    );
  });
}

/** Prometheus text for this process, shared gauges refreshed. */
export async function processMetrics() {
  installProbes();
  return renderMetrics();
}
