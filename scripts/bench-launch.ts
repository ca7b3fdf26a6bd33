// `npm run bench:launch`: a season on the store emulator (Standard rate limits: 2,000 points, 100/s) — 2,000
// products, 5 variants and 5 approved images each — staged under embargo through the whole engine, then released
// at once. The worker runs through the setup, as in a live shop (each link and approval dispatched as it is made);
// staging starts from a shop at rest and is what the engine then takes to prepare every channel (renditions,
// Shopify files attached to hidden products, feed rows, inactive marketplace listings); go-live is the flip: two bulk mutations and the
// feed and item channels' pair runs, each channel's "all live" observed (Launch page numbers, never intents).
// Baseline, same run: the floor the Admin API's restore rate allows for the same flip without bulk operations
// (productUpdate + publishablePublish per product, 10 points each, after the full bucket).
// Images: 1200×1200 JPEG packshots, above every channel's size rule (Google 800 px, marketplace 1,000 px, Meta
// 500 × 500) without the master's size dominating the renditions' CPU time.
// Not part of `npm test`. Options: --small (20 products) or --products=N, --concurrency=C (jobs per worker),
// --worker-processes=N (the worker as N processes of its own instead of in this one).
// Last line: `RESULT launch products=… variants=… images=… image_px=… staging_s=… golive_to_all_live_s=… storefront_s=…
// google_s=… marketplace_s=… meta_s=… points_used=… throttled_pct=… floor_s_without_bulk=…` (points and
// THROTTLED share measured over the go-live window).
import { performance } from "node:perf_hooks";
import {
  benchImage,
  benchRun,
  benchShop,
  countAdminApi,
  numberArg,
} from "./bench/setup";

const PRODUCTS = process.argv.includes("--small")
  ? 20
  : numberArg("products", 2000);
const VARIANTS_PER_PRODUCT = 5;
const IMAGES_PER_PRODUCT = 5;
const CONCURRENCY = numberArg("concurrency", 8);
const WORKER_PROCESSES = numberArg("worker-processes", 0);
/** Dispatch and the channels' pair runs; the worker also runs `launch`. */
const SYNC_QUEUES = [
  "sync",
  "sync-storefront",
  "sync-feeds",
  "sync-marketplace",
] as const;
const IMAGE_SIZE = { width: 1200, height: 1200 };
// Shopify's Standard plan bucket and restore rate, and a mutation's cost (https://shopify.dev/docs/api/usage/limits).
const BUCKET = 2000;
const RESTORE_PER_S = 100;
const MUTATION_COST = 10;

const run = await benchRun("launch", { env: { ALLOW_PRIVATE_OUTBOUND: "1" } });
const log = run.say;

const { MarketplaceReceiver } =
  await import("../emulator/marketplace/receiver");
const { mirrorFromEmulator, createAsset } =
  await import("../test/support/sync");
const { default: db } = await import("~/db.server");
const { linkAssets } = await import("~/sync/links.db.server");
const { configureMarketplace } =
  await import("~/sync/channels/channels.db.server");
const { createLaunch, goLiveNow, stageLaunch } =
  await import("~/launch/launch.server");
const { channelProgress, findLaunch } =
  await import("~/launch/launch.db.server");
const { startOutboxRelay } = await import("~/outbox/relay.server");
const { startWorkers } = await import("~/worker/run.server");
const { closeQueues, getQueue } = await import("~/jobs/queues.server");
const { closeLocks } = await import("~/sync/locks.server");
const { closeShopBuckets } = await import("~/shopify/throttle-bucket.server");
const { deleteKeys } = await import("../test/support/redis");
const { WorkerProcess } = await import("../emulator/processes");
const { startEmulatorServer } = await import("../emulator/server");

// The seed makes ~200 products per factor; the season is the first PRODUCTS of them, 5 variants each, DRAFT.
const { emulator, shop: SHOP } = await benchShop({
  factor: Math.ceil(PRODUCTS / 150),
  scope: "write_products,write_files,write_publications",
});
const state = emulator.shop(SHOP);
const season = [...state.products.values()]
  .filter((p) => p.variantIds.length >= VARIANTS_PER_PRODUCT)
  .slice(0, PRODUCTS);
