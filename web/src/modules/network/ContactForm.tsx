import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import { isOneOf, type Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, CheckboxGroup, RadioGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { today, useFormat } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import {
  checkContactValues,
  contactChanges,
  contactPayload,
  contactValuesOf,
  emptyContactValues,
  type ContactValues,
} from './contactForm';
import { CLOSENESS, CONTACT_KINDS, SUPPORT_KINDS, type NetworkContact } from './model';

interface ContactFormProps {
  /** Prefix of the controls' ids. */
  prefix: string;
  caseId: string;
  /** The contact as read, when editing; its version goes with the change. */
  contact?: NetworkContact;
  /** Called with the status message to show. */
  onSaved: (message: string) => void;
  onCancel?: () => void;
  /** The contact changed meanwhile: reload the map. */
  onConflict?: () => void;
}

/** Add a person or institution to the map, or change what is recorded about one. */
export function ContactForm({ prefix, caseId, contact, onSaved, onCancel, onConflict }: ContactFormProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const format = useFormat();
  const [values, setValues] = useState<ContactValues>(() =>
    contact ? contactValuesOf(contact) : emptyContactValues(),
  );
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  const refs = {
    name: { id: `${prefix}-name`, label: t('network.form.name') },
    kind: { id: `${prefix}-kind`, label: t('network.form.kind') },
    relation: { id: `${prefix}-relation`, label: t('network.form.relation') },
    support: { id: `${prefix}-support`, label: t('network.form.support') },
    closeness: { id: `${prefix}-closeness`, label: t('network.form.closeness') },
    strained: { id: `${prefix}-strained`, label: t('network.form.strained') },
    note: { id: `${prefix}-note`, label: t('network.form.note') },
    endedOn: { id: `${prefix}-ended`, label: t('network.form.endedOn') },
  };
  const set = (changes: Partial<ContactValues>) => setValues({ ...values, ...changes });
  // An ended contact can have its date corrected or cleared; a current one is ended with "Beenden".
  const showEndedOn = contact === undefined || contact.endedOn !== null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks = checkContactValues(values, today());
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    const name = values.name.trim();
    if (contact) {
      const changes = contactChanges(contact, values);
      if (Object.keys(changes).length === 0) {
        onSaved(t('network.form.unchanged'));
        return;
      }
      setSubmitting(true);
      const result = await call(
        api.PATCH('/api/network-contacts/{id}', {
          params: { path: { id: contact.id } },
          body: { version: contact.version, ...changes },
        }),
      );
      setSubmitting(false);
      if (!result.ok) {
        setProblem(result.problem);
        return;
      }
      onSaved(t('network.form.saved', { name }));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/cases/{id}/network', {
        params: { path: { id: caseId } },
        body: contactPayload(values),
      }),
    );
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    setValues(emptyContactValues());
    onSaved(t('network.form.added', { name }));
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {problem?.code === 'version-conflict' ? (
        <ConflictNotice
          heading={t('network.conflict.heading')}
          text={t('network.conflict.text')}
          hint={t('network.conflict.hint')}
          action={t('network.conflict.reload')}
          onAction={() => onConflict?.()}
        />
      ) : (
        <ErrorSummary problem={problem} fields={refs} />
      )}
      {contact ? (
        <p className="field__hint">
          {t('network.form.lastChange', {
            name: contact.updatedBy.displayName,
            date: format.dateTime(contact.updatedAt),
          })}
        </p>
      ) : null}
      <TextField
        id={refs.name.id}
        label={refs.name.label}
        hint={t('network.form.nameHint')}
        dir="auto"
        autoComplete="off"
        maxLength={200}
        value={values.name}
        onValueChange={(name) => set({ name })}
        error={errors.name}
      />
      <SelectField
        id={refs.kind.id}
        label={refs.kind.label}
        value={values.kind}
        options={[
          { value: '', label: t('network.form.choose') },
          ...CONTACT_KINDS.map((kind) => ({ value: kind, label: t(`network.kind.${kind}`) })),
        ]}
        onValueChange={(kind) => set({ kind: isOneOf(CONTACT_KINDS, kind) ? kind : '' })}
        error={errors.kind}
      />
      <TextField
        id={refs.relation.id}
        label={refs.relation.label}
        hint={t('network.form.relationHint')}
        optional
        dir="auto"
        autoComplete="off"
        maxLength={200}
        value={values.relation}
        onValueChange={(relation) => set({ relation })}
        error={errors.relation}
      />
      <CheckboxGroup
        id={refs.support.id}
        legend={refs.support.label}
        hint={t('network.form.supportHint')}
        options={SUPPORT_KINDS.map((kind) => ({
          value: kind,
          label: `${t(`network.support.${kind}`)} (${t(`network.supportLetter.${kind}`)})`,
        }))}
        values={values.support}
        onValuesChange={(support) => set({ support: support.filter((s) => isOneOf(SUPPORT_KINDS, s)) })}
        error={errors.support}
      />
      <RadioGroup
        id={refs.closeness.id}
        legend={refs.closeness.label}
        options={CLOSENESS.map((closeness) => ({
          value: String(closeness),
          label: t(`network.closeness.${closeness}`),
        }))}
        value={values.closeness}
        onValueChange={(closeness) =>
          set({ closeness: closeness === '1' || closeness === '2' || closeness === '3' ? closeness : '' })
        }
        error={errors.closeness}
      />
      <CheckboxField
        id={refs.strained.id}
        label={refs.strained.label}
        checked={values.strained}
        onCheckedChange={(strained) => set({ strained })}
      />
      <TextArea
        id={refs.note.id}
        label={refs.note.label}
        optional
        dir="auto"
        rows={2}
        maxLength={2000}
        value={values.note}
        onValueChange={(note) => set({ note })}
        error={errors.note}
      />
      {showEndedOn ? (
        <TextField
          id={refs.endedOn.id}
          type="date"
          label={refs.endedOn.label}
          hint={contact ? t('network.form.endedOnEditHint') : t('network.form.endedOnAddHint')}
          optional
          max={today()}
          value={values.endedOn}
          onValueChange={(endedOn) => set({ endedOn })}
          error={errors.endedOn}
        />
      ) : null}
      <div className="actions">
        <Button type="submit" busy={submitting}>
          {submitting ? t('common.saving') : contact ? t('network.form.save') : t('network.form.add')}
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
