import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import { isOneOf, JOURNAL_KINDS, type CaseView, type JournalEntry, type Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, SelectField, TextArea, TextField } from '../../ui/fields';
import { today, useFormat } from '../../ui/format';
import { Pager } from '../../ui/Pager';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import {
  checkJournalValues,
  emptyJournalValues,
  journalPayload,
  journalValuesOf,
  type JournalValues,
} from './journalForm';
import { useCaseLabels } from './labels';

const PAGE_SIZE = 20;

interface PanelProps {
  view: CaseView;
  /** Something changed that the case header shows (the last contact). */
  onChanged: () => void;
}

/** Verlauf: the journal, newest first, with the form for a new entry. */
export function JournalPanel({ view, onChanged }: PanelProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState({ page: 1, kind: '' });
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const canWrite = view.permissions.journal && view.phase !== 'closed';
  const goals = usePlanGoals(view.id);
  const entries = useResource(`${view.id}:${query.page}:${query.kind}:${generation}`, () =>
    call(
      api.GET('/api/cases/{id}/journal', {
        params: {
          path: { id: view.id },
          query: {
            page: query.page,
            pageSize: PAGE_SIZE,
            ...(isOneOf(JOURNAL_KINDS, query.kind) ? { kind: query.kind } : {}),
          },
        },
      }),
    ),
  );

  function changed(note: string, toFirstPage = false) {
    setMessage(note);
    if (toFirstPage) setQuery({ page: 1, kind: '' });
    setGeneration((g) => g + 1);
    onChanged();
  }

  const page = entries.data;
  return (
    <>
      <h2>{t('journal.heading')}</h2>
      <StatusRegion message={message} focus />
      {canWrite ? (
        <section aria-labelledby="journal-new" className="panel">
          <h3 id="journal-new">{t('journal.newHeading')}</h3>
          <JournalEntryForm
            prefix="journal-new"
            caseId={view.id}
            goals={goals}
            onSaved={(_entry, label) => changed(label, true)}
            submitLabel={t('journal.submit')}
          />
        </section>
      ) : null}
      <section aria-labelledby="journal-list">
        <h3 id="journal-list">{t('journal.listHeading')}</h3>
        <div className="filters filters--inline">
          <SelectField
            id="journal-filter-kind"
            label={t('journal.filterKind')}
            value={query.kind}
            options={[
              { value: '', label: t('journal.anyKind') },
              ...JOURNAL_KINDS.map((kind) => ({ value: kind, label: t(`codes.journalKind.${kind}`) })),
            ]}
            onValueChange={(kind) => setQuery({ page: 1, kind })}
          />
        </div>
        {entries.result && !entries.result.ok ? (
          <ProblemAlert problem={entries.result.problem} onRetry={entries.reload} />
        ) : null}
        {page ? (
          <>
            {page.items.length === 0 ? (
              <p>{t('journal.empty')}</p>
            ) : (
              <ol className="journal" aria-busy={entries.loading || undefined}>
                {page.items.map((entry) => (
                  <li key={entry.id}>
                    <JournalEntryView
                      entry={entry}
                      caseId={view.id}
                      goals={goals}
                      canWrite={canWrite}
                      onChanged={(note) => changed(note)}
                    />
                  </li>
                ))}
              </ol>
            )}
            <Pager
              page={page.page}
              pageSize={page.pageSize}
              total={page.total}
              onPage={(next) => setQuery({ ...query, page: next })}
            />
          </>
        ) : entries.loading ? (
          <p role="status">{t('app.loading')}</p>
        ) : null}
      </section>
    </>
  );
}

interface GoalOption {
  id: string;
  wording: string;
}

/** The goals of the case's plan (impact goals and sub-goals), for linking entries to them. */
function usePlanGoals(caseId: string): GoalOption[] {
  const plan = useResource(`journal-goals:${caseId}`, () =>
    call(api.GET('/api/cases/{id}/plan', { params: { path: { id: caseId } } })),
  );
  return (plan.data?.plan?.goals ?? []).flatMap((g) => [
    { id: g.id, wording: g.wording },
    ...g.subGoals.map((s) => ({ id: s.id, wording: s.wording })),
  ]);
}

