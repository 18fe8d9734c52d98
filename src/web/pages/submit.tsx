import type { FC } from 'hono/jsx';
import type { WebState } from '../env.js';
import { Csrf, ErrorSummary, type FieldError, Layout } from '../kit.js';
import type { SheetView } from './marksheet.js';

/**
 * "Submit marks and generate sample": the confirmation that candidates have been told their marks
 * (and may ask for a review) comes first; after it the marks are locked and the sample drawn.
 */
export const SubmitPage: FC<{ web: WebState; sheet: SheetView; errors: FieldError[] }> = ({
  web,
  sheet,
  errors,
}) => {
  const { t } = web;
  const error = errors.find((e) => e.field === 'informed');
  return (
    <Layout web={web} title={t('web:submit.title')}>
      <ErrorSummary t={t} errors={errors} />
      <p class="caption">{sheet.heading}</p>
      <h1>{t('web:submit.title')}</h1>
      <p>{t('web:submit.intro', { count: sheet.total })}</p>
      <p>{t('web:submit.locked')}</p>
      <form method="post" action={`/centres/${sheet.number}/units/${sheet.unitId}/submit`}>
        <Csrf web={web} />
        <div class={error ? 'form-group form-group--error' : 'form-group'}>
          {error ? (
            <p class="error-message" id="informed-error">
              {error.message}
            </p>
          ) : null}
          <input
            type="checkbox"
            id="informed"
            name="informed"
            value="yes"
            aria-describedby={error ? 'informed-error' : undefined}
          />{' '}
          <label for="informed" class="inline">
            {t('web:submit.informed')}
          </label>
        </div>
        <button class="button" type="submit">
          {t('web:submit.button')}
        </button>
        <a class="button button--secondary" href={`/centres/${sheet.number}/units/${sheet.unitId}/marksheet`}>
          {t('web:submit.back')}
        </a>
      </form>
    </Layout>
  );
};
