import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts, auditLog, centres, outbox } from '../../src/db/schema/index.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { renderMail } from '../../src/mail/templates.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const patch = (body: unknown, opts: { token?: string; lang?: 'en' | 'cy'; number?: string } = {}) =>
  h.call('PATCH', `/api/v1/centres/${opts.number ?? '68123'}?lang=${opts.lang ?? 'en'}`, {
    token: opts.token ?? h.tokens.support,
    body,
  });
const centreRow = (number = '68123') =>
  h.ctx.db.select().from(centres).where(eq(centres.number, number)).get();

/** Each field's bad value, the detail code, and the message in English and in Welsh. */
const BAD_FIELDS: [string, unknown, string, string, string][] = [
  [
    'general_email',
    'swyddfa-at-ysgol',
    'email',
    'Must be a valid email address.',
    'Rhaid iddo fod yn gyfeiriad e-bost dilys.',
  ],
  [
    'post_results_email',
    'a@b',
    'email',
    'Must be a valid email address.',
    'Rhaid iddo fod yn gyfeiriad e-bost dilys.',
  ],
  ['head_email', '', 'email', 'Must be a valid email address.', 'Rhaid iddo fod yn gyfeiriad e-bost dilys.'],
  [
    'eo_email',
    'arholiadau@',
    'email',
    'Must be a valid email address.',
    'Rhaid iddo fod yn gyfeiriad e-bost dilys.',
  ],
  ['ukprn', '1000123', 'ukprn', 'A UKPRN is 8 digits.', 'Mae UKPRN yn 8 digid.'],
  ['ukprn', '1000123X', 'ukprn', 'A UKPRN is 8 digits.', 'Mae UKPRN yn 8 digid.'],
  ['urn', '4012345', 'urn', 'A URN is 6 digits.', 'Mae URN yn 6 digid.'],
  ['language', 'fr', 'one_of', 'Must be one of: en, cy.', "Rhaid iddo fod yn un o'r rhain: en, cy."],
  [
    'telephone',
    '+33 1 42 68 53 00',
    'telephone',
    'Must be a UK telephone number, for example 029 2026 5000.',
    'Rhaid iddo fod yn rhif ffôn yn y Deyrnas Unedig, er enghraifft 029 2026 5000.',
  ],
  [
    'eo_telephone',
    '12345',
    'telephone',
    'Must be a UK telephone number, for example 029 2026 5000.',
    'Rhaid iddo fod yn rhif ffôn yn y Deyrnas Unedig, er enghraifft 029 2026 5000.',
  ],
  ['name', '   ', 'too_short', 'Must be at least 1 character long.', 'Rhaid iddo fod o leiaf un nod o hyd.'],
  [
    'address',
    'x'.repeat(501),
    'too_long',
    'Must be at most 500 characters long.',
    'Ni chaiff fod yn hwy na 500 nod.',
  ],
  [
    'head_name',
    42,
    'invalid_type',
    'This value has the wrong type: expected text.',
    'Mae math y gwerth hwn yn anghywir: disgwylid testun.',
  ],
  ['colour', 'coch', 'unrecognized_key', 'This field is not recognised.', "Nid yw'r maes hwn yn hysbys."],
  ['number', '68124', 'read_only', 'This field cannot be changed.', 'Ni ellir newid y maes hwn.'],
];

