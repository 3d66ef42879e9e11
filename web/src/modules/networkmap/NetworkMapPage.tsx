import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import type { Problem } from '../../api/types';
import { useMe } from '../../app/session';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { RadioGroup, TextField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import {
  GROUP_BY,
  groupId,
  sortGroups,
  type GroupBy,
  type MapGroup,
  type MapNode,
  type NetworkMapQuery,
  type NetworkMapView,
} from './model';
import { PartnerMap } from './PartnerMap';
import { useTypeLabel } from './typeLabel';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FIELD_IDS = {
  from: 'network-map-from',
  to: 'network-map-to',
  groupBy: 'network-map-group-by',
} as const;

function queryFrom(params: URLSearchParams): NetworkMapQuery {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const groupBy = params.get('groupBy');
  return {
    ...(DATE.test(from) ? { from } : {}),
    ...(DATE.test(to) ? { to } : {}),
    ...(groupBy === 'district' ? { groupBy: 'district' as const } : {}),
  };
}

/**
 * The organisation's network map (Netzwerkkarte of the system level [001 L1541]): whom it works with, how
 * much in a period, and where a cooperation agreement is missing — the yearly review's questions. The drawing,
 * then the list of missing agreements, then every partner in a table.
 */
export function NetworkMapPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const query = queryFrom(params);
  const map = useResource(params.toString(), () => call(api.GET('/api/network-map', { params: { query } })));
  const view = map.data;
  const problem = map.result && !map.result.ok ? map.result.problem : null;

  function show(values: { from: string; to: string; groupBy: GroupBy }) {
    const next = new URLSearchParams();
    if (values.from) next.set('from', values.from);
    if (values.to) next.set('to', values.to);
    if (values.groupBy !== 'type') next.set('groupBy', values.groupBy);
    setParams(next);
  }

  return (
    <Page title={t('networkMap.title')}>
      <p>{t('networkMap.intro')}</p>
      <MapFilters
        key={params.toString()}
        query={query}
        period={view?.period ?? null}
        problem={problem?.status === 400 ? problem : null}
        onShow={show}
      />
      {problem && problem.status !== 400 ? <ProblemAlert problem={problem} onRetry={map.reload} /> : null}
      {view ? (
        <MapContent view={view} organisationName={me.organisation.name} busy={map.loading} />
      ) : map.loading ? (
        <p role="status">{t('networkMap.loading')}</p>
      ) : null}
    </Page>
  );
}

interface MapFiltersProps {
  query: NetworkMapQuery;
  /** The period the server showed: the fields start with it when the address names none. */
  period: { from: string; to: string } | null;
  problem: Problem | null;
  onShow: (values: { from: string; to: string; groupBy: GroupBy }) => void;
}

/** Period and grouping; remounted with every new address, so it always starts from what is shown. */
function MapFilters({ query, period, problem, onShow }: MapFiltersProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [draft, setDraft] = useState<{ from?: string; to?: string; groupBy?: GroupBy }>({});
  const values = {
    from: draft.from ?? query.from ?? period?.from ?? '',
    to: draft.to ?? query.to ?? period?.to ?? '',
    groupBy: draft.groupBy ?? query.groupBy ?? 'type',
  };
  const errors = text.fieldErrors(problem);
  const labels = {
    from: t('networkMap.filters.from'),
    to: t('networkMap.filters.to'),
    groupBy: t('networkMap.filters.groupBy'),
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onShow(values);
  }

  return (
    <search className="filters">
      <form noValidate onSubmit={submit} aria-labelledby="network-map-filters">
        <h2 id="network-map-filters" className="filters__title">
          {t('networkMap.filters.heading')}
        </h2>
        <ErrorSummary
          problem={problem}
          fields={{
            from: { id: FIELD_IDS.from, label: labels.from },
            to: { id: FIELD_IDS.to, label: labels.to },
            groupBy: { id: FIELD_IDS.groupBy, label: labels.groupBy },
          }}
        />
        <div className="filters__fields">
          <TextField
            id={FIELD_IDS.from}
            type="date"
            label={labels.from}
            error={errors.from}
            value={values.from}
            onValueChange={(from) => setDraft({ ...draft, from })}
          />
          <TextField
            id={FIELD_IDS.to}
            type="date"
            label={labels.to}
            error={errors.to}
            value={values.to}
            onValueChange={(to) => setDraft({ ...draft, to })}
          />
          <RadioGroup
            id={FIELD_IDS.groupBy}
            legend={labels.groupBy}
            error={errors.groupBy}
            options={GROUP_BY.map((value) => ({ value, label: t(`networkMap.filters.${value}`) }))}
            value={values.groupBy}
            onValueChange={(groupBy) =>
              setDraft({ ...draft, groupBy: groupBy === 'district' ? 'district' : 'type' })
            }
          />
        </div>
        <div className="actions">
          <Button type="submit">{t('networkMap.filters.apply')}</Button>
        </div>
      </form>
    </search>
  );
}

