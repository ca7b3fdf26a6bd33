// Spreadsheet import and export of attribute values (CSV with csv-parse, XLSX with exceljs). Rows are keyed by
// SKU (a variant: its product's and its own attributes) or handle (a product: product-level attributes). Column
// headers name attributes: `key`, `key:locale` for a translation, `key@CHANNEL` for a channel's own value, or are
// mapped explicitly. An empty cell leaves the value as it is; the cell text `[clear]` clears it.
import ExcelJS from "exceljs";
import { Invalid } from "~/lib/errors";
import {
  coerceAttributeValue,
  decodeValue,
  formatAttributeValue,
} from "./attribute-types";
import { csvCell } from "./csv-cells";
import type { SheetFormat, SheetTable } from "./sheet-reader.server";
import { listAttributes, type Attribute } from "./attributes.db.server";
import { ANY, CHANNELS, type Channel } from "./channels";
import type { ProductsIndexQuery } from "./products-index.db.server";
import {
  findProductsByHandle,
  findVariantsBySku,
  valuesForExport,
} from "./spreadsheet.db.server";
import { saveProductValues, type ValueEdit } from "./values.db.server";

export const CLEAR_TOKEN = "[clear]";
export {
  MAX_SPREADSHEET_ROWS,
  readSheet,
  type SheetFormat,
  type SheetTable,
} from "./sheet-reader.server";

export function formatOf(filename: string): SheetFormat {
  if (/\.xlsx$/i.test(filename)) return "xlsx";
  if (/\.(csv|txt)$/i.test(filename)) return "csv";
  throw new Invalid("unsupported file", {
    file: ["Upload a .csv or .xlsx file."],
  });
}

export interface ColumnTarget {
  attribute: Attribute;
  locale: string;
  channel: string;
}

