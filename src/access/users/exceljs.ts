import { lazy } from '../../lazy.js';

/** exceljs (about 27 MB) is loaded by the first spreadsheet upload or template, not at start-up. */
export const loadExcel = lazy(async () => (await import('exceljs')).default);

/**
 * Lets exceljs's deferred work run before the request ends. Its bundled JSZip queues work behind a
 * `setTimeout` and keeps a module-wide "already scheduled" flag; workerd cancels a finished request's
 * timers, so the flag stayed set and every later spreadsheet request in that isolate hung (an XLSX
 * upload, then the template). One timer turn after each use lets the queue drain; on Node it is just that.
 */
export const settleExcel = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
