// Staging a launch survives a worker dying mid-way: staging runs as a chain of bounded wave jobs on the `launch`
// queue (launch/stage.server.ts), so when the worker running a wave dies (here: it stops renewing its lock while
// the wave hangs), another worker takes the wave over once the lock lapses and the chain goes on from there. The
// waves done before are not done again: every image is created once, in bulk, and the launch ends STAGED.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { createLaunch, getLaunch, stageLaunch } from "~/launch/launch.server";
import { stageLaunchPairs } from "~/launch/stage.server";
import { linkAssets } from "~/sync/links.db.server";
import { closeLocks } from "~/sync/locks.server";
import type { JobPayload } from "~/jobs/definitions";
import { getQueue } from "~/jobs/queues.server";
import { logger } from "~/lib/logger.server";
import { processors } from "~/worker/processors";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import { DEMO_SHOP } from "../../emulator/seed/seed";
import { testEmulator } from "../../emulator/testing";
import { seedDraftSeason } from "../support/launch-season";
import { createAsset } from "../support/sync";
import { eventually } from "../support/wait";

const emulator = testEmulator({ mediaProcessingMs: 30, bulkOperationMs: 30 });
const state = () => emulator.shop(DEMO_SHOP);
const LOCK_MS = 1_500;
let season: { id: string; gid: string }[];
const running: RunningWorkers[] = [];
let launchId = "";

beforeAll(async () => {
  const { drafts, ids } = await seedDraftSeason(emulator, 3);
  await db.channel.create({
    data: {
      shop: DEMO_SHOP,
      kind: "SHOPIFY_STOREFRONT",
      enabled: true,
      config: {},
    },
  });
  season = drafts.map((p) => ({ id: ids.get(p.id)!, gid: p.id }));
  for (const [i, product] of season.entries()) {
    const { assetId } = await createAsset(
      DEMO_SHOP,
      `resume-${i}.jpg`,
      await studioImage({
        family: "coat",
        colour: COLOURS[i % COLOURS.length]!,
        width: 1000,
        height: 1250,
        label: `resume ${i}`,
        packshot: true,
        format: "jpeg",
      }),
    );
    await linkAssets(DEMO_SHOP, {
      assetIds: [assetId],
      productId: product.id,
      role: "FRONT",
    });
  }
}, 60_000);

afterAll(async () => {
  for (const workers of running) await workers.close();
  await closeLocks();
});

describe("staging a launch in wave jobs", () => {
  it("resumes after the worker running a wave dies: the wave is taken over, the earlier waves are not redone", async () => {
    const { id } = await createLaunch(DEMO_SHOP, {
      name: "AW26 resume",
      selection: { kind: "products", productIds: season.map((p) => p.gid) },
    });
    launchId = id;
    // One product per wave (a season's waves are 250): three waves.
    const oneByOne = {
      ...processors,
      "launch.stage": ({
        shop,
        launchId,
      }: {
        shop: string;
        launchId: string;
      }) => stageLaunchPairs(shop, launchId, new Date(), 1),
    };
    // The first worker dies as it takes the second wave: the job hangs and its lock is never renewed again.
    let died = 0;
    const doomed = startWorkers({
      queues: ["launch"],
      lockMs: LOCK_MS,
      processors: {
        ...oneByOne,
        "launch.stage-wave": (payload, context) => {
          if (payload.wave !== 1)
            return oneByOne["launch.stage-wave"](payload, context);
          died += 1;
          void doomed.workers[0]!.close(true);
          return new Promise<never>(() => {});
        },
      },
    });
    running.push(doomed);
    await stageLaunch(DEMO_SHOP, id);
    await eventually(
      () => Promise.resolve(died),
      (n) => n === 1,
      { what: "the first worker died in wave 1", timeoutMs: 30_000 },
    );
    expect(state().files.size).toBe(1);

    // Another worker: once the lock lapses it takes wave 1 over, and the chain goes on to wave 2 and the pairs.
    running.push(
      startWorkers({
        queues: ["launch", "sync", "sync-storefront", "sync-feeds"],
        lockMs: LOCK_MS,
        processors: oneByOne,
      }),
    );
    await eventually(
      () => getLaunch(DEMO_SHOP, id),
      (l) => l.status === "STAGED",
      { what: "launch staged", timeoutMs: 60_000 },
    );
    // Every image created once, in bulk, and attached to its product, which stays hidden.
    expect(state().files.size).toBe(3);
    for (const product of season) {
      const shown = state().products.get(product.gid)!;
      expect(shown.mediaIds).toHaveLength(1);
      expect(shown.status).toBe("DRAFT");
    }
    const launch = await getLaunch(DEMO_SHOP, id);
    expect(
      launch.products.map(
        (p) =>
          p.channels.find((c) => c.channel === "SHOPIFY_STOREFRONT")!.state,
      ),
    ).toEqual(["STAGED", "STAGED", "STAGED"]);
    expect(died).toBe(1);
  }, 120_000);

  it("carries on the same waves when the staging job itself runs again", async () => {
    // Staged again (as after an edit), with the launch queue paused so the jobs stay where they can be counted.
    const queue = getQueue("launch");
    await queue.pause();
    try {
      await stageLaunch(DEMO_SHOP, launchId);
      const [staging] = (await queue.getJobs(["waiting"])).filter(
        (job) => job.name === "launch.stage" && job.data.launchId === launchId,
      );
      expect(staging).toBeDefined();
      // The staging job runs twice, as a retry or a lapsed lock would run it: one chain of waves, not two.
      const payload = staging!.data as JobPayload<"launch.stage">;
      const context = { jobId: staging!.id!, attemptsMade: 0, log: logger };
      await processors["launch.stage"](payload, context);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await processors["launch.stage"](payload, context);
      const firstWaves = (await queue.getJobs(["waiting"])).filter(
        (job) =>
          job.name === "launch.stage-wave" &&
          job.data.launchId === launchId &&
          job.data.wave === 0,
      );
      expect(firstWaves).toHaveLength(1);
      await staging!.remove();
    } finally {
      await queue.resume();
    }
    await eventually(
      () => getLaunch(DEMO_SHOP, launchId),
      (l) => l.status === "STAGED",
      { what: "launch staged again", timeoutMs: 60_000 },
    );
  }, 90_000);
});
