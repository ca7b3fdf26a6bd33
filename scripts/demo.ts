// `npm run demo`: Vitrine on one machine with embedded defaults and no accounts — the store emulator seeded
// with the autumn/winter collection, the app (migrations applied, built, served), the worker, and Redis.
// It then runs the buyer's test (scripts/demo/scenario.ts) and prints its RESULT line; `--once` exits 0 after it,
// otherwise everything keeps running and the admin URL is printed.
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { clearPrefix, ensureRedis } from "./demo/redis.ts";
import { Processes } from "./demo/processes.ts";
import { migrateDeploy } from "./setup.ts";

const DEMO_SHOP = "vitrine-demo.myshopify.com";
const onceMode = process.argv.includes("--once");
const port = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 8787);
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
const adminToken =
  process.env.EMULATOR_ADMIN_TOKEN ??
  `shpat_demo_${randomBytes(12).toString("hex")}`;

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(port),
  SHOPIFY_API_KEY: process.env.SHOPIFY_API_KEY ?? "vitrine-demo-api-key",
  SHOPIFY_API_SECRET:
    process.env.SHOPIFY_API_SECRET ?? "vitrine-demo-api-secret",
  SHOPIFY_APP_URL: process.env.SHOPIFY_APP_URL ?? `http://localhost:${port}`,
  SHOPIFY_API_ORIGIN: emulatorUrl,
  APP_BRIDGE_URL: `${emulatorUrl}/shopifycloud/app-bridge.js`,
  EMULATOR_PORT: String(emulatorPort),
  EMULATOR_ADMIN_TOKEN: adminToken,
  DATABASE_URL: process.env.DATABASE_URL ?? "file:./data/demo.sqlite",
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? "vitrine-demo",
  STORAGE_DIR: process.env.STORAGE_DIR ?? "./data/demo-storage",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  // The demo's marketplace receiver listens on 127.0.0.1.
  ALLOW_PRIVATE_OUTBOUND: "1",
};
const say = (message: string) => console.log(`[demo] ${message}`);
const processes = new Processes(env, say);

/** The demo shop has installed Vitrine: an offline session holding the emulator's admin token. */
async function connectDemoShop(): Promise<void> {
  Object.assign(process.env, env);
  const { Session } = await import("@shopify/shopify-api");
  const { sessionStorage } = await import("../app/shopify.server.ts");
  const { recordInstall } = await import("../app/shop/install.server.ts");
  const { closeQueues } = await import("../app/jobs/queues.server.ts");
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${DEMO_SHOP}`,
      shop: DEMO_SHOP,
      state: "demo",
      isOnline: false,
      accessToken: adminToken,
      scope:
        "read_products,write_products,read_files,write_files,read_locales,read_markets",
    }),
  );
  await recordInstall(DEMO_SHOP);
  await closeQueues();
}

async function demoShopName(): Promise<string | null> {
  const { findShop } = await import("../app/shop/shop.db.server.ts");
  return (await findShop(DEMO_SHOP))?.name ?? null;
}

async function main(): Promise<void> {
  say(
    `database ${env.DATABASE_URL}, Redis ${env.REDIS_URL} (prefix ${env.QUEUE_PREFIX})`,
  );
  processes.adopt(await ensureRedis(env.REDIS_URL!, say));
  // The emulator is seeded afresh on every run, so the demo's own data starts afresh too (unless you chose
  // your own database or storage folder).
  if (!process.env.DATABASE_URL)
    for (const suffix of ["", "-wal", "-shm"])
      rmSync(`./data/demo.sqlite${suffix}`, { force: true });
  if (!process.env.STORAGE_DIR)
    rmSync("./data/demo-storage", { recursive: true, force: true });
  await clearPrefix(env.REDIS_URL!, env.QUEUE_PREFIX!);
  say("applying migrations (npm run setup)");
  migrateDeploy(env.DATABASE_URL!);

  say(`starting the store emulator on ${emulatorUrl}, seeding ${DEMO_SHOP}`);
  const emulator = processes.start("emulator", [
    process.execPath,
    "--import",
    "tsx",
    "emulator/main.ts",
  ]);
  await processes.waitForLine(emulator, /^listening on /, 60_000);

  say(
    `connecting ${DEMO_SHOP} (offline session with the emulator's admin token)`,
  );
  await connectDemoShop();

  say("building the app (npm run build)");
  for (const [command, ...args] of [
    ["node_modules/.bin/remix", "vite:build"],
    [process.execPath, "--import", "tsx", "scripts/build-server.ts"],
  ]) {
    const build = spawnSync(command!, args, {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (build.status !== 0) throw new Error("build failed");
  }

  say("starting the worker (npm run start:worker) and the web app (npm start)");
  const started = Date.now();
  processes.start("worker", [
    process.execPath,
    "--enable-source-maps",
    "build/node/worker.js",
  ]);
  processes.start("web", [
    process.execPath,
    "--enable-source-maps",
    "build/node/web.js",
  ]);
  // Generous: on a loaded machine the first start reads a few thousand module files.
  const health = await processes.waitForHealth(
    `http://127.0.0.1:${port}/readyz`,
    120_000,
  );
  say(
    `web ready after ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(health)}`,
  );

  const deadline = Date.now() + 20_000;
  let name: string | null = null;
  while (!(name = await demoShopName()) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 200));
  if (!name)
    throw new Error(
      "the worker did not sync the shop's details from the emulator",
    );
  say(`worker synced the shop from the emulator: "${name}"`);

  const { runScenario } = await import("./demo/scenario.ts");
  const scenario = await runScenario({
    shop: DEMO_SHOP,
    emulatorUrl,
    appUrl: `http://127.0.0.1:${port}`,
    adminToken,
    say,
  });
  console.log(scenario.resultLine);

  if (onceMode) {
    await scenario.close();
    return processes.stopAll(0);
  }
  say(
    `running. Open the admin: ${emulatorUrl}/__emulator/admin?shop=${DEMO_SHOP} — Ctrl-C stops everything.`,
  );
}

main().catch(async (error: unknown) => {
  console.error(`[demo] ${(error as Error).message}`);
  await processes.stopAll(1);
});
