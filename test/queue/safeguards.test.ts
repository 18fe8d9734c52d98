import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { templateFiles } from '../../src/mail/template-files.js';
import { renderMail } from '../../src/mail/templates.js';
import { authPass, ingestMail, pdfAttachment, welshBody } from '../intake/support/mail.js';
import { createHarness, type Harness } from '../support/harness.js';
import { createRequest } from '../support/requests.js';
import { auditOf, HOUR, outboxRows, readyRequest, secondSupport } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const letter = () => pdfAttachment(['Ysgol Gyfun Gŵyr', 'Heol Talbot, Tregŵyr'], 'llythyr.pdf');
const SENDER = 'Swyddfa Gŵyr <swyddfa@ysgolgwyr.cymru>';

/** A Welsh request read by intake, signed by the office manager: the signatory check fails on the evidence. */
async function officeManagerRequest() {
  const result = await ingestMail(h, {
    from: SENDER,
    subject: 'Newid Swyddog Arholiadau',
    messageId: '<cais-1@ysgolgwyr.cymru>',
    text: welshBody({ signed: 'Sharon Clarke, Rheolwr y Swyddfa' }),
    attachments: [await letter()],
    rawHeaders: [authPass],
  });
  const path = `/api/v1/requests/${result.reference}`;
  expect((await h.call('POST', `${path}/claim`, { token: h.tokens.support })).status).toBe(200);
  const check = await h.call('POST', `${path}/checks`, {
    token: h.tokens.support,
    body: { name: 'callback_registered_telephone', passed: true },
  });
  expect(check.status).toBe(201);
  return { reference: String(result.reference), path };
}

describe('the two-person rule holds against a correction by the claimer', () => {
  it('correcting the failed signatory does not let one person approve; a second person must', async () => {
    const req = await officeManagerRequest();
    const corrected = await h.call('PATCH', `${req.path}/fields`, {
      token: h.tokens.support,
      body: { signatory: 'Dr Eleri Morgan, Pennaeth' },
    });
    expect(corrected.status).toBe(200);
    // The values held now pass, but the evidence the centre sent did not.
    expect(corrected.json.automatic_checks.signatory_matches).toBe(true);
    expect(corrected.json).toMatchObject({
      second_approval_required: true,
      failed_checks: ['signatory_matches'],
    });
    expect(corrected.json.evidence).toEqual([
      expect.objectContaining({
        check: 'signatory_matches',
        failed_by: '<cais-1@ysgolgwyr.cymru>',
        open: true,
      }),
    ]);

    const alone = await h.call('POST', `${req.path}/approve?lang=cy`, { token: h.tokens.support });
    expect(alone.status).toBe(200);
    expect(alone.json.status).toBe('in_verification');
    expect(alone.json.notice).toMatchObject({
      code: 'second_approval_needed',
      message: expect.stringContaining(
        'rhaid i aelod arall o staff roi’r ail gymeradwyaeth'.replace('’', "'"),
      ),
    });
    expect(alone.json.approvals).toEqual({
      first: { id: expect.any(Number), name: expect.any(String), at: h.clock.now().toISOString() },
      second: null,
    });
    expect((await outboxRows(h)).filter((m) => m.template !== 'eo_change_received')).toEqual([]);

    const second = await secondSupport(h);
    h.clock.advance(5 * 60_000);
    const done = await h.call('POST', `${req.path}/approve`, { token: second });
    expect(done.json.status).toBe('approved');
    expect(done.json.approvals.first.at).not.toBe(done.json.approvals.second.at);
    expect(done.json.approvals.second).toMatchObject({ name: expect.stringContaining('Ail Swyddog') });
    const audit = await auditOf(h, 'request', req.reference);
    expect(audit.map((a) => a.action)).toEqual([
      'created',
      'claim',
      'check',
      'correct_fields',
      'first_approval',
      'approve',
    ]);
    expect(audit.at(-1)?.after).toMatchObject({
      approver_id: done.json.approvals.second.id,
      first_approval: { approver_id: done.json.approvals.first.id },
    });
  });

  it('a follow-up from the centre whose letter passes clears the failure, and the detail says which mail did', async () => {
    const req = await officeManagerRequest();
    h.clock.advance(HOUR);
    await ingestMail(h, {
      from: SENDER,
      subject: `Re: ${req.reference}`,
      messageId: '<cais-2@ysgolgwyr.cymru>',
      inReplyTo: '<cais-1@ysgolgwyr.cymru>',
      text: 'Llofnodwyd gan: Dr Eleri Morgan, Pennaeth',
      rawHeaders: [authPass],
    });
    const shown = await h.call('GET', req.path, { token: h.tokens.support });
    expect(shown.json).toMatchObject({ second_approval_required: false, failed_checks: [] });
    expect(shown.json.evidence).toEqual([
      expect.objectContaining({
        check: 'signatory_matches',
        failed_by: '<cais-1@ysgolgwyr.cymru>',
        cleared_by: '<cais-2@ysgolgwyr.cymru>',
        open: false,
      }),
    ]);
    // The follow-up changed the fields after the claim: the claimer's approval is the only one needed.
    const approved = await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    expect(approved.json.status).toBe('approved');
    expect(approved.json.approvals).toMatchObject({ first: { name: expect.any(String) }, second: null });
  });
});

