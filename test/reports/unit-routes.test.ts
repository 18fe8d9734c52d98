import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entries, marksheets, sampleMembers } from '../../src/db/schema/index.js';
import { fillMarks, type MarksHarness, marksHarness } from '../marks/support.js';
import { readPdf } from './pdf.js';

describe('GET /centres/:number/units/:unit/reports/candidates.pdf and moderator.pdf', () => {
  let m: MarksHarness;
  let moderatorToken: string;
  const get = (path: string, token?: string) =>
    m.h.app.request(`${m.base}/reports/${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const pdfOf = async (res: Response) => readPdf(new Uint8Array(await res.arrayBuffer()));

  beforeAll(async () => {
    m = await marksHarness(45);
    const { h, base } = m;
    await fillMarks(h, base, h.tokens.eoCy, (i) =>
      i === 2
        ? { task_1: 'A', task_2: 'A' }
        : i === 3
          ? { task_1: 'CF', task_2: 'CF' }
          : { task_1: 20 + (i % 20), task_2: i % 40 },
    );
    const submitted = await h.call('POST', `${base}/submit`, {
      token: h.tokens.eoCy,
      body: { candidates_informed: true },
    });
    expect(submitted.status).toBe(200);
    moderatorToken = await h.makeToken({ role: 'moderator', email: 'cymedrolwr@cymorth.test' });
    const assigned = await h.call('PUT', `${base}/moderator`, {
      token: h.tokens.admin,
      body: { email: 'cymedrolwr@cymorth.test' },
    });
    expect(assigned.status).toBe(200);
    // The moderator's marks, a clerical correction and the verdict, as the moderation feature will write them.
    const db = h.ctx.db;
    const sheet = await db.select().from(marksheets).where(eq(marksheets.unitId, m.id)).get();
    if (!sheet) throw new Error('no marksheet');
    const members = await db.select().from(sampleMembers).where(eq(sampleMembers.marksheetId, sheet.id));
    for (const [i, member] of members.entries()) {
      await db
        .update(sampleMembers)
        .set({ moderatorMarks: { task_1: 25 + (i % 3), task_2: 10 } })
        .where(eq(sampleMembers.id, member.id));
    }
    const [first] = await db
      .select()
      .from(entries)
      .where(eq(entries.marksheetId, sheet.id))
      .orderBy(entries.id)
      .limit(1);
    if (first)
      await db
        .update(entries)
        .set({ clerical: { task_1: 18 } })
        .where(eq(entries.id, first.id));
    await db
      .update(marksheets)
      .set({
        reportOutcome: 'adjusted',
        reportComments: 'Marcio cyson.\n\nSome marks at the top were generous.',
      })
      .where(eq(marksheets.id, sheet.id));
  });
  afterAll(() => m.h.close());

  it('gives the centre every candidate in candidate number order as an attachment named for what it is', async () => {
    const res = await get('candidates.pdf?lang=en', m.h.tokens.eoCy);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="candidate-details-3700U1-68123.pdf"',
    );
    const pdf = await pdfOf(res);
    try {
      const sheet = await m.h.call('GET', `${m.base}/marksheet?per_page=100&page=1`, {
        token: m.h.tokens.eoCy,
      });
      const numbers: string[] = sheet.json.data.map((r: { candidate_number: string }) => r.candidate_number);
      expect(numbers).toHaveLength(45);
      let from = 0;
      for (const n of numbers) {
        const at = pdf.text.indexOf(n, from);
        expect(at, n).toBeGreaterThanOrEqual(from);
        from = at;
      }
      expect(pdf.text).toContain('GCSE JUNE 2028 English Language Unit 1 Oracy (3700U1)');
      expect(pdf.text).toMatch(/\bA\s+A\s+A\b/);
      expect(pdf.text).toMatch(/20\s*»\s*18/);
      expect(pdf.info.Tagged).toBe('yes');
      pdf.pageTexts.forEach((page, i) => {
        expect(page).toContain(`Page ${i + 1} of ${pdf.pages}`);
        expect(page).toContain('Cand. no.');
      });
    } finally {
      await pdf.close();
    }
  });

  it('answers in the account’s language, or both with Welsh first', async () => {
    const cy = await get('candidates.pdf', m.h.tokens.eoCy);
    expect(cy.headers.get('content-disposition')).toBe(
      'attachment; filename="manylion-ymgeiswyr-3700U1-68123.pdf"',
    );
    const both = await pdfOf(await get('candidates.pdf?lang=both', m.h.tokens.eoCy));
    try {
      expect(both.text).toContain('Adroddiad manylion ymgeiswyr / Candidate details report');
      expect(both.text).toContain('Iaith Saesneg Uned 1 Llafaredd');
    } finally {
      await both.close();
    }
  });

  it('keeps the marksheet’s permissions, refusing in JSON before any PDF starts', async () => {
    expect((await get('candidates.pdf', m.h.tokens.eoEn)).status).toBe(403);
    expect((await get('candidates.pdf', m.h.tokens.user)).status).toBe(403);
    expect((await get('candidates.pdf')).status).toBe(401);
    expect((await get('candidates.pdf', m.h.tokens.helpline)).status).toBe(200);
    const bad = await get('candidates.pdf?lang=de', m.h.tokens.eoCy);
    expect(bad.status).toBe(400);
    const refusal = (await bad.json()) as { error: { code: string; details: { message: string }[] } };
    expect(refusal.error.code).toBe('validation_failed');
    // The choices named are the report's own, Welsh first as the caller reads: `both` among them.
    expect(refusal.error.details[0]?.message).toBe("Rhaid iddo fod yn un o'r rhain: cy, en, both.");
    const missing = await m.h.call('GET', '/api/v1/centres/68123/units/9999/reports/candidates.pdf', {
      token: m.h.tokens.eoCy,
    });
    expect(missing.status).toBe(404);
  });

  it('refuses the moderator report to the centre before results day and serves it from then (fixed clock)', async () => {
    const before = await m.h.call('GET', `${m.base}/reports/moderator.pdf?lang=en`, {
      token: m.h.tokens.eoCy,
    });
    expect(before.status).toBe(409);
    expect(before.json.error.code).toBe('report_not_yet');
    expect(before.json.error.message).toContain('2027-01-14');

    for (const token of [m.h.tokens.support, moderatorToken]) {
      const res = await get('moderator.pdf?lang=en', token);
      expect(res.status).toBe(200);
      const pdf = await pdfOf(res);
      try {
        expect(pdf.text).toContain("Moderator's report");
        expect(pdf.text).toContain("The centre's marks have been adjusted.");
        expect(pdf.text).toContain('Some marks at the top were generous.');
        expect(pdf.text).toContain('Clerical errors');
      } finally {
        await pdf.close();
      }
    }

    m.h.clock.set('2027-01-14T00:30:00Z');
    const after = await get('moderator.pdf', m.h.tokens.eoCy);
    expect(after.status).toBe(200);
    expect(after.headers.get('content-disposition')).toBe(
      'attachment; filename="adroddiad-cymedrolwr-3700U1-68123.pdf"',
    );
    const pdf = await pdfOf(after);
    try {
      expect(pdf.text).toContain('Adroddiad y cymedrolwr');
      expect(pdf.text).toContain('Y sampl');
    } finally {
      await pdf.close();
    }
  });

  it('gives a moderator who is not this unit’s nothing', async () => {
    const other = await m.h.makeToken({ role: 'moderator', email: 'arall@cymorth.test' });
    expect((await get('moderator.pdf', other)).status).toBe(403);
    expect((await get('candidates.pdf', other)).status).toBe(403);
  });
});
