import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { ErrorSummary, type FieldRef } from '../../ui/ErrorSummary';
import { CheckboxGroup, FieldGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { useFocusAfterRender } from '../../ui/focus';
import { useProblemText } from '../../ui/problemText';
import { codeName, codeOptions } from '../clients/codes';
import {
  checkOffer,
  emptyOfferValues,
  FIELDS_OF_ACTION,
  isOneOf,
  OFFER_LANGUAGE_CODES,
  offerPayload,
  offerValues,
  TARGET_GROUPS,
  type Offer,
  type OfferValues,
} from './model';

interface OfferFormProps {
  partnerId: string;
  /** The offer to edit; none for a new one. */
  offer?: Offer;
  districts: readonly string[];
  onSaved: (offer: Offer, created: boolean) => void;
  onCancel: () => void;
  /** The record changed meanwhile: reload the partner to continue from its current state. */
  onReload: () => void;
}

/** A new offer or an offer to edit: title, field, target groups, ages, languages, places, waiting time, validity. */
export function OfferForm({ partnerId, offer, districts, onSaved, onCancel, onReload }: OfferFormProps) {
  const { t, i18n } = useTranslation();
  const text = useProblemText();
  const focusAfterRender = useFocusAfterRender();
  const prefix = offer ? `offer-${offer.id}` : 'offer-new';
  const [values, setValues] = useState<OfferValues>(() => (offer ? offerValues(offer) : emptyOfferValues()));
  const [nextLanguage, setNextLanguage] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  const set = (changes: Partial<OfferValues>) => setValues({ ...values, ...changes });
  const id = (key: string) => `${prefix}-${key}`;
  // Naming and sorting some 180 languages is not free: only when the chosen ones or the UI language change.
  const languageChoices = useMemo(() => {
    const chosen = new Set(values.languages);
    return codeOptions(
      OFFER_LANGUAGE_CODES.filter((code) => !chosen.has(code)),
      i18n.language,
      'language',
    );
  }, [values.languages, i18n.language]);

  const refs: Record<string, FieldRef> = {
    title: { id: id('title'), label: t('partners.offers.title') },
    description: { id: id('description'), label: t('partners.offers.description') },
    field: { id: id('field'), label: t('partners.offers.field') },
    targetGroups: { id: id('target-groups'), label: t('partners.offers.targetGroups') },
    ageMin: { id: id('age-min'), label: t('partners.offers.ageMin') },
    ageMax: { id: id('age-max'), label: t('partners.offers.ageMax') },
    languages: { id: id('language-next'), label: t('partners.offers.languages') },
    district: { id: id('district'), label: t('partners.offers.district') },
    costBearer: { id: id('cost-bearer'), label: t('partners.offers.costBearer') },
    capacity: { id: id('capacity'), label: t('partners.offers.capacity') },
    freePlaces: { id: id('free-places'), label: t('partners.offers.freePlaces') },
    waitingDays: { id: id('waiting'), label: t('partners.offers.waitingWeeks') },
    validFrom: { id: id('valid-from'), label: t('partners.offers.validFrom') },
    validTo: { id: id('valid-to'), label: t('partners.offers.validTo') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks = checkOffer(values, {
      'age-range': t('partners.rules.age-range'),
      'exceeds-capacity': t('partners.rules.exceeds-capacity'),
    });
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const body = offerPayload(values);
    const result = offer
      ? await call(
          api.PUT('/api/offers/{id}', {
            params: { path: { id: offer.id } },
            body: { ...body, version: offer.version },
          }),
        )
      : await call(api.POST('/api/partners/{id}/offers', { params: { path: { id: partnerId } }, body }));
    setSubmitting(false);
    if (result.ok) onSaved(result.data, offer === undefined);
    else setProblem(result.problem);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {problem?.code === 'version-conflict' ? (
        <ConflictNotice
          heading={t('partners.conflict.heading')}
          text={t('partners.conflict.text')}
          hint={t('partners.conflict.hint')}
          action={t('partners.conflict.action')}
          onAction={onReload}
        />
      ) : (
        <ErrorSummary problem={problem} fields={refs} />
      )}
      <TextField
        id={id('title')}
        label={t('partners.offers.title')}
        maxLength={200}
        autoComplete="off"
        value={values.title}
        onValueChange={(title) => set({ title })}
        error={errors.title}
      />
      <TextArea
        id={id('description')}
        label={t('partners.offers.description')}
        optional
        maxLength={4000}
        value={values.description}
        onValueChange={(description) => set({ description })}
        error={errors.description}
      />
      <SelectField
        id={id('field')}
        label={t('partners.offers.field')}
        optional
        value={values.field}
        options={[
          { value: '', label: t('partners.offers.noField') },
          ...FIELDS_OF_ACTION.map((f) => ({ value: f, label: t(`gaps.field.${f}`) })),
        ]}
        onValueChange={(field) => set({ field: isOneOf(FIELDS_OF_ACTION, field) ? field : '' })}
        error={errors.field}
      />
      <CheckboxGroup
        id={id('target-groups')}
        legend={t('partners.offers.targetGroups')}
        options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`partners.targetGroups.${g}`) }))}
        values={values.targetGroups}
        onValuesChange={(next) => set({ targetGroups: next.filter((g) => isOneOf(TARGET_GROUPS, g)) })}
        error={errors.targetGroups}
      />
      <FieldGroup legend={t('partners.offers.age')} hint={t('partners.offers.ageHint')}>
        <div className="field-row">
          <TextField
            id={id('age-min')}
            label={t('partners.offers.ageMin')}
            optional
            inputMode="numeric"
            maxLength={3}
            autoComplete="off"
            value={values.ageMin}
            onValueChange={(ageMin) => set({ ageMin })}
            error={errors.ageMin}
          />
          <TextField
            id={id('age-max')}
            label={t('partners.offers.ageMax')}
            optional
            inputMode="numeric"
            maxLength={3}
            autoComplete="off"
            value={values.ageMax}
            onValueChange={(ageMax) => set({ ageMax })}
            error={errors.ageMax}
          />
        </div>
      </FieldGroup>
      <FieldGroup legend={t('partners.offers.languages')} hint={t('partners.offers.languagesHint')}>
        {values.languages.length === 0 ? (
          <p className="field__hint">{t('partners.offers.noLanguages')}</p>
        ) : (
          <ul className="plain-list">
            {values.languages.map((code) => {
              const name = codeName(code, i18n.language, 'language');
              return (
                <li key={code} className="row-actions">
                  <span lang={code}>{name}</span>
                  <Button
                    variant="secondary"
                    onClick={() => {
                      focusAfterRender(id('language-next'));
                      set({ languages: values.languages.filter((c) => c !== code) });
                    }}
                  >
                    {t('partners.offers.removeLanguage', { name })}
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
        <div className="repeat-row">
          <SelectField
            id={id('language-next')}
            label={t('partners.offers.newLanguage')}
            optional
            value={nextLanguage}
            options={[{ value: '', label: t('partners.offers.chooseLanguage') }, ...languageChoices]}
            onValueChange={setNextLanguage}
            error={errors.languages}
          />
          <Button
            variant="secondary"
            onClick={() => {
              if (nextLanguage === '') return;
              set({ languages: [...values.languages, nextLanguage] });
              setNextLanguage('');
            }}
          >
            {t('partners.offers.addLanguage')}
          </Button>
        </div>
      </FieldGroup>
      <TextField
        id={id('district')}
        label={t('partners.offers.district')}
        hint={t('partners.offers.districtHint')}
        optional
        maxLength={200}
        list={id('districts')}
        autoComplete="off"
        value={values.district}
        onValueChange={(district) => set({ district })}
        error={errors.district}
      />
      <datalist id={id('districts')}>
        {districts.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>
      <TextField
        id={id('cost-bearer')}
        label={t('partners.offers.costBearer')}
        optional
        maxLength={200}
        autoComplete="off"
        value={values.costBearer}
        onValueChange={(costBearer) => set({ costBearer })}
        error={errors.costBearer}
      />
      <FieldGroup legend={t('partners.offers.places')}>
        <div className="field-row">
          <TextField
            id={id('capacity')}
            label={t('partners.offers.capacity')}
            optional
            inputMode="numeric"
            maxLength={6}
            autoComplete="off"
            value={values.capacity}
            onValueChange={(capacity) => set({ capacity })}
            error={errors.capacity}
          />
          <TextField
            id={id('free-places')}
            label={t('partners.offers.freePlaces')}
            hint={t('partners.offers.freePlacesHint')}
            optional
            inputMode="numeric"
            maxLength={6}
            autoComplete="off"
            value={values.freePlaces}
            onValueChange={(freePlaces) => set({ freePlaces })}
            error={errors.freePlaces}
          />
        </div>
      </FieldGroup>
      <TextField
        id={id('waiting')}
        label={t('partners.offers.waitingWeeks')}
        optional
        inputMode="decimal"
        maxLength={5}
        autoComplete="off"
        value={values.waitingWeeks}
        onValueChange={(waitingWeeks) => set({ waitingWeeks })}
        error={errors.waitingDays}
      />
      <FieldGroup legend={t('partners.offers.validity')}>
        <div className="field-row">
          <TextField
            id={id('valid-from')}
            type="date"
            label={t('partners.offers.validFrom')}
            optional
            value={values.validFrom}
            onValueChange={(validFrom) => set({ validFrom })}
            error={errors.validFrom}
          />
          <TextField
            id={id('valid-to')}
            type="date"
            label={t('partners.offers.validTo')}
            optional
            value={values.validTo}
            onValueChange={(validTo) => set({ validTo })}
            error={errors.validTo}
          />
        </div>
      </FieldGroup>
      <div className="actions">
        <Button type="submit" busy={submitting}>
          {submitting ? t('common.saving') : offer ? t('common.save') : t('partners.offers.submitCreate')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
