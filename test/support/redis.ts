// Redis helpers for tests: every test file works under its own key prefix and deletes it afterwards.
import { Redis } from "ioredis";

export function redisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

export async function deleteKeys(prefix: string): Promise<number> {
  const redis = new Redis(redisUrl(), { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    // Queue keys carry the prefix as a hash tag ({prefix}:…, see queuePrefix); keys of older runs do not.
    for (const pattern of [`{${prefix}}:*`, `${prefix}:*`]) {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(
          cursor,
          "MATCH",
          pattern,
          "COUNT",
          500,
        );
        cursor = next;
        if (keys.length) deleted += await redis.del(...keys);
      } while (cursor !== "0");
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}
