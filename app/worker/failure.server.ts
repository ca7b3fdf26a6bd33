// The one place that decides whether a failed job is retried. Permanent failures become BullMQ's
// UnrecoverableError (no further attempts); everything else is retried with the queue's backoff.
import { UnrecoverableError } from "bullmq";
import { ZodError } from "zod";
import { AppError } from "~/lib/errors";

export function classifyFailure(error: unknown): Error {
  if (error instanceof UnrecoverableError) return error;
  if (error instanceof ZodError) {
    return new UnrecoverableError(
      `invalid job payload: ${error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  if (error instanceof AppError && !error.retryable) {
    return new UnrecoverableError(`${error.name}: ${error.message}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
