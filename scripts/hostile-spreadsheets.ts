// The spreadsheet part of the hostile-input corpus (issue #10): files sent to the PIM import route
// (/app/products/spreadsheet). A small CSV is read in the request, so its refusals are a 400 there; a larger CSV and
// every XLSX are queued (200 "queued") and refused by the worker's streaming reader. `expect` says which; the
// worker's verdict is `workerMessage` when it must refuse.
import { createDeflateRaw, crc32 } from "node:zlib";
import ExcelJS from "exceljs";
import type { Expectation } from "./hostile-corpus";

export interface HostileSheet {
  id: string;
  filename: string;
  data: Buffer;
  /** In the request: "accept" (2xx, a dry-run report or queued) or "refuse" (a 4xx with a plain message). */
  expect: Expectation;
  message?: RegExp;
  /** Queued files: the import's failure on the worker. */
  workerMessage?: RegExp;
}

/** Deflates `size` bytes of spaces without holding them: a bomb's payload. */
export async function deflatedSpaces(
  size: number,
): Promise<{ data: Buffer; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  let crc = 0;
  for (let written = 0; written < size; written += chunk.length) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk))
      await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return { data: Buffer.concat(out), crc };
}

/** A one-entry zip (what an .xlsx is), declaring `declaredSize` as the entry's unpacked size. */
export function zipOf(
  name: string,
  entry: { data: Buffer; crc: number },
  declaredSize: number,
): Buffer {
  const file = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(entry.crc >>> 0, 14);
  local.writeUInt32LE(entry.data.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(entry.crc >>> 0, 16);
  central.writeUInt32LE(entry.data.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(file.length, 28);
  central.writeUInt32LE(0, 42); // local header offset
  const centralOffset = local.length + file.length + entry.data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, file, entry.data, central, file, end]);
}

const text = (s: string) => Buffer.from(s, "utf8");
const ROWS = /At most 50,000 rows per file/;
const NOT_XLSX = /not a valid \.xlsx workbook/;

/** The spreadsheet corpus. Deterministic; a few seconds to build (the bombs' payloads are deflated here). */
export async function hostileSpreadsheets(): Promise<HostileSheet[]> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Data").addRow(["sku", "fit"]);
  const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
  const bomb = await deflatedSpaces(256 * 1024 * 1024);
  const liar = await deflatedSpaces(32 * 1024 * 1024);
  return [
    {
      id: "csv-plain",
      filename: "plain.csv",
      data: text("sku,fit\nNOPE-1,Slim\n"),
      expect: "accept",
    },
    {
      id: "csv-formula-cells",
      filename: "formulas.csv",
      data: text('sku,fit\n"=HYPERLINK(""http://x"")",@SUM(A1)\n'),
      expect: "accept",
    },
    {
      id: "csv-empty",
      filename: "empty.csv",
      data: Buffer.alloc(0),
      expect: "refuse",
      message: /Choose a file/,
    },
    {
      id: "csv-row-bomb-in-request",
      filename: "rows.csv",
      data: text(`sku\n${"A\n".repeat(120_000)}`),
      expect: "refuse",
      message: ROWS,
    },
    {
      id: "csv-row-bomb-queued",
      filename: "rows-2mb.csv",
      data: text(`sku\n${"A\n".repeat(1_000_000)}`),
      expect: "accept",
      workerMessage: ROWS,
    },
    {
      id: "csv-wide-row",
      filename: "wide.csv",
      data: text(`sku${",x".repeat(10_000)}\n`),
      expect: "refuse",
      message: /At most 500 columns/,
    },
    {
      id: "csv-huge-record",
      filename: "record.csv",
      data: text(`sku\n"${"x".repeat(300_000)}"\n`),
      expect: "accept",
      workerMessage: /A row is longer than 256 KB/,
    },
    {
      id: "csv-stray-quote",
      filename: "quote.csv",
      data: text('sku,fit\nA,say "hi"\n'),
      expect: "either",
    },
    {
      id: "csv-binary",
      filename: "binary.csv",
      data: Buffer.from([
        0, 0xff, 0xfe, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0xc3,
      ]),
      expect: "either",
    },
    {
      id: "wrong-extension",
      filename: "sheet.pdf",
      data: text("sku\nA\n"),
      expect: "refuse",
      message: /\.csv or \.xlsx/,
    },
    {
      id: "csv-over-10mb",
      filename: "big.csv",
      data: text(`sku\n${"B\n".repeat(5_300_000)}`),
      expect: "refuse",
      message: /too large/i,
    },
    {
      id: "csv-over-body-limit",
      filename: "bigger.csv",
      data: text(`sku\n${"B\n".repeat(6_500_000)}`),
      expect: "refuse",
      message: /at most 11 MB/,
    },
    { id: "xlsx-small", filename: "small.xlsx", data: xlsx, expect: "accept" },
    {
      id: "xlsx-zip-bomb",
      filename: "bomb.xlsx",
      data: zipOf("xl/worksheets/sheet1.xml", bomb, 256 * 1024 * 1024),
      expect: "accept",
      workerMessage: /would unpack to more than 64 MB/,
    },
    {
      id: "xlsx-lying-header",
      filename: "liar.xlsx",
      data: zipOf("xl/worksheets/sheet1.xml", liar, 2048),
      expect: "accept",
      workerMessage: NOT_XLSX,
    },
    {
      id: "xlsx-not-a-zip",
      filename: "text.xlsx",
      data: text("sku\nA\n"),
      expect: "accept",
      workerMessage: NOT_XLSX,
    },
    {
      id: "xlsx-truncated",
      filename: "truncated.xlsx",
      data: xlsx.subarray(0, Math.floor(xlsx.length / 2)),
      expect: "accept",
      workerMessage: NOT_XLSX,
    },
  ];
}
