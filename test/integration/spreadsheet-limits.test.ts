// Spreadsheets are read with bounded time and memory: a CSV row bomb stops at the row limit while streaming, an
// XLSX zip bomb is refused from its zip directory (or when an entry outgrows what it declares) before exceljs
// inflates it, an XLSX never parses inside the web request, and every refusal is a sentence for the merchant.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { Invalid } from "~/lib/errors";
import { action as spreadsheetAction } from "~/routes/app.products.spreadsheet";
import { latestSpreadsheetImport } from "~/pim/spreadsheet-import.db.server";
import {
  queueSpreadsheetImport,
  runSpreadsheetImport,
} from "~/pim/spreadsheet-import.server";
import { readSheet } from "~/pim/spreadsheet.server";
import { getQueue } from "~/jobs/queues.server";
import { upsertInstalledShop } from "~/shop/shop.db.server";
import { embeddedFetchRequest, storeOfflineSession } from "../support/shopify";
import { deflatedSpaces, zipOf } from "../../scripts/hostile-spreadsheets";

const SHOP = "sheet-limits.myshopify.com";

beforeAll(async () => {
  await upsertInstalledShop(SHOP);
  await storeOfflineSession(SHOP);
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Invalid);
  return (error as Invalid).fieldErrors.file?.[0] ?? "";
}

const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

describe("spreadsheet limits", () => {
  it("refuses a 2 MB CSV row bomb on the worker at the row limit, with bounded memory", async () => {
    const bomb = new TextEncoder().encode(`sku\n${"A\n".repeat(1_000_000)}`);
    const importId = await queueSpreadsheetImport(SHOP, {
      filename: "bomb.csv",
      format: "csv",
      content: bomb,
      options: { key: "sku", mode: "all-or-nothing", dryRun: true },
    });
    await (
      await getQueue("maintenance").getJob(
        `spreadsheet.import_${SHOP}_${importId}`,
      )
    )?.remove();

    const before = rssMb();
    expect(await refusal(runSpreadsheetImport(SHOP, importId))).toBe(
      "At most 50,000 rows per file.",
    );
    // The old parse of this file took +613 MB; streaming keeps only the rows up to the limit.
    expect(rssMb() - before).toBeLessThan(150);
    expect(await latestSpreadsheetImport(SHOP)).toMatchObject({
      status: "FAILED",
      error: "At most 50,000 rows per file.",
    });
  });

  it("refuses a row wider than the column limit and a record larger than the size limit", async () => {
    const wide = new TextEncoder().encode(`sku${",x".repeat(10_000)}\n`);
    expect(await refusal(readSheet(wide, "csv"))).toBe(
      "At most 500 columns per file.",
    );
    const long = new TextEncoder().encode(`sku\n"${"x".repeat(300_000)}"\n`);
    expect(await refusal(readSheet(long, "csv"))).toMatch(
      /A row is longer than 256 KB/,
    );
  });

  it("refuses an XLSX zip bomb from its declared sizes before inflating it", async () => {
    const payload = await deflatedSpaces(256 * 1024 * 1024);
    const bomb = zipOf("xl/worksheets/sheet1.xml", payload, 256 * 1024 * 1024);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const before = rssMb();
    expect(await refusal(readSheet(bomb, "xlsx"))).toMatch(
      /would unpack to more than 64 MB/,
    );
    expect(rssMb() - before).toBeLessThan(100);
  });

  it("refuses an XLSX entry that inflates past the size it declares (a lying header)", async () => {
    // 32 MB stays under the total limit: only the entry's own size check can catch it.
    const payload = await deflatedSpaces(32 * 1024 * 1024);
    const liar = zipOf("xl/worksheets/sheet1.xml", payload, 2048);
    const before = rssMb();
    expect(await refusal(readSheet(liar, "xlsx"))).toBe(
      "The file is not a valid .xlsx workbook.",
    );
    expect(rssMb() - before).toBeLessThan(100);
  });

  it("refuses a file that is not a workbook with a sentence, not a library message", async () => {
    expect(
      await refusal(readSheet(new TextEncoder().encode("sku\nA\n"), "xlsx")),
    ).toBe("The file is not a valid .xlsx workbook.");
  });

  it("never parses an XLSX in the web request: the route queues it for the worker", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Data").addRow(["sku", "fit"]);
    const bytes = (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
    const body = new FormData();
    body.set("key", "sku");
    body.set("intent", "dry-run");
    body.set("file", new File([bytes], "small.xlsx"));
    const request = await embeddedFetchRequest(
      "/app/products/spreadsheet",
      SHOP,
      { method: "POST", body },
    );
    const response = (await spreadsheetAction({
      request,
      params: {},
      context: {},
    })) as Response;
    expect(await response.json()).toMatchObject({
      ok: true,
      intent: "queued",
    });
    const queued = await latestSpreadsheetImport(SHOP);
    expect(queued).toMatchObject({
      status: "QUEUED",
      filename: "small.xlsx",
    });
    await (
      await getQueue("maintenance").getJob(
        `spreadsheet.import_${SHOP}_${queued!.id}`,
      )
    )?.remove();
  });
});
