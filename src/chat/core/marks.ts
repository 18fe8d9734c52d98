import { listUnits } from '../../marks/read.js';
import type { Env } from './handlers.js';
import type { Reply } from './reply.js';

/**
 * A centre's internal assessment units as the seed's menu lists them (`ENTER MARKS (n DONE, m LEFT)`,
 * submitted, the moderator), or one unit, chosen by its code or id. The marks service's permissions
 * apply: staff read every centre, a moderator only their units.
 */
export async function marksReply(env: Env, centre: string, unit?: string): Promise<Reply> {
  const { ctx, p, t } = env;
  const { data } = await listUnits(ctx, p, centre, p.language);
  const wanted = unit?.trim().toLowerCase();
  const units = wanted
    ? data.filter((u) => u.code.toLowerCase() === wanted || String(u.id) === wanted)
    : data;
  if (units.length === 0)
    return { title: t(wanted ? 'chat:marks.no_unit' : 'chat:marks.none', { centre, unit }), tone: 'error' };
  return {
    title: t('chat:marks.title', { centre }),
    items: units.map((u) => ({
      title: `${u.code} ${u.title} (${u.series})`,
      text: [
        t(`marks:status.${u.status}`, {
          done: u.done,
          left: u.left,
          submitted: u.submitted,
          count: u.submitted,
        }),
        u.moderator ? t('chat:marks.moderator', { name: u.moderator.name }) : '',
        t('chat:marks.deadline', { date: u.submission_deadline }),
      ]
        .filter(Boolean)
        .join(' · '),
    })),
  };
}
