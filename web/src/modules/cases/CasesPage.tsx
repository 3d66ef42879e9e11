import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api, call } from '../../api/client';
import { CASE_KINDS, PHASES, type CaseListItem, type CaseSort } from '../../api/types';
import { useMe } from '../../app/session';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column, type Sorting } from '../../ui/DataTable';
import { CheckboxField, SelectField, TextField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { useResource } from '../../ui/useResource';
import { caseQueryOf, filtersFromState, NO_FILTERS, type CaseFilters } from './caseList';
import { useCaseLabels } from './labels';

const SORTS: readonly CaseSort[] = ['caseNumber', 'openedOn', 'lastContactOn', 'phase', 'nextFollowUp'];

/**
 * Fälle: own and delegated cases; a team lead also sees the other cases of the own units, without names.
 * Filters live in this page's state, not in the address: a searched name must not end up in the history.
 */
export function CasesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const format = useFormat();
  const labels = useCaseLabels();
  const [draft, setDraft] = useState<CaseFilters>(() => filtersFromState(location.state));
  const [applied, setApplied] = useState<CaseFilters>(() => filtersFromState(location.state));
  const [page, setPage] = useState(1);
  const [sorting, setSorting] = useState<{ key: CaseSort; order: 'asc' | 'desc' }>({
    key: 'caseNumber',
    order: 'asc',
  });
  const query = caseQueryOf(applied, page, sorting);
  // POST, not GET: the search term (a client's name) goes in the body, never in a URL (proxies' access logs).
  const cases = useResource(JSON.stringify(query), () =>
    call(api.POST('/api/cases/search', { body: query })),
  );
  const colleagues = useResource('colleagues', () => call(api.GET('/api/colleagues')));

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setApplied(draft);
    setPage(1);
  }

  function reset() {
    setDraft(NO_FILTERS);
    setApplied(NO_FILTERS);
    setPage(1);
  }

  function sort(next: Sorting) {
    const key = SORTS.find((s) => s === next.key);
    if (key === undefined) return;
    setSorting({ key, order: next.order });
    setPage(1);
  }

  const columns: Column<CaseListItem>[] = [
    {
      key: 'caseNumber',
      header: t('cases.caseNumber'),
      rowHeader: true,
      sortKey: 'caseNumber',
      cell: (c) => (
        <Link to={`/cases/${encodeURIComponent(c.id)}`} className="nowrap">
          {c.caseNumber}
        </Link>
      ),
    },
    {
      key: 'client',
      header: t('cases.client'),
      cell: (c) =>
        c.client ? (
          <span dir="auto">
            {c.client.familyName}, {c.client.givenNames}
          </span>
        ) : (
          <span className="muted">
            {t('cases.notReadable')}
            <span className="visually-hidden"> ({t('cases.notReadableHint')})</span>
          </span>
        ),
    },
    { key: 'kind', header: t('cases.kind'), cell: (c) => labels.kind(c.kind) },
    { key: 'phase', header: t('cases.phase'), sortKey: 'phase', cell: (c) => labels.phase(c.phase) },
    { key: 'orgUnit', header: t('cases.orgUnit'), cell: (c) => c.orgUnit.name },
    { key: 'responsible', header: t('cases.responsible'), cell: (c) => c.responsible.displayName },
    {
      key: 'openedOn',
      header: t('cases.openedOn'),
      sortKey: 'openedOn',
      cell: (c) => format.day(c.openedOn),
    },
    {
      key: 'lastContact',
      header: t('cases.lastContact'),
      sortKey: 'lastContactOn',
      cell: (c) => format.day(c.lastContactOn, t('cases.none')),
    },
    {
      key: 'nextFollowUp',
      header: t('cases.nextFollowUp'),
      sortKey: 'nextFollowUp',
      cell: (c) => format.day(c.nextFollowUpOn, t('cases.none')),
    },
    {
      key: 'overdue',
      header: t('cases.overdueCount'),
      cell: (c) =>
        c.overdueFollowUps > 0 ? (
          <span className="tag tag--overdue">
            {c.overdueFollowUps} {t('followUps.overdue')}
          </span>
        ) : (
          '0'
        ),
    },
  ];
  const data = cases.data;
  const set = (changes: Partial<CaseFilters>) => setDraft({ ...draft, ...changes });

  return (
    <Page title={t('cases.title')}>
      <p>
        <Link to="/clients/new" className="button button--primary">
          {t('cases.newClient')}
        </Link>
      </p>
      <search className="filters">
        <form noValidate onSubmit={apply} aria-labelledby="cases-filters">
          <h2 id="cases-filters" className="filters__title">
            {t('common.filters')}
          </h2>
          <div className="filters__fields">
            <TextField
              id="cases-q"
              type="search"
              label={t('cases.search')}
              hint={me.roles.includes('team_lead') ? t('cases.searchHint') : undefined}
              optional
              dir="auto"
              autoComplete="off"
              value={draft.q}
              onValueChange={(q) => set({ q })}
            />
            <SelectField
              id="cases-phase"
              label={t('cases.phase')}
              value={draft.phase}
              options={[
                { value: '', label: t('cases.anyPhase') },
                ...PHASES.map((phase) => ({ value: phase, label: t(`codes.phase.${phase}`) })),
              ]}
              onValueChange={(phase) => set({ phase })}
            />
            <SelectField
              id="cases-kind"
              label={t('cases.kind')}
              value={draft.kind}
              options={[
                { value: '', label: t('cases.anyKind') },
                ...CASE_KINDS.map((kind) => ({ value: kind, label: t(`codes.caseKind.${kind}`) })),
              ]}
              onValueChange={(kind) => set({ kind })}
            />
            <SelectField
              id="cases-responsible"
              label={t('cases.responsible')}
              value={draft.responsibleUserId}
              options={[
                { value: '', label: t('cases.anyResponsible') },
                ...(colleagues.data?.items ?? []).map((c) => ({ value: c.id, label: c.displayName })),
              ]}
              onValueChange={(responsibleUserId) => set({ responsibleUserId })}
            />
            <SelectField
              id="cases-org-unit"
              label={t('cases.orgUnit')}
              value={draft.orgUnitId}
              options={[
                { value: '', label: t('cases.anyOrgUnit') },
                ...me.orgUnits.map((unit) => ({ value: unit.id, label: unit.name })),
              ]}
              onValueChange={(orgUnitId) => set({ orgUnitId })}
            />
            <TextField
              id="cases-no-contact"
              label={t('cases.noContact')}
              hint={t('cases.noContactHint')}
              optional
              inputMode="numeric"
              autoComplete="off"
              value={draft.noContactDays}
              onValueChange={(noContactDays) => set({ noContactDays })}
            />
          </div>
          <CheckboxField
            id="cases-overdue"
            label={t('cases.overdue')}
            checked={draft.overdueFollowUps}
            onCheckedChange={(overdueFollowUps) => set({ overdueFollowUps })}
          />
          <CheckboxField
            id="cases-closed"
            label={t('cases.includeClosed')}
            checked={draft.includeClosed}
            onCheckedChange={(includeClosed) => set({ includeClosed })}
          />
          <div className="actions">
            <Button type="submit">{t('common.apply')}</Button>
            <Button variant="secondary" onClick={reset}>
              {t('common.resetFilters')}
            </Button>
          </div>
        </form>
      </search>
      {cases.result && !cases.result.ok ? (
        <ProblemAlert problem={cases.result.problem} onRetry={cases.reload} />
      ) : null}
      {data ? (
        <>
          <DataTable
            caption={t('cases.caption')}
            columns={columns}
            rows={data.items}
            rowKey={(c) => c.id}
            empty={t('cases.empty')}
            busy={cases.loading}
            sorting={sorting}
            onSort={sort}
          />
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </>
      ) : cases.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </Page>
  );
}
