// A deployment of several processes, as on hosts with ephemeral disks: two web processes and two worker processes
// (real child processes of the production build, `npm run build`, as `npm start` runs them) on PostgreSQL, Redis and S3
// storage (a local S3-protocol server), against the store emulator over HTTP. Checked from outside the app: the
// Admin API calls the emulator answered, what it shows, the bytes in the bucket, the processes' answers and exit
// codes. `npm test` runs this file as its own step, "processes (postgresql)", once the build is made.
import { existsSync } from "node:fs";
import { request as httpRequest } from "node:http";
import type { Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebProcess, WorkerProcess } from "../../emulator/processes";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP as SHOP, seedShop } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { startLocalS3, type LocalS3 } from "../../scripts/s3-local";
import { providerOf } from "~/lib/database-url";
import {
  fileUpdates,
  linkAssetsToVariants,
  serveRecordedEmulator,
  sha256,
  traffic,
} from "../support/cluster";
import {
  embeddedFetchRequest,
  storeOfflineSessionWithToken,
  webhookRequest,
} from "../support/shopify";
import { eventually } from "../support/wait";

const reason =
  providerOf(process.env.DATABASE_URL ?? "") !== "postgresql"
    ? "needs PostgreSQL (DATABASE_URL=postgresql://…): SQLite is one machine's database, not one for several processes"
    : !existsSync("build/node/web.js")
      ? "needs the production build the processes run: `npm run build` first"
      : "";
if (reason) console.log(`[processes] skipped: ${reason}`);

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

