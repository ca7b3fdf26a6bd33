// Redis for the demo: use REDIS_URL if it answers, otherwise start a local redis-server (no persistence) when
// one is installed, otherwise stop with a message saying what to do.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Returns the redis-server process the demo started, or null when Redis was already running. */
export async function ensureRedis(
  url: string,
  say: (message: string) => void,
): Promise<ChildProcess | null> {
  if (await answers(url)) {
    say(`Redis is up at ${url}`);
    return null;
  }
  const { hostname, port } = new URL(url);
  const local = hostname === "127.0.0.1" || hostname === "localhost";
  if (!local || spawnSync("redis-server", ["--version"]).status !== 0) {
    throw new Error(
      `Redis is not reachable at ${url}. Start Redis there, set REDIS_URL, or install redis-server so the demo can start one.`,
    );
  }
  say(`starting a local redis-server on port ${port || 6379} (no persistence)`);
  const child = spawn(
    "redis-server",
    [
      "--port",
      port || "6379",
      "--bind",
      hostname,
      "--save",
      "",
      "--appendonly",
      "no",
    ],
    { stdio: "ignore" },
  );
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error("redis-server did not start");
}

/** Deletes the demo's queue keys left by an earlier run (the emulator and the database start fresh too). */
export async function clearPrefix(
  url: string,
  prefix: string,
): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
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
          1000,
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
