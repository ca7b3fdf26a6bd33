// Reliability of the sync engine with real processes: the worker killed mid-fan-out, Redis stopped at approval
// time, and an Admin API that fails or throttles one request in five. Each ends with every channel live and
// Shopify holding exactly one copy of each image.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisServer, WorkerProcess } from "../../emulator/processes";

// A Redis of this file's own, set before any app module reads the environment.
const redis = await RedisServer.start();
const sharedRedisUrl = process.env.REDIS_URL;
process.env.REDIS_URL = redis.url;

const { default: db } = await import("~/db.server");
const { closeQueues } = await import("~/jobs/queues.server");
const { kickOutboxRelay } = await import("~/outbox/relay.server");
const { linkAssets } = await import("~/sync/links.db.server");
const { COLOURS } = await import("../../emulator/seed/catalogue");
const { studioImage } = await import("../../emulator/seed/images");
const { DEMO_SHOP, seedShop } = await import("../../emulator/seed/seed");
const { startEmulatorServer } = await import("../../emulator/server");
const { testEmulator } = await import("../../emulator/testing");
const { storeOfflineSessionWithToken } = await import("../support/shopify");
const { createAsset, mirrorFromEmulator, replaceAsset } =
  await import("../support/sync");
const { eventually } = await import("../support/wait");

const emulator = testEmulator({ mediaProcessingMs: 40 });
let server: Awaited<ReturnType<typeof startEmulatorServer>>;
let worker: WorkerProcess | undefined;
let products: { id: string; gid: string; active: boolean }[];
let assetId: string;

const workerEnv = () => ({
  REDIS_URL: redis.url,
  SHOPIFY_API_ORIGIN: server.url,
  WORKER_CONCURRENCY: "4",
});
const packshot = (label: string) =>
  studioImage({
    family: "coat",
    colour: COLOURS[1]!,
    width: 900,
    height: 1100,
    label,
    packshot: true,
  });

const storefrontStates = () =>
  db.syncState.findMany({
    where: { shop: DEMO_SHOP, channel: "SHOPIFY_STOREFRONT" },
  });
/** Every product confirmed at its latest revision: live when active in Shopify, not listed otherwise. */
const converged = (
  rows: {
    productId: string;
    status: string;
    confirmedRevision: number;
    desiredRevision: number;
  }[],
) =>
  rows.length === products.length &&
  rows.every(
    (r) =>
      r.confirmedRevision === r.desiredRevision &&
      r.status ===
        (products.find((p) => p.id === r.productId)?.active
          ? "LIVE"
          : "NOT_LISTED"),
  );
const ended = (hops: { outcome: string | null }[]) =>
  hops.length === products.length &&
  hops.every((h) => h.outcome === "LIVE" || h.outcome === "NOT_LISTED");

/** Every product shows the asset's file exactly once, and Shopify holds exactly one file for it. */
async function expectOneCopy() {
  const file = await db.shopifyFile.findUniqueOrThrow({
    where: { shop_assetId: { shop: DEMO_SHOP, assetId } },
  });
  const shop = emulator.shop(DEMO_SHOP);
  for (const product of products) {
    const media = shop.products.get(product.gid)!.mediaIds;
    expect(media.filter((id) => id === file.fileGid)).toHaveLength(1);
    expect(media).toHaveLength(1);
  }
  const ours = [...shop.files.values()].filter((f) =>
    f.filename?.startsWith(`vitrine-${assetId}`),
  );
  expect(ours.map((f) => f.id)).toEqual([file.fileGid]);
  return file;
}

