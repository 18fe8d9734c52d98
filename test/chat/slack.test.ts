import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySlackSignature } from '../../src/chat/slack/verify.js';
import { chatLinks, chatSeenEvents, requests } from '../../src/db/schema/index.js';
import { auditOf, outboxRows } from '../queue/helpers.js';
import { createRequest, requestRow } from '../support/requests.js';
import { chatHarness } from './support.js';

let c: Awaited<ReturnType<typeof chatHarness>>;
beforeEach(async () => {
  c = await chatHarness();
  // Alun (support) is found by his Slack profile email; Llinos (helpline) likewise.
  c.slack.emails.set('UALUN', 'cefnogi@cymorth.localhost');
  c.slack.emails.set('ULLINOS', 'llinell.gymorth@cymorth.localhost');
  c.slack.emails.set('USTRANGER', 'someone@example.org');
});
afterEach(() => c.close());

const blocksText = (json: { blocks?: unknown[] }) => JSON.stringify(json.blocks ?? []);

describe('signatures', () => {
  it("verifies Slack's own published example at its own time", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const example = {
      secret: '8f742231b10e8888abcd99yyyzzz85a5',
      rawBody: body,
      signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      timestamp: '1531420618',
    };
    expect(verifySlackSignature({ ...example, nowSeconds: 1531420618 })).toBe(true);
    expect(verifySlackSignature({ ...example, nowSeconds: 1531420618 + 301 })).toBe(false);
    expect(verifySlackSignature({ ...example, rawBody: `${body}x`, nowSeconds: 1531420618 })).toBe(false);
  });

  it('refuses a bad signature, a six-minute-old timestamp and a missing header with 401, changing nothing', async () => {
    const req = await createRequest(c.h);
    const form = { command: '/cymorth', text: `claim ${req.reference}`, user_id: 'UALUN' };
    const now = Math.floor(c.h.clock.now().getTime() / 1000);
    const bad = await c.slackPost(form, { headers: { 'x-slack-signature': `v0=${'0'.repeat(64)}` } });
    const old = await c.slackPost(form, { at: now - 6 * 60 });
    const missing = await c.slackPost(form, { headers: { 'x-slack-signature': '' } });
    for (const res of [bad, old, missing]) {
      expect(res.status).toBe(401);
      expect(res.json.error).toMatchObject({
        code: 'signature_invalid',
        message: expect.stringContaining('signature'),
      });
    }
    expect((await requestRow(c.h, req.reference))?.assigneeId).toBeNull();
    expect(c.slack.calls).toEqual([]);
    expect(await c.h.ctx.db.select().from(chatLinks)).toEqual([]);
  });
});

