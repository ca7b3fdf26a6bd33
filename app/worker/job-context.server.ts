// Wraps each processor so that every log line written while a job runs — by the processor or by any domain
// module it calls — carries the job's shop and id (structured logs an operator can filter by shop or job).
import type { JobName } from "~/jobs/definitions";
import { runWithLogContext } from "~/lib/log-context.server";
import { logger } from "~/lib/logger.server";
import type { Processor, ProcessorMap } from "./processor";

export function withJobContext(processors: ProcessorMap): ProcessorMap {
  const wrapped: Partial<Record<JobName, Processor<JobName>>> = {};
  for (const name of Object.keys(processors) as JobName[]) {
    const processor = processors[name] as Processor<JobName>;
    wrapped[name] = (payload, context) => {
      const shop = (payload as { shop?: unknown }).shop;
      return runWithLogContext(
        {
          jobId: context.jobId,
          ...(typeof shop === "string" ? { shop } : {}),
        },
        // The job id comes from the context now; a child without it keeps each line's keys unique.
        () =>
          processor(payload, {
            ...context,
            log: logger.child({ job: name, attempt: context.attemptsMade + 1 }),
          }),
      );
    };
  }
  return wrapped as ProcessorMap;
}
