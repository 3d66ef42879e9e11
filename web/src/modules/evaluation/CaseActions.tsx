import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { Problem } from '../../api/types';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { RadioGroup, TextArea, TextField } from '../../ui/fields';
import { today, useFormat } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import { useCaseLabels } from '../cases/labels';
import { CLOSURE_REASONS, type ClosureReason, type EvaluationEnvelope, type KindChange } from './model';

interface ActionProps {
  envelope: EvaluationEnvelope;
  /** The action succeeded: the new state and what to announce. */
  onDone: (envelope: EvaluationEnvelope, message: string) => void;
  /** The case changed meanwhile (409 version-conflict). */
  onConflict: () => void;
}

/** The evaluation's fields the closure may find missing, by the pointer the server names. */
const MISSING_FIELDS = {
  evaluation: 'evaluation-evaluatedOn',
  endedBy: 'evaluation-endedBy',
  lifeSituation: 'evaluation-lifeSituation',
} as const;

function isMissingField(value: string): value is keyof typeof MISSING_FIELDS {
  return value in MISSING_FIELDS;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const element = document.getElementById(id);
  if (element === null) return;
  event.preventDefault();
  const target =
    element instanceof HTMLFieldSetElement ? element.querySelector('input, select, textarea') : element;
  if (target instanceof HTMLElement) target.focus();
}

/**
 * "Fall abschließen": the date and the reason in a dialog. A CM case without a complete evaluation is refused
 * with the missing parts linked to the form; unrated goals and open follow-ups are confirmed in the dialog.
 */
