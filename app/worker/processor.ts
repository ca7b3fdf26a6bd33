// What a job processor is: a thin function from a parsed payload to work done by the domain.
import type { JobName, JobPayload } from "~/jobs/definitions";
import type { Logger } from "~/lib/logger.server";

export interface JobContext {
  jobId: string;
  /** 0 on the first attempt. */
  attemptsMade: number;
  log: Logger;
  /** Fires when the job runs past its time limit (worker/time-limits.ts): stop and let it fail. */
  signal?: AbortSignal;
}

export type Processor<N extends JobName> = (
  payload: JobPayload<N>,
  context: JobContext,
) => Promise<unknown>;

/** Exactly one processor per job name: a missing or unknown name is a compile error. */
export type ProcessorMap = { [N in JobName]: Processor<N> };
