// One BullMQ Queue per queue name, created on first use and shared by the process.
import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import { env } from "~/env.server";
import { logger } from "~/lib/logger.server";
import { createRedis } from "./redis.server";
import type { QueueName } from "./definitions";

/** Finished jobs are removed so Redis stays bounded; failures stay longer for the Activity view. */
export const defaultJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 10_000 },
};

const queues = new Map<QueueName, Queue>();
let connection: Redis | undefined;

/**
 * The key prefix of every queue and of our own Redis keys (bucket mirror, locks): QUEUE_PREFIX as a hash tag,
 * `{vitrine}`, so that in a Redis Cluster all of them hash to one slot, as BullMQ's multi-key scripts require.
 */
export function queuePrefix(): string {
  return `{${env().QUEUE_PREFIX}}`;
}

export function getQueue(name: QueueName): Queue {
  let queue = queues.get(name);
  if (!queue) {
    connection ??= createRedis("producer");
    queue = new Queue(name, {
      connection,
      prefix: queuePrefix(),
      defaultJobOptions,
    });
    // Redis being away is reported by the callers (enqueue throws Upstream); an unheard "error" event would
    // crash the process instead.
    queue.on("error", (error) =>
      logger.debug({ err: error, queue: name }, "queue connection error"),
    );
    queues.set(name, queue);
  }
  return queue;
}

/** Closes every queue and the shared connection (tests and graceful shutdown). */
export async function closeQueues(): Promise<void> {
  await Promise.all([...queues.values()].map((queue) => queue.close()));
  queues.clear();
  connection?.disconnect();
  connection = undefined;
}

/** Opens the shared producer connection if needed; throws when Redis cannot be reached (it fails fast). */
export async function openQueueConnection(): Promise<void> {
  await getQueue("maintenance").waitUntilReady();
}

/** Throws when Redis does not answer PING on the open producer connection. */
export async function pingRedis(): Promise<void> {
  if (!connection) await openQueueConnection();
  await connection!.ping();
}
