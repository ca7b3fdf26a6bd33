// What an operator runs the app by: /metrics (Prometheus, behind a bearer token), job metrics and log context from
// the worker, Shopify cost per shop, and the Redis eviction check (/healthz and /readyz: health.test.ts).
import { afterAll, describe, expect, it, vi } from "vitest";
import { storeOfflineSessionWithToken } from "../support/shopify";
import { connectAppTo } from "../support/app-emulator";
import { testEmulator } from "../../emulator/testing";
import { RedisServer } from "../../emulator/processes";
import { sample, scrape, scrapeText } from "../support/metrics";
import { waitForJob } from "../support/jobs";

const TOKEN = vi.hoisted(() => {
  const token = "metrics-token-for-tests-0123456789";
  process.env.METRICS_TOKEN = token;
  return token;
});

const { default: db } = await import("~/db.server");
const { enqueue } = await import("~/jobs/enqueue.server");
const { getQueue, queuePrefix } = await import("~/jobs/queues.server");
const { checkEvictionPolicy, createRedis, RedisEvictionPolicyError } =
  await import("~/jobs/redis.server");
const { closeShopBuckets } = await import("~/shopify/throttle-bucket.server");
const { logContext } = await import("~/lib/log-context.server");
const { adminClientFor } = await import("~/shopify/admin-client.server");
const { withJobContext } = await import("~/worker/job-context.server");
const { observeJobs } = await import("~/worker/job-metrics.server");
const { processors } = await import("~/worker/processors");
const { startWorkers } = await import("~/worker/run.server");
const { startMetricsListener } =
  await import("~/health/metrics-listener.server");

const SHOP = "ops-shop.myshopify.com";
const emulator = testEmulator();
emulator.addShop(SHOP);
connectAppTo(emulator);
await storeOfflineSessionWithToken(SHOP, emulator.issueAccessToken(SHOP));
afterAll(closeShopBuckets);