describe('/cymorth slash commands', () => {
  it('answers every command in English and in Welsh, as the staff member found by their Slack email', async () => {
    const req = await createRequest(c.h);
    const queue = await c.command('UALUN', 'queue');
    expect(queue.status).toBe(200);
    expect(queue.json.response_type).toBe('ephemeral');
    expect(blocksText(queue.json)).toContain(req.reference);
    // The link is remembered: the second command needs no users.info.
    await c.command('UALUN', 'ciw hwyr');
    expect(c.slack.of('users.info')).toHaveLength(1);

    const centre = await c.command('UALUN', 'canolfan 68123');
    expect(blocksText(centre.json)).toContain('Ysgol Gyfun Gŵyr');
    expect(blocksText(centre.json)).toContain(req.reference);
    const byName = await c.command('UALUN', 'centre gwyr');
    expect(byName.json.text).toContain('68201');

    const shown = await c.command('UALUN', `request ${req.reference.toLowerCase()}`);
    expect(shown.json.blocks.find((b: { type: string }) => b.type === 'actions').elements[0]).toMatchObject({
      action_id: 'claim',
      value: req.reference,
    });
    const claimed = await c.command('UALUN', `hawlio ${req.reference}`);
    expect(claimed.json.text).toContain('You have claimed this request.');
    expect((await requestRow(c.h, req.reference))?.status).toBe('in_verification');
    const released = await c.command('UALUN', `rhyddhau ${req.reference}`);
    expect(released.json.text).toContain('back on the queue');

    const welsh = await c.command('UALUN', 'iaith cy');
    expect(welsh.json.text).toContain('Byddaf yn eich ateb yn Gymraeg');
    const help = await c.command('UALUN', 'cymorth');
    expect(help.json.text).toContain('canolfan <rhif neu enw>');
    const helpline = await c.command('UALUN', 'llinell-gymorth wbq');
    expect(helpline.json.text).toContain('WBQ@wjec.co.uk');
    const typo = await c.command('UALUN', 'hawlo EO-2026-00001');
    expect(typo.json.text).toContain('Oeddech chi’n golygu “hawlio”?'.replace('’', "'"));
    await c.command('UALUN', `claim ${req.reference}`);
    await c.h.call('POST', `/api/v1/requests/${req.reference}/checks`, {
      token: c.h.tokens.support,
      body: { name: 'callback_registered_telephone', passed: true },
    });
    const approved = await c.command('UALUN', `cymeradwyo ${req.reference}`);
    expect(approved.json.text).toContain('Wedi’i gymeradwyo'.replace('’', "'"));
    expect((await requestRow(c.h, req.reference))?.status).toBe('approved');
    const english = await c.command('UALUN', 'lang en');
    expect(english.json.text).toContain('I will answer you in English');
  });

  it('rejects with a standard reason, or refuses words the centre’s mail cannot carry, naming what is needed', async () => {
    const english = await createRequest(c.h, { centre: '66410' });
    await c.command('UALUN', `claim ${english.reference}`);
    const oneLanguage = await c.command('UALUN', `reject ${english.reference} The letter was not signed.`);
    expect(oneLanguage.json.text).toContain('reason_cy');
    expect((await requestRow(c.h, english.reference))?.status).toBe('in_verification');
    const coded = await c.command('UALUN', `gwrthod ${english.reference} not_on_letterhead`);
    expect(coded.json.text).toContain('Rejected');
    expect((await requestRow(c.h, english.reference))?.status).toBe('rejected');
  });

  it('keeps helpline staff to reading, and refuses anyone who is not staff, in both languages', async () => {
    const req = await createRequest(c.h);
    const read = await c.command('ULLINOS', `request ${req.reference}`);
    expect(read.json.text).toContain(req.reference);
    const claim = await c.command('ULLINOS', `claim ${req.reference}`);
    expect(claim.json.text).toMatch(/not allowed|forbidden|permission/i);
    expect((await requestRow(c.h, req.reference))?.assigneeId).toBeNull();

    const stranger = await c.command('USTRANGER', 'queue');
    expect(stranger.json.text).toContain('nid yw’r cyfrif sgwrsio hwn wedi’i gysylltu'.replaceAll('’', "'"));
    expect(stranger.json.text).toContain('this chat account is not linked');
    expect(stranger.json.blocks).toBeUndefined();
  });
});

