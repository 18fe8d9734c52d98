import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillMarks, type MarksHarness, marksHarness } from './support.js';

describe('amendments through the verification queue', () => {
  let m: MarksHarness;
  const ask = (body: unknown, token = m.h.tokens.eoCy) =>
    m.h.call('POST', `${m.base}/amendments`, { token, body });
  const row = async (n: string) =>
    (await m.h.call('GET', `${m.base}/marksheet?per_page=100`, { token: m.h.tokens.eoCy })).json.data.find(
      (r: { candidate_number: string }) => r.candidate_number === n,
    );
  beforeAll(async () => {
    m = await marksHarness(6);
    await fillMarks(m.h, m.base, m.h.tokens.eoCy, (i) => ({ task_1: 10 + i, task_2: 20 }));
  });
  afterAll(() => m.h.close());

  it('is for submitted marks only', async () => {
    const res = await ask({
      candidate_number: '5001',
      component: 'task_1',
      mark: 12,
      reason: 'Added up wrongly',
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('not_submitted');
  });

  it('creates an MA- request that staff claim and approve; the mark changes, the original stays, both audited', async () => {
    await m.h.call('POST', `${m.base}/submit`, {
      token: m.h.tokens.eoCy,
      body: { candidates_informed: true },
    });
    const bad = [
      [{ candidate_number: '5001', component: 'task_9', mark: 12, reason: 'x' }, 400],
      [{ candidate_number: '5001', component: 'task_1', mark: 41, reason: 'x' }, 400],
      [{ candidate_number: '5001', component: 'task_1', mark: 10, reason: 'x' }, 422],
      [{ candidate_number: '50011', component: 'task_1', mark: 12, reason: 'x' }, 400],
      [{ candidate_number: '5999', component: 'task_1', mark: 12, reason: 'x' }, 404],
    ] as const;
    for (const [body, status] of bad) expect((await ask(body)).status, JSON.stringify(body)).toBe(status);
    expect(
      (await ask({ candidate_number: '5001', component: 'task_1', mark: 12, reason: 'x' }, m.h.tokens.eoEn))
        .status,
    ).toBe(403);

    const created = await ask({
      candidate_number: '5001',
      component: 'task_1',
      mark: 14,
      reason: 'Task 1 added up wrongly: 14, not 10.',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      reference: 'MA-2026-00001',
      status: 'awaiting_verification',
      original_mark: 10,
      requested_mark: 14,
    });
    const second = await ask({
      candidate_number: '5002',
      component: 'task_2',
      mark: 'a',
      reason: 'Was absent for task 2.',
    });
    expect(second.json.reference).toBe('MA-2026-00002');

    const queue = await m.h.call('GET', '/api/v1/requests?type=marks_amendment', {
      token: m.h.tokens.support,
    });
    expect(queue.json.data.map((r: { reference: string }) => r.reference).sort()).toEqual([
      'MA-2026-00001',
      'MA-2026-00002',
    ]);
    const shown = await m.h.call('GET', '/api/v1/requests/MA-2026-00001', { token: m.h.tokens.helpline });
    expect(shown.json.fields.find((f: { name: string }) => f.name === 'requested_mark')).toMatchObject({
      value: '14',
      source: 'centre_form',
    });

    const unclaimed = await m.h.call('POST', '/api/v1/requests/MA-2026-00001/approve', {
      token: m.h.tokens.support,
    });
    expect(unclaimed.status).toBe(409);
    expect(
      (await m.h.call('POST', '/api/v1/requests/MA-2026-00001/claim', { token: m.h.tokens.support })).status,
    ).toBe(200);
    const byOther = await m.h.call('POST', '/api/v1/requests/MA-2026-00001/approve', {
      token: m.h.tokens.admin,
    });
    expect(byOther.status).toBe(409);
    expect((await row('5001')).marks.task_1).toBe(10);
    const approved = await m.h.call('POST', '/api/v1/requests/MA-2026-00001/approve', {
      token: m.h.tokens.support,
    });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('approved');
    expect(await row('5001')).toMatchObject({ marks: { task_1: 14, task_2: 20 }, total: 34 });
    const again = await m.h.call('POST', '/api/v1/requests/MA-2026-00001/approve', {
      token: m.h.tokens.support,
    });
    expect(again.status).toBe(409);

    await m.h.call('POST', '/api/v1/requests/MA-2026-00002/claim', { token: m.h.tokens.admin });
    const rejected = await m.h.call('POST', '/api/v1/requests/MA-2026-00002/reject', {
      token: m.h.tokens.admin,
      body: { reason: 'The register shows the candidate present.' },
    });
    expect(rejected.status).toBe(200);
    expect((await row('5002')).marks.task_2).toBe(20);

    const list = await m.h.call('GET', `${m.base}/amendments`, { token: m.h.tokens.eoCy });
    expect(list.json.data).toEqual([
      expect.objectContaining({
        reference: 'MA-2026-00002',
        status: 'rejected',
        decision_reason: 'The register shows the candidate present.',
        applied_at: null,
      }),
      expect.objectContaining({
        reference: 'MA-2026-00001',
        status: 'approved',
        original_mark: 10,
        requested_mark: 14,
        applied_at: expect.any(String),
      }),
    ]);
    const audit = await m.h.call('GET', '/api/v1/centres/68123/audit?per_page=100', {
      token: m.h.tokens.support,
    });
    const amended = audit.json.data.find((a: { action: string }) => a.action === 'amend_mark');
    expect(amended).toMatchObject({ before: { mark: 10, original: 10 }, after: { mark: 14 } });
  });
});
