// The JSON columns of a queued spreadsheet import (SpreadsheetImport.options and .report), parsed when read.
import { z } from "zod";
import { jsonColumn } from "~/lib/json-column";
import type { ImportOptions, ImportReport } from "./spreadsheet.server";

export type StoredImportOptions = Omit<ImportOptions, "onProgress">;

/** SpreadsheetImport.options as stored: parsed when read, never cast. */
export const importOptionsColumn = jsonColumn(
  "SpreadsheetImport.options",
  z.object({
    key: z.enum(["sku", "handle"]),
    mapping: z.record(z.string(), z.string()).optional(),
    mode: z.enum(["all-or-nothing", "valid-rows"]),
    dryRun: z.boolean(),
    actor: z.string().nullable().optional(),
  }) satisfies z.ZodType<StoredImportOptions>,
);

/** SpreadsheetImport.report as stored once an import finished: parsed when read, never cast. */
export const importReportColumn = jsonColumn(
  "SpreadsheetImport.report",
  z.object({
    rows: z.number(),
    validRows: z.number(),
    invalidRows: z.number(),
    values: z.number(),
    errors: z.array(
      z.object({ row: z.number(), column: z.string(), message: z.string() }),
    ),
    ignoredColumns: z.array(z.string()),
    applied: z.boolean(),
  }) satisfies z.ZodType<ImportReport>,
);