describe("/metrics", () => {
  it("answers 401 without the bearer token, and Prometheus text with it", async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape("wrong-token-wrong-token-wrong")).status).toBe(401);
    const response = await scrape(TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    for (const name of [
      "vitrine_replace_to_live_seconds",
      "vitrine_reconciler_drift_total",
      "vitrine_reconciler_repaired_total",
      "vitrine_job_duration_seconds",
      "process_cpu_seconds_total",
    ])
      expect(text).toContain(`# TYPE ${name} `);
  });

  it("reports queue depth and the oldest waiting job's age per queue, and the outbox lag", async () => {
    // The first job has waited a minute (BullMQ takes the creation time as an option); two arrive now.
    await getQueue("sync-feeds").add(
      "sync.google",
      { shop: SHOP, productId: "p-0", seq: 0 },
      { timestamp: Date.now() - 60_000 },
    );
    for (let i = 1; i < 3; i++)
      await enqueue("sync.google", { shop: SHOP, productId: `p-${i}`, seq: 0 });
    await db.outbox.create({
      data: {
        shop: SHOP,
        topic: "asset.version-approved",
        aggregateId: "asset-1",
        payload: {},
        createdAt: new Date(Date.now() - 90_000),
      },
    });

    const text = await scrapeText(TOKEN);

    expect(
      sample(text, 'vitrine_queue_jobs{queue="sync-feeds",state="waiting"}'),
    ).toBe(3);
    expect(
      sample(text, 'vitrine_queue_jobs{queue="webhooks",state="waiting"}'),
    ).toBe(0);
    const oldest = sample(
      text,
      'vitrine_queue_oldest_waiting_seconds{queue="sync-feeds"}',
    );
    expect(oldest).toBeGreaterThanOrEqual(60);
    expect(oldest).toBeLessThan(120);
    expect(
      sample(text, 'vitrine_queue_oldest_waiting_seconds{queue="webhooks"}'),
    ).toBe(0);
    expect(sample(text, "vitrine_outbox_lag_seconds")).toBeGreaterThanOrEqual(
      90,
    );
    expect(sample(text, "vitrine_outbox_pending")).toBe(1);
    expect(sample(text, 'vitrine_metrics_probe_up{probe="queues"}')).toBe(1);
    await getQueue("sync-feeds").obliterate({ force: true });
  });

  it("counts the Shopify points spent and the THROTTLED answers per shop", async () => {
    const client = await adminClientFor(SHOP);
    emulator.setFaults(SHOP, { throttleNext: 2 });
    await client.requestUntyped(`query OpsShop { shop { name } }`);
    emulator.setFaults(SHOP, {});

    const text = await scrapeText(TOKEN);

    expect(
      sample(text, `vitrine_shopify_throttled_total{shop="${SHOP}"}`),
    ).toBe(2);
    expect(
      sample(text, `vitrine_shopify_points_spent_total{shop="${SHOP}"}`),
    ).toBe(client.stats.pointsUsed);
    expect(client.stats.pointsUsed).toBeGreaterThan(0);
  });

  it("records job durations and failures per job name, with each job's shop and id in its log context", async () => {
    const seen: unknown[] = [];
    const running = startWorkers({
      queues: ["webhooks"],
      processors: withJobContext({
        ...processors,
        "product.refresh": async () => {
          seen.push(logContext());
          return "ok";
        },
        "product.remove": async () => {
          throw new (await import("~/lib/errors")).NotFound("gone");
        },
      }),
    });
    observeJobs(running.workers);
    try {
      const done = await enqueue("product.refresh", {
        shop: SHOP,
        productId: "gid://shopify/Product/1",
        updatedAt: null,
        webhookId: "wh-1",
      });
      const failed = await enqueue("product.remove", {
        shop: SHOP,
        productId: "gid://shopify/Product/2",
        webhookId: "wh-2",
      });
      expect((await waitForJob("webhooks", done)).state).toBe("completed");
      expect((await waitForJob("webhooks", failed)).state).toBe("failed");
      expect(seen).toEqual([{ shop: SHOP, jobId: done }]);
    } finally {
      await running.close();
    }

    const text = await scrapeText(TOKEN);
    expect(
      sample(
        text,
        'vitrine_job_duration_seconds_count{queue="webhooks",job="product.refresh",outcome="completed"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'vitrine_job_failures_total{queue="webhooks",job="product.remove",final="true"}',
      ),
    ).toBe(1);
  });

  it("is served by the worker's own listener, with the same token", async () => {
    const listener = await startMetricsListener({
      port: 0,
      host: "127.0.0.1",
      token: TOKEN,
    });
    try {
      const url = `http://127.0.0.1:${listener.port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      const response = await fetch(url, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("vitrine_queue_jobs");
    } finally {
      await listener.close();
    }
  });
});

describe("Redis at start-up", () => {
  it("refuses a Redis that may evict keys, with a message that says what to set", async () => {
    const redis = await RedisServer.start();
    const admin = createRedis("worker", redis.url);
    try {
      await admin.config("SET", "maxmemory-policy", "allkeys-lru");
      const refused = await checkEvictionPolicy(redis.url).catch(
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(RedisEvictionPolicyError);
      expect((refused as Error).message).toMatch(
        /maxmemory-policy "allkeys-lru".*noeviction/s,
      );

      await admin.config("SET", "maxmemory-policy", "noeviction");
      expect(await checkEvictionPolicy(redis.url)).toBe("noeviction");
    } finally {
      admin.disconnect();
      await redis.stop();
    }
    expect(await checkEvictionPolicy(redis.url, 500)).toBe("unreachable");
  });

  it("keys every queue under the prefix as a hash tag, so a Redis Cluster keeps them in one slot", async () => {
    expect(queuePrefix()).toBe(`{${process.env.QUEUE_PREFIX}}`);
    await enqueue("shop.sync-details", { shop: SHOP });
    const redis = createRedis("worker");
    try {
      const keys = await redis.keys(`${queuePrefix()}:shopify:*`);
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
      await getQueue("shopify").obliterate({ force: true });
    }
  });
});
