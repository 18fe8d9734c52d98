import type { FC } from 'hono/jsx';
import type { WebState } from '../env.js';
import { Csrf, ErrorSummary, Field, type FieldError, Layout } from '../kit.js';

/** One code from the authenticator app: the second step of signing in, and proof when enrolling. */
export const CodeForm: FC<{
  web: WebState;
  action: string;
  hint: string;
  button: string;
  errors: FieldError[];
}> = ({ web, action, hint, button, errors }) => (
  <form method="post" action={action} novalidate>
    <Csrf web={web} />
    <Field
      name="code"
      label={web.t('web:code.label')}
      hint={hint}
      autocomplete="one-time-code"
      inputmode="numeric"
      class="code"
      errors={errors}
    />
    <button class="button" type="submit">
      {button}
    </button>
  </form>
);

/** The second step of signing in: the 6-digit code from the authenticator app. */
export const CodePage: FC<{ web: WebState; errors: FieldError[] }> = ({ web, errors }) => {
  const { t } = web;
  return (
    <Layout web={web} title={t('web:code.title')}>
      <ErrorSummary t={t} errors={errors} />
      <h1>{t('web:code.title')}</h1>
      <CodeForm
        web={web}
        action="/sign-in/code"
        hint={t('web:code.hint')}
        button={t('web:code.button')}
        errors={errors}
      />
      <p>{t('web:code.lost')}</p>
    </Layout>
  );
};
