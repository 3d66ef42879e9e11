import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { CaseView } from '../../api/types';
import { Alert, ProblemAlert, StatusRegion } from '../../ui/Alert';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { useFormat } from '../../ui/format';
import { useResource } from '../../ui/useResource';
import { ClosureSection, KindSection, ReopenSection } from './CaseActions';
import { EvaluationEditor } from './EvaluationEditor';
import { EvaluationSummary } from './EvaluationSummary';
import { SHOWN_CLOSURE_REASONS, type EvaluationEnvelope } from './model';
import './evaluation.css';

interface EvaluationPanelProps {
  view: CaseView;
  /**
   * Called after the case itself changed (closed, reopened, converted), so the case file can load it again.
   * Saving the evaluation changes only this tab.
   */
  onChanged?: () => void;
}

/**
 * The case tab "Abschluss": the evaluation (a draft while the case runs), the formal closure with date and
 * reason, reopening a closed case, and converting a counselling case into a CM case and back.
 */
export function EvaluationPanel({ view, onChanged }: EvaluationPanelProps) {
  const { t, i18n } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const [local, setLocal] = useState<EvaluationEnvelope | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const resource = useResource(`evaluation:${view.id}:${generation}`, () =>
    call(api.GET('/api/cases/{id}/evaluation', { params: { path: { id: view.id } } })),
  );
  const envelope = local ?? resource.data;

  function reload(note: string | null) {
    setLocal(null);
    setConflict(false);
    setMessage(note);
    setGeneration((g) => g + 1);
  }

  function caseChanged(next: EvaluationEnvelope, note: string) {
    setLocal(next);
    setMessage(note);
    onChanged?.();
  }

  const actions = {
    onDone: caseChanged,
    onConflict: () => {
      setMessage(null);
      setConflict(true);
    },
  };

  return (
    <div className="evaluation-panel">
      <h2>{t('evaluation.heading')}</h2>
      <p>{t('evaluation.intro')}</p>
      <StatusRegion message={message} focus />
      {resource.result && !resource.result.ok ? (
        <ProblemAlert problem={resource.result.problem} onRetry={resource.reload} />
      ) : null}
      {!envelope && resource.loading ? <p role="status">{t('app.loading')}</p> : null}
      {conflict ? (
        <ConflictNotice
          heading={t('evaluation.conflict.heading')}
          text={t('evaluation.conflict.text')}
          hint={t('evaluation.conflict.hint')}
          action={t('evaluation.conflict.action')}
          onAction={() => {
            reload(t('evaluation.conflict.reloaded'));
            onChanged?.();
          }}
        />
      ) : null}
      {envelope && !conflict ? (
        <>
          <Status envelope={envelope} />
          {envelope.permissions.edit ? (
            <EvaluationEditor
              // A new form after every save or reload: the local copy starts from what is stored.
              key={`${envelope.evaluation?.version ?? 0}:${generation}`}
              caseId={view.id}
              caseNumber={view.caseNumber}
              envelope={envelope}
              onSaved={(next) => {
                setLocal(next);
                setMessage(t('evaluation.form.saved'));
              }}
              onConflict={() => reload(t('evaluation.conflict.reloaded'))}
            />
          ) : envelope.evaluation ? (
            <section aria-labelledby="evaluation-view-heading">
              <h3 id="evaluation-view-heading">{t('evaluation.form.heading')}</h3>
              {envelope.evaluation.satisfactionMean !== null ? (
                <p>
                  {t('evaluation.form.mean', {
                    mean: envelope.evaluation.satisfactionMean.toLocaleString(i18n.language),
                  })}
                </p>
              ) : null}
              <EvaluationSummary evaluation={envelope.evaluation} goals={envelope.goals} />
            </section>
          ) : null}
          {envelope.permissions.close ? <ClosureSection envelope={envelope} {...actions} /> : null}
          {envelope.case.phase === 'closed' ? <ReopenSection envelope={envelope} {...actions} /> : null}
          <KindSection envelope={envelope} {...actions} />
        </>
      ) : null}
    </div>
  );
}

function Status({ envelope }: { envelope: EvaluationEnvelope }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { case: c, evaluation, permissions } = envelope;
  const reason = c.closureReason;
  const known = (SHOWN_CLOSURE_REASONS as readonly string[]).includes(reason ?? '');
  return (
    <Alert kind="info">
      {c.phase === 'closed' ? (
        <p>
          {t('evaluation.status.closed', {
            date: format.day(c.closedOn),
            reason: reason
              ? known
                ? t(`evaluation.closure.reasonOption.${reason as (typeof SHOWN_CLOSURE_REASONS)[number]}`)
                : reason
              : t('evaluation.status.noReason'),
          })}
        </p>
      ) : (
        <p>{t('evaluation.status.running')}</p>
      )}
      <p>
        {evaluation
          ? t('evaluation.status.saved', {
              date: format.dateTime(evaluation.updatedAt),
              by: evaluation.updatedBy.displayName,
            })
          : t('evaluation.status.none')}
      </p>
      {!permissions.edit && c.phase !== 'closed' ? <p>{t('evaluation.status.readOnly')}</p> : null}
    </Alert>
  );
}
