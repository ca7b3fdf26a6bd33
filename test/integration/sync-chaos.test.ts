// The sync engine under faults, checked from outside the app (see test/support/chaos.ts): real worker processes
// SIGKILLed mid-run, a Redis that restarts with its queues lost, an Admin API answering 5xx, THROTTLED and lost
// answers, failed media processing and a failing marketplace — then every channel is read as a shopper or a channel
// would. A run without faults is the control. `npm run bench:chaos` runs the same at full size.
import { afterAll, describe, expect, it } from "vitest";
import { RedisServer } from "../../emulator/processes";

const redis = await RedisServer.start();
const sharedRedisUrl = process.env.REDIS_URL;
process.env.REDIS_URL = redis.url;

const { runChaos } = await import("../support/chaos");

afterAll(async () => {
  await redis.stop();
  if (sharedRedisUrl === undefined) delete process.env.REDIS_URL;
  else process.env.REDIS_URL = sharedRedisUrl;
});

describe("sync engine under faults", () => {
  it("converges every change on every channel: 0 lost, 0 stale, 0 duplicate media, 0 orphan files, bounded queues", async () => {
    const result = await runChaos(redis, {
      // 60 changes keep every fault in the run (a media failure and a failing marketplace at change 25, two
      // worker kills, a Redis restart midway) at half the burst; `npm run bench:chaos` runs ≥ 1,000.
      changes: 60,
      products: 5,
      assets: 6,
      rate: 6,
      faults: true,
      workerKills: 2,
      redisRestart: true,
      seed: 7,
      convergeTimeoutMs: 150_000,
      say: (message) => console.log(`[chaos] ${message}`),
    });
    console.log(`[chaos] ${JSON.stringify(result)}`);
    expect(result.mismatches).toEqual([]);
    expect(result).toMatchObject({
      lost: 0,
      stale: 0,
      duplicates: 0,
      orphans: 0,
    });
    // Queued work (waiting or delayed, beside the running jobs) is bounded by the product × channel pairs — one
    // job each, a retry backing off included — plus the running jobs of a killed worker that BullMQ puts back;
    // never by the number of changes or failures.
    expect(result.maxQueueDepth).toBeLessThanOrEqual(2 * result.pairs);
  }, 400_000);
});
