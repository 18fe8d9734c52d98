import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { DomainError, ERROR_STATUS } from '../../errors.js';
import { requireSheet } from '../../marks/access.js';
import { downloadFile, listFiles, uploadFiles } from '../../marks/files.js';
import { presentComponents, unitTitle } from '../../marks/present.js';
import { visibleRows } from '../../marks/queries.js';
import { getMarksheet, listUnits, presentedRows, sheetStatus } from '../../marks/read.js';
import { addToSample, getSample, replaceInSample } from '../../marks/sample.js';
import { saveMarks } from '../../marks/save.js';
import { submitMarks } from '../../marks/submit.js';
import { drawCandidates } from '../../reports/candidates/draw.js';
import { sendPdf } from '../../reports/http.js';
import { drawModeratorReport } from '../../reports/moderator/draw.js';
import { candidatesReport, moderatorReport } from '../../reports/units/service.js';
import type { WebEnv } from '../env.js';
import { type CellResults, cellId, MarksheetPage, type SheetView } from '../pages/marksheet.js';
import { SamplePage, type SampleView } from '../pages/sample.js';
import { SubmitPage } from '../pages/submit.js';
import { UnitsPage } from '../pages/units.js';
import { render, seeOther } from '../render.js';
import { assertCsrf } from '../state.js';
import { formOf } from './auth.js';
import { signedIn } from './guard.js';

type C = Context<WebEnv>;
type SaveRowInput = Parameters<typeof saveMarks>[4]['rows'][number];

/** The seed's options; "rows" goes up to 500 so a whole class fits on one page. */
const PageQuery = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  per_page: z.coerce.number().int().min(1).max(500).catch(20),
  sort: z.enum(['candidate', 'name', 'mark']).catch('candidate'),
  show: z.enum(['all', 'unmarked', 'marked', 'samples']).catch('all'),
  q: z.string().trim().max(60).optional().catch(undefined),
});

const where = (c: C) => ({ number: c.req.param('number') ?? '', unitId: Number(c.req.param('unit')) });

async function sheetView(c: C): Promise<SheetView> {
  const { number, unitId } = where(c);
  const ctx = c.get('ctx');
  const p = signedIn(c);
  const query = PageQuery.parse(c.req.query());
  const sheet = await requireSheet(ctx, p, number, unitId);
  // The status needs the stored rows only, not the presented ones the marksheet makes for its page.
  const [page, all] = await Promise.all([
    getMarksheet(ctx, p, number, unitId, query),
    visibleRows(ctx.db, sheet.sheet.id),
  ]);
  const status = sheetStatus(sheet, all);
  return {
    number,
    unitId,
    heading: `${sheet.series} ${unitTitle(sheet.unit, c.get('web').lang)} (${sheet.unit.code})`,
    components: presentComponents(sheet.unit.components),
    initials: sheet.unit.teacherInitials,
    submitted: status.status === 'submitted',
    ready: status.status === 'ready_to_submit',
    rows: page.data,
    total: page.total,
    query,
  };
}

/** The posted cells as the marks service's rows: only what differs from what is stored. */
async function rowsFromForm(c: C, form: Record<string, string>): Promise<SaveRowInput[]> {
  const { number, unitId } = where(c);
  const sheet = await requireSheet(c.get('ctx'), signedIn(c), number, unitId);
  const current = new Map(
    (await presentedRows(c.get('ctx'), sheet)).presented.map((r) => [r.candidate_number, r]),
  );
  const rows: SaveRowInput[] = [];
  for (const [name, version] of Object.entries(form)) {
    const candidate = name.match(/^v\.(\d{4})$/)?.[1];
    const now = candidate ? current.get(candidate) : undefined;
    if (!candidate || !now) continue;
    const marks: Record<string, string> = {};
    for (const comp of sheet.unit.components) {
      const sent = form[`m.${candidate}.${comp.key}`];
      if (sent !== undefined && sent.trim() !== String(now.marks[comp.key] ?? '')) marks[comp.key] = sent;
    }
    const initials = form[`i.${candidate}`];
    const changedInitials = initials !== undefined && initials.trim().toUpperCase() !== (now.initials ?? '');
    if (!Object.keys(marks).length && !changedInitials) continue;
    rows.push({
      candidate_number: candidate,
      marks,
      ...(changedInitials ? { initials } : {}),
      version: Number(version),
    });
  }
  return rows;
}

