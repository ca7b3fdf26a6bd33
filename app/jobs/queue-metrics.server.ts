// Queue depth and waiting age for /metrics, read from Redis at scrape time.
import { queueNames, type QueueName } from "./definitions";
import { getQueue } from "./queues.server";

const STATES = [
  "waiting",
  "active",
  "delayed",
  "failed",
  "prioritized",
  "waiting-children",
] as const;

export interface QueueSnapshot {
  queue: QueueName;
  counts: Record<(typeof STATES)[number], number>;
  /** How long the oldest waiting job has waited, in ms (0 when none waits). */
  oldestWaitingMs: number;
}

/** Counts by state and the oldest waiting job's age, for every queue. Throws when Redis cannot be reached. */
export async function queueSnapshots(
  now = Date.now(),
): Promise<QueueSnapshot[]> {
  return Promise.all(
    queueNames.map(async (name) => {
      const queue = getQueue(name);
      await queue.waitUntilReady();
      const counts = (await queue.getJobCounts(
        ...STATES,
      )) as QueueSnapshot["counts"];
      // The wait list's far end holds its oldest job; a delayed job has waited only since its delay ran out.
      const [oldest] = await queue.getJobs(["wait"], 0, 0, true);
      const since = oldest ? oldest.timestamp + (oldest.delay ?? 0) : now;
      return {
        queue: name,
        counts,
        oldestWaitingMs: Math.max(0, now - since),
      };
    }),
  );
}
