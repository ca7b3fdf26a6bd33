// Redis connections for BullMQ. Workers block on Redis and must never give up on a command
// (maxRetriesPerRequest: null); producers in the web process fail fast instead of queueing commands while
// Redis is away, so a request can answer 503 and Shopify retries the webhook.
import { Redis, type RedisOptions } from "ioredis";
import { env } from "~/env.server";

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
  return new Redis(url, { ...options, lazyConnect: role === "producer" });
}
