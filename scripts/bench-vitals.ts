// `npm run bench:vitals`: Core Web Vitals of every admin page on the demo's data, in Debian Chromium on this
// machine (the e2e harness: built app, worker, store emulator). Each page is a fresh document load, as the admin
// loads the app's iframe with a fresh session token; LCP and CLS come from PerformanceObserver, INP from real
// input (a click on the page title and a key press), the longest event duration with an interaction id.
// Prints one line per page, then `RESULT web_vitals pages=N worst_lcp_ms=… worst_cls=… worst_inp_ms=…`.
// A benchmark: it reports, it never fails on a number (Built for Shopify asks LCP ≤ 2.5 s, CLS ≤ 0.1, INP ≤ 200 ms).
import type { Page } from "playwright-core";
import {
  installShop,
  SHOP,
  startStack,
  waitFor,
  type Stack,
} from "../test/e2e/harness";

const ROUNDS = Number(process.env.VITALS_ROUNDS ?? 2);

const OBSERVE = `(() => {
  const v = (window.__vitals = { lcp: 0, cls: 0, inp: 0 });
  const watch = (type, on, extra) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(on)).observe({ type, buffered: true, ...extra }); } catch {}
  };
  watch("largest-contentful-paint", (e) => { v.lcp = Math.max(v.lcp, e.startTime); });
  watch("layout-shift", (e) => { if (!e.hadRecentInput) v.cls += e.value; });
  watch("event", (e) => { if (e.interactionId) v.inp = Math.max(v.inp, e.duration); }, { durationThreshold: 16 });
})();`;

async function seed(adminToken: string): Promise<void> {
  await installShop(adminToken);
  const { setUpApparelPim, importCatalogue } =
    await import("~/pim/onboarding.server");
  const { ingestUpload } = await import("~/dam/ingest.server");
  const { closeQueues } = await import("~/jobs/queues.server");
  const { studioImage } = await import("../emulator/seed/images");
  const { COLOURS } = await import("../emulator/seed/catalogue");
  await setUpApparelPim(SHOP);
  await importCatalogue(SHOP);
  for (const [i, colour] of COLOURS.slice(0, 12).entries())
    await ingestUpload({
      shop: SHOP,
      filename: `coat-${i + 1}-front.jpg`,
      data: await studioImage({
        family: "coat",
        colour,
        width: 800,
        height: 1000,
      }),
      actor: "demo@vitrine.example",
    });
  await closeQueues();
}

interface Vitals {
  lcp: number;
  cls: number;
  inp: number;
}

async function freshUrl(stack: Stack, pathname: string): Promise<string> {
  const response = await fetch(
    `${stack.emulatorUrl}/__emulator/session-token?shop=${SHOP}`,
  );
  const { token } = (await response.json()) as { token: string };
  const url = new URL(pathname, stack.appUrl);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", SHOP);
  url.searchParams.set(
    "host",
    Buffer.from(`admin.shopify.com/store/${SHOP.split(".")[0]}`).toString(
      "base64url",
    ),
  );
  url.searchParams.set("id_token", token);
  return url.toString();
}

async function measure(page: Page, url: string): Promise<Vitals> {
  await page.goto(url, { waitUntil: "load" });
  await page.locator("h1").first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1_500);
  await page.locator("h1").first().click();
  await page.keyboard.press("Tab");
  await page.waitForTimeout(500);
  return page.evaluate(
    () => (window as unknown as { __vitals: Vitals }).__vitals,
  );
}

async function main(): Promise<void> {
  const stack = await startStack("vitals", seed);
  let code = 0;
  try {
    const { default: db } = await import("~/db.server");
    const { page: entry } = await stack.openApp();
    await entry.close();
    // Thumbnails rendered by the worker, so the asset pages show what a merchant sees.
    await waitFor(
      "asset renditions",
      async () => (await db.asset.count({ where: { shop: SHOP } })) >= 12,
      120_000,
    );
    const product = await db.product.findFirstOrThrow({
      where: { shop: SHOP, familyId: { not: null } },
      orderBy: { handle: "asc" },
    });
    const asset = await db.asset.findFirstOrThrow({ where: { shop: SHOP } });
    const pages: [string, string][] = [
      ["dashboard", "/app"],
      ["products", "/app/products"],
      ["product", `/app/products/${product.id}`],
      ["spreadsheet", "/app/products/spreadsheet"],
      ["attributes", "/app/attributes"],
      ["assets", "/app/assets"],
      ["asset", `/app/assets/${asset.id}`],
      ["channels", "/app/channels"],
      ["activity", "/app/activity"],
      ["settings", "/app/settings"],
    ];
    const context = await stack.browser.newContext({
      viewport: { width: 1400, height: 1000 },
      userAgent: (await import("../test/support/shopify")).BROWSER_USER_AGENT,
    });
    await context.addInitScript(OBSERVE);
    const worst = { lcp: 0, cls: 0, inp: 0 };
    for (const [name, pathname] of pages) {
      const rounds: Vitals[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const page = await context.newPage();
        rounds.push(await measure(page, await freshUrl(stack, pathname)));
        await page.close();
      }
      // The first load warms the server's caches and the browser's; the report is the worst round.
      const v = {
        lcp: Math.max(...rounds.map((r) => r.lcp)),
        cls: Math.max(...rounds.map((r) => r.cls)),
        inp: Math.max(...rounds.map((r) => r.inp)),
      };
      worst.lcp = Math.max(worst.lcp, v.lcp);
      worst.cls = Math.max(worst.cls, v.cls);
      worst.inp = Math.max(worst.inp, v.inp);
      console.log(
        `${name.padEnd(12)} lcp_ms=${Math.round(v.lcp)} cls=${v.cls.toFixed(3)} inp_ms=${Math.round(v.inp)}`,
      );
    }
    console.log(
      `RESULT web_vitals pages=${pages.length} worst_lcp_ms=${Math.round(worst.lcp)} worst_cls=${worst.cls.toFixed(3)} worst_inp_ms=${Math.round(worst.inp)}`,
    );
  } catch (error) {
    console.error((error as Error).stack ?? String(error));
    code = 1;
  }
  await stack.stop(code);
}

void main();
