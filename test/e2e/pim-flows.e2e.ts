// Browser suite of the PIM screens (run by test/e2e/run.ts, a step of `npm test`): one check per merchant flow, each
// asserting what the merchant sees in Chromium — open a product from the list with the keyboard only; edit with the
// App Bridge save bar; revert and see the reverted value in the form; bad input shows an inline error; switching
// view with unsaved edits asks first; approving an incomplete product asks for a reason, shown in the history;
// export CSV and XLSX from the page and dry-run the untouched files with 0 changes. Screenshot in test/e2e/artifacts.
import path from "node:path";
import type { Page } from "playwright-core";
import { artifacts, waitFor, type Suite, type SuiteContext } from "./harness";

const SHOP = "vitrine-e2e-pim.myshopify.com";

async function seed(): Promise<void> {
  // The emulator's demo catalogue, imported here (the install's own import then finds it unchanged).
  const { importCatalogue, setUpApparelPim } =
    await import("~/pim/onboarding.server");
  await importCatalogue(SHOP);
  await setUpApparelPim(SHOP);
}

const toast = (page: Page, text: string | RegExp) =>
  page
    .locator("[data-app-bridge-toasts] [role=status]")
    .filter({ hasText: text })
    .first()
    .waitFor({ timeout: 30_000 });
const saveBar = (page: Page) => page.locator("[data-app-bridge-save-bar]");
const material = (page: Page) =>
  page.getByLabel("Material composition", { exact: true });

async function saveWithSaveBar(page: Page) {
  await saveBar(page).waitFor();
  await saveBar(page).getByRole("button", { name: "Save" }).click();
  await toast(page, "Saved");
  await saveBar(page).waitFor({ state: "detached" });
}

