// What a load balancer and a liveness probe ask: /healthz (no dependency) and /readyz (the database, Redis and
// storage each within a time limit; no error text in the answer), and what readiness times: a dependency's answer,
// never the process's first connection to it or the first load of its client library.
import { describe, expect, it, vi } from "vitest";
import { s3Options, testS3Storage } from "../support/s3";

const { setStorage } = await import("~/dam/storage.server");
const { markStopping } = await import("~/lib/lifecycle.server");
const { loader: healthz } = await import("~/routes/healthz");
const { loader: readyz } = await import("~/routes/readyz");

describe("/healthz and /readyz", () => {
  it("answers liveness without asking any dependency", async () => {
    const response = healthz();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("is ready when the database, Redis and storage answer", async () => {
    const response = await readyz();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ready",
      database: "ok",
      redis: "ok",
      storage: "ok",
    });
  });

  it("is not ready when storage fails, and says so without the error's text", async () => {
    setStorage(testS3Storage({ bucket: "no-such-bucket-for-readyz" }));
    try {
      const response = await readyz();
      const body = await response.text();
      expect(response.status).toBe(503);
      expect(JSON.parse(body)).toEqual({
        status: "unavailable",
        database: "ok",
        redis: "ok",
        storage: "unavailable",
      });
      expect(body).not.toMatch(/no-such-bucket|127\.0\.0\.1|NotFound|Error/);
    } finally {
      setStorage(undefined);
    }
  });

  it("times object storage's answer, not the first load of its SDK", async () => {
    // A cold import of the AWS SDK on a busy machine took over the 2 s limit (seen in CI): the first /readyz of a
    // fresh web process said "timeout" for a storage that answered at once. Here the load takes 3× the limit.
    const { LazyS3Storage } = await import("~/dam/storage/s3-lazy.server");
    const { readiness } = await import("~/health/readiness.server");
    class SlowToLoad extends LazyS3Storage {
      private first:
        ReturnType<InstanceType<typeof LazyS3Storage>["load"]> | undefined;
      override load() {
        this.first ??= new Promise((resolve) => setTimeout(resolve, 600)).then(
          () => super.load(),
        );
        return this.first;
      }
    }
    setStorage(new SlowToLoad(s3Options()));
    try {
      expect((await readiness(200)).checks.storage).toBe("ok");
    } finally {
      setStorage(undefined);
    }
  });

  it("times Redis' answer, not opening the process's first connection to it", async () => {
    // Seen in CI: a fresh web process on a busy machine took over the 2 s limit to open its first producer
    // connection (connect, BullMQ's version check), and its first /readyz said "timeout" for a Redis that answers
    // PING at once. Here opening the connection takes 3× the limit.
    const { closeQueues } = await import("~/jobs/queues.server");
    const { readiness } = await import("~/health/readiness.server");
    const { Queue } = await import("bullmq");
    await closeQueues();
    const open = Queue.prototype.waitUntilReady;
    const slow = vi
      .spyOn(Queue.prototype, "waitUntilReady")
      .mockImplementation(async function (this: InstanceType<typeof Queue>) {
        await new Promise((resolve) => setTimeout(resolve, 600));
        return open.call(this);
      });
    try {
      expect((await readiness(200)).checks.redis).toBe("ok");
    } finally {
      slow.mockRestore();
    }
  });

  it("turns not ready once the process is stopping, so the load balancer drains it", async () => {
    markStopping();
    try {
      const response = await readyz();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "stopping" });
    } finally {
      delete (globalThis as Record<symbol, unknown>)[
        Symbol.for("vitrine.stopping")
      ];
    }
  });
});
