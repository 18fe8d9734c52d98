import type { T } from '../i18n/index.js';
import type { listQueue, RequestDetail } from './read.js';

type QueuePage = Awaited<ReturnType<typeof listQueue>>;

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** SPEC 3: times are stored in UTC and shown in Europe/London. */
export const londonTime = (iso: string) => LONDON.format(new Date(iso)).replace(',', '');

/** "47h 05m" in English, "47 awr 05 mun" in Welsh: hours and minutes in the reader's language. */
function formatDuration(t: T, seconds: number): string {
  const minutes = Math.floor(Math.abs(seconds) / 60);
  return t('queue:cli.duration', {
    hours: Math.floor(minutes / 60),
    minutes: String(minutes % 60).padStart(2, '0'),
  });
}

export const timeLeft = (t: T, seconds: number) =>
  seconds < 0 ? t('queue:cli.overdue_by', { time: formatDuration(t, seconds) }) : formatDuration(t, seconds);

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatQueue(t: T, page: QueuePage): string {
  if (page.data.length === 0) return t('queue:cli.empty');
  const rows = page.data.map((r) => [
    r.reference,
    t(`queue:status.${r.status}`),
    r.centre_number ? `${r.centre_number} ${r.centre_name ?? ''}` : '-',
    londonTime(r.due_at),
    timeLeft(t, r.time_left_seconds),
    r.assignee?.name ?? t('queue:cli.none'),
    r.flagged ? '!' : '',
  ]);
  const head = ['reference', 'status', 'centre', 'due', 'time_left', 'assignee', 'flagged'].map((k) =>
    t(`queue:cli.${k}`),
  );
  return `${table(head, rows)}\n${t('queue:cli.total', { shown: page.data.length, total: page.total })}`;
}

export function formatRequest(t: T, r: RequestDetail): string {
  const out = [
    `${r.reference}  ${t(`queue:status.${r.status}`)}  ${r.centre ? `${r.centre.number} ${r.centre.name}` : '-'}`,
    `${t('queue:cli.due')}: ${londonTime(r.due_at)} (${timeLeft(t, r.time_left_seconds)})`,
    `${t('queue:cli.assignee')}: ${r.assignee?.name ?? t('queue:cli.none')}`,
  ];
  if (r.flagged) out.push(`${t('queue:cli.flagged')}: ${r.flagged}`);
  out.push('', `${t('queue:cli.fields')}:`);
  for (const f of r.fields)
    out.push(`  ${t(`queue:fields.${f.name}`)}: ${f.value ?? '-'} [${f.source ?? '-'}]`);
  if (r.missing.length)
    out.push(`${t('queue:cli.missing')}: ${r.missing.map((m) => t(`queue:fields.${m}`)).join('; ')}`);
  out.push('', `${t('queue:cli.automatic_checks')}:`);
  for (const [name, value] of Object.entries(r.automatic_checks)) out.push(`  ${name}: ${String(value)}`);
  if (r.second_approval_required)
    out.push(
      t('queue:cli.second_approval'),
      `  ${t('queue:cli.failed_checks')}: ${r.failed_checks.join(', ')}`,
    );
  for (const e of r.evidence)
    out.push(
      e.cleared_by
        ? t('queue:cli.evidence_cleared', {
            check: e.check,
            failed_by: e.failed_by ?? '-',
            cleared_by: e.cleared_by,
          })
        : t('queue:cli.evidence_open', { check: e.check, failed_by: e.failed_by ?? '-' }),
    );
  for (const step of ['first', 'second'] as const) {
    const a = r.approvals[step];
    if (a) out.push(t(`queue:cli.approval_${step}`, { name: a.name, at: londonTime(a.at) }));
  }
  if (r.callback.telephone) out.push(t('queue:cli.callback', { telephone: r.callback.telephone }));
  if (r.manual_checks.length) {
    out.push('', `${t('queue:cli.manual_checks')}:`);
    for (const c of r.manual_checks)
      out.push(
        `  ${londonTime(c.at)} ${c.name}: ${t(c.passed ? 'queue:cli.passed' : 'queue:cli.failed')} (${c.by})${c.note ? ` ${c.note}` : ''}`,
      );
  }
  out.push('', `${t('queue:cli.messages')}:`);
  for (const m of r.messages) out.push(`  ${londonTime(m.received_at)} ${m.from ?? '-'}: ${m.subject ?? ''}`);
  if (r.attachments.length) {
    out.push('', `${t('queue:cli.attachments')}:`);
    for (const a of r.attachments) out.push(`  #${a.id} ${a.filename} (${a.content_type}, ${a.size} B)`);
  }
  out.push('', `${t('queue:cli.timeline')}:`);
  for (const e of r.timeline) out.push(`  ${londonTime(e.at)} ${e.type} ${e.actor}`);
  return out.join('\n');
}
