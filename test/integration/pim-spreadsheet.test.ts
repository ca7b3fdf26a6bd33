// Spreadsheet import of attribute values: a dry run reports every bad cell by row and column, all-or-nothing
// applies nothing when any row is bad, valid-rows applies the rest, and an export re-imports unchanged.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import db from "~/db.server";
import { seedApparelAttributes } from "~/pim/apparel-seed.server";
import { parseProductsIndexQuery } from "~/pim/products-index.db.server";
import { exportSpreadsheet } from "~/pim/spreadsheet-export.server";
import { importSpreadsheet, readSheet } from "~/pim/spreadsheet.server";
import { latestSpreadsheetImport } from "~/pim/spreadsheet-import.db.server";
import {
  queueSpreadsheetImport,
  runSpreadsheetImport,
} from "~/pim/spreadsheet-import.server";
import { getQueue } from "~/jobs/queues.server";
import { getStorage } from "~/dam/storage.server";
import { shopFolders } from "~/dam/storage/keys";
import { upsertInstalledShop } from "~/shop/shop.db.server";
import { buildProduct } from "../support/factories/product";

const SHOP = "sheets.myshopify.com";
const OTHER = "sheets-other.myshopify.com";

beforeAll(async () => {
  await upsertInstalledShop(SHOP);
  await upsertInstalledShop(OTHER);
  await buildProduct(SHOP, 1);
  await buildProduct(SHOP, 2);
  await buildProduct(OTHER, 3);
  await seedApparelAttributes(SHOP);
  await seedApparelAttributes(OTHER);
});

// By SKU, all or nothing; a dry run or applied.
const DRY_RUN = { key: "sku", mode: "all-or-nothing", dryRun: true } as const;
const APPLY = { ...DRY_RUN, dryRun: false } as const;
const csv = (text: string) => readSheet(new TextEncoder().encode(text), "csv");
const valueCount = () =>
  db.attributeValue.count({ where: { shop: SHOP, draft: { not: null } } });

const BAD_CSV = [
  "sku,fit,garment_length,material_composition:fr,brand@GOOGLE_MERCHANT,Colour notes",
  'COA-1-S,Slim,72 cm,"Laine, cachemire",Vitrine,ignored',
  "COA-1-M,Baggy,74 furlongs,Laine,,",
  "COA-3-S,Slim,,,,",
  "COA-2-S,Relaxed,80 cm,,,",
].join("\n");

describe("spreadsheet import", () => {
  it("dry run reports each bad cell by row and column, another shop's SKU as unknown, and writes nothing", async () => {
    const report = await importSpreadsheet(SHOP, await csv(BAD_CSV), DRY_RUN);

    expect(report.errors).toEqual([
      { row: 3, column: "fit", message: expect.stringContaining('"Baggy"') },
      {
        row: 3,
        column: "garment_length",
        message: expect.stringContaining("Unknown dimension unit"),
      },
      {
        row: 4,
        column: "sku",
        message: 'No variant with SKU "COA-3-S".',
      },
    ]);
    expect(report).toMatchObject({
      rows: 4,
      validRows: 2,
      invalidRows: 2,
      values: 6,
      ignoredColumns: ["Colour notes"],
      applied: false,
    });
    expect(await valueCount()).toBe(0);
  });

  it("all-or-nothing applies nothing when a row is bad", async () => {
    const report = await importSpreadsheet(SHOP, await csv(BAD_CSV), APPLY);
    expect(report.applied).toBe(false);
    expect(await valueCount()).toBe(0);
  });

  it("valid-rows applies the good rows, with translations and channel values, recorded as IMPORT", async () => {
    const report = await importSpreadsheet(SHOP, await csv(BAD_CSV), {
      key: "sku",
      mode: "valid-rows",
      dryRun: false,
      actor: "sheet@example.com",
    });

    expect(report.applied).toBe(true);
    expect(await valueCount()).toBe(6);
    const fr = await db.attributeValue.findFirstOrThrow({
      where: { shop: SHOP, locale: "fr" },
    });
    expect(fr.draft).toBe(JSON.stringify("Laine, cachemire"));
    const brand = await db.attributeValue.findFirstOrThrow({
      where: { shop: SHOP, channel: "GOOGLE_MERCHANT" },
    });
    expect(brand.draft).toBe(JSON.stringify("Vitrine"));
    expect(
      await db.valueChange.count({ where: { shop: SHOP, kind: "IMPORT" } }),
    ).toBe(6);
    expect(await db.attributeValue.count({ where: { shop: OTHER } })).toBe(0);
  });

  it("reads XLSX the same way, with column mapping and rows keyed by handle", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Data");
    sheet.addRow(["Handle", "Origin", "Fit"]);
    sheet.addRow(["coat-2", "PT", "Regular"]);
    sheet.addRow(["coat-1", "Portugal", "Slim"]);
    const bytes = new Uint8Array(
      (await workbook.xlsx.writeBuffer()) as ArrayBuffer,
    );

    const report = await importSpreadsheet(
      SHOP,
      await readSheet(bytes, "xlsx"),
      {
        key: "handle",
        mapping: { Origin: "country_of_origin", Fit: "fit" },
        mode: "all-or-nothing",
        dryRun: true,
      },
    );

    expect(report.errors).toEqual([
      {
        row: 3,
        column: "Origin",
        message: "Does not match the expected format.",
      },
    ]);
  });

  it("exports the same shape with title and option columns, and a dry run of the untouched export finds 0 changes", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      const file = await exportSpreadsheet(
        SHOP,
        parseProductsIndexQuery(new URLSearchParams()),
        { key: "sku", format },
      );
      const table = await readSheet(file.body, format);
      expect(table.headers.slice(0, 4)).toEqual([
        "sku",
        "Title",
        "Option1 Name",
        "Option1 Value",
      ]);
      expect(table.headers).toEqual(
        expect.arrayContaining([
          "fit",
          "material_composition:fr",
          "brand@GOOGLE_MERCHANT",
        ]),
      );
      expect(table.rows.map((r) => r[0])).toEqual([
        "COA-1-S",
        "COA-1-M",
        "COA-2-S",
        "COA-2-M",
      ]);
      const first = Object.fromEntries(
        table.headers.map((h, i) => [h, table.rows[0]![i]]),
      );
      expect(first).toMatchObject({
        Title: "Coat 1",
        "Option1 Value": "S",
        fit: "Slim",
      });
      const check = (dryRun: boolean) =>
        importSpreadsheet(SHOP, table, {
          key: "sku",
          mode: "all-or-nothing",
          dryRun,
        });
      const dryRun = await check(true);
      expect(dryRun).toMatchObject({ errors: [], values: 0 });
      expect(dryRun.ignoredColumns).toEqual([]);
      const before = await db.valueChange.count({ where: { shop: SHOP } });
      expect((await check(false)).errors).toEqual([]);
      expect(await db.valueChange.count({ where: { shop: SHOP } })).toBe(
        before,
      );
    }
  });

  it("starts the CSV with a byte-order mark for Excel, and counts an edited cell as the one change", async () => {
    const file = await exportSpreadsheet(
      SHOP,
      parseProductsIndexQuery(new URLSearchParams()),
      { key: "sku", format: "csv" },
    );
    expect([...file.body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = await readSheet(file.body, "csv");
    expect(table.headers[0]).toBe("sku");
    const fit = table.headers.indexOf("fit");
    table.rows[0]![fit] = "Relaxed";
    const report = await importSpreadsheet(SHOP, table, DRY_RUN);
    expect(report).toMatchObject({ errors: [], values: 1 });
  });
});

