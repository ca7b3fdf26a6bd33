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
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { RedisServer, WorkerProcess } from "../emulator/processes";
import { createMigratedDatabase, dropDatabase } from "../test/support/database";
import { startLocalS3 } from "./s3-local";

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ??
  fallback;
const ASSETS = Number(arg("assets", "100"));
const PER_ASSET = Number(arg("variants-per-asset", "20"));
const CONCURRENCY = arg("concurrency", "8");
const WORKER_COUNTS = arg("workers", "1,2,4").split(",").map(Number);
const PLUS = { maximumAvailable: 20_000, restoreRate: 1_000 };

const baseUrl =
  process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const runId = randomBytes(3).toString("hex");
const url = await createMigratedDatabase(baseUrl, runId, "scale");
const storage = `./data/bench-scale-scratch-${runId}`;
const redis = await RedisServer.start();
const s3 = await startLocalS3({ bucket: `vitrine-scale-${runId}` });
Object.assign(process.env, {
  DATABASE_URL: url,
  REDIS_URL: redis.url,
  QUEUE_PREFIX: `vitrine-scale-${runId}`,
  STORAGE_DIR: storage,
  ...s3.env("deployment"),
  SHOPIFY_API_KEY: "bench",
  SHOPIFY_API_SECRET: "bench-secret",
  SHOPIFY_APP_URL: "https://bench.invalid",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
const say = (message: string) => console.log(`[bench:scale] ${message}`);

const { ShopifyEmulator } = await import("../emulator/emulator");
const { DEMO_SHOP: SHOP, seedShop } = await import("../emulator/seed/seed");
const { studioImage } = await import("../emulator/seed/images");
const { COLOURS } = await import("../emulator/seed/catalogue");
const { mirrorFromEmulator } =
  await import("../test/support/factories/product");
const { addVersion } = await import("~/dam/ingest.server");
const { approveVersion } = await import("~/dam/versions.server");
const { linkAssetsToVariants, serveRecordedEmulator, traffic } =
  await import("../test/support/cluster");
const { default: db } = await import("~/db.server");
const { Session } = await import("@shopify/shopify-api");
const { sessionStorage } = await import("~/shopify.server");
const { kickOutboxRelay } = await import("~/outbox/relay.db.server");
const { closeQueues, getQueue } = await import("~/jobs/queues.server");

const emulator = new ShopifyEmulator({
  apiKey: "bench",
  apiSecret: "bench-secret",
  webhooks: { subscriptions: [] },
  throttle: PLUS,
});
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
  await seedShop(emulator, SHOP, { factor: 2, images: false });
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${SHOP}`,
      shop: SHOP,
      state: "bench",
      isOnline: false,
      accessToken: emulator.issueAccessToken(SHOP),
      scope: "write_products,write_files",
    }),
  );
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
  await db.channel.createMany({
    data: [
      { shop: SHOP, kind: "SHOPIFY_STOREFRONT", enabled: true, config: {} },
      {
        shop: SHOP,
        kind: "GOOGLE_MERCHANT",
        enabled: false,
        config: { feedToken: "b".repeat(32) },
      },
      { shop: SHOP, kind: "MARKETPLACE", enabled: false, config: {} },
    ],
  });

  const image = (i: number, label: string) =>
    studioImage({
      family: "coat",
      colour: COLOURS[i % COLOURS.length]!,
      width: 1200,
      height: 1500,
      packshot: true,
      label: `${i} ${label}`,
    });
  say(
    `${chosen.length} products, ${variantCount} variants; linking ${ASSETS} assets to ${ASSETS * PER_ASSET} variants`,
  );
  const assets = await linkAssetsToVariants(SHOP, {
    assets: ASSETS,
    variantsPerAsset: PER_ASSET,
    image: (i) => image(i, "v1"),
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

  async function until(check: () => Promise<boolean>, what: string) {
    const deadline = Date.now() + 900_000;
    let report = Date.now() + 15_000;
    while (!(await check())) {
      if (Date.now() > report) {
        report = Date.now() + 15_000;
        const states = await db.syncState.groupBy({
          by: ["status"],
          where: { shop: SHOP },
          _count: { _all: true },
        });
        const t = traffic(recorded.calls);
        say(
          `${what}: ${states.map((g) => `${g.status} ${g._count._all}`).join(", ")}; ${t.responses} API calls, ${t.throttled} THROTTLED`,
        );
      }
      if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  await scaleTo(Math.max(...WORKER_COUNTS));
  say("first publish (create files, attach media, variant images, galleries)");
  const firstStarted = performance.now();
  await kickOutboxRelay();
  await until(async () => {
    const rows = await db.syncState.findMany({
      where: { shop: SHOP, channel: "SHOPIFY_STOREFRONT" },
    });
    return (
      rows.length === chosen.length &&
      rows.every(
        (r) =>
          (r.status === "LIVE" || r.status === "NOT_LISTED") &&
          r.confirmedRevision === r.desiredRevision,
      )
    );
  }, "first publish");
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
        data: await image(i, `r${round}`),
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
      variants: hops.reduce((n, h) => n + h.variants, 0),
      ...spent,
    };
    waves.push(wave);
    say(
      `${count} worker(s): ${wave.variants} variants in ${wave.seconds.toFixed(1)} s, ${spent.points} points, ${spent.throttled}/${spent.responses} THROTTLED; hops ${[...outcomes].map(([o, n]) => `${o} ${n}`).join(", ")}`,
    );
  }
} finally {
  await Promise.all(workers.map((w) => w.kill()));
  await recorded.close();
  await closeQueues();
  await db.$disconnect();
  await redis.stop();
  await s3.close();
  await dropDatabase(url, baseUrl);
  rmSync(storage, { recursive: true, force: true });
}

const list = (f: (w: Wave) => string) => waves.map(f).join(",");
console.log(
  `RESULT scale workers=${list((w) => String(w.workers))} ` +
    `throughput_variants_per_s=${list((w) => (w.variants / w.seconds).toFixed(1))} ` +
    `restore_used_pct=${list((w) => ((100 * w.points) / (PLUS.maximumAvailable + PLUS.restoreRate * w.seconds)).toFixed(1))} ` +
    `throttled_pct=${list((w) => ((100 * w.throttled) / Math.max(1, w.responses)).toFixed(2))}`,
);
process.exit(0);
