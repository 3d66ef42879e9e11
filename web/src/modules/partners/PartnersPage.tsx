import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { Problem } from '../../api/types';
import { useMe } from '../../app/session';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, RadioGroup, SelectField, TextField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { codeOptions } from '../clients/codes';
import {
  checkPartner,
  directoryRights,
  emptyPartnerValues,
  isOneOf,
  OFFER_LANGUAGE_CODES,
  partnerPayload,
  SCOPES,
  TARGET_GROUPS,
  type PartnerListItem,
  type PartnerQuery,
  type PartnerValues,
  type Scope,
  type TargetGroup,
} from './model';
import { PartnerFields, usePartnerFieldRefs } from './PartnerFields';
import { PartnerTypesSection } from './PartnerTypesSection';
import { usePartnerTypes, type PartnerTypes } from './partnerTypes';

const PAGE_SIZE = 25;

/** Navigation state after creating or deleting a partner: which message to show, no data. */
export interface PartnerNavigationState {
  partnerMessage: 'created' | 'deleted';
}

export function partnerNavigationMessage(state: unknown): PartnerNavigationState['partnerMessage'] | null {
  if (typeof state !== 'object' || state === null || !('partnerMessage' in state)) return null;
  const message = state.partnerMessage;
  return message === 'created' || message === 'deleted' ? message : null;
}

interface Filters {
  q: string;
  type: string;
  district: string;
  language: string;
  targetGroup: TargetGroup | '';
  freePlaces: boolean;
  scope: Scope;
  includeArchived: boolean;
}

const NO_FILTERS: Filters = {
  q: '',
  type: '',
  district: '',
  language: '',
  targetGroup: '',
  freePlaces: false,
  scope: 'all',
  includeArchived: false,
};

function queryOf(filters: Filters, page: number): PartnerQuery {
  return {
    page,
    pageSize: PAGE_SIZE,
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.district.trim() ? { district: filters.district.trim() } : {}),
    ...(filters.language ? { language: filters.language } : {}),
    ...(filters.targetGroup ? { targetGroup: filters.targetGroup } : {}),
    ...(filters.freePlaces ? { freePlaces: true } : {}),
    ...(filters.scope !== 'all' ? { scope: filters.scope } : {}),
    ...(filters.includeArchived ? { includeArchived: true } : {}),
  };
}

