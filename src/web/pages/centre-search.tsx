import type { FC } from 'hono/jsx';
import type { WebState } from '../env.js';
import { Layout } from '../kit.js';

export interface CentreSummaryView {
  number: string;
  name: string;
  telephone: string;
}

/** Staff's way in: find a centre by number or name (accents and case ignored), then open it. */
export const CentreSearchPage: FC<{
  web: WebState;
  q: string;
  results?: CentreSummaryView[];
  total: number;
}> = ({ web, q, results, total }) => {
  const { t } = web;
  return (
    <Layout web={web} title={t('web:search.title')}>
      <h1>{t('web:search.title')}</h1>
      <search>
        <form method="get" action="/centres">
          <div class="form-group">
            <label for="q">{t('web:search.label')}</label>
            <p class="hint" id="q-hint">
              {t('web:search.hint')}
            </p>
            <input id="q" name="q" type="search" value={q} aria-describedby="q-hint" />
          </div>
          <button class="button" type="submit">
            {t('web:search.button')}
          </button>
        </form>
      </search>
      {results ? (
        <>
          <h2>{t('web:search.results', { count: total })}</h2>
          <ul>
            {results.map((r) => (
              <li>
                <a href={`/centres/${r.number}`}>{`${r.number} ${r.name}`}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
};
