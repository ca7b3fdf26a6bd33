// The browser-test stack, shared by the PIM flows (pim-flows.e2e.ts) and `npm run bench:vitals`: the store
// emulator (serving App Bridge locally), the built app and the worker as separate processes on free ports, a
// fresh SQLite database, queue prefix and storage folder, and Debian Chromium via playwright-core.
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { Processes } from "../../scripts/demo/processes";
import { migrateDeploy } from "../../scripts/setup";
import { BROWSER_USER_AGENT } from "../support/shopify";

export const SHOP = "vitrine-demo.myshopify.com";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Stack {
  appUrl: string;
  emulatorUrl: string;
  work: string;
  browser: Browser;
  say: (message: string) => void;
  /** A page that entered the app as the admin does (id_token on the first load); returns the app's query. */
  openApp: () => Promise<{ page: Page; search: string }>;
  stop: (code: number) => Promise<never>;
}

/**
 * Starts the stack. `seed` runs in this process with the stack's environment (offline session, shop, data)
 * before the web and worker processes start.
 */
export async function startStack(
  name: string,
  seed: (adminToken: string) => Promise<void>,
): Promise<Stack> {
  const work = mkdtempSync(path.join(tmpdir(), `vitrine-${name}-`));
  const [port, emulatorPort] = [await freePort(), await freePort()];
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const appUrl = `http://localhost:${port}`;
  const adminToken = `shpat_e2e_${randomBytes(12).toString("hex")}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    SHOPIFY_API_KEY: "vitrine-e2e-api-key",
    SHOPIFY_API_SECRET: "vitrine-e2e-api-secret",
    SHOPIFY_APP_URL: appUrl,
    SHOPIFY_API_ORIGIN: emulatorUrl,
    APP_BRIDGE_URL: `${emulatorUrl}/shopifycloud/app-bridge.js`,
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_ADMIN_TOKEN: adminToken,
    DATABASE_URL: `file:${path.join(work, "e2e.sqlite")}`,
    QUEUE_PREFIX: `vitrine-${name}-${randomBytes(4).toString("hex")}`,
    STORAGE_DIR: path.join(work, "storage"),
    LOG_LEVEL: "warn",
    // The marketplace receiver runs on 127.0.0.1 over http.
    ALLOW_PRIVATE_OUTBOUND: "1",
  };
  const say = (message: string) => console.log(`[${name}] ${message}`);
  const processes = new Processes(env, say);
  migrateDeploy(env.DATABASE_URL!);
  const emulator = processes.start("emulator", [
    process.execPath,
    "--import",
    "tsx",
    "emulator/main.ts",
  ]);
  await processes.waitForLine(emulator, /^listening on /, 180_000);
  Object.assign(process.env, env);
  await seed(adminToken);
  // `npm test` builds the app once, beside the other checks; on its own this script builds it.
  if (process.env.E2E_USE_BUILD === "1" && existsSync("build/server/index.js"))
    say("serving the build npm test made");
  else {
    say("building the app");
    const build = spawnSync("node_modules/.bin/remix", ["vite:build"], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (build.status !== 0) throw new Error("build failed");
  }
  for (const [label, entry] of [
    ["worker", "app/worker/main.server.ts"],
    ["web", "app/web/main.server.ts"],
  ] as const)
    processes.start(label, [process.execPath, "--import", "tsx", entry]);
  // A loaded machine (several engineers, two cores) can take minutes to start tsx processes.
  await processes.waitForHealth(`${appUrl}/healthz`, 240_000);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
    ],
  });
  return {
    appUrl,
    emulatorUrl,
    work,
    browser,
    say,
    openApp: async () => {
      const page = await browser.newPage({
        viewport: { width: 1400, height: 1000 },
        acceptDownloads: true,
        // authenticate.admin answers 410 to bot-like agents, and headless Chromium says "HeadlessChrome".
        userAgent: BROWSER_USER_AGENT,
      });
      await page.goto(`${emulatorUrl}/__emulator/admin?shop=${SHOP}`);
      await page.waitForURL(/\/app\b/);
      return { page, search: new URL(page.url()).search };
    },
    stop: async (code: number) => {
      await browser.close().catch(() => undefined);
      rmSync(work, { recursive: true, force: true });
      return processes.stopAll(code);
    },
  };
}

/** Stores the offline session the emulator's admin token opens, and records the install. */
export async function installShop(adminToken: string): Promise<void> {
  const { Session } = await import("@shopify/shopify-api");
  const { sessionStorage } = await import("~/shopify.server");
  const { recordInstall } = await import("~/shop/install.server");
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${SHOP}`,
      shop: SHOP,
      state: "e2e",
      isOnline: false,
      accessToken: adminToken,
      scope: "read_products,write_products,read_files,write_files,read_locales",
    }),
  );
  await recordInstall(SHOP);
}

/** Polls `check` every 250 ms until it holds; throws `timed out: what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
