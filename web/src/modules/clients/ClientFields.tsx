import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  GENDERS,
  LANGUAGE_LEVELS,
  LEGAL_DOMAINS,
  RELATIONS,
  RESIDENCE_STATUSES,
  isOneOf,
  type ListEntry,
} from '../../api/types';
import { Button } from '../../ui/Button';
import type { FieldRef } from '../../ui/ErrorSummary';
import {
  CheckboxField,
  FieldGroup,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
  type Option,
} from '../../ui/fields';
import { today } from '../../ui/format';
import { codeOptions, COUNTRY_CODES, LANGUAGE_CODES } from './codes';
import { emptyRelatedPerson, type ClientFormValues, type RelatedPersonValues } from './clientForm';

const MAX_NATIONALITIES = 5;
const MAX_LANGUAGES = 10;
const MAX_RELATED = 20;

/** Ids and labels of every field, by the dotted path the error summary uses (see fieldOf). */
export function useClientFieldRefs(prefix: string, values: ClientFormValues): Record<string, FieldRef> {
  const { t } = useTranslation();
  const refs: Record<string, FieldRef> = {
    familyName: { id: `${prefix}-family-name`, label: t('clients.familyName') },
    givenNames: { id: `${prefix}-given-names`, label: t('clients.givenNames') },
    birthDate: values.birthYearOnly
      ? { id: `${prefix}-birth-year`, label: t('clients.birthYear') }
      : { id: `${prefix}-birth-date`, label: t('clients.birthDate') },
    birthYear: { id: `${prefix}-birth-year`, label: t('clients.birthYear') },
    gender: { id: `${prefix}-gender`, label: t('clients.gender') },
    nationalities: { id: `${prefix}-nationalities`, label: t('clients.nationalities') },
    countryOfOrigin: { id: `${prefix}-country-of-origin`, label: t('clients.countryOfOrigin') },
    arrivalDate: { id: `${prefix}-arrival-date`, label: t('clients.arrivalDate') },
    languages: { id: `${prefix}-languages`, label: t('clients.sectionLanguages') },
    residenceStatus: { id: `${prefix}-residence-status`, label: t('clients.residenceStatus') },
    residenceValidUntil: { id: `${prefix}-residence-valid-until`, label: t('clients.residenceValidUntil') },
    legalDomain: { id: `${prefix}-legal-domain`, label: t('clients.legalDomain') },
    street: { id: `${prefix}-street`, label: t('clients.street') },
    postalCode: { id: `${prefix}-postal-code`, label: t('clients.postalCode') },
    city: { id: `${prefix}-city`, label: t('clients.city') },
    districtId: { id: `${prefix}-district`, label: t('clients.district') },
    phone: { id: `${prefix}-phone`, label: t('clients.phone') },
    email: { id: `${prefix}-email`, label: t('clients.email') },
    relatedPersons: { id: `${prefix}-related`, label: t('clients.sectionRelated') },
    interpreterNeeded: { id: `${prefix}-interpreter`, label: t('clients.interpreterNeeded') },
    healthNotes: { id: `${prefix}-health`, label: t('clients.healthNotes') },
  };
  values.languages.forEach((_, i) => {
    const number = i + 1;
    refs[`languages.${i}.code`] = { id: `${prefix}-language-${i}`, label: t('clients.language', { number }) };
    refs[`languages.${i}.level`] = {
      id: `${prefix}-language-${i}-level`,
      label: t('clients.languageLevel', { number }),
    };
  });
  values.relatedPersons.forEach((_, i) => {
    const person = t('clients.relatedPerson', { number: i + 1 });
    const row = (field: string, id: string, label: string) => {
      refs[`relatedPersons.${i}.${field}`] = {
        id: `${prefix}-related-${i}-${id}`,
        label: `${person}: ${label}`,
      };
    };
    row('relation', 'relation', t('clients.relation'));
    row('name', 'name', t('clients.relatedName'));
    row('phone', 'phone', t('clients.relatedPhone'));
    row('email', 'email', t('clients.relatedEmail'));
    row('note', 'note', t('clients.relatedNote'));
  });
  return refs;
}

