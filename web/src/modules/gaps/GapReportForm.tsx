import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type ApiResult } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { FieldProblem, Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { RadioGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { useGapLabels } from './labels';
import { FIELDS_OF_ACTION, URGENCIES, type FieldOfAction, type GapReport, type Urgency } from './model';

export interface GapReportValues {
  need: string;
  field: FieldOfAction | '';
  targetGroup: string;
  district: string;
  urgency: Urgency;
  description: string;
}

export const EMPTY_VALUES: GapReportValues = {
  need: '',
  field: '',
  targetGroup: '',
  district: '',
  urgency: 'medium',
  description: '',
};

export function valuesOf(report: GapReport): GapReportValues {
  return {
    need: report.need,
    field: report.field,
    targetGroup: report.targetGroup ?? '',
    district: report.district ?? '',
    urgency: report.urgency,
    description: report.description ?? '',
  };
}

/** The body fields the server takes, with empty optional texts sent as null. */
export function bodyOf(values: GapReportValues & { field: FieldOfAction }, confirm: boolean) {
  return {
    need: values.need.trim(),
    field: values.field,
    targetGroup: values.targetGroup.trim() || null,
    district: values.district.trim() || null,
    urgency: values.urgency,
    description: values.description.trim() || null,
    ...(confirm ? { confirm: true } : {}),
  };
}

// The fields a personal-data warning can name, by the server's pointer.
const TEXT_FIELDS = {
  need: 'gap-need',
  targetGroup: 'gap-target-group',
  description: 'gap-description',
} as const;

interface GapReportFormProps {
  initial: GapReportValues;
  submitLabel: string;
  /** Sends the values; `confirm` after the user chose to keep a text the server warned about. */
  onSubmit: (
    values: GapReportValues & { field: FieldOfAction },
    confirm: boolean,
  ) => Promise<ApiResult<GapReport>>;
  onSaved: (report: GapReport) => void;
  /** Problems the page handles itself (a version conflict). */
  onProblem?: (problem: Problem) => boolean;
  onCancel?: () => void;
}

/**
 * The form "fehlender Hilfebaustein": what help is missing, field of action, target group, district, urgency
 * and a description. When the server finds the client's name or birth date in a text, the warning appears at
 * that field with the choice to keep the text anyway or to change it; nothing is stored before.
 */
export function GapReportForm({
  initial,
  submitLabel,
  onSubmit,
  onSaved,
  onProblem,
  onCancel,
}: GapReportFormProps) {
  const { t } = useTranslation();
  const labels = useGapLabels();
  const text = useProblemText();
  const [values, setValues] = useState<GapReportValues>(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [warning, setWarning] = useState<FieldProblem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const warningRef = useRef<HTMLDivElement>(null);
  const districts = useResource('districts', () => call(api.GET('/api/districts')));
  const districtNames = (districts.data?.items ?? []).filter((d) => !d.archived).map((d) => d.label);

  const errors = {
    ...text.fieldErrors(problem),
    ...text.fieldErrors(warning ? clientValidationProblem(warning) : null),
  };

  function set(changes: Partial<GapReportValues>) {
    setValues({ ...values, ...changes });
    // A changed text is checked again when it is sent; the warning no longer applies to it.
    if (warning) {
      const rest = warning.filter((w) => !Object.keys(changes).some((key) => w.pointer === `/${key}`));
      setWarning(rest.length > 0 ? rest : null);
    }
  }

  async function send(confirm: boolean) {
    const missing: FieldProblem[] = [];
    if (values.need.trim() === '') missing.push({ pointer: '/need', code: 'required', message: '' });
    if (values.field === '') missing.push({ pointer: '/field', code: 'required', message: '' });
    if (missing.length > 0 || values.field === '') {
      setProblem(clientValidationProblem(missing));
      return;
    }
    setBusy(true);
    const result = await onSubmit({ ...values, field: values.field }, confirm);
    setBusy(false);
    if (result.ok) {
      setProblem(null);
      setWarning(null);
      onSaved(result.data);
      return;
    }
    if (result.problem.code === 'confirmation-required' && result.problem.errors?.length) {
      setProblem(null);
      setWarning(result.problem.errors);
      // The choice takes the focus, so the warning is read out first.
      window.setTimeout(() => warningRef.current?.focus(), 0);
      return;
    }
    if (onProblem?.(result.problem)) return;
    setProblem(result.problem);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(false);
  }

  function changeText() {
    const first = warning?.map((w) => w.pointer.slice(1)).find((key) => key in TEXT_FIELDS);
    const id = first ? TEXT_FIELDS[first as keyof typeof TEXT_FIELDS] : TEXT_FIELDS.description;
    document.getElementById(id)?.focus();
  }

  const fieldRefs = {
    need: { id: 'gap-need', label: t('gaps.form.need') },
    field: { id: 'gap-field', label: t('gaps.form.field') },
    targetGroup: { id: 'gap-target-group', label: t('gaps.form.targetGroup') },
    district: { id: 'gap-district', label: t('gaps.form.district') },
    urgency: { id: 'gap-urgency', label: t('gaps.form.urgency') },
    description: { id: 'gap-description', label: t('gaps.form.description') },
  };
  const districtOptions =
    values.district && !districtNames.includes(values.district)
      ? [values.district, ...districtNames]
      : districtNames;

  return (
    <form noValidate onSubmit={submit} className="gap-form">
      <ErrorSummary problem={problem} fields={fieldRefs} />
      <TextField
        id="gap-need"
        label={t('gaps.form.need')}
        hint={t('gaps.form.needHint')}
        maxLength={300}
        autoComplete="off"
        value={values.need}
        error={errors.need}
        onValueChange={(need) => set({ need })}
      />
      <SelectField
        id="gap-field"
        label={t('gaps.form.field')}
        value={values.field}
        error={errors.field}
        options={[
          { value: '', label: t('gaps.form.chooseField') },
          ...FIELDS_OF_ACTION.map((f) => ({ value: f, label: labels.field(f) })),
        ]}
        onValueChange={(field) => set({ field: FIELDS_OF_ACTION.find((f) => f === field) ?? '' })}
      />
      <TextField
        id="gap-target-group"
        label={t('gaps.form.targetGroup')}
        hint={t('gaps.form.targetGroupHint')}
        optional
        maxLength={200}
        autoComplete="off"
        value={values.targetGroup}
        error={errors.targetGroup}
        onValueChange={(targetGroup) => set({ targetGroup })}
      />
      {districtOptions.length > 0 ? (
        <SelectField
          id="gap-district"
          label={t('gaps.form.district')}
          optional
          value={values.district}
          error={errors.district}
          options={[
            { value: '', label: t('gaps.form.noDistrict') },
            ...districtOptions.map((name) => ({ value: name, label: name })),
          ]}
          onValueChange={(district) => set({ district })}
        />
      ) : (
        <TextField
          id="gap-district"
          label={t('gaps.form.district')}
          optional
          maxLength={200}
          autoComplete="off"
          value={values.district}
          error={errors.district}
          onValueChange={(district) => set({ district })}
        />
      )}
      <RadioGroup
        id="gap-urgency"
        legend={t('gaps.form.urgency')}
        value={values.urgency}
        error={errors.urgency}
        options={URGENCIES.map((u) => ({ value: u, label: labels.urgency(u) }))}
        onValueChange={(urgency) => set({ urgency: URGENCIES.find((u) => u === urgency) ?? 'medium' })}
      />
      <TextArea
        id="gap-description"
        label={t('gaps.form.description')}
        hint={t('gaps.form.descriptionHint')}
        optional
        rows={5}
        maxLength={4000}
        value={values.description}
        error={errors.description}
        onValueChange={(description) => set({ description })}
      />
      {warning ? (
        <div ref={warningRef} className="error-summary gap-warning" role="alert" tabIndex={-1}>
          <h2 className="error-summary__title">{t('gaps.form.warningTitle')}</h2>
          <p>{t('gaps.form.warningText')}</p>
          <div className="actions">
            <Button variant="secondary" onClick={changeText}>
              {t('gaps.form.change')}
            </Button>
            <Button busy={busy} onClick={() => void send(true)}>
              {t('gaps.form.keep')}
            </Button>
          </div>
        </div>
      ) : null}
      <div className="actions">
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t('gaps.form.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
