import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { enqueue } from "~/jobs/enqueue.server";
import { getQueue } from "~/jobs/queues.server";
import { NotFound, Upstream } from "~/lib/errors";
import { processors } from "~/worker/processors";
import { startWorkers, type RunningWorkers } from "~/worker/run.server";
import { waitForJob } from "../support/jobs";

const shop = "worker-shop.myshopify.com";
const refresh = (n: number) => ({
  shop,
  productId: `gid://shopify/Product/${n}`,
  updatedAt: "2026-11-20T10:00:00Z",
  webhookId: `wh-${n}`,
});

let running: RunningWorkers | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const finished = (jobId: string) => waitForJob("webhooks", jobId);

describe("worker", () => {
  it("processes a job end to end through Redis", async () => {
    running = startWorkers({ queues: ["webhooks"] });
    const jobId = await enqueue("product.refresh", refresh(1));

    const job = await finished(jobId);

    expect(job.state).toBe("completed");
    expect(job.returnvalue).toMatchObject({ seen: "gid://shopify/Product/1" });
  });

  it("does not retry a processor's permanent error", async () => {
    running = startWorkers({
      queues: ["webhooks"],
      processors: {
        ...processors,
        "product.refresh": async () => {
          throw new NotFound("product is gone");
        },
      },
    });
    const jobId = await enqueue("product.refresh", refresh(2));

    const job = await finished(jobId);

    expect(job.state).toBe("failed");
    expect(job.attemptsMade).toBe(1);
    expect(job.opts.attempts).toBeGreaterThan(1);
    expect(job.failedReason).toBe("NotFound: product is gone");
  });

  it("does not retry a job whose payload does not match its schema", async () => {
    running = startWorkers({ queues: ["webhooks"] });
    // Bypasses enqueue(), as an old deployment or a hand-edited job would.
    const added = await getQueue("webhooks").add("product.refresh", {
      shop,
      productId: "123",
    });

    const job = await finished(added.id!);

    expect(job.state).toBe("failed");
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/invalid job payload: productId/);
  });

  it("retries a transient failure with backoff until it succeeds", async () => {
    let calls = 0;
    running = startWorkers({
      queues: ["webhooks"],
      processors: {
        ...processors,
        "product.refresh": async () => {
          calls += 1;
          if (calls === 1) throw new Upstream("Shopify answered 502");
          return "ok";
        },
      },
    });
    const jobId = await enqueue("product.refresh", refresh(3));

    const job = await finished(jobId);

    expect(job.state).toBe("completed");
    expect(job.attemptsMade).toBe(2);
    expect(job.returnvalue).toBe("ok");
  });

  it("gives up on a job past its time limit, tells it to stop, and retries it", async () => {
    let calls = 0;
    let aborted: unknown;
    running = startWorkers({
      queues: ["webhooks"],
      timeLimits: { "product.refresh": 300 },
      processors: {
        ...processors,
        "product.refresh": async (_payload, { signal }) => {
          calls += 1;
          if (calls > 1) return "ok";
          // Hangs, as a stuck call would; notices when the worker gives up on it.
          await new Promise<void>((resolve) =>
            signal!.addEventListener("abort", () => {
              aborted = signal!.reason;
              resolve();
            }),
          );
          return "too late";
        },
      },
    });
    const jobId = await enqueue("product.refresh", refresh(5));

    const job = await finished(jobId);

    expect(job.state).toBe("completed");
    expect(job.attemptsMade).toBe(2);
    expect(job.returnvalue).toBe("ok");
    expect(String(aborted)).toMatch(
      /product.refresh ran past its time limit of 0 s/,
    );
  });

  it("enqueue refuses a payload that does not match the job's schema", async () => {
    await expect(
      enqueue("product.refresh", { ...refresh(4), productId: "not-a-gid" }),
    ).rejects.toThrow(/gid/);
  });
});

describe("npm run worker", () => {
  it("starts, processes a job and stops cleanly on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "app/worker/main.server.ts"],
      {
        env: { ...process.env, LOG_LEVEL: "info", NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const lines: { msg?: string; jobId?: string }[] = [];
    const seen = (msg: string) => lines.some((line) => line.msg === msg);
    createInterface({ input: child.stdout! }).on("line", (line) =>
      lines.push(JSON.parse(line) as { msg?: string }),
    );
    try {
      await expect
        .poll(() => seen("worker started"), { timeout: 20_000 })
        .toBe(true);
      const jobId = await enqueue("product.refresh", refresh(5));
      await expect
        .poll(
          async () => (await getQueue("webhooks").getJob(jobId))?.getState(),
          { timeout: 10_000 },
        )
        .toBe("completed");

      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];

      expect(code).toBe(0);
      expect(seen("worker stopped")).toBe(true);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
