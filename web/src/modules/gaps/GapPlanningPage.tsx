import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { isOneOf } from '../../api/types';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { SelectField, TextField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { useResource } from '../../ui/useResource';
import { useGapLabels } from './labels';
import {
  FIELDS_OF_ACTION,
  GAP_STATUSES,
  GROUP_BY,
  type GapBundle,
  type GapPlanning,
  type PlanningQuery,
} from './model';
import './gaps.css';

const PAGE_SIZE = 25;
const FILTERS = ['from', 'to', 'groupBy', 'status', 'organisationId'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Filters;
}

/** The filters as the server takes them; empty and unknown values left out (the server has defaults). */
function filterQuery(filters: Filters): Omit<PlanningQuery, 'page' | 'pageSize'> {
  const text = (value: string) => value.trim() || undefined;
  const query = {
    from: text(filters.from),
    to: text(filters.to),
    groupBy: isOneOf(GROUP_BY, filters.groupBy) ? filters.groupBy : undefined,
    status: isOneOf(GAP_STATUSES, filters.status) ? filters.status : undefined,
    organisationId: text(filters.organisationId),
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
}

function searchOf(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values))
    if (value !== undefined) params.set(name, String(value));
  return params.toString();
}

/** "2026-03" → "03/2026" (German) or "Mar 2026" (English). */
function useMonthLabel() {
  const { i18n } = useTranslation();
  const formatter = new Intl.DateTimeFormat(i18n.language, {
    month: i18n.language === 'de' ? '2-digit' : 'short',
    year: 'numeric',
  });
  return (month: string) =>
    formatter.format(new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1));
}

/** A bundle's reports per month: bars for the eye, the numbers in words for screen readers. */
function Trend({ bundle }: { bundle: GapBundle }) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const max = Math.max(1, ...bundle.trend.map((m) => m.reports));
  return (
    <span className="gap-trend">
      <span className="gap-trend__bars" aria-hidden="true">
        {bundle.trend.map((m) => (
          <span
            key={m.month}
            className="gap-trend__bar"
            style={{ height: `${Math.max(2, Math.round((m.reports / max) * 24))}px` }}
            title={`${monthLabel(m.month)}: ${m.reports}`}
          />
        ))}
      </span>
      <span className="visually-hidden">
        {t('gaps.planning.trendText', {
          months: bundle.trend.map((m) => `${monthLabel(m.month)}: ${m.reports}`).join(', '),
        })}
      </span>
    </span>
  );
}

/**
 * Planungsansicht: gap reports bundled by need, field of action, target group or district with the number of
 * reports and of cases behind them, per status and per month; downloadable as CSV or XLSX with the same
 * numbers. The coordination office chooses among the organisations that share their aggregates.
 */
