// `npm run bench:scale`: 100 approved assets linked to 2,000 variants (20 each) of the store emulator's shop on the
// Shopify Plus rate (bucket 20,000 points, 1,000/s), on PostgreSQL + S3 storage (a local S3-protocol server) and a
// Redis of its own, with real worker processes. After a first publish, all 100 assets are replaced at once, with
// 1, then 2, then 4 worker processes (the production build when `npm run build` made one, else from source);
// each wave is measured from the first approval until every storefront hop it opened has ended — live on the
// storefront, read back. The new versions are uploaded first and rendered by the workers (the storefront's
// rendition too) while they wait for approval, as a merchant's would be: rendering is off the timed path.
// The emulator runs in this process and records every Admin API call it answers (points charged, THROTTLED).
// Not part of `npm test`. Options: --assets=N --variants-per-asset=M --concurrency=C (jobs per queue per worker)
// --workers=1,2,4.
// Last line: `RESULT scale workers=1,2,4 throughput_variants_per_s=a,b,c restore_used_pct=x,y,z throttled_pct=…`,
// restore_used_pct as in bench:sync: points spent ÷ (the bucket at the start + restore rate × the wave's seconds).
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { RedisServer, WorkerProcess } from "../emulator/processes";
import {
  arg,
  benchChannels,
  benchImage,
  benchRun,
  benchShop,
  numberArg,
  storefrontSettled,
  until as untilWith,
} from "./bench/setup";
import { startLocalS3 } from "./s3-local";

const ASSETS = numberArg("assets", 100);
const PER_ASSET = numberArg("variants-per-asset", 20);
const CONCURRENCY = arg("concurrency", "8");
const WORKER_COUNTS = arg("workers", "1,2,4").split(",").map(Number);
const PLUS = { maximumAvailable: 20_000, restoreRate: 1_000 };

const redis = await RedisServer.start();
const run = await benchRun("scale", {
  defaultDatabase: "postgresql://postgres@127.0.0.1:5432/test",
  env: { REDIS_URL: redis.url },
});
const s3 = await startLocalS3({ bucket: `vitrine-scale-${run.runId}` });
Object.assign(process.env, s3.env("deployment"));
const say = run.say;

const { mirrorFromEmulator } =
  await import("../test/support/factories/product");
const { addVersion } = await import("~/dam/ingest.server");
const { approveVersion } = await import("~/dam/versions.server");
const { linkAssetsToVariants, serveRecordedEmulator, traffic } =
  await import("../test/support/cluster");
const { default: db } = await import("~/db.server");
const { kickOutboxRelay } = await import("~/outbox/relay.server");
const { closeQueues, getQueue } = await import("~/jobs/queues.server");

