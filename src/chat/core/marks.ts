import type { Env } from './handlers.js';
import type { Reply } from './reply.js';

/** Unit mark status for a centre: answered once the marks feature is in (issue 12). */
export async function marksReply(env: Env, _centre: string, _unit?: string): Promise<Reply> {
  return { title: env.t('chat:marks.unavailable'), tone: 'error' };
}