describe('PATCH /api/v1/centres/:number: validation', () => {
  for (const [field, value, code, en, cy] of BAD_FIELDS) {
    it(`refuses ${field}=${JSON.stringify(value).slice(0, 30)} (${code}) in English and Welsh`, async () => {
      for (const [lang, message] of [
        ['en', en],
        ['cy', cy],
      ] as const) {
        const res = await patch({ [field]: value }, { lang });
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe('validation_failed');
        expect(res.json.error.details).toEqual([
          {
            field,
            code,
            message,
            ...(['invalid_type', 'one_of', 'too_short', 'too_long'].includes(code)
              ? { params: expect.any(Object) }
              : {}),
          },
        ]);
      }
    });
  }

  it('names every bad field at once and changes nothing', async () => {
    const before = await centreRow();
    const res = await patch({
      telephone: '029 2018 0199',
      ukprn: '123',
      urn: 'abcdef',
      general_email: 'nope',
      extra: true,
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { field: string }) => d.field).sort()).toEqual(
      ['extra', 'general_email', 'ukprn', 'urn'].sort(),
    );
    expect(await centreRow()).toEqual(before);
  });

  it('refuses an empty change', async () => {
    const res = await patch({});
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([expect.objectContaining({ code: 'empty_patch' })]);
  });

  it('stores telephone numbers in national format and accepts valid values', async () => {
    const res = await patch({
      telephone: '+44 29 2018 0199',
      ukprn: '10009999',
      urn: '409999',
      language: 'en',
      general_email: ' Swyddfa.Newydd@ysgolgwyr.cymru ',
      post_results_email: 'canlyniadau@ysgolgwyr.cymru',
      name: 'Ysgol Gyfun Gŵyr (Tregŵyr)',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      number: '68123',
      telephone: '029 2018 0199',
      ukprn: '10009999',
      urn: '409999',
      language: 'en',
      general_email: 'Swyddfa.Newydd@ysgolgwyr.cymru',
      post_results_email_effective: 'canlyniadau@ysgolgwyr.cymru',
    });
    expect((await centreRow())?.telephone).toBe('029 2018 0199');
    const found = await h.call('GET', '/api/v1/centres?q=tregwyr', { token: h.tokens.support });
    expect(found.json.data.map((c: { number: string }) => c.number)).toEqual(['68123']);
  });

  it('clears optional addresses with null, so the EO address takes over', async () => {
    const res = await patch({ general_email: null, ukprn: null });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      general_email: null,
      general_email_effective: 'arholiadau@ysgolgwyr.cymru',
      ukprn: null,
    });
  });

  it('applies nothing when the database refuses part of the change (EO email used elsewhere)', async () => {
    const before = await centreRow();
    const res = await patch({ telephone: '029 2018 0199', eo_email: 'J.Price@stteilos-demo.org.uk' });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('email_in_use');
    expect(await centreRow()).toEqual(before);
    const audits = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'update'));
    expect(audits).toEqual([]);
  });
});

describe('PATCH /api/v1/centres/:number: audit', () => {
  it('records who changed what, with before and after, newest first', async () => {
    await patch({ telephone: '029 2018 0199' });
    await patch({ ukprn: '10009999', general_email: null }, { token: h.tokens.eoCy });
    const res = await h.call('GET', '/api/v1/centres/68123/audit?per_page=2', { token: h.tokens.eoCy });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ page: 1, per_page: 2 });
    expect(res.json.total).toBeGreaterThanOrEqual(3);
    const [latest, earlier] = res.json.data;
    expect(latest).toMatchObject({
      at: '2026-11-23T09:00:00.000Z',
      actor: 'Gwenllian Rhys <arholiadau@ysgolgwyr.cymru>',
      entity: 'centre',
      entity_id: '68123',
      action: 'update',
      before: { ukprn: '10001234', general_email: 'swyddfa@ysgolgwyr.cymru' },
      after: { ukprn: '10009999', general_email: null },
    });
    expect(earlier).toMatchObject({
      actor: 'Alun Support <cefnogi@cymorth.localhost>',
      action: 'update',
      before: { telephone: '029 2018 0101' },
      after: { telephone: '029 2018 0199' },
    });
  });

  it('shows a centre only its own audit trail', async () => {
    await patch({ telephone: '029 2018 0199' });
    const other = await h.call('GET', '/api/v1/centres/66410/audit', { token: h.tokens.eoEn });
    expect(other.status).toBe(200);
    expect(other.json.data.every((e: { entity_id: string }) => e.entity_id !== '68123')).toBe(true);
  });
});

