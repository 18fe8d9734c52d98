import type { FC } from 'hono/jsx';
import type { listUnits } from '../../marks/read.js';
import type { WebState } from '../env.js';
import { Layout, Notice } from '../kit.js';

type Unit = Awaited<ReturnType<typeof listUnits>>['data'][number];

/** Seed 001's menu: each unit with its status, the way into its marksheet, and its sample once submitted. */
export const UnitsPage: FC<{ web: WebState; number: string; units: Unit[]; notice?: string }> = ({
  web,
  number,
  units,
  notice,
}) => {
  const { t } = web;
  const base = `/centres/${number}/units`;
  return (
    <Layout web={web} title={t('web:units.title')}>
      <Notice text={notice} success />
      <h1>{t('web:units.title')}</h1>
      <p>{t('web:units.intro')}</p>
      {units.length ? (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('web:units.unit')}</th>
              <th scope="col">{t('web:units.status')}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr>
                <td>
                  {`${u.series} ${u.title} (${u.code})`}
                  <p class="hint">{t('web:units.deadline', { date: u.submission_deadline })}</p>
                </td>
                <td>
                  {u.status === 'submitted' ? (
                    <>
                      <p>{t('marks:status.submitted', u)}</p>
                      <a href={`${base}/${u.id}/sample`}>{t('web:units.view_samples')}</a>
                      <p>
                        <a href={`${base}/${u.id}/reports/candidates.pdf`}>
                          {t('web:units.report_candidates')}
                        </a>
                        {' · '}
                        <a href={`${base}/${u.id}/reports/moderator.pdf`}>
                          {t('web:units.report_moderator')}
                        </a>
                      </p>
                    </>
                  ) : (
                    <>
                      <p>
                        <a href={`${base}/${u.id}/marksheet`}>{t('marks:status.enter_marks', u)}</a>
                      </p>
                      {u.status === 'ready_to_submit' ? (
                        <a class="button" href={`${base}/${u.id}/submit`}>
                          {t('marks:status.ready_to_submit', u)}
                        </a>
                      ) : (
                        <p class="hint">{t('web:units.nothing_to_submit')}</p>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('web:units.none')}</p>
      )}
    </Layout>
  );
};
