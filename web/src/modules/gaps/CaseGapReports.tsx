import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { CaseView } from '../../api/types';
import { useMe } from '../../app/session';
import { ProblemAlert } from '../../ui/Alert';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import { useResource } from '../../ui/useResource';
import { useGapLabels } from './labels';
import type { CaseGapReport } from './model';

/**
 * Fehlende Hilfebausteine in the case file (tab "Vermittlung", under the referrals): the reports this case
 * stands behind, and the way to report another missing help or to add the case to an existing report.
 * Only the case team sees this link between the case and its reports.
 */
export function CaseGapReports({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useGapLabels();
  const format = useFormat();
  const reports = useResource(`case-gaps:${view.id}`, () =>
    call(api.GET('/api/cases/{id}/gap-reports', { params: { path: { id: view.id } } })),
  );
  const mayReport = (me.roles.includes('case_manager') || me.roles.includes('team_lead')) && !view.anonymised;
  const query = new URLSearchParams({ caseId: view.id }).toString();

  const columns: Column<CaseGapReport>[] = [
    {
      key: 'need',
      header: t('gaps.columns.need'),
      rowHeader: true,
      cell: (r) => <Link to={`/gaps/${encodeURIComponent(r.id)}?${query}`}>{r.need}</Link>,
    },
    { key: 'field', header: t('gaps.columns.field'), cell: (r) => labels.field(r.field) },
    { key: 'status', header: t('gaps.columns.status'), cell: (r) => labels.status(r.status, r.outcome) },
    { key: 'reportedOn', header: t('gaps.columns.reportedOn'), cell: (r) => format.day(r.reportedOn) },
    { key: 'cases', header: t('gaps.columns.cases'), cell: (r) => String(r.caseCount) },
  ];

  return (
    <section aria-labelledby="case-gaps-heading" className="case-gaps">
      <h2 id="case-gaps-heading">{t('gaps.case.heading')}</h2>
      <p>{t('gaps.case.intro')}</p>
      {reports.result && !reports.result.ok ? (
        <ProblemAlert problem={reports.result.problem} onRetry={reports.reload} />
      ) : null}
      {reports.data ? (
        <DataTable
          caption={t('gaps.case.caption')}
          columns={columns}
          rows={reports.data.items}
          rowKey={(r) => r.id}
          empty={t('gaps.case.empty')}
        />
      ) : reports.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
      {mayReport ? (
        <p className="actions">
          <Link to={`/gaps/new?${query}`} className="button button--primary">
            {t('gaps.case.report')}
          </Link>
          <Link to={`/gaps?${query}`} className="button button--secondary">
            {t('gaps.case.addToExisting')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
