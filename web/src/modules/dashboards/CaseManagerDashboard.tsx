import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import { useResource } from '../../ui/useResource';
import type { CaseListLinkState } from '../cases/caseList';
import { useCaseLabels } from '../cases/labels';
import {
  caseManagerQuery,
  FIRST_PAGES,
  type CaseManagerDashboard as Data,
  type CaseManagerList,
  type ExpiringConsent,
  type ListPages,
  type QuietCase,
  type ReviewDue,
} from './model';
import { DashboardFrame, FollowUpsPanel, ListPager, ListTable, Panel, SummaryTable } from './parts';

const caseLink = (id: string, tab?: string) =>
  `/cases/${encodeURIComponent(id)}${tab ? `?tab=${encodeURIComponent(tab)}` : ''}`;

/** The case manager's start page: my follow-ups, my cases by phase, reviews due, quiet cases, consents. */
export function CaseManagerDashboard({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const [pages, setPages] = useState<ListPages>(FIRST_PAGES);
  const query = caseManagerQuery(pages);
  const dashboard = useResource(`dashboard-cm:${JSON.stringify(query)}`, () =>
    call(api.GET('/api/dashboard/case-manager', { params: { query } })),
  );
  const data = dashboard.data;
  const turn = (list: CaseManagerList) => (page: number) => setPages((p) => ({ ...p, [list]: page }));
  return (
    <DashboardFrame
      heading={t('dashboards.regionLabel', { role: t('roles.case_manager') })}
      problem={dashboard.result && !dashboard.result.ok ? dashboard.result.problem : null}
      onRetry={dashboard.reload}
      loading={dashboard.loading}
      ready={data !== null}
    >
      {data ? (
        <div className="dashboard-grid" aria-busy={dashboard.loading || undefined}>
          <FollowUpsPanel
            items={data.followUps.items}
            total={data.followUps.total}
            overdue={data.followUps.overdue}
            page={data.followUps.page}
            pageSize={data.followUps.pageSize}
            onPage={turn('followUps')}
          />
          <MyCases data={data} userId={userId} />
          <ReviewsDue data={data} onPage={turn('reviews')} />
          <QuietCases data={data} userId={userId} onPage={turn('noContact')} />
          <ExpiringConsents data={data} onPage={turn('consents')} />
        </div>
      ) : null}
    </DashboardFrame>
  );
}

function MyCases({ data, userId }: { data: Data; userId: string }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const link = (phase?: string): CaseListLinkState => ({
    filters: { responsibleUserId: userId, ...(phase ? { phase } : {}) },
  });
  return (
    <Panel heading={t('dashboards.cases.heading')} quietCaptions>
      <SummaryTable caption={t('dashboards.cases.caption')}>
        <thead>
          <tr>
            <th scope="col">{t('dashboards.cases.phase')}</th>
            <th scope="col">{t('dashboards.cases.count')}</th>
          </tr>
        </thead>
        <tbody>
          {data.casesByPhase.map(({ phase, count }) => (
            <tr key={phase}>
              <th scope="row">{labels.phase(phase)}</th>
              <td>
                {count > 0 ? (
                  <Link to="/cases" state={link(phase)}>
                    {count}
                    <span className="visually-hidden"> – {labels.phase(phase)}</span>
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
            <th scope="row">{t('dashboards.cases.total')}</th>
            <td>{data.runningCases}</td>
          </tr>
        </tfoot>
      </SummaryTable>
      <p>
        <Link to="/cases" state={link()}>
          {t('dashboards.cases.all')}
        </Link>
      </p>
    </Panel>
  );
}

function ReviewsDue({ data, onPage }: { data: Data; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = data.reviewsDue;
  const columns: Column<ReviewDue>[] = [
    {
      key: 'due',
      header: t('dashboards.reviews.due'),
      cell: (r) => (
        <>
          {format.day(r.followUpOn)}
          {r.overdue ? (
            <>
              {' '}
              <span className="tag tag--overdue">{t('followUps.overdue')}</span>
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'goal',
      header: t('dashboards.reviews.goal'),
      rowHeader: true,
      cell: (r) => <span dir="auto">{r.wording}</span>,
    },
    {
      key: 'case',
      header: t('dashboards.reviews.case'),
      cell: (r) => (
        <Link className="nowrap" to={caseLink(r.case.id, 'plan')}>
          {r.case.caseNumber}
        </Link>
      ),
    },
    { key: 'client', header: t('dashboards.reviews.client'), cell: (r) => r.case.clientName },
  ];
  return (
    <Panel heading={t('dashboards.reviews.heading')} wide quietCaptions>
      <p>{t('dashboards.reviews.intro', { date: format.day(list.until) })}</p>
      <ListTable
        caption={t('dashboards.reviews.caption')}
        columns={columns}
        rows={list.items}
        rowKey={(r) => r.goalId}
        empty={t('dashboards.reviews.none', { date: format.day(list.until) })}
      />
      <ListPager page={list.page} pageSize={list.pageSize} total={list.total} onPage={onPage} />
    </Panel>
  );
}

function QuietCases({
  data,
  userId,
  onPage,
}: {
  data: Data;
  userId: string;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCaseLabels();
  const list = data.noContact;
  const columns: Column<QuietCase>[] = [
    {
      key: 'case',
      header: t('dashboards.quiet.case'),
      rowHeader: true,
      cell: (r) => (
        <Link className="nowrap" to={caseLink(r.case.id, 'journal')}>
          {r.case.caseNumber}
        </Link>
      ),
    },
    { key: 'client', header: t('dashboards.quiet.client'), cell: (r) => r.case.clientName },
    { key: 'phase', header: t('dashboards.quiet.phase'), cell: (r) => labels.phase(r.phase) },
    {
      key: 'lastContact',
      header: t('dashboards.quiet.lastContact'),
      cell: (r) =>
        r.lastContactOn
          ? format.day(r.lastContactOn)
          : t('dashboards.quiet.noContactYet', { date: format.day(r.openedOn) }),
    },
    { key: 'days', header: t('dashboards.quiet.days'), cell: (r) => r.daysWithoutContact },
  ];
  const inList: CaseListLinkState = {
    filters: { responsibleUserId: userId, noContactDays: String(list.days) },
  };
  return (
    <Panel heading={t('dashboards.quiet.heading')} wide quietCaptions>
      <p>{t('dashboards.quiet.intro', { days: list.days })}</p>
      <ListTable
        caption={t('dashboards.quiet.caption', { days: list.days })}
        columns={columns}
        rows={list.items}
        rowKey={(r) => r.case.id}
        empty={t('dashboards.quiet.none', { days: list.days })}
      />
      <ListPager page={list.page} pageSize={list.pageSize} total={list.total} onPage={onPage} />
      {list.total > 0 ? (
        <p>
          <Link to="/cases" state={inList}>
            {t('dashboards.quiet.inList')}
          </Link>
        </p>
      ) : null}
    </Panel>
  );
}

function ExpiringConsents({ data, onPage }: { data: Data; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = data.expiringConsents;
  const columns: Column<ExpiringConsent>[] = [
    { key: 'until', header: t('dashboards.consents.validUntil'), cell: (c) => format.day(c.validUntil) },
    {
      key: 'client',
      header: t('dashboards.consents.client'),
      rowHeader: true,
      cell: (c) => <Link to={`/clients/${encodeURIComponent(c.client.id)}`}>{c.client.name}</Link>,
    },
    { key: 'kind', header: t('dashboards.consents.kind'), cell: (c) => t(`privacy.kinds.${c.kind}`) },
    {
      key: 'recipient',
      header: t('dashboards.consents.recipient'),
      cell: (c) => {
        const purpose = c.purpose ? t(`privacy.purposes.${c.purpose}`) : null;
        if (c.recipientName && purpose)
          return t('dashboards.consents.recipientPurpose', { recipient: c.recipientName, purpose });
        return c.recipientName ?? purpose ?? t('common.none');
      },
    },
  ];
  return (
    <Panel heading={t('dashboards.consents.heading')} wide quietCaptions>
      <p>{t('dashboards.consents.intro', { date: format.day(list.until) })}</p>
      <ListTable
        caption={t('dashboards.consents.caption')}
        columns={columns}
        rows={list.items}
        rowKey={(c) => c.id}
        empty={t('dashboards.consents.none', { date: format.day(list.until) })}
      />
      <ListPager page={list.page} pageSize={list.pageSize} total={list.total} onPage={onPage} />
    </Panel>
  );
}
