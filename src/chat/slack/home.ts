import type { Principal } from '../../auth/principal.js';
import type { AppContext } from '../../context.js';
import { translator } from '../../i18n/index.js';
import { timeLeft } from '../../queue/format.js';
import { listQueue } from '../../queue/read.js';
import { refusal } from '../identity.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** App Home: the requests I have claimed and what is overdue; a stranger sees only the refusal. */
export async function homeView(ctx: AppContext, p: Principal | null) {
  if (!p) {
    return { type: 'home' as const, blocks: [section(refusal())] };
  }
  const t = translator(p.language);
  const [mine, overdue] = await Promise.all([
    listQueue(ctx, { status: 'open', assignee: 'me', page: 1, per_page: 20 }, p.accountId),
    listQueue(ctx, { status: 'open', overdue: true, page: 1, per_page: 20 }, p.accountId),
  ]);
  const lines = (page: typeof mine) =>
    page.data
      .map((r) => `• *${r.reference}* ${r.centre_name ?? ''} · ${timeLeft(t, r.time_left_seconds)}`)
      .join('\n') || t('chat:home.none');
  return {
    type: 'home' as const,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: t('chat:home.title') } },
      section(`*${t('chat:home.mine')}*\n${lines(mine)}`),
      section(`*${t('chat:home.overdue')}*\n${lines(overdue)}`),
    ],
  };
}