describe('approvals say who and when', () => {
  it('a one-person approval names its approver and time in the detail, the timeline and the audit', async () => {
    const req = await readyRequest(h, h.tokens.support);
    const res = await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    expect(res.json.approvals).toEqual({
      first: { id: expect.any(Number), name: expect.any(String), at: h.clock.now().toISOString() },
      second: null,
    });
    expect(res.json.notice).toBeUndefined();
    const approved = res.json.timeline.find((e: { type: string }) => e.type === 'approved');
    expect(approved).toMatchObject({
      actor: expect.any(String),
      detail: { approver_id: res.json.approvals.first.id },
    });
    expect((await auditOf(h, 'request', req.reference)).at(-1)?.after).toMatchObject({
      approver_id: res.json.approvals.first.id,
      approved_at: h.clock.now().toISOString(),
    });
  });
});

describe('decisions reach the centre, not only whoever wrote', () => {
  it('a request from a personal address is flagged on arrival, and its confirmation goes to the centre on record', async () => {
    const result = await ingestMail(h, {
      from: 'Eleri <eleri.morgan.1970@gmail.com>',
      subject: 'Newid Swyddog Arholiadau',
      text: welshBody(),
      attachments: [await letter()],
      rawHeaders: [authPass],
    });
    const path = `/api/v1/requests/${result.reference}`;
    const shown = await h.call('GET', path, { token: h.tokens.support });
    expect(shown.json.flagged).toBe('sender_outside_centre_domains');
    expect(shown.json.failed_checks).toEqual(expect.arrayContaining(['sender_domain_known', 'flagged']));

    await h.call('POST', `${path}/claim`, { token: h.tokens.support });
    await h.call('POST', `${path}/checks`, {
      token: h.tokens.support,
      body: { name: 'callback_registered_telephone', passed: true },
    });
    await h.call('POST', `${path}/approve`, { token: h.tokens.support });
    const second = await secondSupport(h);
    expect((await h.call('POST', `${path}/approve`, { token: second })).json.status).toBe('approved');
    const confirmations = (await outboxRows(h)).filter((m) => m.template === 'eo_change_approved_centre');
    expect(confirmations.map((m) => m.toAddress).sort()).toEqual([
      'eleri.morgan.1970@gmail.com',
      'pennaeth@ysgolgwyr.cymru',
      'swyddfa@ysgolgwyr.cymru',
    ]);
    const old = (await outboxRows(h)).find((m) => m.template === 'eo_change_notice_old_eo');
    expect(old?.toAddress).toBe('arholiadau@ysgolgwyr.cymru');
  });
});

