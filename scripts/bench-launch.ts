// `npm run bench:launch`: a season on the store emulator (Standard rate limits: 2,000 points, 100/s) — 2,000
// products, 5 variants and 5 approved images each — staged under embargo through the whole engine, then released
// at once. Staging is what the sync engine takes to prepare every channel (renditions, Shopify files attached to
// hidden products, feed rows, inactive marketplace listings); go-live is the flip: two bulk mutations and the
// feed and item channels' pair runs, each channel's "all live" observed (Launch page numbers, never intents).
// Baseline, same run: the floor the Admin API's restore rate allows for the same flip without bulk operations
// (productUpdate + publishablePublish per product, 10 points each, after the full bucket).
// Not part of `npm test`. Options: --small (20 products) or --products=N, --concurrency=C.
// Last line: `RESULT launch products=… variants=… images=… staging_s=… golive_to_all_live_s=… storefront_s=…
// google_s=… marketplace_s=… meta_s=… points_used=… throttled_pct=… floor_s_without_bulk=…` (points and
// THROTTLED share measured over the go-live window).
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createMigratedDatabase, dropDatabase } from "../test/support/database";

const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split("=")[1]) : fallback;
};
const PRODUCTS = process.argv.includes("--small") ? 20 : arg("products", 2000);
const VARIANTS_PER_PRODUCT = 5;
const IMAGES_PER_PRODUCT = 5;
const CONCURRENCY = arg("concurrency", 8);
// Shopify's Standard plan bucket and restore rate, and a mutation's cost (https://shopify.dev/docs/api/usage/limits).
const BUCKET = 2000;
const RESTORE_PER_S = 100;
const MUTATION_COST = 10;

const baseUrl = process.env.DATABASE_URL ?? "file:./data/bench-launch.sqlite";
const runId = randomBytes(3).toString("hex");
const url = await createMigratedDatabase(baseUrl, runId, "launch");
Object.assign(process.env, {
  DATABASE_URL: url,
  QUEUE_PREFIX: `vitrine-bench-${runId}`,
  STORAGE_DIR: `./data/bench-launch-storage-${runId}`,
  SHOPIFY_API_KEY: "bench",
  SHOPIFY_API_SECRET: "bench-secret",
  SHOPIFY_APP_URL: "https://bench.invalid",
  ALLOW_PRIVATE_OUTBOUND: "1",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
});
const log = (message: string) => console.log(`[bench:launch] ${message}`);

const { rmSync } = await import("node:fs");
const { ShopifyEmulator } = await import("../emulator/emulator");
const { DEMO_SHOP: SHOP, seedShop } = await import("../emulator/seed/seed");
const { studioImage } = await import("../emulator/seed/images");
const { COLOURS } = await import("../emulator/seed/catalogue");
const { MarketplaceReceiver } =
  await import("../emulator/marketplace/receiver");
const { mirrorFromEmulator, createAsset } =
  await import("../test/support/sync");
const { setShopifyFetch } = await import("~/shopify/api-origin.server");
const { default: db } = await import("~/db.server");
const { Session } = await import("@shopify/shopify-api");
const { sessionStorage } = await import("~/shopify.server");
const { linkAssets } = await import("~/sync/links.db.server");
const { configureMarketplace } =
  await import("~/sync/channels/channels.db.server");
const { createLaunch, goLiveNow, stageLaunch, listLaunches } =
  await import("~/launch/launch.server");
const { startOutboxRelay } = await import("~/outbox/relay.db.server");
const { startWorkers } = await import("~/worker/run.server");
const { closeQueues } = await import("~/jobs/queues.server");
const { closeLocks } = await import("~/jobs/lock.server");
const { closeShopBuckets } = await import("~/jobs/shop-bucket.server");
const { deleteKeys } = await import("../test/support/redis");

