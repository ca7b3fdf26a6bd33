// The only way to put work on a queue: the payload is parsed against the job map first, so a bad job fails
// in the caller, never later in the worker.
import type { JobsOptions } from "bullmq";
import { Upstream } from "~/lib/errors";
import {
  jobDefinitions,
  parseJobPayload,
  type JobName,
  type JobPayload,
} from "./definitions";
import { bullJobId, jobIdentity, type CallerIdentifiedJob } from "./job-ids";
import type { JobRequest } from "./job-request";
import { getQueue } from "./queues.server";

export type EnqueueOptions<N extends JobName = JobName> = {
  delayMs?: number;
} & (N extends CallerIdentifiedJob
  ? {
      /** Idempotency key: adding a job whose id already exists in the queue is a no-op. */
      jobId?: string;
    }
  : {
      /** @deprecated Ignored: this job's id comes from jobs/job-ids.ts. */
      jobId?: string;
    });

/**
 * Adds a job under the identity jobs/job-ids.ts gives it, so asking twice for the same work is one job.
 * Returns the job's id (the existing job's when it was already there). Throws zod's error for a bad payload and
 * `Upstream` (retryable) when Redis cannot be reached.
 */
export async function enqueue<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  options: EnqueueOptions<N> = {},
): Promise<string> {
  const data = parseJobPayload(name, payload);
  const queue = getQueue(jobDefinitions[name].queue);
  const definition = jobDefinitions[name];
  const jobOptions: JobsOptions = {
    ...("options" in definition ? definition.options : {}),
  };
  const identity = jobIdentity(name, data, options.jobId);
  if (identity && "jobId" in identity)
    jobOptions.jobId = bullJobId(identity.jobId);
  if (identity && "dedupe" in identity)
    jobOptions.deduplication = { id: bullJobId(identity.dedupe) };
  if (options.delayMs) jobOptions.delay = options.delayMs;
  try {
    await queue.waitUntilReady();
    if (jobOptions.jobId && !jobOptions.delay)
      await promoteDelayed(queue, jobOptions.jobId);
    const job = await queue.add(name, data, jobOptions);
    return job.id ?? "";
  } catch (error) {
    throw new Upstream(
      `could not enqueue ${name}: ${(error as Error).message}`,
      true,
      { cause: error },
    );
  }
}

/**
 * Work asked for now must not wait out a delay: when the same job is already waiting with a delay (a retry
 * backing off), it runs now instead. Losing the race with the job starting is harmless.
 */
async function promoteDelayed(
  queue: ReturnType<typeof getQueue>,
  jobId: string,
): Promise<void> {
  const existing = await queue.getJob(jobId);
  if (existing && (await existing.isDelayed()))
    await existing.promote().catch(() => undefined);
}

/** `enqueue` for a job described as data (see JobRequest). */
export async function enqueueRequest(
  request: JobRequest,
  options: EnqueueOptions = {},
): Promise<string> {
  return enqueue(
    request.name as JobName,
    request.payload as JobPayload<JobName>,
    options,
  );
}

/**
 * Whether the job `enqueue(name, payload)` would add is waiting, delayed (retrying) or running, read from BullMQ:
 * a page follows work it asked for without a column of its own. A job whose caller chooses its id is never seen.
 */
export async function jobPending<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
): Promise<boolean> {
  const identity = jobIdentity(name, parseJobPayload(name, payload));
  if (!identity) return false;
  const queue = getQueue(jobDefinitions[name].queue);
  if ("dedupe" in identity)
    return (
      (await queue.getDeduplicationJobId(bullJobId(identity.dedupe))) !== null
    );
  const job = await queue.getJob(bullJobId(identity.jobId));
  if (!job) return false;
  const state = await job.getState();
  return state !== "completed" && state !== "failed" && state !== "unknown";
}
