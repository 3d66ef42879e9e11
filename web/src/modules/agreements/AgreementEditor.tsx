import { useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { FieldProblem, Problem } from '../../api/types';
import { useMe } from '../../app/session';
import { Button } from '../../ui/Button';
import { ErrorSummary, type FieldRef } from '../../ui/ErrorSummary';
import { FieldError, FieldGroup, RadioGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { useFocusAfterRender } from '../../ui/focus';
import { fieldOf, useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import {
  AGREEMENT_FORMS,
  checkValues,
  RULE_KEYS,
  type AgreementValues,
  type ChosenPartner,
  type PartnerHit,
} from './model';

/**
 * The agreement's problems in its own words where the shared wording does not fit: the dates say which order
 * they break (the shared "before the start" does not fit a review after the end), a form change that would
 * lose the document says so. Returns the problem with those messages (for the error summary) and the
 * messages per field.
 */
export function useAgreementProblem(problem: Problem | null): {
  problem: Problem | null;
  errors: Record<string, string>;
} {
  const { t } = useTranslation();
  const text = useProblemText();
  return useMemo(() => {
    const own = (error: FieldProblem): string | null => {
      const field = fieldOf(error);
      const key = `${field}:${error.code}`;
      switch (key) {
        case 'endsOn:date-order':
          return t('agreements.errors.endsOn');
        case 'reviewOn:date-order':
          return t('agreements.errors.reviewOn');
        case 'form:document-attached':
          return t('agreements.errors.documentAttached');
        case 'nextReviewOn:date-order':
          return t('agreements.errors.nextReviewOn');
        case 'nextReviewOn:not-allowed':
          return t('agreements.errors.nextReviewNotAllowed');
        case 'reviewedOn:date-order':
          return t('agreements.errors.reviewedOnBefore');
        default:
          return null;
      }
    };
    const worded: Problem | null =
      problem?.errors === undefined
        ? problem
        : {
            ...problem,
            errors: problem.errors.map((error) => {
              const message = own(error);
              // An unknown code shows its message as it is.
              return message === null ? error : { ...error, code: `agreements:${error.code}`, message };
            }),
          };
    return { problem: worded, errors: text.fieldErrors(worded) };
  }, [problem, t, text]);
}

interface EditorProps {
  idPrefix: string;
  initial: AgreementValues;
  /** People to offer as responsible beyond the colleagues (e.g. the one responsible now). */
  people?: readonly { id: string; displayName: string }[];
  submitLabel: string;
  /** Sends the values; resolves to the server's problem, or null when saved. */
  onSubmit: (values: AgreementValues) => Promise<Problem | null>;
  onCancel?: () => void;
}

/** The agreement as a form: title, partners, form, goals, rules, term, review date, responsible person. */
export function AgreementEditor({
  idPrefix,
  initial,
  people = [],
  submitLabel,
  onSubmit,
  onCancel,
}: EditorProps) {
  const { t } = useTranslation();
  const me = useMe();
  const [values, setValues] = useState(initial);
  const [sent, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const { problem, errors } = useAgreementProblem(sent);
  const colleagues = useResource('colleagues', () => call(api.GET('/api/colleagues')));
  const set = (changes: Partial<AgreementValues>) => setValues((v) => ({ ...v, ...changes }));
  const id = (field: string) => `${idPrefix}-${field}`;

  const refs = {
    title: { id: id('title'), label: t('agreements.fields.title') },
    partnerIds: { id: id('partners'), label: t('agreements.fields.partners') },
    form: { id: id('form'), label: t('agreements.fields.form') },
    goals: { id: id('goals'), label: t('agreements.fields.goals') },
    'rules.meetings': { id: id('meetings'), label: t('agreements.rules.meetings') },
    'rules.responsibilities': { id: id('responsibilities'), label: t('agreements.rules.responsibilities') },
    'rules.documentation': { id: id('documentation'), label: t('agreements.rules.documentation') },
    startsOn: { id: id('starts-on'), label: t('agreements.fields.startsOn') },
    endsOn: { id: id('ends-on'), label: t('agreements.fields.endsOn') },
    reviewOn: { id: id('review-on'), label: t('agreements.fields.reviewOn') },
    responsibleUserId: { id: id('responsible'), label: t('agreements.fields.responsible') },
  } satisfies Record<string, FieldRef>;

  const responsibleOptions = useMemo(() => {
    const list = new Map<string, string>([
      [me.id, t('agreements.fields.responsibleMe', { name: me.displayName })],
    ]);
    for (const c of colleagues.data?.items ?? []) if (!list.has(c.id)) list.set(c.id, c.displayName);
    for (const p of people) if (!list.has(p.id)) list.set(p.id, p.displayName);
    return [...list].map(([value, label]) => ({ value, label }));
  }, [me, colleagues.data, people, t]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const found = checkValues(values);
    if (found.length > 0) {
      setProblem(clientValidationProblem(found));
      return;
    }
    setBusy(true);
    const result = await onSubmit(values);
    setBusy(false);
    setProblem(result);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary problem={problem} fields={refs} />
      <TextField
        id={refs.title.id}
        label={refs.title.label}
        hint={t('agreements.fields.titleHint')}
        maxLength={200}
        value={values.title}
        onValueChange={(title) => set({ title })}
        error={errors.title}
      />
      <PartnerPicker
        id={refs.partnerIds.id}
        chosen={values.partners}
        error={errors.partnerIds}
        onChange={(partners) => set({ partners })}
      />
      <RadioGroup
        id={refs.form.id}
        legend={refs.form.label}
        hint={t('agreements.fields.formHint')}
        options={AGREEMENT_FORMS.map((form) => ({ value: form, label: t(`agreements.forms.${form}`) }))}
        value={values.form}
        onValueChange={(form) => {
          const chosen = AGREEMENT_FORMS.find((f) => f === form);
          if (chosen) set({ form: chosen });
        }}
        error={errors.form}
      />
      <TextArea
        id={refs.goals.id}
        label={refs.goals.label}
        hint={t('agreements.fields.goalsHint')}
        optional
        maxLength={4000}
        rows={4}
        value={values.goals}
        onValueChange={(goals) => set({ goals })}
        error={errors.goals}
      />
      <FieldGroup legend={t('agreements.fields.rulesLegend')}>
        {RULE_KEYS.map((key) => (
          <TextArea
            key={key}
            id={refs[`rules.${key}`].id}
            label={t(`agreements.rules.${key}`)}
            hint={t(`agreements.rules.${key}Hint`)}
            optional
            maxLength={2000}
            value={values.rules[key]}
            onValueChange={(value) => set({ rules: { ...values.rules, [key]: value } })}
            error={errors[`rules.${key}`]}
          />
        ))}
      </FieldGroup>
      <TextField
        id={refs.startsOn.id}
        type="date"
        label={refs.startsOn.label}
        value={values.startsOn}
        onValueChange={(startsOn) => set({ startsOn })}
        error={errors.startsOn}
      />
      <TextField
        id={refs.endsOn.id}
        type="date"
        label={refs.endsOn.label}
        hint={t('agreements.fields.endsOnHint')}
        optional
        value={values.endsOn}
        onValueChange={(endsOn) => set({ endsOn })}
        error={errors.endsOn}
      />
      <TextField
        id={refs.reviewOn.id}
        type="date"
        label={refs.reviewOn.label}
        hint={t('agreements.fields.reviewOnHint')}
        optional
        value={values.reviewOn}
        onValueChange={(reviewOn) => set({ reviewOn })}
        error={errors.reviewOn}
      />
      <SelectField
        id={refs.responsibleUserId.id}
        label={refs.responsibleUserId.label}
        options={responsibleOptions}
        value={values.responsibleUserId}
        onValueChange={(responsibleUserId) => set({ responsibleUserId })}
        error={errors.responsibleUserId}
      />
      <div className="actions">
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

interface PickerProps {
  id: string;
  chosen: readonly ChosenPartner[];
  error: string | undefined;
  onChange: (partners: ChosenPartner[]) => void;
}

/**
 * Partners picked by searching the directory (own and shared): a search field with its button, the hits
 * with "Hinzufügen", the chosen ones with "Entfernen". A fieldset, so the error summary lands in its search.
 */
function PartnerPicker({ id, chosen, error, onChange }: PickerProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<readonly PartnerHit[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [searching, setSearching] = useState(false);
  const focusLater = useFocusAfterRender();
  const searchId = `${id}-q`;

  async function search() {
    if (searching) return;
    setSearching(true);
    const result = await call(api.GET('/api/partners', { params: { query: { q: q.trim(), pageSize: 10 } } }));
    setSearching(false);
    setProblem(result.ok ? null : result.problem);
    setHits(result.ok ? result.data.items : null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Enter searches instead of sending the whole agreement.
    if (event.key === 'Enter') {
      event.preventDefault();
      void search();
    }
  }

  const chosenIds = new Set(chosen.map((p) => p.id));
  const offered = (hits ?? []).filter((h) => !h.archived && !chosenIds.has(h.id));

  return (
    <fieldset
      id={id}
      className={error ? 'field fieldset field--error' : 'field fieldset'}
      aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
    >
      <legend className="field__label">{t('agreements.fields.partners')}</legend>
      <p id={`${id}-hint`} className="field__hint">
        {t('agreements.fields.partnersHint')}
      </p>
      <FieldError id={id} error={error} />
      <h3 className="field__label" id={`${id}-chosen`}>
        {t('agreements.partnerPicker.chosen')}
      </h3>
      {chosen.length === 0 ? (
        <p className="muted">{t('agreements.partnerPicker.noneChosen')}</p>
      ) : (
        <ul className="plain-list" aria-labelledby={`${id}-chosen`}>
          {chosen.map((partner) => (
            <li key={partner.id} className="row-actions">
              <span>
                {partner.name}
                {partner.archived ? (
                  <span className="tag tag--withdrawn"> {t('agreements.partnerPicker.archived')}</span>
                ) : null}
              </span>
              <Button
                variant="link"
                onClick={() => {
                  onChange(chosen.filter((p) => p.id !== partner.id));
                  focusLater(searchId);
                }}
              >
                {t('agreements.partnerPicker.remove')}
                <span className="visually-hidden">: {partner.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={searchId} className="field__label">
          {t('agreements.partnerPicker.search')}
        </label>
        <p id={`${searchId}-hint`} className="field__hint">
          {t('agreements.partnerPicker.searchHint')}
        </p>
        <div className="row-actions">
          <input
            id={searchId}
            type="search"
            className="field__input"
            autoComplete="off"
            maxLength={200}
            value={q}
            aria-describedby={`${searchId}-hint`}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setQ(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <Button variant="secondary" busy={searching} onClick={() => void search()}>
            {t('agreements.partnerPicker.searchButton')}
          </Button>
        </div>
      </div>
      <div role="status">
        {problem ? <p className="field__error">{text.message(problem)}</p> : null}
        {hits !== null && offered.length === 0 ? <p>{t('agreements.partnerPicker.noResults')}</p> : null}
      </div>
      {offered.length > 0 ? (
        <ul className="plain-list" aria-label={t('agreements.partnerPicker.results')}>
          {offered.map((hit) => (
            <li key={hit.id} className="row-actions">
              <span>
                {hit.name}
                {hit.district ? <span className="muted"> · {hit.district}</span> : null}
              </span>
              <Button
                variant="secondary"
                onClick={() => {
                  onChange([...chosen, { id: hit.id, name: hit.name, archived: false }]);
                  focusLater(searchId);
                }}
              >
                {t('agreements.partnerPicker.add')}
                <span className="visually-hidden">: {hit.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
