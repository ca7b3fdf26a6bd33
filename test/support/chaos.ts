// The sync engine under faults, checked from outside the app. Used by the fault test (test/integration/
// sync-chaos.test.ts, a small run) and by `npm run bench:chaos` (≥ 1,000 changes).
//
// A burst of changes — replacements of the same assets (some two within 50 ms), link/unlink storms, PIM approvals —
// runs against real worker processes and a Redis of its own, while the store emulator answers 5xx, THROTTLED and
// lost answers, media processing fails now and then, the marketplace fails, workers are SIGKILLed and Redis
// restarts with its queues lost. Then every channel is read the way a shopper or a channel would: the emulator's
// storefront view and its CDN bytes, the Google feed through its route, the marketplace's listings. The expected
// state is computed from the approved data (links, current versions, approved values), never from the engine's
// own sync tables.
//
// The caller sets REDIS_URL to `redis.url` before importing any app module.
import type { RedisServer } from "../../emulator/processes";
import { seededRandom } from "../../emulator/faults";
import { runBurst } from "./chaos/burst";
import { writeDiagnosis } from "./chaos/diagnosis";
import { channelChecker } from "./chaos/outside-check";
import { sampleQueueDepth } from "./chaos/queue-depth";
import { createChaosWorld, SHOP, sleep } from "./chaos/world";

export interface ChaosOptions {
  changes: number;
  products: number;
  assets: number;
  /** Changes per second of the burst. */
  rate: number;
  faults: boolean;
  workerKills: number;
  redisRestart: boolean;
  seed: number;
  /** Give up waiting for convergence after this long (ms) past the last change. */
  convergeTimeoutMs: number;
  /** When some pairs do not converge: write the engine's view of them and the workers' logs here. */
  diagnoseDir?: string;
  say: (message: string) => void;
}

export interface ChaosResult {
  changes: number;
  converged: number;
  lost: number;
  stale: number;
  duplicates: number;
  orphans: number;
  convergeS: number;
  pairs: number;
  /** Most jobs queued (waiting, delayed) on the channel queues at once, sampled every 200 ms. */
  maxQueueDepth: number;
  mismatches: string[];
}

export async function runChaos(
  redis: RedisServer,
  options: ChaosOptions,
): Promise<ChaosResult> {
  const { getQueue, closeQueues } = await import("~/jobs/queues.server");
  const { enqueue } = await import("~/jobs/enqueue.server");
  const random = seededRandom(options.seed);
  const say = options.say;

  const world = await createChaosWorld(redis, options, say);
  const queueDepth = await sampleQueueDepth();
  const { started, lastChange } = await runBurst(
    world,
    redis,
    options,
    random,
    say,
  );
  say(
    `${options.changes} changes in ${((lastChange - started) / 1000).toFixed(1)} s; waiting for every channel`,
  );

  const mismatches = await channelChecker(world);
  const deadline = lastChange + options.convergeTimeoutMs;
  let result = await mismatches();
  let convergedAt = performance.now();
  while (
    result.lost.length + result.stale.length + result.duplicates.length >
    0
  ) {
    if (performance.now() > deadline) break;
    await sleep(1_000);
    result = await mismatches();
    convergedAt = performance.now();
  }
  const deepest = await queueDepth.stop();
  say(`deepest queues: ${deepest.detail}`);
  if (result.lost.length + result.stale.length > 0 && options.diagnoseDir)
    await writeDiagnosis(
      world,
      options.diagnoseDir,
      [...result.lost, ...result.stale],
      say,
    );

  // Files Vitrine created that no product shows: the orphan sweep removes them; count what is left after it.
  const sweep = await enqueue("sync.orphans", { shop: SHOP });
  for (let i = 0; i < 60; i++) {
    const job = await getQueue("sync").getJob(sweep);
    if (job && ((await job.isCompleted()) || (await job.isFailed()))) break;
    await sleep(500);
  }
  const shop = world.emulator.shop(SHOP);
  const used = new Set([...shop.products.values()].flatMap((p) => p.mediaIds));
  const orphans = [...shop.files.values()].filter(
    (f) => f.filename.startsWith("vitrine-") && !used.has(f.id),
  ).length;

  for (const worker of world.workers) await worker.kill();
  world.workers.length = 0;
  await world.receiver.close();
  await world.server.close();
  await closeQueues();

  const failing = result.lost.length + result.stale.length;
  const all = [...result.lost, ...result.stale, ...result.duplicates];
  return {
    changes: options.changes,
    converged: failing === 0 ? options.changes : options.changes - failing,
    lost: result.lost.length,
    stale: result.stale.length,
    duplicates: result.duplicates.length,
    orphans,
    convergeS: Math.max(0, (convergedAt - lastChange) / 1000),
    pairs: world.products.length * 3,
    maxQueueDepth: deepest.max,
    mismatches: all.slice(0, 30),
  };
}
