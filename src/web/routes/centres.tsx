import { type Context, Hono } from 'hono';
import { PatchCentreBody } from '../../centres/schema.js';
import { getCentre, searchCentres, updateCentre } from '../../centres/service.js';
import { DomainError } from '../../errors.js';
import { issuesToDetails } from '../../http/validation.js';
import type { WebEnv } from '../env.js';
import { type FieldError, fieldErrors } from '../kit.js';
import { CENTRE_GROUPS, CentreEditPage, CentrePage, type CentreView } from '../pages/centre.js';
import { CentreSearchPage } from '../pages/centre-search.js';
import { render, seeOther } from '../render.js';
import { formOf } from './auth.js';
import { requireSignedIn, signedIn } from './guard.js';

type C = Context<WebEnv>;
const NULLABLE = new Set(['ukprn', 'urn', 'general_email', 'post_results_email']);

/** The fields the form changed, as the API's PATCH body: a blank optional field is "remove it". */
function centrePatch(form: Record<string, string>, centre: CentreView) {
  const patch: Record<string, string | null> = {};
  for (const key of centre.editable_fields) {
    if (!(key in form)) continue;
    const value = (form[key] ?? '').trim();
    const next = value === '' && NULLABLE.has(key) ? null : value;
    if (next !== (centre[key] ?? null)) patch[key] = next;
  }
  return patch;
}

function editPage(c: C, centre: CentreView, form: Record<string, string>, errors: FieldError[]) {
  // The summary lists errors in the order the fields appear on the page.
  const order = CENTRE_GROUPS.flatMap((g) => g.fields.map((f) => f.key as string));
  const sorted = [...errors].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return render(c, <CentreEditPage web={c.get('web')} centre={centre} values={form} errors={sorted} />, 400);
}

/** Seed 000's centre details: the page, the edit form over `updateCentre`, and staff's search. */
export function centrePages() {
  return new Hono<WebEnv>()
    .use('/centres', requireSignedIn)
    .use('/centres/*', requireSignedIn)
    .get('/centres', async (c) => {
      const q = c.req.query('q') ?? '';
      const p = signedIn(c);
      if (p.kind === 'centre') return c.redirect(`/centres/${p.centreNumber}`, 303);
      const found = q.trim() ? await searchCentres(c.get('ctx'), p, { q, page: 1, per_page: 50 }) : undefined;
      return render(
        c,
        <CentreSearchPage web={c.get('web')} q={q} results={found?.data} total={found?.total ?? 0} />,
      );
    })
    .get('/centres/:number', async (c) => {
      const centre = await getCentre(c.get('ctx'), signedIn(c), c.req.param('number'));
      const notice = c.req.query('saved') !== undefined ? c.get('web').t('web:centre.saved') : undefined;
      return render(c, <CentrePage web={c.get('web')} centre={centre} notice={notice} />);
    })
    .get('/centres/:number/edit', async (c) => {
      const centre = await getCentre(c.get('ctx'), signedIn(c), c.req.param('number'));
      if (!centre.editable_fields.length) throw new DomainError('forbidden');
      return render(c, <CentreEditPage web={c.get('web')} centre={centre} errors={[]} />);
    })
    .post('/centres/:number/edit', async (c) => {
      const form = await formOf(c);
      const { t } = c.get('web');
      const ctx = c.get('ctx');
      const p = signedIn(c);
      const centre = await getCentre(ctx, p, c.req.param('number'));
      const patch = centrePatch(form, centre);
      if (!Object.keys(patch).length) return seeOther(c, `/centres/${centre.number}?saved`);
      const parsed = PatchCentreBody.safeParse(patch);
      if (!parsed.success)
        return editPage(c, centre, form, fieldErrors(t, issuesToDetails(parsed.error.issues)));
      try {
        await updateCentre(ctx, p, centre.number, parsed.data);
      } catch (err) {
        if (!(err instanceof DomainError) || !['validation_failed', 'email_in_use'].includes(err.code))
          throw err;
        const errors =
          err.code === 'email_in_use'
            ? [{ field: 'eo_email', message: t('errors:email_in_use', err.params) }]
            : fieldErrors(t, err.details);
        return editPage(c, centre, form, errors);
      }
      return seeOther(c, `/centres/${centre.number}?saved`);
    });
}
