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

// Requests in flight. Shopify's answer to one request says what the bucket held when Shopify answered it, so it
// does not count the points other processes reserved for requests still on their way: writing it over the
// mirror as it is would give those points out a second time. Each reservation is therefore kept, by ticket,
// until its answer comes (or LEASE_MS passes: a process killed mid-request), and an answer sets the mirror to
// Shopify's number minus the points still in flight. A request Shopify has already counted but not yet
// answered is then subtracted twice until its answer: the mirror errs on the side of waiting, by at most what
// is in flight.
//   KEYS[1] the bucket hash, KEYS[2] tickets by expiry (sorted set), KEYS[3] each ticket's points (hash).
const LEASE_MS = 60_000;

// Drops the tickets whose lease ran out and returns the points of those left.
const IN_FLIGHT = `
local function inFlight(now)
  local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
  for _, ticket in ipairs(expired) do redis.call('HDEL', KEYS[3], ticket) end
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  local points = 0
  for _, cost in ipairs(redis.call('HVALS', KEYS[3])) do points = points + tonumber(cost) end
  return points
end
local function keep(ttl)
  for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ttl) end
end
`;

// ARGV: cost, now (ms), default max, default rate, ttl, floor (a fraction of the bucket the request must leave
// untouched: 0 for the sync engine's pushes, BACKGROUND_FLOOR for background reads), ticket ('' for none),
// lease (ms). Returns 0 when the points were reserved, else how many ms to wait before asking again. A request
// asking more than the bucket holds (above its floor) waits for a full bucket and takes it all (else it would
// wait forever; Shopify answers it).
const RESERVE = `${IN_FLIGHT}
local max = tonumber(redis.call('HGET', KEYS[1], 'max') or ARGV[3])
local rate = tonumber(redis.call('HGET', KEYS[1], 'rate') or ARGV[4])
local available = tonumber(redis.call('HGET', KEYS[1], 'available') or max)
local at = tonumber(redis.call('HGET', KEYS[1], 'at') or ARGV[2])
local now = tonumber(ARGV[2])
local cost = math.min(tonumber(ARGV[1]), max)
local need = math.min(max, cost + max * tonumber(ARGV[6]))
available = math.min(max, available + (now - at) / 1000 * rate)
local wait = 0
if need <= available then
  available = available - cost
  if ARGV[7] ~= '' then
    inFlight(now)
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[8]), ARGV[7])
    redis.call('HSET', KEYS[3], ARGV[7], cost)
  end
else
  wait = math.ceil((need - available) / rate * 1000)
end
redis.call('HSET', KEYS[1], 'max', max, 'rate', rate, 'available', available, 'at', now)
keep(tonumber(ARGV[5]))
return wait
`;

// ARGV: maximum, currently available, restore rate (Shopify's throttleStatus), now (ms), ttl, ticket answered.
const RECORD = `${IN_FLIGHT}
redis.call('ZREM', KEYS[2], ARGV[6])
redis.call('HDEL', KEYS[3], ARGV[6])
local available = tonumber(ARGV[2]) - inFlight(tonumber(ARGV[4]))
redis.call('HSET', KEYS[1], 'max', ARGV[1], 'rate', ARGV[3], 'available', available, 'at', ARGV[4])
keep(tonumber(ARGV[5]))
return 0
`;

// ARGV: points given back, ticket ('' for none).
const REFUND = `
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[2])
if tonumber(ARGV[1]) > 0 and redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HINCRBYFLOAT', KEYS[1], 'available', ARGV[1])
end
return 0
`;

let connection: Redis | undefined;
function redis(): Redis {
  connection ??= createRedis("worker");
  return connection;
}

function keys(shop: string): [string, string, string] {
  const bucket = `${queuePrefix()}:shopify-bucket:${shop}`;
  return [bucket, `${bucket}:in-flight`, `${bucket}:in-flight-points`];
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
 * (BACKGROUND_FLOOR for background work). `ticket`: names the request the points are for, until its answer is
 * recorded (recordShopThrottle) or its points refunded (refundShopPoints) — see IN_FLIGHT above.
 */
export async function reserveShopPoints(
  shop: string,
  cost: number,
  now = Date.now(),
  floor = 0,
  ticket = "",
): Promise<number> {
  const wait = await redis().eval(
    RESERVE,
    3,
    ...keys(shop),
    cost,
    now,
    DEFAULT_STATUS.maximumAvailable,
    DEFAULT_STATUS.restoreRate,
    TTL_SECONDS,
    floor,
    ticket,
    LEASE_MS,
  );
  return Number(wait);
}

/**
 * Records what Shopify reported in its answer to the request `ticket`, the authority on the bucket: the mirror
 * holds Shopify's number less the points reserved for requests still in flight.
 */
export async function recordShopThrottle(
  shop: string,
  status: ThrottleStatus,
  now = Date.now(),
  ticket = "",
): Promise<void> {
  await redis().eval(
    RECORD,
    3,
    ...keys(shop),
    status.maximumAvailable,
    status.currentlyAvailable,
    status.restoreRate,
    now,
    TTL_SECONDS,
    ticket,
  );
}

/**
 * Gives back points reserved for a request whose actual cost was lower (or that never reached Shopify), and
 * closes its ticket.
 */
export async function refundShopPoints(
  shop: string,
  points: number,
  ticket = "",
): Promise<void> {
  await redis().eval(REFUND, 3, ...keys(shop), Math.max(0, points), ticket);
}

/** The shop's bucket as the mirror holds it now: points available (refilled up to `now`), maximum and rate. */
export async function shopBucket(
  shop: string,
  now = Date.now(),
): Promise<ThrottleStatus> {
  const stored = await redis().hgetall(keys(shop)[0]);
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
  const rate = await redis().hget(keys(shop)[0], "rate");
  return rate ? Number(rate) : DEFAULT_STATUS.restoreRate;
}
