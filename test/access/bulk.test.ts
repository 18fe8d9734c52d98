import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts, invites, outbox } from '../../src/db/schema/index.js';
import { createHarness, type Harness } from '../support/harness.js';
import { USERS } from './support.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = 'first_name,last_name,email,hub_role,account_type,language';
const MIXED = [
  HEADER,
  'Siân,Bowen,s.bowen@ysgolgwyr.cymru,INV,user,cy', // 2 good
  'Tom,Evans,tom.evans@ysgolgwyr.cymru,EO,admin,en', // 3 good
  'Dup,Licate,S.Bowen@ysgolgwyr.cymru,INV,user,cy', // 4 duplicate in file
  'Jo,Price,j.price@stteilos-demo.org.uk,SLT,user,en', // 5 registered at another centre
  'Bad,Email,not-an-email,INV,user,cy', // 6 bad email
  'Bad,Role,role@ysgolgwyr.cymru,BOSS,user,cy', // 7 bad role
  ',Nofirst,nofirst@ysgolgwyr.cymru,INV,user,cy', // 8 missing field
  `${'L'.repeat(101)},Long,long@ysgolgwyr.cymru,INV,user,cy`, // 9 too long
  '"=HYPERLINK(""http://x"")",Evil,evil@ysgolgwyr.cymru,INV,user,cy', // 10 formula
  '"\tTab",Evil,tab@ysgolgwyr.cymru,INV,user,cy', // 11 tab formula start
].join('\r\n');

async function centreAccountCount() {
  const [row] = await h.ctx.db.select({ n: count() }).from(accounts).where(eq(accounts.centreId, 1));
  return row?.n ?? 0;
}
async function tableCounts() {
  const [i] = await h.ctx.db.select({ n: count() }).from(invites);
  const [o] = await h.ctx.db.select({ n: count() }).from(outbox).where(eq(outbox.template, 'invite'));
  return { accounts: await centreAccountCount(), invites: i?.n ?? 0, mails: o?.n ?? 0 };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON an answer carries
type Json = any;

const upload = (body: string | Uint8Array, type: string, query = '') =>
  h.app.request(`${USERS}/bulk?lang=en${query.replace('?', '&')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.tokens.eoCy}`, 'content-type': type, 'accept-language': 'en' },
    body,
  });

