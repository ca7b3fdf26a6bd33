// `npm run bench:sync`: 100 approved assets linked to 1,000 variants on the store emulator, published, then all
// replaced at once. Measures the replacement wave through the whole engine (outbox → relay → worker → renditions →
// Shopify → READY): throughput, p95 approval → live, the share of the shop's restore rate it used and how many
// responses were THROTTLED. Baseline, same run: the same 100 in-place replacements made by a bare loop of Admin
// API calls (stage, fileUpdate, poll READY) with no database, queue or rendering.
// Not part of `npm test`. Options: --assets=N --variants-per-asset=M --concurrency=C.
// Last line: `RESULT sync assets=N variants=M throughput_variants_per_s=… p95_ms=… restore_used_pct=…
// throttled_pct=… direct_assets_per_s=… ratio_vs_direct=…`.
import { performance } from "node:perf_hooks";
import {
  benchChannels,
  benchImage,
  benchRun,
  benchShop,
  countAdminApi,
  numberArg,
  storefrontSettled,
  until as untilWith,
} from "./bench/setup";

const ASSETS = numberArg("assets", 100);
const PER_ASSET = numberArg("variants-per-asset", 10);
const CONCURRENCY = numberArg("concurrency", 8);

const run = await benchRun("sync");
const log = run.say;

const { adminApi, stagedUpload } = await import("../emulator/testing");
const { mirrorFromEmulator, createAsset, replaceAsset } =
  await import("../test/support/sync");
const { default: db } = await import("~/db.server");
const { linkAssets } = await import("~/sync/links.db.server");
const { startOutboxRelay, kickOutboxRelay } =
  await import("~/outbox/relay.server");
const { startWorkers } = await import("~/worker/run.server");
const { closeQueues } = await import("~/jobs/queues.server");
const { closeLocks } = await import("~/sync/locks.server");
const { closeShopBuckets } = await import("~/shopify/throttle-bucket.server");
const { deleteKeys } = await import("../test/support/redis");

// The emulator's default media processing delay and the Standard plan's bucket (2,000 points, 100/s).
const { emulator, shop: SHOP, token } = await benchShop({ factor: 1 });

// Every Admin API answer is counted: points charged and THROTTLED responses.
const counters = await countAdminApi(emulator);

const products = await mirrorFromEmulator(emulator, SHOP);
await benchChannels(SHOP);

// 100 assets, each linked to 10 variants of one product (as many products as needed).
const variants = await db.variant.findMany({
  where: { shop: SHOP },
  orderBy: [{ productId: "asc" }, { position: "asc" }],
});
const byProduct = new Map<string, string[]>();
for (const v of variants)
  byProduct.set(v.productId, [...(byProduct.get(v.productId) ?? []), v.id]);
const groups: { productId: string; variantIds: string[] }[] = [];
for (const [productId, ids] of byProduct)
  for (
    let i = 0;
    i + PER_ASSET <= ids.length && groups.length < ASSETS;
    i += PER_ASSET
  )
    groups.push({ productId, variantIds: ids.slice(i, i + PER_ASSET) });
if (groups.length < ASSETS)
  throw new Error(
    `the seeded catalogue has room for ${groups.length} groups only`,
  );
log(
  `${products.size} products, ${variants.length} variants; linking ${ASSETS} assets to ${ASSETS * PER_ASSET} variants`,
);

const assets: string[] = [];
for (const [i, group] of groups.entries()) {
  const { assetId } = await createAsset(
    SHOP,
    `bench-${i}.jpg`,
    await benchImage(i, "v1"),
  );
  await linkAssets(SHOP, {
    assetIds: [assetId],
    productId: group.productId,
    variantIds: group.variantIds,
    role: "FRONT",
  });
  assets.push(assetId);
}
const next = await Promise.all(assets.map((_, i) => benchImage(i, "v2")));

const workers = startWorkers({
  queues: ["sync", "sync-storefront"],
  concurrency: CONCURRENCY,
});
const relay = startOutboxRelay(100);
const storefrontLive = () =>
  storefrontSettled(SHOP, new Set(groups.map((g) => g.productId)).size);
const until = (check: () => Promise<boolean>, what: string) =>
  untilWith(check, what, {
    shop: SHOP,
    say: log,
    traffic: () => counters,
    timeoutMs: 600_000,
    reportMs: 10_000,
    pollMs: 50,
  });
