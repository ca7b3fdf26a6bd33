// `npm run bench:redis`: how much Redis memory queued jobs take, for sizing Redis (README, Deploying). On a private
// redis-server (nothing else in it): enqueue 10,000 sync jobs with the app's own enqueue(), then let a worker
// complete them (finished jobs are kept up to removeOnComplete's limits), then fail 10,000 (kept for the Activity
// view up to removeOnFail's limits, with their stack traces). Prints used_memory per 1,000 jobs in each state.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import type { ProcessorMap } from "../app/worker/processor.ts";
import { migrateDeploy } from "./setup.ts";

const JOBS = 10_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const port = await freePort();
const redisServer = spawn(
  "redis-server",
  [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
  ],
  { stdio: "ignore" },
);
const url = `redis://127.0.0.1:${port}`;
Object.assign(process.env, {
  REDIS_URL: url,
  QUEUE_PREFIX: "sizing",
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "bench",
  SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? "bench",
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? "https://bench.example",
  LOG_LEVEL: "silent",
});
// The worker module loads the app's Shopify wiring, which wants a migrated database (it is not used otherwise).
const work = mkdtempSync(path.join(tmpdir(), "vitrine-bench-redis-"));
process.env.DATABASE_URL = `file:${path.join(work, "bench.sqlite")}`;
migrateDeploy(process.env.DATABASE_URL);

// Commands wait in the offline queue while redis-server starts; ioredis retries the connection.
const probe = new Redis(url);
probe.on("error", () => undefined);
await probe.ping();
async function usedMemory(): Promise<number> {
  const info = await probe.info("memory");
  return Number(/^used_memory:(\d+)/m.exec(info)![1]);
}

const { enqueue } = await import("../app/jobs/enqueue.server.ts");
const { getQueue, closeQueues } = await import("../app/jobs/queues.server.ts");
const { startWorkers } = await import("../app/worker/run.server.ts");
const { UnrecoverableError } = await import("bullmq");

// What the sync engine queues most: one job per product and channel.
const payload = (i: number) => ({
  shop: `shop-${i % 50}.myshopify.com`,
  productId: `cm${i.toString(36).padStart(10, "0")}abcdefghijkl`,
  seq: i,
});

const empty = await usedMemory();
for (let i = 0; i < JOBS; i++) await enqueue("sync.google", payload(i));
const waiting = await usedMemory();

async function drain(outcome: "complete" | "fail"): Promise<void> {
  const queue = getQueue("sync-feeds");
  const running = startWorkers({
    queues: ["sync"],
    concurrency: 50,
    // Every job name gets the same trivial processor: only Redis is measured (no database, no Shopify).
    processors: new Proxy({} as ProcessorMap, {
      get: () => async () => {
        if (outcome === "fail")
          throw new UnrecoverableError(
            "Shopify GraphQL: productUpdate userErrors: media not READY",
          );
        return { rows: 1 };
      },
    }),
  });
  const state = outcome === "complete" ? "completed" : "failed";
  while ((await queue.getJobCountByTypes(state)) < JOBS)
    await new Promise((resolve) => setTimeout(resolve, 100));
  await running.close();
}

// Completed jobs are normally trimmed to 1,000 per queue (removeOnComplete): keep all here to measure them.
await getQueue("sync-feeds").obliterate({ force: true });
const base = await usedMemory();
for (let i = 0; i < JOBS; i++)
  await getQueue("sync-feeds").add("sync.google", payload(i), {
    jobId: `sync-google-${i}`,
    removeOnComplete: false,
  });
await drain("complete");
const completed = await usedMemory();

await getQueue("sync-feeds").obliterate({ force: true });
const base2 = await usedMemory();
for (let i = 0; i < JOBS; i++) await enqueue("sync.google", payload(i));
await drain("fail");
const failed = await usedMemory();

const per1000 = (bytes: number) => Math.round(bytes / (JOBS / 1000) / 1024);
console.log(
  `${JOBS} jobs: waiting ${per1000(waiting - empty)} KiB, completed ${per1000(completed - base)} KiB, failed ${per1000(failed - base2)} KiB per 1,000`,
);
console.log(
  `RESULT redis_sizing jobs=${JOBS} waiting_kib_per_1000=${per1000(waiting - empty)} completed_kib_per_1000=${per1000(completed - base)} failed_kib_per_1000=${per1000(failed - base2)}`,
);

await closeQueues();
probe.disconnect();
redisServer.kill("SIGTERM");
await once(redisServer, "exit");
rmSync(work, { recursive: true, force: true });
process.exit(0);
