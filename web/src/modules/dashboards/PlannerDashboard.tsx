import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { useFormat } from '../../ui/format';
import { useResource } from '../../ui/useResource';
import { useGapLabels } from '../gaps/labels';
import { GAP_STATUSES } from '../gaps/model';
import type { PlannerDashboard as Data } from './model';
import { DashboardFrame, Figure, Panel, SummaryTable } from './parts';

/**
 * The planning level's start page: gap reports by field and status, evaluation results, referrals and waiting
 * times by field — figures only, small ones about people shown as "< n".
 */
export function PlannerDashboard() {
  const { t } = useTranslation();
  const format = useFormat();
  const dashboard = useResource('dashboard-planner', () => call(api.GET('/api/dashboard/planner')));
  const data = dashboard.data;
  return (
    <DashboardFrame
      heading={t('dashboards.regionLabel', { role: t('roles.planner') })}
      problem={dashboard.result && !dashboard.result.ok ? dashboard.result.problem : null}
      onRetry={dashboard.reload}
      loading={dashboard.loading}
      ready={data !== null}
    >
      {data ? (
        <>
          <p>
            {t('dashboards.planner.period', {
              from: format.day(data.period.from),
              to: format.day(data.period.to),
            })}{' '}
            {t('dashboards.planner.suppression', { min: data.minCount })}
          </p>
          <div className="dashboard-grid">
            <Gaps data={data} />
            <Evaluations data={data} />
            <Referrals data={data} />
          </div>
        </>
      ) : null}
    </DashboardFrame>
  );
}

function Gaps({ data }: { data: Data }) {
  const { t } = useTranslation();
  const labels = useGapLabels();
  const gaps = data.gaps;
  return (
    <Panel heading={t('dashboards.planner.gaps.heading')} wide quietCaptions>
      {gaps.total === 0 ? (
        <p>{t('dashboards.planner.gaps.none')}</p>
      ) : (
        <SummaryTable caption={t('dashboards.planner.gaps.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('dashboards.planner.gaps.field')}</th>
              {GAP_STATUSES.map((status) => (
                <th scope="col" key={status}>
                  {labels.status(status)}
                </th>
              ))}
              <th scope="col">{t('dashboards.planner.gaps.total')}</th>
            </tr>
          </thead>
          <tbody>
            {gaps.byField.map((row) => (
              <tr key={row.field ?? ''}>
                <th scope="row">{row.field ? labels.field(row.field) : labels.orNotGiven(null)}</th>
                {GAP_STATUSES.map((status) => (
                  <td key={status}>{row.byStatus[status]}</td>
                ))}
                <td>{row.reports}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('dashboards.planner.gaps.total')}</th>
              {GAP_STATUSES.map((status) => (
                <td key={status}>{gaps.byStatus[status]}</td>
              ))}
              <td>{gaps.total}</td>
            </tr>
          </tfoot>
        </SummaryTable>
      )}
      <p>
        <Link to="/planning/gaps">{t('dashboards.planner.gaps.open')}</Link>
      </p>
    </Panel>
  );
}

function Evaluations({ data }: { data: Data }) {
  const { t, i18n } = useTranslation();
  const min = data.minCount;
  const evaluations = data.evaluations;
  const decimal = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return (
    <Panel heading={t('dashboards.planner.evaluations.heading')}>
      {evaluations.total === 0 ? (
        <p>{t('dashboards.planner.evaluations.none')}</p>
      ) : (
        <>
          <p>
            {t('dashboards.planner.evaluations.countLabel')} <Figure value={evaluations.total} min={min} />
          </p>
          <SummaryTable caption={t('dashboards.planner.evaluations.satisfactionCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('dashboards.planner.evaluations.dimension')}</th>
                <th scope="col">{t('dashboards.planner.evaluations.average')}</th>
                <th scope="col">{t('dashboards.planner.evaluations.answers')}</th>
              </tr>
            </thead>
            <tbody>
              {evaluations.satisfaction.map((row) => (
                <tr key={row.dimension}>
                  <th scope="row">{t(`dashboards.planner.evaluations.dimensions.${row.dimension}`)}</th>
                  <td>
                    {row.average !== null
                      ? decimal.format(row.average)
                      : row.answers === 0
                        ? t('dashboards.planner.noValue')
                        : t('dashboards.planner.hidden')}
                  </td>
                  <td>
                    <Figure value={row.answers} min={min} />
                  </td>
                </tr>
              ))}
            </tbody>
          </SummaryTable>
          <SummaryTable caption={t('dashboards.planner.evaluations.lifeCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('dashboards.planner.evaluations.life')}</th>
                <th scope="col">{t('dashboards.planner.evaluations.lifeCount')}</th>
              </tr>
            </thead>
            <tbody>
              {evaluations.lifeSituation.map((row) => (
                <tr key={row.value ?? 'none'}>
                  <th scope="row">{t(`dashboards.planner.evaluations.lifeValues.${row.value ?? 'none'}`)}</th>
                  <td>
                    <Figure value={row.count} min={min} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('dashboards.planner.evaluations.total')}</th>
                <td>
                  <Figure value={evaluations.total} min={min} />
                </td>
              </tr>
            </tfoot>
          </SummaryTable>
        </>
      )}
    </Panel>
  );
}

function Referrals({ data }: { data: Data }) {
  const { t, i18n } = useTranslation();
  const labels = useGapLabels();
  const min = data.minCount;
  const referrals = data.referrals;
  const decimal = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  // No average: none started ("–"), or too few to show ("nicht ausgewiesen").
  const waiting = (days: number | null, started: number | null) =>
    days !== null
      ? t('dashboards.planner.referrals.days', { value: decimal.format(days) })
      : started === 0
        ? t('dashboards.planner.noValue')
        : t('dashboards.planner.hidden');
  return (
    <Panel heading={t('dashboards.planner.referrals.heading')} wide quietCaptions>
      {referrals.byField.length === 0 ? (
        <p>{t('dashboards.planner.referrals.none')}</p>
      ) : (
        <SummaryTable caption={t('dashboards.planner.referrals.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('dashboards.planner.referrals.field')}</th>
              <th scope="col">{t('dashboards.planner.referrals.referrals')}</th>
              <th scope="col">{t('dashboards.planner.referrals.started')}</th>
              <th scope="col">{t('dashboards.planner.referrals.waiting')}</th>
            </tr>
          </thead>
          <tbody>
            {referrals.byField.map((row) => (
              <tr key={row.field ?? ''}>
                <th scope="row">
                  {row.field ? labels.field(row.field) : t('dashboards.planner.referrals.noOffer')}
                </th>
                <td>
                  <Figure value={row.referrals} min={min} />
                </td>
                <td>
                  <Figure value={row.started} min={min} />
                </td>
                <td>{waiting(row.averageWaitingDays, row.started)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('dashboards.planner.referrals.total')}</th>
              <td>
                <Figure value={referrals.total.referrals} min={min} />
              </td>
              <td>
                <Figure value={referrals.total.started} min={min} />
              </td>
              <td>{waiting(referrals.total.averageWaitingDays, referrals.total.started)}</td>
            </tr>
          </tfoot>
        </SummaryTable>
      )}
    </Panel>
  );
}