interface JournalEntryFormProps {
  prefix: string;
  caseId: string;
  goals: GoalOption[];
  entry?: JournalEntry;
  submitLabel: string;
  /** Called with the stored entry and the status message to show. */
  onSaved: (entry: JournalEntry, message: string) => void;
  onCancel?: () => void;
  onConflict?: () => void;
}

function JournalEntryForm({
  prefix,
  caseId,
  goals,
  entry,
  submitLabel,
  onSaved,
  onCancel,
  onConflict,
}: JournalEntryFormProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const format = useFormat();
  const labels = useCaseLabels();
  const [values, setValues] = useState<JournalValues>(() =>
    entry ? journalValuesOf(entry) : emptyJournalValues(today()),
  );
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  const refs = {
    kind: { id: `${prefix}-kind`, label: t('journal.kind') },
    occurredOn: { id: `${prefix}-date`, label: t('journal.occurredOn') },
    durationMinutes: { id: `${prefix}-duration`, label: t('journal.duration') },
    participants: { id: `${prefix}-participants`, label: t('journal.participants') },
    text: { id: `${prefix}-text`, label: t('journal.text') },
  };
  const set = (changes: Partial<JournalValues>) => setValues({ ...values, ...changes });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks = checkJournalValues(values, today());
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const body = journalPayload(values);
    const result = entry
      ? await call(
          api.PUT('/api/cases/{id}/journal/{entryId}', {
            params: { path: { id: caseId, entryId: entry.id } },
            body: { ...body, version: entry.version },
          }),
        )
      : await call(api.POST('/api/cases/{id}/journal', { params: { path: { id: caseId } }, body }));
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    if (!entry) setValues(emptyJournalValues(today()));
    onSaved(
      result.data,
      entry
        ? t('journal.saved')
        : t('journal.added', {
            kind: labels.journalKind(result.data.kind),
            date: format.day(result.data.occurredOn),
          }),
    );
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {problem?.code === 'version-conflict' ? (
        <ConflictNotice
          heading={t('journal.conflictHeading')}
          text={t('journal.conflictText')}
          hint={t('caseFile.conflictHint')}
          action={t('caseFile.conflictReload')}
          onAction={() => onConflict?.()}
        />
      ) : (
        <ErrorSummary problem={problem} fields={refs} />
      )}
      <SelectField
        id={refs.kind.id}
        label={refs.kind.label}
        value={values.kind}
        options={[
          { value: '', label: t('responsibility.choose') },
          ...JOURNAL_KINDS.map((kind) => ({ value: kind, label: t(`codes.journalKind.${kind}`) })),
        ]}
        onValueChange={(kind) => set({ kind: isOneOf(JOURNAL_KINDS, kind) ? kind : '' })}
        error={errors.kind}
      />
      <div className="field-row">
        <TextField
          id={refs.occurredOn.id}
          type="date"
          label={refs.occurredOn.label}
          max={today()}
          value={values.occurredOn}
          onValueChange={(occurredOn) => set({ occurredOn })}
          error={errors.occurredOn}
        />
        <TextField
          id={refs.durationMinutes.id}
          label={refs.durationMinutes.label}
          optional
          inputMode="numeric"
          autoComplete="off"
          value={values.duration}
          onValueChange={(duration) => set({ duration })}
          error={errors.durationMinutes}
        />
      </div>
      <TextField
        id={refs.participants.id}
        label={refs.participants.label}
        hint={t('journal.participantsHint')}
        optional
        dir="auto"
        autoComplete="off"
        value={values.participants}
        onValueChange={(participants) => set({ participants })}
        error={errors.participants}
      />
      <TextArea
        id={refs.text.id}
        label={refs.text.label}
        dir="auto"
        rows={6}
        maxLength={20000}
        value={values.text}
        onValueChange={(next) => set({ text: next })}
        error={errors.text}
      />
      {goals.length > 0 ? (
        <SelectField
          id={`${prefix}-goal`}
          label={t('journal.goal')}
          optional
          value={values.goalId}
          options={[
            { value: '', label: t('journal.goalNone') },
            ...goals.map((g) => ({ value: g.id, label: g.wording })),
          ]}
          onValueChange={(goalId) => set({ goalId })}
          error={errors.goalId}
        />
      ) : null}
      <CheckboxField
        id={`${prefix}-special`}
        label={t('journal.specialCategory')}
        hint={t('journal.specialCategoryHint')}
        checked={values.specialCategory}
        onCheckedChange={(specialCategory) => set({ specialCategory })}
      />
      <div className="actions">
        <Button type="submit" busy={submitting}>
          {submitting ? t('common.saving') : submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

interface JournalEntryViewProps {
  entry: JournalEntry;
  caseId: string;
  goals: GoalOption[];
  canWrite: boolean;
  onChanged: (message: string) => void;
}

function JournalEntryView({ entry, caseId, goals, canWrite, onChanged }: JournalEntryViewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCaseLabels();
  const [mode, setMode] = useState<'view' | 'edit' | 'withdraw'>('view');
  const [showHistory, setShowHistory] = useState(false);
  const headingId = `journal-entry-${entry.id}`;
  const title = t('journal.entryTitle', {
    kind: labels.journalKind(entry.kind),
    date: format.day(entry.occurredOn),
  });
  const withdrawn = entry.withdrawn;
  const edited = entry.revisions > 0;
  const linkedGoal = goals.find((g) => g.id === entry.goalId);

  return (
    <article
      className={withdrawn ? 'journal-entry journal-entry--withdrawn' : 'journal-entry'}
      aria-labelledby={headingId}
    >
      <h4 id={headingId} className="journal-entry__title">
        {withdrawn ? <span className="tag tag--withdrawn">{t('journal.withdrawn')}:</span> : null} {title}
        {entry.specialCategory ? (
          <>
            {' '}
            <span className="tag">{t('journal.specialCategoryTag')}</span>
          </>
        ) : null}
      </h4>
      {linkedGoal ? (
        <p className="journal-entry__meta">{t('journal.goalTag', { goal: linkedGoal.wording })}</p>
      ) : null}
      <p className="journal-entry__meta">
        {t('journal.by', { name: entry.createdBy.displayName, date: format.dateTime(entry.createdAt) })}
        {edited ? (
          <>
            {' · '}
            <span className="tag">
              {t('journal.edited', {
                name: entry.updatedBy.displayName,
                date: format.dateTime(entry.updatedAt),
              })}
            </span>
          </>
        ) : null}
      </p>
      {entry.durationMinutes !== null || entry.participants ? (
        <p className="journal-entry__meta">
          {entry.durationMinutes !== null
            ? t('journal.durationLabel', { minutes: t('journal.minutes', { count: entry.durationMinutes }) })
            : null}
          {entry.durationMinutes !== null && entry.participants ? ' · ' : null}
          {entry.participants ? (
            <span dir="auto">{t('journal.participantsLabel', { names: entry.participants })}</span>
          ) : null}
        </p>
      ) : null}
      {withdrawn ? (
        <p className="journal-entry__withdrawn" dir="auto">
          {t('journal.withdrawnBy', {
            name: withdrawn.by.displayName,
            date: format.dateTime(withdrawn.at),
            reason: withdrawn.reason,
          })}
        </p>
      ) : null}
      {mode === 'edit' ? (
        <section aria-label={t('journal.editHeading')}>
          <p className="field__hint">{t('journal.editHint')}</p>
          <JournalEntryForm
            prefix={`journal-edit-${entry.id}`}
            caseId={caseId}
            goals={goals}
            entry={entry}
            submitLabel={t('journal.save')}
            onSaved={(_, message) => {
              setMode('view');
              onChanged(message);
            }}
            onCancel={() => setMode('view')}
            onConflict={() => {
              setMode('view');
              onChanged(t('journal.conflictReloaded'));
            }}
          />
        </section>
      ) : (
        <>
          {withdrawn ? <p className="visually-hidden">{t('journal.withdrawnText')}</p> : null}
          {entry.hidden ? (
            <p className="journal-entry__text">
              <em>{t('journal.hiddenText')}</em>
            </p>
          ) : (
            <div className="journal-entry__text" dir="auto">
              {withdrawn ? <del>{entry.text}</del> : entry.text}
            </div>
          )}
        </>
      )}
      {edited ? (
        <div className="journal-entry__history">
          <Button variant="link" aria-expanded={showHistory} onClick={() => setShowHistory(!showHistory)}>
            {showHistory ? t('journal.hideHistory') : t('journal.showHistory')} (
            {t('journal.revisions', { count: entry.revisions })})
          </Button>
          {showHistory ? <EntryHistory caseId={caseId} entry={entry} /> : null}
        </div>
      ) : null}
      {canWrite && !withdrawn && !entry.hidden && mode === 'view' ? (
        <div className="row-actions">
          <Button variant="secondary" onClick={() => setMode('edit')}>
            {t('journal.edit')}
            <span className="visually-hidden">: {title}</span>
          </Button>
          <Button variant="danger" onClick={() => setMode('withdraw')}>
            {t('journal.withdraw')}
            <span className="visually-hidden">: {title}</span>
          </Button>
          <Link
            className="button button--secondary"
            to={`/gaps/new?${new URLSearchParams({ caseId, journalEntryId: entry.id }).toString()}`}
          >
            {t('journal.reportGap')}
            <span className="visually-hidden">: {title}</span>
          </Link>
        </div>
      ) : null}
      <Dialog open={mode === 'withdraw'} title={t('journal.withdrawTitle')} onClose={() => setMode('view')}>
        <WithdrawForm
          caseId={caseId}
          entry={entry}
          onCancel={() => setMode('view')}
          onDone={(message) => {
            setMode('view');
            onChanged(message);
          }}
        />
      </Dialog>
    </article>
  );
}

function EntryHistory({ caseId, entry }: { caseId: string; entry: JournalEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCaseLabels();
  const history = useResource(`${entry.id}:${entry.version}`, () =>
    call(
      api.GET('/api/cases/{id}/journal/{entryId}/history', {
        params: { path: { id: caseId, entryId: entry.id } },
      }),
    ),
  );
  if (history.result && !history.result.ok) return <ProblemAlert problem={history.result.problem} />;
  if (history.data === null) return <p role="status">{t('app.loading')}</p>;
  return (
    <section aria-label={t('journal.historyHeading')} className="journal-history">
      <ol className="plain-list">
        {history.data.items.map((revision) => (
          <li key={revision.version} className="journal-history__item">
            <p className="journal-entry__meta">
              <strong>
                {t('journal.historyVersion', {
                  version: revision.version,
                  date: format.dateTime(revision.writtenAt),
                  name: revision.writtenBy.displayName,
                })}
              </strong>
            </p>
            <p className="journal-entry__meta">
              {t('journal.entryTitle', {
                kind: labels.journalKind(revision.kind),
                date: format.day(revision.occurredOn),
              })}
              {revision.durationMinutes !== null
                ? ` · ${t('journal.durationLabel', { minutes: t('journal.minutes', { count: revision.durationMinutes }) })}`
                : null}
              {revision.participants
                ? ` · ${t('journal.participantsLabel', { names: revision.participants })}`
                : null}
            </p>
            <div className="journal-entry__text" dir="auto">
              {revision.text}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function WithdrawForm({
  caseId,
  entry,
  onCancel,
  onDone,
}: {
  caseId: string;
  entry: JournalEntry;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const field = { id: `journal-withdraw-${entry.id}`, label: t('journal.withdrawReason') };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (reason.trim().length < 3) {
      setProblem(
        clientValidationProblem([
          { pointer: '/reason', code: 'minLength', message: '', params: { limit: 3 } },
        ]),
      );
      return;
    }
    setBusy(true);
    const result = await call(
      api.POST('/api/cases/{id}/journal/{entryId}/withdraw', {
        params: { path: { id: caseId, entryId: entry.id } },
        body: { version: entry.version, reason: reason.trim() },
      }),
    );
    setBusy(false);
    if (result.ok) onDone(t('journal.withdrawnDone'));
    else if (result.problem.code === 'version-conflict') onDone(t('journal.conflictReloaded'));
    else setProblem(result.problem);
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary problem={problem} fields={{ reason: field }} />
      <p>{t('journal.withdrawIntro')}</p>
      <TextArea
        id={field.id}
        label={field.label}
        dir="auto"
        value={reason}
        onValueChange={setReason}
        error={text.fieldErrors(problem).reason}
      />
      <div className="actions">
        <Button type="submit" variant="danger" busy={busy}>
          {t('journal.withdrawConfirm')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