async function flows({ stack, page, pageErrors, check, enter }: SuiteContext) {
  const search = await enter();
  let title = "";

  await check(
    "opens a product from the list with the keyboard only",
    async () => {
      await page.goto(`${stack.appUrl}/app/products${search}`);
      const first = page.locator("a[data-primary-link]").first();
      await first.waitFor();
      title = (await first.innerText()).trim();
      const seen: string[] = [];
      let focused = "";
      for (let i = 0; i < 80 && focused !== title; i += 1) {
        await page.keyboard.press("Tab");
        const active = await page.evaluate(() => {
          const el = document.activeElement;
          return {
            tag: el?.tagName ?? "",
            text: (el?.textContent ?? "").trim().slice(0, 30),
            label: el?.getAttribute("aria-label") ?? "",
          };
        });
        seen.push(`${active.tag}:${active.text || active.label}`);
        focused = active.tag === "A" ? active.text : "";
      }
      if (focused !== title)
        throw new Error(
          `the product link never took focus; focus went ${seen.join(" → ")}`,
        );
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/app\/products\/[^/?]+/);
      await page.getByRole("heading", { name: title }).waitFor();
    },
  );

  await check("edits with the App Bridge save bar and says Saved", async () => {
    if (!(await material(page).count())) {
      await page.goto(`${stack.appUrl}/app/products${search}`);
      await page.locator("a[data-primary-link]").first().click();
    }
    await material(page).fill("Wool");
    await saveWithSaveBar(page);
    if ((await material(page).inputValue()) !== "Wool")
      throw new Error("the saved value is not in the form");
    await material(page).fill("Cashmere");
    await saveWithSaveBar(page);
  });

  await check(
    "reverts a change and shows the reverted value in the form",
    async () => {
      await page
        .getByRole("button", { name: "Revert", exact: true })
        .first()
        .click();
      await toast(page, "Reverted");
      await waitFor(
        "the reverted value",
        async () => (await material(page).inputValue()) === "Wool",
      );
      // Nothing to save: the form is what is stored.
      if (await saveBar(page).count()) throw new Error("save bar after revert");
    },
  );

  await check(
    "shows bad input as an inline error next to the field",
    async () => {
      const brand = page.getByLabel("Brand", { exact: true });
      const stored = await brand.inputValue();
      await brand.fill("x".repeat(90));
      await saveBar(page).getByRole("button", { name: "Save" }).click();
      await toast(page, /./);
      await waitFor(
        "the brand field marked invalid",
        async () => (await brand.getAttribute("aria-invalid")) === "true",
      );
      const describedBy = (await brand.getAttribute("aria-describedby")) ?? "";
      const errorId = describedBy.split(" ").find((id) => id.endsWith("Error"));
      if (!errorId) throw new Error("no inline error is attached to the field");
      const message = await page.locator(`[id="${errorId}"]`).innerText();
      if (!/70/.test(message)) throw new Error(`unexpected error: ${message}`);
      await saveBar(page).getByRole("button", { name: "Discard" }).click();
      await waitFor(
        "the discarded value",
        async () => (await brand.inputValue()) === stored,
      );
    },
  );

  await check("asks before a view switch drops unsaved edits", async () => {
    await material(page).fill("Linen");
    // The form knows it is dirty once the save bar shows: switching before that (a loaded machine) is a clean switch.
    await saveBar(page).waitFor();
    const before = page.url();
    const channel = page.getByLabel("Channel", { exact: true });
    const current = await channel.inputValue();
    // A revalidation that finishes while the question is shown resets React Router's blocker: the question goes
    // and the switch is not made (the edit stays). On a loaded machine a late one can land here, so ask again.
    for (let attempt = 1; ; attempt += 1) {
      await channel.selectOption(current);
      await channel.selectOption("GOOGLE_MERCHANT");
      await page.getByText("You have unsaved changes").waitFor();
      if (page.url() !== before) throw new Error("the view switched anyway");
      try {
        await page
          .getByRole("button", { name: "Keep editing" })
          .click({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        if ((await material(page).inputValue()) !== "Linen")
          throw new Error("the edit was lost", { cause: error });
      }
    }
    if ((await material(page).inputValue()) !== "Linen")
      throw new Error("the edit was lost");
    await saveBar(page).getByRole("button", { name: "Discard" }).click();
    await waitFor(
      "the discarded value",
      async () => (await material(page).inputValue()) === "Wool",
    );
  });

  await check(
    "approving an incomplete product asks for a reason, shown in the history",
    async () => {
      await page.getByRole("button", { name: "Approve", exact: true }).click();
      await page.getByText(/not complete\. Approve anyway\?/).waitFor();
      await page.getByRole("button", { name: "Approve anyway" }).click();
      await page
        .getByText("Say why you approve an incomplete product.")
        .waitFor();
      await page
        .getByLabel("Reason for approving anyway")
        .fill("Care label arrives next week");
      await page.getByRole("button", { name: "Approve anyway" }).click();
      await toast(page, "Approved and queued for publishing");
      await page
        .getByText(/Approved while incomplete .*Care label arrives next week/)
        .waitFor({ timeout: 30_000 });
      await page.screenshot({
        path: path.join(artifacts, "pim-product.png"),
        fullPage: true,
      });
    },
  );

  for (const format of ["csv", "xlsx"] as const)
    await check(
      `exports ${format.toUpperCase()} from the page and dry-runs it unchanged with 0 changes`,
      async () => {
        await page.goto(`${stack.appUrl}/app/products/spreadsheet${search}`);
        await page.getByRole("button", { name: "Dry run" }).waitFor();
        const [download] = await Promise.all([
          page.waitForEvent("download", { timeout: 30_000 }),
          page
            .getByRole("button", { name: `Export ${format.toUpperCase()}` })
            .click(),
        ]);
        const file = path.join(stack.work, `export.${format}`);
        await download.saveAs(file);
        if (download.suggestedFilename() !== `vitrine-attributes.${format}`)
          throw new Error(`downloaded ${download.suggestedFilename()}`);
        await page.locator("#file-input").setInputFiles(file);
        await page.getByRole("button", { name: "Dry run" }).click();
        await page
          .getByText(/rows: \d+ valid, 0 with errors, 0 values would change/)
          .waitFor({ timeout: 30_000 });
      },
    );

  await check("ran without script errors (hydration included)", async () => {
    if (pageErrors.length) throw new Error(pageErrors.join("; "));
  });
}

export const pimFlows: Suite = {
  name: "pim flows",
  shop: SHOP,
  seed,
  run: flows,
};
