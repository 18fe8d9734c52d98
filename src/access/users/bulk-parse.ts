import type ExcelJS from 'exceljs';
import { decodeSpreadsheetText, lostCharacter, type TextEncoding } from '../../csv/decode.js';
import { readCsvRecords } from '../../csv/read.js';
import { isFormulaLike } from '../../csv/safe.js';
import { DomainError } from '../../errors.js';
import { loadExcel, settleExcel } from './exceljs.js';
import { BULK_COLUMNS, type BulkColumn } from './template.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One data row as read: spreadsheet row number (header = 1), raw cell text, cells refused as
 * formulas, cells holding a character the file lost (see csv/decode.ts), and, for a CSV line that
 * could not be read at all, the column where it goes wrong.
 */
export interface RawRow {
  row: number;
  cells: Partial<Record<BulkColumn, string>>;
  formulas: BulkColumn[];
  lost: BulkColumn[];
  unreadable?: { column: string };
}

const unreadable = () => new DomainError('bulk_unreadable', { columns: BULK_COLUMNS.join(', ') });

function toRows(
  header: string[],
  body: { row: number; values: string[]; formulaAt: Set<number> }[],
  encoding: TextEncoding = 'utf-8',
): RawRow[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const index = new Map(BULK_COLUMNS.map((c) => [c, names.indexOf(c)]));
  if ([...index.values()].some((i) => i < 0)) throw unreadable();
  const rows: RawRow[] = [];
  for (const { row, values, formulaAt } of body) {
    if (values.every((v) => v.trim() === '')) continue;
    const cells: RawRow['cells'] = {};
    const formulas: BulkColumn[] = [];
    const lost: BulkColumn[] = [];
    for (const [column, i] of index) {
      const raw = values[i] ?? '';
      if (formulaAt.has(i) || isFormulaLike(raw)) formulas.push(column);
      else if (lostCharacter(raw, encoding)) lost.push(column);
      cells[column] = raw;
    }
    rows.push({ row, cells, formulas, lost });
  }
  return rows;
}

/** The header's name for a 1-based column, or its spreadsheet letter past the header's end. */
function columnName(header: string[], column: number) {
  return header[column - 1]?.trim().toLowerCase() || String.fromCharCode(64 + Math.min(column, 26));
}

function parseCsv(bytes: Uint8Array): RawRow[] {
  const { text, encoding } = decodeSpreadsheetText(bytes);
  // No trimming here: a leading tab or carriage return is itself a refused formula start. No cell of
  // a user row can hold a line break, so a quote left open is the end of its own line's trouble.
  const { records, unreadable: broken } = readCsvRecords(text, { multilineCells: false });
  const [first, ...body] = records;
  if (first?.line !== 1) throw unreadable();
  const header = first.values;
  const rows = toRows(
    header,
    body.map(({ line, values }) => ({ row: line, values, formulaAt: new Set() })),
    encoding,
  );
  const lines = broken.map(({ line, column }) => ({
    row: line,
    cells: {},
    formulas: [],
    lost: [],
    unreadable: { column: columnName(header, column) },
  }));
  return [...rows, ...lines].sort((a, b) => a.row - b.row);
}

function cellText(cell: ExcelJS.Cell): { text: string; formula: boolean } {
  const v = cell.value;
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v))
    return { text: '', formula: true };
  if (v === null || v === undefined) return { text: '', formula: false };
  return { text: cell.text, formula: false };
}

async function parseXlsx(bytes: Uint8Array): Promise<RawRow[]> {
  const Excel = await loadExcel();
  const book = new Excel.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable();
  } finally {
    await settleExcel();
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw unreadable();
  const width = Math.max(sheet.columnCount, BULK_COLUMNS.length);
  const read = (r: number) => {
    const row = sheet.getRow(r);
    const values: string[] = [];
    const formulaAt = new Set<number>();
    for (let c = 1; c <= width; c++) {
      const { text, formula } = cellText(row.getCell(c));
      values.push(text);
      if (formula) formulaAt.add(c - 1);
    }
    return { row: r, values, formulaAt };
  };
  const header = read(1).values;
  const body = [];
  for (let r = 2; r <= sheet.rowCount; r++) body.push(read(r));
  return toRows(header, body);
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Reads an upload as CSV or XLSX. The declared type decides, and a zip signature means XLSX
 * whatever the type says (browsers often send `application/octet-stream` for both).
 */
export async function readUpload(bytes: Uint8Array, contentType: string, filename = ''): Promise<RawRow[]> {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === XLSX_TYPE || /\.xlsx$/i.test(filename) || isZip(bytes)) return parseXlsx(bytes);
  const csvLike = [
    'text/csv',
    'application/csv',
    'text/plain',
    'application/vnd.ms-excel',
    'application/octet-stream',
  ];
  if (csvLike.includes(type) || /\.csv$/i.test(filename)) return parseCsv(bytes);
  throw new DomainError('bulk_unsupported_file');
}
