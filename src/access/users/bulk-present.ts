import { z } from '@hono/zod-openapi';
import type { T } from '../../i18n/index.js';
import { BULK_MODES, type RowOutcome } from './bulk.js';

export const BulkReportSchema = z
  .object({
    mode: z.enum(BULK_MODES),
    applied: z.boolean(),
    message: z.string(),
    rows: z.number().int(),
    created: z.number().int(),
    already_there: z
      .number()
      .int()
      .openapi({ description: 'Rows that describe an account this centre already has, exactly: not errors' }),
    rejected: z.number().int(),
    results: z.array(
      z.object({
        row: z.number().int().openapi({ description: 'As the spreadsheet numbers it: the header is row 1' }),
        email: z.string().nullable(),
        outcome: z.enum(['created', 'already_there', 'rejected']),
        account_id: z.number().int().nullable(),
        message: z.string(),
        problems: z.array(z.object({ field: z.string().optional(), code: z.string(), message: z.string() })),
      }),
    ),
  })
  .openapi('BulkUploadReport');

interface Report {
  mode: (typeof BULK_MODES)[number];
  applied: boolean;
  rows: number;
  created: number;
  already_there: number;
  rejected: number;
  results: RowOutcome[];
}

/** The upload's answer in the response language: each row with its outcome and reasons. */
export function presentBulkReport(report: Report, t: T): z.infer<typeof BulkReportSchema> {
  // One lookup for the common answer: thousands of created rows share it.
  const createdMessage = t('access:bulk.created');
  const alreadyMessage = t('access:bulk.already_there');
  const results = report.results.map((r) => {
    const problems = r.problems.map((d) => ({
      field: d.field,
      code: d.code,
      message: t(`validation:${d.code}`, { ...d.params, defaultValue: t('validation:invalid') }),
    }));
    const message =
      r.outcome === 'created'
        ? createdMessage
        : r.outcome === 'already_there'
          ? alreadyMessage
          : t('access:bulk.rejected', {
              reasons: problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join(' '),
            });
    return { row: r.row, email: r.email, outcome: r.outcome, account_id: r.account_id, message, problems };
  });
  return {
    mode: report.mode,
    applied: report.applied,
    message: summary(report, t),
    rows: report.rows,
    created: report.created,
    already_there: report.already_there,
    rejected: report.rejected,
    results,
  };
}

/** One sentence for the whole upload, claiming rows with problems only when there were some. */
function summary(report: Report, t: T) {
  const already = report.already_there
    ? ` ${t('access:bulk.already_there_count', { count: report.already_there })}`
    : '';
  if (!report.created) return `${t('access:bulk.nothing_to_add')}${already}`;
  if (!report.rejected) return `${t('access:bulk.added_all', { count: report.created })}${already}`;
  return `${t('access:bulk.applied', { created: report.created, rows: report.rows })}${already}`;
}
