import { useTranslation } from 'react-i18next';
import {
  ACCESS_ROUTES,
  CONTRACT_FORMS,
  INDICATION_DECISIONS,
  isOneOf,
  type ListEntry,
} from '../../api/types';
import type { FieldRef } from '../../ui/ErrorSummary';
import { CheckboxGroup, FieldGroup, RadioGroup, TextArea, TextField } from '../../ui/fields';
import { today } from '../../ui/format';
import type { IntakeValues, MandateValues } from './intakeForm';

export function useIntakeFieldRefs(prefix: string): Record<string, FieldRef> {
  const { t } = useTranslation();
  const ref = (id: string, label: string): FieldRef => ({ id: `${prefix}-${id}`, label });
  return {
    'intake.accessRoute': ref('access-route', t('intake.accessRoute')),
    'intake.referralAgency': ref('referral-agency', t('intake.referralAgency')),
    'intake.referralPerson': ref('referral-person', t('intake.referralPerson')),
    'intake.indicationCriteria': ref('criteria', t('intake.criteria')),
    'intake.indicationDecision': ref('decision', t('intake.decision')),
    'intake.referredTo': ref('referred-to', t('intake.referredTo')),
    'intake.indicationReason': ref('reason', t('intake.reason')),
    'intake.contractForm': ref('contract-form', t('intake.contractForm')),
    'intake.contractOn': ref('contract-on', t('intake.contractOn')),
    'intake.contractBy': ref('contract-by', t('intake.contractBy')),
    'intake.mandate': ref('mandate-body', t('intake.mandate')),
    'intake.mandate.body': ref('mandate-body', t('intake.mandateBody')),
    'intake.mandate.text': ref('mandate-text', t('intake.mandateText')),
    'intake.mandate.sanctionRisk': ref('mandate-sanction', t('intake.sanctionRisk')),
    'intake.mandate.sessions': ref('mandate-sessions', t('intake.sessions')),
    'intake.mandate.feedbackChannel': ref('mandate-channel', t('intake.feedbackChannel')),
    'intake.mandate.feedbackInterval': ref('mandate-interval', t('intake.feedbackInterval')),
    'intake.mandate.voluntarySince': ref('mandate-voluntary', t('intake.voluntarySince')),
  };
}

interface IntakeFieldsProps {
  prefix: string;
  values: IntakeValues;
  onChange: (values: IntakeValues) => void;
  errors: Record<string, string>;
  /** The organisation's criteria including archived ones (shown only when already ticked). */
  criteria: readonly ListEntry[];
}

