// The browser-test stack, shared by every browser suite (test/e2e/run.ts runs them all on one stack) and
// `npm run bench:vitals`: the store emulator (serving App Bridge locally, as cdn.shopify.com would), the built app
// and the worker as separate processes on free ports, a fresh SQLite database, queue prefix and storage folder, and
// Debian Chromium via playwright-core (CHROMIUM_PATH overrides /usr/bin/chromium). The emulator seeds one shop per
// suite with the demo catalogue, each accepting the stack's admin token, so suites sharing the stack share no data.
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
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

/** The emulator's demo shop: the default shop of a stack. */
export const SHOP = "vitrine-demo.myshopify.com";
export const artifacts = path.resolve("test/e2e/artifacts");

/**
 * `count` distinct free ports: each probe server stays open until all are found, so the OS cannot hand the same
 * port out twice (two probes closed one after the other once gave the web and the emulator the same port).
 */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      ports.push(
        await new Promise<number>((resolve, reject) => {
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () =>
            resolve((server.address() as { port: number }).port),
          );
        }),
      );
    }
    return ports;
  } finally {
    await Promise.all(
      servers.map((server) => new Promise((resolve) => server.close(resolve))),
    );
  }
}

export interface Stack {
  appUrl: string;
  emulatorUrl: string;
  adminToken: string;
  /** A scratch folder removed by `stop`. */
  work: string;
  browser: Browser;
  say: (message: string) => void;
  /** A new page (desktop viewport, a browser's user agent, downloads accepted). */
  newPage: () => Promise<Page>;
  /** Enters the app on `page` as the admin does (id_token on the first load); returns the app's query. */
  enter: (page: Page, shop?: string) => Promise<string>;
  /** A new page that entered the app as the demo shop; returns the app's query. */
  openApp: () => Promise<{ page: Page; search: string }>;
  /** Closes the browser, stops the processes and exits with `code`. */
  stop: (code: number) => Promise<never>;
}

export interface StackOptions {
  /** Shops the emulator seeds (default: the demo shop); each accepts the stack's admin token. */
  shops?: string[];
  extraEnv?: Record<string, string>;
}

