// Browser suite of the launch screens (issue #14), run by test/e2e/run.ts: the catalogue imported, a marketplace
// receiver, and two Draft products with approved images — one lacks the back view the marketplace requires, and an
// approved back view waits unlinked. In Chromium, as a merchant: create a launch by picking both products, see the
// blocker, fix it by linking the back view, stage; from outside nothing shows (the storefront answers 404, the
// Google feed over HTTP lacks the rows, the marketplace listings are inactive); go live now and watch every channel
// to all live; from outside everything shows; roll back (asks first); hidden again. Screenshots go to
// test/e2e/artifacts/ (a failed check leaves `launch-failed-N.png`); `npm run screenshots` copies launch-live.png
// to docs/screenshots/.
import path from "node:path";
import type { Page } from "playwright-core";
import { MarketplaceReceiver } from "../../emulator/marketplace/receiver";
import { COLOURS } from "../../emulator/seed/catalogue";
import { studioImage } from "../../emulator/seed/images";
import {
  artifacts,
  waitFor,
  type Stack,
  type Suite,
  type SuiteContext,
} from "./harness";

const SHOP = "vitrine-e2e-launch.myshopify.com";
const receiver = new MarketplaceReceiver("vitrine-e2e", "e2e-launch-secret");

interface Launched {
  id: string;
  title: string;
  handle: string;
  skus: string[];
}
const products: Launched[] = [];
const seeded = { backView: "", feedUrl: "", receiverUrl: "" };

async function seed(): Promise<void> {
  const { default: db } = await import("~/db.server");
  const { importCatalogue } = await import("~/pim/onboarding.server");
  const { ingestUpload } = await import("~/dam/ingest.server");
  const { approveVersion } = await import("~/dam/versions.server");
  const { changeTags } = await import("~/dam/asset-details.db.server");
  const { linkAssets } = await import("~/sync/links.db.server");
  const { configureMarketplace, shopChannels } =
    await import("~/sync/channels/channels.db.server");
  const { googleFeedUrl } = await import("~/sync/urls.server");
  await importCatalogue(SHOP);
  seeded.receiverUrl = await receiver.listen();
  await configureMarketplace(SHOP, {
    url: `${seeded.receiverUrl}/v1`,
    keyId: "vitrine-e2e",
    secret: "e2e-launch-secret",
  });
  seeded.feedUrl = googleFeedUrl(
    SHOP,
    (await shopChannels(SHOP)).google.config.feedToken,
  );
  // Two products the shop has not released yet; no family, so PIM completeness does not block them.
  const drafts = await db.product.findMany({
    where: { shop: SHOP, status: "DRAFT" },
    orderBy: { handle: "asc" },
    take: 2,
    include: { variants: { select: { sku: true } } },
  });
  if (drafts.length < 2) throw new Error("the demo shop has too few drafts");
  let colour = 0;
  const approved = async (name: string) => {
    const data = await studioImage({
      // Coat packshots pass every channel's pre-flight (white border, the product filling the frame).
      family: "coat",
      colour: COLOURS[colour++ % COLOURS.length]!,
      width: 1000,
      height: 1250,
      packshot: true,
    });
    const result = await ingestUpload({
      shop: SHOP,
      filename: `${name}.jpg`,
      data,
      actor: "user:1",
    });
    if ("duplicateOf" in result) throw new Error(`${name} is a duplicate`);
    await approveVersion({
      shop: SHOP,
      assetId: result.asset.id,
      versionId: result.version.id,
      actor: "user:1",
    });
    return result.asset.id;
  };
  for (const [i, product] of drafts.entries()) {
    products.push({
      id: product.id,
      title: product.title,
      handle: product.handle,
      skus: product.variants.flatMap((v) => (v.sku ? [v.sku] : [])),
    });
    const link = async (role: "FRONT" | "BACK" | "LIFESTYLE", name: string) =>
      linkAssets(SHOP, {
        assetIds: [await approved(`${name}-${i}`)],
        productId: product.id,
        role,
      });
    await link("FRONT", "front");
    // An on-model shot: a lifestyle image tagged "model".
    const model = await approved(`model-${i}`);
    await changeTags(SHOP, [model], { add: ["model"] }, "user:1");
    await linkAssets(SHOP, {
      assetIds: [model],
      productId: product.id,
      role: "LIFESTYLE",
    });
    // The first product has its back view; the second's waits in the library.
    if (i === 0) await link("BACK", "back");
    else seeded.backView = await approved(`back-${i}`);
  }
}

const dialog = (page: Page) => page.getByRole("dialog");
const launchStatus = (page: Page) =>
  page
    .locator("[data-launch-status]")
    .first()
    .getAttribute("data-launch-status");