describe('buttons and modals', () => {
  it('a claim button is acknowledged at once and answered through response_url', async () => {
    const req = await createRequest(c.h);
    const res = await c.interact({
      type: 'block_actions',
      user: { id: 'UALUN' },
      trigger_id: 'trig-1',
      response_url: `${c.slack.url}/response/claim`,
      actions: [{ type: 'button', action_id: 'claim', value: req.reference, action_ts: '1' }],
      channel: { id: 'CTRIAGE01' },
      container: { type: 'message' },
      team: { id: 'T1' },
    });
    expect(res.status).toBe(200);
    const answer = await c.slack.next((call) => call.method === 'response/claim');
    expect(JSON.stringify(answer.body)).toContain('You have claimed this request.');
    expect((await requestRow(c.h, req.reference))?.status).toBe('in_verification');

    // A double click changes nothing more and says why.
    await c.interact({
      type: 'block_actions',
      user: { id: 'UALUN' },
      trigger_id: 'trig-2',
      response_url: `${c.slack.url}/response/again`,
      actions: [{ type: 'button', action_id: 'claim', value: req.reference, action_ts: '2' }],
      team: { id: 'T1' },
    });
    const again = await c.slack.next((call) => call.method === 'response/again');
    expect(JSON.stringify(again.body)).toContain('You have claimed this request.');
    const claims = (await auditOf(c.h, 'request', req.reference)).filter((a) => a.action === 'claim');
    expect(claims).toHaveLength(1);
  });

  it('reject opens a modal in the centre’s languages; a bad submission shows errors, a good one rejects', async () => {
    const req = await createRequest(c.h);
    await c.command('UALUN', `claim ${req.reference}`);
    const click = await c.interact({
      type: 'block_actions',
      user: { id: 'UALUN' },
      trigger_id: 'trig-reject',
      response_url: `${c.slack.url}/response/reject`,
      actions: [{ type: 'button', action_id: 'reject', value: req.reference, action_ts: '3' }],
      team: { id: 'T1' },
    });
    expect(click.status).toBe(200);
    const opened = await c.slack.next((call) => call.method === 'views.open');
    expect(opened.body.trigger_id).toBe('trig-reject');
    const view = opened.body.view as { callback_id: string; blocks: { block_id?: string }[] };
    expect(view.callback_id).toBe('reject_modal');
    // A Welsh-only centre is asked for Welsh words only.
    expect(view.blocks.map((b) => b.block_id)).toEqual(expect.arrayContaining(['reason_code', 'reason_cy']));
    expect(view.blocks.map((b) => b.block_id)).not.toContain('reason_en');

    const submit = (values: Record<string, unknown>) =>
      c.interact({
        type: 'view_submission',
        user: { id: 'UALUN' },
        team: { id: 'T1' },
        view: { id: 'V1', callback_id: 'reject_modal', private_metadata: req.reference, state: { values } },
      });
    const empty = await submit({
      reason_code: { reason_code: { type: 'static_select', selected_option: null } },
    });
    expect(empty.json).toMatchObject({
      response_action: 'errors',
      errors: { reason_cy: expect.any(String) },
    });
    expect((await requestRow(c.h, req.reference))?.status).toBe('in_verification');
    const good = await submit({
      reason_cy: { reason_cy: { type: 'plain_text_input', value: 'Nid oedd y llythyr wedi’i lofnodi.' } },
    });
    expect(good.status).toBe(200);
    expect((await requestRow(c.h, req.reference))?.status).toBe('rejected');
  });

  it('approve and ask-for-information buttons act as the clicker, the latter through its modal', async () => {
    const req = await createRequest(c.h, { missing: ['letterhead'] });
    await c.command('UALUN', `claim ${req.reference}`);
    const click = (action: string, id: string) =>
      c.interact({
        type: 'block_actions',
        user: { id: 'UALUN' },
        trigger_id: `trig-${id}`,
        response_url: `${c.slack.url}/response/${id}`,
        actions: [{ type: 'button', action_id: action, value: req.reference, action_ts: id }],
        team: { id: 'T1' },
      });
    await click('approve', 'approve');
    const refused = await c.slack.next((call) => call.method === 'response/approve');
    expect(JSON.stringify(refused.body)).toContain('letterhead');

    await click('request_info', 'info');
    const opened = await c.slack.next(
      (call) => call.method === 'views.open' && call.body.trigger_id === 'trig-info',
    );
    expect((opened.body.view as { callback_id: string }).callback_id).toBe('request_info_modal');
    const sent = await c.interact({
      type: 'view_submission',
      user: { id: 'UALUN' },
      team: { id: 'T1' },
      view: {
        id: 'V2',
        callback_id: 'request_info_modal',
        private_metadata: req.reference,
        state: {
          values: {
            items: { items: { type: 'checkboxes', selected_options: [{ value: 'letterhead' }] } },
            notes_cy: { notes_cy: { type: 'plain_text_input', value: 'Mae sgan yn iawn.' } },
          },
        },
      },
    });
    expect(sent.status).toBe(200);
    expect(sent.text).toBe('');
    const asked = (await outboxRows(c.h)).find((m) => m.template === 'eo_change_request_info');
    expect(asked?.params).toMatchObject({ notes_cy: 'Mae sgan yn iawn.' });
  });

  it('App Home shows my claimed requests, and a retried event is handled once', async () => {
    const req = await createRequest(c.h);
    await c.command('UALUN', `claim ${req.reference}`);
    const event = {
      type: 'event_callback',
      event_id: 'Ev123',
      team_id: 'T1',
      api_app_id: 'A1',
      event: { type: 'app_home_opened', user: 'UALUN', tab: 'home', event_ts: '1' },
    };
    expect((await c.slackEvent(event)).status).toBe(200);
    const published = await c.slack.next((call) => call.method === 'views.publish');
    expect(JSON.stringify(published.body.view)).toContain(req.reference);
    expect((await c.slackEvent(event, 1)).status).toBe(200);
    expect(
      await c.h.ctx.db.select().from(chatSeenEvents).where(eq(chatSeenEvents.eventId, 'Ev123')),
    ).toHaveLength(1);
    expect(c.slack.of('views.publish')).toHaveLength(1);
    expect(await c.h.ctx.db.select({ id: requests.id }).from(requests)).toHaveLength(1);
  });
});