/** The partner directory: search with filters, a paged table, and the form for a new partner. */
export function PartnersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const rights = directoryRights(me.roles);
  const types = usePartnerTypes();
  const districts = useResource('districts', () => call(api.GET('/api/districts')));
  const districtNames = (districts.data?.items ?? []).filter((d) => !d.archived).map((d) => d.label);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<{ filters: Filters; page: number }>({
    filters: NO_FILTERS,
    page: 1,
  });
  const [creating, setCreating] = useState(false);
  const query = queryOf(applied.filters, applied.page);
  const partners = useResource(JSON.stringify(query), () =>
    call(api.GET('/api/partners', { params: { query } })),
  );
  const navigationMessage = partnerNavigationMessage(location.state);
  const set = (changes: Partial<Filters>) => setDraft({ ...draft, ...changes });
  const languages = useMemo(
    () => codeOptions(OFFER_LANGUAGE_CODES, i18n.language, 'language'),
    [i18n.language],
  );

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setApplied({ filters: draft, page: 1 });
  }

  const columns: Column<PartnerListItem>[] = [
    {
      key: 'name',
      header: t('partners.table.name'),
      rowHeader: true,
      cell: (partner) => (
        <>
          <Link to={`/network/partners/${encodeURIComponent(partner.id)}`}>{partner.name}</Link>
          {partner.shared ? (
            <>
              {' '}
              <span className="tag">{t('partners.shared')}</span>
            </>
          ) : null}
          {partner.archived ? (
            <>
              {' '}
              <span className="tag tag--withdrawn">{t('partners.archived')}</span>
            </>
          ) : null}
        </>
      ),
    },
    { key: 'type', header: t('partners.table.type'), cell: (partner) => types.label(partner.type) },
    { key: 'district', header: t('partners.table.district'), cell: (partner) => partner.district ?? '–' },
    { key: 'offers', header: t('partners.table.offers'), cell: (partner) => partner.offers },
    { key: 'free', header: t('partners.table.freePlaces'), cell: (partner) => partner.freePlaces },
  ];
  const page = partners.data;
  const filtered = JSON.stringify(applied.filters) !== JSON.stringify(NO_FILTERS);

  return (
    <Page title={t('partners.title')}>
      <p>{t('partners.intro')}</p>
      <StatusRegion message={navigationMessage === 'deleted' ? t('partners.deleted') : null} />
      {rights.createOwn || rights.createShared ? (
        <p>
          <Button
            variant={creating ? 'secondary' : 'primary'}
            aria-expanded={creating}
            aria-controls="partner-create"
            onClick={() => setCreating(!creating)}
          >
            {t('partners.create')}
          </Button>
        </p>
      ) : null}
      {creating ? (
        <CreatePartnerSection
          types={types}
          districts={districtNames}
          canOwn={rights.createOwn}
          canShared={rights.createShared}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      <search className="filters">
        <form noValidate onSubmit={search} aria-labelledby="partners-search">
          <h2 id="partners-search" className="filters__title">
            {t('partners.search.heading')}
          </h2>
          <div className="filters__fields">
            <TextField
              id="partners-q"
              type="search"
              label={t('partners.search.q')}
              hint={t('partners.search.qHint')}
              optional
              autoComplete="off"
              maxLength={200}
              value={draft.q}
              onValueChange={(q) => set({ q })}
            />
            <SelectField
              id="partners-type"
              label={t('partners.search.type')}
              value={draft.type}
              options={[
                { value: '', label: t('partners.search.anyType') },
                ...types.options(false, draft.type),
              ]}
              onValueChange={(type) => set({ type })}
            />
            <TextField
              id="partners-district"
              label={t('partners.search.district')}
              optional
              list="partners-district-list"
              autoComplete="off"
              maxLength={200}
              value={draft.district}
              onValueChange={(district) => set({ district })}
            />
            <datalist id="partners-district-list">
              {districtNames.map((d) => (
                <option key={d} value={d} />
              ))}
            </datalist>
            <SelectField
              id="partners-language"
              label={t('partners.search.language')}
              value={draft.language}
              options={[{ value: '', label: t('partners.search.anyLanguage') }, ...languages]}
              onValueChange={(language) => set({ language })}
            />
            <SelectField
              id="partners-target-group"
              label={t('partners.search.targetGroup')}
              value={draft.targetGroup}
              options={[
                { value: '', label: t('partners.search.anyTargetGroup') },
                ...TARGET_GROUPS.map((g) => ({ value: g, label: t(`partners.targetGroups.${g}`) })),
              ]}
              onValueChange={(targetGroup) =>
                set({ targetGroup: isOneOf(TARGET_GROUPS, targetGroup) ? targetGroup : '' })
              }
            />
            <SelectField
              id="partners-scope"
              label={t('partners.search.scope')}
              value={draft.scope}
              options={SCOPES.map((s) => ({ value: s, label: t(`partners.scopes.${s}`) }))}
              onValueChange={(scope) => set({ scope: isOneOf(SCOPES, scope) ? scope : 'all' })}
            />
          </div>
          <CheckboxField
            id="partners-free-places"
            label={t('partners.search.freePlaces')}
            hint={t('partners.search.freePlacesHint')}
            checked={draft.freePlaces}
            onCheckedChange={(freePlaces) => set({ freePlaces })}
          />
          <CheckboxField
            id="partners-archived"
            label={t('partners.search.includeArchived')}
            checked={draft.includeArchived}
            onCheckedChange={(includeArchived) => set({ includeArchived })}
          />
          <div className="actions">
            <Button type="submit">{t('partners.search.submit')}</Button>
            {filtered ? (
              <Button
                variant="secondary"
                onClick={() => {
                  setDraft(NO_FILTERS);
                  setApplied({ filters: NO_FILTERS, page: 1 });
                }}
              >
                {t('common.resetFilters')}
              </Button>
            ) : null}
          </div>
        </form>
      </search>
      {partners.result && !partners.result.ok ? (
        <ProblemAlert problem={partners.result.problem} onRetry={partners.reload} />
      ) : null}
      {page ? (
        <>
          <DataTable
            caption={t('partners.table.caption')}
            columns={columns}
            rows={page.items}
            rowKey={(partner) => partner.id}
            empty={t('partners.table.empty')}
            busy={partners.loading}
          />
          <Pager
            page={page.page}
            pageSize={page.pageSize}
            total={page.total}
            onPage={(next) => setApplied({ ...applied, page: next })}
          />
        </>
      ) : partners.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
      {rights.ownTypes || rights.sharedTypes ? (
        <PartnerTypesSection types={types} own={rights.ownTypes} shared={rights.sharedTypes} />
      ) : null}
    </Page>
  );
}

function CreatePartnerSection({
  types,
  districts,
  canOwn,
  canShared,
  onCancel,
}: {
  types: PartnerTypes;
  districts: readonly string[];
  canOwn: boolean;
  canShared: boolean;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const navigate = useNavigate();
  const [values, setValues] = useState<PartnerValues>(emptyPartnerValues);
  const [scope, setScope] = useState<'own' | 'shared'>(canOwn ? 'own' : 'shared');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const refs = usePartnerFieldRefs('partner-new', values.contacts);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks = checkPartner(values);
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/partners', {
        body: { ...partnerPayload(values), ...(scope === 'shared' ? { scope } : {}) },
      }),
    );
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    const state: PartnerNavigationState = { partnerMessage: 'created' };
    void navigate(`/network/partners/${encodeURIComponent(result.data.id)}`, { state });
  }

  return (
    <section id="partner-create" aria-labelledby="partner-create-heading" className="panel">
      <h2 id="partner-create-heading">{t('partners.createHeading')}</h2>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary
          problem={problem}
          fields={{ ...refs, scope: { id: 'partner-new-scope', label: t('partners.form.scope') } }}
        />
        {canOwn && canShared ? (
          <RadioGroup
            id="partner-new-scope"
            legend={t('partners.form.scope')}
            value={scope}
            options={[
              { value: 'own', label: t('partners.form.scopeOwn') },
              { value: 'shared', label: t('partners.form.scopeShared') },
            ]}
            onValueChange={(next) => setScope(next === 'shared' ? 'shared' : 'own')}
          />
        ) : canShared ? (
          <p>
            <span className="tag">{t('partners.shared')}</span> {t('partners.form.scopeShared')}
          </p>
        ) : null}
        <PartnerFields
          prefix="partner-new"
          values={values}
          onChange={setValues}
          errors={text.fieldErrors(problem)}
          typeOptions={types.options(scope === 'shared')}
          districts={districts}
          withContacts
        />
        <div className="actions">
          <Button type="submit" busy={submitting}>
            {submitting ? t('common.saving') : t('partners.submitCreate')}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