/** What a shopper, Google and the marketplace see of the launch's products, fetched over HTTP. */
async function outside(stack: Stack) {
  const storefront = await Promise.all(
    products.map(
      async (p) =>
        (
          await fetch(`${stack.emulatorUrl}/products/${p.handle}.js`, {
            headers: { "X-Forwarded-Host": SHOP },
          })
        ).status,
    ),
  );
  const feed = await (await fetch(seeded.feedUrl)).text();
  const skus = products.flatMap((p) => p.skus);
  const inFeed = skus.filter((sku) => feed.includes(`<g:id>${sku}</g:id>`));
  const listings = await Promise.all(
    skus.map(async (sku) => {
      const response = await fetch(
        `${seeded.receiverUrl}/v1/listings/${encodeURIComponent(sku)}`,
      );
      if (response.status === 404) return "absent";
      const listing = (await response.json()) as { active?: boolean };
      return listing.active === false ? "inactive" : "active";
    }),
  );
  return { storefront, inFeed, skus, listings };
}

async function expectHidden(stack: Stack, when: string) {
  const seen = await outside(stack);
  if (seen.storefront.some((status) => status !== 404))
    throw new Error(`${when}: the storefront answers ${seen.storefront}`);
  if (seen.inFeed.length)
    throw new Error(`${when}: the feed serves ${seen.inFeed.join(", ")}`);
  if (seen.listings.includes("active"))
    throw new Error(`${when}: marketplace listings active: ${seen.listings}`);
  return seen;
}

