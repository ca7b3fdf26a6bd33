// Spreadsheet export of attribute values in the import's shape (spreadsheet.server.ts): one row per variant (keyed
// by SKU) or per product (keyed by handle), with the product title and options as reference columns, CSV with a
// byte-order mark for Excel or XLSX with exceljs.
import { csvCell } from "./csv-cells";
import { decodeValue, formatAttributeValue } from "./attribute-types";
import { listAttributes } from "./attributes.db.server";
import { ANY } from "./channels";
import type { ProductsIndexQuery } from "./products-index.db.server";
import { valuesForExport } from "./spreadsheet.db.server";
import { REFERENCE_COLUMNS, type SheetFormat } from "./spreadsheet.server";

/** A variant's options as Shopify's CSV names them: Option1 Name/Value … Option3 Name/Value. */
function optionCells(selectedOptions: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const options = Array.isArray(selectedOptions) ? selectedOptions : [];
  options.slice(0, 3).forEach((option: unknown, i) => {
    const { name, value } = (option ?? {}) as {
      name?: unknown;
      value?: unknown;
    };
    out[`Option${i + 1} Name`] = typeof name === "string" ? name : "";
    out[`Option${i + 1} Value`] = typeof value === "string" ? value : "";
  });
  return out;
}

/**
 * Exports working values of the products matching `query` in the import's shape: one row per variant (keyed by
 * SKU) or per product (keyed by handle), one column per attribute (translations and channel values as extra
 * columns). Re-importing an export changes nothing.
 */
export async function exportSpreadsheet(
  shop: string,
  query: ProductsIndexQuery,
  options: { key: "sku" | "handle"; format: SheetFormat },
): Promise<{ body: Uint8Array; contentType: string; filename: string }> {
  const attributes = (await listAttributes(shop)).filter(
    (a) => options.key === "sku" || a.level === "PRODUCT",
  );
  const products = await valuesForExport(shop, query);
  const columnOf = (key: string, locale: string, channel: string) =>
    `${key}${locale !== ANY ? `:${locale}` : ""}${channel !== ANY ? `@${channel}` : ""}`;
  const extra = new Set<string>();
  const rows: Record<string, string>[] = [];
  for (const product of products) {
    const cells = (variantId: string | null) => {
      const out: Record<string, string> = {};
      for (const value of product.values) {
        if (value.variantId && value.variantId !== variantId) continue;
        const attribute = attributes.find((a) => a.id === value.attributeId);
        if (!attribute) continue;
        const locale =
          value.locale === product.defaultLocale ? ANY : value.locale;
        const column = columnOf(attribute.key, locale, value.channel);
        if (column !== attribute.key) extra.add(column);
        out[column] = formatAttributeValue(decodeValue(value.draft));
      }
      return out;
    };
    if (options.key === "handle")
      rows.push({
        handle: product.handle,
        Title: product.title,
        ...cells(null),
      });
    else
      for (const variant of product.variants)
        if (variant.sku)
          rows.push({
            sku: variant.sku,
            Title: product.title,
            ...optionCells(variant.selectedOptions),
            ...cells(variant.id),
          });
  }
  const reference =
    options.key === "handle" ? ["Title"] : [...REFERENCE_COLUMNS];
  const headers = [
    options.key,
    ...reference,
    ...attributes.map((a) => a.key),
    ...[...extra].sort(),
  ];
  const filename = `vitrine-attributes.${options.format}`;
  if (options.format === "csv") {
    const lines = [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ""))]
      .map((line) => line.map(csvCell).join(","))
      .join("\r\n");
    // The byte-order mark makes Excel read the file as UTF-8 (accents, ≥, emoji); the import skips it.
    return {
      body: new TextEncoder().encode(`\uFEFF${lines}\r\n`),
      contentType: "text/csv; charset=utf-8",
      filename,
    };
  }
  const { default: ExcelJS } = await import("exceljs"); // loaded on the first XLSX export only
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Attributes");
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? ""));
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    body: new Uint8Array(buffer as ArrayBuffer),
    contentType:
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    filename,
  };
}
