import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../app/session';
import { ProblemAlert } from '../../ui/Alert';
import { Page } from '../../ui/Page';
import { useResource } from '../../ui/useResource';
import { statisticsApi } from './api';
import { isPreset } from './model';
import { ReportPage } from './ReportPage';
import { ThresholdSettings } from './ThresholdSettings';
import './statistics.css';

/** /statistics lists the reports the user may see; /statistics/:preset shows one of them. */
export function StatisticsPage() {
  const { t } = useTranslation();
  const { preset } = useParams();
  if (preset === undefined) return <StatisticsOverview />;
  if (isPreset(preset)) return <ReportPage key={preset} preset={preset} />;
  return (
    <Page title={t('statistics.title')}>
      <ProblemAlert problem={{ type: 'about:blank', title: 'Not found', status: 404, code: 'not-found' }} />
      <p>
        <Link to="/statistics">{t('statistics.report.back')}</Link>
      </p>
    </Page>
  );
}

/** The presets the user's roles allow, and for org admins the minimum count that hides small figures. */
function StatisticsOverview() {
  const { t } = useTranslation();
  const me = useMe();
  const presets = useResource('statistics-presets', () => statisticsApi.presets());
  const allowed = presets.data?.items.filter((p) => p.allowed) ?? [];

  return (
    <Page title={t('statistics.title')}>
      <p>{t('statistics.intro')}</p>
      <section aria-labelledby="statistics-presets">
        <h2 id="statistics-presets">{t('statistics.presets.heading')}</h2>
        {presets.result && !presets.result.ok ? (
          <ProblemAlert problem={presets.result.problem} onRetry={presets.reload} />
        ) : null}
        {presets.data === null ? (
          presets.loading ? (
            <p role="status">{t('app.loading')}</p>
          ) : null
        ) : allowed.length === 0 ? (
          <p>{t('statistics.presets.empty')}</p>
        ) : (
          <ul className="plain-list stat-presets">
            {allowed.map((p) => (
              <li key={p.key} className="stat-preset">
                <h3 className="stat-preset__title">
                  <Link to={`/statistics/${p.key}`}>{t(`statistics.presets.${p.key}`)}</Link>
                </h3>
                <p>{t(`statistics.presets.description.${p.key}`)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {me.roles.includes('org_admin') ? <ThresholdSettings /> : null}
    </Page>
  );
}
