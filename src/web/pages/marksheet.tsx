import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import type { PresentedRow } from '../../marks/present.js';
import type { MarksheetQuery } from '../../marks/read.js';
import type { WebState } from '../env.js';
import { Csrf, ErrorSummary, type FieldError, Layout, Notice, stencil } from '../kit.js';

export interface SheetView {
  number: string;
  unitId: number;
  heading: string;
  components: { key: string; label: string; max: number }[];
  initials: boolean;
  submitted: boolean;
  ready: boolean;
  rows: PresentedRow[];
  total: number;
  query: MarksheetQuery;
}

/** What the last save said of each cell: accepted (green) or refused with its reason (red). */
export type CellResults = Map<string, { ok: true } | { ok: false; message: string }>;
export const cellId = (candidate: string, key: string) => `m-${candidate}-${key}`;
const shown = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const Options: FC<{ web: WebState; sheet: SheetView }> = ({ web, sheet }) => {
  const { t } = web;
  const q = sheet.query;
  const select = (name: string, value: string, options: [string, string][]) => (
    <div class="option">
      <label for={name}>{t(`web:marksheet.${name}`)}</label>
      <select id={name} name={name}>
        {options.map(([v, label]) => (
          <option value={v} selected={v === value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" class="options" aria-label={t('web:marksheet.options')}>
      <div class="option">
        <label for="q">{t('web:marksheet.search')}</label>
        <input id="q" name="q" type="search" value={q.q ?? ''} />
      </div>
      {select(
        'per_page',
        String(q.per_page),
        ['10', '20', '50', '100', '500'].map((n) => [n, n]),
      )}
      {select('sort', q.sort, [
        ['candidate', t('web:marksheet.sort_candidate')],
        ['name', t('web:marksheet.sort_name')],
        ['mark', t('web:marksheet.sort_mark')],
      ])}
      {select('show', q.show, [
        ['all', t('web:marksheet.show_all')],
        ['unmarked', t('web:marksheet.show_unmarked')],
        ['marked', t('web:marksheet.show_marked')],
        ['samples', t('web:marksheet.show_samples')],
      ])}
      <button class="button button--secondary" type="submit">
        {t('web:marksheet.apply')}
      </button>
    </form>
  );
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (v: string) => v.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

/** One labelled cell; its reason, when refused, beside it and read with it. */
function cell(
  id: string,
  name: string,
  value: string,
  label: string,
  cls: string,
  result?: ReturnType<CellResults['get']>,
) {
  const state = result ? (result.ok ? ' cell--ok' : ' cell--bad') : '';
  const refused = result && !result.ok ? ` aria-invalid="true" aria-describedby="${id}-error"` : '';
  const message = result && !result.ok ? esc(result.message) : '';
  return `<td><label class="visually-hidden" for="${id}">${esc(label)}</label><input id="${id}" name="${esc(name)}" type="text" value="${esc(value)}" data-saved="${esc(value)}" class="${cls}${state}" autocomplete="off"${refused}/><span class="cell-error" id="${id}-error" role="status">${message}</span></td>`;
}

/**
 * The rows as one escaped string: Hono's JSX costs about 10 µs an element, and a 300-candidate page
 * has some 6,000 of them in its body (bench `marksheet_page`).
 */
function bodyRows(
  sheet: SheetView,
  results: CellResults,
  labels: { cell: ReturnType<typeof stencil>; initials: ReturnType<typeof stencil>; inSample: string },
) {
  return sheet.rows
    .map((r) => {
      const n = r.candidate_number;
      const marks = sheet.components
        .map((c) =>
          cell(
            cellId(n, c.key),
            `m.${n}.${c.key}`,
            shown(r.marks[c.key]),
            labels.cell({ component: c.label, candidate: n, name: r.name }),
            `mark col-${c.key}`,
            results.get(cellId(n, c.key)),
          ),
        )
        .join('');
      const initials = sheet.initials
        ? cell(
            cellId(n, 'initials'),
            `i.${n}`,
            shown(r.initials),
            labels.initials({ candidate: n, name: r.name }),
            'initials col-initials',
            results.get(cellId(n, 'initials')),
          )
        : '';
      return `<tr data-candidate="${esc(n)}"><td>${esc(n)}<input type="hidden" name="v.${esc(n)}" value="${r.version}"/></td><td>${esc(r.name)}</td>${marks}<td class="total" data-total="${esc(n)}">${esc(shown(r.total))}</td>${initials}<td>${r.sample ? esc(labels.inSample) : ''}</td></tr>`;
    })
    .join('');
}

/**
 * Seed 001's marksheet: a row per candidate, a labelled cell per component (and the teacher's
 * initials), the total, the sample tick. Without JavaScript "Save" posts the page; with it
 * (`/assets/marksheet.js`) Tab moves down the column and each cell saves as it is left.
 */
export const MarksheetPage: FC<{
  web: WebState;
  sheet: SheetView;
  results: CellResults;
  errors: FieldError[];
  notice?: string;
}> = ({ web, sheet, results, errors, notice }) => {
  const { t } = web;
  const action = `/centres/${sheet.number}/units/${sheet.unitId}/marksheet`;
  const pages = Math.max(1, Math.ceil(sheet.total / sheet.query.per_page));
  const cellLabel = stencil(t, 'web:marksheet.cell_label', ['component', 'candidate', 'name']);
  const initialsLabel = stencil(t, 'web:marksheet.initials_label', ['candidate', 'name']);
  const inSample = t('web:marksheet.in_sample');
  const pageLink = (n: number) =>
    `${action}?${new URLSearchParams({ ...sheet.query, q: sheet.query.q ?? '', page: String(n), per_page: String(sheet.query.per_page) })}`;
  return (
    <Layout
      web={web}
      title={t('web:marksheet.title', { unit: sheet.heading })}
      wide
      scripts={['/assets/marksheet.js']}
    >
      <ErrorSummary t={t} errors={errors} />
      <Notice text={notice} success />
      <h1>{t('web:marksheet.title', { unit: sheet.heading })}</h1>
      <p>{t('web:marksheet.carry_forward')}</p>
      <Options web={web} sheet={sheet} />
      <form
        method="post"
        action={action}
        id="marksheet"
        data-confirm-absent={t('web:marksheet.confirm_absent')}
        data-saving-failed={t('web:marksheet.saving_failed')}
        novalidate
      >
        <Csrf web={web} />
        {/* A wide table scrolls inside its own box on a phone (WCAG 1.4.10 allows it for data tables). */}
        <section
          class="table-scroll"
          aria-label={t('web:marksheet.caption', { unit: sheet.heading })}
          tabindex={0}
        >
          <table class="data marksheet">
            <caption class="visually-hidden">{t('web:marksheet.caption', { unit: sheet.heading })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web:marksheet.candidate')}</th>
                <th scope="col">{t('web:marksheet.name')}</th>
                {sheet.components.map((c) => (
                  <th scope="col">{t('web:marksheet.component', { label: c.label, max: c.max })}</th>
                ))}
                <th scope="col">{t('web:marksheet.total')}</th>
                {sheet.initials ? <th scope="col">{t('web:marksheet.initials')}</th> : null}
                <th scope="col">{t('web:marksheet.sample')}</th>
              </tr>
            </thead>
            <tbody>
              {raw(bodyRows(sheet, results, { cell: cellLabel, initials: initialsLabel, inSample }))}
            </tbody>
          </table>
        </section>
        {pages > 1 ? (
          <nav aria-label={t('web:marksheet.pages')}>
            <ul class="nav">
              {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
                <li>
                  {n === sheet.query.page ? (
                    <span aria-current="page">{n}</span>
                  ) : (
                    <a href={pageLink(n)}>{t('web:marksheet.page_n', { n })}</a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <p>
          <button class="button" type="submit" name="then" value="stay">
            {t('web:marksheet.save')}
          </button>
          <button class="button button--secondary" type="submit" name="then" value="close">
            {t('web:marksheet.save_close')}
          </button>
        </p>
        <p class="hint">{t('web:marksheet.remember_submit')}</p>
      </form>
      {sheet.ready ? (
        <a class="button" href={`/centres/${sheet.number}/units/${sheet.unitId}/submit`}>
          {t('web:marksheet.submit')}
        </a>
      ) : (
        <p>
          <button class="button" type="button" disabled>
            {t('web:marksheet.submit')}
          </button>
          <span class="hint">{t('web:marksheet.submit_when_complete')}</span>
        </p>
      )}
    </Layout>
  );
};
