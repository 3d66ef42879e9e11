import { useTranslation } from 'react-i18next';
import { CONSENT_FORMS, CONSENT_LANGUAGES, isOneOf } from '../../api/types';
import type { FieldRef } from '../../ui/ErrorSummary';
import { FieldGroup, RadioGroup, SelectField, TextField } from '../../ui/fields';
import { today } from '../../ui/format';
import { guardianChoices, type ClientFormValues, type ConsentValues } from './clientForm';

export function useConsentFieldRefs(prefix: string): Record<string, FieldRef> {
  const { t } = useTranslation();
  const ref = (id: string, label: string): FieldRef => ({ id: `${prefix}-${id}`, label });
  return {
    'consent.given': ref('given', t('consent.given')),
    'consent.givenBy': ref('given-by', t('consent.givenBy')),
    'consent.guardianIndex': ref('guardian', t('consent.guardian')),
    'consent.form': ref('form', t('consent.form')),
    'consent.witness': ref('witness', t('consent.witness')),
    'consent.givenOn': ref('given-on', t('consent.givenOn')),
    'consent.validUntil': ref('valid-until', t('consent.validUntil')),
    'consent.language': ref('language', t('consent.language')),
  };
}

interface ConsentFieldsProps {
  prefix: string;
  consent: ConsentValues;
  client: ClientFormValues;
  onChange: (consent: ConsentValues) => void;
  errors: Record<string, string>;
}

/**
 * The consent to data processing, recorded at registration. Without it (or another legal basis) only the
 * minimal master data may be stored, and the case file cannot hold a journal or an assessment.
 */
export function ConsentFields({ prefix, consent, client, onChange, errors }: ConsentFieldsProps) {
  const { t } = useTranslation();
  const refs = useConsentFieldRefs(prefix);
  const id = (field: string) => refs[`consent.${field}`]?.id ?? `${prefix}-${field}`;
  const set = (changes: Partial<ConsentValues>) => onChange({ ...consent, ...changes });
  const error = (field: string) => errors[`consent.${field}`];
  const guardians = guardianChoices(client);
  return (
    <FieldGroup legend={t('consent.heading')} hint={t('consent.intro')}>
      <RadioGroup
        id={id('given')}
        legend={t('consent.given')}
        options={[
          { value: 'yes', label: t('consent.givenYes') },
          { value: 'no', label: t('consent.givenNo') },
        ]}
        value={consent.given}
        onValueChange={(given) => set({ given: given === 'yes' || given === 'no' ? given : '' })}
        error={error('given')}
      />
      {consent.given === 'no' ? <p className="field__hint">{t('consent.withoutHint')}</p> : null}
      {consent.given === 'yes' ? (
        <div className="conditional">
          <RadioGroup
            id={id('givenBy')}
            legend={t('consent.givenBy')}
            hint={t('consent.givenByHint')}
            options={[
              { value: 'client', label: t('consent.byClient') },
              { value: 'guardian', label: t('consent.byGuardian') },
            ]}
            value={consent.givenBy}
            onValueChange={(givenBy) => set({ givenBy: givenBy === 'guardian' ? 'guardian' : 'client' })}
            error={error('givenBy')}
          />
          {consent.givenBy === 'guardian' ? (
            guardians.length === 0 ? (
              <p id={id('guardianIndex')} className={error('guardianIndex') ? 'field__error' : 'field__hint'}>
                {t('consent.noGuardian')}
              </p>
            ) : (
              <SelectField
                id={id('guardianIndex')}
                label={t('consent.guardian')}
                value={consent.guardianIndex}
                options={[
                  { value: '', label: t('responsibility.choose') },
                  ...guardians.map((g) => ({
                    value: String(g.index),
                    label: g.name || t('clients.relatedPerson', { number: g.index + 1 }),
                  })),
                ]}
                onValueChange={(guardianIndex) => set({ guardianIndex })}
                error={error('guardianIndex')}
              />
            )
          ) : null}
          <RadioGroup
            id={id('form')}
            legend={t('consent.form')}
            options={CONSENT_FORMS.map((form) => ({ value: form, label: t(`consent.forms.${form}`) }))}
            value={consent.form}
            onValueChange={(form) => set({ form: isOneOf(CONSENT_FORMS, form) ? form : '' })}
            error={error('form')}
          />
          {consent.form === 'oral' ? (
            <TextField
              id={id('witness')}
              label={t('consent.witness')}
              hint={t('consent.witnessHint')}
              dir="auto"
              autoComplete="off"
              value={consent.witness}
              onValueChange={(witness) => set({ witness })}
              error={error('witness')}
            />
          ) : null}
          {consent.form === 'written' ? <p className="field__hint">{t('consent.writtenHint')}</p> : null}
          <div className="field-row">
            <TextField
              id={id('givenOn')}
              type="date"
              label={t('consent.givenOn')}
              max={today()}
              value={consent.givenOn}
              onValueChange={(givenOn) => set({ givenOn })}
              error={error('givenOn')}
            />
            <TextField
              id={id('validUntil')}
              type="date"
              label={t('consent.validUntil')}
              optional
              value={consent.validUntil}
              onValueChange={(validUntil) => set({ validUntil })}
              error={error('validUntil')}
            />
          </div>
          <SelectField
            id={id('language')}
            label={t('consent.language')}
            value={consent.language}
            options={CONSENT_LANGUAGES.map((language) => ({
              value: language,
              label: t(`consent.languages.${language}`),
            }))}
            onValueChange={(language) =>
              set({ language: isOneOf(CONSENT_LANGUAGES, language) ? language : 'de' })
            }
            error={error('language')}
          />
        </div>
      ) : null}
    </FieldGroup>
  );
}