describe('PATCH /api/v1/centres/:number: changing the EO email', () => {
  const NEW = 'swyddog.newydd@ysgolgwyr.cymru';

  it('moves the EO login, ends its tokens, and mails a reset link in Welsh to the new address', async () => {
    const oldEo = await h.call('GET', '/api/v1/me', { token: h.tokens.eoCy });
    expect(oldEo.json.email).toBe('arholiadau@ysgolgwyr.cymru');

    const res = await patch({ eo_email: NEW, eo_name: 'Rhian Lewis' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      eo_email: NEW,
      eo_name: 'Rhian Lewis',
      post_results_email_effective: NEW,
    });

    const stale = await h.call('GET', '/api/v1/me', { token: h.tokens.eoCy });
    expect(stale.status).toBe(401);

    const eo = await h.ctx.db.select().from(accounts).where(eq(accounts.id, oldEo.json.id)).get();
    expect(eo).toMatchObject({
      email: NEW,
      emailKey: NEW,
      firstName: 'Rhian',
      lastName: 'Lewis',
      accountType: 'eo',
    });

    const mail = await h.ctx.db.select().from(outbox);
    expect(mail.map((m) => m.template).sort()).toEqual(['eo_reset', 'login_changed_old']);
    // The address the login left is told what changed, when, by whom, and whom to ask.
    const left = mail.find((m) => m.template === 'login_changed_old');
    expect(left).toMatchObject({
      toAddress: 'arholiadau@ysgolgwyr.cymru',
      language: 'cy',
      params: { old_email: 'arholiadau@ysgolgwyr.cymru', new_email: NEW, centre_number: '68123' },
    });
    const told = renderMail(templateFiles(), 'login_changed_old', 'cy', left?.params ?? {}).text;
    expect(told).toContain(`i ${NEW}`);
    expect(told).toMatch(/Ar \d+ \w+ 20\d\d am \d\d:\d\d, newidiodd /);
    expect(told).toContain('cysylltwch â Swyddog Arholiadau eich canolfan neu â Thîm Cymorth y Canolfannau');
    expect(mail.find((m) => m.template === 'eo_reset')).toMatchObject({
      toAddress: NEW,
      language: 'cy',
      template: 'eo_reset',
      status: 'pending',
      params: { centre_number: '68123', email: NEW, eo_name: 'Rhian Lewis' },
    });
    const link = String(mail.find((m) => m.template === 'eo_reset')?.params.link);
    expect(link).toMatch(/^https:\/\/cymorth\.test\/invites\/cym_/);

    // The new address's owner spends the link and is the centre's EO.
    const accepted = await h.call('POST', `/api/v1/invites/${link.split('/').pop()}/accept`);
    expect(accepted.status).toBe(200);
    const me = await h.call('GET', '/api/v1/me', { token: accepted.json.token });
    expect(me.json).toMatchObject({
      id: oldEo.json.id,
      email: NEW,
      account_type: 'eo',
      centre_number: '68123',
    });

    const audit = await h.call('GET', '/api/v1/centres/68123/audit', { token: h.tokens.support });
    const actions = audit.json.data.map((e: { action: string }) => e.action);
    expect(actions).toContain('login_moved');
    expect(audit.json.data.find((e: { action: string }) => e.action === 'update')).toMatchObject({
      before: { eo_email: 'arholiadau@ysgolgwyr.cymru', eo_name: 'Gwenllian Rhys' },
      after: { eo_email: NEW, eo_name: 'Rhian Lewis' },
    });
    expect(audit.json.data.find((e: { action: string }) => e.action === 'login_moved')).toMatchObject({
      before: { email: 'arholiadau@ysgolgwyr.cymru' },
      after: { email: NEW, tokens_revoked: true, reset: true },
    });
  });

  it('mails an English centre in English', async () => {
    const res = await patch({ eo_email: 'exams.new@stteilos-demo.org.uk' }, { number: '66410' });
    expect(res.status).toBe(200);
    const mail = await h.ctx.db.select().from(outbox);
    expect(mail.map((m) => [m.template, m.toAddress, m.language]).sort()).toEqual([
      ['eo_reset', 'exams.new@stteilos-demo.org.uk', 'en'],
      ['login_changed_old', 'j.price@stteilos-demo.org.uk', 'en'],
    ]);
    expect((await h.call('GET', '/api/v1/me', { token: h.tokens.eoEn })).status).toBe(401);
    // Other accounts' tokens are untouched.
    expect((await h.call('GET', '/api/v1/me', { token: h.tokens.eoCy })).status).toBe(200);
  });

  it('keeps the login and tokens when only the letter case of the address changes', async () => {
    const res = await patch({ eo_email: 'Arholiadau@YsgolGwyr.cymru' });
    expect(res.status).toBe(200);
    expect((await h.call('GET', '/api/v1/me', { token: h.tokens.eoCy })).json.email).toBe(
      'Arholiadau@YsgolGwyr.cymru',
    );
    expect(await h.ctx.db.select().from(outbox)).toEqual([]);
  });
});