const { emulator, shop: SHOP } = await benchShop({ factor: 2, throttle: PLUS });
const recorded = await serveRecordedEmulator(emulator);
const workers: WorkerProcess[] = [];
interface Wave {
  workers: number;
  seconds: number;
  variants: number;
  points: number;
  responses: number;
  throttled: number;
}
const waves: Wave[] = [];
try {
  // Active products, enough of them for the variants needed.
  const chosen: string[] = [];
  let variantCount = 0;
  for (const product of emulator.shop(SHOP).products.values()) {
    if (variantCount >= ASSETS * PER_ASSET) break;
    if (product.status !== "ACTIVE") continue;
    chosen.push(product.id);
    variantCount += product.variantIds.length;
  }
  await mirrorFromEmulator(emulator, SHOP, chosen);
  await benchChannels(SHOP);
  say(
    `${chosen.length} products, ${variantCount} variants; linking ${ASSETS} assets to ${ASSETS * PER_ASSET} variants`,
  );
  const assets = await linkAssetsToVariants(SHOP, {
    assets: ASSETS,
    variantsPerAsset: PER_ASSET,
    image: (i) => benchImage(i, "v1"),
  });

  const built = existsSync("build/node/worker.js");
  say(
    `workers run ${built ? "the production build (build/node/worker.js)" : "from source (tsx): run `npm run build` for the production entry"}`,
  );
  const workerEnv = {
    SHOPIFY_API_ORIGIN: recorded.url,
    WORKER_CONCURRENCY: CONCURRENCY,
  };
  async function scaleTo(count: number) {
    while (workers.length > count) await workers.pop()!.terminate();
    const starting: Promise<WorkerProcess>[] = [];
    for (let i = workers.length; i < count; i++)
      starting.push(WorkerProcess.start(workerEnv, { built }));
    workers.push(...(await Promise.all(starting)));
  }

  const until = (check: () => Promise<boolean>, what: string) =>
    untilWith(check, what, {
      shop: SHOP,
      say,
      traffic: () => traffic(recorded.calls),
      timeoutMs: 900_000,
      reportMs: 15_000,
      pollMs: 100,
    });

  await scaleTo(Math.max(...WORKER_COUNTS));
  say("first publish (create files, attach media, variant images, galleries)");
  const firstStarted = performance.now();
  await kickOutboxRelay();
  await until(() => storefrontSettled(SHOP, chosen.length), "first publish");
  say(
    `first publish in ${((performance.now() - firstStarted) / 1000).toFixed(1)} s`,
  );

  for (const [round, count] of WORKER_COUNTS.entries()) {
    await scaleTo(count);
    // The merchant uploads the new versions (to S3; the workers render them, the storefront's rendition
    // included, while they wait for approval), then approves all 100: the wave is timed from the first approval.
    say(`${count} worker process(es): uploading ${ASSETS} new versions`);
    const versions: string[] = [];
    for (const [i, assetId] of assets.entries()) {
      const { version } = await addVersion({
        shop: SHOP,
        assetId,
        filename: `scale-${i}.jpg`,
        data: await benchImage(i, `r${round}`),
        actor: "user:bench",
      });
      versions.push(version.id);
    }
    await until(async () => {
      const counts = await getQueue("renditions").getJobCounts(
        "waiting",
        "active",
        "delayed",
        "prioritized",
      );
      return Object.values(counts).every((n) => n === 0);
    }, "renditions of the new versions");
    // The bucket refills (20 s on Plus) so every wave starts from a full one.
    await new Promise((resolve) =>
      setTimeout(
        resolve,
        (PLUS.maximumAvailable / PLUS.restoreRate) * 1000 + 1000,
      ),
    );
    say(`${count} worker process(es): approving all ${ASSETS}`);
    const mark = performance.now();
    const since = new Date();
    for (const [i, assetId] of assets.entries())
      await approveVersion({
        shop: SHOP,
        assetId,
        versionId: versions[i]!,
        actor: "user:bench",
      });
    const outboxIds = (
      await db.outbox.findMany({
        where: {
          shop: SHOP,
          topic: "asset.version-approved",
          createdAt: { gte: since },
        },
        select: { id: true },
      })
    ).map((row) => row.id);
    await kickOutboxRelay();
    say(
      `approved in ${((performance.now() - mark) / 1000).toFixed(1)} s; waiting for the storefront`,
    );
    await until(async () => {
      const hops = await db.syncHop.findMany({
        where: { shop: SHOP, outboxId: { in: outboxIds } },
        select: { endedAt: true, productId: true },
      });
      return hops.length > 0 && hops.every((h) => h.endedAt);
    }, `wave with ${count} worker(s)`);
    const end = performance.now();
    const hops = await db.syncHop.findMany({
      where: { shop: SHOP, outboxId: { in: outboxIds } },
    });
    const outcomes = new Map<string, number>();
    for (const h of hops)
      outcomes.set(
        String(h.outcome),
        (outcomes.get(String(h.outcome)) ?? 0) + 1,
      );
    const spent = traffic(recorded.calls, mark, end);
    const wave: Wave = {
      workers: count,
      seconds: (end - mark) / 1000,
      // The variants whose image was replaced (hops count a product's variants per hop, and an asset's 20
      // variants span 2–3 products that other assets' variants share, so their sum counts some twice).
      variants: ASSETS * PER_ASSET,
      ...spent,
    };
    waves.push(wave);
    say(
      `${count} worker(s): ${wave.variants} variants (hops' sum ${hops.reduce((n, h) => n + h.variants, 0)}) in ${wave.seconds.toFixed(1)} s, ${spent.points} points, ${spent.throttled}/${spent.responses} THROTTLED; hops ${[...outcomes].map(([o, n]) => `${o} ${n}`).join(", ")}`,
    );
  }
} finally {
  await Promise.all(workers.map((w) => w.kill()));
  await recorded.close();
  await closeQueues();
  await db.$disconnect();
  await run.cleanUp();
  await redis.stop();
  await s3.close();
}

const list = (f: (w: Wave) => string) => waves.map(f).join(",");
console.log(
  `RESULT scale workers=${list((w) => String(w.workers))} ` +
    `throughput_variants_per_s=${list((w) => (w.variants / w.seconds).toFixed(1))} ` +
    `restore_used_pct=${list((w) => ((100 * w.points) / (PLUS.maximumAvailable + PLUS.restoreRate * w.seconds)).toFixed(1))} ` +
    `throttled_pct=${list((w) => ((100 * w.throttled) / Math.max(1, w.responses)).toFixed(2))}`,
);
process.exit(0);
