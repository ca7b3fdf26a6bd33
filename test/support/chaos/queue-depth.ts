// How deep the channel queues get during a chaos run: queued jobs (waiting, delayed, prioritized, paused) summed over
// the three channel queues, sampled every 200 ms until stopped. Active jobs are bounded by the workers' slots, so
// they are not counted.
import { sleep } from "./world";

export interface QueueDepth {
  max: number;
  /** The per-queue counts at the deepest sample. */
  detail: string;
}

/** Starts sampling; `stop()` ends it and returns the deepest sample. */
export async function sampleQueueDepth(): Promise<{
  stop: () => Promise<QueueDepth>;
}> {
  const { getQueue } = await import("~/jobs/queues.server");
  let maxQueueDepth = 0;
  let maxQueueDetail = "";
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        let depth = 0;
        const detail: string[] = [];
        for (const queue of [
          "sync-storefront",
          "sync-feeds",
          "sync-marketplace",
        ] as const) {
          const counts = await getQueue(queue).getJobCounts(
            "waiting",
            "delayed",
            "prioritized",
            "active",
            "paused",
          );
          // Queued work: active jobs are bounded by the workers' slots, not counted here.
          depth +=
            (counts.waiting ?? 0) +
            (counts.delayed ?? 0) +
            (counts.prioritized ?? 0) +
            (counts.paused ?? 0);
          detail.push(`${queue} ${JSON.stringify(counts)}`);
        }
        if (depth > maxQueueDepth) {
          maxQueueDepth = depth;
          maxQueueDetail = detail.join("; ");
        }
      } catch {
        // Redis is restarting.
      }
      await sleep(200);
    }
  })();
  return {
    stop: async () => {
      sampling = false;
      await sampler;
      return { max: maxQueueDepth, detail: maxQueueDetail };
    },
  };
}
