// The many-process test's deployment: two web and two worker processes of the production build, on PostgreSQL,
// Redis and a local S3-protocol server, against the store emulator served over HTTP with every Admin API call
// recorded; six assets linked to four variants each, published once before the tests. `useDeployment()` (called
// inside the file's describe) registers its beforeAll/afterAll and returns the stage, with what the tests do
// (replace assets) and read back from outside the app (the emulator's files, the bucket, the processes' logs).
import { existsSync } from "node:fs";
import type { Job } from "bullmq";
import { afterAll, beforeAll, expect } from "vitest";
import { WebProcess, WorkerProcess } from "../../emulator/processes";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP as SHOP, seedShop } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { startLocalS3, type LocalS3 } from "../../scripts/s3-local";
import { providerOf } from "~/lib/database-url";
import { linkAssetsToVariants, serveRecordedEmulator, sha256 } from "./cluster";
import { storeOfflineSessionWithToken } from "./shopify";
import { eventually } from "./wait";

export { SHOP };

/** Why this machine cannot run the deployment ("" when it can). */
export const skipReason =
  providerOf(process.env.DATABASE_URL ?? "") !== "postgresql"
    ? "needs PostgreSQL (DATABASE_URL=postgresql://…): SQLite is one machine's database, not one for several processes"
    : !existsSync("build/node/web.js")
      ? "needs the production build the processes run: `npm run build` first"
      : "";

// A small bucket (Standard is 2,000 points, 100/s), so that a wave of replacements is limited by it. It must hold
// the costliest single read the wave makes, or that read could never be answered (it was not, with 300, once a
// product of ten images also read its spin metafield): product reads are sized to what the product holds and ask
// ~190-300 points here. 1,000 until a replacement read each product once instead of three times: the wave then
// spent ~760 points, less than the bucket, and no longer tested two processes sharing one.
export const BUCKET = { maximumAvailable: 500, restoreRate: 50 };
const ASSETS = 6;
const VARIANTS_PER_ASSET = 4;

const image = (n: number, label: string) =>
  studioImage({
    family: "coat",
    colour: COLOURS[n % COLOURS.length]!,
    width: 1000,
    height: 1250,
    packshot: true,
    label: `${n} ${label}`,
  });

// The app's modules are imported once the storage environment is set (in beforeAll).
const app = async () => ({
  db: (await import("~/db.server")).default,
  queues: await import("~/jobs/queues.server"),
  relay: await import("~/outbox/relay.server"),
  storage: await import("~/dam/storage.server"),
  factories: await import("./factories/asset"),
});