describe.skipIf(!!reason)("many web and worker processes", () => {
  // A small bucket (Standard is 2,000 points, 100/s), so that a wave of replacements is limited by it — but no
  // smaller than Shopify's single-query cap (1,000): a product read asking more than the bucket holds could never
  // be answered (it was, with 300, once a product of ten images also read its spin metafield).
  const BUCKET = { maximumAvailable: 1000, restoreRate: 50 };
  const emulator = testEmulator({ mediaProcessingMs: 200, throttle: BUCKET });
  let s3: LocalS3;
  let recorded: Awaited<ReturnType<typeof serveRecordedEmulator>>;
  let workers: WorkerProcess[] = [];
  let webs: WebProcess[] = [];
  let assets: string[] = [];
  let childEnv: Record<string, string>;

  const app = async () => ({
    db: (await import("~/db.server")).default,
    queues: await import("~/jobs/queues.server"),
    relay: await import("~/outbox/relay.server"),
    storage: await import("~/dam/storage.server"),
    factories: await import("../support/factories/asset"),
  });

  beforeAll(async () => {
    s3 = await startLocalS3({ bucket: `vitrine-processes-${Date.now()}` });
    // This process uploads and approves assets as a web process does: it needs the same storage.
    Object.assign(process.env, s3.env("deployment"));
    await seedShop(emulator, SHOP, { factor: 0.1, images: false });
    recorded = await serveRecordedEmulator(emulator);
    await storeOfflineSessionWithToken(SHOP, emulator.issueAccessToken(SHOP));
    const { mirrorFromEmulator } = await import("../support/factories/product");
    await mirrorFromEmulator(emulator, SHOP);
    const { ensureChannels } =
      await import("~/sync/channels/channels.db.server");
    await ensureChannels(SHOP);
    assets = await linkAssetsToVariants(SHOP, {
      assets: ASSETS,
      variantsPerAsset: VARIANTS_PER_ASSET,
      image: (n) => image(n, "v1"),
    });
    childEnv = {
      SHOPIFY_API_ORIGIN: recorded.url,
      WORKER_CONCURRENCY: "2",
      // "job done" lines are debug: the wave's jobs are then found in the logs of the process that ran them.
      LOG_LEVEL: "debug",
      SYNC_ORPHAN_GRACE_MS: "0",
    };
    const built = { built: true };
    [workers, webs] = await Promise.all([
      Promise.all([
        WorkerProcess.start(childEnv, built),
        WorkerProcess.start(childEnv, built),
      ]),
      Promise.all([
        WebProcess.start(childEnv, built),
        WebProcess.start(childEnv, built),
      ]),
    ]);
    // The first publish: every linked variant shows its asset.
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
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...workers, ...webs].map((p) => p.kill()));
    await recorded?.close();
    await s3?.close();
  });

  /** Replaces assets (new versions, approved) and waits until every hop they opened has ended. */
  async function replace(ids: string[], label: string) {
    const { db, relay, factories } = await app();
    const outboxIds: string[] = [];
    for (const assetId of ids) {
      const n = assets.indexOf(assetId);
      const { outboxId } = await factories.replaceAsset(
        SHOP,
        assetId,
        `scale-${n}.jpg`,
        await image(n, label),
      );
      outboxIds.push(outboxId);
    }
    await relay.kickOutboxRelay();
    return {
      outboxIds,
      ended: () =>
        eventually(
          async () => {
            const hops = await db.syncHop.findMany({
              where: { shop: SHOP, outboxId: { in: outboxIds } },
            });
            return hops.length > 0 && hops.every((h) => h.endedAt);
          },
          Boolean,
          { timeoutMs: 120_000, what: `the ${label} replacements to end` },
        ),
      hops: () =>
        db.syncHop.findMany({
          where: { shop: SHOP, outboxId: { in: outboxIds } },
        }),
    };
  }

  /** Whether the emulator's file for the asset holds the current version's storefront rendition, read from S3. */
  async function showsCurrentVersion(assetId: string): Promise<boolean> {
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
  }

  async function fileGidOf(assetId: string): Promise<string> {
    const { db } = await app();
    const file = await db.shopifyFile.findFirstOrThrow({
      where: { shop: SHOP, assetId },
    });
    return file.fileGid;
  }

  /** Storefront jobs running now, each with the process that runs (or took over) it as `processedBy`. */
  async function activeStorefrontJobs(): Promise<Job[]> {
    const { queues } = await app();
    return queues.getQueue("sync-storefront").getActive();
  }

  /**
   * The storefront jobs a worker finished since `since` (ms), from its own log lines: finished pair jobs leave
   * nothing in Redis, each process logs the jobs it ran with their shop and id.
   */
  const storefrontJobsDone = (worker: WorkerProcess, since: number) =>
    worker.lines.filter(
      (l) =>
        l.msg === "job done" &&
        l.queue === "sync-storefront" &&
        l.shop === SHOP &&
        typeof l.jobId === "string" &&
        Number(l.time ?? 0) >= since,
    );

  /** Every storefront hop the replacement opened ended LIVE (observed on the storefront, not merely pushed). */
  async function expectStorefrontLive(
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

  it("serves sessions, health and storage from either web process", async () => {
    for (const web of webs) {
      const request = await embeddedFetchRequest(
        "/app/assets?_data=routes%2Fapp.assets._index",
        SHOP,
      );
      const response = await fetch(
        `${web.url}/app/assets?_data=routes%2Fapp.assets._index`,
        {
          headers: request.headers,
        },
      );
      expect(response.status).toBe(200);
      const body = await response.text();
      for (const assetId of assets) expect(body).toContain(assetId);
      const ready = await fetch(`${web.url}/readyz`);
      expect(await ready.json()).toEqual({
        status: "ready",
        database: "ok",
        redis: "ok",
        storage: "ok",
      });
    }
  });

  it("puts a replacement live once, spreads the work over both workers and shares the shop's bucket", async () => {
    const mark = performance.now();
    const since = Date.now();
    const wave = await replace(assets, "v2");
    await wave.ended();
    await expectStorefrontLive(wave.hops);
    for (const assetId of assets)
      expect(await showsCurrentVersion(assetId)).toBe(true);
    // One in-place content replacement per asset, whichever process ran it: no duplicate pushes.
    const gids = await Promise.all(assets.map(fileGidOf));
    expect(fileUpdates(recorded.calls, mark).sort()).toEqual([...gids].sort());
    // Both workers ran storefront jobs of the wave; each job's log lines carry its shop, id and queue.
    for (const worker of workers)
      expect(storefrontJobsDone(worker, since).length).toBeGreaterThan(0);
    // Two processes, one bucket: the wave spent more than the bucket holds, yet (almost) no call was THROTTLED —
    // each process reserves its points from the shop's bucket mirrored in Redis before calling. A reservation is
    // made from the query's requested cost and corrected from Shopify's answer, so a call racing that correction can
    // still meet a THROTTLED answer (seen: 1 of 61); two processes each spending a bucket of their own would meet
    // one for many of the calls past the bucket.
    const spent = traffic(recorded.calls, mark);
    console.log(`[processes] replacement wave: ${JSON.stringify(spent)}`);
    expect(spent.points).toBeGreaterThan(BUCKET.maximumAvailable);
    expect(spent.throttled).toBeLessThanOrEqual(
      Math.max(2, Math.ceil(spent.responses * 0.05)),
    );
  });

  it("hands the job of a worker killed mid-push (SIGKILL) to the other worker, which completes it", async () => {
    const assetId = assets[0]!;
    const mark = performance.now();
    // Slow answers keep the push running long enough to kill the worker in the middle of it.
    emulator.setFaults(SHOP, { latencyMs: 300 });
    const wave = await replace([assetId], "v3");
    const job = await eventually(
      async () =>
        (await activeStorefrontJobs()).find((j) => j.processedBy) ?? null,
      (j) => j !== null,
      { timeoutMs: 60_000, what: "a storefront job running" },
    );
    const victim = workers.find((w) => w.name === job!.processedBy)!;
    const survivor = workers.find((w) => w !== victim)!;
    await victim.kill();
    emulator.setFaults(SHOP, {});
    await wave.ended();
    await expectStorefrontLive(wave.hops);
    expect(await showsCurrentVersion(assetId)).toBe(true);
    expect(storefrontJobsDone(survivor, 0).map((l) => l.jobId)).toContain(
      job!.id,
    );
    expect(fileUpdates(recorded.calls, mark)).toEqual([
      await fileGidOf(assetId),
    ]);
    workers = [survivor, await WorkerProcess.start(childEnv, { built: true })];
  });

  it("finishes the push it is running when a worker gets SIGTERM, and exits cleanly", async () => {
    const assetId = assets[1]!;
    const mark = performance.now();
    emulator.setFaults(SHOP, { latencyMs: 300 });
    const wave = await replace([assetId], "v4");
    const job = await eventually(
      async () =>
        (await activeStorefrontJobs()).find((j) => j.processedBy) ?? null,
      (j) => j !== null,
      { timeoutMs: 60_000, what: "a storefront job running" },
    );
    const stopping = workers.find((w) => w.name === job!.processedBy)!;
    const exit = await stopping.terminate();
    emulator.setFaults(SHOP, {});
    expect(exit).toEqual({ code: 0, signal: null });
    const stopped = stopping.lines.find((l) => l.msg === "worker stopped");
    console.log(
      `[processes] worker stopped after SIGTERM in ${String(stopped?.ms)} ms`,
    );
    // The stopping worker finished the job itself: nothing was cut off or left for a lock to expire.
    expect(storefrontJobsDone(stopping, 0).map((l) => l.jobId)).toContain(
      job!.id,
    );
    const { queues } = await app();
    await wave.ended();
    await expectStorefrontLive(wave.hops);
    expect(await showsCurrentVersion(assetId)).toBe(true);
    expect(fileUpdates(recorded.calls, mark)).toEqual([
      await fileGidOf(assetId),
    ]);
    expect(await queues.getQueue("sync-storefront").getFailedCount()).toBe(0);
  });

  it("answers the request in flight when a web process gets SIGTERM, refuses new connections, and exits cleanly", async () => {
    const web = webs[1]!;
    const delivery = webhookRequest({
      topic: "customers/data_request",
      shop: SHOP,
      payload: {
        shop_id: 1,
        shop_domain: SHOP,
        customer: { id: 5 },
        orders_requested: [],
        data_request: { id: 9 },
      },
    });
    const inFlight = slowRequest(`${web.url}/webhooks/customers/data_request`, {
      headers: delivery.headers,
      body: await delivery.text(),
    });
    // The request is in the app (its body half sent) when the signal arrives.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const exit = web.terminate();
    await eventually(
      () => Promise.resolve(web.lines.some((l) => l.msg === "web stopping")),
      Boolean,
      { what: "the web process to start stopping" },
    );
    await expect(fetch(`${web.url}/healthz`)).rejects.toThrow();
    inFlight.finish();
    expect((await inFlight.response).status).toBe(200);
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(web.lines.some((l) => l.msg === "web stopped")).toBe(true);
    // The other web process still serves.
    expect((await fetch(`${webs[0]!.url}/healthz`)).status).toBe(200);
  });
});

/** Sends a request whose body arrives slowly: headers and half the body now, the rest when `finish` is called. */
function slowRequest(url: string, init: { headers: Headers; body: string }) {
  const target = new URL(url);
  const headers: Record<string, string> = {};
  init.headers.forEach((value, name) => (headers[name] = value));
  headers["content-length"] = String(Buffer.byteLength(init.body));
  const request = httpRequest({
    host: target.hostname,
    port: target.port,
    path: target.pathname,
    method: "POST",
    headers,
  });
  const half = Math.floor(init.body.length / 2);
  request.write(init.body.slice(0, half));
  const response = new Promise<{ status: number; body: string }>(
    (resolve, reject) => {
      request.on("error", reject);
      request.on("response", (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
    },
  );
  return {
    response,
    finish: () => request.end(init.body.slice(half)),
  };
}
