import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateFiles } from '../../src/mail/template-files.js';
import { renderMail } from '../../src/mail/templates.js';
import { createHarness, type Harness } from '../support/harness.js';
import { createRequest, requestRow } from '../support/requests.js';
import { auditOf, outboxRows, readyRequest } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

async function claimed(seed: Parameters<typeof createRequest>[1] = {}) {
  const req = await createRequest(h, seed);
  const path = `/api/v1/requests/${req.reference}`;
  await h.call('POST', `${path}/claim`, { token: h.tokens.support });
  return { ...req, path };
}

describe('POST /api/v1/requests/:ref/reject', () => {
  it('rejects with the reason, tells the centre in Welsh in the same thread, and decides once', async () => {
    const req = await claimed();
    const res = await h.call('POST', `${req.path}/reject`, {
      token: h.tokens.support,
      body: { reason_cy: 'Nid yw’r llythyr wedi’i lofnodi.' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: 'rejected',
      decision_reason: 'Nid yw’r llythyr wedi’i lofnodi.',
    });
    const mail = await outboxRows(h);
    // The sender (the Head), the centre's EO and its general address all hear, each in Welsh, in the thread.
    expect(mail.map((m) => m.toAddress).sort()).toEqual([
      'arholiadau@ysgolgwyr.cymru',
      'pennaeth@ysgolgwyr.cymru',
      'swyddfa@ysgolgwyr.cymru',
    ]);
    for (const m of mail)
      expect(m).toMatchObject({
        template: 'eo_change_rejected',
        language: 'cy',
        headers: { 'In-Reply-To': req.messageId, References: req.messageId },
      });
    const text = renderMail(templateFiles(), 'eo_change_rejected', 'cy', mail[0]?.params ?? {}).text;
    expect(text).toContain('Y rheswm: Nid yw’r llythyr wedi’i lofnodi.');

    const again = await h.call('POST', `${req.path}/reject`, {
      token: h.tokens.support,
      body: { reason_cy: 'x' },
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('request_closed');
    expect(await outboxRows(h)).toHaveLength(3);
    expect((await auditOf(h, 'request', req.reference)).at(-1)).toMatchObject({
      action: 'reject',
      after: { status: 'rejected', reason_cy: 'Nid yw’r llythyr wedi’i lofnodi.' },
    });
  });

  it('needs a reason, and the claim', async () => {
    const req = await claimed({ centre: '66410' });
    const empty = await h.call('POST', `${req.path}/reject`, {
      token: h.tokens.support,
      body: { reason_cy: ' ', reason_en: ' ' },
    });
    expect(empty.status).toBe(400);
    const other = await h.call('POST', `${req.path}/reject`, {
      token: h.tokens.admin,
      body: { reason_code: 'not_on_letterhead' },
    });
    expect(other.json.error.code).toBe('request_claimed');
    const ok = await h.call('POST', `${req.path}/reject`, {
      token: h.tokens.support,
      body: { reason_code: 'not_on_letterhead' },
    });
    expect(ok.status).toBe(200);
    expect((await outboxRows(h)).find((m) => m.toAddress === 'head@stteilos-demo.org.uk')).toMatchObject({
      language: 'bilingual',
    });
  });
});

describe('POST /api/v1/requests/:ref/request-info', () => {
  it('asks for what is missing, in Welsh for a Welsh centre, listing each item', async () => {
    const req = await claimed({ missing: ['new_eo_email', 'letterhead'] });
    const res = await h.call('POST', `${req.path}/request-info`, { token: h.tokens.support, body: {} });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('in_verification');
    expect(res.json.timeline.at(-1)).toMatchObject({ type: 'info_requested' });
    const [mail] = await outboxRows(h);
    expect(mail).toMatchObject({
      template: 'eo_change_request_info',
      language: 'cy',
      toAddress: 'pennaeth@ysgolgwyr.cymru',
    });
    expect(mail?.headers['In-Reply-To']).toBe(req.messageId);
    const rendered = renderMail(templateFiles(), 'eo_change_request_info', 'cy', mail?.params ?? {});
    expect(rendered.subject).toContain(req.reference);
    expect(rendered.text).toContain(
      "- Cyfeiriad e-bost y Swyddog Arholiadau newydd\n- Y cais ar bapur â phennyn y ganolfan, wedi'i lofnodi",
    );
  });

  it('an English centre gets both languages, Welsh first, with the items staff chose', async () => {
    const req = await claimed({ centre: '66410' });
    const none = await h.call('POST', `${req.path}/request-info`, { token: h.tokens.support, body: {} });
    expect(none.status).toBe(400);
    const res = await h.call('POST', `${req.path}/request-info`, {
      token: h.tokens.support,
      body: { items: ['signatory'] },
    });
    expect(res.status).toBe(200);
    const [mail] = await outboxRows(h);
    expect(mail?.language).toBe('bilingual');
    const rendered = renderMail(templateFiles(), 'eo_change_request_info', 'bilingual', mail?.params ?? {});
    expect(rendered.text.indexOf('Enw a rôl y sawl')).toBeLessThan(
      rendered.text.indexOf('Name and role of the person'),
    );
  });
});

describe('PATCH /api/v1/requests/:ref/fields', () => {
  it('records a staff correction with history, re-checks, and fills in what was missing', async () => {
    const req = await claimed({ fields: { new_eo_email: 'not-an-email' }, missing: ['new_eo_email'] });
    const res = await h.call('PATCH', `${req.path}/fields`, {
      token: h.tokens.support,
      body: { new_eo_email: 'joanne.price@ysgolgwyr.cymru', new_eo_name: 'Joanne Price' },
    });
    expect(res.status).toBe(200);
    expect(res.json.missing).toEqual([]);
    expect(res.json.automatic_checks).toMatchObject({ new_email_unused: true, centre_name_matches: true });
    const email = res.json.fields.find((f: { name: string }) => f.name === 'new_eo_email');
    expect(email).toMatchObject({ value: 'joanne.price@ysgolgwyr.cymru', source: 'staff' });
    expect(email.history).toEqual([
      expect.objectContaining({ value: 'not-an-email', source: 'body_line', current: false, by: null }),
      expect.objectContaining({
        value: 'joanne.price@ysgolgwyr.cymru',
        source: 'staff',
        current: true,
        by: 'cefnogi@cymorth.localhost',
      }),
    ]);
    expect((await auditOf(h, 'request', req.reference)).at(-1)).toMatchObject({
      action: 'correct_fields',
      before: { new_eo_email: 'not-an-email' },
    });
    // Now complete, it can be approved once the call-back is made.
    await h.call('POST', `${req.path}/checks`, {
      token: h.tokens.support,
      body: { name: 'callback_registered_telephone', passed: true },
    });
    expect((await h.call('POST', `${req.path}/approve`, { token: h.tokens.support })).json.status).toBe(
      'approved',
    );
  });

  it('an email already in use elsewhere fails the check; an unknown centre number is refused', async () => {
    const req = await claimed();
    const used = await h.call('PATCH', `${req.path}/fields`, {
      token: h.tokens.support,
      body: { new_eo_email: 'exams@colegdemo.ac.uk' },
    });
    expect(used.json.automatic_checks.new_email_unused).toBe(false);
    expect(used.json.second_approval_required).toBe(true);
    const unknown = await h.call('PATCH', `${req.path}/fields`, {
      token: h.tokens.support,
      body: { centre_number: '99999' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('centre_not_found');
    const bad = await h.call('PATCH', `${req.path}/fields`, {
      token: h.tokens.support,
      body: { centre_number: '12' },
    });
    expect(bad.status).toBe(400);
    const empty = await h.call('PATCH', `${req.path}/fields`, { token: h.tokens.support, body: {} });
    expect(empty.status).toBe(400);
  });

  it('a correction after a first approval withdraws it', async () => {
    const req = await readyRequest(h, h.tokens.support, { checks: { signatory_matches: false } });
    await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    const res = await h.call('PATCH', `${req.path}/fields`, {
      token: h.tokens.support,
      body: { new_eo_name: 'Joanne Price' },
    });
    expect(res.json.approvals.first).toBeNull();
  });
});

describe('POST /api/v1/requests/:ref/checks', () => {
  it('records the call-back with the registered number it was made to', async () => {
    const req = await claimed();
    const res = await h.call('POST', `${req.path}/checks`, {
      token: h.tokens.support,
      body: { name: 'callback_registered_telephone', passed: true, note: 'Siaradais â’r swyddfa.' },
    });
    expect(res.status).toBe(201);
    expect(res.json.callback).toEqual({ telephone: '029 2018 0101', passed: true });
    expect(res.json.manual_checks).toEqual([
      expect.objectContaining({
        name: 'callback_registered_telephone',
        passed: true,
        note: 'Siaradais â’r swyddfa. | tel 029 2018 0101',
      }),
    ]);
    const unclaimed = await createRequest(h);
    const refused = await h.call('POST', `/api/v1/requests/${unclaimed.reference}/checks`, {
      token: h.tokens.support,
      body: { name: 'callback_registered_telephone', passed: true },
    });
    expect(refused.json.error.code).toBe('not_claimed');
    expect((await requestRow(h, unclaimed.reference))?.status).toBe('awaiting_verification');
  });
});
