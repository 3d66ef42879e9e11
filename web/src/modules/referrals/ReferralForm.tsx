import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call, type ApiResult } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import {
  DATA_CATEGORIES,
  isOneOf,
  type CaseView,
  type DisclosureRefusal,
  type FieldProblem,
  type Problem,
} from '../../api/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import {
  CheckboxField,
  CheckboxGroup,
  FieldGroup,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
} from '../../ui/fields';
import { today } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { PRIVACY_SECTION_ID, type ReleasePrefill } from '../consent/labels';
import type { PlanEnvelope } from '../plan/model';
import { useReferralLabels } from './labels';
import {
  FIELDS_OF_ACTION,
  SEARCH_LANGUAGES,
  type DataCategory,
  type FieldOfAction,
  type OfferHit,
  type OfferPage,
  type OfferQuery,
  type Referral,
} from './model';

const RESULTS = 20;

interface StepOption {
  id: string;
  label: string;
}

/** The steps of the plan's goals and sub-goals, each named with its goal. */
function stepOptions(envelope: PlanEnvelope | null): StepOption[] {
  const goals = envelope?.plan?.goals ?? [];
  return goals.flatMap((goal) =>
    [goal, ...goal.subGoals].flatMap((g) =>
      g.steps.map((s) => ({ id: s.id, label: `${g.wording}: ${s.what}` })),
    ),
  );
}

interface Filters {
  q: string;
  field: FieldOfAction | '';
  district: string;
  language: string;
  freePlaces: boolean;
}

const NO_FILTERS: Filters = { q: '', field: '', district: '', language: '', freePlaces: false };

/**
 * A new referral: optionally from a plan step, to an offer found in the directory, with the data the partner
 * receives (or none, when the client gets in touch alone). A refusal for want of a release says why and
 * leads to recording one; an offer without free places asks for confirmation first.
 */
