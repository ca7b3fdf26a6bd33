// Prisma access for spreadsheet imports the worker processes (large files): the file, options and progress.
import db, { type Prisma } from "~/db.server";
import {
  importReportColumn,
  importOptionsColumn,
  type StoredImportOptions,
} from "./spreadsheet-columns";
import type { ImportReport, SheetFormat } from "./spreadsheet.server";

/** A spreadsheet to import later: the file and how to read it. */
export interface SpreadsheetUpload {
  filename: string;
  format: SheetFormat;
  options: StoredImportOptions;
  /** Where the file is in blob storage (spreadsheetKey). */
  contentKey: string;
}

export async function createSpreadsheetImport(
  shop: string,
  input: SpreadsheetUpload,
): Promise<string> {
  const row = await db.spreadsheetImport.create({
    data: {
      shop,
      filename: input.filename,
      format: input.format,
      options: input.options as unknown as Prisma.InputJsonObject,
      contentKey: input.contentKey,
    },
    select: { id: true },
  });
  return row.id;
}

export async function findSpreadsheetImport(shop: string, id: string) {
  return db.spreadsheetImport.findFirst({ where: { shop, id } });
}

/** The shop's latest imports without their content, for the progress panel. */
export async function latestSpreadsheetImport(shop: string) {
  const row = await db.spreadsheetImport.findFirst({
    where: { shop },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      filename: true,
      status: true,
      totalRows: true,
      doneRows: true,
      report: true,
      error: true,
      options: true,
    },
  });
  return (
    row && {
      ...row,
      report: row.report === null ? null : importReportColumn(row.report),
      options: importOptionsColumn(row.options),
    }
  );
}

export async function updateSpreadsheetImport(
  shop: string,
  id: string,
  data: {
    status?: "RUNNING" | "COMPLETED" | "FAILED";
    totalRows?: number;
    doneRows?: number;
    report?: ImportReport;
    error?: string;
    finishedAt?: Date;
  },
): Promise<void> {
  await db.spreadsheetImport.updateMany({
    where: { shop, id },
    data: {
      ...data,
      report: data.report as unknown as Prisma.InputJsonObject | undefined,
    },
  });
}
