// CSV cells as spreadsheet programs read them. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
// return is taken as a formula by Excel, LibreOffice and Google Sheets (CSV injection,
// https://owasp.org/www-community/attacks/CSV_Injection): exports prefix such a cell with `'`, which those programs
// show as text, and imports remove exactly that prefix so an export re-imports unchanged.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEUTRALISED = /^'[=+\-@\t\r]/;

/** Text for one exported CSV cell: neutralised, then quoted when it holds a separator, quote or line break. */
export function csvCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The merchant's text for an imported CSV cell: the `'` an export put before a formula-like cell removed. */
export function importedCsvCell(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}
