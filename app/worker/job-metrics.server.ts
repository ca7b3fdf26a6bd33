// Job durations and failures for /metrics, recorded from BullMQ's worker events (so the dispatcher stays as is).
import type { Job, Worker } from "bullmq";
import { isJobName } from "~/jobs/definitions";
import { jobDuration, jobFailures } from "~/lib/metrics.server";

function labels(worker: Worker, job: Job) {
  return {
    queue: worker.name,
    job: isJobName(job.name) ? job.name : "unknown",
  };
}

function seconds(job: Job): number {
  const started = job.processedOn ?? Date.now();
  return Math.max(0, (job.finishedOn ?? Date.now()) - started) / 1000;
}

/** Records every finished attempt of `workers`' jobs. */
export function observeJobs(workers: readonly Worker[]): void {
  for (const worker of workers) {
    worker.on("completed", (job) => {
      jobDuration.observe(
        { ...labels(worker, job), outcome: "completed" },
        seconds(job),
      );
    });
    worker.on("failed", (job, error) => {
      if (!job) return;
      // BullMQ sets finishedOn only when the job moves to the failed set: no attempt is left, or it gave up.
      const final =
        Boolean(job.finishedOn) || error.name === "UnrecoverableError";
      jobDuration.observe(
        { ...labels(worker, job), outcome: "failed" },
        seconds(job),
      );
      jobFailures.inc({ ...labels(worker, job), final: String(final) });
    });
  }
}