export function ReferralForm({
  view,
  initialStepId,
  onCreated,
  onCancel,
}: {
  view: CaseView;
  /** A step of the plan to refer from, when the user came from the plan's "Vermitteln". */
  initialStepId: string;
  onCreated: (referral: Referral, message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const labels = useReferralLabels();
  const [stepId, setStepId] = useState(initialStepId);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [search, setSearch] = useState<Filters>(NO_FILTERS);
  const [chosen, setChosen] = useState<OfferHit | null>(null);
  const [sendData, setSendData] = useState(true);
  const [categories, setCategories] = useState<DataCategory[]>(['master_data']);
  const [requestedOn, setRequestedOn] = useState(today());
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  // Each answer renders its notice anew, so a repeated refusal or warning takes the focus again.
  const [attempt, setAttempt] = useState(0);

  const plan = useResource(`referral-plan:${view.id}`, () =>
    call(api.GET('/api/cases/{id}/plan', { params: { path: { id: view.id } } })),
  );
  const steps = stepOptions(plan.data);
  const query: OfferQuery = {
    pageSize: RESULTS,
    ...(requestedOn ? { validOn: requestedOn } : {}),
    ...(search.q.trim() ? { q: search.q.trim() } : {}),
    ...(search.field ? { field: search.field } : {}),
    ...(search.district.trim() ? { district: search.district.trim() } : {}),
    ...(search.language ? { language: search.language } : {}),
    ...(search.freePlaces ? { freePlaces: true } : {}),
  };
  const offers = useResource<OfferPage>(`referral-offers:${JSON.stringify(query)}`, () =>
    call(api.GET('/api/offers', { params: { query } })),
  );
  const refusal: DisclosureRefusal | null =
    problem?.code === 'disclosure-refused' ? (problem.refusal ?? null) : null;
  const errors = text.fieldErrors(problem);

  function change<T>(set: (value: T) => void) {
    return (value: T) => {
      set(value);
      setConfirming(false);
    };
  }

  async function submit(confirm: boolean) {
    if (submitting) return;
    const checks: FieldProblem[] = [];
    if (!chosen)
      checks.push({
        pointer: '/offerId',
        code: 'offer-required',
        message: t('referrals.form.offerRequired'),
      });
    if (sendData && categories.length === 0) {
      checks.push({ pointer: '/categories', code: 'minItems', message: '', params: { limit: 1 } });
    }
    if (requestedOn === '') checks.push({ pointer: '/requestedOn', code: 'required', message: '' });
    if (checks.length > 0 || !chosen) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const result: ApiResult<Referral> = await call(
      api.POST('/api/cases/{id}/referrals', {
        params: { path: { id: view.id } },
        body: {
          offerId: chosen.id,
          planStepId: stepId || null,
          requestedOn,
          categories: sendData ? categories : [],
          note: note.trim() || null,
          ...(confirm ? { confirm: true } : {}),
        },
      }),
    );
    setSubmitting(false);
    setAttempt((n) => n + 1);
    if (result.ok) {
      const key = result.data.disclosureId ? 'referrals.form.savedDisclosed' : 'referrals.form.saved';
      onCreated(result.data, t(key, { partner: result.data.partner.name }));
      return;
    }
    const full =
      result.problem.code === 'confirmation-required' &&
      (result.problem.errors ?? []).some((e) => e.code === 'no-free-places');
    setConfirming(full);
    setProblem(full ? null : result.problem);
  }

  /** Enter in a search field searches; it must not send the referral. */
  function searchOnEnter(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    setSearch(filters);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(false);
  }

  const prefill: ReleasePrefill | null =
    refusal && chosen
      ? {
          recipientKind: 'organisation',
          recipientName: refusal.recipient || chosen.partner.name,
          purpose: 'referral',
          categories,
        }
      : null;

  return (
    <form
      className="form referral-form"
      noValidate
      aria-labelledby="referral-form-heading"
      onSubmit={onSubmit}
    >
      <h3 id="referral-form-heading" tabIndex={-1}>
        {t('referrals.form.heading')}
      </h3>
      {refusal ? (
        <RefusalNotice key={attempt} refusal={refusal} clientId={view.client.id} prefill={prefill} />
      ) : (
        <ErrorSummary
          problem={problem}
          fields={{
            offerId: { id: 'referral-offer', label: t('referrals.form.results') },
            partnerId: { id: 'referral-offer', label: t('referrals.form.results') },
            planStepId: { id: 'referral-step', label: t('referrals.form.step') },
            categories: { id: 'referral-categories', label: t('referrals.form.categories') },
            requestedOn: { id: 'referral-requested-on', label: t('referrals.form.requestedOn') },
            note: { id: 'referral-note', label: t('referrals.form.note') },
          }}
        />
      )}

      {steps.length > 0 ? (
        <SelectField
          id="referral-step"
          label={t('referrals.form.step')}
          hint={t('referrals.form.stepHint')}
          optional
          value={stepId}
          options={[
            { value: '', label: t('referrals.form.stepNone') },
            ...steps.map((s) => ({ value: s.id, label: s.label })),
          ]}
          onValueChange={setStepId}
          error={errors.planStepId}
        />
      ) : plan.data ? (
        <p className="field__hint">{t('referrals.form.noPlan')}</p>
      ) : null}

      <FieldGroup legend={t('referrals.form.search')}>
        <TextField
          id="referral-q"
          label={t('referrals.form.q')}
          hint={t('referrals.form.qHint')}
          optional
          type="search"
          maxLength={200}
          value={filters.q}
          onValueChange={(q) => setFilters({ ...filters, q })}
          onKeyDown={searchOnEnter}
        />
        <SelectField
          id="referral-field"
          label={t('referrals.form.field')}
          optional
          value={filters.field}
          options={[
            { value: '', label: t('referrals.form.fieldAny') },
            ...FIELDS_OF_ACTION.map((f) => ({ value: f, label: t(`gaps.field.${f}`) })),
          ]}
          onValueChange={(f) => setFilters({ ...filters, field: isOneOf(FIELDS_OF_ACTION, f) ? f : '' })}
        />
        <TextField
          id="referral-district"
          label={t('referrals.form.district')}
          optional
          maxLength={200}
          value={filters.district}
          onValueChange={(district) => setFilters({ ...filters, district })}
          onKeyDown={searchOnEnter}
        />
        <SelectField
          id="referral-language"
          label={t('referrals.form.language')}
          optional
          value={filters.language}
          options={[
            { value: '', label: t('referrals.form.languageAny') },
            ...SEARCH_LANGUAGES.map((code) => ({ value: code, label: labels.language(code) })),
          ]}
          onValueChange={(language) => setFilters({ ...filters, language })}
        />
        <CheckboxField
          id="referral-free"
          label={t('referrals.form.freePlaces')}
          checked={filters.freePlaces}
          onCheckedChange={(freePlaces) => setFilters({ ...filters, freePlaces })}
        />
        <Button variant="secondary" onClick={() => setSearch(filters)}>
          {t('referrals.form.searchButton')}
        </Button>
      </FieldGroup>

      <OfferResults
        result={offers.result}
        loading={offers.loading}
        chosen={chosen}
        error={errors.offerId ?? errors.partnerId}
        onChoose={change(setChosen)}
      />

      <RadioGroup
        id="referral-data"
        legend={t('referrals.form.dataMode')}
        options={[
          { value: 'send', label: t('referrals.form.dataSend') },
          { value: 'none', label: t('referrals.form.dataNone') },
        ]}
        value={sendData ? 'send' : 'none'}
        onValueChange={(mode) => {
          setSendData(mode === 'send');
          setConfirming(false);
        }}
      >
        {sendData ? (
          <CheckboxGroup
            id="referral-categories"
            legend={t('referrals.form.categories')}
            options={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`privacy.categories.${c}`) }))}
            values={categories}
            onValuesChange={change((values: string[]) =>
              setCategories(values.filter((c): c is DataCategory => isOneOf(DATA_CATEGORIES, c))),
            )}
            error={errors.categories}
          />
        ) : null}
      </RadioGroup>

      <TextField
        id="referral-requested-on"
        label={t('referrals.form.requestedOn')}
        type="date"
        max={today()}
        value={requestedOn}
        onValueChange={change(setRequestedOn)}
        error={errors.requestedOn}
      />
      <TextArea
        id="referral-note"
        label={t('referrals.form.note')}
        optional
        maxLength={2000}
        dir="auto"
        value={note}
        onValueChange={setNote}
        error={errors.note}
      />

      {confirming && chosen ? (
        <FullNotice key={attempt} offer={chosen} busy={submitting} onConfirm={() => void submit(true)} />
      ) : null}

      <div className="actions">
        <Button type="submit" busy={submitting}>
          {t('referrals.form.submit')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('referrals.form.cancel')}
        </Button>
      </div>
    </form>
  );
}

