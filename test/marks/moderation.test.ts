import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillMarks, type MarksHarness, marksHarness } from './support.js';

describe('moderation', () => {
  let m: MarksHarness;
  let moderator: string;
  let stranger: string;
  let sampled: string[];
  const row = async (n: string, token = m.h.tokens.eoCy) =>
    (await m.h.call('GET', `${m.base}/marksheet?per_page=100`, { token })).json.data.find(
      (r: { candidate_number: string }) => r.candidate_number === n,
    );
  beforeAll(async () => {
    m = await marksHarness(20, { code: '3700U1', results: '2027-01-14' });
    moderator = await m.h.makeToken({
      role: 'moderator',
      email: 'cymedrolwr2@cymorth.localhost',
      name: 'Mared Jones',
    });
    stranger = await m.h.makeToken({
      role: 'moderator',
      email: 'arall@cymorth.localhost',
      name: 'Other Moderator',
    });
    await fillMarks(m.h, m.base, m.h.tokens.eoCy, (i) => ({ task_1: i, task_2: 20 }));
    const submitted = await m.h.call('POST', `${m.base}/submit`, {
      token: m.h.tokens.eoCy,
      body: { candidates_informed: true },
    });
    sampled = submitted.json.data.map((d: { candidate_number: string }) => d.candidate_number);
    const assigned = await m.h.call('PUT', `${m.base}/moderator`, {
      token: m.h.tokens.admin,
      body: { email: 'cymedrolwr2@cymorth.localhost' },
    });
    expect(assigned.status).toBe(200);
  });
  afterAll(() => m.h.close());

  it('appoints only moderator accounts, and only staff admin may', async () => {
    const notMod = await m.h.call('PUT', `${m.base}/moderator`, {
      token: m.h.tokens.admin,
      body: { email: 'cefnogi@cymorth.localhost' },
    });
    expect(notMod.status).toBe(422);
    expect(notMod.json.error.code).toBe('not_a_moderator');
    const bySupport = await m.h.call('PUT', `${m.base}/moderator`, {
      token: m.h.tokens.support,
      body: { email: 'arall@cymorth.localhost' },
    });
    expect(bySupport.status).toBe(403);
  });

  it('shows the moderator their units, the sample and nothing else; another moderator nothing', async () => {
    const mine = await m.h.call('GET', '/api/v1/moderation/units', { token: moderator });
    expect(mine.json.data).toEqual([
      expect.objectContaining({ centre: '68123', unit: m.id, submitted: true, report_written: false }),
    ]);
    const sample = await m.h.call('GET', `${m.base}/sample`, { token: moderator });
    expect(sample.status).toBe(200);
    const sheet = await m.h.call('GET', `${m.base}/marksheet?per_page=100`, { token: moderator });
    expect(sheet.json.total).toBe(15);
    for (const [method, path] of [
      ['GET', '/api/v1/centres/68123/units'],
      ['PUT', `${m.base}/marks`],
    ] as const) {
      const res = await m.h.call(method, path, {
        token: moderator,
        body: method === 'PUT' ? { rows: [{ candidate_number: '5001', marks: {}, version: 1 }] } : undefined,
      });
      expect(res.status, path).toBe(403);
    }
    for (const path of [`${m.base}/sample`, `${m.base}/marksheet`, `${m.base}/moderator-report`]) {
      const res = await m.h.call('GET', path, { token: stranger });
      expect(res.status, path).toBe(403);
    }
  });

  it('records moderator marks for sample candidates only', async () => {
    const outside = ['5002', '5003', '5004', '5005', '5006', '5007', '5008', '5009', '5010'].find(
      (n) => !sampled.includes(n),
    );
    const refused = await m.h.call('PUT', `${m.base}/sample/${outside}/moderator-marks`, {
      token: moderator,
      body: { marks: { task_1: 3 } },
    });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('not_in_sample');
    const over = await m.h.call('PUT', `${m.base}/sample/5001/moderator-marks`, {
      token: moderator,
      body: { marks: { task_1: 41 } },
    });
    expect(over.status).toBe(400);
    const ok = await m.h.call('PUT', `${m.base}/sample/5001/moderator-marks`, {
      token: moderator,
      body: { marks: { task_1: 2, task_2: 18 } },
    });
    expect(ok.status).toBe(200);
    const byCentre = await m.h.call('PUT', `${m.base}/sample/5001/moderator-marks`, {
      token: m.h.tokens.eoCy,
      body: { marks: { task_1: 2 } },
    });
    expect(byCentre.status).toBe(403);
  });

  it('a clerical error overrides the total everywhere and keeps the original beside it', async () => {
    const res = await m.h.call('PUT', `${m.base}/candidates/5005/clerical`, {
      token: moderator,
      body: { component: 'task_1', mark: 10 },
    });
    expect(res.status).toBe(200);
    const r = await row('5005');
    expect(r).toMatchObject({
      marks: { task_1: 4, task_2: 20 },
      clerical: { task_1: 10 },
      total: 30,
      original_total: 24,
    });
    const byMark = await m.h.call('GET', `${m.base}/marksheet?sort=mark&per_page=100`, {
      token: m.h.tokens.eoCy,
    });
    const order = byMark.json.data.map((x: { candidate_number: string }) => x.candidate_number);
    expect(order.indexOf('5005')).toBeLessThan(order.indexOf('5009'));
    const unknown = await m.h.call('PUT', `${m.base}/candidates/5005/clerical`, {
      token: moderator,
      body: { component: 'task_9', mark: 1 },
    });
    expect(unknown.status).toBe(400);
  });

  it('the centre sees moderator marks and the report only from results day', async () => {
    const written = await m.h.call('PUT', `${m.base}/moderator-report`, {
      token: moderator,
      body: { outcome: 'adjusted', comments: 'Marking slightly generous in the middle of the range.' },
    });
    expect(written.status).toBe(200);
    expect(written.json).toMatchObject({ outcome: 'adjusted', moderator: { name: 'Mared Jones' } });
    expect(
      written.json.sample.find((s: { candidate_number: string }) => s.candidate_number === '5001'),
    ).toMatchObject({
      centre_mark: 20,
      moderator_mark: 20,
      difference: 0,
    });
    expect(written.json.clerical_errors).toEqual([
      { candidate_number: '5005', component: 'task_1', original: 4, amended: 10 },
    ]);

    const early = await m.h.call('GET', `${m.base}/moderator-report?lang=cy`, { token: m.h.tokens.eoCy });
    expect(early.status).toBe(409);
    expect(early.json.error).toMatchObject({
      code: 'report_not_yet',
      message: expect.stringContaining('2027-01-14'),
    });
    expect((await row('5001')).moderator_marks).toBeUndefined();
    expect((await row('5001', m.h.tokens.support)).moderator_marks).toEqual({ task_1: 2, task_2: 18 });

    m.h.clock.set('2027-01-14T00:30:00Z');
    const onTheDay = await m.h.call('GET', `${m.base}/moderator-report`, { token: m.h.tokens.eoCy });
    expect(onTheDay.status).toBe(200);
    expect(onTheDay.json.comments).toMatch(/generous/);
    expect((await row('5001')).moderator_marks).toEqual({ task_1: 2, task_2: 18 });
  });
});
