import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { CaseView, Problem } from '../../api/types';
import { Alert, ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, SelectField, TextField } from '../../ui/fields';
import { today, useFormat } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { useLang } from './AnswerValue';
import { comparableGroups, pick } from './form';
import { startAssessment, type AssessmentSummary, type AvailableInstrument } from './model';
import './assessment.css';

// The chart library is large: it loads when a case has a progress picture, not with every case file.
const ProgressChart = lazy(() =>
  import('./ProgressChart').then((module) => ({ default: module.ProgressChart })),
);

export function assessmentPath(caseId: string, assessmentId: string): string {
  return `/cases/${encodeURIComponent(caseId)}/assessments/${encodeURIComponent(assessmentId)}`;
}

/** Set by the assessment page after discarding a draft, so the case file can say so. */
export function discardedNotice(state: unknown): boolean {
  return typeof state === 'object' && state !== null && 'assessmentDiscarded' in state;
}

/**
 * The case file's assessment tab: the case's assessments, starting one (or a re-assessment, prefilled from
 * the last finalised one), choosing two to compare, and the progress picture of each scaled instrument.
 */
export function AssessmentPanel({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const location = useLocation();
  const closed = view.phase === 'closed' || view.anonymised;
  const canWrite = view.permissions.write && !closed;
  const list = useResource(`assessments:${view.id}`, () =>
    call(api.GET('/api/cases/{id}/assessments', { params: { path: { id: view.id } } })),
  );
  const data = list.data;

  return (
    <>
      <h2>{t('assessment.panel.heading')}</h2>
      <StatusRegion message={discardedNotice(location.state) ? t('assessment.panel.discarded') : null} />
      {!view.permissions.write && !closed ? <p>{t('assessment.panel.readOnly')}</p> : null}
      {list.result && !list.result.ok ? (
        <ProblemAlert problem={list.result.problem} onRetry={list.reload} />
      ) : null}
      {data === null && list.loading ? <p role="status">{t('app.loading')}</p> : null}
      {data ? (
        <>
          <div className="panel-section">
            <AssessmentTable caseId={view.id} items={data.items} />
          </div>
          {canWrite ? (
            <section aria-labelledby="assessment-start" className="panel">
              <h3 id="assessment-start">{t('assessment.panel.startHeading')}</h3>
              <StartForm caseId={view.id} available={data.available} items={data.items} />
            </section>
          ) : null}
          <section aria-labelledby="assessment-compare" className="panel-section">
            <h3 id="assessment-compare">{t('assessment.panel.compareHeading')}</h3>
            <CompareForm caseId={view.id} items={data.items} />
          </section>
        </>
      ) : null}
      <ProgressSection caseId={view.id} />
    </>
  );
}

function AssessmentTable({ caseId, items }: { caseId: string; items: AssessmentSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const lang = useLang();
  return (
    <DataTable
      caption={t('assessment.panel.listCaption')}
      rows={items}
      rowKey={(a) => a.id}
      empty={t('assessment.panel.empty')}
      columns={[
        {
          key: 'instrument',
          header: t('assessment.panel.instrument'),
          rowHeader: true,
          cell: (a) => (
            <Link to={assessmentPath(caseId, a.id)}>
              {pick(a.template.title, lang)}{' '}
              <span className="visually-hidden">
                {t('assessment.panel.openSuffix', { date: format.day(a.conductedOn) })}
              </span>
            </Link>
          ),
        },
        {
          key: 'conductedOn',
          header: t('assessment.panel.conductedOn'),
          cell: (a) => format.day(a.conductedOn),
        },
        { key: 'status', header: t('assessment.panel.status'), cell: (a) => <StatusTag status={a.status} /> },
        {
          key: 'version',
          header: t('assessment.panel.templateVersion'),
          cell: (a) => t('assessment.version', { version: a.template.version }),
        },
        { key: 'by', header: t('assessment.panel.by'), cell: (a) => a.createdBy.displayName },
      ]}
    />
  );
}

export function StatusTag({ status }: { status: 'draft' | 'final' }) {
  const { t } = useTranslation();
  return (
    <span className={status === 'draft' ? 'tag tag--draft' : 'tag'}>
      {status === 'draft' ? t('assessment.statusDraft') : t('assessment.statusFinal')}
    </span>
  );
}

function StartForm({
  caseId,
  available,
  items,
}: {
  caseId: string;
  available: AvailableInstrument[];
  items: AssessmentSummary[];
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const format = useFormat();
  const lang = useLang();
  const navigate = useNavigate();
  const [templateId, setTemplateId] = useState(
    available.length === 1 ? (available[0]?.templateId ?? '') : '',
  );
  const [conductedOn, setConductedOn] = useState(today);
  const [prefill, setPrefill] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  const refs = {
    templateId: { id: 'assessment-start-instrument', label: t('assessment.panel.instrument') },
    conductedOn: { id: 'assessment-start-date', label: t('assessment.panel.conductedOn') },
  };
  const selected = available.find((a) => a.templateId === templateId);
  const conductedOnOf = (id: string | null) => items.find((a) => a.id === id)?.conductedOn ?? null;

  if (available.length === 0) return <p>{t('assessment.panel.noInstruments')}</p>;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting || selected?.draftId) return;
    if (!selected) {
      setProblem(clientValidationProblem([{ pointer: '/templateId', code: 'required', message: '' }]));
      return;
    }
    setSubmitting(true);
    const result = await startAssessment(caseId, {
      templateId: selected.templateId,
      ...(conductedOn ? { conductedOn } : {}),
      ...(selected.lastFinalId ? { prefill } : {}),
    });
    setSubmitting(false);
    if (result.ok) void navigate(assessmentPath(caseId, result.data.id));
    else if (result.problem.draftId) void navigate(assessmentPath(caseId, result.problem.draftId));
    else setProblem(result.problem);
  }

  const lastFinalOn = conductedOnOf(selected?.lastFinalId ?? null);
  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary problem={problem} fields={refs} />
      <SelectField
        id={refs.templateId.id}
        label={refs.templateId.label}
        value={templateId}
        options={[
          { value: '', label: t('assessment.panel.choose') },
          ...available.map((a) => ({ value: a.templateId, label: pick(a.title, lang) })),
        ]}
        onValueChange={(value) => {
          setTemplateId(value);
          setProblem(null);
        }}
        error={errors.templateId}
      />
      {selected?.draftId ? (
        <Alert kind="info">
          <p>
            {t('assessment.panel.draftExists', {
              date: format.day(conductedOnOf(selected.draftId), t('common.unknown')),
            })}
          </p>
          <Link className="button" to={assessmentPath(caseId, selected.draftId)}>
            {t('assessment.panel.continueDraft')}
          </Link>
        </Alert>
      ) : selected ? (
        <>
          <p className="field__hint" id="assessment-start-kind">
            {selected.lastFinalId
              ? t('assessment.panel.reassessmentHint', { date: format.day(lastFinalOn, t('common.unknown')) })
              : t('assessment.panel.firstHint')}
          </p>
          {selected.lastFinalId ? (
            <CheckboxField
              id="assessment-start-prefill"
              label={t('assessment.panel.prefill')}
              checked={prefill}
              onCheckedChange={setPrefill}
            />
          ) : null}
          <TextField
            id={refs.conductedOn.id}
            type="date"
            label={refs.conductedOn.label}
            hint={t('assessment.panel.conductedOnHint')}
            max={today()}
            value={conductedOn}
            onValueChange={setConductedOn}
            error={errors.conductedOn}
          />
          <Button type="submit" busy={submitting}>
            {selected.lastFinalId ? t('assessment.panel.startReassessment') : t('assessment.panel.start')}
          </Button>
        </>
      ) : null}
    </form>
  );
}