export function GapPlanningPage() {
  const { t } = useTranslation();
  const labels = useGapLabels();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const applied = filtersOf(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState<Filters>(applied);
  const filters = filterQuery(applied);
  const query: PlanningQuery = { ...filters, page, pageSize: PAGE_SIZE };
  const planning = useResource(JSON.stringify(query), () =>
    call(api.GET('/api/planning/gaps', { params: { query } })),
  );
  const data = planning.data;
  const several = (data?.organisations.length ?? 0) > 1;

  function navigateTo(next: Filters, nextPage: number) {
    const search = new URLSearchParams();
    for (const name of FILTERS) if (next[name].trim()) search.set(name, next[name].trim());
    if (nextPage > 1) search.set('page', String(nextPage));
    setParams(search);
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

  function bundleName(result: GapPlanning, bundle: GapBundle) {
    if (bundle.key === null) return t('gaps.notGiven');
    if (result.groupBy === 'field') {
      return isOneOf(FIELDS_OF_ACTION, bundle.key) ? labels.field(bundle.key) : bundle.key;
    }
    return bundle.label ?? bundle.key;
  }

  function reportsLink(result: GapPlanning, bundle: GapBundle): string | null {
    if (bundle.key === null) return null;
    return `/gaps?${searchOf({
      [result.groupBy]: bundle.key,
      from: result.from,
      to: result.to,
      status: result.status ?? undefined,
      organisationId: filters.organisationId,
    })}`;
  }

  const columns = (result: GapPlanning): Column<GapBundle>[] => [
    {
      key: 'bundle',
      header: labels.groupBy(result.groupBy),
      rowHeader: true,
      cell: (b) => {
        const link = reportsLink(result, b);
        return link ? (
          <Link to={link}>
            {bundleName(result, b)}
            <span className="visually-hidden"> – {t('gaps.planning.showReports')}</span>
          </Link>
        ) : (
          bundleName(result, b)
        );
      },
    },
    { key: 'reports', header: t('gaps.planning.reports'), cell: (b) => String(b.reports) },
    { key: 'cases', header: t('gaps.planning.cases'), cell: (b) => String(b.cases) },
    ...GAP_STATUSES.map((s) => ({
      key: s,
      header: labels.status(s),
      cell: (b: GapBundle) => String(b.byStatus[s]),
    })),
    { key: 'trend', header: t('gaps.planning.trend'), cell: (b) => <Trend bundle={b} /> },
    ...(several
      ? [
          {
            key: 'organisations',
            header: t('gaps.planning.organisations'),
            cell: (b: GapBundle) => b.byOrganisation.map((o) => `${o.name} (${o.reports})`).join('; '),
          },
        ]
      : []),
  ];

  const exportHref = (fileFormat: 'csv' | 'xlsx') =>
    `/api/planning/gaps/export?${searchOf({ ...filters, format: fileFormat })}`;

  return (
    <Page title={t('gaps.planning.title')}>
      <p>{t('gaps.planning.intro')}</p>
      <search className="filters">
        <form noValidate onSubmit={apply} aria-labelledby="gap-planning-filters">
          <h2 id="gap-planning-filters" className="filters__title">
            {t('common.filters')}
          </h2>
          <div className="filters__fields">
            <SelectField
              id="gap-planning-group-by"
              label={t('gaps.planning.groupBy')}
              value={draft.groupBy || 'need'}
              options={GROUP_BY.map((g) => ({ value: g, label: labels.groupBy(g) }))}
              onValueChange={(groupBy) => set({ groupBy })}
            />
            <TextField
              id="gap-planning-from"
              type="date"
              label={t('gaps.planning.from')}
              optional
              value={draft.from}
              onValueChange={(from) => set({ from })}
            />
            <TextField
              id="gap-planning-to"
              type="date"
              label={t('gaps.planning.to')}
              optional
              value={draft.to}
              onValueChange={(to) => set({ to })}
            />
            <SelectField
              id="gap-planning-status"
              label={t('gaps.columns.status')}
              value={draft.status}
              options={[
                { value: '', label: t('gaps.any') },
                ...GAP_STATUSES.map((s) => ({ value: s, label: labels.status(s) })),
              ]}
              onValueChange={(status) => set({ status })}
            />
            {several && data ? (
              <SelectField
                id="gap-planning-organisation"
                label={t('gaps.planning.organisation')}
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
      {planning.result && !planning.result.ok ? (
        <ProblemAlert problem={planning.result.problem} onRetry={planning.reload} />
      ) : null}
      {data ? (
        <>
          <p>
            {t('gaps.planning.period', {
              from: format.day(data.from),
              to: format.day(data.to),
              reports: data.totals.reports,
              cases: data.totals.cases,
            })}
          </p>
          <DataTable
            caption={t('gaps.planning.caption', { groupBy: labels.groupBy(data.groupBy) })}
            columns={columns(data)}
            rows={data.items}
            rowKey={(b) => b.key ?? '\u0000'}
            empty={t('gaps.planning.empty')}
            busy={planning.loading}
          />
          <Pager
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPage={(next) => navigateTo(applied, next)}
          />
          <h2>{t('gaps.planning.export')}</h2>
          <ul className="actions plain-list">
            <li>
              <a href={exportHref('csv')} download>
                {t('gaps.planning.exportCsv')}
              </a>
            </li>
            <li>
              <a href={exportHref('xlsx')} download>
                {t('gaps.planning.exportXlsx')}
              </a>
            </li>
          </ul>
        </>
      ) : planning.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </Page>
  );
}
