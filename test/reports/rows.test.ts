import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { entries, marksheets, sampleMembers } from '../../src/db/schema/index.js';
import { visibleRows } from '../../src/marks/queries.js';
import { reportRows } from '../../src/reports/units/rows.js';
import { fillMarks, marksHarness } from '../marks/support.js';

describe('the candidate details report’s rows', () => {
  it('are the marksheet’s own visible rows, in its order, with the columns the report prints', async () => {
    const { h, id, base } = await marksHarness(12);
    try {
      await fillMarks(h, base, h.tokens.eoCy, (i) => ({ task_1: i % 41, task_2: (i * 7) % 41 }));
      const db = h.ctx.db;
      const sheet = await db.select().from(marksheets).where(eq(marksheets.unitId, id)).get();
      if (!sheet) throw new Error('no marksheet');
      const all = await db
        .select()
        .from(entries)
        .where(eq(entries.marksheetId, sheet.id))
        .orderBy(entries.id);
      const entry = (i: number) => (all[i] as (typeof all)[number]).id;
      const now = new Date();
      // Withdrawn with a mark (still shown) and without one (not), an amendment, a sample member and a replaced one.
      await db
        .update(entries)
        .set({ withdrawnAt: now })
        .where(eq(entries.id, entry(1)));
      await db
        .update(entries)
        .set({ withdrawnAt: now, marks: {} })
        .where(eq(entries.id, entry(2)));
      await db
        .update(entries)
        .set({ clerical: { task_1: 7 }, initials: null })
        .where(eq(entries.id, entry(3)));
      await db.insert(sampleMembers).values([
        { marksheetId: sheet.id, entryId: entry(4), reason: 'system', createdAt: now },
        { marksheetId: sheet.id, entryId: entry(5), reason: 'centre', createdAt: now, replacedAt: now },
      ]);

      const expected = (await visibleRows(db, sheet.id)).map((r) => ({
        number: r.candidate.number,
        surname: r.candidate.surname,
        forename: r.candidate.forename,
        dateOfBirth: r.candidate.dateOfBirth,
        marks: r.entry.marks,
        clerical: r.entry.clerical,
        initials: r.entry.initials,
        sampleReason: r.sampleReason,
      }));
      expect(expected).toHaveLength(11);
      expect(expected.filter((r) => r.sampleReason)).toHaveLength(1);
      expect(await reportRows(db, sheet.id)).toEqual(expected);
    } finally {
      await h.close();
    }
  });
});
