import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { ENTRY_HEADER, UNIT_HEADER, unitCsv } from './support.js';

describe('imports of units and entries', () => {
  let h: Harness;
  const post = (what: 'units' | 'entries', csv: string, token = h.tokens.admin) =>
    h.call('POST', `/api/v1/marks/import/${what}?lang=en`, {
      token,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
  const units = async () =>
    (await h.call('GET', '/api/v1/centres/66410/units', { token: h.tokens.eoEn })).json.data;
  const sheetOf = async (id: number) =>
    (
      await h.call('GET', `/api/v1/centres/66410/units/${id}/marksheet?per_page=100`, {
        token: h.tokens.eoEn,
      })
    ).json;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('names every bad unit row and applies nothing of a bad file', async () => {
    const csv = [
      UNIT_HEADER,
      'GCSE June 2028,4700U1,History Unit 4,Hanes Uned 4,Mark:60,no,no,2028-05-01,2028-05-10,2028-08-20',
      'GCSE JUNE 2028,47X,History,Hanes,Mark:60,no,no,2028-05-01,2028-05-10,2028-08-20',
      'GCSE JUNE 2028,4700U2,History,Hanes,Task 1 40,maybe,no,2028-02-30,2028-05-10,2028-08-20',
    ].join('\n');
    const res = await post('units', csv);
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('import_failed');
    expect(
      res.json.error.details.map((d: { row: number; field: string; code: string }) => [
        d.row,
        d.field,
        d.code,
      ]),
    ).toEqual([
      [3, 'code', 'unit_code'],
      [4, 'components', 'components'],
      [4, 'teacher_initials', 'yes_no'],
      [4, 'sample_deadline', 'iso_date'],
    ]);
    const cy = await h.call('POST', '/api/v1/marks/import/units?lang=cy', {
      token: h.tokens.admin,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(cy.json.error.details[0].message).toBe('Mae cod uned yn debyg i 3700U1 neu 9791/01.');
    expect((await post('units', csv, h.tokens.support)).status).toBe(403);
  });

  it('imports units and entries, reports unknown units and 5-digit candidates, and updates in place', async () => {
    expect(
      (await post('units', unitCsv({ series: 'GCSE JUNE 2028', code: '9791/01', components: 'Mark:120' })))
        .json,
    ).toMatchObject({ created: 1 });
    const bad = await post(
      'entries',
      [
        ENTRY_HEADER,
        'GCSE JUNE 2028,9791/01,66410,12345,JONES:CARYS,2010-01-01',
        'GCSE JUNE 2028,1234U9,66410,1234,JONES:CARYS,2010-01-01',
        'GCSE JUNE 2028,9791/01,66410,1234,JONES CARYS,2010-01-01',
        'GCSE JUNE 2028,9791/01,99999,1234,JONES:CARYS,2010-01-01',
      ].join('\n'),
    );
    expect(bad.json.error.details.map((d: { row: number; code: string }) => [d.row, d.code])).toEqual([
      [2, 'candidate_number'],
      [3, 'unknown_unit'],
      [4, 'candidate_name'],
      [5, 'unknown_centre'],
    ]);
    const rows = (names: string[]) =>
      [
        ENTRY_HEADER,
        ...names.map((n, i) => `GCSE JUNE 2028,9791/01,66410,${7001 + i},${n},2010-0${i + 1}-01`),
      ].join('\n');
    expect((await post('entries', rows(['Ŵyn:Gethin', 'PRYS:MEGAN', 'LEWIS:AMY']))).status).toBe(200);
    const unit = (await units()).find(
      (u: { code: string; series: string }) => u.code === '9791/01' && u.series === 'GCSE JUNE 2028',
    );
    expect(unit).toMatchObject({ left: 3, components: [{ key: 'mark', label: 'Mark', max: 120 }] });
    const search = await h.call('GET', `/api/v1/centres/66410/units/${unit.id}/marksheet?q=wyn`, {
      token: h.tokens.eoEn,
    });
    expect(search.json.data.map((r: { name: string }) => r.name)).toEqual(['ŴYN:GETHIN']);

    await h.call('PUT', `/api/v1/centres/66410/units/${unit.id}/marks`, {
      token: h.tokens.eoEn,
      body: { rows: [{ candidate_number: '7002', marks: { mark: 88 }, initials: 'JP', version: 1 }] },
    });
    // Again, without 7002 (marked) and 7003 (not marked), and with 7001's name corrected.
    expect((await post('entries', rows(['WYN:GETHIN']))).status).toBe(200);
    const after = await sheetOf(unit.id);
    expect(
      after.data.map((r: { candidate_number: string; name: string }) => `${r.candidate_number} ${r.name}`),
    ).toEqual(['7001 WYN:GETHIN', '7002 PRYS:MEGAN']);
    const components = await post(
      'units',
      unitCsv({ series: 'GCSE JUNE 2028', code: '9791/01', components: 'Task 1:60;Task 2:60' }),
    );
    expect(components.json.error.details[0]).toMatchObject({
      row: 2,
      field: 'components',
      code: 'components_locked',
    });
  });

  it('reads an entries file as Excel saves it (Windows-1252), and names a row whose ŷ Excel lost', async () => {
    expect((await post('units', unitCsv({ series: 'GCSE JUNE 2029', code: '5700U1' }))).status).toBe(200);
    const windows1252 = (text: string) =>
      Uint8Array.from([...text].map((ch) => (ch === 'â' ? 0xe2 : ch.charCodeAt(0))));
    const send = (bytes: Uint8Array) =>
      h.app.request('/api/v1/marks/import/entries?lang=en', {
        method: 'POST',
        headers: { authorization: `Bearer ${h.tokens.admin}`, 'content-type': 'text/csv' },
        body: bytes,
      });
    const good = await send(
      windows1252(`${ENTRY_HEADER}\nGCSE JUNE 2029,5700U1,66410,0101,BOWEN:Siân,2010-03-04\n`),
    );
    expect(good.status).toBe(200);
    const unit = (await units()).find((u: { code: string }) => u.code === '5700U1');
    const sheet = await sheetOf(unit.id);
    expect(sheet.data.map((r: { name: string }) => r.name)).toEqual(['BOWEN:SIÂN']);
    const lost = await send(
      windows1252(
        `${ENTRY_HEADER}\nGCSE JUNE 2029,5700U1,66410,0101,BOWEN:Siân,2010-03-04\nGCSE JUNE 2029,5700U1,66410,0102,RH?S:Gwyn,2010-03-04\n`,
      ),
    );
    expect(lost.status).toBe(422);
    const body = (await lost.json()) as {
      error: { details: { row: number; field: string; code: string }[] };
    };
    expect(body.error.details).toEqual([
      expect.objectContaining({ row: 3, field: 'candidate_name', code: 'lost_character' }),
    ]);
  });
});
