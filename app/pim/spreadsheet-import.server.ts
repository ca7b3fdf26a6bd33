// Large spreadsheets go through the worker: the route stores the file and queues `spreadsheet.import`; the job
// checks or applies it, storing progress (rows done of total) and the report for the screen. The file goes to blob
// storage, not the database: writing megabytes through Prisma (and SQLite's synchronous driver) held the web
// process's event loop for 100–300 ms per upload.
import { randomUUID } from "node:crypto";
import { getStorage } from "~/dam/storage.server";
import { spreadsheetKey } from "~/dam/storage/keys";
import { enqueue } from "~/jobs/enqueue.server";
import { AppError, Invalid } from "~/lib/errors";
import {
  createSpreadsheetImport,
  findSpreadsheetImport,
  updateSpreadsheetImport,
  type SpreadsheetUpload,
} from "./spreadsheet-import.db.server";
import { importOptionsColumn, importReportColumn } from "./spreadsheet-columns";
import {
  importSpreadsheet,
  readSheet,
  type ImportReport,
  type SheetFormat,
} from "./spreadsheet.server";

/** Files above this size are processed by the worker rather than in the request. */
export const WORKER_THRESHOLD_BYTES = 256 * 1024;
/** …and files of more rows than this (a small CSV of short rows is still a long import). */
export const WORKER_THRESHOLD_ROWS = 2_000;

/** Stores the file and queues its import. Returns the import id. */
export async function queueSpreadsheetImport(
  shop: string,
  input: Omit<SpreadsheetUpload, "contentKey"> & { content: Uint8Array },
): Promise<string> {
  const { content, ...upload } = input;
  const contentKey = spreadsheetKey(shop, randomUUID());
  await getStorage().put(contentKey, Buffer.from(content));
  const importId = await createSpreadsheetImport(shop, {
    ...upload,
    contentKey,
  });
  await enqueue(
    "spreadsheet.import",
    { shop, importId },
    { jobId: `sheet:${importId}` },
  );
  return importId;
}

/**
 * Runs a queued import (the job body). Idempotent for a finished import (returns its report). Throws `Invalid`
 * for an unreadable file (recorded as FAILED).
 */
export async function runSpreadsheetImport(
  shop: string,
  importId: string,
): Promise<ImportReport | null> {
  const row = await findSpreadsheetImport(shop, importId);
  if (!row) return null;
  if (row.status === "COMPLETED") return importReportColumn(row.report);
  try {
    const content = row.contentKey
      ? await getStorage().get(row.contentKey)
      : row.content;
    if (!content) throw new Invalid("The uploaded file is missing");
    const table = await readSheet(
      new Uint8Array(content),
      row.format as SheetFormat,
    );
    await updateSpreadsheetImport(shop, importId, {
      status: "RUNNING",
      totalRows: table.rows.length,
    });
    const report = await importSpreadsheet(shop, table, {
      ...importOptionsColumn(row.options),
      onProgress: (doneRows) =>
        updateSpreadsheetImport(shop, importId, { doneRows }),
    });
    await updateSpreadsheetImport(shop, importId, {
      status: "COMPLETED",
      report,
      finishedAt: new Date(),
    });
    await forgetFile(row.contentKey);
    return report;
  } catch (error) {
    await updateSpreadsheetImport(shop, importId, {
      status: "FAILED",
      error: (error as Error).message,
      finishedAt: new Date(),
    });
    // A file refused for what it is will not be read again; one that met a passing failure waits for the retry.
    if (error instanceof AppError && !error.retryable)
      await forgetFile(row.contentKey);
    throw error;
  }
}

/** The report and the row stay; the file itself is only needed until the import is done with it. */
async function forgetFile(key: string | null): Promise<void> {
  if (key) await getStorage().delete(key);
}
