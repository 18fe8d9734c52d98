import type { T } from '../../i18n/index.js';
import { londonTime, timeLeft } from '../../queue/format.js';
import type { RequestDetail } from '../../queue/read.js';
import type { Reply } from './reply.js';

const OPEN = ['incomplete', 'awaiting_verification', 'in_verification'];

/** The buttons a request offers in its state: claim it, or, once claimed, decide it or ask for more. */
function buttonsFor(t: T, r: RequestDetail): Reply['buttons'] {
  if (!OPEN.includes(r.status)) return [];
  if (r.status !== 'in_verification')
    return [{ action: 'claim', label: t('chat:buttons.claim'), value: r.reference, style: 'primary' }];
  return [
    { action: 'approve', label: t('chat:buttons.approve'), value: r.reference, style: 'primary' },
    { action: 'reject', label: t('chat:buttons.reject'), value: r.reference, style: 'danger' },
    { action: 'request_info', label: t('chat:buttons.request_info'), value: r.reference },
  ];
}

/** A request as the triage channel and the `request` command show it. */
export function requestCard(t: T, r: RequestDetail, publicUrl: string): Reply {
  const field = (name: string) => r.fields.find((f) => f.name === name)?.value ?? '-';
  const fields = [
    { label: t('chat:card.centre'), value: r.centre ? `${r.centre.number} ${r.centre.name}` : '-' },
    { label: t('chat:card.status'), value: t(`queue:status.${r.status}`) },
    { label: t('chat:card.new_eo'), value: `${field('new_eo_name')} <${field('new_eo_email')}>` },
    { label: t('chat:card.signatory'), value: field('signatory') },
    {
      label: t('chat:card.time_left'),
      value: `${timeLeft(t, r.time_left_seconds)} (${londonTime(r.due_at)})`,
    },
    { label: t('chat:card.assignee'), value: r.assignee?.name ?? t('queue:cli.none') },
  ];
  if (r.missing.length)
    fields.push({
      label: t('chat:card.missing'),
      value: r.missing.map((m) => t(`queue:fields.${m}`)).join('; '),
    });
  if (r.second_approval_required)
    fields.push({ label: t('chat:card.two_people'), value: r.failed_checks.join(', ') });
  for (const step of ['first', 'second'] as const) {
    const a = r.approvals[step];
    if (a) fields.push({ label: t(`chat:card.approval_${step}`), value: `${a.name}, ${londonTime(a.at)}` });
  }
  if (r.decision_reason) fields.push({ label: t('chat:card.reason'), value: r.decision_reason });
  return {
    title: t('chat:card.title', { reference: r.reference }),
    fields,
    buttons: buttonsFor(t, r),
    link: {
      label: t('chat:card.open'),
      url: `${publicUrl}/api/v1/requests/${encodeURIComponent(r.reference)}`,
    },
  };
}
