import type { FC } from 'hono/jsx';
import { londonDateTime } from '../../i18n/london-time.js';
import type { WebState } from '../env.js';
import { Csrf, ErrorSummary, Field, type FieldError, Layout } from '../kit.js';

export interface TokenRow {
  id: number;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

const when = (web: WebState, d: Date) => londonDateTime(web.lang, d, 'medium');

/** API tokens are for programs: make one (shown once), see one's own, end any of them. */
export const TokensPage: FC<{
  web: WebState;
  tokens: TokenRow[];
  created?: string;
  errors: FieldError[];
}> = ({ web, tokens, created, errors }) => {
  const { t } = web;
  return (
    <Layout web={web} title={t('web:tokens.title')}>
      <ErrorSummary t={t} errors={errors} />
      <h1>{t('web:tokens.title')}</h1>
      <p>{t('web:tokens.intro')}</p>
      {created ? (
        <div class="notice notice--success" role="status">
          <p>{t('web:tokens.created')}</p>
          <p>
            <code class="secret" id="new-token">
              {created}
            </code>
          </p>
        </div>
      ) : null}
      <h2>{t('web:tokens.new')}</h2>
      <form method="post" action="/tokens" novalidate>
        <Csrf web={web} />
        <Field name="label" label={t('web:tokens.label')} hint={t('web:tokens.label_hint')} errors={errors} />
        <button class="button" type="submit">
          {t('web:tokens.create')}
        </button>
      </form>
      <h2>{t('web:tokens.yours')}</h2>
      {tokens.length ? (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('web:tokens.label')}</th>
              <th scope="col">{t('web:tokens.created_at')}</th>
              <th scope="col">{t('web:tokens.status')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((tok) => (
              <tr>
                <td>{tok.label ?? t('web:tokens.no_label')}</td>
                <td>{when(web, tok.createdAt)}</td>
                <td>
                  {tok.revokedAt ? (
                    t('web:tokens.ended', { when: when(web, tok.revokedAt) })
                  ) : (
                    <form method="post" action={`/tokens/${tok.id}/revoke`}>
                      <Csrf web={web} />
                      <button
                        class="button button--warning"
                        type="submit"
                        aria-label={t('web:tokens.end_named', { label: tok.label ?? tok.id })}
                      >
                        {t('web:tokens.end')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('web:tokens.none')}</p>
      )}
    </Layout>
  );
};
