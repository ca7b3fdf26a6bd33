// Browser suite of the asset library (run by test/e2e/run.ts, a step of `npm test`): it opens the library with
// seeded assets, uploads a file through the drop zone, waits for its thumbnail, approves it, uploads a new version
// and compares it, and saves screenshots to test/e2e/artifacts/.
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { artifacts, waitFor, type Suite } from "./harness";

const SHOP = "vitrine-e2e-dam.myshopify.com";

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

async function readyThumbnails(page: Page): Promise<number> {
  return page
    .locator('.dam-grid-item [data-thumbnail-state="ready"] img')
    .count();
}

export const damLibrary: Suite = {
  name: "dam library",
  shop: SHOP,
  /** The shop has three assets. */
  async seed() {
    const { ingestUpload } = await import("~/dam/ingest.server");
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
  },
  async run({ stack, page, pageErrors, say, check, openApp }) {
    const work = stack.work;
    // Enter as the admin does (id_token on the first load), then go to the library inside the app.
    await openApp("/app/assets");

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
  },
};