async function flows(context: SuiteContext) {
  const { stack, page, pageErrors, say, openApp } = context;
  let failures = 0;
  // A failed check leaves a screenshot and what the launch page said, to see why.
  const check: SuiteContext["check"] = (name, run) =>
    context.check(name, async () => {
      try {
        await run();
      } catch (error) {
        failures += 1;
        await page
          .screenshot({
            path: path.join(artifacts, `launch-failed-${failures}.png`),
            fullPage: true,
          })
          .catch(() => undefined);
        const said = await page
          .locator("#launch-blockers, #launch-go-live, #launch-staging")
          .allInnerTexts()
          .catch(() => []);
        const text = said.join(" | ").replace(/\s+/g, " ").slice(0, 600);
        throw new Error(
          `${(error as Error).message} [at ${page.url()}; ${text}]`,
        );
      }
    });
  let launchUrl = "";

  await check("creates a launch by picking two products", async () => {
    await openApp("/app/launches");
    await page.getByRole("button", { name: "Create launch" }).first().click();
    await page.getByLabel("Name", { exact: true }).fill("AW26 drop");
    await page
      .getByLabel("Choose products by", { exact: true })
      .selectOption("products");
    await page.getByRole("button", { name: "Pick products" }).click();
    const picker = page.getByRole("dialog", { name: "Select product" });
    for (const product of products) {
      await picker.getByRole("searchbox").fill(product.title);
      await picker
        .getByLabel(product.title, { exact: true })
        .check({ timeout: 15_000 });
    }
    await picker.getByRole("button", { name: "Select" }).click();
    await page.getByText("2 products picked").waitFor();
    await page.getByRole("button", { name: "Create launch" }).click();
    // The launch's own page ("/app/launches/new" is the form's).
    await page.waitForURL(/\/app\/launches\/(?!new\b)[^/?]+/, {
      timeout: 30_000,
    });
    await page.getByRole("heading", { name: "AW26 drop" }).waitFor();
    launchUrl = new URL(page.url()).pathname;
    if ((await launchStatus(page)) !== "DRAFT")
      throw new Error(`status ${await launchStatus(page)}`);
  });

  await check(
    "shows the missing back view as a marketplace blocker, in words",
    async () => {
      const blocker = page.locator(
        '#launch-blockers [data-blocker-channel="MARKETPLACE"][data-blocker-kind="shot"]',
      );
      await blocker.getByText(/1 .* back view/).waitFor({ timeout: 15_000 });
      const cell = page.locator(`[data-board-product="${products[1]!.id}"]`);
      await cell.waitFor();
      const marketplace = page
        .locator("#readiness-board tr")
        .filter({ has: cell })
        .locator('[data-board-channel="MARKETPLACE"]');
      if ((await marketplace.getAttribute("data-ready")) !== "false")
        throw new Error("the product without a back view shows ready");
      await marketplace.getByText(/a back view/).waitFor();
      await page.getByRole("button", { name: "Only blocked" }).click();
      await page.waitForURL(/filter=blocked/);
      await page
        .locator(`[data-board-product="${products[0]!.id}"]`)
        .waitFor({ state: "detached" });
      await page.locator(`[data-board-product="${products[1]!.id}"]`).waitFor();
      await page.screenshot({
        path: path.join(artifacts, "launch-blockers.png"),
        fullPage: true,
      });
    },
  );

  await check(
    "fixing it (linking the back view) clears the blocker",
    async () => {
      const product = products[1]!;
      await openApp(`/app/assets/${seeded.backView}`);
      await page.getByRole("button", { name: "Pick a product" }).click();
      const picker = page.getByRole("dialog", { name: "Select product" });
      await picker.getByRole("searchbox").fill(product.title);
      await picker
        .getByLabel(product.title, { exact: true })
        .check({ timeout: 15_000 });
      await picker.getByRole("button", { name: "Select" }).click();
      await page.getByText(`Linking to ${product.title}`).waitFor();
      await page.locator("#pick-link").getByLabel("Role").selectOption("BACK");
      await page
        .locator("#pick-link")
        .getByRole("button", { name: "Link" })
        .click();
      await page
        .locator(`#used-by [data-used-by-product="${product.id}"]`)
        .waitFor({ timeout: 30_000 });
      await openApp(launchUrl);
      await page.locator('#launch-blockers [data-ready-count="2"]').waitFor();
      if (
        await page
          .locator('#launch-blockers [data-blocker-kind="shot"]')
          .count()
      )
        throw new Error("a shot blocker is still shown");
    },
  );

  await check("stages, and nothing shows from outside", async () => {
    await page.getByRole("button", { name: "Stage", exact: true }).click();
    await waitFor(
      "the launch staged",
      async () => (await launchStatus(page)) === "STAGED",
      180_000,
    );
    await page.getByText(/nothing is visible to shoppers/).waitFor();
    const seen = await expectHidden(stack, "staged");
    say(
      `staged: storefront ${seen.storefront.join(",")}, marketplace ${[...new Set(seen.listings)].join(",")}`,
    );
  });

  let allLiveText = "";
  await check(
    "goes live now (asks first) and shows every channel reach all live",
    async () => {
      await page.getByRole("button", { name: "Go live now" }).click();
      await dialog(page)
        .getByText(/live on every channel now\?/)
        .waitFor();
      await dialog(page).getByRole("button", { name: "Go live now" }).click();
      const seenProgress = new Set<string>();
      await waitFor(
        "every channel all live",
        async () => {
          const lines = await page
            .locator("[data-progress-channel]")
            .evaluateAll((nodes) =>
              nodes.map(
                (n) =>
                  `${n.getAttribute("data-live")}/${n.getAttribute("data-total")}`,
              ),
            );
          for (const line of lines) seenProgress.add(line);
          return (
            (await launchStatus(page)) === "LIVE" &&
            lines.length >= 3 &&
            lines.every((l) => l === "2/2")
          );
        },
        240_000,
      );
      allLiveText = await page
        .getByText(/^Go-live → all live: [\d.]+ s$/)
        .first()
        .innerText({ timeout: 15_000 });
      say(`${allLiveText} (progress seen: ${[...seenProgress].join(" ")})`);
      // The bars fill with a transition: the picture shows them full.
      await page.evaluate(() =>
        Promise.all(
          document
            .getAnimations()
            .filter((a) => a.effect?.getTiming().iterations !== Infinity)
            .map((a) => a.finished),
        ),
      );
      await page.screenshot({
        path: path.join(artifacts, "launch-live.png"),
        fullPage: true,
      });
    },
  );

  await check("from outside, everything shows on every channel", async () => {
    let last = "";
    await waitFor(
      "storefront, feed and marketplace showing the launch",
      async () => {
        const seen = await outside(stack);
        last = `storefront ${seen.storefront.join(",")}; feed ${seen.inFeed.length} of ${seen.skus.length} SKUs; listings ${seen.listings.join(",")}`;
        return (
          seen.storefront.every((status) => status === 200) &&
          seen.inFeed.length === seen.skus.length &&
          seen.listings.every((l) => l === "active")
        );
      },
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message} (last seen: ${last})`);
    });
    say(`live from outside: ${last}`);
  });

  await check(
    "rolls back after asking, and hides everything again",
    async () => {
      await page.getByRole("button", { name: "Roll back" }).click();
      await dialog(page).getByText("Roll back AW26 drop?").waitFor();
      await dialog(page).getByRole("button", { name: "Roll back" }).click();
      await waitFor(
        "the launch rolled back",
        async () => (await launchStatus(page)) === "ROLLED_BACK",
        180_000,
      );
      await waitFor(
        "nothing showing from outside",
        async () => {
          try {
            await expectHidden(stack, "rolled back");
            return true;
          } catch {
            return false;
          }
        },
        60_000,
      );
      await expectHidden(stack, "rolled back");
    },
  );

  await check("ran without script errors (hydration included)", async () => {
    if (pageErrors.length) throw new Error(pageErrors.join("; "));
  });
}

export const launchScreens: Suite = {
  name: "launch screens",
  shop: SHOP,
  seed,
  run: flows,
  close: () => receiver.close(),
  screenshots: ["launch-live.png"],
};
