import { toCsv } from '../../csv/safe.js';
import { HUB_ROLES } from '../../db/schema/index.js';
import { translator } from '../../i18n/index.js';
import { loadExcel, settleExcel } from './exceljs.js';

/** The bulk upload columns, in template order (seed 003's UserUploadTemplate plus our own fields). */
export const BULK_COLUMNS = [
  'first_name',
  'last_name',
  'email',
  'hub_role',
  'account_type',
  'language',
] as const;
export type BulkColumn = (typeof BULK_COLUMNS)[number];

const ALLOWED: Record<BulkColumn, string> = {
  first_name: '',
  last_name: '',
  email: '',
  hub_role: HUB_ROLES.join(', '),
  account_type: 'admin, user',
  language: 'en, cy',
};

/** The CSV template: the header row only, because a comment line is not CSV and spreadsheets show it as data. */
export function templateCsv(): string {
  return toCsv(BULK_COLUMNS, []);
}

/**
 * The XLSX template: a Users sheet with the header row and a Help sheet explaining each column in
 * Welsh and in English (Welsh first, as on every bilingual document of the service).
 */
export async function templateXlsx(): Promise<Buffer> {
  const cy = translator('cy');
  const en = translator('en');
  const ExcelJS = await loadExcel();
  const book = new ExcelJS.Workbook();
  book.creator = 'cymorth';
  const users = book.addWorksheet(
    `${cy('access:template.users_sheet')} - ${en('access:template.users_sheet')}`,
  );
  users.columns = BULK_COLUMNS.map((c) => ({ header: c, key: c, width: c === 'email' ? 36 : 18 }));
  users.getRow(1).font = { bold: true };
  users.views = [{ state: 'frozen', ySplit: 1 }];

  const help = book.addWorksheet(`${cy('access:template.help_sheet')} - ${en('access:template.help_sheet')}`);
  help.columns = [
    { header: `${cy('access:template.column')} / ${en('access:template.column')}`, width: 16 },
    { header: cy('access:template.meaning'), width: 70 },
    { header: en('access:template.meaning'), width: 70 },
    { header: `${cy('access:template.allowed')} / ${en('access:template.allowed')}`, width: 24 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of BULK_COLUMNS)
    help.addRow([c, cy(`access:columns.${c}`), en(`access:columns.${c}`), ALLOWED[c]]);
  help.addRow([]);
  help.addRow(['', cy('access:template.intro'), en('access:template.intro')]);
  help.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  const written = await book.xlsx.writeBuffer();
  await settleExcel();
  return Buffer.from(written);
}
