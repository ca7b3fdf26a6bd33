// `npm run bench:chaos`: the sync engine under faults at full size (test/support/chaos.ts): ≥ 1,000 changes in a
// burst on 15 products × 3 channels — replacements (some two within 50 ms), link/unlink storms, PIM approvals —
// while the emulator answers 5xx, THROTTLED and lost answers, media processing fails, the marketplace fails, the
// workers are SIGKILLed 3 times and Redis restarts once with its queues lost. Then every channel is checked from
// outside. Not part of `npm test`. Options: --changes=N --products=P --rate=R (changes per second) --wait=S (seconds
// to wait for convergence) --no-faults; CHAOS_DIAGNOSE_DIR=dir writes what the engine knows of pairs that did not converge.
// Last line: `RESULT chaos changes=N converged=N lost=N stale=N duplicates=N orphans=N converge_s=S`.
import { RedisServer } from "../emulator/processes";
import { benchRun, numberArg as arg } from "./bench/setup";

const faults = !process.argv.includes("--no-faults");

const redis = await RedisServer.start();
const run = await benchRun("chaos", {
  env: {
    REDIS_URL: redis.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    SYNC_ORPHAN_GRACE_MS: "0",
    // The marketplace receiver listens on loopback, as in the tests and the demo.
    ALLOW_PRIVATE_OUTBOUND: "1",
  },
});
const say = run.say;

const { runChaos } = await import("../test/support/chaos");
const { default: db } = await import("~/db.server");
try {
  const result = await runChaos(redis, {
    changes: arg("changes", 1000),
    products: arg("products", 15),
    assets: arg("assets", 12),
    rate: arg("rate", 10),
    faults,
    workerKills: faults ? 3 : 0,
    redisRestart: faults,
    seed: arg("seed", 2026),
    convergeTimeoutMs: arg("wait", 600) * 1000,
    diagnoseDir: process.env.CHAOS_DIAGNOSE_DIR,
    say,
  });
  for (const line of result.mismatches) say(`mismatch: ${line}`);
  say(
    `max queued sync jobs ${result.maxQueueDepth} for ${result.pairs} product × channel pairs`,
  );
  console.log(
    `RESULT chaos changes=${result.changes} converged=${result.converged} lost=${result.lost} stale=${result.stale} duplicates=${result.duplicates} orphans=${result.orphans} converge_s=${result.convergeS.toFixed(1)}`,
  );
} finally {
  await db.$disconnect();
  await redis.stop();
  await run.cleanUp();
}