const emulator = new ShopifyEmulator({
  apiKey: "bench",
  apiSecret: "bench-secret",
  webhooks: { subscriptions: [] },
});
// The seed makes ~200 products per factor; the season is the first PRODUCTS of them, 5 variants each, DRAFT.
await seedShop(emulator, SHOP, {
  factor: Math.ceil(PRODUCTS / 150),
  images: false,
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
const token = emulator.issueAccessToken(SHOP);

const counters = { responses: 0, throttled: 0, points: 0 };
const emulatorFetch = emulator.fetchFor();
setShopifyFetch(async (input, init) => {
  const response = await emulatorFetch(input, init);
  if (
    String(input instanceof Request ? input.url : input).includes(
      "/graphql.json",
    )
  ) {
    const body = (await response.clone().json()) as {
      errors?: { extensions?: { code?: string } }[];
      extensions?: { cost?: { actualQueryCost?: number | null } };
    };
    counters.responses += 1;
    if (body.errors?.some((e) => e.extensions?.code === "THROTTLED"))
      counters.throttled += 1;
    counters.points += body.extensions?.cost?.actualQueryCost ?? 0;
  }
  return response;
});
await sessionStorage.storeSession(
  new Session({
    id: `offline_${SHOP}`,
    shop: SHOP,
    state: "bench",
    isOnline: false,
    accessToken: token,
    scope: "write_products,write_files,write_publications",
  }),
);
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
const roles = ["FRONT", "BACK", "DETAIL", "LIFESTYLE", "SWATCH"] as const;
for (const [i, product] of season.entries())
  for (const [r, role] of roles.slice(0, IMAGES_PER_PRODUCT).entries()) {
    const bytes = await studioImage({
      family: "coat",
      colour: COLOURS[(i + r) % COLOURS.length]!,
      width: 1200,
      height: 1500,
      packshot: true,
      label: `${i}-${role}`,
    });
    const { assetId } = await createAsset(
      SHOP,
      `season-${i}-${role}.jpg`,
      bytes,
    );
    await linkAssets(SHOP, {
      assetIds: [assetId],
      productId: productIds.get(product.id)!,
      role,
    });
  }

const workers = startWorkers({
  queues: ["sync", "sync-storefront", "sync-feeds", "sync-marketplace"],
  concurrency: CONCURRENCY,
});
const relay = startOutboxRelay(100);
const until = async (status: string, what: string) => {
  const deadline = Date.now() + 6 * 3600_000;
  let report = Date.now() + 15_000;
  for (;;) {
    // The summary only (the readiness board would read every product's links on each poll).
    const launch = (await listLaunches(SHOP)).find((l) => l.id === launchId)!;
    if (launch.status === status) return launch;
    if (Date.now() > report) {
      report = Date.now() + 15_000;
      log(
        `${what}: ${launch.progress.map((c) => `${c.channel} staged ${c.staged} live ${c.live}/${c.total}`).join(", ")}; ${counters.responses} API calls, ${counters.throttled} THROTTLED`,
      );
    }
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

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
const [launch] = await listLaunches(SHOP);
const seconds = (ms: number | null) =>
  ms === null ? "n/a" : (ms / 1000).toFixed(1);
const perChannel = Object.fromEntries(
  launch!.progress.map((c) => [c.channel, c] as const),
);
const failed = launch!.progress.reduce((sum, c) => sum + c.failed, 0);
if (failed > 0) log(`${failed} product × channel pairs failed`);
const allLiveMs =
  launch!.allLiveAt && launch!.goLiveStartedAt
    ? launch!.allLiveAt.getTime() - launch!.goLiveStartedAt.getTime()
    : null;
const responses = counters.responses - before.responses;
const throttledPct = responses
  ? (100 * (counters.throttled - before.throttled)) / responses
  : 0;
const floorS = Math.max(
  0,
  (PRODUCTS * 2 * MUTATION_COST - BUCKET) / RESTORE_PER_S,
);

await relay.stop();
await workers.close();
await closeQueues();
await closeLocks();
await closeShopBuckets();
await deleteKeys(process.env.QUEUE_PREFIX!);
await receiver.close();
await db.$disconnect();
await dropDatabase(url, baseUrl);
rmSync(`./data/bench-launch-storage-${runId}`, {
  recursive: true,
  force: true,
});

console.log(
  `RESULT launch products=${PRODUCTS} variants=${variants} images=${PRODUCTS * IMAGES_PER_PRODUCT} staging_s=${stagingS.toFixed(1)} golive_to_all_live_s=${seconds(allLiveMs)} storefront_s=${seconds(perChannel.SHOPIFY_STOREFRONT!.goLiveToAllLiveMs)} google_s=${seconds(perChannel.GOOGLE_MERCHANT!.goLiveToAllLiveMs)} marketplace_s=${seconds(perChannel.MARKETPLACE!.goLiveToAllLiveMs)} meta_s=${seconds(perChannel.META_CATALOG!.goLiveToAllLiveMs)} points_used=${counters.points - before.points} throttled_pct=${throttledPct.toFixed(1)} floor_s_without_bulk=${floorS.toFixed(1)}`,
);
process.exit(0);
