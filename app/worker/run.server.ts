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
  /** Lock duration (ms) of every queue's jobs, instead of LOCKS (tests shorten it to see a dead worker's job taken over). */
  lockMs?: number;
}

/**
 * How long a job's lock lasts without being renewed, and how many times a job whose lock lapsed is run again
 * before it fails as stalled. A worker that dies mid-job loses its lock after `lockDuration` and the job is handed
 * to another within ~10 s (BullMQ's defaults are 30 s and once). Launch jobs run for minutes and are idempotent
 * (a staging wave, a go-live): a starved event loop (a loaded worker on synchronous SQLite) must not fail them
 * as stalled, so they hold a longer lock and are run again after a lapse.
 */
const LOCKS: Partial<
  Record<QueueName, { lockDuration: number; maxStalledCount: number }>
> = { launch: { lockDuration: 60_000, maxStalledCount: 5 } };
const DEFAULT_LOCK = { lockDuration: 15_000, maxStalledCount: 1 };

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
        // The lock is renewed every lockDuration / 2 while the job runs (see LOCKS).
        ...(LOCKS[queue] ?? DEFAULT_LOCK),
        ...(options.lockMs ? { lockDuration: options.lockMs } : {}),
        stalledInterval: options.lockMs ?? 10_000,
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
