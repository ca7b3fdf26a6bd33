// `npm run bench:search`: library search at scale. Seeds BENCH_ASSETS (default 100,000) assets for one shop (plus
// a smaller second shop) straight into a fresh database, then times typical library queries through
// `searchAssets`. SQLite by default; BENCH_DATABASE_URL=postgresql://… runs it on PostgreSQL (a throwaway database).
// Last line: RESULT search assets=N provider=P p50_ms=X p95_ms=Y (over every query below, several runs each).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { providerOf } from "../app/lib/database-url";
import {
  createMigratedDatabase,
  dropDatabase,
  runDirectory,
} from "../test/support/database";

const total = Number(process.env.BENCH_ASSETS) || 100_000;
const runs = Number(process.env.BENCH_RUNS) || 7;
const base = process.env.BENCH_DATABASE_URL ?? "file:sqlite";
const runId = randomBytes(4).toString("hex");
const work = mkdtempSync(path.join(tmpdir(), "vitrine-bench-search-"));
Object.assign(process.env, {
  STORAGE_DIR: path.join(work, "storage"),
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "bench",
  SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? "bench",
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? "https://bench.invalid",
  LOG_LEVEL: "silent",
});

const words = [
  "camel",
  "coat",
  "silk",
  "scarf",
  "leather",
  "boot",
  "wool",
  "knit",
  "linen",
  "shirt",
  "denim",
  "jacket",
];
const colours = [
  "black",
  "navy",
  "ivory",
  "rust",
  "olive",
  "sand",
  "grey",
  "red",
];
const shots = ["front", "back", "detail", "lifestyle", "flatlay", "model"];
const pick = <T>(list: T[], n: number) => list[n % list.length]!;

async function main() {
  const url = await createMigratedDatabase(base, runId, "benchsearch");
  process.env.DATABASE_URL = url;
  const [{ default: db }, { searchAssets }, { assetSearchSchema }] =
    await Promise.all([
      import("~/db.server"),
      import("~/dam/search.db.server"),
      import("~/dam/dam.schema"),
    ]);
  const shop = "bench-search.myshopify.com";
  const other = "bench-other.myshopify.com";
  await db.shop.createMany({ data: [{ shop }, { shop: other }] });
  const collection = await db.assetCollection.create({
    data: { shop, name: "AW26" },
  });

  const t0 = performance.now();
  const batch = 2_000;
  const start = Date.UTC(2025, 0, 1);
  for (let offset = 0; offset < total; offset += batch) {
    const n = Math.min(batch, total - offset);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = offset + k;
      const owner = i % 10 === 9 ? other : shop;
      const title = `${pick(colours, i)} ${pick(words, i >> 3)} ${pick(shots, i >> 1)} ${i}`;
      const width = 800 + (i % 5) * 400;
      const height = 800 + (i % 3) * 400;
      return {
        id: `a${runId}${i}`,
        shop: owner,
        title,
        kind: i % 50 === 0 ? ("VIDEO" as const) : ("IMAGE" as const),
        status: (
          ["DRAFT", "IN_REVIEW", "APPROVED", "APPROVED", "ARCHIVED"] as const
        )[i % 5]!,
        latestVersionNumber: 1,
        filename: `${title.replaceAll(" ", "-")}.jpg`,
        mime: "image/jpeg",
        bytes: 100_000 + ((i * 7919) % 5_000_000),
        width,
        height,
        orientation:
          width === height
            ? "SQUARE"
            : width > height
              ? "LANDSCAPE"
              : "PORTRAIT",
        createdBy: `user:${i % 7}`,
        createdAt: new Date(start + i * 60_000),
        validUntil:
          i % 97 === 0 ? new Date(Date.now() + (i % 30) * 86_400_000) : null,
      };
    });
    await db.asset.createMany({ data: rows });
    await db.assetVersion.createMany({
      data: rows.map((r) => ({
        id: `v${r.id}`,
        shop: r.shop,
        assetId: r.id,
        number: 1,
        sha256: r.id.padEnd(64, "0"),
        storageKey: `masters/${r.shop}/00/${r.id}`,
        filename: r.filename,
        mime: r.mime,
        bytes: r.bytes,
        width: r.width,
        height: r.height,
      })),
    });
    await db.assetSearchDoc.createMany({
      data: rows.map((r) => ({
        assetId: r.id,
        shop: r.shop,
        body: `${r.title} \n${r.filename}`,
      })),
    });
    const tagged = rows.filter((_, k) => (offset + k) % 20 === 0);
    await db.assetTag.createMany({
      data: tagged.map((r) => ({
        assetId: r.id,
        shop: r.shop,
        tag: "campaign",
      })),
    });
    await db.assetCollectionItem.createMany({
      data: tagged
        .filter((r) => r.shop === shop)
        .map((r) => ({ collectionId: collection.id, assetId: r.id, shop })),
    });
  }
  if (providerOf(url) === "postgresql")
    await db.$executeRawUnsafe("VACUUM ANALYZE");
  else await db.$executeRawUnsafe("ANALYZE");
  console.log(
    `seeded ${total} assets (${Math.round(total * 0.9)} in the measured shop) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const queries: [string, Record<string, unknown>][] = [
    ["newest, first page", {}],
    ["text 'camel coat'", { q: "camel coat" }],
    ["text prefix 'leath' + approved", { q: "leath", status: ["APPROVED"] }],
    ["tag", { tag: "campaign" }],
    ["collection", { collectionId: collection.id }],
    [
      "portrait + size range",
      { orientation: "PORTRAIT", minBytes: 1_000_000, maxBytes: 2_000_000 },
    ],
    ["rights expiring in 14 days", { expiringWithinDays: 14 }],
    ["by title", { sort: "title" }],
    ["largest", { sort: "largest" }],
    ["uploaded by", { uploadedBy: "user:3", sort: "oldest" }],
  ];
  const all: number[] = [];
  for (const [name, input] of queries) {
    const times: number[] = [];
    let cursor: string | undefined;
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      // Every other run fetches the next page by cursor: deep pages must cost what the first does.
      const page = await searchAssets(
        shop,
        assetSearchSchema.parse({
          ...input,
          cursor: r % 2 ? cursor : undefined,
        }),
      );
      times.push(performance.now() - t);
      cursor = page.nextCursor ?? undefined;
    }
    times.sort((a, b) => a - b);
    all.push(...times.slice(1));
    console.log(
      `${name.padEnd(34)} median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms`,
    );
  }
  all.sort((a, b) => a - b);
  const at = (q: number) =>
    all[Math.min(all.length - 1, Math.floor(q * all.length))]!.toFixed(1);
  await db.$disconnect();
  if (process.env.BENCH_KEEP) {
    console.log(`kept ${url}`);
    return;
  }
  await dropDatabase(url, base);
  rmSync(runDirectory(runId), { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  console.log(
    `RESULT search assets=${total} provider=${providerOf(url)} p50_ms=${at(0.5)} p95_ms=${at(0.95)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