describe("CSV formula injection", () => {
  it("exports formula-like cells as text and re-imports them unchanged", async () => {
    const formula = '=HYPERLINK("https://evil.example","Click")';
    const setup = await importSpreadsheet(
      SHOP,
      await csv(
        [
          "sku,care_instructions,brand@GOOGLE_MERCHANT",
          `COA-2-M,"'${formula.replaceAll('"', '""')}",-Vitrine+`,
        ].join("\n"),
      ),
      APPLY,
    );
    expect(setup.errors).toEqual([]);
    // The `'` an export adds is not part of the merchant's text.
    const care = await db.attributeValue.findFirstOrThrow({
      where: {
        shop: SHOP,
        attribute: { key: "care_instructions" },
        channel: "*",
      },
    });
    expect(JSON.parse(care.draft!)).toBe(formula);

    const file = await exportSpreadsheet(
      SHOP,
      parseProductsIndexQuery(new URLSearchParams()),
      { key: "sku", format: "csv" },
    );
    const text = new TextDecoder().decode(file.body);
    expect(text).toContain(`"'=HYPERLINK(""https://evil.example"",""Click"")"`);
    expect(text).toContain(",'-Vitrine+");
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);

    const before = await db.valueChange.count({ where: { shop: SHOP } });
    const report = await importSpreadsheet(
      SHOP,
      await readSheet(file.body, "csv"),
      APPLY,
    );
    expect(report.errors).toEqual([]);
    expect(await db.valueChange.count({ where: { shop: SHOP } })).toBe(before);
  });
});

describe("large spreadsheets on the worker", () => {
  it("queues the file, then the job applies it with progress and stores the report", async () => {
    const lines = ["sku,fit,season"];
    for (let i = 0; i < 3000; i += 1)
      lines.push(
        i === 1500 ? "COA-9-S,Slim," : `COA-${(i % 2) + 1}-M,Regular,AW26`,
      );
    const importId = await queueSpreadsheetImport(SHOP, {
      filename: "big.csv",
      format: "csv",
      content: new TextEncoder().encode(lines.join("\n")),
      options: { key: "sku", mode: "valid-rows", dryRun: false },
    });
    const job = await getQueue("maintenance").getJob(
      `spreadsheet.import_${SHOP}_${importId}`,
    );
    expect(job?.data).toEqual({ shop: SHOP, importId });
    await job!.remove();
    // The file waits in blob storage, filed under the shop (erased with it), not in a database row.
    const row = await db.spreadsheetImport.findFirstOrThrow({
      where: { shop: SHOP, id: importId },
    });
    expect(row.content).toBeNull();
    expect(row.contentKey).toMatch(new RegExp(`^imports/${SHOP}/`));
    expect(shopFolders(SHOP)).toContain(`imports/${SHOP}`);
    expect((await getStorage().get(row.contentKey!)).toString()).toBe(
      lines.join("\n"),
    );

    // The job body, as the worker runs it; another shop cannot run this shop's import.
    expect(await runSpreadsheetImport(OTHER, importId)).toBeNull();
    const report = await runSpreadsheetImport(SHOP, importId);

    expect(report).toMatchObject({
      rows: 3000,
      invalidRows: 1,
      applied: true,
    });
    expect(await latestSpreadsheetImport(SHOP)).toMatchObject({
      status: "COMPLETED",
      totalRows: 3000,
      doneRows: 3000,
      report: expect.objectContaining({ rows: 3000 }),
    });
    // Done with the file: it leaves storage; the report stays.
    expect(await getStorage().has(row.contentKey!)).toBe(false);
  });
});
