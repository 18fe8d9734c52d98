import type { Principal } from '../../auth/principal.js';
import type { AppContext } from '../../context.js';
import { toCsv } from '../../csv/safe.js';
import { CENTRE_ACCOUNT_TYPES } from '../../db/schema/index.js';
import type { Language, T } from '../../i18n/index.js';
import { assertReadAll, usersAccess } from '../policy.js';
import { titleIn } from './present.js';
import { assessmentProgress, PROGRESS_STATUSES } from './progress.js';
import { attemptsInCentre, catalogue, hiddenInCentre, liveCentreAccounts } from './queries.js';
import { visibleTo } from './visibility.js';

const SUMMARY_COLUMNS = [
  'first_name',
  'last_name',
  'email',
  'account_type',
  'hub_role',
  'assessment_code',
  'assessment',
  'status',
  'sections_passed',
  'section_count',
  'best_mark',
  'best_out_of',
  'failed_attempts',
  'last_attempt',
  'certificate',
] as const;

type Column = (typeof SUMMARY_COLUMNS)[number];

/** Excel reads a CSV as the system code page unless it starts with a byte-order mark. */
const BOM = '\uFEFF';

const minute = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '');

function groupBy<T>(rows: readonly T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Seed 003's "User Summary": one row per account and assessment it sees, so a spreadsheet filter
 * on status lists who still has training to do. An account that sees nothing still gets a row.
 */
export async function userSummaryCsv(ctx: AppContext, p: Principal, number: string, lang: Language, t: T) {
  const access = await usersAccess(ctx, p, number);
  assertReadAll(access);
  const centreId = access.centre.id;
  const [people, all, hidden, attempts] = await Promise.all([
    liveCentreAccounts(ctx.db, centreId),
    catalogue(ctx.db),
    hiddenInCentre(ctx.db, centreId),
    attemptsInCentre(ctx.db, centreId),
  ]);
  const hiddenBy = groupBy(hidden, (h) => h.accountId);
  const attemptsBy = groupBy(attempts, (a) => a.accountId);

  // i18next looks each key up afresh; a centre's summary can run to tens of thousands of cells.
  const statusLabel = Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, t(`hub:status.${s}`)]));
  const typeLabel = Object.fromEntries(CENTRE_ACCOUNT_TYPES.map((k) => [k, t(`hub:account_type.${k}`)]));
  const rows: Partial<Record<Column, unknown>>[] = [];
  for (const account of people) {
    const person = {
      first_name: account.firstName,
      last_name: account.lastName,
      email: account.email,
      account_type: account.accountType ? typeLabel[account.accountType] : '',
      hub_role: account.hubRole ?? '',
    };
    const hiddenIds = new Set((hiddenBy.get(account.id) ?? []).map((h) => h.assessmentId));
    const own = attemptsBy.get(account.id) ?? [];
    const visible = visibleTo(account, all, hiddenIds);
    if (!visible.length) rows.push(person);
    for (const a of visible) {
      const progress = assessmentProgress(
        a,
        own.filter((x) => x.assessmentId === a.id),
      );
      rows.push({
        ...person,
        assessment_code: a.code,
        assessment: titleIn(a, lang),
        status: statusLabel[progress.status],
        sections_passed: progress.sections_passed,
        section_count: progress.section_count,
        best_mark: progress.best_result?.mark,
        best_out_of: progress.best_result?.out_of,
        failed_attempts: progress.failed_attempts,
        last_attempt: minute(progress.last_attempt_at),
        // Where the certificate is, so a centre can fetch every one it has in one go.
        certificate:
          progress.status === 'passed'
            ? `/api/v1/centres/${access.centre.number}/users/${account.id}/assessments/${a.code}/certificate.pdf`
            : '',
      });
    }
  }

  const headers = SUMMARY_COLUMNS.map((c) => t(`hub:summary.columns.${c}`));
  const body = toCsv(
    headers,
    rows.map((r) => Object.fromEntries(SUMMARY_COLUMNS.map((c, i) => [headers[i], r[c]]))),
  );
  return {
    csv: BOM + body,
    filename: `${t('hub:summary.filename')}-${access.centre.number}.csv`,
  };
}
