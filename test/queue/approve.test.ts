import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestFields } from '../../src/db/schema/index.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { renderMail } from '../../src/mail/templates.js';
import { createHarness, type Harness } from '../support/harness.js';
import { createRequest, requestRow } from '../support/requests.js';
import { accountByEmail, auditOf, outboxRows, readyRequest, secondSupport } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('POST /api/v1/requests/:ref/approve', () => {
  it('hands a Welsh centre’s EO account to the new person, in Welsh, in one change', async () => {
    const req = await readyRequest(h, h.tokens.support, {
      fields: { new_eo_name: 'Mrs Joanne Price', new_eo_email: 'joanne.price@ysgolgwyr.cymru' },
    });
    const before = await h.call('GET', '/api/v1/me', { token: h.tokens.eoCy });
    expect(before.status).toBe(200);

    const res = await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'approved', approvals: { second: null } });

    // The old EO's token no longer works and the account now belongs to the new person.
    expect((await h.call('GET', '/api/v1/me', { token: h.tokens.eoCy })).status).toBe(401);
    const eo = await accountByEmail(h, 'joanne.price@ysgolgwyr.cymru');
    expect(eo).toMatchObject({
      accountType: 'eo',
      firstName: 'Mrs Joanne',
      lastName: 'Price',
      language: 'cy',
    });
    expect(eo?.resetRequiredAt).not.toBeNull();
    expect(await accountByEmail(h, 'arholiadau@ysgolgwyr.cymru')).toBeUndefined();

    const centre = await h.call('GET', '/api/v1/centres/68123', { token: h.tokens.support });
    expect(centre.json).toMatchObject({
      eo_name: 'Mrs Joanne Price',
      eo_email: 'joanne.price@ysgolgwyr.cymru',
    });

    const mail = await outboxRows(h);
    const byTemplate = Object.fromEntries(mail.map((m) => [m.template, m]));
    expect(Object.keys(byTemplate).sort()).toEqual([
      'eo_change_approved_centre',
      'eo_change_invite_new_eo',
      'eo_change_notice_old_eo',
    ]);
    expect(byTemplate.eo_change_invite_new_eo).toMatchObject({
      toAddress: 'joanne.price@ysgolgwyr.cymru',
      language: 'cy',
    });
    expect(byTemplate.eo_change_notice_old_eo).toMatchObject({
      toAddress: 'arholiadau@ysgolgwyr.cymru',
      language: 'cy',
    });
    // The confirmation goes to whoever wrote and to the centre's addresses on record; the old EO has their own notice.
    const confirmations = mail.filter((m) => m.template === 'eo_change_approved_centre');
    expect(confirmations.map((m) => [m.toAddress, m.language]).sort()).toEqual([
      ['pennaeth@ysgolgwyr.cymru', 'cy'],
      ['swyddfa@ysgolgwyr.cymru', 'cy'],
    ]);
    expect(byTemplate.eo_change_approved_centre?.headers).toMatchObject({ 'In-Reply-To': req.messageId });

    // The invite works: the new EO accepts it and signs in.
    const invite = byTemplate.eo_change_invite_new_eo;
    const link = String(invite?.params.link);
    const rendered = renderMail(templateFiles(), 'eo_change_invite_new_eo', 'cy', invite?.params ?? {});
    expect(rendered.subject).toBe('Gwahoddiad: chi yw Swyddog Arholiadau newydd Ysgol Gyfun Gŵyr');
    expect(rendered.text).toContain(link);
    const accepted = await h.call('POST', `/api/v1/invites/${link.split('/').at(-1)}/accept`);
    expect(accepted.status).toBe(200);

    const requestAudit = await auditOf(h, 'request', req.reference);
    expect(requestAudit.map((a) => a.action)).toEqual(['claim', 'check', 'approve']);
    const centreAudit = await auditOf(h, 'centre', '68123');
    expect(centreAudit.at(-1)).toMatchObject({
      action: 'update',
      before: { eoEmail: 'arholiadau@ysgolgwyr.cymru' },
      after: { eoEmail: 'joanne.price@ysgolgwyr.cymru' },
    });
  });

  it('writes to an English centre in both languages, Welsh first', async () => {
    const req = await readyRequest(h, h.tokens.support, { centre: '66410' });
    expect((await h.call('POST', `${req.path}/approve`, { token: h.tokens.support })).status).toBe(200);
    const mail = await outboxRows(h);
    expect(new Set(mail.map((m) => m.language))).toEqual(new Set(['bilingual']));
    const reply = mail.find((m) => m.template === 'eo_change_approved_centre');
    const rendered = renderMail(
      templateFiles(),
      'eo_change_approved_centre',
      'bilingual',
      reply?.params ?? {},
    );
    expect(rendered.subject).toMatch(/^Cymeradwywyd: .* \/ Approved: /);
  });

  it('refuses anyone who has not claimed the request, and a request nobody claimed', async () => {
    const req = await createRequest(h);
    const path = `/api/v1/requests/${req.reference}`;
    const unclaimed = await h.call('POST', `${path}/approve`, { token: h.tokens.support });
    expect(unclaimed.status).toBe(409);
    expect(unclaimed.json.error.code).toBe('not_claimed');

    await h.call('POST', `${path}/claim`, { token: h.tokens.support });
    const other = await h.call('POST', `${path}/approve`, { token: h.tokens.admin });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('request_claimed');
    expect((await requestRow(h, req.reference))?.status).toBe('in_verification');
    expect(await outboxRows(h)).toEqual([]);
  });

  it('needs the call-back to the registered telephone, and every field', async () => {
    const req = await createRequest(h);
    const path = `/api/v1/requests/${req.reference}`;
    await h.call('POST', `${path}/claim`, { token: h.tokens.support });
    const noCall = await h.call('POST', `${path}/approve?lang=cy`, { token: h.tokens.support });
    expect(noCall.status).toBe(409);
    expect(noCall.json.error).toMatchObject({
      code: 'callback_required',
      message: expect.stringContaining('ffoniwch'),
    });

    await h.call('POST', `${path}/checks`, {
      token: h.tokens.support,
      body: { name: 'callback_registered_telephone', passed: false, note: 'No answer' },
    });
    expect((await h.call('POST', `${path}/approve`, { token: h.tokens.support })).json.error.code).toBe(
      'callback_required',
    );

    const incomplete = await readyRequest(h, h.tokens.support, { missing: ['new_eo_email', 'letterhead'] });
    const res = await h.call('POST', `${incomplete.path}/approve`, { token: h.tokens.support });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('request_incomplete');
    expect(res.json.error.details.map((d: { field: string }) => d.field)).toEqual([
      'new_eo_email',
      'letterhead',
    ]);
  });
});

