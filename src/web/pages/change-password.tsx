import type { FC } from 'hono/jsx';
import type { WebState } from '../env.js';
import { Csrf, ErrorSummary, Field, type FieldError, Layout } from '../kit.js';
import { NewPasswordFields } from './set-password.js';

/** "Change your password": the current one, then the new one twice. Every session ends after it. */
export const ChangePasswordPage: FC<{ web: WebState; errors: FieldError[] }> = ({ web, errors }) => {
  const { t } = web;
  return (
    <Layout web={web} title={t('web:change_password.title')}>
      <ErrorSummary t={t} errors={errors} />
      <h1>{t('web:change_password.title')}</h1>
      <form method="post" action="/me/password" novalidate>
        <Csrf web={web} />
        <Field
          name="current"
          type="password"
          label={t('web:change_password.current')}
          autocomplete="current-password"
          errors={errors}
        />
        <NewPasswordFields web={web} errors={errors} />
        <button class="button" type="submit">
          {t('web:change_password.button')}
        </button>
      </form>
      <p>{t('web:change_password.after')}</p>
    </Layout>
  );
};