function MapContent({
  view,
  organisationName,
  busy,
}: {
  view: NetworkMapView;
  organisationName: string;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const typeLabel = useTypeLabel(view.typeLabels);
  const groupLabel = (key: string | null) =>
    view.groupBy === 'type' ? typeLabel(key ?? '') : (key ?? t('networkMap.noDistrict'));
  const groups = sortGroups(view.groups, groupLabel, i18n.language);
  const formLabel = (form: string) =>
    form === 'oral' || form === 'minutes' || form === 'written' ? t(`networkMap.form.${form}`) : form;
  const agreementText = (node: MapNode) =>
    node.agreement
      ? t('networkMap.map.withAgreement', { form: formLabel(node.agreement.form) })
      : t('networkMap.map.withoutAgreement');

  const columns: Column<MapNode>[] = [
    {
      key: 'name',
      header: t('networkMap.table.name'),
      rowHeader: true,
      cell: (node) => (
        <>
          <Link to={`/network/partners/${node.id}`}>{node.name}</Link>
          {node.archived ? <> {t('networkMap.table.archived')}</> : null}
        </>
      ),
    },
    { key: 'type', header: t('networkMap.table.type'), cell: (node) => typeLabel(node.type) },
    { key: 'district', header: t('networkMap.table.district'), cell: (node) => node.district ?? '–' },
    {
      key: 'directory',
      header: t('networkMap.table.directory'),
      cell: (node) => (node.shared ? t('networkMap.table.shared') : t('networkMap.table.own')),
    },
    { key: 'referrals', header: t('networkMap.table.referrals'), cell: (node) => node.referrals },
    { key: 'completed', header: t('networkMap.table.completed'), cell: (node) => node.completed },
    {
      key: 'agreement',
      header: t('networkMap.table.agreement'),
      cell: (node) =>
        node.agreement ? (
          <>
            <Link to={`/network/agreements/${node.agreement.id}`}>
              {t('networkMap.table.yes', { form: formLabel(node.agreement.form) })}
            </Link>
            {node.agreement.reviewOn ? (
              <>
                <br />
                {t('networkMap.table.nextReview', { date: format.day(node.agreement.reviewOn) })}
              </>
            ) : null}
          </>
        ) : (
          t('networkMap.table.no')
        ),
    },
  ];

  type GroupRow = Pick<MapGroup, 'partners' | 'referrals' | 'completed' | 'withAgreement'> & {
    id: string;
    label: string;
  };
  const groupRows: GroupRow[] = [
    ...groups.map((g) => ({ ...g, id: groupId(g), label: groupLabel(g.key) })),
    { ...view.totals, id: '∑', label: t('networkMap.table.totals') },
  ];
  const groupColumns: Column<GroupRow>[] = [
    { key: 'group', header: t('networkMap.table.group'), rowHeader: true, cell: (g) => g.label },
    { key: 'partners', header: t('networkMap.table.partners'), cell: (g) => g.partners },
    { key: 'referrals', header: t('networkMap.table.referrals'), cell: (g) => g.referrals },
    { key: 'completed', header: t('networkMap.table.completed'), cell: (g) => g.completed },
    { key: 'withAgreement', header: t('networkMap.table.withAgreement'), cell: (g) => g.withAgreement },
  ];

  return (
    <div aria-busy={busy || undefined}>
      <p className="network-map-period" role="status">
        {t('networkMap.period', {
          from: format.day(view.period.from),
          to: format.day(view.period.to),
          on: format.day(view.agreementsOn),
        })}
      </p>
      {view.nodes.length === 0 ? (
        <Alert kind="info">{t('networkMap.empty')}</Alert>
      ) : (
        <PartnerMap
          view={{ ...view, groups }}
          organisationName={organisationName}
          groupLabel={groupLabel}
          agreementText={agreementText}
        />
      )}
      <section aria-labelledby="missing-agreements">
        <h2 id="missing-agreements">{t('networkMap.missing.heading')}</h2>
        {view.missingAgreements.length === 0 ? (
          <p>{t('networkMap.missing.none', { count: view.threshold })}</p>
        ) : (
          <>
            <p>{t('networkMap.missing.intro', { count: view.threshold })}</p>
            <ul className="missing-agreements__list">
              {view.missingAgreements.map((m) => (
                <li key={m.id}>
                  <Link to={`/network/partners/${m.id}`}>{m.name}</Link>:{' '}
                  {t('networkMap.missing.referrals', { count: m.referrals })}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <DataTable
        caption={t('networkMap.table.caption')}
        columns={columns}
        rows={view.nodes}
        rowKey={(node) => node.id}
        empty={t('networkMap.table.empty')}
        busy={busy}
      />
      {groups.length > 0 ? (
        <DataTable
          caption={t('networkMap.table.groupCaption', { groupBy: t(`networkMap.filters.${view.groupBy}`) })}
          columns={groupColumns}
          rows={groupRows}
          rowKey={(g) => g.id}
          empty={t('networkMap.table.empty')}
          busy={busy}
        />
      ) : null}
    </div>
  );
}