beforeAll(async () => {
  await seedShop(emulator, DEMO_SHOP, { factor: 0.04, images: false });
  server = await startEmulatorServer(emulator);
  await storeOfflineSessionWithToken(
    DEMO_SHOP,
    emulator.issueAccessToken(DEMO_SHOP),
  );
  const ids = await mirrorFromEmulator(emulator, DEMO_SHOP);
  products = [...ids]
    .map(([gid, id]) => ({
      gid,
      id,
      active: emulator.shop(DEMO_SHOP).products.get(gid)!.status === "ACTIVE",
    }))
    .slice(0, 8);
  // Only the storefront: this file is about Shopify's side.
  await db.channel.createMany({
    data: [
      {
        shop: DEMO_SHOP,
        kind: "SHOPIFY_STOREFRONT",
        enabled: true,
        config: {},
      },
      {
        shop: DEMO_SHOP,
        kind: "GOOGLE_MERCHANT",
        enabled: false,
        config: { feedToken: "t".repeat(32) },
      },
      { shop: DEMO_SHOP, kind: "MARKETPLACE", enabled: false, config: {} },
    ],
  });
});

afterAll(async () => {
  await worker?.kill();
  await closeQueues();
  await server?.close();
  await redis.stop();
  // The per-file cleanup deletes this file's keys from the shared Redis.
  if (sharedRedisUrl === undefined) delete process.env.REDIS_URL;
  else process.env.REDIS_URL = sharedRedisUrl;
});

describe("sync reliability", () => {
  it("converges after the worker is killed mid-fan-out, with no duplicate media", async () => {
    const asset = await createAsset(
      DEMO_SHOP,
      "size-chart.jpg",
      await packshot("v1"),
      {
        approve: true,
      },
    );
    assetId = asset.assetId;
    // Slow Shopify down so the kill lands while products are being pointed at the new file.
    emulator.setFaults(DEMO_SHOP, { latencyMs: 60 });
    worker = await WorkerProcess.start(workerEnv());
    for (const product of products)
      await linkAssets(DEMO_SHOP, {
        assetIds: [assetId],
        productId: product.id,
        role: "SIZE_CHART",
      });
    await kickOutboxRelay();
    await eventually(
      () => storefrontStates(),
      (rows) => rows.some((r) => r.status === "LIVE") && !converged(rows),
      { what: "fan-out under way", timeoutMs: 30_000, intervalMs: 5 },
    );
    await worker.kill();
    emulator.setFaults(DEMO_SHOP, {});

    worker = await WorkerProcess.start(workerEnv());
    // A bound on a hang, not a timing: the killed worker's jobs come back once their 15 s locks expire, and under
    // `npm test` (both databases and the other steps on two cores) the restarted worker then took over 90 s.
    await eventually(storefrontStates, converged, {
      what: "storefront converged after restart",
      timeoutMs: 180_000,
    });
    await expectOneCopy();
  }, 260_000);

  it("syncs a change approved while Redis was down once Redis is back", async () => {
    await redis.stop();
    const { outboxId, versionId } = await replaceAsset(
      DEMO_SHOP,
      assetId,
      "size-chart-v2.jpg",
      await packshot("v2"),
    );
    await kickOutboxRelay();
    const waiting = await db.outbox.findUniqueOrThrow({
      where: { id: outboxId },
    });
    expect(waiting.dispatchedAt).toBeNull();
    expect(waiting.attempts).toBeGreaterThan(0);

    await redis.start();
    await eventually(
      () => db.syncHop.findMany({ where: { outboxId } }),
      ended,
      { what: "the change live after Redis returned", timeoutMs: 60_000 },
    );
    const file = await expectOneCopy();
    expect(file.versionId).toBe(versionId);
  }, 90_000);

  it("converges while the Admin API answers one request in five with a 5xx or THROTTLED", async () => {
    emulator.setFaults(DEMO_SHOP, { serverErrorRate: 0.1, throttleRate: 0.1 });
    try {
      const { outboxId, versionId } = await replaceAsset(
        DEMO_SHOP,
        assetId,
        "size-chart-v3.jpg",
        await packshot("v3"),
      );
      await kickOutboxRelay();
      await eventually(
        () => db.syncHop.findMany({ where: { outboxId } }),
        ended,
        { what: "the change live despite faults", timeoutMs: 90_000 },
      );
      const file = await expectOneCopy();
      expect(file.versionId).toBe(versionId);
    } finally {
      emulator.setFaults(DEMO_SHOP, {});
    }
  }, 120_000);
});