describe('reasons and notes in each language the centre’s mail is in', () => {
  it('a Welsh-only rejection takes Welsh words only, and never sends English', async () => {
    const req = await readyRequest(h, h.tokens.support);
    const english = await h.call('POST', `${req.path}/reject`, {
      token: h.tokens.support,
      body: { reason_cy: 'Nid oedd y llythyr wedi’i lofnodi.', reason_en: 'The letter was not signed.' },
    });
    expect(english.status).toBe(400);
    expect(english.json.error.details).toEqual([
      expect.objectContaining({ field: 'reason_en', code: 'not_in_mail_language' }),
    ]);
    const none = await h.call('POST', `${req.path}/reject?lang=cy`, { token: h.tokens.support, body: {} });
    expect(none.json.error.details).toEqual([
      expect.objectContaining({
        field: 'reason_cy',
        code: 'required_for_mail_language',
        message: expect.stringContaining('iaith'),
      }),
    ]);
    expect(await outboxRows(h)).toEqual([]);

    const ok = await h.call('POST', `${req.path}/reject`, {
      token: h.tokens.support,
      body: {
        reason_code: 'signatory_not_senior',
        notes_cy: 'Anfonwch lythyr newydd wedi’i lofnodi gan y Pennaeth.',
      },
    });
    expect(ok.status).toBe(200);
    const [mail] = await outboxRows(h);
    const text = renderMail(templateFiles(), 'eo_change_rejected', 'cy', mail?.params ?? {}).text;
    expect(text).toContain("Y rheswm: Nid oedd y llythyr wedi'i lofnodi gan Bennaeth y Ganolfan");
    expect(text).toContain('Anfonwch lythyr newydd');
    expect(text).not.toMatch(/\b(the|letter|signed)\b/i);
  });

  it('a bilingual rejection needs both languages, and each half carries its own', async () => {
    const req = await readyRequest(h, h.tokens.support, { centre: '66410' });
    const half = await h.call('POST', `${req.path}/reject`, {
      token: h.tokens.support,
      body: { reason_cy: 'Nid oedd y llythyr wedi’i lofnodi.' },
    });
    expect(half.status).toBe(400);
    expect(half.json.error.details).toEqual([expect.objectContaining({ field: 'reason_en' })]);
    const both = await h.call('POST', `${req.path}/reject`, {
      token: h.tokens.support,
      body: { reason_cy: 'Nid oedd y llythyr wedi’i lofnodi.', reason_en: 'The letter was not signed.' },
    });
    expect(both.status).toBe(200);
    const [mail] = await outboxRows(h);
    const text = renderMail(templateFiles(), 'eo_change_rejected', 'bilingual', mail?.params ?? {}).text;
    const [cy, en] = text.split('----------------------------------------');
    expect(cy).toContain('Y rheswm: Nid oedd y llythyr wedi’i lofnodi.');
    expect(cy).not.toContain('The letter');
    expect(en).toContain('The reason: The letter was not signed.');
  });

  it('request-info notes follow the same rule', async () => {
    const req = await createRequest(h, { missing: ['letterhead'] });
    const path = `/api/v1/requests/${req.reference}`;
    await h.call('POST', `${path}/claim`, { token: h.tokens.support });
    const english = await h.call('POST', `${path}/request-info`, {
      token: h.tokens.support,
      body: { notes_en: 'A scan is fine.' },
    });
    expect(english.status).toBe(400);
    const ok = await h.call('POST', `${path}/request-info`, {
      token: h.tokens.support,
      body: { notes_cy: 'Mae sgan yn iawn.' },
    });
    expect(ok.status).toBe(200);
    const [mail] = await outboxRows(h);
    const text = renderMail(templateFiles(), 'eo_change_request_info', 'cy', mail?.params ?? {}).text;
    expect(text).toContain('Mae sgan yn iawn.');
    expect(text).not.toMatch(/\n{3,}/);
  });
});