describe('two-person rule', () => {
  it('a failed automatic check needs the claimer and then a different member of staff', async () => {
    const second = await secondSupport(h);
    const req = await readyRequest(h, h.tokens.support, {
      checks: { sender_domain_known: false, authentication: 'fail' },
    });
    const shown = await h.call('GET', req.path, { token: h.tokens.support });
    expect(shown.json).toMatchObject({
      second_approval_required: true,
      failed_checks: ['sender_domain_known', 'authentication'],
    });

    // A second approver cannot go first: the claimer approves first.
    const early = await h.call('POST', `${req.path}/approve`, { token: second });
    expect(early.json.error.code).toBe('request_claimed');

    const first = await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      status: 'in_verification',
      approvals: { first: { name: expect.any(String) } },
    });
    expect(await outboxRows(h)).toEqual([]);
    expect((await h.call('GET', '/api/v1/me', { token: h.tokens.eoCy })).status).toBe(200);

    const again = await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('same_approver');

    const final = await h.call('POST', `${req.path}/approve`, { token: second });
    expect(final.status).toBe(200);
    expect(final.json.status).toBe('approved');
    expect(final.json.approvals.second.name).toContain('Ail Swyddog');
    const row = await requestRow(h, req.reference);
    expect(row?.secondApproverId).not.toBeNull();
    expect((await outboxRows(h)).length).toBe(4);

    const twice = await h.call('POST', `${req.path}/approve`, { token: second });
    expect(twice.json.error.code).toBe('request_closed');
    expect((await outboxRows(h)).length).toBe(4);
  });

  it('authentication "none" (no trusted header) also needs a second approver', async () => {
    const req = await readyRequest(h, h.tokens.support, { checks: { authentication: 'none' } });
    const first = await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    expect(first.json).toMatchObject({ status: 'in_verification', failed_checks: ['authentication'] });
  });

  it('a follow-up that changes a field after the first approval needs the claimer to approve again', async () => {
    const second = await secondSupport(h);
    const req = await readyRequest(h, h.tokens.support, { checks: { sender_domain_known: false } });
    await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    h.clock.advance(60_000);
    // As intake writes a joined follow-up's newer value.
    await h.ctx.db.insert(requestFields).values({
      requestId: req.id,
      name: 'new_eo_name',
      value: 'Joanne M. Price',
      source: 'body_line',
      createdAt: h.clock.now(),
    });
    const stale = await h.call('POST', `${req.path}/approve`, { token: second });
    expect(stale.json.error.code).toBe('request_claimed');
    expect((await h.call('POST', `${req.path}/approve`, { token: h.tokens.support })).status).toBe(200);
    expect((await h.call('POST', `${req.path}/approve`, { token: second })).json.status).toBe('approved');
  });

  it('a request intake flagged needs a second approver even when every check passed', async () => {
    const req = await readyRequest(h, h.tokens.support, {
      flagged: 'reference_quoted_by_stranger:EO-2026-00001',
    });
    const first = await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    expect(first.json).toMatchObject({ status: 'in_verification', failed_checks: ['flagged'] });
  });

  it('releasing the request withdraws the first approval', async () => {
    const second = await secondSupport(h);
    const req = await readyRequest(h, h.tokens.support, { checks: { letterhead: false } });
    await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    await h.call('POST', `${req.path}/release`, { token: h.tokens.support });
    const res = await h.call('POST', `${req.path}/approve`, { token: second });
    expect(res.json.error.code).toBe('not_claimed');
    expect((await h.call('GET', req.path, { token: second })).json.approvals.first).toBeNull();
  });
});