function OfferResults({
  result,
  loading,
  chosen,
  error,
  onChoose,
}: {
  result: ApiResult<OfferPage> | null;
  loading: boolean;
  chosen: OfferHit | null;
  error: string | undefined;
  onChoose: (offer: OfferHit) => void;
}) {
  const { t } = useTranslation();
  const labels = useReferralLabels();
  if (loading) return <p role="status">{t('referrals.form.searching')}</p>;
  if (result && !result.ok) return <Alert kind="error">{t('common.loadFailed')}</Alert>;
  const page = result?.data ?? null;
  const hits = page?.items ?? [];
  const describe = (o: OfferHit) =>
    [
      t('referrals.form.hit', { title: o.title, partner: o.partner.name }),
      o.field ? labels.field(o.field) : null,
      o.district ? t('referrals.form.hitDistrict', { district: o.district }) : null,
      o.freePlaces === null
        ? null
        : o.freePlaces > 0
          ? t('referrals.form.hitFree', { count: o.freePlaces })
          : t('referrals.form.hitFull'),
      o.waitingDays ? t('referrals.form.hitWaiting', { days: o.waitingDays }) : null,
      o.languages.length > 0
        ? t('referrals.form.hitLanguages', { languages: o.languages.map(labels.language).join(', ') })
        : null,
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <>
      {hits.length === 0 ? (
        <div id="referral-offer" className={error ? 'field field--error' : 'field'}>
          <p role="status">{t('referrals.form.noResults')}</p>
          {error ? <p className="field__error">{error}</p> : null}
        </div>
      ) : (
        <RadioGroup
          id="referral-offer"
          legend={t('referrals.form.results')}
          options={hits.map((o) => ({ value: o.id, label: describe(o) }))}
          value={chosen?.id ?? ''}
          onValueChange={(id) => {
            const offer = hits.find((o) => o.id === id);
            if (offer) onChoose(offer);
          }}
          error={error}
        />
      )}
      {page && page.total > hits.length ? (
        <p className="field__hint">{t('referrals.form.more', { total: page.total, shown: hits.length })}</p>
      ) : null}
      {chosen && !hits.some((o) => o.id === chosen.id) ? (
        <p>{t('referrals.form.chosen', { title: chosen.title, partner: chosen.partner.name })}</p>
      ) : null}
    </>
  );
}

/** Says why the release does not cover the referral and leads to the client's privacy section to record one. */
function RefusalNotice({
  refusal,
  clientId,
  prefill,
}: {
  refusal: DisclosureRefusal;
  clientId: string;
  prefill: ReleasePrefill | null;
}) {
  const { t } = useTranslation();
  const labels = useReferralLabels();
  const ref = useFocusOnMount();
  const recipient = refusal.recipient || prefill?.recipientName || '';
  const reasons = ['no-release', 'expired', 'revoked', 'purpose', 'categories'] as const;
  const reason = isOneOf(reasons, refusal.reason) ? refusal.reason : 'other';
  return (
    <div ref={ref} tabIndex={-1} className="alert alert--error" role="alert">
      <p>
        <strong>{t('referrals.refused.heading', { recipient })}:</strong>{' '}
        {t(`referrals.refused.reasons.${reason}`, {
          categories: labels.categories(refusal.missingCategories),
        })}
      </p>
      <p>{t('referrals.refused.nothingSaved')}</p>
      <Link
        to={`/clients/${encodeURIComponent(clientId)}#${PRIVACY_SECTION_ID}`}
        state={prefill ? { releasePrefill: prefill } : null}
        className="button button--secondary"
      >
        {t('referrals.refused.record', { recipient })}
      </Link>
    </div>
  );
}

/** The offer is full: the warning takes the focus and offers to refer anyway (nothing is stored before). */
function FullNotice({ offer, busy, onConfirm }: { offer: OfferHit; busy: boolean; onConfirm: () => void }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount();
  return (
    <div ref={ref} tabIndex={-1} className="alert alert--info" role="alert">
      <h4>{t('referrals.full.heading')}</h4>
      <p>{t('referrals.full.text', { offer: offer.title, partner: offer.partner.name })}</p>
      <Button busy={busy} onClick={onConfirm}>
        {t('referrals.full.confirm')}
      </Button>
    </div>
  );
}

/** A notice that appears after sending takes the focus, so keyboard and screen-reader users land on it. */
function useFocusOnMount() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
