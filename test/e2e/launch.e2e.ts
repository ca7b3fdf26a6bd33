// Browser suite of the launch screens (issue #14), run by test/e2e/run.ts on the shop test/e2e/launch-seed.ts
// seeds: the catalogue imported, a marketplace receiver, and two Draft products with approved images — one lacks
// the back view the marketplace requires, and an approved back view waits unlinked. In Chromium, as a merchant:
// create a launch by picking both products, see the blocker, fix it by linking the back view, stage; from outside
// nothing shows (the storefront answers 404, the Google feed over HTTP lacks the rows, the marketplace listings are
// inactive); preview (each page opens by its link, the store lists neither, feed and marketplace hold), end the
// preview (hidden again); go live now and watch every channel to all live; from outside everything shows; roll
// back (asks first); hidden again. Screenshots go to test/e2e/artifacts/ (a failed check leaves
// `launch-failed-N.png`); `npm run screenshots` copies launch-live.png to docs/screenshots/.
import path from "node:path";
import type { Page } from "playwright-core";
import { artifacts, waitFor, type Suite, type SuiteContext } from "./harness";
import {
  expectHidden,
  merchantSetsStatus,
  outside,
  products,
  receiver,
  seed,
  seeded,
  SHOP,
} from "./launch-seed";

const dialog = (page: Page) => page.getByRole("dialog");
const launchStatus = (page: Page) =>
  page
    .locator("[data-launch-status]")
    .first()
    .getAttribute("data-launch-status");

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

  await check(
    "previews by link while nothing is listed, then ends the preview",
    async () => {
      await page.getByRole("button", { name: "Preview", exact: true }).click();
      // The page follows the preview job (it says so while the job waits or runs): the links appear without a
      // reload. A fast worker can be done before the page's first look, so the notice may never show.
      const links = page.locator("#readiness-board [data-preview-url]");
      let sawWork = false;
      await waitFor(
        "a preview link per product",
        async () => {
          if (await page.locator('[data-preview-work="preview"]').count())
            sawWork = true;
          return (await links.count()) === products.length;
        },
        120_000,
      );
      const urls = await links.evaluateAll((nodes) =>
        nodes.map((n) => n.getAttribute("data-preview-url") ?? ""),
      );
      // From outside: each link opens its page; the store lists neither; the feed and marketplace still hold.
      const seen = await outside(stack);
      if (seen.storefront.some((status) => status !== 200))
        throw new Error(`preview pages answer ${seen.storefront}`);
      for (const product of products)
        if (!urls.some((url) => url.endsWith(`/products/${product.handle}`)))
          throw new Error(`no preview link for ${product.handle}: ${urls}`);
      const listed = (await (
        await fetch(`${stack.emulatorUrl}/products.json`, {
          headers: { "X-Forwarded-Host": SHOP },
        })
      ).json()) as { products: { handle: string }[] };
      const handles = listed.products.map((p) => p.handle);
      if (products.some((p) => handles.includes(p.handle)))
        throw new Error("the store lists a previewed product");
      if (seen.inFeed.length || seen.listings.includes("active"))
        throw new Error(
          `previewed: feed ${seen.inFeed}, listings ${seen.listings}`,
        );
      say(
        `previewed${sawWork ? " (the card said so while it ran)" : ""}: ${urls.join(", ")}; pages ${seen.storefront.join(",")}`,
      );
      await page.screenshot({
        path: path.join(artifacts, "launch-preview.png"),
        fullPage: true,
      });
      await page
        .getByRole("button", {
          name: `End preview (${products.length} Unlisted)`,
        })
        .click();
      await waitFor(
        "the preview ended",
        async () =>
          (await links.count()) === 0 &&
          (await page.locator("[data-preview-work]").count()) === 0,
        120_000,
      );
      await expectHidden(stack, "preview ended");
    },
  );

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
    "a product the merchant drafts in Shopify after go-live says No longer live, with why",
    async () => {
      const product = products[0]!;
      const cell = page
        .locator("#readiness-board tr")
        .filter({ has: page.locator(`[data-board-product="${product.id}"]`) })
        .locator('[data-board-channel="SHOPIFY_STOREFRONT"]');
      const observedOff = async () => {
        await page.waitForTimeout(1000);
        await openApp(launchUrl);
        return cell.getAttribute("data-observed-off");
      };
      await merchantSetsStatus(stack, product.gid, "DRAFT");
      await waitFor(
        "the board saying the drafted product is off",
        async () => (await observedOff()) !== null,
        90_000,
      );
      await cell.getByText("No longer live").waitFor();
      await cell.getByText(/Draft/).first().waitFor();
      await page
        .locator('#launch-blockers [data-blocker-kind="off"]')
        .first()
        .waitFor();
      await page.screenshot({
        path: path.join(artifacts, "launch-off-after-go-live.png"),
        fullPage: true,
      });
      await merchantSetsStatus(stack, product.gid, "ACTIVE");
      await waitFor(
        "the board saying live again",
        async () => (await observedOff()) === null,
        90_000,
      );
    },
  );

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
