import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import type { Disclosure, DisclosureQuery } from '../../api/types';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import type { Column } from '../../ui/DataTable';
import { TextField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { useResource } from '../../ui/useResource';
import { DisclosureTable } from './SharePanel';

const PAGE_SIZE = 25;
type FilterKey = 'clientId' | 'caseId' | 'userId' | 'from' | 'to';
type Filters = Record<FilterKey, string>;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function filtersFrom(params: URLSearchParams): Filters {
  return {
    clientId: params.get('clientId') ?? '',
    caseId: params.get('caseId') ?? '',
    userId: params.get('userId') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

function queryFrom(params: URLSearchParams): DisclosureQuery {
  const f = filtersFrom(params);
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZE,
    ...(UUID.test(f.clientId) ? { clientId: f.clientId } : {}),
    ...(UUID.test(f.caseId) ? { caseId: f.caseId } : {}),
    ...(UUID.test(f.userId) ? { userId: f.userId } : {}),
    ...(DATE.test(f.from) ? { from: f.from } : {}),
    ...(DATE.test(f.to) ? { to: f.to } : {}),
  };
}

/** Offenlegungen (DPO): every disclosure of the organisation, filtered by client, case, user and period. */
export function DisclosuresPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = queryFrom(params);
  const list = useResource(params.toString(), () => call(api.GET('/api/disclosures', { params: { query } })));
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(params));
  const filtersInUrl = JSON.stringify(filtersFrom(params));
  const [syncedWith, setSyncedWith] = useState(filtersInUrl);
  if (syncedWith !== filtersInUrl) {
    setSyncedWith(filtersInUrl);
    setFilters(filtersFrom(params));
  }

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value.trim() === '') next.delete(key);
      else next.set(key, value.trim());
    }
    setParams(next);
  }

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update({ ...filters, page: null });
  }

  function reset() {
    const empty: Filters = { clientId: '', caseId: '', userId: '', from: '', to: '' };
    setFilters(empty);
    update({ ...empty, page: null });
  }

  const caseColumn: Column<Disclosure> = {
    key: 'case',
    header: t('disclosures.case'),
    cell: (d) => (
      <>
        {d.caseNumber ? (
          <span title={d.caseId ?? undefined}>{d.caseNumber}</span>
        ) : d.caseId ? (
          <code className="id">{d.caseId}</code>
        ) : (
          t('common.none')
        )}
        {d.client ? (
          <>
            <br />
            {t('disclosures.client')}: <code className="id">{d.client.id}</code>
          </>
        ) : null}
      </>
    ),
  };
  const page = list.data;
  const field = (key: FilterKey, date = false) => (
    <TextField
      key={key}
      id={`disclosures-${key}`}
      type={date ? 'date' : 'text'}
      label={t(`disclosures.${key}`)}
      optional
      spellCheck={false}
      value={filters[key]}
      onValueChange={(value) => setFilters({ ...filters, [key]: value })}
    />
  );

  return (
    <Page title={t('disclosures.title')}>
      <search className="filters">
        <form noValidate onSubmit={apply} aria-labelledby="disclosures-filters">
          <h2 id="disclosures-filters" className="filters__title">
            {t('common.filters')}
          </h2>
          <div className="filters__fields">
            {field('clientId')}
            {field('caseId')}
            {field('userId')}
            {field('from', true)}
            {field('to', true)}
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
      {page ? (
        <>
          <DisclosureTable
            rows={page.items}
            caption={t('disclosures.caption')}
            busy={list.loading}
            caseColumn={caseColumn}
            empty={t('disclosures.empty')}
          />
          <Pager
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            onPage={(next) => update({ page: String(next) })}
          />
        </>
      ) : list.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </Page>
  );
}
