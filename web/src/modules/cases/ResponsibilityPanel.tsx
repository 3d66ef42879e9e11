import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import {
  DELEGATION_SCOPES,
  isOneOf,
  type CaseView,
  type Colleague,
  type Delegation,
  type DelegationScope,
  type FieldProblem,
  type Problem,
} from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, RadioGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { today, useFormat } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import { CaseConflict } from './CaseConflict';

interface PanelProps {
  view: CaseView;
  colleagues: readonly Colleague[];
  onChange: (view: CaseView) => void;
  onReload: () => void;
}

type Handover = CaseView['handovers'][number];
type Access = CaseView['accessLog'][number];

/** Verantwortung: who is responsible, handovers, delegations, and who opened the case with a reason. */
export function ResponsibilityPanel({ view, colleagues, onChange, onReload }: PanelProps) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const closed = view.phase === 'closed';

  function done(next: CaseView, note: string) {
    setMessage(note);
    onChange(next);
  }

  return (
    <>
      <h2>{t('responsibility.heading')}</h2>
      <StatusRegion message={message} focus />
      <p>{t('responsibility.current', { name: view.responsible.displayName })}</p>
      {view.permissions.handOver && !closed ? (
        <HandoverForm
          key={view.responsible.id}
          view={view}
          colleagues={colleagues}
          onDone={done}
          onReload={onReload}
        />
      ) : null}
      <HandoverHistory handovers={view.handovers} />
      <Delegations view={view} colleagues={colleagues} onDone={done} />
      <AccessLog entries={view.accessLog} />
    </>
  );
}

function HandoverForm({
  view,
  colleagues,
  onDone,
  onReload,
}: {
  view: CaseView;
  colleagues: readonly Colleague[];
  onDone: (view: CaseView, message: string) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [toUserId, setToUserId] = useState('');
  const [reason, setReason] = useState('');
  const [effectiveOn, setEffectiveOn] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const candidates = colleagues.filter((c) => c.id !== view.responsible.id);
  const errors = text.fieldErrors(problem);
  const refs = {
    toUserId: { id: 'handover-to', label: t('responsibility.handoverTo') },
    reason: { id: 'handover-reason', label: t('responsibility.handoverReason') },
    effectiveOn: { id: 'handover-effective', label: t('responsibility.effectiveOn') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks: FieldProblem[] = [];
    if (toUserId === '') checks.push({ pointer: '/toUserId', code: 'required', message: '' });
    if (reason.trim().length < 3) {
      checks.push({ pointer: '/reason', code: 'minLength', message: '', params: { limit: 3 } });
    }
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/cases/{id}/handover', {
        params: { path: { id: view.id } },
        body: {
          version: view.version,
          toUserId,
          reason: reason.trim(),
          ...(effectiveOn !== '' ? { effectiveOn } : {}),
        },
      }),
    );
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    onDone(result.data, t('responsibility.handedOver', { name: result.data.responsible.displayName }));
  }

  return (
    <section aria-labelledby="handover-heading" className="panel">
      <h3 id="handover-heading">{t('responsibility.handoverHeading')}</h3>
      <p>{t('responsibility.handoverIntro')}</p>
      {candidates.length === 0 ? (
        <p>{t('responsibility.noColleagues')}</p>
      ) : (
        <form className="form" noValidate onSubmit={(event) => void submit(event)}>
          {problem?.code === 'version-conflict' ? (
            <CaseConflict
              problem={problem}
              onUseCurrent={(current) => {
                setProblem(null);
                if (current) onDone(current, '');
                else onReload();
              }}
            />
          ) : (
            <ErrorSummary problem={problem} fields={refs} />
          )}
          <SelectField
            id={refs.toUserId.id}
            label={refs.toUserId.label}
            value={toUserId}
            options={[
              { value: '', label: t('responsibility.choose') },
              ...candidates.map((c) => ({ value: c.id, label: c.displayName })),
            ]}
            onValueChange={setToUserId}
            error={errors.toUserId}
          />
          <TextArea
            id={refs.reason.id}
            label={refs.reason.label}
            dir="auto"
            rows={2}
            maxLength={2000}
            value={reason}
            onValueChange={setReason}
            error={errors.reason}
          />
          <TextField
            id={refs.effectiveOn.id}
            type="date"
            label={refs.effectiveOn.label}
            hint={t('responsibility.effectiveOnHint')}
            optional
            value={effectiveOn}
            onValueChange={setEffectiveOn}
            error={errors.effectiveOn}
          />
          <Button type="submit" busy={submitting}>
            {t('responsibility.handoverSubmit')}
          </Button>
        </form>
      )}
    </section>
  );
}