log("first publish (create files, attach, variant images, galleries)");
await kickOutboxRelay();
await until(storefrontLive, "first publish");

// Let the bucket refill so both measured runs start from the same state.
const refill = () => new Promise((resolve) => setTimeout(resolve, 21_000));
await refill();
log(`replacing all ${ASSETS} assets`);
const before = { ...counters };
const started = performance.now();
const outboxIds: string[] = [];
for (const [i, assetId] of assets.entries())
  outboxIds.push(
    (await replaceAsset(SHOP, assetId, `bench-${i}.jpg`, next[i]!)).outboxId,
  );
await kickOutboxRelay();
await until(async () => {
  const open = await db.syncHop.count({
    where: { outboxId: { in: outboxIds }, endedAt: null },
  });
  const total = await db.syncHop.count({
    where: { outboxId: { in: outboxIds } },
  });
  return total === groups.length && open === 0;
}, "replacement wave");
const seconds = (performance.now() - started) / 1000;
const hops = await db.syncHop.findMany({
  where: { outboxId: { in: outboxIds } },
});
const latencies = hops
  .map((h) => (h.endedAt ?? h.approvedAt).getTime() - h.approvedAt.getTime())
  .sort((a, b) => a - b);
const p95 = latencies[Math.max(0, Math.ceil(0.95 * latencies.length) - 1)]!;
const used = counters.points - before.points;
const responses = counters.responses - before.responses;
const throttled = counters.throttled - before.throttled;
// Available to spend in the window: the full bucket at the start plus what the restore rate added.
const available = 2000 + 100 * seconds;
await relay.stop();
await workers.close();

// Baseline: the same replacements, done directly (no outbox, queue, database or rendering), 8 at a time.
await refill();
const direct = adminApi(emulator, SHOP, token);
const files = await db.shopifyFile.findMany({ where: { shop: SHOP } });
const directBytes = await Promise.all(
  assets.map((_, i) => benchImage(i, "v3")),
);
const directStart = performance.now();
const queue = files.map((file, i) => ({ file, bytes: directBytes[i]! }));
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const resourceUrl = await stagedUpload(emulator, direct, {
        filename: "direct.jpg",
        mimeType: "image/jpeg",
        bytes: job.bytes,
      });
      for (;;) {
        const answer = await direct(
          `mutation($files: [FileUpdateInput!]!) { fileUpdate(files: $files) { userErrors { message } } }`,
          { files: [{ id: job.file.fileGid, originalSource: resourceUrl }] },
        );
        if (!answer.errors) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      for (;;) {
        const answer = await direct<{ node: { status: string } | null }>(
          `query($id: ID!) { node(id: $id) { ... on MediaImage { status } } }`,
          { id: job.file.fileGid },
        );
        if (answer.data?.node?.status === "READY") break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }),
);
const directSeconds = (performance.now() - directStart) / 1000;

await closeQueues();
await closeLocks();
await closeShopBuckets();
await db.$disconnect();
await deleteKeys(process.env.QUEUE_PREFIX!);
await run.cleanUp();

const variantsUpdated = hops.reduce((n, h) => n + h.variants, 0);
const throughput = variantsUpdated / seconds;
const assetsPerSecond = ASSETS / seconds;
const directPerSecond = ASSETS / directSeconds;
log(
  `engine: ${ASSETS} replacements in ${seconds.toFixed(2)} s, ${used} points used of ${Math.round(available)} available, ${throttled}/${responses} THROTTLED`,
);
log(`direct: ${ASSETS} replacements in ${directSeconds.toFixed(2)} s`);
console.log(
  `RESULT sync assets=${ASSETS} variants=${variantsUpdated} throughput_variants_per_s=${throughput.toFixed(1)} ` +
    `p95_ms=${p95} restore_used_pct=${((100 * used) / available).toFixed(1)} throttled_pct=${((100 * throttled) / Math.max(1, responses)).toFixed(2)} ` +
    `assets_per_s=${assetsPerSecond.toFixed(2)} direct_assets_per_s=${directPerSecond.toFixed(2)} ratio_vs_direct=${(assetsPerSecond / directPerSecond).toFixed(2)}`,
);
process.exit(0);
