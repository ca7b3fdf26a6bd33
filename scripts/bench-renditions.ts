// `npm run bench:renditions`: ingests generated 24 MP JPEGs through the app (spool, hash, type, probe, metadata,
// database) and renders the library renditions through the app's pipeline (storage → image.server → storage),
// then does the same transforms with bare sharp on the same masters in the same run as the baseline.
// Last line: RESULT renditions images=N pipeline_ips=X sharp_ips=Y ratio_vs_sharp=X/Y peak_rss_mb=Z
// Env: BENCH_IMAGES (default 12), BENCH_CONCURRENCY (images in flight, default 2 = cores of the target worker),
// BENCH_ROUNDS (default 4; the fastest round of each side counts).
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { migrateDeploy } from "./setup";

const images = Number(process.env.BENCH_IMAGES) || 12;
const concurrency = Number(process.env.BENCH_CONCURRENCY) || 2;
const generateInto =
  process.argv[2] === "--generate" ? process.argv[3] : undefined;
const work = generateInto ?? mkdtempSync(path.join(tmpdir(), "vitrine-bench-"));
const databaseUrl = `file:${path.join(work, "bench.sqlite")}`;
Object.assign(process.env, {
  DATABASE_URL: databaseUrl,
  STORAGE_DIR: path.join(work, "storage"),
  QUEUE_PREFIX: `vitrine-bench-${randomBytes(4).toString("hex")}`,
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "bench",
  SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? "bench",
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? "https://bench.invalid",
  LOG_LEVEL: "silent",
});

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

async function inParallel<T>(items: T[], run: (item: T) => Promise<unknown>) {
  const queue = [...items];
  const lane = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift())
      await run(item);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/** 6000 × 4000 camera-like frames: a smooth scene plus shared sensor noise (pure noise would be an unfair worst case). */
async function cameraFrames(count: number): Promise<Buffer[]> {
  const noise = await sharp({
    create: {
      width: 6000,
      height: 4000,
      channels: 3,
      background: "#000000",
      noise: { type: "gaussian", mean: 128, sigma: 12 },
    },
  })
    .raw()
    .toBuffer();
  const frames: Buffer[] = [];
  for (let seed = 1; seed <= count; seed++) {
    const scene = await sharp({
      create: {
        width: 60,
        height: 40,
        channels: 3,
        background: { r: (seed * 53) % 255, g: 120, b: (seed * 97) % 255 },
      },
    })
      .composite([
        {
          input: {
            create: {
              width: 30,
              height: 20,
              channels: 3,
              background: "#f4f1ea",
            },
          },
          left: 15,
          top: 10,
        },
      ])
      .png()
      .toBuffer();
    frames.push(
      await sharp(scene)
        .resize(6000, 4000, { kernel: "cubic" })
        .composite([
          {
            input: noise,
            raw: { width: 6000, height: 4000, channels: 3 },
            blend: "soft-light",
          },
        ])
        .jpeg({ quality: 88 })
        .toBuffer(),
    );
  }
  return frames;
}

async function generate(dir: string) {
  const frames = await cameraFrames(images);
  frames.forEach((frame, i) =>
    writeFileSync(path.join(dir, `master-${i}.jpg`), frame),
  );
}

