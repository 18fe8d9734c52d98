import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/audit/record.js';
import { importEntries, importUnits } from '../../src/marks/import.js';
import { createHarness, type Harness } from '../support/harness.js';
import { entryCsv, fillMarks, type MarksHarness, marksHarness, unitCsv } from './support.js';

const informed = { candidates_informed: true };

describe('submission', () => {
  let m: MarksHarness;
  const submit = (body: unknown = informed, token = m.h.tokens.eoCy) =>
    m.h.call('POST', `${m.base}/submit?lang=en`, { token, body });
  beforeAll(async () => {
    m = await marksHarness(20);
  });
  afterAll(() => m.h.close());

  it('is refused until every candidate has a mark, A or CF and initials, naming who lacks what', async () => {
    await fillMarks(
      m.h,
      m.base,
      m.h.tokens.eoCy,
      (i) => (i < 17 ? { task_1: i, task_2: 20 } : {}),
      (i) => (i === 3 ? '' : 'AB'),
    );
    const res = await submit();
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('marks_incomplete');
    expect(res.json.error.details.map((d: { field: string; code: string }) => [d.field, d.code])).toEqual([
      ['5004', 'needs_initials'],
      ['5018', 'needs_mark'],
      ['5019', 'needs_mark'],
      ['5020', 'needs_mark'],
    ]);
    const units = await m.h.call('GET', '/api/v1/centres/68123/units', { token: m.h.tokens.eoCy });
    expect(units.json.data.find((u: { id: number }) => u.id === m.id)).toMatchObject({
      status: 'enter_marks',
      done: 16,
      left: 4,
    });
  });

  it('is refused without candidates_informed, then submits, locks the marks and draws the sample', async () => {
    await fillMarks(m.h, m.base, m.h.tokens.eoCy, (i) =>
      i === 18
        ? { task_1: 'A', task_2: 'A' }
        : i === 19
          ? { task_1: 'CF', task_2: 'CF' }
          : { task_1: i, task_2: 20 },
    );
    const ready = await m.h.call('GET', '/api/v1/centres/68123/units', { token: m.h.tokens.eoCy });
    expect(ready.json.data.find((u: { id: number }) => u.id === m.id)).toMatchObject({
      status: 'ready_to_submit',
      done: 20,
      left: 0,
    });
    // Without the confirmation, however it is left out, the answer says what is missing.
    const path = `${m.base}/submit?lang=en`;
    const token = m.h.tokens.eoCy;
    const unconfirmed = [
      await submit({}),
      await submit({ candidates_informed: false }),
      await m.h.call('POST', path, { token }),
      await m.h.call('POST', path, { token, raw: '', headers: { 'content-type': 'application/json' } }),
    ];
    for (const res of unconfirmed) {
      expect(res.status).toBe(422);
      expect(res.json.error).toMatchObject({
        code: 'candidates_not_informed',
        message: expect.stringContaining('candidates have been told their marks'),
      });
    }
    const wrongType = await submit({ candidates_informed: 'yes' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.details[0]).toMatchObject({
      field: 'candidates_informed',
      code: 'invalid_type',
    });
    const helpline = await submit(informed, m.h.tokens.helpline);
    expect(helpline.status).toBe(403);

    const res = await submit();
    expect(res.status).toBe(200);
    expect(res.json.submitted).toBe(20);
    // 18 numeric candidates: absent and carried forward are left out, so the sample is 15.
    expect(res.json.data).toHaveLength(15);
    expect(res.json.rule).toBe('2026-1');
    const sampled = res.json.data.map((d: { candidate_number: string }) => d.candidate_number);
    expect(sampled).toContain('5018'); // highest total, 17 + 20
    expect(sampled).toContain('5001'); // lowest, 0 + 20
    expect(sampled).not.toContain('5019');
    expect(sampled).not.toContain('5020');
    expect(res.json.data.every((d: { reason: string }) => d.reason === 'system')).toBe(true);

    const units = await m.h.call('GET', '/api/v1/centres/68123/units', { token: m.h.tokens.eoCy });
    expect(units.json.data.find((u: { id: number }) => u.id === m.id)).toMatchObject({
      status: 'submitted',
      submitted: 20,
    });
    const locked = await m.h.call('PUT', `${m.base}/marks`, {
      token: m.h.tokens.eoCy,
      body: { rows: [{ candidate_number: '5001', marks: { task_1: 1 }, version: 3 }] },
    });
    expect(locked.status).toBe(409);
    expect(locked.json.error.code).toBe('marks_locked');
    const again = await submit();
    expect(again.status).toBe(409);
    const samples = await m.h.call('GET', `${m.base}/marksheet?show=samples&per_page=100`, {
      token: m.h.tokens.eoCy,
    });
    expect(samples.json.total).toBe(15);
  });

  it('lets the centre add to the sample but never remove the system choice, and replaces by the nearest mark', async () => {
    const sample = await m.h.call('GET', `${m.base}/sample`, { token: m.h.tokens.eoCy });
    const inSample = new Set(sample.json.data.map((d: { candidate_number: string }) => d.candidate_number));
    const outside = [
      '5002',
      '5003',
      '5004',
      '5005',
      '5006',
      '5007',
      '5008',
      '5009',
      '5010',
      '5011',
      '5012',
      '5013',
      '5014',
      '5015',
      '5016',
      '5017',
    ].filter((n) => !inSample.has(n));
    expect(outside).toHaveLength(3);
    const [extra, ,] = outside as [string, string, string];
    const added = await m.h.call('POST', `${m.base}/sample`, {
      token: m.h.tokens.eoCy,
      body: { candidate_number: extra },
    });
    expect(added.status).toBe(200);
    expect(
      added.json.data.find((d: { candidate_number: string }) => d.candidate_number === extra).reason,
    ).toBe('centre');
    const absent = await m.h.call('POST', `${m.base}/sample`, {
      token: m.h.tokens.eoCy,
      body: { candidate_number: '5019' },
    });
    expect(absent.json.error.code).toBe('no_mark_for_sample');
    const twice = await m.h.call('POST', `${m.base}/sample`, {
      token: m.h.tokens.eoCy,
      body: { candidate_number: extra },
    });
    expect(twice.status).toBe(409);

    const system = [...inSample][1] as string;
    const removeSystem = await m.h.call('DELETE', `${m.base}/sample/${system}`, { token: m.h.tokens.eoCy });
    expect(removeSystem.status).toBe(409);
    expect(removeSystem.json.error.code).toBe('sample_not_removable');
    const removeOwn = await m.h.call('DELETE', `${m.base}/sample/${extra}`, { token: m.h.tokens.eoCy });
    expect(removeOwn.status).toBe(200);

    // 5001 (total 20) is lost: of the candidates outside the sample, the nearest total takes its place.
    const pool = outside.map((n) => ({ n, total: Number(n) - 5001 + 20 }));
    const nearest = [...pool].sort(
      (a, b) => Math.abs(a.total - 20) - Math.abs(b.total - 20) || b.total - a.total,
    )[0]?.n;
    const replaced = await m.h.call('POST', `${m.base}/sample/5001/replace`, {
      token: m.h.tokens.eoCy,
      body: { reason: 'lost' },
    });
    expect(replaced.status).toBe(200);
    const byNumber = Object.fromEntries(
      replaced.json.data.map((d: { candidate_number: string }) => [d.candidate_number, d]),
    );
    expect(byNumber['5001'].replaced).toMatchObject({ reason: 'lost' });
    expect(byNumber[nearest as string]).toMatchObject({
      reason: 'replacement',
      replaces: '5001',
      replaced: null,
    });
    const bad = await m.h.call('POST', `${m.base}/sample/5001/replace`, {
      token: m.h.tokens.eoCy,
      body: { reason: 'eaten' },
    });
    expect(bad.status).toBe(400);
  });
});

const codeOf = (n: number) => `${9000 + n}U1`;

describe('the sample through HTTP on every cohort size', () => {
  let h: Harness;
  const sizes: [number, number][] = [
    [1, 1],
    [15, 15],
    [16, 15],
    [100, 15],
    [101, 20],
    [200, 20],
    [201, 25],
    [500, 25],
  ];
  beforeAll(async () => {
    h = await createHarness();
    await importUnits(
      h.ctx,
      systemActor('test'),
      unitCsv(...sizes.map(([n]) => ({ code: codeOf(n), initials: 'no' as const }))),
    );
    for (const [n] of sizes)
      await importEntries(h.ctx, systemActor('test'), entryCsv(codeOf(n), '68123', n + 2));
  });
  afterAll(() => h.close());

  it('draws the table size from numeric candidates only, with the highest and lowest', async () => {
    const units = await h.call('GET', '/api/v1/centres/68123/units', { token: h.tokens.eoCy });
    for (const [n, size] of sizes) {
      const unit = units.json.data.find((u: { code: string }) => u.code === codeOf(n));
      const base = `/api/v1/centres/68123/units/${unit.id}`;
      // The last two candidates are absent and carried forward.
      await fillMarks(h, base, h.tokens.eoCy, (i) =>
        i === n
          ? { task_1: 'A', task_2: 'A' }
          : i === n + 1
            ? { task_1: 'CF', task_2: 'CF' }
            : { task_1: (i * 7) % 41, task_2: (i * 3) % 41 },
      );
      const res = await h.call('POST', `${base}/submit`, { token: h.tokens.eoCy, body: informed });
      expect(res.status, `${n}: ${res.text.slice(0, 200)}`).toBe(200);
      expect(res.json.data, `cohort ${n}`).toHaveLength(size);
      const totals = res.json.data.map((d: { total: number }) => d.total);
      const all = Array.from({ length: n }, (_, i) => ((i * 7) % 41) + ((i * 3) % 41));
      expect(Math.max(...totals)).toBe(Math.max(...all));
      expect(Math.min(...totals)).toBe(Math.min(...all));
      expect(totals.every((t: unknown) => typeof t === 'number')).toBe(true);
    }
  });
});
