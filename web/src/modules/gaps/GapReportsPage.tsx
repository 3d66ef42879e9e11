import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { isOneOf } from '../../api/types';
import { useMe } from '../../app/session';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { SelectField, TextField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { useResource } from '../../ui/useResource';
import { useGapLabels } from './labels';
import { FIELDS_OF_ACTION, GAP_STATUSES, URGENCIES, type GapReportListItem, type ListQuery } from './model';

const PAGE_SIZE = 25;
const FILTERS = [
  'status',
  'field',
  'urgency',
  'district',
  'need',
  'targetGroup',
  'organisationId',
  'from',
  'to',
] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Filters;
}

/** The list query from the filters: empty and unknown values are left out. */
function queryOf(filters: Filters, page: number): ListQuery {
  const text = (value: string) => value.trim() || undefined;
  const query: ListQuery = {
    page,
    pageSize: PAGE_SIZE,
    status: isOneOf(GAP_STATUSES, filters.status) ? filters.status : undefined,
    field: isOneOf(FIELDS_OF_ACTION, filters.field) ? filters.field : undefined,
    urgency: isOneOf(URGENCIES, filters.urgency) ? filters.urgency : undefined,
    district: text(filters.district),
    need: text(filters.need),
    targetGroup: text(filters.targetGroup),
    organisationId: text(filters.organisationId),
    from: text(filters.from),
    to: text(filters.to),
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as ListQuery;
}

/**
 * Fehlende Hilfebausteine: the organisation's reports (the coordination office: those of every organisation
 * sharing its aggregates) with filters and paging. The filters live in the address — reports carry no
 * personal data — so the planning view can open the reports behind a bundle.
 */
export function GapReportsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useGapLabels();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const applied = filtersOf(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const caseId = params.get('caseId');
  const [draft, setDraft] = useState<Filters>(applied);
  const query = queryOf(applied, page);
  const list = useResource(JSON.stringify(query), () =>
    call(api.GET('/api/gap-reports', { params: { query } })),
  );
  const data = list.data;
  const several = (data?.organisations.length ?? 0) > 1;
  const mayReport = me.roles.includes('case_manager') || me.roles.includes('team_lead');

  function navigateTo(filters: Filters, nextPage: number) {
    const next = new URLSearchParams();
    if (caseId) next.set('caseId', caseId);
    for (const name of FILTERS) if (filters[name].trim()) next.set(name, filters[name].trim());
    if (nextPage > 1) next.set('page', String(nextPage));
    setParams(next);
  }

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    navigateTo(draft, 1);
  }

  function reset() {
    const empty = filtersOf(new URLSearchParams());
    setDraft(empty);
    navigateTo(empty, 1);
  }

  const set = (changes: Partial<Filters>) => setDraft({ ...draft, ...changes });
  const reportLink = (id: string) =>
    `/gaps/${encodeURIComponent(id)}${caseId ? `?${new URLSearchParams({ caseId }).toString()}` : ''}`;

  const columns: Column<GapReportListItem>[] = [
    { key: 'reportedOn', header: t('gaps.columns.reportedOn'), cell: (r) => format.day(r.reportedOn) },
    {
      key: 'need',
      header: t('gaps.columns.need'),
      rowHeader: true,
      cell: (r) => <Link to={reportLink(r.id)}>{r.need}</Link>,
    },
    { key: 'field', header: t('gaps.columns.field'), cell: (r) => labels.field(r.field) },
    {
      key: 'targetGroup',
      header: t('gaps.columns.targetGroup'),
      cell: (r) => labels.orNotGiven(r.targetGroup),
    },
    { key: 'district', header: t('gaps.columns.district'), cell: (r) => labels.orNotGiven(r.district) },
    { key: 'urgency', header: t('gaps.columns.urgency'), cell: (r) => labels.urgency(r.urgency) },
    { key: 'status', header: t('gaps.columns.status'), cell: (r) => labels.status(r.status, r.outcome) },
    { key: 'cases', header: t('gaps.columns.cases'), cell: (r) => String(r.caseCount) },
    ...(several
      ? [
          {
            key: 'organisation',
            header: t('gaps.columns.organisation'),
            cell: (r: GapReportListItem) => r.organisation.name,
          },
        ]
      : []),
  ];

  return (
    <Page title={t('gaps.list.title')}>
      <p>{t('gaps.list.intro')}</p>
      {caseId ? (
        <Alert kind="info">
          <p>{t('gaps.list.chooseForCase')}</p>
        </Alert>
      ) : null}
      {mayReport ? (
        <p>
          <Link
            to={`/gaps/new${caseId ? `?${new URLSearchParams({ caseId }).toString()}` : ''}`}
            className="button button--primary"
          >
            {t('gaps.list.new')}
          </Link>
        </p>
      ) : null}
      <search className="filters">
        <form noValidate onSubmit={apply} aria-labelledby="gaps-filters">
          <h2 id="gaps-filters" className="filters__title">
            {t('common.filters')}
          </h2>
          <div className="filters__fields">
            <SelectField
              id="gaps-status"
              label={t('gaps.columns.status')}
              value={draft.status}
              options={[
                { value: '', label: t('gaps.any') },
                ...GAP_STATUSES.map((s) => ({ value: s, label: labels.status(s) })),
              ]}
              onValueChange={(status) => set({ status })}
            />
            <SelectField
              id="gaps-field"
              label={t('gaps.columns.field')}
              value={draft.field}
              options={[
                { value: '', label: t('gaps.any') },
                ...FIELDS_OF_ACTION.map((f) => ({ value: f, label: labels.field(f) })),
              ]}
              onValueChange={(field) => set({ field })}
            />
            <SelectField
              id="gaps-urgency"
              label={t('gaps.columns.urgency')}
              value={draft.urgency}
              options={[
                { value: '', label: t('gaps.any') },
                ...URGENCIES.map((u) => ({ value: u, label: labels.urgency(u) })),
              ]}
              onValueChange={(urgency) => set({ urgency })}
            />
            <TextField
              id="gaps-district"
              label={t('gaps.columns.district')}
              optional
              maxLength={200}
              autoComplete="off"
              value={draft.district}
              onValueChange={(district) => set({ district })}
            />
            <TextField
              id="gaps-target-group"
              label={t('gaps.columns.targetGroup')}
              optional
              maxLength={200}
              autoComplete="off"
              value={draft.targetGroup}
              onValueChange={(targetGroup) => set({ targetGroup })}
            />
            <TextField
              id="gaps-need"
              label={t('gaps.list.need')}
              optional
              maxLength={300}
              autoComplete="off"
              value={draft.need}
              onValueChange={(need) => set({ need })}
            />
            <TextField
              id="gaps-from"
              type="date"
              label={t('gaps.list.from')}
              optional
              value={draft.from}
              onValueChange={(from) => set({ from })}
            />
            <TextField
              id="gaps-to"
              type="date"
              label={t('gaps.list.to')}
              optional
              value={draft.to}
              onValueChange={(to) => set({ to })}
            />
            {several && data ? (
              <SelectField
                id="gaps-organisation"
                label={t('gaps.columns.organisation')}
                value={draft.organisationId}
                options={[
                  { value: '', label: t('gaps.planning.allOrganisations') },
                  ...data.organisations.map((o) => ({ value: o.id, label: o.name })),
                ]}
                onValueChange={(organisationId) => set({ organisationId })}
              />
            ) : null}
          </div>
          <div className="actions">
            <Button type="submit">{t('common.apply')}</Button>
            <Button variant="secondary" onClick={reset}>
              {t('common.resetFilters')}
            </Button>
          </div>
        </form>
      </search>
      {list.result && !list.result.ok ? (
        <ProblemAlert problem={list.result.problem} onRetry={list.reload} />
      ) : null}
      {data ? (
        <>
          <DataTable
            caption={t('gaps.list.caption')}
            columns={columns}
            rows={data.items}
            rowKey={(r) => r.id}
            empty={t('gaps.list.empty')}
            busy={list.loading}
          />
          <Pager
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPage={(next) => navigateTo(applied, next)}
          />
        </>
      ) : list.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </Page>
  );
}