/** `Header=attribute_key` lines into a mapping; blank lines ignored. */
export function parseMapping(text: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf("=");
    if (at <= 0) continue;
    mapping[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return mapping;
}

function resolveColumn(
  header: string,
  mapping: Record<string, string>,
  attributes: Map<string, Attribute>,
): ColumnTarget | string | null {
  const spec = mapping[header] ?? header;
  const match = /^([a-z0-9_-]+)(?::([A-Za-z-]+))?(?:@([A-Z_]+))?$/.exec(spec);
  const byLabel = [...attributes.values()].find((a) =>
    Object.values(a.labels).includes(spec),
  );
  const attribute = match ? attributes.get(match[1]!) : byLabel;
  if (!attribute) return null;
  const locale = match?.[2] ?? ANY;
  const channel = match?.[3] ?? ANY;
  if (locale !== ANY && !attribute.localisable)
    return `"${attribute.key}" is not localisable.`;
  if (channel !== ANY && !attribute.channelSpecific)
    return `"${attribute.key}" is not channel-specific.`;
  if (channel !== ANY && !CHANNELS.includes(channel as Channel))
    return `Unknown channel "${channel}".`;
  return { attribute, locale, channel };
}

export interface CellError {
  /** 1-based spreadsheet row (the header is row 1). */
  row: number;
  column: string;
  message: string;
}

export interface ImportReport {
  rows: number;
  validRows: number;
  invalidRows: number;
  /** Values that would be (or were) written. */
  values: number;
  errors: CellError[];
  ignoredColumns: string[];
  applied: boolean;
}

interface RowPlan {
  row: number;
  productId: string;
  edits: ValueEdit[];
  ok: boolean;
}

export interface ImportOptions {
  key: "sku" | "handle";
  mapping?: Record<string, string>;
  mode: "all-or-nothing" | "valid-rows";
  dryRun: boolean;
  actor?: string | null;
  /** Called as rows are applied (large files on the worker store it as progress). */
  onProgress?: (doneRows: number, totalRows: number) => Promise<void>;
}

/**
 * Checks (dry run) or applies a spreadsheet. Every cell is validated like the editor validates a field; errors
 * say row and column. All-or-nothing applies nothing when any row has an error; valid-rows applies the others.
 */
export async function importSpreadsheet(
  shop: string,
  table: SheetTable,
  options: ImportOptions,
): Promise<ImportReport> {
  const attributes = new Map(
    (await listAttributes(shop)).map((a) => [a.key, a]),
  );
  const keyIndex = table.headers.findIndex(
    (h) => h.toLowerCase() === options.key,
  );
  if (keyIndex < 0)
    throw new Invalid("missing key column", {
      key: [`The file has no "${options.key}" column.`],
    });
  const errors: CellError[] = [];
  const ignoredColumns: string[] = [];
  const columns = new Map<number, ColumnTarget>();
  table.headers.forEach((header, index) => {
    if (index === keyIndex || header === "") return;
    const target = resolveColumn(header, options.mapping ?? {}, attributes);
    if (target === null) ignoredColumns.push(header);
    else if (typeof target === "string")
      errors.push({ row: 1, column: header, message: target });
    else columns.set(index, target);
  });

  const keys = table.rows.map((r) => (r[keyIndex] ?? "").trim());
  const owners =
    options.key === "sku"
      ? await findVariantsBySku(shop, keys.filter(Boolean))
      : await findProductsByHandle(shop, keys.filter(Boolean));

  const plans: RowPlan[] = [];
  table.rows.forEach((cells, index) => {
    const row = index + 2;
    const key = keys[index]!;
    const owner = owners.get(key);
    const keyColumn = table.headers[keyIndex]!;
    const rowErrors: CellError[] = [];
    if (!key) rowErrors.push({ row, column: keyColumn, message: "Empty key." });
    else if (!owner)
      rowErrors.push({
        row,
        column: keyColumn,
        message: `No ${options.key === "sku" ? "variant with SKU" : "product with handle"} "${key}".`,
      });
    const edits: ValueEdit[] = [];
    for (const [column, target] of columns) {
      const text = (cells[column] ?? "").trim();
      if (text === "") continue;
      const header = table.headers[column]!;
      const variantLevel = target.attribute.level === "VARIANT";
      if (variantLevel && options.key === "handle") {
        rowErrors.push({
          row,
          column: header,
          message: "A per-variant attribute needs rows keyed by SKU.",
        });
        continue;
      }
      const input = text === CLEAR_TOKEN ? "" : text;
      const result = coerceAttributeValue(target.attribute, input);
      if (!result.ok) {
        rowErrors.push({ row, column: header, message: result.error });
        continue;
      }
      edits.push({
        attributeKey: target.attribute.key,
        variantId: variantLevel ? (owner?.variantId ?? null) : null,
        locale: target.locale,
        channel: target.channel,
        input,
      });
    }
    errors.push(...rowErrors);
    if (owner)
      plans.push({
        row,
        productId: owner.productId,
        edits,
        ok: rowErrors.length === 0,
      });
  });

  const invalidRows = new Set(errors.filter((e) => e.row > 1).map((e) => e.row))
    .size;
  const headerErrors = errors.some((e) => e.row === 1);
  const applicable = plans.filter((p) => p.ok);
  const report: ImportReport = {
    rows: table.rows.length,
    validRows: table.rows.length - invalidRows,
    invalidRows,
    values: applicable.reduce((sum, p) => sum + p.edits.length, 0),
    errors,
    ignoredColumns,
    applied: false,
  };
  const blocked =
    headerErrors || (options.mode === "all-or-nothing" && errors.length > 0);
  const total = table.rows.length;
  if (options.dryRun || blocked) {
    await options.onProgress?.(total, total);
    return report;
  }

  const byProduct = new Map<string, { edits: ValueEdit[]; rows: number }>();
  for (const plan of applicable) {
    const entry = byProduct.get(plan.productId) ?? { edits: [], rows: 0 };
    entry.edits.push(...plan.edits);
    entry.rows += 1;
    byProduct.set(plan.productId, entry);
  }
  let done = total - applicable.length;
  let sinceReport = 0;
  for (const [productId, { edits, rows }] of byProduct) {
    if (edits.length)
      await saveProductValues(
        shop,
        productId,
        edits,
        options.actor ?? null,
        "IMPORT",
      );
    done += rows;
    sinceReport += rows;
    if (sinceReport >= 200) {
      sinceReport = 0;
      await options.onProgress?.(done, total);
    }
  }
  await options.onProgress?.(total, total);
  return { ...report, applied: true };
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
      rows.push({ handle: product.handle, ...cells(null) });
    else
      for (const variant of product.variants)
        if (variant.sku) rows.push({ sku: variant.sku, ...cells(variant.id) });
  }
  const headers = [
    options.key,
    ...attributes.map((a) => a.key),
    ...[...extra].sort(),
  ];
  const filename = `vitrine-attributes.${options.format}`;
  if (options.format === "csv") {
    const lines = [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ""))]
      .map((line) => line.map(csvCell).join(","))
      .join("\r\n");
    return {
      body: new TextEncoder().encode(`${lines}\r\n`),
      contentType: "text/csv; charset=utf-8",
      filename,
    };
  }
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
