// Jobs in integration tests: find a job by the identity jobs/job-ids.ts gives it, and wait until one finished
// (through BullMQ's queue events, not polling). Listeners are closed by `closeJobListeners` (call it in afterAll).
import { QueueEvents, type Job } from "bullmq";
import { afterAll } from "vitest";
import type { JobName, JobPayload, QueueName } from "~/jobs/definitions";
import { jobDefinitions } from "~/jobs/definitions";
import { bullJobId, jobIdentity } from "~/jobs/job-ids";
import { getQueue, queuePrefix } from "~/jobs/queues.server";
import { createRedis } from "~/jobs/redis.server";

const listeners = new Map<QueueName, QueueEvents>();

async function listenerFor(queue: QueueName): Promise<QueueEvents> {
  let events = listeners.get(queue);
  if (!events) {
    events = new QueueEvents(queue, {
      connection: createRedis("worker"),
      prefix: queuePrefix(),
    });
    listeners.set(queue, events);
  }
  await events.waitUntilReady();
  return events;
}

afterAll(async () => {
  for (const events of listeners.values()) await events.close();
  listeners.clear();
});

/** The queued (or kept) job for this work, found by its identity; undefined when there is none. */
export async function findJob<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
): Promise<Job | undefined> {
  const queue = getQueue(jobDefinitions[name].queue);
  const identity = jobIdentity(name, payload);
  if (!identity) throw new Error(`${name}: the caller chooses its job id`);
  const id =
    "jobId" in identity
      ? bullJobId(identity.jobId)
      : await queue.getDeduplicationJobId(bullJobId(identity.dedupe));
  return id ? queue.getJob(id) : undefined;
}

/**
 * Waits until the job finished and returns it with its final state (`completed` or `failed`): a failed job does
 * not throw here, so the test can assert on why it failed.
 */
export async function waitForJob(
  queue: QueueName,
  jobId: string,
): Promise<Job & { state: string }> {
  const events = await listenerFor(queue);
  const job = await getQueue(queue).getJob(jobId);
  if (!job) throw new Error(`no job ${jobId} in queue ${queue}`);
  await job.waitUntilFinished(events).catch(() => undefined);
  const done = (await getQueue(queue).getJob(jobId))!;
  return Object.assign(done, { state: await done.getState() });
}
