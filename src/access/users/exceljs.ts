import { lazy } from '../../lazy.js';

/** exceljs (about 27 MB) is loaded by the first spreadsheet upload or template, not at start-up. */
export const loadExcel = lazy(async () => (await import('exceljs')).default);
