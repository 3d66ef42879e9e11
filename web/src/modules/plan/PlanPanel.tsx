import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { CaseView, Problem } from '../../api/types';
import { Alert, ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import { useResource } from '../../ui/useResource';
import type { HistoryItem, PlanEnvelope } from './model';
import { PlanEditor } from './PlanEditor';
import { PlanView } from './PlanView';

/**
 * The plan (Hilfeplan, Integrationsförderplan, …) in the case file: read, edit as a whole, agree with the
 * client, review goals, record signatures, and see the history of agreed versions.
 */
export function PlanPanel({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ problem: Problem | null } | null>(null);
  const [local, setLocal] = useState<PlanEnvelope | null>(null);
  const [agreeProblem, setAgreeProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const resource = useResource(`plan:${view.id}:${generation}`, () =>
    call(api.GET('/api/cases/{id}/plan', { params: { path: { id: view.id } } })),
  );
  const envelope = local ?? resource.data;
  const plan = envelope?.plan ?? null;
  const closed = view.phase === 'closed' || view.anonymised;
  const canWrite = Boolean(envelope?.permissions.write) && view.permissions.write && !closed;

  function reload(note: string | null) {
    setLocal(null);
    setEditing(null);
    setAgreeProblem(null);
    setMessage(note);
    setGeneration((g) => g + 1);
  }

  function changed(note: string, next?: PlanEnvelope) {
    setMessage(note);
    if (next) setLocal(next);
    else reload(note);
  }

  async function agree() {
    if (!plan) return;
    setBusy(true);
    const result = await call(
      api.POST('/api/cases/{id}/plan/agree', {
        params: { path: { id: view.id } },
        body: { version: plan.version },
      }),
    );
    setBusy(false);
    if (result.ok) {
      setAgreeProblem(null);
      setLocal(result.data);
      setMessage(t('plan.panel.agreed'));
    } else if (result.problem.code === 'validation' && (result.problem.errors ?? []).length > 0) {
      // Missing indicators and the like: open the form with the errors at the fields.
      setEditing({ problem: result.problem });
    } else setAgreeProblem(result.problem);
  }

  const title = envelope ? t(`plan.panel.label.${envelope.label}`) : t('plan.tab');
  return (
    <div className="plan-panel">
      <h2>{title}</h2>
      <p>{t('plan.panel.intro')}</p>
      <StatusRegion message={message} focus />
      {resource.result && !resource.result.ok ? (
        <ProblemAlert problem={resource.result.problem} onRetry={resource.reload} />
      ) : null}
      {!envelope && resource.loading ? <p role="status">{t('app.loading')}</p> : null}
      {envelope ? (
        editing ? (
          <PlanEditor
            caseId={view.id}
            envelope={envelope}
            initialProblem={editing.problem}
            onSaved={(next) => {
              setEditing(null);
              setLocal(next);
              setMessage(t('plan.panel.form.saved'));
            }}
            onCancel={() => setEditing(null)}
            onConflict={() => reload(t('plan.panel.conflict.reloaded'))}
          />
        ) : (
          <>
            {plan ? <StatusLine envelope={envelope} /> : <p>{t('plan.panel.none')}</p>}
            {!canWrite && !closed ? <p>{t('plan.panel.readOnly')}</p> : null}
            {agreeProblem ? <ProblemAlert problem={agreeProblem} /> : null}
            <div className="actions no-print">
              {canWrite ? (
                <Button
                  variant={plan ? 'secondary' : 'primary'}
                  onClick={() => setEditing({ problem: null })}
                >
                  {plan ? t('plan.panel.edit') : t('plan.panel.create')}
                </Button>
              ) : null}
              {canWrite && plan?.status === 'draft' ? (
                <Button busy={busy} onClick={() => void agree()}>
                  {t('plan.panel.agree')}
                </Button>
              ) : null}
              {plan ? (
                <Link to={`/print/plan/${view.id}?language=de`}>{t('plan.panel.printLink')}</Link>
              ) : null}
            </div>
            {canWrite && plan?.status === 'draft' ? (
              <p className="field__hint">{t('plan.panel.agreeHint')}</p>
            ) : null}
            {plan ? <PlanView plan={plan} canWrite={canWrite} onChanged={changed} /> : null}
            {plan ? <History caseId={view.id} version={plan.version} /> : null}
          </>
        )
      ) : null}
    </div>
  );
}

function StatusLine({ envelope }: { envelope: PlanEnvelope }) {
  const { t } = useTranslation();
  const format = useFormat();
  const plan = envelope.plan;
  if (!plan) return null;
  return (
    <Alert kind="info">
      <p>
        {t('plan.panel.statusLine', {
          status: t(`plan.panel.status.${plan.status}`),
          version: plan.version,
          date: format.dateTime(plan.updatedAt),
          by: plan.updatedBy.displayName,
        })}
      </p>
      {plan.agreedAt ? <p>{t('plan.panel.agreedOn', { date: format.dateTime(plan.agreedAt) })}</p> : null}
    </Alert>
  );
}

const COUNTS = [
  'goalsAdded',
  'goalsRewritten',
  'goalsDropped',
  'stepsAdded',
  'stepsChanged',
  'datesMoved',
  'fieldsChanged',
] as const;

function History({ caseId, version }: { caseId: string; version: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useResource(`plan-history:${caseId}:${version}`, () =>
    call(api.GET('/api/cases/{id}/plan/history', { params: { path: { id: caseId } } })),
  );
  const summary = (item: HistoryItem) => {
    const parts = COUNTS.flatMap((key) => {
      const count = Number(item.summary[key] ?? 0);
      return count > 0 ? [t(`plan.panel.history.counts.${key}`, { count })] : [];
    });
    if (item.summary.headerChanged === true) parts.push(t('plan.panel.history.headerChanged'));
    return parts.join(', ') || t('plan.panel.empty');
  };
  const columns: Column<HistoryItem>[] = [
    {
      key: 'version',
      header: t('plan.panel.history.version'),
      rowHeader: true,
      cell: (i) => String(i.version),
    },
    {
      key: 'kind',
      header: t('plan.panel.history.kind'),
      cell: (i) => t(`plan.panel.changeKind.${i.changeKind}`),
    },
    { key: 'reason', header: t('plan.panel.history.reason'), cell: (i) => i.reason ?? t('plan.panel.empty') },
    { key: 'date', header: t('plan.panel.history.date'), cell: (i) => format.dateTime(i.changedAt) },
    { key: 'by', header: t('plan.panel.history.by'), cell: (i) => i.changedBy.displayName },
    { key: 'summary', header: t('plan.panel.history.summary'), cell: summary },
  ];
  return (
    <section aria-labelledby="plan-history-heading">
      <h3 id="plan-history-heading">{t('plan.panel.history.heading')}</h3>
      {history.result && !history.result.ok ? (
        <ProblemAlert problem={history.result.problem} onRetry={history.reload} />
      ) : null}
      {history.data ? (
        <DataTable
          caption={t('plan.panel.history.caption')}
          columns={columns}
          rows={history.data.items}
          rowKey={(i) => String(i.version)}
          empty={t('plan.panel.history.empty')}
        />
      ) : null}
    </section>
  );
}
