import { and, eq } from 'drizzle-orm';
import { accounts, outbox } from '../../src/db/schema/index.js';
import type { Harness } from '../support/harness.js';

export const USERS = '/api/v1/centres/68123/users';

/** The one-time token from the newest invite mail queued to an address. */
export async function linkTokenFor(h: Harness, email: string, template = 'invite'): Promise<string> {
  const rows = await h.ctx.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.toAddress, email), eq(outbox.template, template)));
  const last = rows.at(-1);
  const link = String((last?.params as Record<string, unknown> | undefined)?.link ?? '');
  return link.split('/invites/')[1] ?? '';
}

export async function accountByEmail(h: Harness, email: string) {
  return h.ctx.db.select().from(accounts).where(eq(accounts.email, email));
}

/** Invites someone at 68123 as its EO and answers the new account. */
export async function invite(h: Harness, body: Record<string, unknown>, token = h.tokens.eoCy) {
  const res = await h.call('POST', USERS, {
    token,
    body: { first_name: 'Siân', last_name: 'Bowen', language: 'cy', account_type: 'user', ...body },
  });
  return res;
}