describe('atomicity', () => {
  it('an approval that fails midway changes nothing: the new email already has an account', async () => {
    const req = await readyRequest(h, h.tokens.support, {
      fields: { new_eo_email: 'Exams@ColegDemo.ac.uk' },
    });
    const res = await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('email_in_use');
    expect((await requestRow(h, req.reference))?.status).toBe('in_verification');
    expect(await outboxRows(h)).toEqual([]);
    expect((await h.call('GET', '/api/v1/me', { token: h.tokens.eoCy })).status).toBe(200);
    const centre = await h.call('GET', '/api/v1/centres/68123', { token: h.tokens.support });
    expect(centre.json.eo_email).toBe('arholiadau@ysgolgwyr.cymru');
  });

  it('a double click approves once: the second, concurrent call sends nothing more', async () => {
    const req = await readyRequest(h, h.tokens.support);
    const [a, b] = await Promise.all([
      h.call('POST', `${req.path}/approve`, { token: h.tokens.support }),
      h.call('POST', `${req.path}/approve`, { token: h.tokens.support }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await outboxRows(h)).length).toBe(4);
    expect((await auditOf(h, 'request', req.reference)).filter((x) => x.action === 'approve')).toHaveLength(
      1,
    );
  });

  it('a follow-up that lands while the approval is being written stops it: 409, nothing changed', async () => {
    const req = await readyRequest(h, h.tokens.support);
    const tick = h.clock.now;
    let landed = false;
    let readings = 0;
    // Intake joins a follow-up with a new email just as the approval takes the time for its batch
    // (the request's first reading of the clock is authentication's, for its principal cache).
    h.clock.now = () => {
      readings++;
      if (!landed && readings === 2) {
        landed = true;
        void h.ctx.db
          .insert(requestFields)
          .values({
            requestId: req.id,
            name: 'new_eo_email',
            value: 'other@ysgolgwyr.cymru',
            source: 'body_line',
            createdAt: tick(),
          })
          .then(() => undefined);
      }
      return tick();
    };
    const res = await h.call('POST', `${req.path}/approve`, { token: h.tokens.support });
    h.clock.now = tick;
    expect(landed).toBe(true);
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('request_changed');
    expect((await requestRow(h, req.reference))?.status).toBe('in_verification');
    expect(await outboxRows(h)).toEqual([]);
    expect((await h.call('GET', '/api/v1/me', { token: h.tokens.eoCy })).status).toBe(200);
  });
});
