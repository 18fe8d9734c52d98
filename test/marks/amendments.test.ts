import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/audit/record.js';
import { outbox } from '../../src/db/schema/index.js';
import { templateFiles } from '../../src/mail/template-files.js';
import { renderMail } from '../../src/mail/templates.js';
import { importEntries } from '../../src/marks/import.js';
import { entryCsv, fillMarks, type MarksHarness, marksHarness } from './support.js';

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
    // 68123's mail is in Welsh, so the reason its Exams Officer reads must be in Welsh.
    const inEnglish = await m.h.call('POST', '/api/v1/requests/MA-2026-00002/reject', {
      token: m.h.tokens.admin,
      body: { reason_en: 'The register shows the candidate present.' },
    });
    expect(inEnglish.status).toBe(400);
    expect(inEnglish.json.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'reason_cy',
      'reason_en',
    ]);
    const rejected = await m.h.call('POST', '/api/v1/requests/MA-2026-00002/reject', {
      token: m.h.tokens.admin,
      body: { reason_cy: "Mae'r gofrestr yn dangos bod yr ymgeisydd yn bresennol." },
    });
    expect(rejected.status).toBe(200);
    expect((await row('5002')).marks.task_2).toBe(20);

    const list = await m.h.call('GET', `${m.base}/amendments`, { token: m.h.tokens.eoCy });
    expect(list.json.data).toEqual([
      expect.objectContaining({
        reference: 'MA-2026-00002',
        status: 'rejected',
        decision_reason: "Mae'r gofrestr yn dangos bod yr ymgeisydd yn bresennol.",
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

    // Whoever asked hears each decision, in the centre's language, written with the decision itself.
    const mail = await m.h.ctx.db.select().from(outbox).where(like(outbox.template, 'marks_amendment_%'));
    expect(mail.map((o) => [o.template, o.toAddress, o.language])).toEqual([
      ['marks_amendment_approved', 'arholiadau@ysgolgwyr.cymru', 'cy'],
      ['marks_amendment_rejected', 'arholiadau@ysgolgwyr.cymru', 'cy'],
    ]);
    const [yes, no] = mail.map((o) => renderMail(templateFiles(), o.template, o.language, o.params));
    expect(yes?.subject).toBe('Cymeradwywyd diwygiad marciau MA-2026-00001: ymgeisydd 5001, 3700U1');
    expect(yes?.text).toContain('Cydran: Task 1\nMarc: 10, bellach 14');
    expect(no?.text).toContain('Marc: 20 (gofynnoch am A)');
    expect(no?.text).toContain("Y rheswm: Mae'r gofrestr yn dangos bod yr ymgeisydd yn bresennol.");
    expect(no?.text).not.toMatch(/Dear|The reason/);
  });

  it('keeps both of two amendments of one candidate approved at the same moment', async () => {
    const refs: string[] = [];
    for (const [component, mark] of [
      ['task_1', 1],
      ['task_2', 2],
    ] as const) {
      const res = await ask({ candidate_number: '5003', component, mark, reason: 'Copied wrongly' });
      refs.push(res.json.reference);
      await m.h.call('POST', `/api/v1/requests/${res.json.reference}/claim`, { token: m.h.tokens.support });
    }
    const answers = await Promise.all(
      refs.map((ref) => m.h.call('POST', `/api/v1/requests/${ref}/approve`, { token: m.h.tokens.support })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await row('5003')).marks).toEqual({ task_1: 1, task_2: 2 });
  });

  it('answers an English-medium centre in both languages, Welsh first, and needs the reason in both', async () => {
    const t = await marksHarness(3, { code: '3700U2' });
    try {
      await importEntries(t.h.ctx, systemActor('test'), entryCsv('3700U2', '66410', 3, { start: 6001 }));
      const units = await t.h.call('GET', '/api/v1/centres/66410/units', { token: t.h.tokens.eoEn });
      const base = `/api/v1/centres/66410/units/${units.json.data[0].id}`;
      await fillMarks(t.h, base, t.h.tokens.eoEn, () => ({ task_1: 30, task_2: 30 }));
      await t.h.call('POST', `${base}/submit`, {
        token: t.h.tokens.eoEn,
        body: { candidates_informed: true },
      });
      const asked = await t.h.call('POST', `${base}/amendments`, {
        token: t.h.tokens.eoEn,
        body: { candidate_number: '6002', component: 'task_2', mark: 25, reason: 'Misread the mark scheme' },
      });
      const ref = asked.json.reference;
      await t.h.call('POST', `/api/v1/requests/${ref}/claim`, { token: t.h.tokens.support });
      const onlyEnglish = await t.h.call('POST', `/api/v1/requests/${ref}/reject`, {
        token: t.h.tokens.support,
        body: { reason_en: 'No evidence was sent.' },
      });
      expect(onlyEnglish.status).toBe(400);
      expect(onlyEnglish.json.error.details).toEqual([
        expect.objectContaining({ field: 'reason_cy', code: 'required_for_mail_language' }),
      ]);
      const approved = await t.h.call('POST', `/api/v1/requests/${ref}/approve`, {
        token: t.h.tokens.support,
      });
      expect(approved.status).toBe(200);
      const [o] = await t.h.ctx.db.select().from(outbox).where(like(outbox.template, 'marks_amendment_%'));
      expect([o?.toAddress, o?.language]).toEqual(['j.price@stteilos-demo.org.uk', 'bilingual']);
      const text = o ? renderMail(templateFiles(), o.template, o.language, o.params).text : '';
      expect(text.indexOf('Annwyl')).toBeLessThan(text.indexOf('Dear'));
      expect(text).toContain('Mark: 30, now 25');
    } finally {
      await t.h.close();
    }
  });
});
