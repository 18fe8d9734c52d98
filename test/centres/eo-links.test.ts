import { desc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function moveEoLogin(to: string): Promise<string> {
  const res = await h.call('PATCH', '/api/v1/centres/68123', {
    token: h.tokens.support,
    body: { eo_email: to },
  });
  expect(res.status).toBe(200);
  const [mail] = await h.ctx.db.select().from(outbox).orderBy(desc(outbox.id)).limit(1);
  expect(mail?.toAddress).toBe(to);
  return String(mail?.params.link).split('/invites/')[1] as string;
}

describe("moving the EO's login twice", () => {
  it('ends the reset link sent to the first new address; only the latest one opens the account', async () => {
    const first = await moveEoLogin('swyddog1@ysgolgwyr.cymru');
    const second = await moveEoLogin('swyddog2@ysgolgwyr.cymru');

    const stale = await h.call('POST', `/api/v1/invites/${first}/accept`, {
      headers: { 'accept-language': 'cy' },
    });
    expect(stale.status).toBe(410);
    expect(stale.json.error.code).toBe('invite_expired');

    const fresh = await h.call('POST', `/api/v1/invites/${second}/accept`);
    expect(fresh.status).toBe(200);
    const me = await h.call('GET', '/api/v1/me', { token: fresh.json.token });
    expect(me.json.email).toBe('swyddog2@ysgolgwyr.cymru');
  });
});
