// jobs/job-ids.ts through enqueue(): whoever asks for the same work gets the same job.
import { afterAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { enqueue, jobPending } from "~/jobs/enqueue.server";
import { getQueue } from "~/jobs/queues.server";
import { logger } from "~/lib/logger.server";
import { queueCatalogueImport } from "~/pim/onboarding.server";
import { recordInstall } from "~/shop/install.server";
import { enqueuePairs, retryPairLater } from "~/sync/pair-jobs.server";
import { processors } from "~/worker/processors";
import { startWorkers } from "~/worker/run.server";
import { findJob, waitForJob } from "../support/jobs";
import { buildProduct } from "../support/factories/product";
import { eventually } from "../support/wait";

const SHOP = "job-ids.myshopify.com";
const context = { jobId: "t", attemptsMade: 0, log: logger };

async function waitingImports(): Promise<number> {
  const jobs = await getQueue("shopify").getJobs(["waiting", "active"]);
  return jobs.filter((job) => job.name === "catalogue.import").length;
}

afterAll(async () => {
  await getQueue("shopify").obliterate({ force: true });
  await getQueue("sync-feeds").obliterate({ force: true });
});

describe("job identities", () => {
  it("makes the install, the products page and the daily reconcile share one catalogue import per shop", async () => {
    await recordInstall(SHOP);
    const first = (await findJob("catalogue.import", { shop: SHOP }))!;
    expect(first).toBeDefined();

    expect(await queueCatalogueImport(SHOP)).toBe(first.id);
    await processors["catalogue.reconcile-all"]({}, context);
    expect(await waitingImports()).toBe(1);
    expect(await jobPending("catalogue.import", { shop: SHOP })).toBe(true);
    expect(
      await jobPending("catalogue.import", { shop: "other.myshopify.com" }),
    ).toBe(false);

    // Once it finished, asking again queues a new import (dedupe holds only while one waits or runs).
    const workers = startWorkers({
      queues: ["shopify"],
      processors: {
        ...processors,
        "catalogue.import": async () => "imported",
        "shop.sync-details": async () => "synced",
      },
    });
    try {
      expect((await waitForJob("shopify", first.id!)).state).toBe("completed");
    } finally {
      await workers.close();
    }
    expect(await jobPending("catalogue.import", { shop: SHOP })).toBe(false);
    const second = await queueCatalogueImport(SHOP);
    expect(second).not.toBe(first.id);
    expect(await waitingImports()).toBe(1);
  });

  it("gives one approval's publish one job, whichever path enqueues it, and another shop its own", async () => {
    const payload = { shop: SHOP, productId: "p1", version: 3 };
    const a = await enqueue("product-values.publish", payload);
    const b = await enqueue("product-values.publish", payload, {
      jobId: "an-outbox-id",
    });
    expect(b).toBe(a);
    expect(
      await enqueue("product-values.publish", { ...payload, version: 4 }),
    ).not.toBe(a);
    // Another shop's job never stands in for this shop's (ids carry the shop).
    expect(
      await enqueue("product-values.publish", {
        ...payload,
        shop: "other-shop.myshopify.com",
      }),
    ).not.toBe(a);
  });

  it("keeps one job per product × channel: a pair's retry runs once, and at once when a change arrives", async () => {
    const pair = { shop: SHOP, productId: "p-coalesce", seq: 4 };
    const retry = await enqueue(
      "sync.google",
      { ...pair, retry: 2 },
      { delayMs: 60_000 },
    );
    const job = (await getQueue("sync-feeds").getJob(retry))!;
    expect(await job.getState()).toBe("delayed");
    // Pair jobs are never retried by BullMQ beside the pair's next job: their processor schedules it.
    expect(job.opts.attempts).toBe(1);

    // A change for the same pair maps to the same job, which stops waiting out the retry's backoff.
    expect(await enqueue("sync.google", pair)).toBe(retry);
    expect(await job.getState()).toBe("waiting");
    const counts = await getQueue("sync-feeds").getJobCounts(
      "waiting",
      "delayed",
    );
    expect(counts).toMatchObject({ waiting: 1, delayed: 0 });
  });

  it("frees a pair's job id once its job has finished, so the pair's next run can always be queued", async () => {
    const pair = { shop: SHOP, productId: "p-finished", seq: 9 };
    const first = await enqueue("sync.google", pair);
    expect(await jobPending("sync.google", pair)).toBe(true);
    const workers = startWorkers({
      queues: ["sync-feeds"],
      processors: { ...processors, "sync.google": async () => "stood down" },
    });
    try {
      // Finished and gone: pair jobs leave nothing behind.
      await eventually(
        () => getQueue("sync-feeds").getJob(first),
        (job) => job === undefined,
        { what: "the finished pair job removed" },
      );
      expect(await jobPending("sync.google", pair)).toBe(false);
    } finally {
      await workers.close();
    }
    // The job stood down without starting a run (the sequence did not move): the recovery sweep asks again under
    // the same id, and gets a job — a finished job kept under it would swallow every later request.
    await enqueue("sync.google", pair);
    const again = await getQueue("sync-feeds").getJob(first);
    expect(await again?.getState()).toBe("waiting");
    await again!.remove();
  });

  it("queues a retry under the pair's next sequence when the failed job had not started its run", async () => {
    const product = await buildProduct(SHOP, 41);
    await db.syncState.create({
      data: {
        shop: SHOP,
        productId: product.id,
        channel: "GOOGLE_MERCHANT",
        status: "PENDING",
        desiredRevision: 2,
        jobSeq: 6,
      },
    });
    // Job 6 waited for the pair's lock and gave up: its own id is still the pair's next, but it is running.
    await retryPairLater(
      SHOP,
      product.id,
      "GOOGLE_MERCHANT",
      { seq: 6, retry: 0 },
      new Error("busy"),
    );
    const state = await db.syncState.findFirstOrThrow({
      where: { shop: SHOP, productId: product.id },
    });
    expect(state.jobSeq).toBe(7);
    expect(state.nextCheckAt!.getTime()).toBeGreaterThan(Date.now());
    const retry = await findJob("sync.google", {
      shop: SHOP,
      productId: product.id,
      seq: 7,
    });
    expect(await retry?.getState()).toBe("delayed");
    expect(retry!.data).toMatchObject({ retry: 1 });
  });

  it("queues a change under the pair's sequence as it is now, so a change racing a finished run adds no second job", async () => {
    const product = await buildProduct(SHOP, 42);
    await db.syncState.create({
      data: {
        shop: SHOP,
        productId: product.id,
        channel: "GOOGLE_MERCHANT",
        status: "PENDING",
        desiredRevision: 3,
        jobSeq: 8,
      },
    });
    // The change read sequence 7 when it committed; a run began (8) and its job finished before the change was
    // queued: job id 7 is free again, and a job under it would wait beside the pair's next one (8).
    await enqueuePairs([
      {
        shop: SHOP,
        productId: product.id,
        channel: "GOOGLE_MERCHANT",
        seq: 7,
      },
    ]);
    expect(
      await findJob("sync.google", {
        shop: SHOP,
        productId: product.id,
        seq: 7,
      }),
    ).toBeUndefined();
    const next = await findJob("sync.google", {
      shop: SHOP,
      productId: product.id,
      seq: 8,
    });
    expect(await next?.getState()).toBe("waiting");
    await next!.remove();
  });

  it("stands a job down, without a run, when a run of its pair has begun since it was queued", async () => {
    const product = await buildProduct(SHOP, 43);
    await db.syncState.create({
      data: {
        shop: SHOP,
        productId: product.id,
        channel: "GOOGLE_MERCHANT",
        status: "LIVE",
        desiredRevision: 5,
        confirmedRevision: 5,
        jobSeq: 12,
      },
    });
    const run = processors["sync.google"];
    expect(
      await run({ shop: SHOP, productId: product.id, seq: 10 }, context),
    ).toEqual({ outcome: "superseded" });
    // No run began: the sequence and the state are as they were.
    const state = await db.syncState.findFirstOrThrow({
      where: { shop: SHOP, productId: product.id },
    });
    expect(state).toMatchObject({ jobSeq: 12, status: "LIVE" });
  });
});