if (season.length < PRODUCTS)
  throw new Error(`the seed has ${season.length} products with 5 variants`);
const inSeason = new Set(season.map((p) => p.id));
for (const product of state.products.values()) {
  if (!inSeason.has(product.id)) {
    state.products.delete(product.id);
    continue;
  }
  for (const id of product.variantIds.slice(VARIANTS_PER_PRODUCT))
    state.variants.delete(id);
  product.variantIds = product.variantIds.slice(0, VARIANTS_PER_PRODUCT);
  product.status = "DRAFT";
}
const counters = await countAdminApi(emulator);
const productIds = await mirrorFromEmulator(emulator, SHOP);
const receiver = new MarketplaceReceiver("bench", "bench-marketplace-secret");
await db.channel.createMany({
  data: [
    { shop: SHOP, kind: "SHOPIFY_STOREFRONT", enabled: true, config: {} },
    {
      shop: SHOP,
      kind: "GOOGLE_MERCHANT",
      enabled: true,
      config: { feedToken: "g".repeat(32) },
    },
    {
      shop: SHOP,
      kind: "META_CATALOG",
      enabled: true,
      config: { feedToken: "m".repeat(32) },
    },
  ],
});
await configureMarketplace(SHOP, {
  url: `${await receiver.listen()}/v1`,
  keyId: "bench",
  secret: "bench-marketplace-secret",
});

const { id: launchId } = await createLaunch(SHOP, {
  name: "AW26 bench",
  selection: { kind: "products", productIds: season.map((p) => p.id) },
});
const variants = await db.variant.count({ where: { shop: SHOP } });
log(
  `${PRODUCTS} products, ${variants} variants; uploading ${PRODUCTS * IMAGES_PER_PRODUCT} images`,
);
// The worker runs from the start, as in a live shop: each link and approval is dispatched as it is made (its
// embargoed feed rows and inactive listings prepared), so staging starts from a shop at rest.
// In-process (one core for the emulator, the uploads and the worker), or --worker-processes=N real worker processes
// (`npm run worker`: every queue, its own outbox relay) reaching the emulator over HTTP, as in production.
const stopWorkers = await startBenchWorkers();
const roles = ["FRONT", "BACK", "DETAIL", "LIFESTYLE", "SWATCH"] as const;
const setupStart = performance.now();
// Three products at a time (uploads are probed and hashed: CPU), each product's images in order.
const pending = [...season.entries()];
await Promise.all(
  Array.from({ length: 3 }, async () => {
    for (let next = pending.shift(); next; next = pending.shift()) {
      const [i, product] = next;
      for (const [r, role] of roles.slice(0, IMAGES_PER_PRODUCT).entries()) {
        const { assetId } = await createAsset(
          SHOP,
          `season-${i}-${role}.jpg`,
          await benchImage(i + r, role, IMAGE_SIZE),
        );
        await linkAssets(SHOP, {
          assetIds: [assetId],
          productId: productIds.get(product.id)!,
          role,
        });
      }
    }
  }),
);
log(
  `images uploaded and linked in ${((performance.now() - setupStart) / 1000).toFixed(1)} s; ${counters.responses} API calls so far`,
);
await atRest();
log(
  `every change dispatched and its pairs run ${((performance.now() - setupStart) / 1000).toFixed(1)} s after the setup started`,
);

