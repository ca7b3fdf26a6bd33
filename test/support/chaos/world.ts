// The chaos run's world: the emulated shop with its catalogue and channels, a marketplace receiver, two worker
// processes, and the assets, with a first state in which every variant shows one of them and every product one more
// at product level. App modules are imported inside, after the caller has pointed REDIS_URL at the run's Redis.
import { createHash } from "node:crypto";
import sharp from "sharp";
import type { RedisServer } from "../../../emulator/processes";
import { WorkerProcess } from "../../../emulator/processes";
import { MarketplaceReceiver } from "../../../emulator/marketplace/receiver";
import { DEMO_SHOP, seedShop } from "../../../emulator/seed/seed";
import { startEmulatorServer } from "../../../emulator/server";
import { testEmulator } from "../../../emulator/testing";

export const SHOP = DEMO_SHOP;
export const sha = (bytes: Buffer | Uint8Array) =>
  createHash("sha256").update(bytes).digest("hex");
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type ChaosProduct = Awaited<ReturnType<typeof loadProducts>>[number];

export interface ChaosWorld {
  emulator: ReturnType<typeof testEmulator>;
  server: Awaited<ReturnType<typeof startEmulatorServer>>;
  receiver: MarketplaceReceiver;
  products: ChaosProduct[];
  /** Asset ids. */
  assets: string[];
  /** The running workers; the burst replaces the ones it kills in place. */
  workers: WorkerProcess[];
  workerEnv: Record<string, string>;
  /** The next packshot in the run's sequence (each in a colour of its own). */
  nextPackshot: () => Promise<Buffer>;
}

/** A white-background packshot in a colour of its own (passes every channel's pre-flight), 800 × 1000. */
async function packshot(n: number): Promise<Buffer> {
  const hue = (n * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1000">
    <rect width="800" height="1000" fill="#ffffff"/>
    <rect x="60" y="40" width="680" height="920" rx="60" fill="hsl(${hue},55%,45%)"/>
    <text x="400" y="520" text-anchor="middle" font-size="90" fill="#ffffff">v${n}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

async function loadProducts(ids: string[]) {
  const { default: db } = await import("~/db.server");
  return db.product.findMany({
    where: { shop: SHOP, id: { in: ids } },
    include: { variants: { orderBy: { position: "asc" } } },
  });
}

export async function createChaosWorld(
  redis: RedisServer,
  options: { products: number; assets: number; seed: number },
  say: (message: string) => void,
): Promise<ChaosWorld> {
  const { kickOutboxRelay } = await import("~/outbox/relay.server");
  const { linkAssets } = await import("~/sync/links.db.server");
  const { configureMarketplace, shopChannels } =
    await import("~/sync/channels/channels.db.server");
  const { seedApparelAttributes } = await import("~/pim/apparel-seed.server");
  const { storeOfflineSessionWithToken } = await import("../shopify");
  const { createAsset, mirrorFromEmulator } = await import("../sync");

  const emulator = testEmulator({ mediaProcessingMs: 60, seed: options.seed });
  await seedShop(emulator, SHOP, { factor: 0.1, images: false });
  const server = await startEmulatorServer(emulator);
  await storeOfflineSessionWithToken(SHOP, emulator.issueAccessToken(SHOP));
  const chosen = [...emulator.shop(SHOP).products.values()]
    .filter(
      (p) =>
        p.status === "ACTIVE" &&
        p.variantIds.length >= 2 &&
        p.variantIds.every((id) => emulator.shop(SHOP).variants.get(id)!.sku),
    )
    .slice(0, options.products);
  const ids = await mirrorFromEmulator(
    emulator,
    SHOP,
    chosen.map((p) => p.id),
  );
  const receiver = new MarketplaceReceiver("chaos", "chaos-secret-123456789");
  await shopChannels(SHOP);
  await configureMarketplace(SHOP, {
    url: `${await receiver.listen()}/v1`,
    keyId: "chaos",
    secret: "chaos-secret-123456789",
  });
  await seedApparelAttributes(SHOP);
  const products = await loadProducts([...ids.values()]);
  const workerEnv = {
    REDIS_URL: redis.url,
    SHOPIFY_API_ORIGIN: server.url,
    WORKER_CONCURRENCY: "4",
    SYNC_ORPHAN_GRACE_MS: "0",
  };
  const workers = [
    await WorkerProcess.start(workerEnv),
    await WorkerProcess.start(workerEnv),
  ];

  let imageNumber = 0;
  const nextPackshot = () => packshot(imageNumber++);
  const assets: string[] = [];
  for (let i = 0; i < options.assets; i++) {
    const created = await createAsset(
      SHOP,
      `chaos-${i}.jpg`,
      await nextPackshot(),
    );
    assets.push(created.assetId);
  }
  for (const [p, product] of products.entries()) {
    for (const [v, variant] of product.variants.entries())
      await linkAssets(SHOP, {
        assetIds: [assets[(p + v) % assets.length]!],
        productId: product.id,
        variantIds: [variant.id],
        role: "FRONT",
      });
    await linkAssets(SHOP, {
      assetIds: [assets[(p + 1) % assets.length]!],
      productId: product.id,
      role: "DETAIL",
    });
  }
  await kickOutboxRelay();
  say(
    `${products.length} products (${products.reduce((n, p) => n + p.variants.length, 0)} variants), ${assets.length} assets, 3 channels`,
  );
  return {
    emulator,
    server,
    receiver,
    products,
    assets,
    workers,
    workerEnv,
    nextPackshot,
  };
}
