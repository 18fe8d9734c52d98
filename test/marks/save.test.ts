import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
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
        { candidate_number: '5001', marks: { task_1: 15, task_2: '15' }, initials: 'ab', version: 1 },
        { candidate_number: '5002', marks: { task_1: 'a', task_2: 'A' }, version: 1 },
        { candidate_number: '5003', marks: { task_1: 'c', task_2: 'cf' }, version: 1 },
        { candidate_number: '5004', marks: { task_1: 'C', task_2: 'CF' }, version: 1 },
        { candidate_number: '5005', marks: { task_1: 'a', task_2: 20 }, initials: 'XY', version: 1 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json.refused).toEqual([]);
    const byNumber = Object.fromEntries(
      res.json.rows.map((r: { candidate_number: string }) => [r.candidate_number, r]),
    );
    expect(byNumber['5001']).toMatchObject({
      marks: { task_1: 15, task_2: 15 },
      total: 30,
      initials: 'AB',
      version: 2,
    });
    expect(byNumber['5002']).toMatchObject({ marks: { task_1: 'A', task_2: 'A' }, total: 'A', missing: [] });
    expect(byNumber['5003']).toMatchObject({ marks: { task_1: 'CF', task_2: 'CF' }, total: 'CF' });
    expect(byNumber['5004'].marks).toEqual({ task_1: 'CF', task_2: 'CF' });
    expect(byNumber['5005']).toMatchObject({ total: 20, initials: 'XY' });
  });

  it('saves the good cells of a batch and refuses each bad one by name, in Welsh too', async () => {
    const res = await put(
      {
        rows: [
          { candidate_number: '5006', marks: { task_1: 41, task_2: 12 }, version: 1 },
          { candidate_number: '5001', marks: { task_1: 'x', task_2: 2.5 }, version: 2 },
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
        candidate_number: '5006',
        component: 'task_1',
        code: 'over_max',
        message: expect.stringContaining('uchafswm o 40'),
      },
      {
        candidate_number: '5001',
        component: 'task_1',
        code: 'not_a_mark',
        message: expect.stringContaining('Nid yw x yn farc'),
      },
      { candidate_number: '5001', component: 'task_2', code: 'not_a_mark', message: expect.any(String) },
      {
        candidate_number: '9999',
        component: null,
        code: 'unknown_candidate',
        message: expect.stringContaining('9999'),
      },
    ]);
    expect(await row('5006')).toMatchObject({ marks: { task_1: null, task_2: 12 }, version: 2 });
    expect(await row('5001')).toMatchObject({ marks: { task_1: 15, task_2: 15 }, version: 2 });
  });

  it('answers 409 with the current row when a second person saves from the same version', async () => {
    const first = await put({ rows: [{ candidate_number: '5006', marks: { task_1: 30 }, version: 2 }] });
    expect(first.status).toBe(200);
    const second = await put(
      { rows: [{ candidate_number: '5006', marks: { task_1: 10 }, version: 2 }] },
      m.h.tokens.admin,
    );
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe('version_conflict');
    expect(second.json.error.details[0]).toMatchObject({
      field: '5006',
      params: { version: 3, current: { marks: { task_1: 30, task_2: 12 } } },
    });
    expect((await row('5006')).marks.task_1).toBe(30);
  });

  it('audits each save as the cells it changed, with who saved them', async () => {
    const { version } = await row('5006');
    const first = await put({
      rows: [{ candidate_number: '5006', marks: { task_1: 7, task_2: null }, initials: 'gh', version }],
    });
    expect(first.status).toBe(200);
    const again = await put({
      rows: [
        { candidate_number: '5006', marks: { task_1: 7, task_2: 'a' }, initials: 'GH', version: version + 1 },
      ],
    });
    expect(again.json.saved).toBe(3);
    const audit = await m.h.call('GET', '/api/v1/centres/68123/audit?per_page=100', {
      token: m.h.tokens.support,
    });
    const saves = audit.json.data.filter(
      (a: { action: string; after: Record<string, unknown> }) =>
        a.action === 'save_marks' && '5006' in a.after,
    );
    // Newest first: the second save changed task_2 alone (task_1 and the initials were already so).
    expect(saves[0]).toMatchObject({
      before: { '5006': { marks: { task_2: null } } },
      after: { '5006': { marks: { task_2: 'A' } } },
    });
    expect(saves[0].after['5006']).not.toHaveProperty('initials');
    expect(saves[1].after['5006']).toEqual(
      expect.objectContaining({ marks: expect.objectContaining({ task_1: 7 }), initials: 'GH' }),
    );
  });

  it('refuses wrong types, unknown components, 5-digit candidates and helpline with the error contract, changing nothing', async () => {
    const before = await row('5002');
    const cases: [unknown, number, string][] = [
      [
        { rows: [{ candidate_number: '5002', marks: { task_1: { x: 1 } }, version: 1 }] },
        400,
        'validation_failed',
      ],
      [{ rows: [{ candidate_number: '5002', marks: { task_9: 1 }, version: 2 }] }, 400, 'validation_failed'],
      [{ rows: [{ candidate_number: '10021', marks: { task_1: 1 }, version: 2 }] }, 400, 'validation_failed'],
      [{ rows: 'all' }, 400, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.json.error.code).toBe(code);
      expect(res.json.error.message).toBeTruthy();
    }
    const unknown = await put({ rows: [{ candidate_number: '5002', marks: { task_9: 1 }, version: 2 }] });
    expect(unknown.json.error.details).toEqual([
      {
        field: 'rows.0.marks.task_9',
        code: 'unknown_component',
        message: 'This unit has no component with this key.',
      },
    ]);
    const helpline = await put(
      { rows: [{ candidate_number: '5002', marks: { task_1: 1 }, version: 2 }] },
      m.h.tokens.helpline,
    );
    expect(helpline.status).toBe(403);
    const other = await put(
      { rows: [{ candidate_number: '5002', marks: { task_1: 1 }, version: 2 }] },
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
    expect(await row('5002')).toEqual(before);
  });
});

