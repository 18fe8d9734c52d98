import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import type { WebState } from '../env.js';
import { ErrorSummary, type FieldError, Layout } from '../kit.js';
import { CodeForm } from './code.js';

/**
 * Turning on the second factor: a QR code for the app, the secret for typing it in by hand, and one
 * code to prove the app holds it before it is switched on.
 */
export const EnrolPage: FC<{ web: WebState; qrSvg: string; secret: string; errors: FieldError[] }> = ({
  web,
  qrSvg,
  secret,
  errors,
}) => {
  const { t } = web;
  return (
    <Layout web={web} title={t('web:enrol.title')}>
      <ErrorSummary t={t} errors={errors} />
      <h1>{t('web:enrol.title')}</h1>
      <p>{t('web:enrol.intro')}</p>
      <h2>{t('web:enrol.step_scan')}</h2>
      <div class="qr" role="img" aria-label={t('web:enrol.qr_label')}>
        {raw(qrSvg)}
      </div>
      <p id="secret-hint">{t('web:enrol.secret_intro')}</p>
      <p>
        <code class="secret" id="secret" aria-describedby="secret-hint">
          {secret}
        </code>
      </p>
      <h2>{t('web:enrol.step_code')}</h2>
      <CodeForm
        web={web}
        action="/enrol"
        hint={t('web:enrol.code_hint')}
        button={t('web:enrol.button')}
        errors={errors}
      />
    </Layout>
  );
};
