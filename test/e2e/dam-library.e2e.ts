// Browser test of the asset library (`npm run test:e2e`, a step of `npm test`): the built app, the worker and the
// store emulator (serving App Bridge locally) as separate processes, driven in Debian Chromium via playwright-core.
// It opens the library with seeded assets, uploads a file through the drop zone, waits for its thumbnail, and saves
// a screenshot to test/e2e/artifacts/. CHROMIUM_PATH overrides /usr/bin/chromium.
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import sharp from "sharp";
import { Processes } from "../../scripts/demo/processes";
import { migrateDeploy } from "../../scripts/setup";
import { BROWSER_USER_AGENT } from "../support/shopify";

const SHOP = "vitrine-demo.myshopify.com";
const artifacts = path.resolve("test/e2e/artifacts");
const work = mkdtempSync(path.join(tmpdir(), "vitrine-e2e-"));

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
};
const say = (message: string) => console.log(`[e2e] ${message}`);
const processes = new Processes(env, say);

async function image(
  seed: number,
  format: "jpeg" | "png" = "jpeg",
): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600">
    <rect width="100%" height="100%" fill="hsl(${seed * 67},60%,45%)"/>
    <circle cx="${200 + seed * 90}" cy="300" r="140" fill="#f4f1ea"/></svg>`;
  const base = sharp(Buffer.from(svg));
  return format === "png" ? base.png().toBuffer() : base.jpeg().toBuffer();
}

/** The shop installed Vitrine (offline session with the emulator's token) and has three assets. */
async function seed(): Promise<void> {
  Object.assign(process.env, env);
  const { Session } = await import("@shopify/shopify-api");
  const { sessionStorage } = await import("~/shopify.server");
  const { recordInstall } = await import("~/shop/install.server");
  const { ingestUpload } = await import("~/dam/ingest.server");
  const { closeQueues } = await import("~/jobs/queues.server");
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
  for (const [i, name] of [
    "camel-coat-front.jpg",
    "silk-scarf.jpg",
    "leather-boot.jpg",
  ].entries())
    await ingestUpload({
      shop: SHOP,
      filename: name,
      data: await image(i + 1),
      actor: "user:1",
    });
  await closeQueues();
}

async function readyThumbnails(page: Page): Promise<number> {
  return page
    .locator('.dam-grid-item [data-thumbnail-state="ready"] img')
    .count();
}

async function waitFor(
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

async function main(): Promise<void> {
  migrateDeploy(env.DATABASE_URL!);
  const emulator = processes.start("emulator", [
    process.execPath,
    "--import",
    "tsx",
    "emulator/main.ts",
  ]);
  await processes.waitForLine(emulator, /^listening on /, 60_000);
  await seed();
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

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
    ],
  });
  const failures: string[] = [];
  let passed = 0;
  const check = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
      passed++;
      say(`✔ ${name}`);
    } catch (error) {
      failures.push(`${name}: ${(error as Error).message}`);
      say(`✖ ${name}: ${(error as Error).message}`);
    }
  };
  mkdirSync(artifacts, { recursive: true });
  try {
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
    // Enter as the admin does (id_token on the first load), then go to the library inside the app.
    await page.goto(`${emulatorUrl}/__emulator/admin?shop=${SHOP}`);
    await page.waitForURL(/\/app\b/);
    const search = new URL(page.url()).search;
    await page.goto(`${appUrl}/app/assets${search}`);

    await check(
      "shows the seeded assets with their rendered thumbnails",
      async () => {
        await page.getByText("camel coat front").waitFor();
        await waitFor("three thumbnails", async () => {
          if ((await readyThumbnails(page)) >= 3) return true;
          return false;
        });
      },
    );

    await check(
      "uploads through the drop zone and shows the new asset's thumbnail",
      async () => {
        const file = path.join(work, "studio-hat.png");
        writeFileSync(file, await image(5, "png"));
        await page
          .locator('#dam-drop-zone input[type="file"]')
          .setInputFiles(file);
        await page
          .getByText("studio-hat.png: Added")
          .waitFor({ timeout: 60_000 });
        await page.getByText("studio hat").first().waitFor({ timeout: 30_000 });
        await waitFor(
          "four thumbnails",
          async () => (await readyThumbnails(page)) >= 4,
        );
      },
    );

    await check(
      "says a second upload of the same file is already in the library",
      async () => {
        await page
          .locator('#dam-drop-zone input[type="file"]')
          .setInputFiles(path.join(work, "studio-hat.png"));
        await page
          .getByText("studio-hat.png: Already in the library")
          .waitFor({ timeout: 60_000 });
      },
    );

    await check(
      "approves the new asset on its page, which keeps a Used by card for the sync engine",
      async () => {
        await page.getByRole("link", { name: "Open it" }).last().click();
        await page.waitForURL(/\/app\/assets\/[^/?]+/);
        await page.locator("#used-by").waitFor();
        await page
          .getByRole("button", { name: "Approve this version" })
          .first()
          .click();
        await page
          .locator("#audit-trail")
          .getByText("approved version 1")
          .waitFor({ timeout: 30_000 });
        // The status badge next to the title.
        await page.getByText("Approved", { exact: true }).first().waitFor();
      },
    );

    await check(
      "uploads a new version on the asset page and compares it with the current one",
      async () => {
        const file = path.join(work, "studio-hat-v2.jpg");
        writeFileSync(file, await image(8));
        await page
          .locator('#dam-drop-zone input[type="file"]')
          .setInputFiles(file);
        await page
          .getByText("studio-hat-v2.jpg: New version added")
          .waitFor({ timeout: 60_000 });
        await page
          .getByText("Version 2", { exact: true })
          .waitFor({ timeout: 30_000 });
        await page
          .getByRole("button", { name: "Compare with version 1" })
          .click();
        await page
          .locator("#version-compare img")
          .nth(1)
          .waitFor({ timeout: 30_000 });
        await page.screenshot({
          path: path.join(artifacts, "dam-asset.png"),
          fullPage: true,
        });
      },
    );

    await check(
      "goes back to the library, where the approved asset shows its badge",
      async () => {
        await page.locator('a[href="/app/assets"]').first().click();
        await page.waitForURL(/\/app\/assets(\?|$)/);
        await waitFor(
          "four thumbnails",
          async () => (await readyThumbnails(page)) >= 4,
        );
        await page.getByText("Approved", { exact: true }).first().waitFor();
      },
    );

    await check("ran without script errors (hydration included)", async () => {
      if (pageErrors.length) throw new Error(pageErrors.join("; "));
    });

    await page.screenshot({
      path: path.join(artifacts, "dam-library.png"),
      fullPage: true,
    });
    say(`screenshot: ${path.join(artifacts, "dam-library.png")}`);
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failures.length} failed`);
  rmSync(work, { recursive: true, force: true });
  await processes.stopAll(failures.length ? 1 : 0);
}

main().catch(async (error: unknown) => {
  console.error(`[e2e] ${(error as Error).stack ?? String(error)}`);
  console.log("0 passed, 1 failed");
  await processes.stopAll(1);
});
