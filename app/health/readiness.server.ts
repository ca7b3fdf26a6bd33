// Readiness: can this process do useful work? The database, Redis and blob storage each answer within a time
// limit. Answers say "ok", "unavailable" or "timeout" only: the error text (hosts, users, paths) goes to the log,
// never to the caller.
import { getStorage } from "~/dam/storage.server";
import { openQueueConnection, pingRedis } from "~/jobs/queues.server";
import { isStopping } from "~/lib/lifecycle.server";
import { logger } from "~/lib/logger.server";
import { pingDatabase } from "./health.db.server";

export type CheckState = "ok" | "unavailable" | "timeout";

export interface Readiness {
  ready: boolean;
  stopping: boolean;
  checks: { database: CheckState; redis: CheckState; storage: CheckState };
}

const TIMEOUT = Symbol("timeout");

async function check(
  name: string,
  probe: () => Promise<void>,
  timeoutMs: number,
  /** Untimed work before the probe (loading a client library): its failure counts as the probe's. */
  prepare?: () => Promise<void>,
): Promise<CheckState> {
  try {
    await prepare?.();
  } catch (error) {
    logger.warn({ err: error, check: name }, "readiness check failed");
    return "unavailable";
  }
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<typeof TIMEOUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMEOUT), timeoutMs);
  });
  try {
    const outcome = await Promise.race([
      probe().then(() => "ok" as const),
      limit,
    ]);
    if (outcome === TIMEOUT) {
      logger.warn({ check: name, timeoutMs }, "readiness check timed out");
      return "timeout";
    }
    return outcome;
  } catch (error) {
    logger.warn({ err: error, check: name }, "readiness check failed");
    return "unavailable";
  } finally {
    clearTimeout(timer);
  }
}

/** Checks every dependency in parallel; never throws. */
export async function readiness(timeoutMs = 2_000): Promise<Readiness> {
  const [database, redis, storage] = await Promise.all([
    check("database", pingDatabase, timeoutMs),
    check(
      "redis",
      pingRedis,
      timeoutMs,
      // Opening the process's first producer connection (BullMQ's set-up included) is bounded by the producer's
      // connect timeout and fails fast; the limit times Redis' answer to PING, as for storage the SDK's load.
      openQueueConnection,
    ),
    check(
      "storage",
      () => getStorage().check(),
      timeoutMs,
      async () => getStorage().prepare?.(),
    ),
  ]);
  const stopping = isStopping();
  const checks = { database, redis, storage };
  return {
    ready: !stopping && Object.values(checks).every((s) => s === "ok"),
    stopping,
    checks,
  };
}