async function xlsxOf(rows: (string | { formula: string })[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Users');
  sheet.addRow(HEADER.split(','));
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('POST /centres/:number/users/bulk', () => {
  it('all-or-nothing: one bad row means nothing is written, and every bad row is named with its reason', async () => {
    const before = await tableCounts();
    const res = await upload(MIXED, 'text/csv');
    expect(res.status).toBe(422);
    const body: Json = await res.json();
    expect(body.error.code).toBe('bulk_rejected');
    expect(body.error.message).toMatch(/Nothing was added: 8 rows of 10 have problems/);
    const byRow = new Map<number, string[]>();
    for (const d of body.error.details) byRow.set(d.row, [...(byRow.get(d.row) ?? []), d.code]);
    expect(Object.fromEntries(byRow)).toEqual({
      4: ['duplicate_in_file'],
      5: ['email_in_use'],
      6: ['email'],
      7: ['one_of'],
      8: ['required'],
      9: ['too_long'],
      10: ['formula_cell'],
      11: ['formula_cell'],
    });
    expect(body.error.details.find((d: { row: number }) => d.row === 10).message).toMatch(/formula/);
    expect(await tableCounts()).toEqual(before);
  });

  it('valid-only: the good rows are written together with their invites, and each row is reported', async () => {
    const before = await tableCounts();
    const res = await upload(MIXED, 'text/csv; charset=utf-8', '?mode=valid-only');
    expect(res.status).toBe(201);
    const body: Json = await res.json();
    expect(body).toMatchObject({ mode: 'valid-only', applied: true, rows: 10, created: 2, rejected: 8 });
    expect(body.results.map((r: { row: number; outcome: string }) => [r.row, r.outcome])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'rejected'],
      [8, 'rejected'],
      [9, 'rejected'],
      [10, 'rejected'],
      [11, 'rejected'],
    ]);
    expect(body.results[3].message).toMatch(/^Not added: email: This email address is already used/);
    expect(await tableCounts()).toEqual({
      accounts: before.accounts + 2,
      invites: before.invites + 2,
      mails: before.mails + 2,
    });
    const [sian] = await h.ctx.db
      .select()
      .from(accounts)
      .where(eq(accounts.email, 's.bowen@ysgolgwyr.cymru'));
    expect(sian).toMatchObject({ status: 'invited', hubRole: 'INV', language: 'cy', accountType: 'user' });
    expect(body.results[0].account_id).toBe(sian?.id);
    const [mail] = await h.ctx.db
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, 's.bowen@ysgolgwyr.cymru'));
    expect(mail?.language).toBe('cy');
  });

  it('reads XLSX too, refusing formula cells, in both modes', async () => {
    const file = await xlsxOf([
      ['Nia', 'Huws', 'nia@ysgolgwyr.cymru', 'INV', 'user', 'cy'],
      ['Eve', 'Il', { formula: 'CONCAT("a","@b.cymru")' }, 'INV', 'user', 'en'],
      ['Mal', 'Formed', '@SUM(A1)', 'SLT', 'user', 'en'],
      ['Al', 'Ready', 'arholiadau@ysgolgwyr.cymru', 'EO', 'admin', 'cy'],
    ]);
    const before = await tableCounts();
    const strict = await upload(file, XLSX);
    expect(strict.status).toBe(422);
    const details = ((await strict.json()) as Json).error.details.map((d: { row: number; code: string }) => [
      d.row,
      d.code,
    ]);
    expect(details).toEqual([
      [3, 'formula_cell'],
      [4, 'formula_cell'],
      [5, 'email_in_use'],
    ]);
    expect(await tableCounts()).toEqual(before);

    const lenient = await upload(file, 'application/octet-stream', '?mode=valid-only');
    expect(lenient.status).toBe(201);
    expect(((await lenient.json()) as Json).created).toBe(1);
    expect((await tableCounts()).accounts).toBe(before.accounts + 1);
  });

  it('takes a multipart upload in the field file, and applies a clean file whole', async () => {
    const form = new FormData();
    form.set(
      'file',
      new File(
        [`${HEADER}\nA,B,ab@ysgolgwyr.cymru,inv,USER,CY\nC,D,cd@ysgolgwyr.cymru,SLT,user,en\n`],
        'users.csv',
        { type: 'text/csv' },
      ),
    );
    const res = await h.app.request(`${USERS}/bulk`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.tokens.eoCy}` },
      body: form,
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Json).created).toBe(2);
  });

  it('refuses a multipart body that is not a form, in the caller’s language, and changes nothing', async () => {
    const before = await tableCounts();
    const res = await upload('not a form at all', 'multipart/form-data; boundary=xyz');
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).error).toEqual({
      code: 'malformed_form',
      message: 'The request body is not a valid multipart form.',
    });
    const cy = await h.app.request(`${USERS}/bulk?lang=cy`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.tokens.eoCy}`, 'content-type': 'multipart/form-data' },
      body: '--x',
    });
    expect(cy.status).toBe(400);
    expect(((await cy.json()) as Json).error.message).toBe(
      'Nid yw cynnwys y cais yn ffurflen multipart ddilys.',
    );
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses a file without the template’s columns, and one of another type', async () => {
    const res = await upload('name,email\nA,a@b.cymru\n', 'text/csv');
    expect(res.status).toBe(422);
    expect(((await res.json()) as Json).error.code).toBe('bulk_unreadable');
    const pdf = await upload('%PDF-1.4', 'application/pdf');
    expect(pdf.status).toBe(415);
  });
});

describe('the templates', () => {
  it('serves the CSV header and an XLSX with a bilingual help sheet', async () => {
    const csv = await h.call('GET', `${USERS}/template.csv`, { token: h.tokens.eoCy });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text).toBe(`${HEADER}\r\n`);
    const res = await h.app.request(`${USERS}/template.xlsx`, {
      headers: { authorization: `Bearer ${h.tokens.eoCy}` },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const [users, help] = book.worksheets;
    expect(users?.getRow(1).values).toEqual([undefined, ...HEADER.split(',')]);
    expect(help?.name).toBe('Cymorth - Help');
    expect(help?.getCell('A4').text).toBe('email');
    expect(help?.getCell('B4').text).toMatch(/enw defnyddiwr/);
    expect(help?.getCell('C4').text).toMatch(/becomes their username/);
  });
});
