// A queued import's stored JSON is read through its schema: a report or options of another shape (a bug or a
// missed data migration) stops with the column's name instead of reaching the screen as the wrong type.
import { describe, expect, it } from "vitest";
import {
  importOptionsColumn,
  importReportColumn,
} from "~/pim/spreadsheet-columns";

const report = {
  rows: 3,
  validRows: 2,
  invalidRows: 1,
  values: 8,
  errors: [{ row: 3, column: "material", message: "not an option" }],
  ignoredColumns: ["notes"],
  applied: false,
};

describe("spreadsheet import columns", () => {
  it("reads a stored report and options as they were written", () => {
    expect(importReportColumn(JSON.parse(JSON.stringify(report)))).toEqual(
      report,
    );
    expect(
      importOptionsColumn({ key: "sku", mode: "valid-rows", dryRun: true }),
    ).toEqual({ key: "sku", mode: "valid-rows", dryRun: true });
  });

  it("refuses a report of another shape, naming the column and the field", () => {
    const { applied: _applied, ...withoutApplied } = report;
    expect(() => importReportColumn(withoutApplied)).toThrow(
      /stored SpreadsheetImport\.report does not match its schema: applied/,
    );
    expect(() =>
      importReportColumn({ ...report, errors: [{ row: "3" }] }),
    ).toThrow(/errors\.0\.row/);
    expect(() =>
      importOptionsColumn({ key: "ean", mode: "valid-rows", dryRun: true }),
    ).toThrow(/SpreadsheetImport\.options.*key/);
  });
});
