import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkChatUser } from '../../src/chat/identity.js';
import { accounts } from '../../src/db/schema/index.js';
import { authPass, ingestMail, pdfAttachment, welshBody } from '../intake/support/mail.js';
import { chatHarness } from './support.js';

// Who asks and the queue page are remembered between writes (src/db/read-cache.ts): every way a
// request moves, and every change to who someone is, must show in the very next answer.

let c: Awaited<ReturnType<typeof chatHarness>>;
beforeEach(async () => {
  c = await chatHarness();
  c.slack.emails.set('UALUN', 'cefnogi@cymorth.localhost');
});
afterEach(() => c.close());

const queue = async (text = 'queue') => (await c.command('UALUN', text)).text;

describe('/cymorth queue stays true as requests move', () => {
  it('shows a request as intake stores it, as the API and chat claim it, and as the clock runs', async () => {
    const before = await queue();
    expect(before).toContain('Requests still to be worked: 0');

    const req = await ingestMail(c.h, {
      from: 'Dr Eleri Morgan <pennaeth@ysgolgwyr.cymru>',
      subject: 'Newid Swyddog Arholiadau',
      text: welshBody(),
      attachments: [await pdfAttachment(['Ysgol Gyfun Gŵyr', 'Dr Eleri Morgan, Pennaeth'], 'llythyr.pdf')],
      rawHeaders: [authPass],
    });
    const arrived = await queue();
    expect(arrived).toContain('Requests still to be worked: 1');
    expect(arrived).toContain(String(req.reference));
    expect(arrived).toContain('48h 00m');

    const claimed = await c.h.call('POST', `/api/v1/requests/${req.reference}/claim`, {
      token: c.h.tokens.support,
    });
    expect(claimed.status).toBe(200);
    expect(await queue()).toContain('Alun Support');
    expect(await queue('queue mine')).toContain('Requests you have claimed: 1');

    expect((await c.command('UALUN', `release ${req.reference}`)).status).toBe(200);
    expect(await queue()).not.toContain('Alun Support');
    expect(await queue('queue mine')).toContain('Requests you have claimed: 0');

    // Nothing was written, yet the time left moves with the clock.
    c.h.clock.advance(61 * 60 * 1000);
    expect(await queue()).toContain('46h 59m');
  });
});

describe('who is asking stays true', () => {
  it('answers in the language just chosen, and refuses an account that has ended', async () => {
    // Linked by hand, so Slack's profile email is never asked and every answer comes from the link.
    c.slack.emails.clear();
    const link = {
      platform: 'slack',
      externalId: 'UALUN',
      email: 'cefnogi@cymorth.localhost',
      via: 'cli',
    } as const;
    await linkChatUser(c.h.ctx, link);
    expect(await queue()).toContain('Requests still to be worked');
    await c.command('UALUN', 'iaith cy');
    expect(await queue()).not.toContain('Requests still to be worked');

    await c.h.ctx.db
      .update(accounts)
      .set({ status: 'deleted' })
      .where(eq(accounts.email, 'cefnogi@cymorth.localhost'));
    const refused = await queue();
    expect(refused).toContain('not linked to a member of the Centre Support Team');
    expect(refused).not.toContain('Requests');
    // Slack's profile was asked only once the link no longer led to live staff.
    expect(c.slack.of('users.info')).toHaveLength(1);
  });
});
