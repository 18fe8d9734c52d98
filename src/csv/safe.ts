import { stringify } from 'csv-stringify/sync';

/** What a spreadsheet reads as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function isFormulaLike(value: string): boolean {
  return FORMULA_START.test(value) || FORMULA_START.test(value.trimStart());
}

/**
 * One cell as this service writes it: a value a spreadsheet would run as a formula gets a leading
 * apostrophe, which Excel and LibreOffice show as text and never evaluate.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return isFormulaLike(text) ? `'${text}` : text;
}

/** A whole CSV (header, then rows) with every cell neutralised; CRLF as RFC 4180 asks. */
export function toCsv(columns: readonly string[], rows: Record<string, unknown>[]): string {
  return stringify([columns.map(csvCell), ...rows.map((r) => columns.map((c) => csvCell(r[c])))], {
    record_delimiter: 'windows',
  });
}
