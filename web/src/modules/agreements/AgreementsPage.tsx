import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useMe } from '../../app/session';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { CheckboxField, SelectField } from '../../ui/fields';
import { useFocusAfterRender } from '../../ui/focus';
import { today, useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { useResource } from '../../ui/useResource';
import { AgreementEditor } from './AgreementEditor';
import {
  agreementPath,
  emptyValues,
  filtersOf,
  inputOf,
  paramsOf,
  queryOf,
  STATE_FILTERS,
  type AgreementSummary,
  type ListFilters,
} from './model';

/** Who may conclude agreements (the server decides; this only hides what would be refused). */
export const MANAGES = ['team_lead', 'org_admin'] as const;

/**
 * Kooperationsvereinbarungen: the organisation's agreements with network partners, the next review first,
 * those due marked; filters in the address (states, a flag, a partner's id — nothing personal); a new one
 * for team leads and org admins [001 L1930–1990].
 */
export function AgreementsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const applied = filtersOf(params);
  const [draft, setDraft] = useState<ListFilters>(applied);
  const query = queryOf(applied);
  const agreements = useResource(JSON.stringify(query), () =>
    call(api.GET('/api/agreements', { params: { query } })),
  );
  const partners = useResource('partners', () =>
    call(api.GET('/api/partners', { params: { query: { pageSize: 200 } } })),
  );
  const manages = me.roles.some((role) => MANAGES.some((m) => m === role));
  const [creating, setCreating] = useState(false);
  const createHeading = useRef<HTMLHeadingElement>(null);
  const focusLater = useFocusAfterRender();

  useEffect(() => {
    if (creating) createHeading.current?.focus();
  }, [creating]);

  function show(filters: ListFilters) {
    setDraft(filters);
    setParams(paramsOf(filters));
  }

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    show({ ...draft, page: 1 });
  }

  const columns: Column<AgreementSummary>[] = [
    {
      key: 'title',
      header: t('agreements.list.name'),
      rowHeader: true,
      cell: (a) => (
        <>
          <Link to={agreementPath(a.id)}>{a.title}</Link>
          {a.archived ? <span className="tag tag--withdrawn"> {t('agreements.list.archived')}</span> : null}
        </>
      ),
    },
    {
      key: 'partners',
      header: t('agreements.list.partners'),
      cell: (a) => a.partners.map((p) => p.name).join(', '),
    },
    { key: 'form', header: t('agreements.list.form'), cell: (a) => t(`agreements.forms.${a.form}`) },
    {
      key: 'term',
      header: t('agreements.list.term'),
      cell: (a) => (
        <>
          {a.endsOn
            ? t('agreements.term.bounded', { from: format.day(a.startsOn), to: format.day(a.endsOn) })
            : t('agreements.term.openEnded', { from: format.day(a.startsOn) })}
          {a.state !== 'in_force' ? (
            <span className="muted"> ({t(`agreements.states.${a.state}`)})</span>
          ) : null}
        </>
      ),
    },
    {
      key: 'review',
      header: t('agreements.list.nextReview'),
      cell: (a) => (
        <>
          {format.day(a.reviewOn)}
          {a.reviewDue ? <span className="tag tag--overdue"> {t('agreements.list.due')}</span> : null}
        </>
      ),
    },
    { key: 'responsible', header: t('agreements.list.responsible'), cell: (a) => a.responsible.displayName },
  ];

  const partnerOptions = [
    { value: '', label: t('common.all') },
    ...(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];
  // A partner chosen in the address but not among the first ones of the directory still shows.
  if (applied.partnerId !== '' && !partnerOptions.some((o) => o.value === applied.partnerId)) {
    const named = agreements.data?.items
      .flatMap((a) => a.partners)
      .find((p) => p.id === applied.partnerId)?.name;
    partnerOptions.push({ value: applied.partnerId, label: named ?? applied.partnerId });
  }
  const data = agreements.data;

  return (
    <Page title={t('agreements.title')}>
      <p>{t('agreements.intro')}</p>
      {manages && !creating ? (
        <p>
          <Button id="agreement-create-open" onClick={() => setCreating(true)}>
            {t('agreements.create.open')}
          </Button>
        </p>
      ) : null}
      {manages && creating ? (
        <section id="agreement-create" aria-labelledby="agreement-create-heading">
          <h2 id="agreement-create-heading" ref={createHeading} tabIndex={-1}>
            {t('agreements.create.heading')}
          </h2>
          <AgreementEditor
            idPrefix="agreement-new"
            initial={emptyValues(today(), me.id)}
            submitLabel={t('agreements.create.submit')}
            onCancel={() => {
              setCreating(false);
              focusLater('agreement-create-open');
            }}
            onSubmit={async (values) => {
              const result = await call(api.POST('/api/agreements', { body: inputOf(values) }));
              if (!result.ok) return result.problem;
              void navigate(agreementPath(result.data.id), { state: { created: true } });
              return null;
            }}
          />
        </section>
      ) : null}

      <search className="filters">
        <form noValidate onSubmit={apply} aria-labelledby="agreements-filters">
          <h2 id="agreements-filters" className="filters__title">
            {t('common.filters')}
          </h2>
          <div className="filters__fields">
            <SelectField
              id="agreements-state"
              label={t('agreements.filters.state')}
              value={draft.state}
              options={STATE_FILTERS.map((state) => ({
                value: state,
                label: t(`agreements.filters.states.${state}`),
              }))}
              onValueChange={(value) =>
                setDraft({ ...draft, state: STATE_FILTERS.find((s) => s === value) ?? 'all' })
              }
            />
            <SelectField
              id="agreements-partner"
              label={t('agreements.filters.partner')}
              value={draft.partnerId}
              options={partnerOptions}
              onValueChange={(partnerId) => setDraft({ ...draft, partnerId })}
            />
          </div>
          <CheckboxField
            id="agreements-review-due"
            label={t('agreements.filters.reviewDue')}
            checked={draft.reviewDue}
            onCheckedChange={(reviewDue) => setDraft({ ...draft, reviewDue })}
          />
          <div className="actions">
            <Button type="submit">{t('common.apply')}</Button>
            <Button
              variant="secondary"
              onClick={() => show({ state: 'all', reviewDue: false, partnerId: '', page: 1 })}
            >
              {t('common.resetFilters')}
            </Button>
          </div>
        </form>
      </search>

      {agreements.result && !agreements.result.ok ? (
        <ProblemAlert problem={agreements.result.problem} onRetry={agreements.reload} />
      ) : null}
      {data ? (
        <>
          <DataTable
            caption={t('agreements.list.caption')}
            columns={columns}
            rows={data.items}
            rowKey={(a) => a.id}
            empty={t('agreements.list.empty')}
            busy={agreements.loading}
          />
          <Pager
            page={data.page}
            pageSize={data.pageSize}
            total={data.total}
            onPage={(page) => show({ ...applied, page })}
          />
        </>
      ) : agreements.loading ? (
        <p role="status">{t('agreements.loading')}</p>
      ) : null}
    </Page>
  );
}
