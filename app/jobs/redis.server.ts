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

/** Redis is set up so that it may lose queued jobs. */
export class RedisEvictionPolicyError extends Error {
  constructor(
    readonly where: string,
    readonly policy: string,
  ) {
    super(
      `Redis at ${where} has maxmemory-policy "${policy}": when it fills up it deletes keys, and BullMQ loses ` +
        `queued jobs with them. Set maxmemory-policy to noeviction (redis.conf, CONFIG SET, or your provider's ` +
        `parameter group) and give it the memory it needs (README, Deploying: Redis).`,
    );
    this.name = "RedisEvictionPolicyError";
  }
}

async function evictionPolicy(redis: Redis): Promise<string | undefined> {
  // INFO works on managed Redis that disable CONFIG (ElastiCache, Memorystore); CONFIG GET is the fallback.
  const info = await redis.info("memory").catch(() => "");
  const match = /^maxmemory_policy:(\S+)/m.exec(info);
  if (match) return match[1];
  const config = (await redis
    .config("GET", "maxmemory-policy")
    .catch(() => [])) as string[];
  return config[1];
}

/**
 * Checks at start-up that Redis evicts nothing. Throws RedisEvictionPolicyError when its maxmemory-policy is
 * anything but noeviction; returns "unreachable" (and checks nothing) when Redis does not answer within
 * `timeoutMs`, or "unknown" when Redis will not say.
 */
export async function checkEvictionPolicy(
  url: string = env().REDIS_URL,
  timeoutMs = 5_000,
): Promise<"noeviction" | "unreachable" | "unknown"> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  const where = `${redis.options.host ?? "?"}:${redis.options.port ?? "?"}`;
  try {
    await redis.connect();
  } catch {
    redis.disconnect();
    return "unreachable";
  }
  try {
    const policy = await evictionPolicy(redis);
    if (policy === undefined) return "unknown";
    if (policy !== "noeviction")
      throw new RedisEvictionPolicyError(where, policy);
    return "noeviction";
  } finally {
    redis.disconnect();
  }
}
