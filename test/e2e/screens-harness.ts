// The sync screens browser test's harness: the built app, the worker and the store emulator (serving App Bridge locally, as
// cdn.shopify.com would) as separate processes on free ports, a fresh SQLite file and Redis prefix, and Debian
// Chromium driven by playwright-core. `openApp(path)` enters the app the way the admin does (a fresh id_token
// from /__emulator/admin) and then loads the page. CHROMIUM_PATH overrides /usr/bin/chromium.
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  chromium,
  type Browser,
  type Page,
  type Response,
} from "playwright-core";
import { Processes } from "../../scripts/demo/processes";
import { migrateDeploy } from "../../scripts/setup";
import { BROWSER_USER_AGENT } from "../support/shopify";

export const SHOP = "vitrine-demo.myshopify.com";
export const artifacts = path.resolve("test/e2e/artifacts");

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

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface Stack {
  name: string;
  page: Page;
  appUrl: string;
  emulatorUrl: string;
  adminToken: string;
  /** A scratch folder removed at the end. */
  work: string;
  say: (message: string) => void;
  /** Runs one named check; a failure is recorded and the next check runs. */
  check: (name: string, run: () => Promise<void>) => Promise<void>;
  /** Loads an app page as the admin would open it (fresh session token); the document's response. */
  openApp: (appPath: string) => Promise<Response | null>;
  /** Script errors seen on the page (hydration included). */
  pageErrors: string[];
  /** Closes the browser, stops the processes and exits 0 when every check passed. */
  finish: () => Promise<never>;
}

/**
 * Starts the emulator, runs `seed` in this process with the stack's environment (the database and Redis the app
 * will use), builds the app unless `npm test` built it (E2E_USE_BUILD=1), starts the worker and the web server,
 * and opens Chromium.
 */
export async function startStack(
  name: string,
  seed: (ctx: {
    adminToken: string;
    work: string;
    say: (message: string) => void;
  }) => Promise<void>,
  extraEnv: Record<string, string> = {},
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
    QUEUE_PREFIX: `vitrine-e2e-${randomBytes(4).toString("hex")}`,
    STORAGE_DIR: path.join(work, "storage"),
    LOG_LEVEL: "warn",
    // The marketplace receiver runs on 127.0.0.1 over http.
    ALLOW_PRIVATE_OUTBOUND: "1",
    ...extraEnv,
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
  await processes.waitForLine(emulator, /^listening on /, 60_000);
  Object.assign(process.env, env);
  await seed({ adminToken, work, say });
  // `npm test` builds the app once, beside the other checks, and says so; on its own this script builds it.
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
  processes.start("worker", [
    process.execPath,
    "--import",
    "tsx",
    "app/worker/main.server.ts",
  ]);
  processes.start("web", [
    process.execPath,
    "--import",
    "tsx",
    "app/web/main.server.ts",
  ]);
  await processes.waitForHealth(`${appUrl}/healthz`, 60_000);

  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
    // authenticate.admin answers 410 to bot-like agents, and headless Chromium says "HeadlessChrome".
    userAgent: BROWSER_USER_AGENT,
  });
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => {
    pageErrors.push(error.message);
    say(`page error: ${error.message}`);
  });
  mkdirSync(artifacts, { recursive: true });

  const failures: string[] = [];
  let passed = 0;
  return {
    name,
    page,
    appUrl,
    emulatorUrl,
    adminToken,
    work,
    say,
    pageErrors,
    async check(title, run) {
      try {
        await run();
        passed++;
        say(`✔ ${title}`);
      } catch (error) {
        failures.push(`${title}: ${(error as Error).message}`);
        say(`✖ ${title}: ${(error as Error).message}`);
      }
    },
    async openApp(appPath) {
      await page.goto(`${emulatorUrl}/__emulator/admin?shop=${SHOP}`);
      await page.waitForURL(/\/app\b/);
      const search = new URL(page.url()).search;
      const [pathname, query] = appPath.split("?");
      const params = new URLSearchParams(search);
      for (const [key, value] of new URLSearchParams(query ?? ""))
        params.set(key, value);
      return page.goto(`${appUrl}${pathname}?${params.toString()}`);
    },
    async finish() {
      await browser.close();
      console.log(`${passed} passed, ${failures.length} failed`);
      rmSync(work, { recursive: true, force: true });
      return processes.stopAll(failures.length ? 1 : 0);
    },
  };
}

/** The offline session the emulator's admin token belongs to, as the install leaves it. */
export async function storeInstalledSession(adminToken: string): Promise<void> {
  const { Session } = await import("@shopify/shopify-api");
  const { sessionStorage } = await import("~/shopify.server");
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
}
