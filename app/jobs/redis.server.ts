// Redis connections for BullMQ. Workers block on Redis and must never give up on a command
// (maxRetriesPerRequest: null); producers in the web process fail fast instead of queueing commands while
// Redis is away, so a request can answer 503 and Shopify retries the webhook.
import { Redis, type RedisOptions } from "ioredis";
import { env } from "~/env.server";
import { logger } from "~/lib/logger.server";

export type ConnectionRole = "producer" | "worker";

export function createRedis(
  role: ConnectionRole,
  url: string = env().REDIS_URL,
): Redis {
  const options: RedisOptions =
    role === "worker"
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 2_000,
        };
  const redis = new Redis(url, {
    ...options,
    lazyConnect: role === "producer",
  });
  // ioredis reconnects by itself; without a listener each failed attempt is printed as "Unhandled error event".
  let lastLogged = 0;
  redis.on("error", (error: Error) => {
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    logger.warn({ err: error, role }, "Redis connection error; reconnecting");
  });
  return redis;
}