/** The Klärungsphase: how the person came, whether case management fits, and the working agreement. */
export function IntakeFields({ prefix, values, onChange, errors, criteria }: IntakeFieldsProps) {
  const { t } = useTranslation();
  const refs = useIntakeFieldRefs(prefix);
  const id = (field: string) => refs[field]?.id ?? `${prefix}-${field}`;
  const set = (changes: Partial<IntakeValues>) => onChange({ ...values, ...changes });
  const setMandate = (changes: Partial<MandateValues>) =>
    onChange({ ...values, mandate: { ...values.mandate, ...changes } });
  const error = (field: string) => errors[`intake.${field}`];
  const shownCriteria = criteria.filter((c) => !c.archived || values.indicationCriteria.includes(c.id));

  return (
    <>
      <RadioGroup
        id={id('intake.accessRoute')}
        legend={t('intake.accessRoute')}
        options={ACCESS_ROUTES.map((route) => ({ value: route, label: t(`codes.accessRoute.${route}`) }))}
        value={values.accessRoute}
        onValueChange={(route) => set({ accessRoute: isOneOf(ACCESS_ROUTES, route) ? route : '' })}
        error={error('accessRoute')}
      >
        {values.accessRoute === 'agency_referral' ? (
          <div className="conditional">
            <TextField
              id={id('intake.referralAgency')}
              label={t('intake.referralAgency')}
              optional
              autoComplete="off"
              value={values.referralAgency}
              onValueChange={(referralAgency) => set({ referralAgency })}
              error={error('referralAgency')}
            />
            <TextField
              id={id('intake.referralPerson')}
              label={t('intake.referralPerson')}
              optional
              dir="auto"
              autoComplete="off"
              value={values.referralPerson}
              onValueChange={(referralPerson) => set({ referralPerson })}
              error={error('referralPerson')}
            />
          </div>
        ) : null}
      </RadioGroup>

      {values.accessRoute === 'mandated' ? (
        <FieldGroup legend={t('intake.mandate')} hint={t('intake.mandateHint')}>
          <TextField
            id={id('intake.mandate.body')}
            label={t('intake.mandateBody')}
            autoComplete="off"
            value={values.mandate.body}
            onValueChange={(body) => setMandate({ body })}
            error={error('mandate.body') ?? error('mandate')}
          />
          <TextArea
            id={id('intake.mandate.text')}
            label={t('intake.mandateText')}
            optional
            dir="auto"
            value={values.mandate.text}
            onValueChange={(text) => setMandate({ text })}
            error={error('mandate.text')}
          />
          <RadioGroup
            id={id('intake.mandate.sanctionRisk')}
            legend={t('intake.sanctionRisk')}
            options={[
              { value: 'yes', label: t('common.yes') },
              { value: 'no', label: t('common.no') },
              { value: '', label: t('intake.sanctionUnknown') },
            ]}
            value={values.mandate.sanctionRisk}
            onValueChange={(risk) =>
              setMandate({ sanctionRisk: risk === 'yes' || risk === 'no' ? risk : '' })
            }
            error={error('mandate.sanctionRisk')}
          />
          <TextField
            id={id('intake.mandate.sessions')}
            label={t('intake.sessions')}
            optional
            inputMode="numeric"
            autoComplete="off"
            value={values.mandate.sessions}
            onValueChange={(sessions) => setMandate({ sessions })}
            error={error('mandate.sessions')}
          />
          <TextField
            id={id('intake.mandate.feedbackChannel')}
            label={t('intake.feedbackChannel')}
            hint={t('intake.feedbackChannelHint')}
            optional
            autoComplete="off"
            value={values.mandate.feedbackChannel}
            onValueChange={(feedbackChannel) => setMandate({ feedbackChannel })}
            error={error('mandate.feedbackChannel')}
          />
          <TextField
            id={id('intake.mandate.feedbackInterval')}
            label={t('intake.feedbackInterval')}
            hint={t('intake.feedbackIntervalHint')}
            optional
            autoComplete="off"
            value={values.mandate.feedbackInterval}
            onValueChange={(feedbackInterval) => setMandate({ feedbackInterval })}
            error={error('mandate.feedbackInterval')}
          />
          <TextField
            id={id('intake.mandate.voluntarySince')}
            type="date"
            label={t('intake.voluntarySince')}
            optional
            value={values.mandate.voluntarySince}
            onValueChange={(voluntarySince) => setMandate({ voluntarySince })}
            error={error('mandate.voluntarySince')}
          />
        </FieldGroup>
      ) : null}

      {shownCriteria.length === 0 ? (
        <div className="field">
          <p className="field__label">{t('intake.criteria')}</p>
          <p className="field__hint">{t('intake.noCriteria')}</p>
        </div>
      ) : (
        <CheckboxGroup
          id={id('intake.indicationCriteria')}
          legend={t('intake.criteria')}
          hint={t('intake.criteriaHint')}
          options={shownCriteria.map((c) => ({
            value: c.id,
            label: c.archived ? t('intake.archivedCriterion', { label: c.label }) : c.label,
          }))}
          values={values.indicationCriteria}
          onValuesChange={(indicationCriteria) => set({ indicationCriteria })}
          error={error('indicationCriteria')}
        />
      )}

      <RadioGroup
        id={id('intake.indicationDecision')}
        legend={t('intake.decision')}
        optional
        options={[
          ...INDICATION_DECISIONS.map((d) => ({ value: d, label: t(`codes.indicationDecision.${d}`) })),
          { value: '', label: t('intake.noDecision') },
        ]}
        value={values.indicationDecision}
        onValueChange={(decision) =>
          set({ indicationDecision: isOneOf(INDICATION_DECISIONS, decision) ? decision : '' })
        }
        error={error('indicationDecision')}
      >
        {values.indicationDecision === 'referred_elsewhere' ? (
          <div className="conditional">
            <TextField
              id={id('intake.referredTo')}
              label={t('intake.referredTo')}
              autoComplete="off"
              value={values.referredTo}
              onValueChange={(referredTo) => set({ referredTo })}
              error={error('referredTo')}
            />
          </div>
        ) : null}
      </RadioGroup>
      <TextArea
        id={id('intake.indicationReason')}
        label={t('intake.reason')}
        optional
        dir="auto"
        value={values.indicationReason}
        onValueChange={(indicationReason) => set({ indicationReason })}
        error={error('indicationReason')}
      />

      <FieldGroup legend={t('intake.contract')} hint={t('intake.contractHint')}>
        <RadioGroup
          id={id('intake.contractForm')}
          legend={t('intake.contractForm')}
          optional
          options={[
            ...CONTRACT_FORMS.map((form) => ({ value: form, label: t(`codes.contractForm.${form}`) })),
            { value: '', label: t('intake.noContract') },
          ]}
          value={values.contractForm}
          onValueChange={(form) =>
            set({
              contractForm: isOneOf(CONTRACT_FORMS, form) ? form : '',
              // A contract is usually recorded on the day it is made.
              contractOn: values.contractOn === '' && form !== '' ? today() : values.contractOn,
            })
          }
          error={error('contractForm')}
        />
        {values.contractForm !== '' ? (
          <>
            <TextField
              id={id('intake.contractOn')}
              type="date"
              label={t('intake.contractOn')}
              optional
              max={today()}
              value={values.contractOn}
              onValueChange={(contractOn) => set({ contractOn })}
              error={error('contractOn')}
            />
            <TextField
              id={id('intake.contractBy')}
              label={t('intake.contractBy')}
              hint={t('intake.contractByHint')}
              optional
              dir="auto"
              autoComplete="off"
              value={values.contractBy}
              onValueChange={(contractBy) => set({ contractBy })}
              error={error('contractBy')}
            />
          </>
        ) : null}
      </FieldGroup>
    </>
  );
}
