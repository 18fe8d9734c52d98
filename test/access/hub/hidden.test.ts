import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, hiddenAssessments } from '../../../src/db/schema/index.js';
import { createHarness, type Harness } from '../../support/harness.js';
import { addUser } from './support.js';

const INVIGILATOR_CODES = ['INV-INTRO', 'INV-ONSCREEN', 'INV-ACCESS', 'INV-MALPRACTICE', 'INV-EMERGENCY'];

describe('hiding assessments from an invigilator', () => {
  let h: Harness;
  let inv: { id: number; token: string };
  let slt: { id: number; token: string };
  const base = (id: number) => `/api/v1/centres/68123/users/${id}`;

  beforeEach(async () => {
    h = await createHarness();
    inv = await addUser(h, {
      email: 'goruchwyliwr@ysgolgwyr.cymru',
      firstName: 'Elin',
      lastName: 'Parri',
      hubRole: 'INV',
    });
    slt = await addUser(h, {
      email: 'dirprwy@ysgolgwyr.cymru',
      firstName: 'Rhys',
      lastName: 'Bowen',
      hubRole: 'SLT',
    });
  });
  afterEach(() => h.close());

  const codes = (res: { json: { assessments: { code: string }[] } }) =>
    res.json.assessments.map((a) => a.code);

  it('offers an invigilator only the invigilator assessments, in Welsh or English', async () => {
    const res = await h.call('GET', `${base(inv.id)}/hidden-assessments?lang=cy`, { token: h.tokens.eoCy });
    expect(res.status).toBe(200);
    expect(res.json.hideable).toBe(true);
    expect(codes(res)).toEqual(INVIGILATOR_CODES);
    expect(res.json.assessments[0]).toEqual({
      code: 'INV-INTRO',
      title: 'Cyflwyniad i oruchwylio',
      hidden: false,
    });
    const en = await h.call('GET', `${base(inv.id)}/assessments?lang=en`, { token: inv.token });
    expect(en.json.assessments.map((a: { title: string }) => a.title)).toContain('On-screen exams');
    expect(en.json.assessments.map((a: { code: string }) => a.code)).not.toContain('EO-ESSENTIALS');
  });

  it('lets the EO hide chosen assessments; the invigilator then no longer sees them, and unticking shows them again', async () => {
    const put = await h.call('PUT', `${base(inv.id)}/hidden-assessments`, {
      token: h.tokens.eoCy,
      body: { hidden: ['INV-ONSCREEN', 'inv-access'] },
    });
    expect(put.status).toBe(200);
    expect(
      put.json.assessments.filter((a: { hidden: boolean }) => a.hidden).map((a: { code: string }) => a.code),
    ).toEqual(['INV-ONSCREEN', 'INV-ACCESS']);

    const seen = await h.call('GET', `${base(inv.id)}/assessments`, { token: inv.token });
    expect(codes(seen)).toEqual(['INV-INTRO', 'INV-MALPRACTICE', 'INV-EMERGENCY']);

    const audit = await h.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'hide_assessments'));
    expect(audit.at(-1)?.after).toEqual({ hidden: ['INV-ACCESS', 'INV-ONSCREEN'] });

    const unhide = await h.call('PUT', `${base(inv.id)}/hidden-assessments`, {
      token: h.tokens.eoCy,
      body: { hidden: ['INV-ACCESS'] },
    });
    expect(unhide.status).toBe(200);
    const again = await h.call('GET', `${base(inv.id)}/assessments`, { token: inv.token });
    expect(codes(again)).toEqual(['INV-INTRO', 'INV-ONSCREEN', 'INV-MALPRACTICE', 'INV-EMERGENCY']);
  });

  it('lets staff hide assessments too', async () => {
    const put = await h.call('PUT', `${base(inv.id)}/hidden-assessments`, {
      token: h.tokens.support,
      body: { hidden: ['INV-EMERGENCY'] },
    });
    expect(put.status).toBe(200);
    const rows = await h.ctx.db
      .select()
      .from(hiddenAssessments)
      .where(eq(hiddenAssessments.accountId, inv.id));
    expect(rows).toHaveLength(1);
  });

  it('refuses to hide anything from an account that is not an invigilator, saying why', async () => {
    const res = await h.call('PUT', `${base(slt.id)}/hidden-assessments?lang=en`, {
      token: h.tokens.eoCy,
      body: { hidden: ['INV-INTRO'] },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('hide_needs_invigilator');
    expect(res.json.error.message).toContain('Hub role is SLT');
    const cy = await h.call('GET', `${base(slt.id)}/hidden-assessments`, { token: h.tokens.eoCy });
    expect(cy.json.hideable).toBe(false);
    expect(codes(cy)).toContain('EO-ESSENTIALS');
    const slts = await h.call('GET', `${base(slt.id)}/assessments`, { token: slt.token });
    expect(slts.json.assessments).toHaveLength(9);
  });

  it('names each unknown or non-invigilator code and changes nothing', async () => {
    await h.call('PUT', `${base(inv.id)}/hidden-assessments`, {
      token: h.tokens.eoCy,
      body: { hidden: ['INV-INTRO'] },
    });
    const res = await h.call('PUT', `${base(inv.id)}/hidden-assessments?lang=cy`, {
      token: h.tokens.eoCy,
      body: { hidden: ['INV-ACCESS', 'NO-SUCH', 'EO-ESSENTIALS'] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([
      {
        field: 'hidden.1',
        code: 'unknown_assessment',
        params: { code: 'NO-SUCH' },
        message: "Nid oes asesiad yn yr Hyb â'r cod NO-SUCH.",
      },
      {
        field: 'hidden.2',
        code: 'not_for_invigilators',
        params: { code: 'EO-ESSENTIALS' },
        message:
          'Nid yw EO-ESSENTIALS yn asesiad i oruchwylwyr, felly nid yw cyfrif goruchwyliwr byth yn ei weld.',
      },
    ]);
    const rows = await h.ctx.db
      .select()
      .from(hiddenAssessments)
      .where(eq(hiddenAssessments.accountId, inv.id));
    expect(rows.map((r) => r.assessmentId)).toHaveLength(1);
  });

  it('does not let the invigilator, a colleague or another centre unhide', async () => {
    for (const token of [inv.token, slt.token, h.tokens.user, h.tokens.eoEn, h.tokens.helpline]) {
      const res = await h.call('PUT', `${base(inv.id)}/hidden-assessments`, { token, body: { hidden: [] } });
      expect(res.status).toBe(403);
    }
  });

  it('answers 404 for an account of another centre reached through this one', async () => {
    const res = await h.call('GET', '/api/v1/centres/68123/users/4/hidden-assessments', {
      token: h.tokens.support,
    });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('account_not_found');
  });
});