export function useDeployment() {
  const emulator = testEmulator({ mediaProcessingMs: 200, throttle: BUCKET });
  let s3: LocalS3 | undefined;
  const stage = {
    emulator,
    recorded: undefined as unknown as Awaited<
      ReturnType<typeof serveRecordedEmulator>
    >,
    workers: [] as WorkerProcess[],
    webs: [] as WebProcess[],
    assets: [] as string[],
    childEnv: {} as Record<string, string>,
    /** Starts another worker process like the first ones. */
    startWorker: () => WorkerProcess.start(stage.childEnv, { built: true }),

    /** Replaces assets (new versions, approved) and waits until every hop they opened has ended. */
    replace: async (ids: string[], label: string) => {
      const { db, relay, factories } = await app();
      const outboxIds: string[] = [];
      for (const assetId of ids) {
        const n = stage.assets.indexOf(assetId);
        const { outboxId } = await factories.replaceAsset(
          SHOP,
          assetId,
          `scale-${n}.jpg`,
          await image(n, label),
        );
        outboxIds.push(outboxId);
      }
      await relay.kickOutboxRelay();
      const hops = () =>
        db.syncHop.findMany({
          where: { shop: SHOP, outboxId: { in: outboxIds } },
        });
      return {
        outboxIds,
        hops,
        ended: () =>
          eventually(
            async () => {
              const opened = await hops();
              return opened.length > 0 && opened.every((h) => h.endedAt);
            },
            Boolean,
            { timeoutMs: 120_000, what: `the ${label} replacements to end` },
          ),
      };
    },

    /** Whether the emulator's file for the asset holds the current version's storefront rendition, read from S3. */
    showsCurrentVersion: async (assetId: string): Promise<boolean> => {
      const { db, storage } = await app();
      const asset = await db.asset.findFirstOrThrow({
        where: { shop: SHOP, id: assetId },
        include: { shopifyFile: true },
      });
      const renditions = await db.rendition.findMany({
        where: {
          shop: SHOP,
          versionId: asset.currentVersionId!,
          profileId: { startsWith: "storefront" },
        },
      });
      const expected = new Set<string>();
      for (const r of renditions)
        expected.add(sha256(await storage.getStorage().get(r.storageKey)));
      const file = emulator.shop(SHOP).files.get(asset.shopifyFile[0]!.fileGid);
      return !!file?.ready && expected.has(file.ready.blobKey);
    },

    fileGidOf: async (assetId: string): Promise<string> => {
      const { db } = await app();
      const file = await db.shopifyFile.findFirstOrThrow({
        where: { shop: SHOP, assetId },
      });
      return file.fileGid;
    },

    /** Waits for a storefront job running now, with the process that runs it as `processedBy`. */
    runningStorefrontJob: async (): Promise<Job> => {
      const { queues } = await app();
      const job = await eventually(
        async () =>
          (await queues.getQueue("sync-storefront").getActive()).find(
            (j) => j.processedBy,
          ) ?? null,
        (j) => j !== null,
        { timeoutMs: 60_000, what: "a storefront job running" },
      );
      return job!;
    },

    failedStorefrontJobs: async () =>
      (await app()).queues.getQueue("sync-storefront").getFailedCount(),
  };

  beforeAll(async () => {
    s3 = await startLocalS3({ bucket: `vitrine-processes-${Date.now()}` });
    // This process uploads and approves assets as a web process does: it needs the same storage.
    Object.assign(process.env, s3.env("deployment"));
    await seedShop(emulator, SHOP, { factor: 0.1, images: false });
    stage.recorded = await serveRecordedEmulator(emulator);
    await storeOfflineSessionWithToken(SHOP, emulator.issueAccessToken(SHOP));
    const { mirrorFromEmulator } = await import("./factories/product");
    await mirrorFromEmulator(emulator, SHOP);
    const { ensureChannels } =
      await import("~/sync/channels/channels.db.server");
    await ensureChannels(SHOP);
    stage.assets = await linkAssetsToVariants(SHOP, {
      assets: ASSETS,
      variantsPerAsset: VARIANTS_PER_ASSET,
      image: (n) => image(n, "v1"),
    });
    stage.childEnv = {
      SHOPIFY_API_ORIGIN: stage.recorded.url,
      WORKER_CONCURRENCY: "2",
      // "job done" lines are debug: the wave's jobs are then found in the logs of the process that ran them.
      LOG_LEVEL: "debug",
      SYNC_ORPHAN_GRACE_MS: "0",
    };
    const built = { built: true };
    [stage.workers, stage.webs] = await Promise.all([
      Promise.all([stage.startWorker(), stage.startWorker()]),
      Promise.all([
        WebProcess.start(stage.childEnv, built),
        WebProcess.start(stage.childEnv, built),
      ]),
    ]);
    await firstPublish(stage.workers, stage.webs);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...stage.workers, ...stage.webs].map((p) => p.kill()));
    await stage.recorded?.close();
    await s3?.close();
  });
  return stage;
}

/** The first publish: every linked variant shows its asset (the processes' warnings logged if it never does). */
async function firstPublish(workers: WorkerProcess[], webs: WebProcess[]) {
  const { db, relay } = await app();
  await relay.kickOutboxRelay();
  await eventually(
    () =>
      db.syncState.findMany({
        where: { shop: SHOP, channel: "SHOPIFY_STOREFRONT" },
        select: {
          status: true,
          confirmedRevision: true,
          desiredRevision: true,
          reason: true,
        },
      }),
    (pairs) =>
      pairs.length > 0 &&
      pairs.every(
        (p) =>
          (p.status === "LIVE" || p.status === "NOT_LISTED") &&
          p.confirmedRevision === p.desiredRevision,
      ),
    { timeoutMs: 150_000, what: "the first publish to go live" },
  ).catch((error: unknown) => {
    for (const process of [...workers, ...webs])
      for (const line of process.lines.filter((l) => (l.level ?? 0) >= 40))
        console.log(`[processes] ${process.pid}: ${JSON.stringify(line)}`);
    throw error;
  });
}

/**
 * The storefront jobs a worker finished since `since` (ms), from its own log lines: finished pair jobs leave
 * nothing in Redis, each process logs the jobs it ran with their shop and id.
 */
export const storefrontJobsDone = (worker: WorkerProcess, since: number) =>
  jobsDone(worker, since).filter((l) => l.queue === "sync-storefront");

/** The shop's jobs `worker` finished since `since` (ms), on every queue, from its log lines. */
export const jobsDone = (worker: WorkerProcess, since: number) =>
  worker.lines.filter(
    (l) =>
      l.msg === "job done" &&
      l.shop === SHOP &&
      typeof l.jobId === "string" &&
      Number(l.time ?? 0) >= since,
  );

/** Every storefront hop the replacement opened ended LIVE (observed on the storefront, not merely pushed). */
export async function expectStorefrontLive(
  hops: () => Promise<{ channel: string; outcome: string | null }[]>,
) {
  const storefront = (await hops()).filter(
    (h) => h.channel === "SHOPIFY_STOREFRONT",
  );
  expect(storefront.length).toBeGreaterThan(0);
  expect(storefront.map((h) => h.outcome)).toEqual(
    storefront.map(() => "LIVE"),
  );
}
