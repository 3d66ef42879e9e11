import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { PHASES, type CaseloadRow } from '../../api/types';
import { useMe } from '../../app/session';
import { ProblemAlert } from '../../ui/Alert';
import { DataTable, type Column } from '../../ui/DataTable';
import { SelectField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { useResource } from '../../ui/useResource';
import type { CaseListLinkState } from '../cases/caseList';
import { useCaseLabels } from '../cases/labels';
import { CaseloadLevelBadge } from './CaseloadLevelBadge';

/** Team/Fallzahlen: running CM cases per case manager against the organisation's thresholds per full-time post. */
export function TeamPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const labels = useCaseLabels();
  const [orgUnitId, setOrgUnitId] = useState('');
  const caseloads = useResource(orgUnitId, () =>
    call(api.GET('/api/caseloads', { params: { query: orgUnitId !== '' ? { orgUnitId } : {} } })),
  );
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const data = caseloads.data;
  const overdueLink = (row?: CaseloadRow): CaseListLinkState => ({
    filters: {
      overdueFollowUps: true,
      ...(row ? { responsibleUserId: row.user.id } : {}),
      ...(orgUnitId !== '' ? { orgUnitId } : {}),
    },
  });

  const columns: Column<CaseloadRow>[] = [
    { key: 'person', header: t('team.person'), rowHeader: true, cell: (r) => r.user.displayName },
    { key: 'fte', header: t('team.fte'), cell: (r) => t('team.fteValue', { percent: r.ftePercent }) },
    { key: 'running', header: t('team.running'), cell: (r) => r.runningCmCases },
    {
      key: 'perFte',
      header: t('team.perFte'),
      cell: (r) => (r.perFte === null ? t('team.noFte') : number.format(r.perFte)),
    },
    {
      key: 'level',
      header: t('team.level'),
      cell: (r) => <CaseloadLevelBadge level={r.level} />,
    },
    {
      key: 'byPhase',
      header: t('team.byPhase'),
      cell: (r) => {
        const parts = PHASES.filter((phase) => (r.byPhase[phase] ?? 0) > 0);
        return parts.length === 0 ? (
          t('team.none')
        ) : (
          <ul className="plain-list">
            {parts.map((phase) => (
              <li key={phase}>
                {labels.phase(phase)}: {r.byPhase[phase]}
              </li>
            ))}
          </ul>
        );
      },
    },
    {
      key: 'overdue',
      header: t('team.overdue'),
      cell: (r) =>
        r.overdueFollowUps > 0 ? (
          <Link to="/cases" state={overdueLink(r)}>
            {t('team.overdueLink', { count: r.overdueFollowUps })}
            <span className="visually-hidden"> ({r.user.displayName})</span>
          </Link>
        ) : (
          '0'
        ),
    },
  ];

  return (
    <Page title={t('team.title')}>
      <p>{t('team.intro')}</p>
      {data ? <p>{t('team.thresholds', { warn: data.warnPerFte, max: data.maxPerFte })}</p> : null}
      {me.orgUnits.length > 1 ? (
        <SelectField
          id="team-org-unit"
          label={t('team.orgUnit')}
          value={orgUnitId}
          options={[
            { value: '', label: t('team.allOrgUnits') },
            ...me.orgUnits.map((unit) => ({ value: unit.id, label: unit.name })),
          ]}
          onValueChange={setOrgUnitId}
        />
      ) : null}
      {caseloads.result && !caseloads.result.ok ? (
        <ProblemAlert problem={caseloads.result.problem} onRetry={caseloads.reload} />
      ) : null}
      {data ? (
        <>
          <DataTable
            caption={t('team.caption')}
            columns={columns}
            rows={data.rows}
            rowKey={(r) => r.user.id}
            empty={t('team.empty')}
            busy={caseloads.loading}
          />
          <p>
            <Link to="/cases" state={overdueLink()}>
              {t('team.overdueCases')}
            </Link>
          </p>
        </>
      ) : caseloads.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </Page>
  );
}
