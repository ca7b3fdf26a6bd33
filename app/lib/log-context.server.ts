// Fields every log line written inside a unit of work carries (the shop and job id of a background job), without
// passing a logger down through the domain: the logger's mixin reads them from here.
import { AsyncLocalStorage } from "node:async_hooks";

export interface LogContext {
  shop?: string;
  jobId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `context` added to each log line it writes. */
export function runWithLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, work);
}

/** The fields of the current unit of work ({} outside one). */
export function logContext(): LogContext {
  return storage.getStore() ?? {};
}