/** The production build (`npm run build`): `npm test` makes it once, beside the other checks. */
function ensureBuild(env: NodeJS.ProcessEnv, say: (message: string) => void) {
  const built =
    existsSync("build/server/index.js") &&
    existsSync("build/node/web.js") &&
    existsSync("build/node/worker.js");
  if (process.env.E2E_USE_BUILD === "1" && built) {
    say("serving the build npm test made");
    return;
  }
  say("building the app");
  for (const command of [
    ["node_modules/.bin/remix", "vite:build"],
    [process.execPath, "--import", "tsx", "scripts/build-server.ts"],
  ]) {
    const build = spawnSync(command[0]!, command.slice(1), {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (build.status !== 0) throw new Error(`${command.join(" ")} failed`);
  }
}

/**
 * Starts the stack. `seed` runs in this process with the stack's environment (the database and Redis the app will
 * use) before the web and worker processes start.
 */
export async function startStack(
  name: string,
  seed: (adminToken: string) => Promise<void>,
  options: StackOptions = {},
): Promise<Stack> {
  const shops = options.shops ?? [SHOP];
  const work = mkdtempSync(path.join(tmpdir(), `vitrine-${name}-`));
  const [port, emulatorPort] = await freePorts(2);
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
    EMULATOR_SHOPS: shops.join(","),
    DATABASE_URL: `file:${path.join(work, "e2e.sqlite")}`,
    QUEUE_PREFIX: `vitrine-${name}-${randomBytes(4).toString("hex")}`,
    STORAGE_DIR: path.join(work, "storage"),
    LOG_LEVEL: "warn",
    // The marketplace receiver runs on 127.0.0.1 over http.
    ALLOW_PRIVATE_OUTBOUND: "1",
    ...options.extraEnv,
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
  ensureBuild(env, say);
  // The compiled entries, as `npm start` runs them: loading the app through tsx takes far longer to boot.
  for (const label of ["worker", "web"])
    processes.start(label, [
      process.execPath,
      "--enable-source-maps",
      `build/node/${label}.js`,
    ]);
  // A loaded machine (several engineers, two cores) can take minutes to start the processes.
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
  const newPage = () =>
    browser.newPage({
      viewport: { width: 1400, height: 1000 },
      acceptDownloads: true,
      // authenticate.admin answers 410 to bot-like agents, and headless Chromium says "HeadlessChrome".
      userAgent: BROWSER_USER_AGENT,
    });
  const enter = async (page: Page, shop = SHOP) => {
    await page.goto(`${emulatorUrl}/__emulator/admin?shop=${shop}`);
    await page.waitForURL(/\/app\b/);
    return new URL(page.url()).search;
  };
  return {
    appUrl,
    emulatorUrl,
    adminToken,
    work,
    browser,
    say,
    newPage,
    enter,
    openApp: async () => {
      const page = await newPage();
      return { page, search: await enter(page) };
    },
    stop: async (code: number) => {
      await browser.close().catch(() => undefined);
      rmSync(work, { recursive: true, force: true });
      return processes.stopAll(code);
    },
  };
}

/** Loads an app page on `page` as the admin would open it (a fresh session token for `shop`). */
export async function openAppPage(
  stack: Stack,
  page: Page,
  shop: string,
  appPath: string,
): Promise<Response | null> {
  const search = await stack.enter(page, shop);
  const [pathname, query] = appPath.split("?");
  const params = new URLSearchParams(search);
  for (const [key, value] of new URLSearchParams(query ?? ""))
    params.set(key, value);
  return page.goto(`${stack.appUrl}${pathname}?${params.toString()}`);
}

/** Stores the offline session the emulator's admin token opens. */
export async function storeOfflineSession(
  adminToken: string,
  shop = SHOP,
): Promise<void> {
  const { Session } = await import("@shopify/shopify-api");
  const { sessionStorage } = await import("~/shopify.server");
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "e2e",
      isOnline: false,
      accessToken: adminToken,
      scope:
        "read_products,write_products,read_files,write_files,read_locales,read_markets",
    }),
  );
}

/** Stores the offline session the emulator's admin token opens, and records the install. */
export async function installShop(
  adminToken: string,
  shop = SHOP,
): Promise<void> {
  await storeOfflineSession(adminToken, shop);
  const { recordInstall } = await import("~/shop/install.server");
  await recordInstall(shop);
}

/** Polls `check` every 250 ms until it holds; throws `timed out: what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What a suite gets from the runner (test/e2e/run.ts): its own shop, a fresh page and named checks. */
export interface SuiteContext {
  stack: Stack;
  shop: string;
  page: Page;
  /** Script errors seen on `page` (hydration included). */
  pageErrors: string[];
  say: (message: string) => void;
  /** Runs one named check; a failure is recorded and the next check runs. */
  check: (title: string, run: () => Promise<void>) => Promise<void>;
  /** Enters the app on `page` as the suite's shop; returns the app's query. */
  enter: () => Promise<string>;
  /** Loads an app page on `page` as the admin would open it (fresh session token); the document's response. */
  openApp: (appPath: string) => Promise<Response | null>;
}

/** One browser suite: the runner starts the app once, then seeds and runs each suite in sequence. */
export interface Suite {
  name: string;
  /** The suite's own emulator shop, so suites sharing the stack share no data. */
  shop: string;
  /**
   * Runs in the runner's process with the stack's environment (the app's database and Redis), before `run`, on a
   * shop with its offline session and its shop row; the runner records the install (whose catalogue import then
   * finds what the seed imported) once the seed is done.
   */
  seed: () => Promise<void>;
  run: (context: SuiteContext) => Promise<void>;
  /** Screenshots (in test/e2e/artifacts/) that `npm run screenshots` copies to docs/screenshots/. */
  screenshots?: string[];
  /** Stops what the suite started itself (a receiver, say). */
  close?: () => Promise<void>;
}
