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
import { createHash } from "node:crypto";
import sharp from "sharp";
import { XMLParser } from "fast-xml-parser";
import type { RedisServer } from "../../emulator/processes";
import { WorkerProcess } from "../../emulator/processes";
import { MarketplaceReceiver } from "../../emulator/marketplace/receiver";
import { seededRandom } from "../../emulator/faults";
import { DEMO_SHOP, seedShop } from "../../emulator/seed/seed";
import { startEmulatorServer } from "../../emulator/server";
import { testEmulator } from "../../emulator/testing";

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

const SHOP = DEMO_SHOP;
const sha = (bytes: Buffer | Uint8Array) =>
  createHash("sha256").update(bytes).digest("hex");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

export async function runChaos(
  redis: RedisServer,
  options: ChaosOptions,
): Promise<ChaosResult> {
  const { default: db } = await import("~/db.server");
  const { getQueue, closeQueues } = await import("~/jobs/queues.server");
  const { kickOutboxRelay } = await import("~/outbox/relay.db.server");
  const { linkAssets, unlink } = await import("~/sync/links.db.server");
  const { configureMarketplace, shopChannels } =
    await import("~/sync/channels/channels.db.server");
  const { seedApparelAttributes } = await import("~/pim/apparel-seed.server");
  const { saveProductValues } = await import("~/pim/values.db.server");
  const { approveProducts } = await import("~/pim/approval.db.server");
  const { loader: feedLoader } = await import("~/routes/feeds.$feed.$file");
  const { getStorage } = await import("~/dam/storage.server");
  const { storeOfflineSessionWithToken } = await import("./shopify");
  const { createAsset, mirrorFromEmulator, replaceAsset } =
    await import("./sync");
  const { enqueue } = await import("~/jobs/enqueue.server");

  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)]!;
  const say = options.say;

  // ── The shop, its channels and catalogue ─────────────────────────────────────────────────────────────────
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
  const products = await db.product.findMany({
    where: { shop: SHOP, id: { in: [...ids.values()] } },
    include: { variants: { orderBy: { position: "asc" } } },
  });
  const workerEnv = {
    REDIS_URL: redis.url,
    SHOPIFY_API_ORIGIN: server.url,
    WORKER_CONCURRENCY: "4",
    SYNC_ORPHAN_GRACE_MS: "0",
  };
  let workers = [
    await WorkerProcess.start(workerEnv),
    await WorkerProcess.start(workerEnv),
  ];

  // Assets, and a first state: every variant shows one of them, every product one more at product level.
  let imageNumber = 0;
  const assets: string[] = [];
  for (let i = 0; i < options.assets; i++) {
    const created = await createAsset(
      SHOP,
      `chaos-${i}.jpg`,
      await packshot(imageNumber++),
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

  // ── Queue depth of the channel queues, sampled throughout ────────────────────────────────────────────────
  let maxQueueDepth = 0;
  let maxQueueDetail = "";
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        let depth = 0;
        const detail: string[] = [];
        for (const queue of [
          "sync-storefront",
          "sync-feeds",
          "sync-marketplace",
        ] as const) {
          const counts = await getQueue(queue).getJobCounts(
            "waiting",
            "delayed",
            "prioritized",
            "active",
            "paused",
          );
          // Queued work: active jobs are bounded by the workers' slots, not counted here.
          depth +=
            (counts.waiting ?? 0) +
            (counts.delayed ?? 0) +
            (counts.prioritized ?? 0) +
            (counts.paused ?? 0);
          detail.push(`${queue} ${JSON.stringify(counts)}`);
        }
        if (depth > maxQueueDepth) {
          maxQueueDepth = depth;
          maxQueueDetail = detail.join("; ");
        }
      } catch {
        // Redis is restarting.
      }
      await sleep(200);
    }
  })();

  // ── The burst ─────────────────────────────────────────────────────────────────────────────────────────────
  if (options.faults) {
    emulator.setFaults(SHOP, {
      serverErrorRate: 0.1,
      throttleRate: 0.1,
      lostResponseRate: 0.05,
    });
  }
  const killAt = new Set(
    Array.from({ length: options.workerKills }, (_, k) =>
      Math.floor(((k + 1) * options.changes) / (options.workerKills + 1)),
    ),
  );
  const restartAt = options.redisRestart
    ? Math.floor(options.changes * 0.55)
    : -1;
  let version = 0;
  const started = performance.now();
  for (let n = 0; n < options.changes; n++) {
    const due = started + (n * 1000) / options.rate;
    if (performance.now() < due) await sleep(due - performance.now());
    if (options.faults && n % 50 === 25) {
      emulator.faultsFor(SHOP).failMedia = 1;
      receiver.faults.failNext = 3;
    }
    if (killAt.has(n)) {
      const victim = Math.floor(random() * workers.length);
      say(`change ${n}: SIGKILL worker ${victim + 1}`);
      await workers[victim]!.kill();
      workers[victim] = await WorkerProcess.start(workerEnv);
    }
    if (n === restartAt) {
      say(`change ${n}: Redis restarts empty (queues, locks and buckets lost)`);
      await redis.stop();
      await sleep(1_000);
      await redis.start();
    }
    const roll = random();
    try {
      if (roll < 0.5) {
        const assetId = pick(assets);
        await replaceAsset(
          SHOP,
          assetId,
          `chaos-r${version}.jpg`,
          await packshot(imageNumber++),
        );
        version += 1;
        if (random() < 0.25) {
          // Two replacements of one asset within 50 ms.
          await replaceAsset(
            SHOP,
            assetId,
            `chaos-r${version}.jpg`,
            await packshot(imageNumber++),
          );
          version += 1;
          n += 1;
        }
      } else if (roll < 0.8) {
        const product = pick(products);
        const variant = pick(product.variants);
        const assetId = pick(assets);
        const link = await db.assetLink.findFirst({
          where: {
            shop: SHOP,
            assetId,
            productId: product.id,
            variantId: variant.id,
          },
        });
        if (link) await unlink(SHOP, [link.id]);
        else
          await linkAssets(SHOP, {
            assetIds: [assetId],
            productId: product.id,
            variantIds: [variant.id],
            role: "DETAIL",
          });
      } else {
        const product = pick(products);
        await saveProductValues(
          SHOP,
          product.id,
          [
            {
              attributeKey: "material_composition",
              input: `${50 + (n % 50)}% wool, ${50 - (n % 50)}% cashmere`,
            },
          ],
          "chaos",
        );
        await approveProducts(SHOP, [product.id], "chaos");
      }
    } catch (error) {
      say(`change ${n} refused: ${(error as Error).message}`);
    }
    void kickOutboxRelay();
  }
  const lastChange = performance.now();
  emulator.setFaults(SHOP, {});
  receiver.faults = {};
  say(
    `${options.changes} changes in ${((lastChange - started) / 1000).toFixed(1)} s; waiting for every channel`,
  );

  // ── Outside check ────────────────────────────────────────────────────────────────────────────────────────
  const { google } = await shopChannels(SHOP);
  const feedItems = async () => {
    const response = await feedLoader({
      request: new Request(
        `https://app.example/feeds/google/${SHOP}.xml?token=${google.config.feedToken}`,
      ),
      params: { feed: "google", file: `${SHOP}.xml` },
      context: {},
    });
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(
      await response.text(),
    ) as { rss: { channel: { item?: unknown } } };
    const items = parsed.rss.channel.item;
    return (Array.isArray(items) ? items : items ? [items] : []) as Record<
      string,
      unknown
    >[];
  };
  const cdnSha = new Map<string, string>();
  const contentOf = async (src: string) => {
    const known = cdnSha.get(src);
    if (known) return known;
    const response = await emulator.handle(new Request(src));
    const digest = sha(Buffer.from(await response.arrayBuffer()));
    cdnSha.set(src, digest);
    return digest;
  };
  const renditionShas = async (versionId: string) => {
    const rows = await db.rendition.findMany({
      where: { shop: SHOP, versionId, profileId: { startsWith: "storefront" } },
    });
    const out = new Set<string>();
    for (const row of rows)
      out.add(sha(await getStorage().get(row.storageKey)));
    return out;
  };

  /** Every difference between what the channels show and what the approved data asks for. */
  async function mismatches(): Promise<{
    lost: string[];
    stale: string[];
    duplicates: string[];
  }> {
    const lost: string[] = [];
    const stale: string[] = [];
    const duplicates: string[] = [];
    const items = await feedItems();
    const itemOf = new Map(items.map((i) => [String(i["g:id"]), i]));
    for (const product of products) {
      const links = await db.assetLink.findMany({
        where: { shop: SHOP, productId: product.id },
        include: {
          asset: {
            include: { currentVersion: true, versions: true },
          },
        },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      });
      const approved = await db.attributeValue.findFirst({
        where: {
          shop: SHOP,
          productId: product.id,
          variantId: null,
          approved: { not: null },
          attribute: { key: "material_composition" },
        },
        select: { approved: true },
      });
      const material = approved
        ? (JSON.parse(String(approved.approved)) as string)
        : null;
      const view = (await (
        await emulator.handle(
          new Request(`https://${SHOP}/products/${product.handle}.js`),
        )
      ).json()) as {
        media: { id: number; src: string }[];
        variants: {
          id: number;
          sku: string;
          featured_image: { id: number; src: string } | null;
          metafields: Record<string, Record<string, unknown>>;
        }[];
        metafields: Record<string, Record<string, unknown>>;
      };
      const mediaIds = view.media.map((m) => m.id);
      if (new Set(mediaIds).size !== mediaIds.length)
        duplicates.push(`${product.handle}: a media item twice`);
      const appFields = Object.values(view.metafields)[0] ?? {};
      if (material !== null && appFields.material_composition !== material)
        lost.push(
          `${product.handle} storefront: material is not “${material}”`,
        );
      const productLevel = links.filter((l) => l.variantId === "");
      for (const variant of product.variants) {
        const own = links.filter((l) => l.variantId === variant.id);
        const shown = view.variants.find(
          (v) => String(v.id) === variant.shopifyId.split("/").pop(),
        )!;
        const label = `${product.handle}/${variant.sku}`;
        // Storefront: the variant's first image, with the current version's bytes.
        const first = own[0]?.asset;
        if (!first) {
          if (shown.featured_image)
            lost.push(`${label} storefront: still shows an unlinked image`);
        } else if (!shown.featured_image) {
          lost.push(`${label} storefront: no image`);
        } else {
          const served = await contentOf(shown.featured_image.src);
          const expected = await renditionShas(first.currentVersionId!);
          if (!expected.has(served)) {
            const older = await Promise.all(
              first.versions.map((v) => renditionShas(v.id)),
            );
            (older.some((s) => s.has(served)) ? stale : lost).push(
              `${label} storefront: not the current version of “${first.title}”`,
            );
          }
        }
        const gallery = Object.values(shown.metafields ?? {})[0]?.gallery as
          unknown[] | undefined;
        if ((gallery?.length ?? 0) !== new Set(own.map((l) => l.assetId)).size)
          lost.push(
            `${label} storefront: gallery has ${gallery?.length ?? 0} images, expected ${own.length}`,
          );
        // Google and the marketplace: main image = the first variant image, else the first product-level one.
        const main = (own[0] ?? productLevel[0])?.asset;
        const item = itemOf.get(variant.sku!);
        const listing = receiver.listings.get(variant.sku!);
        if (!main) {
          if (item) lost.push(`${label} google: in the feed without an image`);
          if (listing) lost.push(`${label} marketplace: listed without image`);
          continue;
        }
        const current = main.currentVersion!.sha256;
        const check = (
          channel: string,
          url: string | undefined,
          shown: string | null | undefined,
        ) => {
          if (!url) return lost.push(`${label} ${channel}: missing`);
          if (!url.includes(current))
            (main.versions.some((v) => url.includes(v.sha256))
              ? stale
              : lost
            ).push(`${label} ${channel}: not the current image`);
          if (material !== null && shown !== material)
            lost.push(`${label} ${channel}: material is not “${material}”`);
        };
        check(
          "google",
          item ? String(item["g:image_link"]) : undefined,
          item ? (item["g:material"] as string | undefined) : undefined,
        );
        check(
          "marketplace",
          listing?.images.main,
          listing?.attributes.material_composition as string | undefined,
        );
      }
    }
    // One Shopify file per asset, every one of them shown by a product.
    const files = [...emulator.shop(SHOP).files.values()].filter((f) =>
      f.filename.startsWith("vitrine-"),
    );
    const perAsset = new Map<string, number>();
    for (const file of files) {
      const asset = file.filename.split("-")[1] ?? "";
      perAsset.set(asset, (perAsset.get(asset) ?? 0) + 1);
    }
    for (const [asset, count] of perAsset)
      if (count > 1) duplicates.push(`asset ${asset}: ${count} Shopify files`);
    return { lost, stale, duplicates };
  }

  /** What the engine's tables, the queues and the workers' logs say about the pairs that did not converge. */
  async function writeDiagnosis(dir: string, missed: string[]) {
    const { mkdirSync, writeFileSync } = await import("node:fs");
    mkdirSync(dir, { recursive: true });
    const handles = new Set(missed.map((line) => line.split(/[/ ]/)[0]!));
    const ids = products.filter((p) => handles.has(p.handle)).map((p) => p.id);
    const states = await db.syncState.findMany({
      where: { shop: SHOP, productId: { in: ids } },
    });
    const hops = await db.syncHop.findMany({
      where: { shop: SHOP, productId: { in: ids }, endedAt: null },
    });
    const outbox = await db.outbox.findMany({
      where: { shop: SHOP, relayedAt: null },
    });
    const jobs: unknown[] = [];
    for (const queue of [
      "sync",
      "sync-storefront",
      "sync-feeds",
      "sync-marketplace",
    ] as const)
      for (const job of await getQueue(queue).getJobs())
        if (ids.some((id) => job.id?.includes(id)))
          jobs.push({
            queue,
            id: job.id,
            state: await job.getState(),
            data: job.data as unknown,
            attemptsMade: job.attemptsMade,
            failedReason: job.failedReason,
            delay: job.delay,
            timestamp: job.timestamp,
          });
    writeFileSync(
      `${dir}/state.json`,
      JSON.stringify(
        { missed, products: ids, states, hops, outbox, jobs },
        null,
        2,
      ),
    );
    workers.forEach((worker, i) =>
      writeFileSync(
        `${dir}/worker-${i}.log`,
        worker.lines.map((line) => JSON.stringify(line)).join("\n"),
      ),
    );
    say(`diagnosis of ${ids.length} products written to ${dir}`);
  }

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
  sampling = false;
  await sampler;
  say(`deepest queues: ${maxQueueDetail}`);
  if (result.lost.length + result.stale.length > 0 && options.diagnoseDir)
    await writeDiagnosis(options.diagnoseDir, [
      ...result.lost,
      ...result.stale,
    ]);

  // Files Vitrine created that no product shows: the orphan sweep removes them; count what is left after it.
  const sweep = await enqueue("sync.orphans", { shop: SHOP });
  for (let i = 0; i < 60; i++) {
    const job = await getQueue("sync").getJob(sweep);
    if (job && ((await job.isCompleted()) || (await job.isFailed()))) break;
    await sleep(500);
  }
  const shop = emulator.shop(SHOP);
  const used = new Set([...shop.products.values()].flatMap((p) => p.mediaIds));
  const orphans = [...shop.files.values()].filter(
    (f) => f.filename.startsWith("vitrine-") && !used.has(f.id),
  ).length;

  for (const worker of workers) await worker.kill();
  workers = [];
  await receiver.close();
  await server.close();
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
    pairs: products.length * 3,
    maxQueueDepth,
    mismatches: all.slice(0, 30),
  };
}