function CompareForm({ caseId, items }: { caseId: string; items: AssessmentSummary[] }) {
  const { t } = useTranslation();
  const text = useProblemText();
  const format = useFormat();
  const lang = useLang();
  const navigate = useNavigate();
  const groups = comparableGroups(items);
  const [groupKey, setGroupKey] = useState(groups[0]?.[0]?.template.key ?? '');
  const group = groups.find((g) => g[0]?.template.key === groupKey) ?? groups[0] ?? [];
  // The newest two by default: the list is newest first.
  const [choice, setChoice] = useState<{ first: string; second: string } | null>(null);
  const first = choice?.first ?? group[1]?.id ?? '';
  const second = choice?.second ?? group[0]?.id ?? '';
  const [problem, setProblem] = useState<Problem | null>(null);
  const refs = {
    left: { id: 'assessment-compare-first', label: t('assessment.panel.compareFirst') },
    right: { id: 'assessment-compare-second', label: t('assessment.panel.compareSecond') },
  };

  if (groups.length === 0) return <p>{t('assessment.panel.compareNone')}</p>;

  const options = group.map((a) => ({
    value: a.id,
    label: t('assessment.panel.compareOption', {
      date: format.day(a.conductedOn),
      status: a.status === 'draft' ? t('assessment.statusDraft') : t('assessment.statusFinal'),
    }),
  }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (first === second) {
      setProblem(
        clientValidationProblem([
          { pointer: '/right', code: 'not-distinct', message: t('assessment.panel.compareSame') },
        ]),
      );
      return;
    }
    const query = new URLSearchParams({ left: first, right: second });
    void navigate(`/cases/${encodeURIComponent(caseId)}/assessments/compare?${query.toString()}`);
  }

  return (
    <form className="form" noValidate onSubmit={submit}>
      <p>{t('assessment.panel.compareIntro')}</p>
      <ErrorSummary problem={problem} fields={refs} />
      {groups.length > 1 ? (
        <SelectField
          id="assessment-compare-instrument"
          label={t('assessment.panel.instrument')}
          value={groupKey}
          options={groups.map((g) => ({
            value: g[0]?.template.key ?? '',
            label: g[0] ? pick(g[0].template.title, lang) : '',
          }))}
          onValueChange={(key) => {
            setGroupKey(key);
            setChoice(null);
            setProblem(null);
          }}
        />
      ) : (
        <p>
          {t('assessment.panel.instrument')}: {group[0] ? pick(group[0].template.title, lang) : null}
        </p>
      )}
      <div className="field-row">
        <SelectField
          id={refs.left.id}
          label={refs.left.label}
          value={first}
          options={options}
          onValueChange={(value) => setChoice({ first: value, second })}
        />
        <SelectField
          id={refs.right.id}
          label={refs.right.label}
          value={second}
          options={options}
          onValueChange={(value) => setChoice({ first, second: value })}
          error={text.fieldErrors(problem).right}
        />
      </div>
      <Button type="submit" variant="secondary">
        {t('assessment.panel.compareSubmit')}
      </Button>
    </form>
  );
}

function ProgressSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const progress = useResource(`progress:${caseId}`, () =>
    call(api.GET('/api/cases/{id}/assessments/progress', { params: { path: { id: caseId } } })),
  );
  const series = progress.data?.series ?? [];
  return (
    <section aria-labelledby="assessment-progress" className="panel-section">
      <h3 id="assessment-progress">{t('assessment.panel.progressHeading')}</h3>
      {progress.result && !progress.result.ok ? (
        <ProblemAlert problem={progress.result.problem} onRetry={progress.reload} />
      ) : null}
      {progress.data === null ? (
        progress.loading ? (
          <p role="status">{t('app.loading')}</p>
        ) : null
      ) : series.length === 0 ? (
        <p>{t('assessment.panel.progressEmpty')}</p>
      ) : (
        <>
          <p>{t('assessment.panel.progressIntro')}</p>
          {series.map((s) => (
            <section key={s.templateKey} aria-labelledby={`progress-${s.templateKey}`}>
              <h4 id={`progress-${s.templateKey}`}>{pick(s.title, lang)}</h4>
              <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
                <ProgressChart series={s} />
              </Suspense>
            </section>
          ))}
          <p>
            <Link to={`/print/progress/${encodeURIComponent(caseId)}`}>
              {t('assessment.panel.printLink')}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
