import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assessmentAttempts } from '../../../src/db/schema/index.js';
import { createHarness, type Harness } from '../../support/harness.js';
import { addUser } from './support.js';

type Progress = {
  code: string;
  status: string;
  sections_passed: number;
  section_count: number;
  best_result: { mark: number; out_of: number } | null;
  failed_attempts: number;
  sections: { section: number; status: string; attempts: unknown[]; failed_attempts: number }[];
};

describe('assessment progress', () => {
  let h: Harness;
  let inv: { id: number; token: string };
  const base = (id: number) => `/api/v1/centres/68123/users/${id}`;
  const attempt = (token: string, code: string, body: unknown, id = inv.id) =>
    h.call('POST', `${base(id)}/assessments/${code}/attempts?lang=en`, { token, body });
  const progressOf = async (code: string, token = inv.token): Promise<Progress> => {
    const res = await h.call('GET', `${base(inv.id)}/assessments`, { token });
    expect(res.status).toBe(200);
    return res.json.assessments.find((a: Progress) => a.code === code);
  };

  beforeEach(async () => {
    h = await createHarness();
    inv = await addUser(h, {
      email: 'goruchwyliwr@ysgolgwyr.cymru',
      firstName: 'Elin',
      lastName: 'Parri',
      hubRole: 'INV',
    });
  });
  afterEach(() => h.close());

  it('goes from not started, to in progress after a failed attempt, to passed, keeping the best result', async () => {
    const before = await h.call('GET', `${base(inv.id)}/assessments`, { token: inv.token });
    expect(before.json.started).toBe(false);
    expect(await progressOf('INV-MALPRACTICE')).toMatchObject({
      status: 'not_started',
      sections_passed: 0,
      section_count: 1,
      best_result: null,
      failed_attempts: 0,
    });

    const fail = await attempt(inv.token, 'INV-MALPRACTICE', { mark: 15, out_of: 20 });
    expect(fail.status).toBe(201);
    expect(fail.json).toMatchObject({
      status: 'in_progress',
      best_result: { mark: 15, out_of: 20 },
      failed_attempts: 1,
    });
    h.clock.advance(60_000);
    await attempt(inv.token, 'INV-MALPRACTICE', { mark: 12, out_of: 20 });
    h.clock.advance(60_000);
    // 16/20 is exactly the 80% pass mark.
    const pass = await attempt(inv.token, 'INV-MALPRACTICE', { mark: 16, out_of: 20 });
    expect(pass.json).toMatchObject({
      status: 'passed',
      sections_passed: 1,
      best_result: { mark: 16, out_of: 20 },
      failed_attempts: 2,
    });
    h.clock.advance(60_000);
    await attempt(inv.token, 'INV-MALPRACTICE', { mark: 10, out_of: 20 });

    const after = await h.call('GET', `${base(inv.id)}/assessments`, { token: h.tokens.eoCy });
    expect(after.json.started).toBe(true);
    const p = after.json.assessments.find((a: Progress) => a.code === 'INV-MALPRACTICE');
    expect(p).toMatchObject({ status: 'passed', best_result: { mark: 16, out_of: 20 }, failed_attempts: 3 });
    expect(p.sections[0].attempts).toEqual([
      { id: expect.any(Number), mark: 15, out_of: 20, passed: false, at: '2026-11-23T09:00:00.000Z' },
      { id: expect.any(Number), mark: 12, out_of: 20, passed: false, at: '2026-11-23T09:01:00.000Z' },
      { id: expect.any(Number), mark: 16, out_of: 20, passed: true, at: '2026-11-23T09:02:00.000Z' },
      { id: expect.any(Number), mark: 10, out_of: 20, passed: false, at: '2026-11-23T09:03:00.000Z' },
    ]);
    expect((await progressOf('INV-INTRO')).status).toBe('not_started');
  });

  it('passes an assessment only when every section is passed, as "See Sections" shows', async () => {
    await attempt(inv.token, 'INV-INTRO', { mark: 18, out_of: 18, section: 1 });
    await attempt(inv.token, 'INV-INTRO', { mark: 19, out_of: 20, section: 2 });
    let p = await progressOf('INV-INTRO');
    expect(p).toMatchObject({
      status: 'in_progress',
      sections_passed: 2,
      section_count: 3,
      best_result: { mark: 37, out_of: 38 },
    });
    expect(p.sections.map((s) => s.status)).toEqual(['passed', 'passed', 'not_started']);
    await attempt(inv.token, 'INV-INTRO', { mark: 3, out_of: 10, section: 3 });
    await attempt(inv.token, 'INV-INTRO', { mark: 9, out_of: 10, section: 3 });
    p = await progressOf('INV-INTRO');
    expect(p).toMatchObject({
      status: 'passed',
      sections_passed: 3,
      failed_attempts: 1,
      best_result: { mark: 46, out_of: 48 },
    });
    expect(p.sections[2]).toMatchObject({ status: 'passed', failed_attempts: 1 });
    expect(p.sections[2]?.attempts).toHaveLength(2);

    const tooFar = await attempt(inv.token, 'INV-INTRO', { mark: 1, out_of: 1, section: 4 });
    expect(tooFar.status).toBe(400);
    expect(tooFar.json.error.details).toEqual([
      { field: 'section', code: 'too_big', params: { maximum: 3 }, message: 'Must be at most 3.' },
    ]);
  });

  it('validates marks: whole numbers, not above out_of, out_of at least 1', async () => {
    for (const body of [
      { mark: 21, out_of: 20 },
      { mark: 1.5, out_of: 20 },
      { mark: -1, out_of: 20 },
      { mark: 0, out_of: 0 },
      { mark: '10', out_of: 20 },
      { out_of: 20 },
      { mark: 1, out_of: 2, extra: true },
    ]) {
      const res = await attempt(inv.token, 'INV-INTRO', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('validation_failed');
    }
    const over = await h.call('POST', `${base(inv.id)}/assessments/INV-INTRO/attempts?lang=cy`, {
      token: inv.token,
      body: { mark: 21, out_of: 20 },
    });
    expect(over.json.error.details).toEqual([
      {
        field: 'mark',
        code: 'mark_over_out_of',
        message: "Ni all y marc fod yn fwy na'r marciau sydd ar gael.",
      },
    ]);
    expect(await h.ctx.db.select().from(assessmentAttempts)).toHaveLength(0);
  });

  it('refuses attempts at a hidden assessment, one the role does not offer, and one that does not exist', async () => {
    await h.call('PUT', `${base(inv.id)}/hidden-assessments`, {
      token: h.tokens.eoCy,
      body: { hidden: ['INV-ONSCREEN'] },
    });
    const hidden = await attempt(inv.token, 'INV-ONSCREEN', { mark: 5, out_of: 5 });
    expect(hidden.status).toBe(409);
    expect(hidden.json.error).toMatchObject({
      code: 'assessment_not_available',
      message: expect.stringContaining('INV-ONSCREEN'),
    });
    const notOffered = await attempt(inv.token, 'EO-ESSENTIALS', { mark: 5, out_of: 5 });
    expect(notOffered.status).toBe(409);
    const unknown = await attempt(inv.token, 'NO-SUCH', { mark: 5, out_of: 5 });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toBe('There is no Hub assessment with the code NO-SUCH.');
    expect(await h.ctx.db.select().from(assessmentAttempts)).toHaveLength(0);
  });

  it('lets staff record an attempt for the account, noting who recorded it', async () => {
    const res = await attempt(h.tokens.support, 'INV-EMERGENCY', { mark: 10, out_of: 10 });
    expect(res.status).toBe(201);
    expect(res.json.status).toBe('passed');
    const [row] = await h.ctx.db
      .select()
      .from(assessmentAttempts)
      .where(eq(assessmentAttempts.accountId, inv.id));
    expect(row?.recordedBy).not.toBe(inv.id);
    expect(row?.recordedBy).toBeTypeOf('number');
  });

  it("refuses a colleague recording another account's attempt, even the centre's EO, and another centre", async () => {
    const colleague = await addUser(h, {
      email: 'goruchwyliwr2@ysgolgwyr.cymru',
      firstName: 'Dewi',
      lastName: 'Lloyd',
      hubRole: 'INV',
    });
    for (const token of [colleague.token, h.tokens.eoCy, h.tokens.user, h.tokens.eoEn, h.tokens.helpline]) {
      const res = await attempt(token, 'INV-INTRO', { mark: 5, out_of: 5 });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    }
    const ownOk = await attempt(colleague.token, 'INV-INTRO', { mark: 5, out_of: 5 }, colleague.id);
    expect(ownOk.status).toBe(201);
  });

  it("lets a user read only their own progress, not a colleague's", async () => {
    const colleague = await addUser(h, {
      email: 'goruchwyliwr2@ysgolgwyr.cymru',
      firstName: 'Dewi',
      lastName: 'Lloyd',
      hubRole: 'INV',
    });
    expect((await h.call('GET', `${base(inv.id)}/assessments`, { token: inv.token })).status).toBe(200);
    const other = await h.call('GET', `${base(inv.id)}/assessments`, { token: colleague.token });
    expect(other.status).toBe(403);
    const foreign = await h.call('GET', `${base(inv.id)}/assessments`, { token: h.tokens.eoEn });
    expect(foreign.status).toBe(403);
  });
});