interface ClientFieldsProps {
  prefix: string;
  values: ClientFormValues;
  onChange: (values: ClientFormValues) => void;
  errors: Record<string, string>;
  /** Active districts, plus the client's current one if it has been archived since. */
  districts: readonly ListEntry[];
  /** Health notes exist but are shown to the case team only. */
  healthNotesHidden?: boolean;
}

/** The master data of a client in sections; shared by "register" and "edit". */
export function ClientFields({
  prefix,
  values,
  onChange,
  errors,
  districts,
  healthNotesHidden = false,
}: ClientFieldsProps) {
  const { t, i18n } = useTranslation();
  const refs = useClientFieldRefs(prefix, values);
  const language = i18n.language;
  const countries = useMemo(() => codeOptions(COUNTRY_CODES, language, 'region'), [language]);
  const languages = useMemo(() => codeOptions(LANGUAGE_CODES, language, 'language'), [language]);
  const set = (changes: Partial<ClientFormValues>) => onChange({ ...values, ...changes });
  const error = (field: string) => errors[field];
  // Where the focus goes after adding or removing a row: the new row's first field, or the "add" button.
  const focusAfterRender = useRef<string | null>(null);
  useEffect(() => {
    if (focusAfterRender.current === null) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  });

  const optional = (
    list: readonly string[],
    label: (value: string) => string,
    empty = t('clients.notStated'),
  ): Option[] => [{ value: '', label: empty }, ...list.map((value) => ({ value, label: label(value) }))];
  const countryChoice: Option[] = [{ value: '', label: t('clients.chooseCountry') }, ...countries];

  return (
    <>
      <FieldGroup legend={t('clients.sectionName')} hint={t('clients.nameHint')}>
        <TextField
          id={refs.familyName?.id ?? ''}
          label={t('clients.familyName')}
          dir="auto"
          autoComplete="off"
          value={values.familyName}
          onValueChange={(familyName) => set({ familyName })}
          error={error('familyName')}
        />
        <TextField
          id={refs.givenNames?.id ?? ''}
          label={t('clients.givenNames')}
          dir="auto"
          autoComplete="off"
          value={values.givenNames}
          onValueChange={(givenNames) => set({ givenNames })}
          error={error('givenNames')}
        />
      </FieldGroup>

      <FieldGroup legend={t('clients.sectionBirth')}>
        <CheckboxField
          id={`${prefix}-birth-year-only`}
          label={t('clients.birthYearOnly')}
          checked={values.birthYearOnly}
          onCheckedChange={(birthYearOnly) => set({ birthYearOnly })}
        />
        {values.birthYearOnly ? (
          <TextField
            id={`${prefix}-birth-year`}
            label={t('clients.birthYear')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            value={values.birthYear}
            onValueChange={(birthYear) => set({ birthYear })}
            error={error('birthYear') ?? error('birthDate')}
          />
        ) : (
          <TextField
            id={`${prefix}-birth-date`}
            type="date"
            label={t('clients.birthDate')}
            max={today()}
            value={values.birthDate}
            onValueChange={(birthDate) => set({ birthDate })}
            error={error('birthDate')}
          />
        )}
        <RadioGroup
          id={refs.gender?.id ?? ''}
          legend={t('clients.gender')}
          options={GENDERS.map((gender) => ({ value: gender, label: t(`codes.gender.${gender}`) }))}
          value={values.gender}
          onValueChange={(gender) => set({ gender: isOneOf(GENDERS, gender) ? gender : '' })}
          error={error('gender')}
        />
      </FieldGroup>

      <FieldGroup legend={t('clients.sectionOrigin')}>
        <fieldset
          id={refs.nationalities?.id}
          className={error('nationalities') ? 'field fieldset field--error' : 'field fieldset'}
        >
          <legend className="field__label">
            {t('clients.nationalities')}
            <span className="field__optional"> {t('common.optional')}</span>
          </legend>
          {error('nationalities') ? <p className="field__error">{error('nationalities')}</p> : null}
          {values.nationalities.length === 0 ? (
            <p className="field__hint">{t('clients.noNationality')}</p>
          ) : null}
          {values.nationalities.map((code, i) => {
            const number = i + 1;
            return (
              <div className="repeat-row" key={i}>
                <SelectField
                  id={`${prefix}-nationality-${i}`}
                  label={t('clients.nationality', { number })}
                  value={code}
                  options={countryChoice}
                  onValueChange={(next) =>
                    set({ nationalities: values.nationalities.map((c, j) => (j === i ? next : c)) })
                  }
                />
                <Button
                  variant="secondary"
                  onClick={() => {
                    focusAfterRender.current = `${prefix}-add-nationality`;
                    set({ nationalities: values.nationalities.filter((_, j) => j !== i) });
                  }}
                >
                  {t('clients.removeNationality', { number })}
                </Button>
              </div>
            );
          })}
          {values.nationalities.length < MAX_NATIONALITIES ? (
            <Button
              id={`${prefix}-add-nationality`}
              variant="secondary"
              onClick={() => {
                focusAfterRender.current = `${prefix}-nationality-${values.nationalities.length}`;
                set({ nationalities: [...values.nationalities, ''] });
              }}
            >
              {t('clients.addNationality')}
            </Button>
          ) : null}
        </fieldset>
        <SelectField
          id={refs.countryOfOrigin?.id ?? ''}
          label={t('clients.countryOfOrigin')}
          optional
          value={values.countryOfOrigin}
          options={[{ value: '', label: t('clients.notStated') }, ...countries]}
          onValueChange={(countryOfOrigin) => set({ countryOfOrigin })}
          error={error('countryOfOrigin')}
        />
        <TextField
          id={refs.arrivalDate?.id ?? ''}
          type="date"
          label={t('clients.arrivalDate')}
          optional
          max={today()}
          value={values.arrivalDate}
          onValueChange={(arrivalDate) => set({ arrivalDate })}
          error={error('arrivalDate')}
        />
      </FieldGroup>

      <FieldGroup legend={t('clients.sectionLanguages')}>
        <div id={refs.languages?.id} tabIndex={-1}>
          {error('languages') ? <p className="field__error">{error('languages')}</p> : null}
          {values.languages.length === 0 ? <p className="field__hint">{t('clients.noLanguage')}</p> : null}
        </div>
        {values.languages.map((entry, i) => {
          const number = i + 1;
          const update = (changes: Partial<typeof entry>) =>
            set({ languages: values.languages.map((l, j) => (j === i ? { ...l, ...changes } : l)) });
          return (
            <div className="repeat-row" key={i}>
              <div className="repeat-row__pair">
                <SelectField
                  id={`${prefix}-language-${i}`}
                  label={t('clients.language', { number })}
                  value={entry.code}
                  options={[{ value: '', label: t('clients.chooseLanguage') }, ...languages]}
                  onValueChange={(code) => update({ code })}
                  error={error(`languages.${i}.code`)}
                />
                <SelectField
                  id={`${prefix}-language-${i}-level`}
                  label={t('clients.languageLevel', { number })}
                  value={entry.level}
                  options={[
                    { value: '', label: t('clients.chooseLevel') },
                    ...LANGUAGE_LEVELS.map((level) => ({
                      value: level,
                      label: t(`codes.languageLevel.${level}`),
                    })),
                  ]}
                  onValueChange={(level) => update({ level: isOneOf(LANGUAGE_LEVELS, level) ? level : '' })}
                  error={error(`languages.${i}.level`)}
                />
              </div>
              <Button
                variant="secondary"
                onClick={() => {
                  focusAfterRender.current = `${prefix}-add-language`;
                  set({ languages: values.languages.filter((_, j) => j !== i) });
                }}
              >
                {t('clients.removeLanguage', { number })}
              </Button>
            </div>
          );
        })}
        {values.languages.length < MAX_LANGUAGES ? (
          <p>
            <Button
              id={`${prefix}-add-language`}
              variant="secondary"
              onClick={() => {
                focusAfterRender.current = `${prefix}-language-${values.languages.length}`;
                set({ languages: [...values.languages, { code: '', level: '' }] });
              }}
            >
              {t('clients.addLanguage')}
            </Button>
          </p>
        ) : null}
        <CheckboxField
          id={`${prefix}-interpreter`}
          label={t('clients.interpreterNeeded')}
          checked={values.interpreterNeeded}
          onCheckedChange={(interpreterNeeded) => set({ interpreterNeeded })}
        />
      </FieldGroup>

      <FieldGroup legend={t('clients.sectionResidence')}>
        <SelectField
          id={refs.residenceStatus?.id ?? ''}
          label={t('clients.residenceStatus')}
          optional
          value={values.residenceStatus}
          options={optional(RESIDENCE_STATUSES, (v) =>
            t(`codes.residenceStatus.${v as (typeof RESIDENCE_STATUSES)[number]}`),
          )}
          onValueChange={(status) =>
            set({ residenceStatus: isOneOf(RESIDENCE_STATUSES, status) ? status : '' })
          }
          error={error('residenceStatus')}
        />
        {values.residenceStatus !== '' && values.residenceStatus !== 'german_citizen' ? (
          <TextField
            id={refs.residenceValidUntil?.id ?? ''}
            type="date"
            label={t('clients.residenceValidUntil')}
            optional
            value={values.residenceValidUntil}
            onValueChange={(residenceValidUntil) => set({ residenceValidUntil })}
            error={error('residenceValidUntil')}
          />
        ) : null}
        <SelectField
          id={refs.legalDomain?.id ?? ''}
          label={t('clients.legalDomain')}
          optional
          value={values.legalDomain}
          options={optional(LEGAL_DOMAINS, (v) =>
            t(`codes.legalDomain.${v as (typeof LEGAL_DOMAINS)[number]}`),
          )}
          onValueChange={(domain) => set({ legalDomain: isOneOf(LEGAL_DOMAINS, domain) ? domain : '' })}
          error={error('legalDomain')}
        />
      </FieldGroup>

      <FieldGroup legend={t('clients.sectionAddress')}>
        <TextField
          id={refs.street?.id ?? ''}
          label={t('clients.street')}
          optional
          dir="auto"
          autoComplete="off"
          value={values.street}
          onValueChange={(street) => set({ street })}
          error={error('street')}
        />
        <div className="field-row">
          <TextField
            id={refs.postalCode?.id ?? ''}
            label={t('clients.postalCode')}
            optional
            inputMode="numeric"
            autoComplete="off"
            value={values.postalCode}
            onValueChange={(postalCode) => set({ postalCode })}
            error={error('postalCode')}
          />
          <TextField
            id={refs.city?.id ?? ''}
            label={t('clients.city')}
            optional
            dir="auto"
            autoComplete="off"
            value={values.city}
            onValueChange={(city) => set({ city })}
            error={error('city')}
          />
        </div>
        <SelectField
          id={refs.districtId?.id ?? ''}
          label={t('clients.district')}
          optional
          value={values.districtId}
          options={[
            { value: '', label: t('clients.noDistrict') },
            ...districts.map((district) => ({ value: district.id, label: district.label })),
          ]}
          onValueChange={(districtId) => set({ districtId })}
          error={error('districtId')}
        />
        <TextField
          id={refs.phone?.id ?? ''}
          type="tel"
          label={t('clients.phone')}
          optional
          autoComplete="off"
          value={values.phone}
          onValueChange={(phone) => set({ phone })}
          error={error('phone')}
        />
        <TextField
          id={refs.email?.id ?? ''}
          type="email"
          label={t('clients.email')}
          optional
          autoComplete="off"
          value={values.email}
          onValueChange={(email) => set({ email })}
          error={error('email')}
        />
      </FieldGroup>

      <FieldGroup legend={t('clients.sectionRelated')}>
        <div id={refs.relatedPersons?.id} tabIndex={-1}>
          {error('relatedPersons') ? <p className="field__error">{error('relatedPersons')}</p> : null}
          {values.relatedPersons.length === 0 ? (
            <p className="field__hint">{t('clients.noRelated')}</p>
          ) : null}
        </div>
        {values.relatedPersons.map((person, i) => (
          <RelatedPersonFields
            key={i}
            prefix={`${prefix}-related-${i}`}
            number={i + 1}
            person={person}
            errors={errors}
            index={i}
            onChange={(next) =>
              set({ relatedPersons: values.relatedPersons.map((p, j) => (j === i ? next : p)) })
            }
            onRemove={() => {
              focusAfterRender.current = `${prefix}-add-related`;
              set({ relatedPersons: values.relatedPersons.filter((_, j) => j !== i) });
            }}
          />
        ))}
        {values.relatedPersons.length < MAX_RELATED ? (
          <Button
            id={`${prefix}-add-related`}
            variant="secondary"
            onClick={() => {
              focusAfterRender.current = `${prefix}-related-${values.relatedPersons.length}-relation`;
              set({ relatedPersons: [...values.relatedPersons, emptyRelatedPerson()] });
            }}
          >
            {t('clients.addRelated')}
          </Button>
        ) : null}
      </FieldGroup>

      <FieldGroup legend={t('clients.sectionHealth')} hint={t('clients.healthHint')}>
        {healthNotesHidden ? (
          <p id={refs.healthNotes?.id}>{t('clients.healthHidden')}</p>
        ) : (
          <TextArea
            id={refs.healthNotes?.id ?? ''}
            label={t('clients.healthNotes')}
            optional
            dir="auto"
            rows={3}
            value={values.healthNotes}
            onValueChange={(healthNotes) => set({ healthNotes })}
            error={error('healthNotes')}
          />
        )}
      </FieldGroup>
    </>
  );
}

interface RelatedPersonFieldsProps {
  prefix: string;
  number: number;
  index: number;
  person: RelatedPersonValues;
  errors: Record<string, string>;
  onChange: (person: RelatedPersonValues) => void;
  onRemove: () => void;
}

function RelatedPersonFields({
  prefix,
  number,
  index,
  person,
  errors,
  onChange,
  onRemove,
}: RelatedPersonFieldsProps) {
  const { t } = useTranslation();
  const set = (changes: Partial<RelatedPersonValues>) => onChange({ ...person, ...changes });
  const error = (field: string) => errors[`relatedPersons.${index}.${field}`];
  return (
    <fieldset id={prefix} className="fieldset repeat-group">
      <legend className="repeat-group__legend">{t('clients.relatedPerson', { number })}</legend>
      <SelectField
        id={`${prefix}-relation`}
        label={t('clients.relation')}
        value={person.relation}
        options={[
          { value: '', label: t('clients.chooseRelation') },
          ...RELATIONS.map((relation) => ({ value: relation, label: t(`codes.relation.${relation}`) })),
        ]}
        onValueChange={(relation) => set({ relation: isOneOf(RELATIONS, relation) ? relation : '' })}
        error={error('relation')}
      />
      <TextField
        id={`${prefix}-name`}
        label={t('clients.relatedName')}
        dir="auto"
        autoComplete="off"
        value={person.name}
        onValueChange={(name) => set({ name })}
        error={error('name')}
      />
      <CheckboxField
        id={`${prefix}-guardian`}
        label={t('clients.isGuardian')}
        checked={person.isGuardian}
        onCheckedChange={(isGuardian) => set({ isGuardian })}
      />
      <TextField
        id={`${prefix}-phone`}
        type="tel"
        label={t('clients.relatedPhone')}
        optional
        autoComplete="off"
        value={person.phone}
        onValueChange={(phone) => set({ phone })}
        error={error('phone')}
      />
      <TextField
        id={`${prefix}-email`}
        type="email"
        label={t('clients.relatedEmail')}
        optional
        autoComplete="off"
        value={person.email}
        onValueChange={(email) => set({ email })}
        error={error('email')}
      />
      <TextArea
        id={`${prefix}-note`}
        label={t('clients.relatedNote')}
        optional
        dir="auto"
        rows={2}
        value={person.note}
        onValueChange={(note) => set({ note })}
        error={error('note')}
      />
      <Button variant="secondary" onClick={onRemove}>
        {t('clients.removeRelated', { number })}
      </Button>
    </fieldset>
  );
}
