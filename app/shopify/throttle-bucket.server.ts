// A mirror, in Redis, of each shop's Shopify leaky bucket, shared by every process that calls the Admin API
// for the shop, so that together they stay under the bucket instead of each assuming it has all of it.
// Shopify's answer (extensions.cost.throttleStatus) is the truth; between answers the mirror refills at the
// restore rate and concurrent callers reserve points from it atomically.
import { queuePrefix } from "~/jobs/queues.server";
import { createRedis } from "~/jobs/redis.server";

type Redis = ReturnType<typeof createRedis>;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** Standard-plan defaults until Shopify has answered once. */
const DEFAULT_STATUS: ThrottleStatus = {
  maximumAvailable: 2000,
  currentlyAvailable: 2000,
  restoreRate: 100,
};
const TTL_SECONDS = 3600;

// KEYS[1] bucket hash; ARGV: cost, now (ms), default max, default rate, ttl, floor (a fraction of the bucket the
// request must leave untouched: 0 for the sync engine's pushes, BACKGROUND_FLOOR for background reads).
// Returns 0 when the points were reserved, else how many ms to wait before asking again. A request asking more
// than the bucket holds (above its floor) waits for a full bucket and takes it all (else it would wait forever;
// Shopify answers it).
const RESERVE = `
local max = tonumber(redis.call('HGET', KEYS[1], 'max') or ARGV[3])
local rate = tonumber(redis.call('HGET', KEYS[1], 'rate') or ARGV[4])
local available = tonumber(redis.call('HGET', KEYS[1], 'available') or max)
local at = tonumber(redis.call('HGET', KEYS[1], 'at') or ARGV[2])
local now = tonumber(ARGV[2])
local cost = math.min(tonumber(ARGV[1]), max)
local need = math.min(max, cost + max * tonumber(ARGV[6]))
available = math.min(max, available + (now - at) / 1000 * rate)
local wait = 0
if need <= available then available = available - cost else wait = math.ceil((need - available) / rate * 1000) end
redis.call('HSET', KEYS[1], 'max', max, 'rate', rate, 'available', available, 'at', now)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
return wait
`;

let connection: Redis | undefined;
function redis(): Redis {
  connection ??= createRedis("worker");
  return connection;
}

function key(shop: string): string {
  return `${queuePrefix()}:shopify-bucket:${shop}`;
}

/**
 * The share of the bucket background reads (webhook refreshes, translations, swatches) leave to the sync
 * engine's pushes: they run only while the bucket holds their cost plus this much, so a replaced image's pushes
 * and read-backs find half a bucket instead of queueing behind them for the refill. It costs the background no
 * throughput — under load everyone lives on the restore rate — only the burst; in a quiet shop they run at once.
 */
export const BACKGROUND_FLOOR = 0.5;

/**
 * Takes `cost` points from the shop's bucket. Returns 0 if they were available, otherwise the milliseconds to
 * wait before trying again (nothing is taken then). `floor`: the fraction of the bucket the request must leave
 * (BACKGROUND_FLOOR for background work).
 */
export async function reserveShopPoints(
  shop: string,
  cost: number,
  now = Date.now(),
  floor = 0,
): Promise<number> {
  const wait = await redis().eval(
    RESERVE,
    1,
    key(shop),
    cost,
    now,
    DEFAULT_STATUS.maximumAvailable,
    DEFAULT_STATUS.restoreRate,
    TTL_SECONDS,
    floor,
  );
  return Number(wait);
}

/** Records what Shopify reported, the authority on the bucket. */
export async function recordShopThrottle(
  shop: string,
  status: ThrottleStatus,
  now = Date.now(),
): Promise<void> {
  await redis()
    .multi()
    .hset(key(shop), {
      max: status.maximumAvailable,
      rate: status.restoreRate,
      available: status.currentlyAvailable,
      at: now,
    })
    .expire(key(shop), TTL_SECONDS)
    .exec();
}

/** Gives back points reserved for a request whose actual cost was lower (or that never reached Shopify). */
export async function refundShopPoints(
  shop: string,
  points: number,
): Promise<void> {
  if (points <= 0) return;
  await redis().hincrbyfloat(key(shop), "available", points);
}

/** The shop's bucket as the mirror holds it now: points available (refilled up to `now`), maximum and rate. */
export async function shopBucket(
  shop: string,
  now = Date.now(),
): Promise<ThrottleStatus> {
  const stored = await redis().hgetall(key(shop));
  const max = stored.max ? Number(stored.max) : DEFAULT_STATUS.maximumAvailable;
  const rate = stored.rate ? Number(stored.rate) : DEFAULT_STATUS.restoreRate;
  const available =
    stored.available === undefined
      ? max
      : Math.min(
          max,
          Number(stored.available) +
            ((now - Number(stored.at ?? now)) / 1000) * rate,
        );
  return {
    maximumAvailable: max,
    currentlyAvailable: available,
    restoreRate: rate,
  };
}

export async function closeShopBuckets(): Promise<void> {
  connection?.disconnect();
  connection = undefined;
}

/** The shop's restore rate in points per second, as Shopify last reported it (Standard plan until then). */
export async function shopRestoreRate(shop: string): Promise<number> {
  const rate = await redis().hget(key(shop), "rate");
  return rate ? Number(rate) : DEFAULT_STATUS.restoreRate;
}