export function ClosureSection({ envelope, onDone, onConflict }: ActionProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const [closedOn, setClosedOn] = useState(today);
  const [reason, setReason] = useState<ClosureReason | ''>('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [missing, setMissing] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const missingRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (missing) missingRef.current?.focus();
  }, [missing]);

  const warnings = problem?.code === 'confirmation-required' ? (problem.errors ?? []) : [];
  const shown = problem && problem.code !== 'confirmation-required' ? problem : null;
  const errors = text.fieldErrors(shown);

  async function close(confirm: boolean) {
    if (busy) return;
    if (reason === '') {
      setProblem(clientValidationProblem([{ pointer: '/closureReason', code: 'required', message: '' }]));
      return;
    }
    setBusy(true);
    const result = await call(
      api.POST('/api/cases/{id}/close', {
        params: { path: { id: envelope.case.id } },
        body: {
          version: envelope.case.version,
          closedOn,
          closureReason: reason,
          ...(confirm ? { confirm } : {}),
        },
      }),
    );
    setBusy(false);
    if (result.ok) {
      setOpen(false);
      setProblem(null);
      setMissing(null);
      const due = result.data.evaluation?.followUpDueOn;
      onDone(
        result.data,
        due ? t('evaluation.closure.doneFollowUp', { date: format.day(due) }) : t('evaluation.closure.done'),
      );
    } else if (result.problem.code === 'version-conflict') {
      setOpen(false);
      onConflict();
    } else if (result.problem.code === 'evaluation-required') {
      setOpen(false);
      setProblem(null);
      setMissing(result.problem);
    } else setProblem(result.problem);
  }

  return (
    <section className="evaluation-section" aria-labelledby="evaluation-closure-heading">
      <h3 id="evaluation-closure-heading">{t('evaluation.closure.heading')}</h3>
      <p>{t('evaluation.closure.intro')}</p>
      {envelope.closure.evaluationRequired ? <p>{t('evaluation.closure.needsEvaluation')}</p> : null}
      {missing ? (
        <div ref={missingRef} className="error-summary" role="alert" tabIndex={-1}>
          <p className="error-summary__title">{t('evaluation.closure.missingIntro')}</p>
          <ul className="error-summary__list">
            {(missing.errors ?? []).map((e) => {
              const key = e.pointer.replace(/^\//, '');
              if (!isMissingField(key)) return <li key={e.pointer}>{e.message}</li>;
              const id = MISSING_FIELDS[key];
              return (
                <li key={e.pointer}>
                  <a href={`#${id}`} onClick={(event) => focusField(event, id)}>
                    {t(`evaluation.closure.missing.${key}`)}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <Button
        onClick={() => {
          setProblem(null);
          setOpen(true);
        }}
      >
        {t('evaluation.closure.open')}
      </Button>
      <Dialog open={open} title={t('evaluation.closure.heading')} onClose={() => setOpen(false)}>
        <ErrorSummary
          problem={shown}
          fields={{
            closedOn: { id: 'evaluation-closedOn', label: t('evaluation.closure.closedOn') },
            closureReason: { id: 'evaluation-closureReason', label: t('evaluation.closure.reason') },
          }}
        />
        <TextField
          id="evaluation-closedOn"
          type="date"
          label={t('evaluation.closure.closedOn')}
          value={closedOn}
          onValueChange={setClosedOn}
          error={errors.closedOn}
        />
        <RadioGroup
          id="evaluation-closureReason"
          legend={t('evaluation.closure.reason')}
          options={CLOSURE_REASONS.map((r) => ({
            value: r,
            label: t(`evaluation.closure.reasonOption.${r}`),
          }))}
          value={reason}
          onValueChange={(v) => setReason(v as ClosureReason)}
          error={errors.closureReason}
        />
        {warnings.length > 0 ? (
          <Alert kind="info">
            <p>{t('evaluation.closure.confirmIntro')}</p>
            <ul>
              {warnings.map((w) => (
                <li key={w.code}>
                  {w.code === 'goals-unrated'
                    ? t('evaluation.closure.goalsUnrated', { count: Number(w.params?.count ?? 0) })
                    : w.code === 'open-follow-ups'
                      ? t('evaluation.closure.openFollowUps', { count: Number(w.params?.count ?? 0) })
                      : w.message}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <div className="actions">
          {warnings.length > 0 ? (
            <Button variant="danger" busy={busy} onClick={() => void close(true)}>
              {t('evaluation.closure.confirm')}
            </Button>
          ) : (
            <Button busy={busy} onClick={() => void close(false)}>
              {t('evaluation.closure.submit')}
            </Button>
          )}
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {t('evaluation.closure.cancel')}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}

/** "Fall wieder eröffnen" with the reason; an anonymised case explains that a new case is opened instead. */
export function ReopenSection({ envelope, onDone, onConflict }: ActionProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const labels = useCaseLabels();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = text.fieldErrors(problem);

  if (envelope.case.anonymised) {
    return (
      <section className="evaluation-section" aria-labelledby="evaluation-reopen-heading">
        <h3 id="evaluation-reopen-heading">{t('evaluation.reopen.heading')}</h3>
        <Alert kind="info">
          <p>{t('evaluation.reopen.anonymised')}</p>
          <p>
            <Link to="/clients/new">{t('evaluation.reopen.newClient')}</Link>
          </p>
        </Alert>
      </section>
    );
  }
  if (!envelope.permissions.reopen) return null;

  async function reopen() {
    if (busy) return;
    if (reason.trim() === '') {
      setProblem(clientValidationProblem([{ pointer: '/reason', code: 'required', message: '' }]));
      return;
    }
    setBusy(true);
    const result = await call(
      api.POST('/api/cases/{id}/reopen', {
        params: { path: { id: envelope.case.id } },
        body: { version: envelope.case.version, reason: reason.trim() },
      }),
    );
    setBusy(false);
    if (result.ok) {
      setOpen(false);
      setReason('');
      setProblem(null);
      onDone(result.data, t('evaluation.reopen.done', { phase: labels.phase(result.data.case.phase) }));
    } else if (result.problem.code === 'version-conflict') {
      setOpen(false);
      onConflict();
    } else setProblem(result.problem);
  }

  return (
    <section className="evaluation-section" aria-labelledby="evaluation-reopen-heading">
      <h3 id="evaluation-reopen-heading">{t('evaluation.reopen.heading')}</h3>
      <p>{t('evaluation.reopen.intro')}</p>
      <Button onClick={() => setOpen(true)}>{t('evaluation.reopen.open')}</Button>
      <ReasonDialog
        open={open}
        title={t('evaluation.reopen.heading')}
        id="evaluation-reopen-reason"
        label={t('evaluation.reopen.reason')}
        reason={reason}
        onReason={setReason}
        problem={problem}
        error={errors.reason}
        busy={busy}
        submit={t('evaluation.reopen.submit')}
        cancel={t('evaluation.reopen.cancel')}
        onSubmit={() => void reopen()}
        onClose={() => setOpen(false)}
      />
    </section>
  );
}

/** The kind of the case, its conversion (counselling ⇄ case management) with a reason, and the history. */
export function KindSection({ envelope, onDone, onConflict }: ActionProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const format = useFormat();
  const labels = useCaseLabels();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = text.fieldErrors(problem);
  const kind = envelope.case.kind;
  const target =
    kind === 'counselling' ? 'case_management' : kind === 'case_management' ? 'counselling' : null;
  const action =
    target === 'case_management' ? t('evaluation.kind.toCaseManagement') : t('evaluation.kind.toCounselling');

  async function convert() {
    if (busy || target === null) return;
    if (reason.trim() === '') {
      setProblem(clientValidationProblem([{ pointer: '/reason', code: 'required', message: '' }]));
      return;
    }
    setBusy(true);
    const result = await call(
      api.POST('/api/cases/{id}/kind', {
        params: { path: { id: envelope.case.id } },
        body: { version: envelope.case.version, kind: target, reason: reason.trim() },
      }),
    );
    setBusy(false);
    if (result.ok) {
      setOpen(false);
      setReason('');
      setProblem(null);
      onDone(result.data, t('evaluation.kind.done', { kind: labels.kind(result.data.case.kind) }));
    } else if (result.problem.code === 'version-conflict') {
      setOpen(false);
      onConflict();
    } else setProblem(result.problem);
  }

  const columns: Column<KindChange>[] = [
    {
      key: 'date',
      header: t('evaluation.kind.date'),
      rowHeader: true,
      cell: (c) => format.dateTime(c.changedAt),
    },
    {
      key: 'change',
      header: t('evaluation.kind.change'),
      cell: (c) => t('evaluation.kind.changeText', { from: labels.kind(c.from), to: labels.kind(c.to) }),
    },
    {
      key: 'reason',
      header: t('evaluation.kind.changeReason'),
      cell: (c) => <span dir="auto">{c.reason ?? '–'}</span>,
    },
    { key: 'by', header: t('evaluation.kind.by'), cell: (c) => c.changedBy.displayName },
  ];

  return (
    <section className="evaluation-section" aria-labelledby="evaluation-kind-heading">
      <h3 id="evaluation-kind-heading">{t('evaluation.kind.heading')}</h3>
      <p>{t('evaluation.kind.current', { kind: labels.kind(kind) })}</p>
      {envelope.permissions.changeKind && target !== null ? (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {action}
        </Button>
      ) : null}
      <DataTable
        caption={t('evaluation.kind.caption')}
        columns={columns}
        rows={envelope.kindHistory}
        rowKey={(c) => c.changedAt + c.to}
        empty={t('evaluation.kind.empty')}
      />
      <ReasonDialog
        open={open}
        title={action}
        id="evaluation-kind-reason"
        label={t('evaluation.kind.reason')}
        reason={reason}
        onReason={setReason}
        problem={problem}
        error={errors.reason}
        busy={busy}
        submit={t('evaluation.kind.submit')}
        cancel={t('evaluation.kind.cancel')}
        onSubmit={() => void convert()}
        onClose={() => setOpen(false)}
      >
        <p>
          {target === 'case_management'
            ? t('evaluation.kind.hintToCaseManagement')
            : t('evaluation.kind.hintToCounselling')}
        </p>
      </ReasonDialog>
    </section>
  );
}

/** A dialog that asks for the reason of a step (reopening, changing the kind) and submits it. */
function ReasonDialog(props: {
  open: boolean;
  title: string;
  id: string;
  label: string;
  reason: string;
  onReason: (value: string) => void;
  problem: Problem | null;
  error: string | undefined;
  busy: boolean;
  submit: string;
  cancel: string;
  onSubmit: () => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  return (
    <Dialog open={props.open} title={props.title} onClose={props.onClose}>
      {props.children}
      <ErrorSummary problem={props.problem} fields={{ reason: { id: props.id, label: props.label } }} />
      <TextArea
        id={props.id}
        label={props.label}
        dir="auto"
        maxLength={2000}
        value={props.reason}
        onValueChange={props.onReason}
        error={props.error}
      />
      <div className="actions">
        <Button busy={props.busy} onClick={props.onSubmit}>
          {props.submit}
        </Button>
        <Button variant="secondary" onClick={props.onClose}>
          {props.cancel}
        </Button>
      </div>
    </Dialog>
  );
}
