import type { FC } from 'hono/jsx';
import type { WebState } from '../env.js';
import { Csrf, ErrorSummary, Field, type FieldError, Layout } from '../kit.js';

/** The second step of signing in: the 6-digit code from the authenticator app. */
export const CodePage: FC<{ web: WebState; errors: FieldError[] }> = ({ web, errors }) => {
  const { t } = web;
  return (
    <Layout web={web} title={t('web:code.title')}>
      <ErrorSummary t={t} errors={errors} />
      <h1>{t('web:code.title')}</h1>
      <form method="post" action="/sign-in/code" novalidate>
        <Csrf web={web} />
        <Field
          name="code"
          label={t('web:code.label')}
          hint={t('web:code.hint')}
          autocomplete="one-time-code"
          inputmode="numeric"
          class="code"
          errors={errors}
        />
        <button class="button" type="submit">
          {t('web:code.button')}
        </button>
      </form>
      <p>{t('web:code.lost')}</p>
    </Layout>
  );
};
