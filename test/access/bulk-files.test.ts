import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts, outbox } from '../../src/db/schema/index.js';
import { createHarness, type Harness } from '../support/harness.js';
import { USERS } from './support.js';

// Files as spreadsheets write them (how each was saved: test/fixtures/uploads/README.md).
const file = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/uploads', name)));

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON an answer carries
type Json = any;

async function upload(body: Uint8Array | string, mode = 'valid-only', lang = 'en') {
  const res = await h.app.request(`${USERS}/bulk?mode=${mode}&lang=${lang}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.tokens.eoCy}`, 'content-type': 'text/csv' },
    body,
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const outcomes = (body: Json) =>
  body.results.map((r: Json) => [r.row, r.outcome, r.problems.map((p: Json) => p.code)]);
const stored = async (email: string) =>
  (await h.ctx.db.select().from(accounts).where(eq(accounts.email, email)))[0];

describe('a CSV saved by Excel as "CSV (Comma delimited)", which is Windows-1252', () => {
  it('reads Siân as Siân, and names the row where Excel wrote ? for ŷ', async () => {
    const { status, body } = await upload(file('excel-csv-comma-delimited.csv'));
    expect(status).toBe(201);
    expect(outcomes(body)).toEqual([
      [2, 'created', []],
      [3, 'rejected', ['lost_character']],
      [4, 'created', []],
      [5, 'created', []],
    ]);
    expect(body.results[1].problems[0]).toMatchObject({ field: 'last_name' });
    expect(body.results[1].message).toMatch(/CSV UTF-8/);
    expect(await stored('sian.bowen@ysgolgwyr.cymru')).toMatchObject({ firstName: 'Siân' });
    expect(await stored('g.obrien@ysgolgwyr.cymru')).toMatchObject({ lastName: 'O"Brien, Jr' });
    const [mail] = await h.ctx.db
      .select()
      .from(outbox)
      .where(eq(outbox.toAddress, 'sian.bowen@ysgolgwyr.cymru'));
    expect(JSON.stringify(mail?.params)).toContain('Siân');
    expect(JSON.stringify(await h.ctx.db.select().from(accounts))).not.toContain('\uFFFD');
  });
});

describe('CSV UTF-8 from Excel (with a BOM) and from LibreOffice (without)', () => {
  it('reads every Welsh letter, and a blank hub_role is no Hub role, as in a single invite', async () => {
    const excel = await upload(file('excel-csv-utf8.csv'), 'all-or-nothing');
    expect(excel.status).toBe(201);
    expect(excel.body.message).toBe('Added all 2 rows; each invite is on its way.');
    expect(await stored('gwenllian.llyr@ysgolgwyr.cymru')).toMatchObject({
      firstName: 'Gwenllïan',
      lastName: 'Llŷr',
    });
    expect(await stored('dafydd.apsion@ysgolgwyr.cymru')).toMatchObject({
      lastName: 'ap Siôn',
      hubRole: null,
    });
    const libre = await upload(file('libreoffice-utf8.csv'), 'all-or-nothing');
    expect(libre.status).toBe(201);
    expect(await stored('owain.glyndwr@ysgolgwyr.cymru')).toMatchObject({ lastName: 'Glyndŵr' });
    expect(await stored('ffion.wyn@ysgolgwyr.cymru')).toMatchObject({ lastName: 'Ŵyn' });
  });
});

describe('a hand-typed CSV with stray quotes', () => {
  it('takes a quote inside a name as a character, and names the one line it cannot read', async () => {
    const strict = await upload(file('hand-typed.csv'), 'all-or-nothing');
    expect(strict.status).toBe(422);
    expect(strict.body.error.message).toMatch(/^Nothing was added: 1 row of 3 has problems/);
    expect(strict.body.error.details).toEqual([
      {
        row: 3,
        field: 'first_name',
        code: 'quote_not_closed',
        params: { line: 3, column: 'first_name' },
        message: expect.stringMatching(/^Line 3 could not be read: the quote that opens its first_name cell/),
      },
    ]);
    const lenient = await upload(file('hand-typed.csv'));
    expect(outcomes(lenient.body)).toEqual([
      [2, 'created', []],
      [3, 'rejected', ['quote_not_closed']],
      [4, 'created', []],
    ]);
    expect(await stored('gareth.obrien@ysgolgwyr.cymru')).toMatchObject({ lastName: 'O"Brien' });
    expect(await stored('huw.price@ysgolgwyr.cymru')).toMatchObject({ lastName: 'Price' });
  });
});

describe('uploading a corrected file again after a valid-only run', () => {
  it('reports the rows already created as already there, not as errors', async () => {
    const first = await upload(file('excel-csv-comma-delimited.csv'));
    expect(first.body.created).toBe(3);
    expect(first.body.message).toBe('Added 3 of 4 rows. The rows with problems were not added.');
    // The Exams Officer fixes row 3 by saving as CSV UTF-8 and uploads the whole list again.
    const fixed = Buffer.from(file('excel-csv-comma-delimited.csv'))
      .toString('latin1')
      .replace('Ll?r', 'Llŷr');
    const again = await upload(`\ufeff${fixed}`, 'all-or-nothing');
    expect(again.status).toBe(201);
    expect(outcomes(again.body)).toEqual([
      [2, 'already_there', []],
      [3, 'created', []],
      [4, 'already_there', []],
      [5, 'already_there', []],
    ]);
    expect(again.body).toMatchObject({ created: 1, already_there: 3, rejected: 0 });
    expect(again.body.results[0].account_id).toBe((await stored('sian.bowen@ysgolgwyr.cymru'))?.id);
    expect(again.body.message).toBe(
      'Added the one row; its invite is on its way. 3 rows were already there.',
    );
    const cy = await upload(`\ufeff${fixed}`, 'all-or-nothing', 'cy');
    expect(cy.body.message).toBe('Ni ychwanegwyd unrhyw resi. Roedd 4 rhes yno eisoes.');
  });

  it('still refuses an address used by an account with other details', async () => {
    const csv =
      'first_name,last_name,email,hub_role,account_type,language\r\nSomeone,Else,athro@ysgolgwyr.cymru,INV,user,cy\r\n';
    const { body } = await upload(csv);
    expect(outcomes(body)).toEqual([[2, 'rejected', ['email_in_use']]]);
    expect(body.message).toBe('No rows were added.');
  });
});
