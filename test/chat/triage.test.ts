import { WebClient } from '@slack/web-api';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverChat } from '../../src/chat/delivery.js';
import { linkChatUser } from '../../src/chat/identity.js';
import { chatPosts } from '../../src/db/schema/index.js';
import { emitDueEvents } from '../../src/queue/clock.js';
import { authPass, ingestMail, pdfAttachment, welshBody } from '../intake/support/mail.js';
import { HOUR } from '../queue/helpers.js';
import { CHANNEL, chatHarness } from './support.js';

let c: Awaited<ReturnType<typeof chatHarness>>;
let slack: WebClient;
beforeEach(async () => {
  c = await chatHarness();
  slack = new WebClient('xoxb-test-token', {
    slackApiUrl: `${c.slack.url}/api/`,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
});
afterEach(() => c.close());

const eqPlatform = (p: 'slack' | 'teams') => eq(chatPosts.platform, p);
const deliver = () => deliverChat(c.h.ctx, { slack, fetch });

async function newRequest() {
  const result = await ingestMail(c.h, {
    from: 'Dr Eleri Morgan <pennaeth@ysgolgwyr.cymru>',
    subject: 'Newid Swyddog Arholiadau',
    text: welshBody(),
    attachments: [await pdfAttachment(['Ysgol Gyfun Gŵyr', 'Dr Eleri Morgan, Pennaeth'], 'llythyr.pdf')],
    rawHeaders: [authPass],
  });
  return { reference: String(result.reference), path: `/api/v1/requests/${result.reference}` };
}

describe('the triage channel stays true', () => {
  it('a new request is posted once, and that message is updated as it is claimed and approved', async () => {
    const req = await newRequest();
    await deliver();
    await deliver();
    const posts = c.slack.of('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.channel).toBe(CHANNEL);
    expect(JSON.stringify(posts[0]?.body.blocks)).toContain(req.reference);
    expect(JSON.stringify(posts[0]?.body.blocks)).toContain('"action_id":"claim"');
    // Teams hears of the new request through its Workflows webhook.
    expect(c.slack.of('teams-workflow')).toHaveLength(1);
    expect(JSON.stringify(c.slack.of('teams-workflow')[0]?.body)).toContain('AdaptiveCard');

    await c.h.call('POST', `${req.path}/claim`, { token: c.h.tokens.support });
    await c.h.call('POST', `${req.path}/checks`, {
      token: c.h.tokens.support,
      body: { name: 'callback_registered_telephone', passed: true },
    });
    await deliver();
    const updates = c.slack.of('chat.update');
    // Two changes, one update: the worker shows the request as it is now.
    expect(updates).toHaveLength(1);
    expect(updates[0]?.body.ts).toBe('1700000001.000100');
    expect(JSON.stringify(updates[0]?.body.blocks)).toContain('"action_id":"approve"');

    await c.h.call('POST', `${req.path}/approve`, { token: c.h.tokens.support });
    await deliver();
    const last = c.slack.of('chat.update').at(-1);
    expect(JSON.stringify(last?.body.blocks)).toContain('approved');
    expect(JSON.stringify(last?.body.blocks)).not.toContain('"action_id"');
    expect(c.slack.of('chat.postMessage')).toHaveLength(1);
    expect(c.slack.of('teams-workflow')).toHaveLength(1);
  });

  it('reminds in the thread at 24 hours left and when overdue', async () => {
    await newRequest();
    await deliver();
    c.h.clock.advance(24 * HOUR + 60_000);
    await emitDueEvents(c.h.ctx, () => undefined);
    await deliver();
    c.h.clock.advance(24 * HOUR);
    await emitDueEvents(c.h.ctx, () => undefined);
    await deliver();
    const threaded = c.slack.of('chat.postMessage').filter((p) => p.body.thread_ts);
    expect(threaded.map((p) => p.body.thread_ts)).toEqual(['1700000001.000100', '1700000001.000100']);
    expect(String(threaded[0]?.body.text)).toContain('24 hours left');
    expect(String(threaded[1]?.body.text)).toContain('past its 48 hours');
    expect(c.slack.of('teams-workflow')).toHaveLength(3);
  });

  it('a 429 waits for Retry-After and a 500 is retried, without a second post', async () => {
    await newRequest();
    c.slack.overrides.set('chat.postMessage', [
      { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } },
      { status: 500, body: { ok: false, error: 'internal_error' } },
    ]);
    expect(await deliver()).toBe(1); // Teams went; Slack waits.
    const [row] = await c.h.ctx.db.select().from(chatPosts).where(eqPlatform('slack'));
    expect(row?.nextAttemptAt.getTime()).toBe(c.h.clock.now().getTime() + 30_000);
    expect(row?.attempts).toBe(0);
    expect(await deliver()).toBe(0); // not yet due
    c.h.clock.advance(30_000);
    expect(await deliver()).toBe(0); // the 500
    c.h.clock.advance(60_000);
    expect(await deliver()).toBe(1);
    expect(c.slack.of('chat.postMessage')).toHaveLength(1);
  });

  it('a worker that dies mid-delivery leaves the row leased; it is delivered once after the lease', async () => {
    await newRequest();
    // Another worker claimed the rows and died before posting: a lease it never released.
    await c.h.ctx.db.update(chatPosts).set({ leaseUntil: new Date(c.h.clock.now().getTime() + 60_000) });
    expect(await deliver()).toBe(0);
    c.h.clock.advance(61_000);
    expect(await deliver()).toBe(2);
    expect(await deliver()).toBe(0);
    expect(c.slack.of('chat.postMessage')).toHaveLength(1);
    expect(c.slack.of('teams-workflow')).toHaveLength(1);
  });
});

describe('Teams', () => {
  it('answers a linked user with an Adaptive Card in their language, and refuses a bad HMAC and a stranger', async () => {
    await linkChatUser(c.h.ctx, {
      platform: 'teams',
      externalId: 'aad-alun',
      email: 'cefnogi@cymorth.localhost',
      via: 'cli',
    });
    const req = await newRequest();
    const activity = (text: string, aad = 'aad-alun') => ({
      type: 'message',
      text: `<at>cymorth</at> ${text}`,
      from: { id: '29:1', name: 'Alun', aadObjectId: aad },
    });
    const ciw = await c.teamsPost(activity('ciw'));
    expect(ciw.status).toBe(200);
    const card = ciw.json.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card.content)).toContain(req.reference);
    const shown = await c.teamsPost(activity(`request ${req.reference}`));
    expect(shown.json.attachments[0].content.actions[0]).toMatchObject({ type: 'Action.OpenUrl' });

    const bad = await c.teamsPost(activity('claim x'), `HMAC ${Buffer.from('nope').toString('base64')}`);
    expect(bad.status).toBe(401);
    expect(bad.json.error.code).toBe('signature_invalid');
    const stranger = await c.teamsPost(activity('queue', 'aad-unknown'));
    expect(stranger.json.text).toContain('this chat account is not linked');
  });
});