/** Each sent cell's outcome, refusals worded in the page's language. */
function cellResults(c: C, rows: SaveRowInput[], refused: Awaited<ReturnType<typeof saveMarks>>['refused']) {
  const { t } = c.get('web');
  const results: CellResults = new Map();
  for (const r of rows) {
    for (const key of Object.keys(r.marks)) results.set(cellId(r.candidate_number, key), { ok: true });
    if (r.initials !== undefined) results.set(cellId(r.candidate_number, 'initials'), { ok: true });
  }
  for (const f of refused) {
    if (!f.component) continue;
    results.set(cellId(f.candidate_number, f.component), {
      ok: false,
      message: t(`validation:${f.code}`, f.params),
    });
  }
  return results;
}

async function sampleView(c: C): Promise<SampleView> {
  const { number, unitId } = where(c);
  const ctx = c.get('ctx');
  const p = signedIn(c);
  const sheet = await requireSheet(ctx, p, number, unitId);
  const sample = await getSample(ctx, p, number, unitId);
  const inSample = new Set(sample.data.filter((m) => !m.replaced).map((m) => m.candidate_number));
  const members = await Promise.all(
    sample.data.map(async (m) => ({
      ...m,
      files:
        sheet.unit.uploads && !m.replaced
          ? (await listFiles(ctx, p, number, unitId, m.candidate_number)).data
          : [],
    })),
  );
  const { presented } = await presentedRows(ctx, sheet);
  return {
    number,
    unitId,
    heading: `${sheet.series} ${unitTitle(sheet.unit, c.get('web').lang)} (${sheet.unit.code})`,
    uploads: sheet.unit.uploads,
    members,
    addable: presented
      .filter((r) => typeof r.total === 'number' && !inSample.has(r.candidate_number))
      .map((r) => ({ candidate_number: r.candidate_number, name: r.name, total: r.total })),
  };
}

/** A refusal the sample page shows at its top, or anything else passed on. */
async function sampleAction(c: C, act: () => Promise<unknown>, done: string) {
  const { number, unitId } = where(c);
  const web = c.get('web');
  try {
    await act();
  } catch (err) {
    if (!(err instanceof DomainError) || ERROR_STATUS[err.code] >= 500 || err.code === 'forbidden') throw err;
    const message = web.t(`errors:${err.code}`, err.params);
    return render(
      c,
      <SamplePage web={web} view={await sampleView(c)} errors={[{ field: '', message }]} />,
      409,
    );
  }
  return seeOther(c, `/centres/${number}/units/${unitId}/sample?${done}`);
}

const wantsJson = (c: C) => (c.req.header('accept') ?? '').includes('application/json');

/**
 * The unit's PDF reports for the signed-in visitor, as the API serves them to a token (issue 13):
 * the same permissions, and the moderator report to the centre only from results day.
 */
const reportPdf = (which: 'candidates' | 'moderator') => async (c: C) => {
  const { number, unitId } = where(c);
  const ctx = c.get('ctx');
  const input = { number, unit: unitId, lang: c.get('web').lang };
  if (which === 'candidates') {
    const view = await candidatesReport(ctx, signedIn(c), input);
    return sendPdf(c as never, ctx, { ...view, draw: (doc) => drawCandidates(doc, view) });
  }
  const view = await moderatorReport(ctx, signedIn(c), input);
  return sendPdf(c as never, ctx, { ...view, draw: (doc) => drawModeratorReport(doc, view) });
};