async function main() {
  migrateDeploy(databaseUrl);
  const [
    { default: db },
    { ingestUpload },
    { renderVersionRenditions },
    { LIBRARY_RENDITIONS },
    { getStorage },
    queues,
  ] = await Promise.all([
    import("~/db.server"),
    import("~/dam/ingest.server"),
    import("~/dam/renditions.server"),
    import("~/dam/image.server"),
    import("~/dam/storage.server"),
    import("~/jobs/queues.server"),
  ]);
  const shop = "bench.myshopify.com";
  await db.shop.create({ data: { shop } });

  console.log(`generating ${images} × 24 MP JPEGs…`);
  // In a child process: generating them is not what is measured, and its memory must not count in peak RSS.
  const generated = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1]!, "--generate", work],
    {
      stdio: "inherit",
    },
  );
  if (generated.status !== 0) throw new Error("generating the masters failed");
  const masters = Array.from({ length: images }, (_, i) =>
    readFileSync(path.join(work, `master-${i}.jpg`)),
  );
  const mb = masters.reduce((n, m) => n + m.length, 0) / images / 1024 / 1024;
  console.log(`masters: 6000 × 4000, ${mb.toFixed(1)} MB each on average`);

  const t0 = performance.now();
  const versions: { assetId: string; id: string }[] = [];
  await inParallel(
    masters.map((data, i) => ({ data, i })),
    async ({ data, i }) => {
      const result = await ingestUpload({
        shop,
        filename: `frame-${i}.jpg`,
        data,
        actor: "bench",
      });
      if (!("version" in result)) throw new Error("unexpected duplicate");
      versions.push(result.version);
    },
  );
  const ingestSeconds = (performance.now() - t0) / 1000;
  console.log(
    `ingest: ${(images / ingestSeconds).toFixed(2)} images/s (spool, hash, detect, probe, EXIF, DB)`,
  );

  const specs = Object.values(LIBRARY_RENDITIONS);
  // The same transforms, scheduled like the pipeline schedules them (a master's renditions side by side), so the
  // ratio measures what the app adds: storage reads and atomic writes, database lookups, error mapping.
  const bare = (master: Buffer) =>
    Promise.all(
      specs.map((spec) =>
        sharp(master)
          .rotate()
          .resize(spec.width, spec.height, {
            fit: spec.fit,
            withoutEnlargement: true,
          })
          .webp({ quality: spec.quality })
          .toBuffer(),
      ),
    );

  // Warm both paths once (first use loads codecs), then alternate rounds and keep each side's fastest: the
  // machine is shared, so a single round mostly measures the neighbours.
  await bare(masters[0]!);
  const rounds = Number(process.env.BENCH_ROUNDS) || 4;
  let sharpSeconds = Infinity;
  let pipelineSeconds = Infinity;
  const measureSharp = async () => {
    const t = performance.now();
    await inParallel(masters, bare);
    sharpSeconds = Math.min(sharpSeconds, (performance.now() - t) / 1000);
  };
  const measurePipeline = async () => {
    // Renditions are content-addressed and skipped when present: remove them so every round renders.
    await getStorage().deletePrefix(`renditions/${shop}`);
    const t = performance.now();
    await inParallel(versions, (v) =>
      renderVersionRenditions(shop, v.assetId, v.id),
    );
    pipelineSeconds = Math.min(pipelineSeconds, (performance.now() - t) / 1000);
  };
  for (let round = 0; round < rounds; round++) {
    // Alternate which side goes first, so neither always runs on a warmer (or busier) machine.
    if (round % 2 === 0) await measureSharp().then(measurePipeline);
    else await measurePipeline().then(measureSharp);
  }

  const stored = await db.assetVersion.findMany({
    where: { shop, renditionsReadyAt: { not: null } },
  });
  if (stored.length !== images)
    throw new Error(
      `only ${stored.length} of ${images} versions have renditions`,
    );

  clearInterval(sampler);
  const pipelineIps = images / pipelineSeconds;
  const sharpIps = images / sharpSeconds;
  const queue = queues.getQueue("renditions");
  await queue.obliterate({ force: true });
  await queues.closeQueues();
  await db.$disconnect();
  rmSync(work, { recursive: true, force: true });
  console.log(
    `renditions per image: ${specs.map((s) => `${s.width}px ${s.format}`).join(", ")}; concurrency ${concurrency}; sharp.concurrency ${sharp.concurrency()}`,
  );
  console.log(
    `RESULT renditions images=${images} pipeline_ips=${pipelineIps.toFixed(2)} sharp_ips=${sharpIps.toFixed(2)} ratio_vs_sharp=${(pipelineIps / sharpIps).toFixed(2)} peak_rss_mb=${Math.round(peakRss / 1024 / 1024)}`,
  );
}

(generateInto
  ? generate(generateInto).finally(() => clearInterval(sampler))
  : main()
).catch((error: unknown) => {
  console.error(error);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
