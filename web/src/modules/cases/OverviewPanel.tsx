import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { CaseView, Phase, PhaseChange, Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextArea } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { CaseConflict } from './CaseConflict';
import { useCaseLabels } from './labels';
import { CasePlanGlance } from '../plan/CasePlanGlance';
import { moveKindOf, orderedMoves, stepsOf, type StepState } from './phases';

interface PanelProps {
  view: CaseView;
  onChange: (view: CaseView) => void;
  onReload: () => void;
}

/** Überblick: where the case stands in the cycle, the moves it may make, and how it got here. */
export function OverviewPanel({ view, onChange, onReload }: PanelProps) {
  const { t } = useTranslation();
  return (
    <>
      <h2 id="phases-heading">{t('phases.heading')}</h2>
      <PhaseStepper view={view} />
      <PhaseMoves view={view} onChange={onChange} onReload={onReload} />
      <PhaseHistory history={view.phaseHistory} />
      {view.kind === 'case_management' ? <CasePlanGlance caseId={view.id} /> : null}
    </>
  );
}

function PhaseStepper({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const stateText: Record<StepState, string> = {
    done: t('phases.done'),
    current: t('phases.current'),
    upcoming: t('phases.upcoming'),
  };
  return (
    <ol className="stepper" aria-label={t('phases.stepper')}>
      {stepsOf(view.kind, view.phase).map((step, i) => (
        <li
          key={step.phase}
          className={`stepper__step stepper__step--${step.state}`}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          <span className="stepper__marker" aria-hidden="true">
            {step.state === 'done' ? '✓' : i + 1}
          </span>
          <span className="stepper__label">{labels.phase(step.phase)}</span>
          <span className="stepper__state">({stateText[step.state]})</span>
        </li>
      ))}
    </ol>
  );
}

function PhaseMoves({ view, onChange, onReload }: PanelProps) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<Phase | null>(null);
  const moves = orderedMoves(view.phase, view.allowedMoves);

  function label(to: Phase): string {
    switch (moveKindOf(view.phase, to)) {
      case 'forward':
        return t('phases.forward', { phase: labels.phase(to) });
      case 'reassessment':
        return t('phases.reassessment');
      case 'close':
        return t('phases.close');
      case 'reopen':
        return t('phases.reopen');
      case 'back':
        return t('phases.back', { phase: labels.phase(to) });
    }
  }

  async function move(to: Phase) {
    if (busy !== null) return;
    setBusy(to);
    setMessage(null);
    const trimmed = reason.trim();
    const result = await call(
      api.POST('/api/cases/{id}/phase', {
        params: { path: { id: view.id } },
        body: { version: view.version, to, reason: trimmed === '' ? null : trimmed },
      }),
    );
    setBusy(null);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    setReason('');
    setMessage(t('phases.moved', { phase: labels.phase(result.data.phase) }));
    onChange(result.data);
  }

  return (
    <section aria-labelledby="phase-moves">
      <h3 id="phase-moves">{t('phases.movesHeading')}</h3>
      <StatusRegion message={message} focus />
      {problem?.code === 'version-conflict' ? (
        <CaseConflict
          problem={problem}
          onUseCurrent={(current) => {
            setProblem(null);
            if (current) onChange(current);
            else onReload();
          }}
        />
      ) : problem ? (
        <ProblemAlert
          problem={problem}
          onRetry={problem.code === 'phase-move-not-allowed' ? onReload : undefined}
        />
      ) : null}
      {moves.length === 0 ? (
        <p>{t('phases.noMoves')}</p>
      ) : (
        <div className="form">
          <p>{t('phases.movesIntro')}</p>
          <TextArea
            id="phase-reason"
            label={t('phases.reason')}
            optional
            dir="auto"
            rows={2}
            maxLength={2000}
            value={reason}
            onValueChange={setReason}
          />
          <div className="actions">
            {moves.map((to) => {
              const kind = moveKindOf(view.phase, to);
              return (
                <Button
                  key={to}
                  variant={kind === 'forward' || kind === 'reopen' ? 'primary' : 'secondary'}
                  busy={busy === to}
                  onClick={() => void move(to)}
                >
                  {label(to)}
                </Button>
              );
            })}
          </div>
        </div>
      )}
    </section>
  );
}

function PhaseHistory({ history }: { history: readonly PhaseChange[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCaseLabels();
  const newestFirst = [...history].sort((a, b) => b.changedAt.localeCompare(a.changedAt));

  function what(change: PhaseChange): string {
    if (change.from === null) return t('phases.historyOpened', { to: labels.phase(change.to) });
    const move = t('phases.historyMove', { from: labels.phase(change.from), to: labels.phase(change.to) });
    const kind = moveKindOf(change.from, change.to);
    if (kind === 'reassessment') return `${move} (${t('phases.historyReassessment')})`;
    if (kind === 'reopen') return `${move} (${t('phases.historyReopened')})`;
    return move;
  }

  return (
    <section aria-labelledby="phase-history">
      <h3 id="phase-history">{t('phases.historyHeading')}</h3>
      {newestFirst.length === 0 ? (
        <p>{t('phases.historyEmpty')}</p>
      ) : (
        <ol className="timeline" reversed>
          {newestFirst.map((change) => (
            <li key={`${change.changedAt}-${change.to}`} className="timeline__item">
              <p className="timeline__what">
                <strong>{what(change)}</strong>
              </p>
              <p className="timeline__meta">
                <time dateTime={change.changedAt}>{format.dateTime(change.changedAt)}</time>,{' '}
                {t('phases.historyBy', { name: change.changedBy.displayName })}
              </p>
              {change.reason ? (
                <p className="timeline__reason" dir="auto">
                  {t('phases.historyReason', { reason: change.reason })}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
