import { updateProfile } from '../../access/profile.js';
import type { Principal } from '../../auth/principal.js';
import { getCentre, searchCentres } from '../../centres/service.js';
import type { AppContext } from '../../context.js';
import type { T } from '../../i18n/index.js';
import { approveRequest } from '../../queue/approve.js';
import { claimRequest, releaseRequest } from '../../queue/claim.js';
import { timeLeft } from '../../queue/format.js';
import { listRequests, type RequestDetail, showRequest } from '../../queue/read.js';
import { rejectRequest } from '../../queue/reject.js';
import { REJECTION_REASONS, type RejectionReason } from '../../queue/rules.js';
import { requestCard } from './cards.js';
import helpline from './helpline.json' with { type: 'json' };
import { openRequestsOfCentre } from './queries.js';
import type { Reply } from './reply.js';
import { COMMAND_WORDS, HELPLINE_SUBJECTS, type HelplineSubject, type QueueFilter } from './words.js';

export interface Env {
  ctx: AppContext;
  p: Principal;
  t: T;
  publicUrl: string;
}

export async function centreReply(env: Env, query: string): Promise<Reply> {
  const { ctx, p, t } = env;
  let number = query;
  if (!/^\d{5}$/.test(query)) {
    const found = await searchCentres(ctx, p, { q: query, page: 1, per_page: 10 });
    if (found.total === 0) return { title: t('chat:centre.none', { query }), tone: 'error' };
    if (found.total > 1)
      return {
        title: t('chat:centre.several', { n: found.total, query }),
        items: found.data.map((c) => ({ title: c.number, text: c.name })),
      };
    number = String(found.data[0]?.number);
  }
  const c = await getCentre(ctx, p, number);
  const open = await openRequestsOfCentre(ctx.db, c.number);
  return {
    title: `${c.number} ${c.name}`,
    fields: [
      { label: t('chat:centre.telephone'), value: c.telephone },
      { label: t('chat:centre.eo'), value: `${c.eo_name} <${c.eo_email}> ${c.eo_telephone}`.trim() },
      { label: t('chat:centre.head'), value: `${c.head_name} <${c.head_email}>` },
      { label: t('chat:centre.general_email'), value: c.general_email_effective },
      { label: t('chat:centre.post_results_email'), value: c.post_results_email_effective },
      { label: t('chat:centre.language'), value: t(`chat:languages.${c.language}`) },
      {
        label: t('chat:centre.open_requests'),
        value:
          open.map((r) => `${r.reference} (${t(`queue:status.${r.status}`)})`).join(', ') ||
          t('queue:cli.none'),
      },
    ],
  };
}

export async function queueReply(env: Env, filter: QueueFilter): Promise<Reply> {
  const { ctx, p, t } = env;
  const page = await listRequests(ctx, p, {
    status: filter === 'all' ? 'all' : 'open',
    overdue: filter === 'overdue' ? true : undefined,
    assignee: filter === 'mine' ? 'me' : undefined,
    page: 1,
    per_page: 15,
  });
  return {
    title: t(`chat:queue.title_${filter}`, { n: page.total }),
    items: page.data.map((r) => ({
      title: `${r.reference} · ${r.centre_number ?? '-'} ${r.centre_name ?? ''}`.trim(),
      text: [
        t(`queue:status.${r.status}`),
        timeLeft(t, r.time_left_seconds),
        r.assignee?.name ?? t('queue:cli.none'),
        r.flagged ? '⚑' : '',
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    ...(page.total > page.data.length
      ? { text: t('chat:queue.more', { shown: page.data.length, total: page.total }) }
      : {}),
  };
}

const card = (env: Env, r: RequestDetail, text?: string): Reply => ({
  ...requestCard(env.t, r, env.publicUrl),
  ...(text ? { text } : {}),
});

export async function requestAction(
  env: Env,
  name: 'request' | 'claim' | 'release' | 'approve',
  reference: string,
): Promise<Reply> {
  const { ctx, p, t } = env;
  if (name === 'request') return card(env, await showRequest(ctx, p, reference));
  if (name === 'claim') return card(env, await claimRequest(ctx, p, reference), t('chat:done.claimed'));
  if (name === 'release') return card(env, await releaseRequest(ctx, p, reference), t('chat:done.released'));
  const r = await approveRequest(ctx, p, reference);
  if (r.status === 'approved') return card(env, r, t('chat:done.approved'));
  return card(env, r, t('queue:second_approval_needed', { name: r.approvals.first?.name ?? '' }));
}

/**
 * A reason from chat: a standard reason's code, or words taken as written in the reader's language,
 * which the queue refuses (naming what is needed) when the centre's mail needs the other language too.
 */
export async function rejectReply(env: Env, reference: string, reason: string): Promise<Reply> {
  const code = REJECTION_REASONS.find((c) => c === reason.trim());
  const input = code
    ? { reason_code: code as RejectionReason }
    : { [env.p.language === 'cy' ? 'reason_cy' : 'reason_en']: reason };
  return card(env, await rejectRequest(env.ctx, env.p, reference, input), env.t('chat:done.rejected'));
}

export async function langReply(env: Env, language: 'cy' | 'en', t: T): Promise<Reply> {
  await updateProfile(env.ctx, env.p, { language });
  return { title: t('chat:lang.set'), tone: 'ok' };
}

/** The helpline contacts of seed 001, from versioned configuration (helpline.json). */
export function helplineReply(t: T, language: 'cy' | 'en', subject?: HelplineSubject): Reply {
  const subjects = subject ? [subject] : HELPLINE_SUBJECTS;
  return {
    title: t('chat:helpline.title'),
    text: t('chat:helpline.hours', { hours: helpline.hours[language] }),
    fields: subjects.map((s) => ({
      label: t(`chat:helpline.subjects.${s}`),
      value: `${helpline.lines[s].email} · ${helpline.lines[s].telephone}`,
    })),
  };
}

export function helpReply(t: T): Reply {
  return {
    title: t('chat:help.title'),
    items: Object.entries(COMMAND_WORDS).map(([name, words]) => ({
      title: words.join(' / '),
      text: t(`chat:help.commands.${name}`),
    })),
    text: t('chat:help.reasons', { codes: REJECTION_REASONS.join(', ') }),
  };
}
