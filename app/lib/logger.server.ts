// Structured JSON logs (pino) for the web and worker processes; one child logger per module or job.
import { pino } from "pino";
import { env } from "~/env.server";
import { logContext } from "./log-context.server";

export const logger = pino({
  level: env().LOG_LEVEL,
  base: { service: process.env.VITRINE_PROCESS ?? "web" },
  // The shop and job id of the job being run, on every line written while it runs (see worker/job-context).
  mixin: () => ({ ...logContext() }),
  redact: [
    "accessToken",
    "refreshToken",
    "*.accessToken",
    "*.refreshToken",
    "headers.authorization",
  ],
});

export type Logger = typeof logger;
