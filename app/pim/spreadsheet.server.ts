// Spreadsheet import of attribute values (export: spreadsheet-export.server.ts), CSV with csv-parse, XLSX with exceljs. Rows are keyed by
// SKU (a variant: its product's and its own attributes) or handle (a product: product-level attributes). Column
// headers name attributes: `key`, `key:locale` for a translation, `key@CHANNEL` for a channel's own value, or are
// mapped explicitly. An empty cell leaves the value as it is; the cell text `[clear]` clears it.
import { Invalid } from "~/lib/errors";
import { coerceAttributeValue, encodeValue } from "./attribute-types";
import type { SheetFormat, SheetTable } from "./sheet-reader.server";
import { listAttributes, type Attribute } from "./attributes.db.server";
import { ANY, CHANNELS, type Channel } from "./channels";
import {
  currentDrafts,
  findProductsByHandle,
  findVariantsBySku,
  type SheetOwner,
} from "./spreadsheet.db.server";
import { valueKey } from "./value-edits";
import { saveProductValues, type ValueEdit } from "./values.db.server";

export const CLEAR_TOKEN = "[clear]";

/**
 * Columns the export adds so a merchant can tell rows apart (Shopify's own CSV names them so); the import reads
 * them as reference only and never writes them.
 */
export const REFERENCE_COLUMNS = [
  "Title",
  "Option1 Name",
  "Option1 Value",
  "Option2 Name",
  "Option2 Value",
  "Option3 Name",
  "Option3 Value",
] as const;
const isReferenceColumn = (header: string) =>
  (REFERENCE_COLUMNS as readonly string[]).some(
    (c) => c.toLowerCase() === header.toLowerCase(),
  );
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
    if (index === keyIndex || header === "" || isReferenceColumn(header))
      return;
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
  const current = await currentDrafts(
    shop,
    [...owners.values()].map((o) => o.productId),
  );

  const plans: RowPlan[] = [];
  const slotOf = (
    target: ColumnTarget,
    owner: SheetOwner,
    variantLevel: boolean,
  ) => ({
    ownerId: variantLevel ? owner.variantId! : owner.productId,
    attributeId: target.attribute.id,
    locale: target.locale,
    channel: target.channel,
  });
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
      if (owner) {
        const slot = slotOf(target, owner, variantLevel);
        if (slot.locale === ANY && target.attribute.localisable)
          slot.locale = current.primaryLocale;
        // A cell that says what is stored already is not a change (an untouched export re-imports as a no-op).
        if (
          (current.drafts.get(valueKey(slot)) ?? null) ===
          encodeValue(result.value)
        )
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
