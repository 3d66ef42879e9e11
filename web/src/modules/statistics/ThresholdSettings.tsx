import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { clientValidationProblem } from '../../api/problem';
import type { Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { statisticsApi } from './api';
import { MIN_COUNT_FLOOR, type StatisticsSettings } from './model';

const FIELD_ID = 'statistics-min-count';

function isSettings(value: unknown): value is StatisticsSettings {
  return (
    typeof value === 'object' &&
    value !== null &&
    'minCount' in value &&
    typeof value.minCount === 'number' &&
    'version' in value &&
    typeof value.version === 'number'
  );
}

/**
 * The organisation's minimum count (org admin): counts below it are shown as "< n" in every report, and the
 * page says why. Never below 3 — checked here at the field and again by the server.
 */
export function ThresholdSettings() {
  const { t } = useTranslation();
  const settings = useResource('statistics-settings', () => statisticsApi.settings());
  const [known, setKnown] = useState<StatisticsSettings | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const current =
    known && settings.data && known.version >= settings.data.version ? known : (settings.data ?? known);

  return (
    <section aria-labelledby="statistics-threshold" className="stat-settings no-print">
      <h2 id="statistics-threshold">{t('statistics.threshold.heading')}</h2>
      <p>{t('statistics.threshold.explanation', { minCount: current?.minCount ?? 5 })}</p>
      <StatusRegion message={message} focus />
      {settings.result && !settings.result.ok ? (
        <ProblemAlert problem={settings.result.problem} onRetry={settings.reload} />
      ) : null}
      {current ? (
        <ThresholdForm
          key={current.version}
          settings={current}
          onSaved={(saved) => {
            setKnown(saved);
            setMessage(t('statistics.threshold.saved', { minCount: saved.minCount }));
          }}
          onUseCurrent={(next) => {
            setMessage(null);
            if (next) setKnown(next);
            else settings.reload();
          }}
        />
      ) : null}
    </section>
  );
}

function ThresholdForm({
  settings,
  onSaved,
  onUseCurrent,
}: {
  settings: StatisticsSettings;
  onSaved: (settings: StatisticsSettings) => void;
  onUseCurrent: (settings: StatisticsSettings | null) => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [value, setValue] = useState(String(settings.minCount));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const label = t('statistics.threshold.label');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const entered = value.trim();
    if (!/^\d+$/.test(entered)) {
      setProblem(clientValidationProblem([{ pointer: '/minCount', code: 'wholeNumber', message: '' }]));
      return;
    }
    if (Number(entered) < MIN_COUNT_FLOOR) {
      setProblem(
        clientValidationProblem([
          { pointer: '/minCount', code: 'minimum', message: '', params: { limit: MIN_COUNT_FLOOR } },
        ]),
      );
      return;
    }
    setSubmitting(true);
    const result = await statisticsApi.saveSettings({ minCount: Number(entered), version: settings.version });
    setSubmitting(false);
    if (result.ok) onSaved(result.data);
    else setProblem(result.problem);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {problem?.code === 'version-conflict' ? (
        <ConflictNotice
          heading={t('users.conflictHeading')}
          text={t('statistics.threshold.conflictText')}
          hint={t('users.conflictHint')}
          action={t('users.conflictReload')}
          onAction={() => onUseCurrent(isSettings(problem.current) ? problem.current : null)}
        />
      ) : (
        <ErrorSummary problem={problem} fields={{ minCount: { id: FIELD_ID, label } }} />
      )}
      <TextField
        id={FIELD_ID}
        label={label}
        hint={t('statistics.threshold.hint')}
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onValueChange={setValue}
        error={text.fieldErrors(problem).minCount}
      />
      <Button type="submit" busy={submitting}>
        {submitting ? t('common.saving') : t('common.save')}
      </Button>
    </form>
  );
}
