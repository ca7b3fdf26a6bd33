// Builds the BullMQ workers: one per queue, each dispatching jobs by name to the processor map.
import { hostname } from "node:os";
import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import {
  isJobName,
  parseJobPayload,
  queueNames,
  type JobName,
  type QueueName,
} from "~/jobs/definitions";
import { queuePrefix } from "~/jobs/queues.server";
import { createRedis } from "~/jobs/redis.server";
import { runWithLogContext } from "~/lib/log-context.server";
import { logger } from "~/lib/logger.server";
import { classifyFailure } from "./failure.server";
import type { Processor, ProcessorMap } from "./processor";
import { processors as defaultProcessors } from "./processors";
import { JOB_TIME_LIMITS_MS, withTimeLimit } from "./time-limits";

export interface WorkerOptions {
  queues?: readonly QueueName[];
  concurrency?: number;
  prefix?: string;
  connection?: Redis;
  processors?: ProcessorMap;
  /** Per job kind time limits (tests shorten them); worker/time-limits.ts by default. */
  timeLimits?: Partial<Record<JobName, number>>;
}

export interface RunningWorkers {
  workers: Worker[];
  /** Stops taking jobs, waits for the active ones to finish, then disconnects. */
  close(): Promise<void>;
}

export function dispatcher(
  processors: ProcessorMap,
  timeLimits: Partial<Record<JobName, number>> = {},
) {
  return async (job: Job): Promise<unknown> => {
    if (!isJobName(job.name))
      throw new UnrecoverableError(`unknown job name "${job.name}"`);
    const name: JobName = job.name;
    const shop = (job.data as { shop?: unknown } | undefined)?.shop;
    // Every line about this job — these and whatever the domain logs while it runs — carries its shop and id.
    return runWithLogContext(
      { jobId: job.id ?? "", ...(typeof shop === "string" ? { shop } : {}) },
      async () => {
        const log = logger.child({
          job: name,
          queue: job.queueName,
          attempt: job.attemptsMade + 1,
        });
        const started = performance.now();
        try {
          const payload = parseJobPayload(name, job.data);
          const result = await withTimeLimit(
            name,
            timeLimits[name] ?? JOB_TIME_LIMITS_MS[name],
            (signal) =>
              (processors[name] as Processor<JobName>)(payload, {
                jobId: job.id ?? "",
                attemptsMade: job.attemptsMade,
                log,
                signal,
              }),
          );
          log.debug(
            { ms: Math.round(performance.now() - started) },
            "job done",
          );
          return result;
        } catch (error) {
          const classified = classifyFailure(error);
          log.warn(
            {
              err: error,
              ms: Math.round(performance.now() - started),
              permanent: classified instanceof UnrecoverableError,
            },
            "job failed",
          );
          throw classified;
        }
      },
    );
  };
}

export function startWorkers(options: WorkerOptions = {}): RunningWorkers {
  const connection = options.connection ?? createRedis("worker");
  const processJob = dispatcher(
    options.processors ?? defaultProcessors,
    options.timeLimits,
  );
  const workers = (options.queues ?? queueNames).map(
    (queue) =>
      new Worker(queue, processJob, {
        connection,
        prefix: options.prefix ?? queuePrefix(),
        concurrency: options.concurrency ?? 4,
        // Recorded on each job as `processedBy`: which process ran (or took over) it.
        name: `${hostname()}:${process.pid}`,
        // A worker that dies mid-job loses its lock after 15 s and the job is handed to another within ~10 s
        // (BullMQ's defaults are 30 s each); the lock is renewed every 7.5 s while the job runs.
        lockDuration: 15_000,
        stalledInterval: 10_000,
      }),
  );
  for (const worker of workers) {
    worker.on("error", (error) =>
      logger.error({ err: error, queue: worker.name }, "worker error"),
    );
  }
  return {
    workers,
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      if (!options.connection) connection.disconnect();
    },
  };
}