describe('checks and references as people give them', () => {
  it('a check name outside the list is a 400 naming the allowed names, and records nothing', async () => {
    const req = await createRequest(h);
    const path = `/api/v1/requests/${req.reference}`;
    await h.call('POST', `${path}/claim`, { token: h.tokens.support });
    const res = await h.call('POST', `${path}/checks`, {
      token: h.tokens.support,
      body: { name: 'callback', passed: true },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0]).toMatchObject({
      field: 'name',
      message: expect.stringContaining('callback_registered_telephone'),
    });
    expect((await h.call('GET', path, { token: h.tokens.support })).json.manual_checks).toEqual([]);
    const doc = await h.call('GET', '/api/v1/openapi.json');
    expect(JSON.stringify(doc.json.components.schemas.ManualCheck)).toContain('letterhead_inspected');
  });

  it('references are found in any case, with stray spaces, or read aloud with spaces', async () => {
    const req = await createRequest(h);
    const [, year, number] = req.reference.split('-');
    for (const typed of [req.reference.toLowerCase(), ` ${req.reference} `, `eo ${year} ${Number(number)}`]) {
      const res = await h.call('GET', `/api/v1/requests/${encodeURIComponent(typed)}`, {
        token: h.tokens.support,
      });
      expect(res.status, typed).toBe(200);
      expect(res.json.reference).toBe(req.reference);
    }
    const claimed = await h.call('POST', `/api/v1/requests/${req.reference.toLowerCase()}/claim`, {
      token: h.tokens.support,
    });
    expect(claimed.json.assignee).not.toBeNull();
  });
});

describe('what approval changes on the centre', () => {
  it('without a telephone for the new EO, the old one is cleared and the new EO is asked to add theirs', async () => {
    const req = await readyRequest(h, h.tokens.support);
    await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    const centre = await h.call('GET', '/api/v1/centres/68123', { token: h.tokens.support });
    expect(centre.json).toMatchObject({ eo_telephone: '', to_complete: ['eo_telephone'] });
    const invite = (await outboxRows(h)).find((m) => m.template === 'eo_change_invite_new_eo');
    const text = renderMail(templateFiles(), 'eo_change_invite_new_eo', 'cy', invite?.params ?? {}).text;
    expect(text).toContain('ychwanegwch eich rhif ffôn');
  });

  it('a telephone given with the request becomes the centre’s EO telephone', async () => {
    const req = await readyRequest(h, h.tokens.support);
    const patched = await h.call('PATCH', `${req.path}/fields`, {
      token: h.tokens.support,
      body: { new_eo_telephone: '01792 555 123' },
    });
    expect(patched.status).toBe(200);
    await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    const centre = await h.call('GET', '/api/v1/centres/68123', { token: h.tokens.support });
    expect(centre.json).toMatchObject({ eo_telephone: '01792 555123', to_complete: [] });
    const invite = (await outboxRows(h)).find((m) => m.template === 'eo_change_invite_new_eo');
    expect(
      renderMail(templateFiles(), 'eo_change_invite_new_eo', 'cy', invite?.params ?? {}).text,
    ).not.toContain('rhif ffôn');
  });
});

describe('a follow-up that completes a request is acknowledged', () => {
  it('once, on the once-a-day terms, and never to automatic mail', async () => {
    const first = await ingestMail(h, {
      from: SENDER,
      subject: 'Newid Swyddog Arholiadau',
      messageId: '<anghyflawn-1@ysgolgwyr.cymru>',
      text: welshBody(),
      rawHeaders: [authPass],
    });
    expect(first.status).toBe('incomplete');
    expect(first.reply).not.toBeNull();
    h.clock.advance(25 * HOUR);
    const second = await ingestMail(h, {
      from: SENDER,
      subject: `Re: ${first.reference}`,
      inReplyTo: '<anghyflawn-1@ysgolgwyr.cymru>',
      text: 'Dyma’r llythyr.',
      attachments: [await letter()],
      rawHeaders: [authPass],
    });
    expect(second.status).toBe('awaiting_verification');
    const replies = (await outboxRows(h)).map((m) => m.template);
    expect(replies).toEqual(['eo_change_incomplete', 'eo_change_completed']);
    const done = (await outboxRows(h)).at(-1);
    const text = renderMail(templateFiles(), 'eo_change_completed', 'cy', done?.params ?? {}).text;
    expect(text).toContain('yn gyflawn');
    expect(text).toContain(String(first.reference));
  });
});