const until = async (status: string, what: string) => {
  const deadline = Date.now() + 6 * 3600_000;
  let report = Date.now() + 15_000;
  for (;;) {
    // The launch row only; its channel counts every 15 s (the readiness board reads every product's links).
    const launch = await findLaunch(SHOP, launchId);
    if (launch.status === status) return;
    if (Date.now() > report) {
      report = Date.now() + 15_000;
      const progress = (await channelProgress(SHOP, [launch])).get(launchId)!;
      log(
        `${what}: ${progress.map((c) => `${c.channel} staged ${c.staged} live ${c.live}/${c.total}`).join(", ")}; ${counters.responses} API calls, ${counters.throttled} THROTTLED`,
      );
    }
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

async function startBenchWorkers(): Promise<() => Promise<void>> {
  if (WORKER_PROCESSES === 0) {
    const workers = startWorkers({
      queues: [...SYNC_QUEUES, "launch"],
      concurrency: CONCURRENCY,
    });
    const relay = startOutboxRelay(100);
    return async () => {
      await relay.stop();
      await workers.close();
    };
  }
  const server = await startEmulatorServer(emulator);
  const processes = await Promise.all(
    Array.from({ length: WORKER_PROCESSES }, () =>
      WorkerProcess.start({
        SHOPIFY_API_ORIGIN: server.url,
        WORKER_CONCURRENCY: String(CONCURRENCY),
        ALLOW_PRIVATE_OUTBOUND: "1",
      }),
    ),
  );
  log(`${WORKER_PROCESSES} worker processes started`);
  return async () => {
    await Promise.all(processes.map((p) => p.terminate()));
    await server.close();
  };
}

/** Every outbox event dispatched and no channel job left waiting or running. */
async function atRest() {
  for (let report = Date.now() + 15_000; ;) {
    const undispatched = await db.outbox.count({
      where: { shop: SHOP, dispatchedAt: null },
    });
    let queued = 0;
    for (const name of SYNC_QUEUES) {
      const counts = await getQueue(name).getJobCounts(
        "waiting",
        "active",
        "delayed",
        "prioritized",
      );
      queued += Object.values(counts).reduce((a, b) => a + b, 0);
    }
    if (undispatched === 0 && queued === 0) return;
    if (Date.now() > report) {
      report = Date.now() + 15_000;
      log(`settling: ${undispatched} events to dispatch, ${queued} jobs`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

log("staging under embargo");
const stagingStart = performance.now();
await stageLaunch(SHOP, launchId);
await until("STAGED", "staging");
const stagingS = (performance.now() - stagingStart) / 1000;
// The bucket refills before the flip, as it would between staging and a go-live hours later.
await new Promise((resolve) =>
  setTimeout(resolve, (BUCKET / RESTORE_PER_S + 1) * 1000),
);

log("go-live");
const before = { ...counters };
await goLiveNow(SHOP, launchId);
await until("LIVE", "go-live");
const launch = await findLaunch(SHOP, launchId);
const progress = (await channelProgress(SHOP, [launch])).get(launchId)!;
const seconds = (ms: number | null) =>
  ms === null ? "n/a" : (ms / 1000).toFixed(1);
const perChannel = Object.fromEntries(
  progress.map((c) => [c.channel, c] as const),
);
const failed = progress.reduce((sum, c) => sum + c.failed, 0);
if (failed > 0) log(`${failed} product × channel pairs failed`);
const allLiveMs =
  launch.allLiveAt && launch.goLiveStartedAt
    ? launch.allLiveAt.getTime() - launch.goLiveStartedAt.getTime()
    : null;
const responses = counters.responses - before.responses;
const throttledPct = responses
  ? (100 * (counters.throttled - before.throttled)) / responses
  : 0;
const floorS = Math.max(
  0,
  (PRODUCTS * 2 * MUTATION_COST - BUCKET) / RESTORE_PER_S,
);

await stopWorkers();
await closeQueues();
await closeLocks();
await closeShopBuckets();
await deleteKeys(process.env.QUEUE_PREFIX!);
await receiver.close();
await db.$disconnect();
await run.cleanUp();

console.log(
  `RESULT launch products=${PRODUCTS} variants=${variants} images=${PRODUCTS * IMAGES_PER_PRODUCT} image_px=${IMAGE_SIZE.width}x${IMAGE_SIZE.height} staging_s=${stagingS.toFixed(1)} golive_to_all_live_s=${seconds(allLiveMs)} storefront_s=${seconds(perChannel.SHOPIFY_STOREFRONT!.goLiveToAllLiveMs)} google_s=${seconds(perChannel.GOOGLE_MERCHANT!.goLiveToAllLiveMs)} marketplace_s=${seconds(perChannel.MARKETPLACE!.goLiveToAllLiveMs)} meta_s=${seconds(perChannel.META_CATALOG!.goLiveToAllLiveMs)} points_used=${counters.points - before.points} throttled_pct=${throttledPct.toFixed(1)} floor_s_without_bulk=${floorS.toFixed(1)}`,
);
process.exit(0);
