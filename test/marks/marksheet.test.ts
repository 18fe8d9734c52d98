import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MarksHarness, marksHarness } from './support.js';

describe('units list and marksheet', () => {
  let m: MarksHarness;
  beforeAll(async () => {
    m = await marksHarness(25);
  });
  afterAll(() => m.h.close());

  it("lists the centre's units with components, keys and status", async () => {
    const res = await m.h.call('GET', '/api/v1/centres/68123/units?lang=cy', { token: m.h.tokens.eoCy });
    expect(res.status).toBe(200);
    expect(res.json.data.find((u: { id: number }) => u.id === m.id)).toMatchObject({
      code: '3700U1',
      series: 'GCSE JUNE 2028',
      title: 'Iaith Saesneg Uned 1 Llafaredd',
      components: [
        { key: 'task_1', label: 'Task 1', max: 40 },
        { key: 'task_2', label: 'Task 2', max: 40 },
      ],
      status: 'enter_marks',
      done: 0,
      left: 25,
      submitted: 0,
    });
  });

  it('pages at 20 by default and searches surnames ignoring case', async () => {
    const first = await m.h.call('GET', `${m.base}/marksheet`, { token: m.h.tokens.eoCy });
    expect(first.json).toMatchObject({ page: 1, per_page: 20, total: 25 });
    expect(first.json.data).toHaveLength(20);
    expect(first.json.data[0]).toMatchObject({
      candidate_number: '5001',
      name: 'JONES:CANDIDATE 0',
      marks: { task_1: null, task_2: null },
      total: null,
      sample: false,
      version: 1,
    });
    const found = await m.h.call('GET', `${m.base}/marksheet?q=davies`, { token: m.h.tokens.eoCy });
    expect(found.json.data.map((r: { candidate_number: string }) => r.candidate_number)).toEqual([
      '5003',
      '5013',
      '5023',
    ]);
  });

  it('is closed to another centre and to a user without iamis', async () => {
    for (const token of [m.h.tokens.eoEn, m.h.tokens.user]) {
      const res = await m.h.call('GET', `${m.base}/marksheet`, { token });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    }
    const other = await m.h.call('GET', `/api/v1/centres/66410/units/${m.id}/marksheet`, {
      token: m.h.tokens.eoEn,
    });
    expect(other.status).toBe(404);
    expect(other.json.error.code).toBe('unit_not_found');
  });
});
