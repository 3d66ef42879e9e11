import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, call, type ApiResult } from '../../api/client';
import type { AuditEntry, AuditQuery, ChainVerification } from '../../api/types';
import { Alert, ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { TextField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { useResource } from '../../ui/useResource';

const PAGE_SIZE = 25;
type Filters = Record<'action' | 'entityType' | 'actorId' | 'from' | 'to', string>;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filtersFrom(params: URLSearchParams): Filters {
  return {
    action: params.get('action') ?? '',
    entityType: params.get('entityType') ?? '',
    actorId: params.get('actorId') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

function queryFrom(params: URLSearchParams): AuditQuery {
  const filters = filtersFrom(params);
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZE,
    ...(filters.action.trim() !== '' ? { action: filters.action.trim() } : {}),
    ...(filters.entityType.trim() !== '' ? { entityType: filters.entityType.trim() } : {}),
    ...(filters.actorId.trim() !== '' ? { actorId: filters.actorId.trim() } : {}),
    ...(DATE.test(filters.from) ? { from: filters.from } : {}),
    ...(DATE.test(filters.to) ? { to: filters.to } : {}),
  };
}

export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const query = queryFrom(params);
  const entries = useResource(params.toString(), () => call(api.GET('/api/audit', { params: { query } })));
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(params));
  // The back button changes the address without this form: take the filters over from it then.
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

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update({ ...filters, page: null });
  }

  function resetFilters() {
    const empty: Filters = { action: '', entityType: '', actorId: '', from: '', to: '' };
    setFilters(empty);
    update({ ...empty, page: null });
  }

  const columns: Column<AuditEntry>[] = [
    { key: 'seq', header: t('audit.seq'), rowHeader: true, cell: (entry) => entry.seq },
    {
      key: 'occurredAt',
      header: t('audit.occurredAt'),
      cell: (entry) => <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time>,
    },
    {
      key: 'actor',
      header: t('audit.actor'),
      cell: (entry) => (entry.actor ? entry.actor.displayName : t('audit.system')),
    },
    { key: 'action', header: t('audit.action'), cell: (entry) => <code>{entry.action}</code> },
    {
      key: 'entity',
      header: t('audit.entity'),
      cell: (entry) => (
        <>
          {entry.entityType}
          {entry.entityId ? (
            <>
              {' '}
              <code className="id">{entry.entityId}</code>
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'details',
      header: t('audit.details'),
      cell: (entry) =>
        Object.keys(entry.details).length === 0 && !entry.requestId ? (
          t('common.none')
        ) : (
          <details>
            <summary>{t('audit.showDetails', { seq: entry.seq })}</summary>
            <pre className="json">
              {JSON.stringify(
                { ...entry.details, chainId: entry.chainId, requestId: entry.requestId },
                null,
                2,
              )}
            </pre>
          </details>
        ),
    },
  ];
  const page = entries.data;

  return (
    <Page title={t('audit.title')}>
      <ChainCheck />
      <search className="filters">
        <form noValidate onSubmit={applyFilters} aria-labelledby="audit-filters">
          <h2 id="audit-filters" className="filters__title">
            {t('common.filters')}
          </h2>
          <div className="filters__fields">
            <TextField
              id="audit-action"
              label={t('audit.action')}
              optional
              value={filters.action}
              onValueChange={(action) => setFilters({ ...filters, action })}
            />
            <TextField
              id="audit-entity-type"
              label={t('audit.entityType')}
              optional
              value={filters.entityType}
              onValueChange={(entityType) => setFilters({ ...filters, entityType })}
            />
            <TextField
              id="audit-actor"
              label={t('audit.actorId')}
              optional
              spellCheck={false}
              value={filters.actorId}
              onValueChange={(actorId) => setFilters({ ...filters, actorId })}
            />
            <TextField
              id="audit-from"
              type="date"
              label={t('audit.from')}
              optional
              value={filters.from}
              onValueChange={(from) => setFilters({ ...filters, from })}
            />
            <TextField
              id="audit-to"
              type="date"
              label={t('audit.to')}
              optional
              value={filters.to}
              onValueChange={(to) => setFilters({ ...filters, to })}
            />
          </div>
          <div className="actions">
            <Button type="submit">{t('common.apply')}</Button>
            <Button variant="secondary" onClick={resetFilters}>
              {t('common.resetFilters')}
            </Button>
          </div>
        </form>
      </search>
      {entries.result && !entries.result.ok ? (
        <ProblemAlert problem={entries.result.problem} onRetry={entries.reload} />
      ) : null}
      {page ? (
        <>
          <DataTable
            caption={t('audit.caption')}
            columns={columns}
            rows={page.items}
            rowKey={(entry) => `${entry.chainId}:${entry.seq}`}
            empty={t('audit.empty')}
            busy={entries.loading}
          />
          <Pager
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            onPage={(next) => update({ page: String(next) })}
          />
        </>
      ) : entries.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </Page>
  );
}

/** "Kette prüfen": asks the server to recompute the hash chain and says whether it is intact. */
function ChainCheck() {
  const { t } = useTranslation();
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<ApiResult<ChainVerification> | null>(null);

  async function verify() {
    setChecking(true);
    setResult(null);
    setResult(await call(api.GET('/api/audit/verify')));
    setChecking(false);
  }

  // Success is said in the status region that is always present (so it is announced); failures as alerts.
  let status: string | null = checking ? t('audit.verifying') : null;
  let failure = null;
  if (result && !result.ok) failure = <ProblemAlert problem={result.problem} />;
  else if (result?.ok && result.data.intact) status = t('audit.intact', { count: result.data.checked });
  else if (result?.ok) {
    const broken = result.data.firstBroken;
    failure = (
      <Alert kind="error">
        {t('audit.broken', {
          chainId: broken?.chainId ?? '?',
          seq: broken?.seq ?? '?',
          reason: broken?.reason ?? '?',
        })}
      </Alert>
    );
  }

  return (
    <section aria-labelledby="audit-verify" className="panel">
      <h2 id="audit-verify">{t('audit.verifyHeading')}</h2>
      <p>{t('audit.verifyIntro')}</p>
      <Button variant="secondary" busy={checking} onClick={() => void verify()}>
        {t('audit.verify')}
      </Button>
      <StatusRegion message={status} />
      {failure}
    </section>
  );
}
