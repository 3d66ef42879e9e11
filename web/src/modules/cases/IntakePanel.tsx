import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { CaseView, Problem } from '../../api/types';
import { StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { useFormat } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { CaseConflict } from './CaseConflict';
import { checkIntakeValues, intakePayload, intakeValuesOf } from './intakeForm';
import { IntakeFields, useIntakeFieldRefs } from './IntakeFields';

interface PanelProps {
  view: CaseView;
  onChange: (view: CaseView) => void;
  onReload: () => void;
}

/** Klärung: the intake as recorded, and (with write permission) the form to correct or complete it. */
export function IntakePanel({ view, onChange, onReload }: PanelProps) {
  const { t } = useTranslation();
  const criteria = useResource('criteria', () =>
    call(api.GET('/api/indication-criteria', { params: { query: { includeArchived: true } } })),
  );
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const canWrite = view.permissions.write && view.phase !== 'closed';
  const items = criteria.data?.items ?? [];

  return (
    <>
      <h2>{t('intake.heading')}</h2>
      <StatusRegion message={message} focus />
      {editing && canWrite ? (
        <IntakeForm
          key={view.version}
          view={view}
          criteria={items}
          onSaved={(saved) => {
            setEditing(false);
            setMessage(t('intake.saved'));
            onChange(saved);
          }}
          onCancel={() => setEditing(false)}
          onUseCurrent={(current) => {
            if (current) onChange(current);
            else onReload();
          }}
        />
      ) : (
        <>
          <IntakeFacts view={view} criteriaLabels={new Map(items.map((c) => [c.id, c.label]))} />
          {canWrite ? (
            <Button
              variant="secondary"
              onClick={() => {
                setMessage(null);
                setEditing(true);
              }}
            >
              {t('intake.edit')}
            </Button>
          ) : null}
        </>
      )}
    </>
  );
}

function IntakeFacts({ view, criteriaLabels }: { view: CaseView; criteriaLabels: Map<string, string> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const intake = view.intake;
  const mandate = intake.mandate;
  const none = t('common.none');
  const row = (label: string, value: string | null | undefined, dir?: 'auto') => (
    <div>
      <dt>{label}</dt>
      <dd dir={dir}>{value === null || value === undefined || value === '' ? none : value}</dd>
    </div>
  );
  return (
    <dl className="facts">
      {row(t('intake.accessRoute'), t(`codes.accessRoute.${intake.accessRoute}`))}
      {intake.accessRoute === 'agency_referral' ? (
        <>
          {row(t('intake.referralAgency'), intake.referralAgency)}
          {row(t('intake.referralPerson'), intake.referralPerson, 'auto')}
        </>
      ) : null}
      {mandate ? (
        <>
          {row(t('intake.mandateBody'), mandate.body)}
          {row(t('intake.mandateText'), mandate.text, 'auto')}
          {row(
            t('intake.sanctionRisk'),
            mandate.sanctionRisk === true
              ? t('common.yes')
              : mandate.sanctionRisk === false
                ? t('common.no')
                : t('intake.sanctionUnknown'),
          )}
          {row(
            t('intake.sessions'),
            mandate.sessions === null || mandate.sessions === undefined ? null : String(mandate.sessions),
          )}
          {row(t('intake.feedbackChannel'), mandate.feedbackChannel)}
          {row(t('intake.feedbackInterval'), mandate.feedbackInterval)}
          {row(
            t('intake.voluntarySince'),
            mandate.voluntarySince ? format.day(mandate.voluntarySince) : null,
          )}
        </>
      ) : null}
      <div>
        <dt>{t('intake.criteria')}</dt>
        <dd>
          {intake.indicationCriteria.length === 0 ? (
            none
          ) : (
            <ul className="plain-list">
              {intake.indicationCriteria.map((id) => (
                <li key={id}>{criteriaLabels.get(id) ?? t('common.unknown')}</li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      {row(
        t('intake.decision'),
        intake.indicationDecision
          ? t(`codes.indicationDecision.${intake.indicationDecision}`)
          : t('intake.noDecision'),
      )}
      {intake.indicationDecision === 'referred_elsewhere'
        ? row(t('intake.referredTo'), intake.referredTo)
        : null}
      {row(t('intake.reason'), intake.indicationReason, 'auto')}
      {row(
        t('intake.contract'),
        intake.contractForm ? t(`codes.contractForm.${intake.contractForm}`) : t('intake.noContract'),
      )}
      {intake.contractForm ? (
        <>
          {row(t('intake.contractOn'), intake.contractOn ? format.day(intake.contractOn) : null)}
          {row(t('intake.contractBy'), intake.contractBy, 'auto')}
        </>
      ) : null}
    </dl>
  );
}

interface IntakeFormProps {
  view: CaseView;
  criteria: Parameters<typeof IntakeFields>[0]['criteria'];
  onSaved: (view: CaseView) => void;
  onCancel: () => void;
  onUseCurrent: (current: CaseView | null) => void;
}

function IntakeForm({ view, criteria, onSaved, onCancel, onUseCurrent }: IntakeFormProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const refs = useIntakeFieldRefs('intake-edit');
  const [values, setValues] = useState(() => intakeValuesOf(view.intake));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks = checkIntakeValues(values);
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.PUT('/api/cases/{id}/intake', {
        params: { path: { id: view.id } },
        body: { version: view.version, intake: intakePayload(values) },
      }),
    );
    setSubmitting(false);
    if (result.ok) onSaved(result.data);
    else setProblem(result.problem);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {problem?.code === 'version-conflict' ? (
        <CaseConflict problem={problem} onUseCurrent={onUseCurrent} />
      ) : (
        <ErrorSummary problem={problem} fields={refs} />
      )}
      <IntakeFields
        prefix="intake-edit"
        values={values}
        onChange={setValues}
        errors={text.fieldErrors(problem)}
        criteria={criteria}
      />
      <div className="actions">
        <Button type="submit" busy={submitting}>
          {submitting ? t('common.saving') : t('intake.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
