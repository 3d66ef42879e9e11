import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { CASE_KINDS } from '../../api/types';
import { useMe } from '../../app/session';
import type { Column } from '../../ui/DataTable';
import { SelectField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { useResource } from '../../ui/useResource';
import type { CaseListLinkState } from '../cases/caseList';
import { useCaseLabels } from '../cases/labels';
import { RETENTION_STATES_DUE, type CaseloadRow, type TeamLeadDashboard as Data } from './model';
import { DashboardFrame, FollowUpsPanel, ListTable, Panel, SummaryTable } from './parts';
import { CaseloadLevelBadge } from '../team/CaseloadLevelBadge';

/**
 * The team lead's start page for their units: caseloads against the thresholds, overdue follow-ups per
 * person, retention decisions due, the team's cases by phase, new cases this month. No client is named.
 */
export function TeamLeadDashboard({ withOwnFollowUps }: { withOwnFollowUps: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const [orgUnitId, setOrgUnitId] = useState('');
  const dashboard = useResource(`dashboard-tl:${orgUnitId}`, () =>
    call(api.GET('/api/dashboard/team-lead', { params: { query: orgUnitId !== '' ? { orgUnitId } : {} } })),
  );
  const data = dashboard.data;
  return (
    <DashboardFrame
      heading={t('dashboards.regionLabel', { role: t('roles.team_lead') })}
      problem={dashboard.result && !dashboard.result.ok ? dashboard.result.problem : null}
      onRetry={dashboard.reload}
      loading={dashboard.loading}
      ready={data !== null}
    >
      {me.orgUnits.length > 1 ? (
        <SelectField
          id="dashboard-org-unit"
          label={t('dashboards.team.orgUnit')}
          value={orgUnitId}
          options={[
            { value: '', label: t('dashboards.team.allOrgUnits') },
            ...me.orgUnits.map((unit) => ({ value: unit.id, label: unit.name })),
          ]}
          onValueChange={setOrgUnitId}
        />
      ) : null}
      {data === null && !withOwnFollowUps ? null : (
        <div className="dashboard-grid" aria-busy={dashboard.loading || undefined}>
          {data === null ? null : data.orgUnits.length === 0 ? (
            <p>{t('dashboards.team.noUnits')}</p>
          ) : (
            <>
              <Caseloads data={data} />
              <OverdueFollowUps data={data} orgUnitId={orgUnitId} />
              <Retention data={data} />
              <Phases data={data} orgUnitId={orgUnitId} />
              <NewCases data={data} />
            </>
          )}
          {withOwnFollowUps ? <OwnFollowUps /> : null}
        </div>
      )}
    </DashboardFrame>
  );
}

/** A team lead's own follow-ups (e.g. reviews of cooperation agreements), when they hold no cases. */
function OwnFollowUps() {
  const [page, setPage] = useState(1);
  const followUps = useResource(`dashboard-own-follow-ups:${page}`, () =>
    call(api.GET('/api/follow-ups/mine', { params: { query: { page, pageSize: 5 } } })),
  );
  const data = followUps.data;
  if (data === null) return null;
  return (
    <FollowUpsPanel
      items={data.items}
      total={data.total}
      overdue={null}
      page={data.page}
      pageSize={data.pageSize}
      onPage={setPage}
    />
  );
}

function Caseloads({ data }: { data: Data }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const columns: Column<CaseloadRow>[] = [
    {
      key: 'person',
      header: t('dashboards.team.caseloads.person'),
      rowHeader: true,
      cell: (r) => r.user.displayName,
    },
    { key: 'running', header: t('dashboards.team.caseloads.running'), cell: (r) => r.runningCmCases },
    {
      key: 'perFte',
      header: t('dashboards.team.caseloads.perFte'),
      cell: (r) => (r.perFte === null ? t('dashboards.team.caseloads.noFte') : number.format(r.perFte)),
    },
    {
      key: 'level',
      header: t('dashboards.team.caseloads.level'),
      cell: (r) => <CaseloadLevelBadge level={r.level} />,
    },
  ];
  return (
    <Panel heading={t('dashboards.team.caseloads.heading')} wide quietCaptions>
      <p>
        {t('dashboards.team.caseloads.thresholds', {
          warn: data.caseloads.warnPerFte,
          max: data.caseloads.maxPerFte,
        })}
      </p>
      <ListTable
        caption={t('dashboards.team.caseloads.caption')}
        columns={columns}
        rows={data.caseloads.rows}
        rowKey={(r) => r.user.id}
        empty={t('dashboards.team.caseloads.none')}
      />
      <p>
        <Link to="/team">{t('dashboards.team.caseloads.more')}</Link>
      </p>
    </Panel>
  );
}

function OverdueFollowUps({ data, orgUnitId }: { data: Data; orgUnitId: string }) {
  const { t } = useTranslation();
  type Row = Data['overdueFollowUps'][number];
  const link = (row: Row): CaseListLinkState => ({
    filters: { overdueFollowUps: true, responsibleUserId: row.user.id, ...(orgUnitId ? { orgUnitId } : {}) },
  });
  const columns: Column<Row>[] = [
    {
      key: 'person',
      header: t('dashboards.team.overdue.person'),
      rowHeader: true,
      cell: (r) => r.user.displayName,
    },
    {
      key: 'count',
      header: t('dashboards.team.overdue.count'),
      cell: (r) => (
        <Link to="/cases" state={link(r)}>
          {t('dashboards.team.overdue.show', { count: r.count })}
          <span className="visually-hidden"> ({r.user.displayName})</span>
        </Link>
      ),
    },
  ];
  return (
    <Panel heading={t('dashboards.team.overdue.heading')} quietCaptions>
      <ListTable
        caption={t('dashboards.team.overdue.caption')}
        columns={columns}
        rows={data.overdueFollowUps}
        rowKey={(r) => r.user.id}
        empty={t('dashboards.team.overdue.none')}
      />
    </Panel>
  );
}

function Retention({ data }: { data: Data }) {
  const { t } = useTranslation();
  const states = RETENTION_STATES_DUE.filter((s) => data.retention.byState[s] > 0);
  return (
    <Panel heading={t('dashboards.team.retention.heading')} quietCaptions>
      {data.retention.total === 0 ? (
        <p>{t('dashboards.team.retention.none')}</p>
      ) : (
        <SummaryTable caption={t('dashboards.team.retention.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('dashboards.team.retention.state')}</th>
              <th scope="col">{t('dashboards.team.retention.count')}</th>
            </tr>
          </thead>
          <tbody>
            {states.map((state) => (
              <tr key={state}>
                <th scope="row">{t(`retention.states.${state}`)}</th>
                <td>{data.retention.byState[state]}</td>
              </tr>
            ))}
          </tbody>
        </SummaryTable>
      )}
      <p>
        <Link to="/retention">{t('dashboards.team.retention.open')}</Link>
      </p>
    </Panel>
  );
}

function Phases({ data, orgUnitId }: { data: Data; orgUnitId: string }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  // Only the kinds the team has, so the table stays narrow; at least case management.
  const kinds = CASE_KINDS.filter(
    (kind) => kind === 'case_management' || data.phases.some((p) => p.byKind[kind] > 0),
  );
  const link = (phase: string): CaseListLinkState => ({
    filters: { phase, ...(orgUnitId ? { orgUnitId } : {}) },
  });
  return (
    <Panel heading={t('dashboards.team.phases.heading')} wide quietCaptions>
      <SummaryTable caption={t('dashboards.team.phases.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('dashboards.team.phases.phase')}</th>
            {kinds.map((kind) => (
              <th scope="col" key={kind}>
                {labels.kind(kind)}
              </th>
            ))}
            <th scope="col">{t('dashboards.team.phases.total')}</th>
          </tr>
        </thead>
        <tbody>
          {data.phases.map((row) => (
            <tr key={row.phase}>
              <th scope="row">{labels.phase(row.phase)}</th>
              {kinds.map((kind) => (
                <td key={kind}>{row.byKind[kind]}</td>
              ))}
              <td>
                {row.count > 0 ? (
                  <Link to="/cases" state={link(row.phase)}>
                    {row.count}
                    <span className="visually-hidden"> – {labels.phase(row.phase)}</span>
                  </Link>
                ) : (
                  0
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('dashboards.team.phases.total')}</th>
            {kinds.map((kind) => (
              <td key={kind}>{data.phases.reduce((sum, p) => sum + p.byKind[kind], 0)}</td>
            ))}
            <td>{data.runningCases}</td>
          </tr>
        </tfoot>
      </SummaryTable>
    </Panel>
  );
}

function NewCases({ data }: { data: Data }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCaseLabels();
  const fresh = data.newThisMonth;
  return (
    <Panel heading={t('dashboards.team.newCases.heading')} quietCaptions>
      <p>{t('dashboards.team.newCases.summary', { count: fresh.total, date: format.day(fresh.since) })}</p>
      {fresh.total > 0 ? (
        <SummaryTable caption={t('dashboards.team.newCases.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('dashboards.team.newCases.kind')}</th>
              <th scope="col">{t('dashboards.team.newCases.count')}</th>
            </tr>
          </thead>
          <tbody>
            {CASE_KINDS.filter((kind) => fresh.byKind[kind] > 0).map((kind) => (
              <tr key={kind}>
                <th scope="row">{labels.kind(kind)}</th>
                <td>{fresh.byKind[kind]}</td>
              </tr>
            ))}
          </tbody>
        </SummaryTable>
      ) : null}
    </Panel>
  );
}
