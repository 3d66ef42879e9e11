import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import { CASE_KINDS, isOneOf, type CaseKind, type FieldProblem, type Problem } from '../../api/types';
import { useMe } from '../../app/session';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { FieldGroup, RadioGroup, SelectField, TextField } from '../../ui/fields';
import { today } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { checkIntakeValues, emptyIntakeValues, intakePayload } from './intakeForm';
import { IntakeFields, useIntakeFieldRefs } from './IntakeFields';

/** Navigation state after opening a case: the case number is not personal data. */
export interface CaseOpenedState {
  opened: string;
}

export function caseOpenedNumber(state: unknown): string | null {
  return typeof state === 'object' && state !== null && 'opened' in state && typeof state.opened === 'string'
    ? state.opened
    : null;
}

/** "Fall eröffnen": a case for a client, with the intake (Klärungsphase). The client id in the URL is not personal. */
export function CaseOpenPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const clientId = params.get('clientId') ?? '';
  const client = useResource(`client:${clientId}`, () =>
    clientId === ''
      ? Promise.resolve({ ok: true as const, data: null })
      : call(api.GET('/api/clients/{id}', { params: { path: { id: clientId } } })),
  );

  if (clientId === '') {
    return (
      <Page title={t('caseOpen.title')}>
        <p>{t('caseOpen.noClient')}</p>
        <p>
          <Link to="/clients">{t('caseOpen.toClients')}</Link>
        </p>
      </Page>
    );
  }
  const data = client.data;
  return (
    <Page
      title={t('caseOpen.title')}
      heading={
        data ? (
          <>
            {t('caseOpen.title')}: <span dir="auto">{`${data.familyName}, ${data.givenNames}`}</span>
          </>
        ) : undefined
      }
    >
      {client.result && !client.result.ok ? (
        <ProblemAlert problem={client.result.problem} onRetry={client.reload} />
      ) : null}
      {data ? (
        <>
          <p>
            <Link to={`/clients/${encodeURIComponent(data.id)}`}>{t('caseOpen.backToClient')}</Link>
          </p>
          <CaseOpenForm clientId={data.id} />
        </>
      ) : client.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
    </Page>
  );
}

function CaseOpenForm({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const text = useProblemText();
  const me = useMe();
  const navigate = useNavigate();
  const isLead = me.roles.includes('team_lead');
  const criteria = useResource('criteria', () =>
    call(api.GET('/api/indication-criteria', { params: { query: { includeArchived: true } } })),
  );
  const colleagues = useResource(`colleagues:${isLead}`, () =>
    isLead ? call(api.GET('/api/colleagues')) : Promise.resolve({ ok: true as const, data: { items: [] } }),
  );
  const [kind, setKind] = useState<CaseKind | ''>('');
  const [orgUnitId, setOrgUnitId] = useState(me.orgUnits.length === 1 ? (me.orgUnits[0]?.id ?? '') : '');
  const [openedOn, setOpenedOn] = useState(today);
  const [responsibleUserId, setResponsibleUserId] = useState(me.id);
  const [intake, setIntake] = useState(emptyIntakeValues);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const intakeRefs = useIntakeFieldRefs('case-intake');
  const refs = {
    kind: { id: 'case-kind', label: t('caseOpen.kind') },
    orgUnitId: { id: 'case-org-unit', label: t('caseOpen.orgUnit') },
    openedOn: { id: 'case-opened-on', label: t('caseOpen.openedOn') },
    responsibleUserId: { id: 'case-responsible', label: t('caseOpen.responsible') },
    ...intakeRefs,
  };
  const errors = text.fieldErrors(problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks: FieldProblem[] = [];
    if (kind === '') checks.push({ pointer: '/kind', code: 'required', message: '' });
    if (orgUnitId === '') checks.push({ pointer: '/orgUnitId', code: 'required', message: '' });
    if (openedOn === '') checks.push({ pointer: '/openedOn', code: 'required', message: '' });
    checks.push(...checkIntakeValues(intake));
    if (checks.length > 0 || kind === '') {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/cases', {
        body: {
          clientId,
          kind,
          orgUnitId,
          openedOn,
          ...(isLead && responsibleUserId !== me.id ? { responsibleUserId } : {}),
          intake: intakePayload(intake),
        },
      }),
    );
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    const state: CaseOpenedState = { opened: result.data.caseNumber };
    void navigate(`/cases/${encodeURIComponent(result.data.id)}`, { state });
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary problem={problem} fields={refs} />
      <RadioGroup
        id={refs.kind.id}
        legend={refs.kind.label}
        options={CASE_KINDS.map((k) => ({ value: k, label: t(`codes.caseKind.${k}`) }))}
        value={kind}
        onValueChange={(next) => setKind(isOneOf(CASE_KINDS, next) ? next : '')}
        error={errors.kind}
      />
      <SelectField
        id={refs.orgUnitId.id}
        label={refs.orgUnitId.label}
        value={orgUnitId}
        options={[
          ...(me.orgUnits.length === 1 ? [] : [{ value: '', label: t('responsibility.choose') }]),
          ...me.orgUnits.map((unit) => ({ value: unit.id, label: unit.name })),
        ]}
        onValueChange={setOrgUnitId}
        error={errors.orgUnitId}
      />
      <TextField
        id={refs.openedOn.id}
        type="date"
        label={refs.openedOn.label}
        max={today()}
        value={openedOn}
        onValueChange={setOpenedOn}
        error={errors.openedOn}
      />
      {isLead ? (
        <SelectField
          id={refs.responsibleUserId.id}
          label={refs.responsibleUserId.label}
          hint={t('caseOpen.responsibleHint')}
          value={responsibleUserId}
          options={[
            { value: me.id, label: t('caseOpen.self', { name: me.displayName }) },
            ...(colleagues.data?.items ?? [])
              .filter((c) => c.id !== me.id)
              .map((c) => ({ value: c.id, label: c.displayName })),
          ]}
          onValueChange={setResponsibleUserId}
          error={errors.responsibleUserId}
        />
      ) : null}
      <FieldGroup legend={t('intake.heading')}>
        <IntakeFields
          prefix="case-intake"
          values={intake}
          onChange={setIntake}
          errors={errors}
          criteria={criteria.data?.items ?? []}
        />
      </FieldGroup>
      <Button type="submit" busy={submitting}>
        {submitting ? t('common.saving') : t('caseOpen.submit')}
      </Button>
    </form>
  );
}
