// Structured JSON logs (pino) for the web and worker processes; one child logger per module or job.
import { pino } from "pino";
import { env } from "~/env.server";

export const logger = pino({
  level: env().LOG_LEVEL,
  base: { service: process.env.VITRINE_PROCESS ?? "web" },
  redact: [
    "accessToken",
    "refreshToken",
    "*.accessToken",
    "*.refreshToken",
    "headers.authorization",
  ],
});

export type Logger = typeof logger;
