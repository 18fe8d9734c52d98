import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MarksHarness, marksHarness } from './support.js';

describe('PUT marks', () => {
  let m: MarksHarness;
  const put = (body: unknown, token = m.h.tokens.eoCy, lang = 'en') =>
    m.h.call('PUT', `${m.base}/marks?lang=${lang}`, { token, body });
  const row = async (n: string) =>
    (await m.h.call('GET', `${m.base}/marksheet?per_page=100`, { token: m.h.tokens.eoCy })).json.data.find(
      (r: { candidate_number: string }) => r.candidate_number === n,
    );
  beforeAll(async () => {
    m = await marksHarness(6);
  });
  afterAll(() => m.h.close());

  it('reads the cell grammar: numbers, a/A absent, c/C/cf/CF carry forward, and totals', async () => {
    const res = await put({
      rows: [
        { candidate_number: '1001', marks: { task_1: 15, task_2: '15' }, initials: 'ab', version: 1 },
        { candidate_number: '1002', marks: { task_1: 'a', task_2: 'A' }, version: 1 },
        { candidate_number: '1003', marks: { task_1: 'c', task_2: 'cf' }, version: 1 },
        { candidate_number: '1004', marks: { task_1: 'C', task_2: 'CF' }, version: 1 },
        { candidate_number: '1005', marks: { task_1: 'a', task_2: 20 }, initials: 'XY', version: 1 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json.refused).toEqual([]);
    const byNumber = Object.fromEntries(
      res.json.rows.map((r: { candidate_number: string }) => [r.candidate_number, r]),
    );
    expect(byNumber['1001']).toMatchObject({
      marks: { task_1: 15, task_2: 15 },
      total: 30,
      initials: 'AB',
      version: 2,
    });
    expect(byNumber['1002']).toMatchObject({ marks: { task_1: 'A', task_2: 'A' }, total: 'A', missing: [] });
    expect(byNumber['1003']).toMatchObject({ marks: { task_1: 'CF', task_2: 'CF' }, total: 'CF' });
    expect(byNumber['1004'].marks).toEqual({ task_1: 'CF', task_2: 'CF' });
    expect(byNumber['1005']).toMatchObject({ total: 20, initials: 'XY' });
  });

  it('saves the good cells of a batch and refuses each bad one by name, in Welsh too', async () => {
    const res = await put(
      {
        rows: [
          { candidate_number: '1006', marks: { task_1: 41, task_2: 12 }, version: 1 },
          { candidate_number: '1001', marks: { task_1: 'x', task_2: 2.5 }, version: 2 },
          { candidate_number: '9999', marks: { task_1: 1 }, version: 1 },
        ],
      },
      m.h.tokens.eoCy,
      'cy',
    );
    expect(res.status).toBe(200);
    expect(res.json.saved).toBe(1);
    expect(res.json.refused).toEqual([
      {
        candidate_number: '1006',
        component: 'task_1',
        code: 'over_max',
        message: expect.stringContaining('uchafswm o 40'),
      },
      {
        candidate_number: '1001',
        component: 'task_1',
        code: 'not_a_mark',
        message: expect.stringContaining('Nid yw x yn farc'),
      },
      { candidate_number: '1001', component: 'task_2', code: 'not_a_mark', message: expect.any(String) },
      {
        candidate_number: '9999',
        component: null,
        code: 'unknown_candidate',
        message: expect.stringContaining('9999'),
      },
    ]);
    expect(await row('1006')).toMatchObject({ marks: { task_1: null, task_2: 12 }, version: 2 });
    expect(await row('1001')).toMatchObject({ marks: { task_1: 15, task_2: 15 }, version: 2 });
  });

  it('answers 409 with the current row when a second person saves from the same version', async () => {
    const first = await put({ rows: [{ candidate_number: '1006', marks: { task_1: 30 }, version: 2 }] });
    expect(first.status).toBe(200);
    const second = await put(
      { rows: [{ candidate_number: '1006', marks: { task_1: 10 }, version: 2 }] },
      m.h.tokens.admin,
    );
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('version_conflict');
    expect(second.json.error.details[0]).toMatchObject({
      field: '1006',
      params: { version: 3, current: { marks: { task_1: 30, task_2: 12 } } },
    });
    expect((await row('1006')).marks.task_1).toBe(30);
  });

  it('refuses wrong types, unknown components, 5-digit candidates and helpline with the error contract, changing nothing', async () => {
    const before = await row('1002');
    const cases: [unknown, number, string][] = [
      [
        { rows: [{ candidate_number: '1002', marks: { task_1: { x: 1 } }, version: 1 }] },
        400,
        'validation_failed',
      ],
      [{ rows: [{ candidate_number: '1002', marks: { task_9: 1 }, version: 2 }] }, 400, 'validation_failed'],
      [{ rows: [{ candidate_number: '10021', marks: { task_1: 1 }, version: 2 }] }, 400, 'validation_failed'],
      [{ rows: 'all' }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.json.error.code).toBe(code);
      expect(res.json.error.message).toBeTruthy();
    }
    const unknown = await put({ rows: [{ candidate_number: '1002', marks: { task_9: 1 }, version: 2 }] });
    expect(unknown.json.error.details).toEqual([
      {
        field: 'rows.0.marks.task_9',
        code: 'unknown_component',
        message: 'This unit has no component with this key.',
      },
    ]);
    const helpline = await put(
      { rows: [{ candidate_number: '1002', marks: { task_1: 1 }, version: 2 }] },
      m.h.tokens.helpline,
    );
    expect(helpline.status).toBe(403);
    const other = await put(
      { rows: [{ candidate_number: '1002', marks: { task_1: 1 }, version: 2 }] },
      m.h.tokens.eoEn,
    );
    expect(other.status).toBe(403);
    const huge = await m.h.call('PUT', `${m.base}/marks`, {
      token: m.h.tokens.eoCy,
      raw: JSON.stringify({ rows: [], pad: 'x'.repeat(10 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('body_too_large');
    expect(await row('1002')).toEqual(before);
  });
});
