import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { isFormulaLike } from '../../csv/safe.js';
import { DomainError } from '../../errors.js';
import { loadExcel, settleExcel } from './exceljs.js';
import { BULK_COLUMNS, type BulkColumn } from './template.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One data row as read: spreadsheet row number (header = 1), raw cell text, and cells refused as formulas. */
export interface RawRow {
  row: number;
  cells: Partial<Record<BulkColumn, string>>;
  formulas: BulkColumn[];
}

const unreadable = () => new DomainError('bulk_unreadable', { columns: BULK_COLUMNS.join(', ') });

function toRows(
  header: string[],
  body: { row: number; values: string[]; formulaAt: Set<number> }[],
): RawRow[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const index = new Map(BULK_COLUMNS.map((c) => [c, names.indexOf(c)]));
  if ([...index.values()].some((i) => i < 0)) throw unreadable();
  const rows: RawRow[] = [];
  for (const { row, values, formulaAt } of body) {
    if (values.every((v) => v.trim() === '')) continue;
    const cells: RawRow['cells'] = {};
    const formulas: BulkColumn[] = [];
    for (const [column, i] of index) {
      const raw = values[i] ?? '';
      if (formulaAt.has(i) || isFormulaLike(raw)) formulas.push(column);
      cells[column] = raw;
    }
    rows.push({ row, cells, formulas });
  }
  return rows;
}

function parseCsv(text: string): RawRow[] {
  let records: string[][];
  try {
    // No trimming here: a leading tab or carriage return is itself a refused formula start.
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch {
    throw unreadable();
  }
  const [header, ...body] = records;
  if (!header) throw unreadable();
  return toRows(
    header,
    body.map((values, i) => ({ row: i + 2, values, formulaAt: new Set() })),
  );
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
  if (csvLike.includes(type) || /\.csv$/i.test(filename)) return parseCsv(new TextDecoder().decode(bytes));
  throw new DomainError('bulk_unsupported_file');
}
