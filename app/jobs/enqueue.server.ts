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
import type { JobRequest } from "./job-request";
import { getQueue } from "./queues.server";

export interface EnqueueOptions {
  /** Idempotency key: adding a job whose id already exists in the queue is a no-op. */
  jobId?: string;
  delayMs?: number;
}

/**
 * Adds a job. Idempotent when `jobId` is given. Throws zod's error for a bad payload and `Upstream`
 * (retryable) when Redis cannot be reached.
 */
export async function enqueue<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  options: EnqueueOptions = {},
): Promise<string> {
  const data = parseJobPayload(name, payload);
  const queue = getQueue(jobDefinitions[name].queue);
  const jobOptions: JobsOptions = {};
  // BullMQ reserves ':' in custom ids (it separates key parts) and rejects all-digit ids.
  if (options.jobId) jobOptions.jobId = options.jobId.replaceAll(":", "_");
  if (options.delayMs) jobOptions.delay = options.delayMs;
  try {
    await queue.waitUntilReady();
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