/** Seed 001's internal assessment pages over the marks service (`src/marks/`). */
export function marksPages() {
  return new Hono<WebEnv>()
    .get('/centres/:number/units/:unit/reports/candidates.pdf', reportPdf('candidates'))
    .get('/centres/:number/units/:unit/reports/moderator.pdf', reportPdf('moderator'))
    .get('/centres/:number/units', async (c) => {
      const { number } = where(c);
      const units = await listUnits(c.get('ctx'), signedIn(c), number, c.get('web').lang);
      const said = ['saved', 'submitted'].find((k) => c.req.query(k) !== undefined);
      const notice = said ? c.get('web').t(`web:units.${said}`) : undefined;
      return render(c, <UnitsPage web={c.get('web')} number={number} units={units.data} notice={notice} />);
    })
    .get('/centres/:number/units/:unit/marksheet', async (c) =>
      render(
        c,
        <MarksheetPage web={c.get('web')} sheet={await sheetView(c)} results={new Map()} errors={[]} />,
      ),
    )
    .post('/centres/:number/units/:unit/marksheet', async (c) => {
      const form = await formOf(c);
      const { number, unitId } = where(c);
      const web = c.get('web');
      const rows = await rowsFromForm(c, form);
      try {
        const saved = rows.length
          ? await saveMarks(c.get('ctx'), signedIn(c), number, unitId, { rows })
          : undefined;
        const results = cellResults(c, rows, saved?.refused ?? []);
        if (wantsJson(c))
          return c.json({
            rows: (saved?.rows ?? []).map((r) => ({
              candidate_number: r.candidate_number,
              total: r.total,
              version: r.version,
            })),
            cells: Object.fromEntries(results),
          });
        if (form.then === 'close' && !saved?.refused.length)
          return seeOther(c, `/centres/${number}/units?saved`);
        const page = <MarksheetPage web={web} sheet={await sheetView(c)} results={results} errors={[]} />;
        return render(c, page, saved?.refused.length ? 400 : 200);
      } catch (err) {
        if (!(err instanceof DomainError) || !['version_conflict', 'marks_locked'].includes(err.code))
          throw err;
        const message = web.t(`errors:${err.code}`, err.params);
        if (wantsJson(c)) return c.json({ error: { code: err.code, message } }, 409);
        const page = (
          <MarksheetPage
            web={web}
            sheet={await sheetView(c)}
            results={new Map()}
            errors={[{ field: '', message }]}
          />
        );
        return render(c, page, 409);
      }
    })
    .get('/centres/:number/units/:unit/submit', async (c) =>
      render(c, <SubmitPage web={c.get('web')} sheet={await sheetView(c)} errors={[]} />),
    )
    .post('/centres/:number/units/:unit/submit', async (c) => {
      const form = await formOf(c);
      const { number, unitId } = where(c);
      const web = c.get('web');
      try {
        await submitMarks(c.get('ctx'), signedIn(c), number, unitId, {
          candidates_informed: form.informed === 'yes',
        });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        const refusals: Record<string, string> = {
          candidates_not_informed: 'informed',
          marks_incomplete: '',
          marks_locked: '',
        };
        if (!(err.code in refusals)) throw err;
        const message =
          err.code === 'candidates_not_informed'
            ? web.t('web:submit.informed_required')
            : web.t(`errors:${err.code}`, err.params);
        const page = (
          <SubmitPage
            web={web}
            sheet={await sheetView(c)}
            errors={[{ field: refusals[err.code] ?? '', message }]}
          />
        );
        return render(c, page, 409);
      }
      return seeOther(c, `/centres/${number}/units/${unitId}/sample?submitted`);
    })
    .get('/centres/:number/units/:unit/sample', async (c) => {
      const said = ['submitted', 'added', 'replaced', 'uploaded'].find((k) => c.req.query(k) !== undefined);
      const notice = said ? c.get('web').t(`web:sample.${said}`) : undefined;
      return render(
        c,
        <SamplePage web={c.get('web')} view={await sampleView(c)} errors={[]} notice={notice} />,
      );
    })
    .post('/centres/:number/units/:unit/sample', async (c) => {
      const form = await formOf(c);
      const { number, unitId } = where(c);
      return sampleAction(
        c,
        () => addToSample(c.get('ctx'), signedIn(c), number, unitId, form.candidate ?? ''),
        'added',
      );
    })
    .post('/centres/:number/units/:unit/sample/:candidate/replace', async (c) => {
      const form = await formOf(c);
      const { number, unitId } = where(c);
      const reason = form.reason === 'incomplete' ? 'incomplete' : 'lost';
      const candidate = c.req.param('candidate');
      return sampleAction(
        c,
        () => replaceInSample(c.get('ctx'), signedIn(c), number, unitId, candidate, reason),
        'replaced',
      );
    })
    .post('/centres/:number/units/:unit/sample/:candidate/files', async (c) => {
      const body = await c.req.parseBody({ all: true });
      assertCsrf(c, body);
      const { number, unitId } = where(c);
      const files = [body.files].flat().filter((f): f is File => f instanceof File && f.size > 0);
      const uploads = await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          type: f.type || 'application/octet-stream',
          bytes: new Uint8Array(await f.arrayBuffer()),
        })),
      );
      const candidate = c.req.param('candidate');
      return sampleAction(
        c,
        () => uploadFiles(c.get('ctx'), signedIn(c), number, unitId, candidate, uploads),
        'uploaded',
      );
    })
    .get('/centres/:number/units/:unit/sample/:candidate/files/:file', async (c) => {
      const { number, unitId } = where(c);
      const { file, bytes } = await downloadFile(
        c.get('ctx'),
        signedIn(c),
        number,
        unitId,
        c.req.param('candidate'),
        Number(c.req.param('file')),
      );
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
    });
}
