// Browser suite of the sync screens (issue #11), run by test/e2e/run.ts on the shop test/e2e/sync-screens-seed.ts
// seeds: the demo catalogue imported, a coat whose front packshot is live on the storefront, the Google feed and a
// marketplace, a Draft product with an image, and an image to link. In Chromium, as a merchant: replace the coat's
// image and watch every channel go live on the asset page without reloading, with the time; rollback and archive
// ask first; bad input shows an inline error; link by picking a product in the resource picker; a Draft product
// never shows live; the dashboard reports replacements apart, its chart loaded after the page. Screenshots go to
// test/e2e/artifacts/; `npm run screenshots` copies them to docs/screenshots/ (the README shows them).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { artifacts, waitFor, type Suite, type SuiteContext } from "./harness";
import { ids, packshot, receiver, seed, SHOP } from "./sync-screens-seed";

async function screens({
  stack,
  page,
  pageErrors,
  check,
  openApp,
  say,
}: SuiteContext) {
  const channelStates = () =>
    page
      .locator("#asset-watch [data-watch-channel]")
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-state")));

  await check(
    "the linked coat is live on every channel, in Used by",
    async () => {
      await openApp(`/app/assets/${ids.coatFront}`);
      const states = page.locator(
        `#used-by [data-used-by-product="${ids.coat}"] [data-status]`,
      );
      await waitFor(
        "three channels live",
        async () => {
          await page.waitForTimeout(1000);
          await openApp(`/app/assets/${ids.coatFront}`);
          const all = await states.evaluateAll((nodes) =>
            nodes.map((n) => n.getAttribute("data-status")),
          );
          return all.length === 3 && all.every((s) => s === "LIVE");
        },
        120_000,
      );
    },
  );

  await check(
    "a replacement goes pending → live on every channel without reloading, with the version and the time",
    async () => {
      await page.evaluate(() => {
        (window as unknown as { e2eSamePage: boolean }).e2eSamePage = true;
      });
      const file = path.join(stack.work, "coat-front-v2.jpg");
      writeFileSync(file, await packshot(1));
      await page
        .locator('#dam-drop-zone input[type="file"]')
        .setInputFiles(file);
      await page
        .getByText("coat-front-v2.jpg: New version added")
        .waitFor({ timeout: 60_000 });
      await page
        .getByText("Version 2", { exact: true })
        .waitFor({ timeout: 30_000 });
      // The preview keeps showing the live version while v2 is a draft.
      if (
        (await page.locator("#asset-preview").getAttribute("data-version")) !==
        "1"
      )
        throw new Error("the preview shows the unapproved draft");
      // The marketplace answers slowly until the card has shown it pending: on a fast machine every channel can
      // be live before the page's first read after Approve, and the card (rightly) never shows pending.
      receiver.faults.latencyMs = 4_000;
      const clicked = Date.now();
      await page
        .getByRole("button", { name: "Approve this version" })
        .first()
        .click();
      await page.getByText("Replacing with v2").waitFor({ timeout: 30_000 });
      let sawPending = false;
      await waitFor(
        "three channels live with v2",
        async () => {
          const states = await channelStates();
          if (states.includes("PENDING")) {
            sawPending = true;
            receiver.faults.latencyMs = 0;
          }
          // Live with v2: right after the click the card can still show v1's LIVE badges for a moment (the
          // action's answer is there before the watch's next read), which is not the replacement going live.
          const texts = await page
            .locator("#asset-watch [data-watch-channel]")
            .allInnerTexts();
          return (
            states.length === 3 &&
            states.every((s) => s === "LIVE") &&
            texts.every((text) => text.includes("v2"))
          );
        },
        120_000,
      );
      receiver.faults.latencyMs = 0;
      say(
        `every channel live ${Date.now() - clicked} ms after the click (the marketplace slowed until pending showed)`,
      );
      if (!sawPending) throw new Error("no channel was ever shown pending");
      const badges = await page
        .locator("#asset-watch [data-watch-channel]")
        .allInnerTexts();
      for (const text of badges)
        if (!/v2 · live in \d+(\.\d)? s/.test(text))
          throw new Error(`badge without version and time: ${text}`);
      const same = await page.evaluate(
        () => (window as unknown as { e2eSamePage?: boolean }).e2eSamePage,
      );
      if (!same) throw new Error("the page was reloaded");
      // From outside: the storefront shows the product with its media.
      const storefront = (await (
        await fetch(`${stack.emulatorUrl}/products/${ids.coatHandle}.js`, {
          headers: { "X-Forwarded-Host": SHOP },
        })
      ).json()) as { media?: unknown[]; images?: unknown[] };
      if (!(storefront.media ?? storefront.images ?? []).length)
        throw new Error("the storefront shows no image");
      await page
        .locator("#asset-preview[data-version='2'] img")
        .waitFor({ timeout: 30_000 });
      await page.screenshot({
        path: path.join(artifacts, "asset-replacement-live.png"),
        fullPage: true,
      });
    },
  );

  await check("rolling back to an older version asks first", async () => {
    await page
      .getByRole("button", { name: "Approve this version" })
      .first()
      .click();
    const dialog = page.getByRole("dialog");
    await dialog
      .getByText("Roll back to version 1?")
      .waitFor({ timeout: 10_000 });
    await dialog.getByText(/Version 2 is live now/).waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Replacing with v2").waitFor();
  });

  await check("archiving asks first", async () => {
    await page.getByRole("button", { name: "Archive", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog
      .getByText(/Archiving withdraws this image/)
      .waitFor({ timeout: 10_000 });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "Archive", exact: true }).waitFor();
  });

  await check("the audit trail reads as sentences", async () => {
    await page
      .locator("#audit-trail")
      .getByText("approved version 2, replacing version 1")
      .waitFor();
    const text = await page.locator("#audit-trail").innerText();
    if (text.includes("{") || text.includes("currentVersionId"))
      throw new Error(`raw JSON in the audit trail: ${text}`);
  });

  await check("bad input shows an inline error", async () => {
    await page.getByLabel("Title", { exact: true }).fill("");
    await page.getByRole("button", { name: "Save" }).first().click();
    await page.getByText("Enter a title.").waitFor({ timeout: 15_000 });
  });

  await check("links by picking a product in the resource picker", async () => {
    await openApp(`/app/assets/${ids.scarf}`);
    await page.getByRole("button", { name: "Pick a product" }).click();
    const picker = page.getByRole("dialog", { name: "Select product" });
    await picker.getByRole("searchbox").fill(ids.coatTitle);
    await picker
      .getByLabel(ids.coatTitle, { exact: true })
      .check({ timeout: 15_000 });
    await picker.getByRole("button", { name: "Select" }).click();
    await page.getByText(`Linking to ${ids.coatTitle}`).waitFor();
    await page
      .locator("#pick-link")
      .getByLabel("Role")
      .selectOption("SIZE_CHART");
    await page
      .locator("#pick-link")
      .getByRole("button", { name: "Link" })
      .click();
    await page
      .locator(`#used-by [data-used-by-product="${ids.coat}"]`)
      .getByText("All variants · Size chart")
      .waitFor({ timeout: 30_000 });
  });

  await check("a Draft product never shows live, and says why", async () => {
    await openApp(`/app/products/${ids.draft}`);
    const card = page.locator("#product-channels");
    await waitFor(
      "the draft's channels settled",
      async () => {
        await openApp(`/app/products/${ids.draft}`);
        const statuses = await card
          .locator("[data-status]")
          .evaluateAll((nodes) =>
            nodes.map((n) => n.getAttribute("data-status")),
          );
        if (statuses.includes("LIVE"))
          throw new Error("a Draft product is shown live");
        return (
          statuses.length === 3 &&
          statuses.every((s) => s === "NOT_LISTED" || s === "BLOCKED")
        );
      },
      120_000,
    );
    await card.getByText("Draft in Shopify: shoppers cannot see it").waitFor();
  });

  await check(
    "the product page lists its images and its live channels",
    async () => {
      const live = page.locator(
        '#product-channels [data-channel="SHOPIFY_STOREFRONT"][data-status="LIVE"]',
      );
      await waitFor(
        "the coat live on the storefront",
        async () => {
          await openApp(`/app/products/${ids.coat}`);
          return (await live.count()) === 1;
        },
        120_000,
      );
      const images = page.locator("#product-images");
      await images.getByText("coat front").waitFor({ timeout: 30_000 });
      await images.getByText("Front", { exact: true }).first().waitFor();
      await page.screenshot({
        path: path.join(artifacts, "product-page.png"),
        fullPage: true,
      });
    },
  );

  await check("activity lists each hop with its kind and outcome", async () => {
    await openApp("/app/activity");
    await page
      .getByText("Replacement", { exact: true })
      .first()
      .waitFor({ timeout: 30_000 });
    await page.locator('[data-hop-outcome="LIVE"]').first().waitFor();
  });

  await check(
    "the dashboard reports replacements apart and loads its chart after the page",
    async () => {
      const chunks: string[] = [];
      page.on("request", (request) => {
        if (request.url().endsWith(".js")) chunks.push(request.url());
      });
      const document = await openApp("/app");
      // The page as served names the chart's script nowhere; the browser asks for it once the page is up.
      if ((await document!.text()).includes("latency-chart"))
        throw new Error("the chart's script is sent with the page");
      const storefront = page.locator(
        '[data-latency-channel="SHOPIFY_STOREFRONT"] [data-latency="replacements"]',
      );
      await storefront
        .getByText(/p50 [\d.]+ s · p95 [\d.]+ s · 1 changes/)
        .waitFor({ timeout: 30_000 });
      await page
        .locator(
          '[data-latency-channel="SHOPIFY_STOREFRONT"] [data-latency="first-publishes"]',
        )
        .getByText(/· \d+ changes/)
        .waitFor();
      await page.locator("#latency svg").first().waitFor({ timeout: 30_000 });
      if (!chunks.some((url) => url.includes("latency-chart")))
        throw new Error(
          `the chart did not come as its own script: ${chunks.join(", ")}`,
        );
      await page.screenshot({
        path: path.join(artifacts, "dashboard.png"),
        fullPage: true,
      });
    },
  );

  await check("ran without script errors (hydration included)", async () => {
    if (pageErrors.length) throw new Error(pageErrors.join("; "));
  });
}

export const syncScreens: Suite = {
  name: "sync screens",
  shop: SHOP,
  seed,
  run: screens,
  close: () => receiver.close(),
  screenshots: [
    "asset-replacement-live.png",
    "product-page.png",
    "dashboard.png",
  ],
};
