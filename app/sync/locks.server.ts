// Locks of the sync engine, shared by every worker process through Redis: a lock per key, so two jobs never push
// the same asset or product at once (BullMQ has no per-key ordering without groups), and one run per product ×
// channel at a time (a second job for the pair waits for the first, then finds little or nothing left to do).
// A waiter waits for the holder instead of failing, up to `waitMs`.
import { randomUUID } from "node:crypto";
import type { ChannelKind } from "~/channels/kinds";
import { queuePrefix } from "~/jobs/queues.server";
import { createRedis } from "~/jobs/redis.server";
import { Upstream } from "~/lib/errors";

type Redis = ReturnType<typeof createRedis>;

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

let connection: Redis | undefined;

function redis(): Redis {
  connection ??= createRedis("worker");
  return connection;
}

export interface LockOptions {
  /** How long the lock outlives a holder that died (renewed while the holder works; released normally). */
  ttlMs?: number;
  waitMs?: number;
}

export async function withLock<T>(
  key: string,
  work: () => Promise<T>,
  { ttlMs = 15_000, waitMs = 60_000 }: LockOptions = {},
): Promise<T> {
  const name = `${queuePrefix()}:lock:${key}`;
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  let delay = 20;
  while ((await redis().set(name, token, "PX", ttlMs, "NX")) !== "OK") {
    if (Date.now() > deadline)
      throw new Upstream(`${key} is busy (locked)`, true);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(250, delay * 2);
  }
  const renewal = setInterval(() => {
    redis()
      .eval(RENEW, 1, name, token, String(ttlMs))
      .catch(() => undefined);
  }, ttlMs / 3);
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await redis().eval(RELEASE, 1, name, token);
  }
}

export async function closeLocks(): Promise<void> {
  connection?.disconnect();
  connection = undefined;
}

export function withPairLock<T>(
  shop: string,
  productId: string,
  channel: ChannelKind,
  work: () => Promise<T>,
): Promise<T> {
  return withLock(`pair:${shop}:${productId}:${channel}`, work, {
    ttlMs: 30_000,
    waitMs: 180_000,
  });
}