function HandoverHistory({ handovers }: { handovers: readonly Handover[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns: Column<Handover>[] = [
    {
      key: 'effective',
      header: t('responsibility.effectiveOn'),
      rowHeader: true,
      cell: (h) => format.day(h.effectiveOn),
    },
    {
      key: 'from',
      header: t('responsibility.from'),
      cell: (h) => h.from?.displayName ?? t('responsibility.initial'),
    },
    { key: 'to', header: t('responsibility.to'), cell: (h) => h.to.displayName },
    {
      key: 'reason',
      header: t('responsibility.reason'),
      cell: (h) => (
        <span dir="auto" className="preserve-lines">
          {h.reason}
        </span>
      ),
    },
    { key: 'recorded', header: t('responsibility.recordedAt'), cell: (h) => format.dateTime(h.recordedAt) },
  ];
  return (
    <section aria-labelledby="handovers-heading">
      <h3 id="handovers-heading">{t('responsibility.handoversHeading')}</h3>
      {handovers.length === 0 ? (
        <p>{t('responsibility.noHandovers')}</p>
      ) : (
        <DataTable
          caption={t('responsibility.handoversCaption')}
          columns={columns}
          rows={[...handovers].reverse()}
          rowKey={(h) => `${h.recordedAt}-${h.to.id}`}
          empty={t('responsibility.noHandovers')}
        />
      )}
    </section>
  );
}

function Delegations({
  view,
  colleagues,
  onDone,
}: {
  view: CaseView;
  colleagues: readonly Colleague[];
  onDone: (view: CaseView, message: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [ending, setEnding] = useState<string | null>(null);
  const canWrite = view.permissions.write && view.phase !== 'closed';
  const day = today();

  function status(d: Delegation): string {
    if (d.revokedAt) return t('responsibility.revoked', { date: format.dateTime(d.revokedAt) });
    if (d.active) return t('responsibility.active');
    return d.startsOn > day ? t('responsibility.planned') : t('responsibility.ended');
  }

  async function end(d: Delegation) {
    if (ending !== null) return;
    setEnding(d.id);
    const result = await call(
      api.DELETE('/api/cases/{id}/delegations/{delegationId}', {
        params: { path: { id: view.id, delegationId: d.id } },
      }),
    );
    setEnding(null);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    onDone(result.data, t('responsibility.endedDone', { name: d.delegate.displayName }));
  }

  const columns: Column<Delegation>[] = [
    {
      key: 'delegate',
      header: t('responsibility.delegate'),
      rowHeader: true,
      cell: (d) => d.delegate.displayName,
    },
    { key: 'scope', header: t('responsibility.scope'), cell: (d) => t(`codes.delegationScope.${d.scope}`) },
    {
      key: 'standing',
      header: t('responsibility.standing'),
      cell: (d) =>
        d.standing
          ? t('responsibility.standingYes', { date: format.day(d.clientAgreementOn) })
          : t('common.no'),
    },
    {
      key: 'period',
      header: t('responsibility.period'),
      cell: (d) =>
        t('responsibility.periodValue', { from: format.day(d.startsOn), to: format.day(d.endsOn) }),
    },
    {
      key: 'reason',
      header: t('responsibility.delegationReason'),
      cell: (d) => (d.reason ? <span dir="auto">{d.reason}</span> : t('common.none')),
    },
    { key: 'status', header: t('responsibility.status'), cell: status },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (d) =>
        canWrite && d.revokedAt === null && d.endsOn >= day ? (
          <Button variant="secondary" busy={ending === d.id} onClick={() => void end(d)}>
            {t('responsibility.endDelegation')}
            <span className="visually-hidden">: {d.delegate.displayName}</span>
          </Button>
        ) : null,
    },
  ];

  return (
    <section aria-labelledby="delegations-heading">
      <h3 id="delegations-heading">{t('responsibility.delegationsHeading')}</h3>
      {problem ? <ProblemAlert problem={problem} /> : null}
      {view.delegations.length === 0 ? (
        <p>{t('responsibility.noDelegations')}</p>
      ) : (
        <DataTable
          caption={t('responsibility.delegationsCaption')}
          columns={columns}
          rows={view.delegations}
          rowKey={(d) => d.id}
          empty={t('responsibility.noDelegations')}
        />
      )}
      {canWrite ? <DelegationForm view={view} colleagues={colleagues} onDone={onDone} /> : null}
    </section>
  );
}

function DelegationForm({
  view,
  colleagues,
  onDone,
}: {
  view: CaseView;
  colleagues: readonly Colleague[];
  onDone: (view: CaseView, message: string) => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [delegateUserId, setDelegateUserId] = useState('');
  const [scope, setScope] = useState<DelegationScope>('full');
  const [standing, setStanding] = useState(false);
  const [clientAgreementOn, setClientAgreementOn] = useState('');
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const candidates = colleagues.filter((c) => c.id !== view.responsible.id);
  const errors = text.fieldErrors(problem);
  const refs = {
    delegateUserId: { id: 'delegation-delegate', label: t('responsibility.delegate') },
    scope: { id: 'delegation-scope', label: t('responsibility.scope') },
    clientAgreementOn: { id: 'delegation-agreement', label: t('responsibility.clientAgreementOn') },
    startsOn: { id: 'delegation-starts', label: t('responsibility.startsOn') },
    endsOn: { id: 'delegation-ends', label: t('responsibility.endsOn') },
    reason: { id: 'delegation-reason', label: t('responsibility.delegationReason') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks: FieldProblem[] = [];
    const required = (pointer: string) => checks.push({ pointer, code: 'required', message: '' });
    if (delegateUserId === '') required('/delegateUserId');
    if (standing && clientAgreementOn === '') {
      checks.push({ pointer: '/clientAgreementOn', code: 'requires-client-agreement', message: '' });
    }
    if (startsOn === '') required('/startsOn');
    if (endsOn === '') required('/endsOn');
    else if (startsOn !== '' && endsOn < startsOn) {
      checks.push({ pointer: '/endsOn', code: 'date-order', message: '' });
    }
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const trimmed = reason.trim();
    const result = await call(
      api.POST('/api/cases/{id}/delegations', {
        params: { path: { id: view.id } },
        body: {
          delegateUserId,
          scope,
          standing,
          clientAgreementOn: standing ? clientAgreementOn : null,
          startsOn,
          endsOn,
          reason: trimmed === '' ? null : trimmed,
        },
      }),
    );
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    const name = candidates.find((c) => c.id === delegateUserId)?.displayName ?? '';
    setProblem(null);
    setDelegateUserId('');
    setStanding(false);
    setClientAgreementOn('');
    setEndsOn('');
    setReason('');
    onDone(result.data, t('responsibility.delegated', { name }));
  }

  return (
    <section aria-labelledby="delegation-new" className="panel">
      <h4 id="delegation-new">{t('responsibility.addDelegationHeading')}</h4>
      {candidates.length === 0 ? (
        <p>{t('responsibility.noColleagues')}</p>
      ) : (
        <form className="form" noValidate onSubmit={(event) => void submit(event)}>
          <ErrorSummary problem={problem} fields={refs} />
          <SelectField
            id={refs.delegateUserId.id}
            label={refs.delegateUserId.label}
            value={delegateUserId}
            options={[
              { value: '', label: t('responsibility.choose') },
              ...candidates.map((c) => ({ value: c.id, label: c.displayName })),
            ]}
            onValueChange={setDelegateUserId}
            error={errors.delegateUserId}
          />
          <RadioGroup
            id={refs.scope.id}
            legend={refs.scope.label}
            options={DELEGATION_SCOPES.map((s) => ({ value: s, label: t(`codes.delegationScope.${s}`) }))}
            value={scope}
            onValueChange={(next) => setScope(isOneOf(DELEGATION_SCOPES, next) ? next : 'full')}
            error={errors.scope}
          />
          <CheckboxField
            id="delegation-standing"
            label={t('responsibility.standingLabel')}
            hint={t('responsibility.standingHint')}
            checked={standing}
            onCheckedChange={setStanding}
          />
          {standing ? (
            <TextField
              id={refs.clientAgreementOn.id}
              type="date"
              label={refs.clientAgreementOn.label}
              max={today()}
              value={clientAgreementOn}
              onValueChange={setClientAgreementOn}
              error={errors.clientAgreementOn}
            />
          ) : null}
          <div className="field-row">
            <TextField
              id={refs.startsOn.id}
              type="date"
              label={refs.startsOn.label}
              value={startsOn}
              onValueChange={setStartsOn}
              error={errors.startsOn}
            />
            <TextField
              id={refs.endsOn.id}
              type="date"
              label={refs.endsOn.label}
              min={startsOn || undefined}
              value={endsOn}
              onValueChange={setEndsOn}
              error={errors.endsOn}
            />
          </div>
          <TextField
            id={refs.reason.id}
            label={refs.reason.label}
            optional
            dir="auto"
            autoComplete="off"
            value={reason}
            onValueChange={setReason}
            error={errors.reason}
          />
          <Button type="submit" busy={submitting}>
            {t('responsibility.addDelegation')}
          </Button>
        </form>
      )}
    </section>
  );
}

function AccessLog({ entries }: { entries: readonly Access[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns: Column<Access>[] = [
    { key: 'user', header: t('responsibility.accessUser'), rowHeader: true, cell: (a) => a.user.displayName },
    { key: 'at', header: t('responsibility.accessAt'), cell: (a) => format.dateTime(a.openedAt) },
    {
      key: 'reason',
      header: t('responsibility.accessReason'),
      cell: (a) => (
        <span dir="auto" className="preserve-lines">
          {a.reason}
        </span>
      ),
    },
    { key: 'until', header: t('responsibility.accessUntil'), cell: (a) => format.dateTime(a.expiresAt) },
  ];
  return (
    <section aria-labelledby="access-heading">
      <h3 id="access-heading">{t('responsibility.accessHeading')}</h3>
      <p>{t('responsibility.accessIntro')}</p>
      {entries.length === 0 ? (
        <p>{t('responsibility.noAccess')}</p>
      ) : (
        <DataTable
          caption={t('responsibility.accessCaption')}
          columns={columns}
          rows={[...entries].sort((a, b) => b.openedAt.localeCompare(a.openedAt))}
          rowKey={(a) => `${a.user.id}-${a.openedAt}`}
          empty={t('responsibility.noAccess')}
        />
      )}
    </section>
  );
}
