// `npm run demo`: Vitrine on one machine with embedded defaults and no accounts — SQLite, a local Redis,
// the web app and the worker. `--once` starts everything, checks it answers, and exits 0.
// The store emulator and the seeded buyer's-test scenario join this script with issues #3 and #6.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { Redis } from "ioredis";
import { migrateDeploy } from "./setup.ts";

const onceMode = process.argv.includes("--once");
const port = Number(process.env.PORT ?? 3000);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "vitrine-demo-api-key",
  SHOPIFY_API_SECRET:
    process.env.SHOPIFY_API_SECRET ?? "vitrine-demo-api-secret",
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? `http://localhost:${port}`,
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./data/demo.sqlite",
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? "vitrine-demo",
  STORAGE_DIR: process.env.STORAGE_DIR ?? "./data/demo-storage",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
};
const children: ChildProcess[] = [];

function say(message: string) {
  console.log(`[demo] ${message}`);
}

async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function ensureRedis(url: string): Promise<void> {
  if (await redisAnswers(url)) return say(`Redis is up at ${url}`);
  const { hostname, port: redisPort } = new URL(url);
  const local = hostname === "127.0.0.1" || hostname === "localhost";
  const installed = spawnSync("redis-server", ["--version"]).status === 0;
  if (!local || !installed) {
    throw new Error(
      `Redis is not reachable at ${url}. Start Redis there, set REDIS_URL, or install redis-server so the demo can start one.`,
    );
  }
  say(
    `starting a local redis-server on port ${redisPort || 6379} (no persistence)`,
  );
  const child = spawn(
    "redis-server",
    [
      "--port",
      redisPort || "6379",
      "--bind",
      hostname,
      "--save",
      "",
      "--appendonly",
      "no",
    ],
    {
      stdio: "ignore",
    },
  );
  children.push(child);
  for (let i = 0; i < 50 && !(await redisAnswers(url)); i++)
    await new Promise((r) => setTimeout(r, 100));
  if (!(await redisAnswers(url))) throw new Error("redis-server did not start");
}

function start(name: string, command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`[demo] ${name} exited (${signal ?? code}); stopping`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = "no answer";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      last = await response.json();
      if (response.ok) return last;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become healthy: ${JSON.stringify(last)}`);
}

let stopping = false;
async function stop(code: number): Promise<never> {
  stopping = true;
  for (const child of children.reverse()) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([
        once(child, "exit"),
        new Promise((r) => setTimeout(r, 10_000)),
      ]);
    }
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

try {
  say(`database ${env.DATABASE_URL}, queue prefix ${env.QUEUE_PREFIX}`);
  await ensureRedis(env.REDIS_URL!);
  say("applying migrations (npm run setup)");
  process.env.DATABASE_URL = env.DATABASE_URL;
  migrateDeploy(env.DATABASE_URL!);
  say("building the app (remix vite:build)");
  const build = spawnSync("node_modules/.bin/remix", ["vite:build"], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (build.status !== 0) throw new Error("build failed");
  say("starting the worker (npm run worker)");
  start("worker", process.execPath, [
    "--import",
    "tsx",
    "app/worker/main.server.ts",
  ]);
  say(`starting the web app on ${env.SHOPIFY_APP_URL}`);
  start("web", process.execPath, ["--import", "tsx", "app/web/main.server.ts"]);
  const health = await waitForHealth(
    `http://127.0.0.1:${port}/healthz`,
    30_000,
  );
  say(`healthy: ${JSON.stringify(health)}`);
  if (onceMode) {
    say("--once: everything started; stopping");
    await stop(0);
  }
  say(
    `running. Admin entry: ${env.SHOPIFY_APP_URL}/auth/login — Ctrl-C stops everything.`,
  );
} catch (error) {
  console.error(`[demo] ${(error as Error).message}`);
  await stop(1);
}