describe('two saves racing on the same row', () => {
  let m: MarksHarness;
  beforeAll(async () => {
    m = await marksHarness(3);
  });
  afterAll(() => m.h.close());

  it('lets exactly one win; the other gets 409 and nothing of it is written', async () => {
    const save = (mark: number, token: string) =>
      m.h.call('PUT', `${m.base}/marks`, {
        token,
        body: { rows: [{ candidate_number: '5001', marks: { task_1: mark }, version: 1 }] },
      });
    const [a, b] = await Promise.all([save(11, m.h.tokens.eoCy), save(22, m.h.tokens.admin)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 200 ? 11 : 22;
    expect(loser.json.error.code).toBe('version_conflict');
    const sheet = await m.h.call('GET', `${m.base}/marksheet`, { token: m.h.tokens.eoCy });
    expect(sheet.json.data[0]).toMatchObject({ marks: { task_1: winner }, version: 2 });
  });

  it('refuses a save whose row another writer changed between its read and its write', async () => {
    const { db } = m.h.ctx;
    // Another writer commits just before this save's batch: the guard inside the batch must see it.
    const racing = new Proxy(db, {
      get(target, prop) {
        if (prop !== 'batch') return Reflect.get(target, prop, target);
        return async (statements: Parameters<typeof db.batch>[0]) => {
          await target.run(sql`update entries set marks = '{"task_1":33}', version = version + 1
            where candidate_id = (select id from candidates where number = '5002')`);
          return target.batch(statements);
        };
      },
    });
    const app = createApp({ ...m.h.ctx, db: racing });
    const res = await app.request(`${m.base}/marks`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${m.h.tokens.eoCy}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        rows: [{ candidate_number: '5002', marks: { task_1: 5, task_2: 6 }, version: 1 }],
      }),
    });
    expect(res.status).toBe(409);
    const body = (await res.json()) as {
      error: { code: string; details: { params: { current: { marks: unknown } } }[] };
    };
    expect(body.error.code).toBe('version_conflict');
    expect(body.error.details[0]?.params.current.marks).toEqual({ task_1: 33, task_2: null });
  });
});
