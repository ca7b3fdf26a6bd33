// Reading a merchant's spreadsheet with bounded time and memory. Both formats are read as streams and the limits
// hold while reading: the parse stops at the first row past the row limit (a CSV "row bomb" is refused after
// 50,001 rows, not after building millions), a record may not exceed a size, a row may not exceed a column count.
// An XLSX is a zip: before exceljs inflates anything, its central directory is checked (entry count, declared
// sizes and compression ratios), then every entry is inflated once, counting bytes, with yauzl's size validation
// so an entry that inflates past what it declares (a lying header) is refused too.
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import yauzl from "yauzl";
import { Invalid } from "~/lib/errors";
import { importedCsvCell } from "./csv-cells";

export const MAX_SPREADSHEET_ROWS = 50_000;
export const MAX_SPREADSHEET_COLUMNS = 500;
/** One CSV record (a row, quotes included). */
export const MAX_RECORD_BYTES = 256 * 1024;
export const XLSX_LIMITS = {
  entries: 500,
  /** Inflated size of the whole workbook. */
  totalBytes: 64 * 1024 * 1024,
  /** Compression ratio above which an entry larger than 1 MB is treated as a bomb. */
  ratio: 100,
};

export interface SheetTable {
  headers: string[];
  rows: string[][];
}

export type SheetFormat = "csv" | "xlsx";

const refuse = (message: string) => new Invalid(message, { file: [message] });

function tooMany(what: "rows" | "columns"): Invalid {
  return what === "rows"
    ? refuse(
        `At most ${MAX_SPREADSHEET_ROWS.toLocaleString("en")} rows per file.`,
      )
    : refuse(
        `At most ${MAX_SPREADSHEET_COLUMNS.toLocaleString("en")} columns per file.`,
      );
}

/** Collects rows, enforcing the limits as each arrives. */
class Grid {
  readonly rows: string[][] = [];

  add(cells: string[]): void {
    if (cells.length > MAX_SPREADSHEET_COLUMNS) throw tooMany("columns");
    // The header row plus MAX_SPREADSHEET_ROWS data rows.
    if (this.rows.length > MAX_SPREADSHEET_ROWS) throw tooMany("rows");
    this.rows.push(cells);
  }

  table(): SheetTable {
    const [headers = [], ...rows] = this.rows;
    return { headers: headers.map((h) => h.trim()), rows };
  }
}

function* chunksOf(bytes: Uint8Array, size: number): Generator<Buffer> {
  for (let at = 0; at < bytes.byteLength; at += size)
    yield Buffer.from(
      bytes.buffer,
      bytes.byteOffset + at,
      Math.min(size, bytes.byteLength - at),
    );
}

const YIELD_EVERY_RECORDS = 1_000;

async function readCsv(bytes: Uint8Array): Promise<SheetTable> {
  const grid = new Grid();
  // Small chunks: csv-parse emits every record of a chunk at once, so a chunk bounds what waits unread.
  const parser = Readable.from(chunksOf(bytes, 16 * 1024)).pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
    }),
  );
  let sinceYield = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      grid.add(record.map(importedCsvCell));
      // Records arrive as microtasks, which never let the event loop turn: give it a turn now and then, so a small
      // CSV read in a web request cannot hold other requests for its whole parse.
      if (++sinceYield === YIELD_EVERY_RECORDS) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } catch (error) {
    if (error instanceof Invalid) throw error;
    const code = (error as { code?: string }).code;
    throw refuse(
      code === "CSV_MAX_RECORD_SIZE"
        ? `A row is longer than ${MAX_RECORD_BYTES / 1024} KB.`
        : `The file is not valid CSV (${(error as Error).message.split(":")[0]}).`,
    );
  } finally {
    parser.destroy();
  }
  return grid.table();
}

function openZip(bytes: Uint8Array): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, validateEntrySizes: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    ),
  );
}

/** Refuses a zip whose entries would inflate beyond the limits, before anything else inflates it. */
export async function assertZipWithinLimits(bytes: Uint8Array): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(bytes);
  } catch {
    throw refuse("The file is not a valid .xlsx workbook.");
  }
  if (zip.entryCount > XLSX_LIMITS.entries) {
    zip.close();
    throw refuse("The workbook has too many parts to be a spreadsheet.");
  }
  const tooBig = () =>
    refuse(
      `The workbook would unpack to more than ${XLSX_LIMITS.totalBytes / 1024 / 1024} MB; split it into smaller files.`,
    );
  let declared = 0;
  let inflated = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.close();
      // yauzl's own errors: a damaged zip, or an entry larger than it declares.
      reject(
        error instanceof Invalid
          ? error
          : refuse("The file is not a valid .xlsx workbook."),
      );
    };
    zip.on("error", fail);
    zip.on("end", resolve);
    zip.on("entry", (entry: yauzl.Entry) => {
      declared += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (
        declared > XLSX_LIMITS.totalBytes ||
        (entry.uncompressedSize > 1024 * 1024 && ratio > XLSX_LIMITS.ratio)
      )
        return fail(tooBig());
      if (entry.fileName.endsWith("/")) return zip.readEntry();
      // Inflate once, counting: yauzl errors as soon as an entry outgrows its declared size.
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(error);
        stream.on("data", (chunk: Buffer) => {
          inflated += chunk.length;
          if (inflated > XLSX_LIMITS.totalBytes) {
            stream.destroy();
            fail(tooBig());
          }
        });
        stream.on("error", fail);
        stream.on("end", () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
}

async function readXlsx(bytes: Uint8Array): Promise<SheetTable> {
  await assertZipWithinLimits(bytes);
  const grid = new Grid();
  // exceljs (some 350 modules with its zip and stream dependencies) loads on the first XLSX, not with every
  // process and test file that imports the spreadsheet code.
  const { default: ExcelJS } = await import("exceljs");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.from([Buffer.from(bytes)]),
    {
      sharedStrings: "cache",
      hyperlinks: "ignore",
      styles: "cache",
      worksheets: "emit",
      entries: "emit",
    },
  );
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (!row.hasValues) continue;
        if (row.cellCount > MAX_SPREADSHEET_COLUMNS) throw tooMany("columns");
        const cells: string[] = [];
        for (let c = 1; c <= row.cellCount; c += 1)
          cells.push(row.getCell(c).text ?? "");
        grid.add(cells);
      }
      break; // The first sheet only.
    }
  } catch (error) {
    if (error instanceof Invalid) throw error;
    throw refuse("The file is not a valid .xlsx workbook.");
  }
  return grid.table();
}

/**
 * Reads the first sheet: the header row, then data rows as text. Throws `Invalid` (with a message for the
 * merchant, never a library's) for an unreadable file or one past a limit, as soon as the limit is passed.
 */
export function readSheet(
  bytes: Uint8Array,
  format: SheetFormat,
): Promise<SheetTable> {
  return format === "csv" ? readCsv(bytes) : readXlsx(bytes);
}
