import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, call, type ApiResult } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import { isOneOf, type Problem } from '../../api/types';
import { useMe } from '../../app/session';
import { Alert, ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { RadioGroup, SelectField, TextArea } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { bodyOf, EMPTY_VALUES, GapReportForm, valuesOf } from './GapReportForm';
import { useGapLabels } from './labels';
import {
  FIELDS_OF_ACTION,
  GAP_OUTCOMES,
  originOf,
  type GapOutcome,
  type GapReport,
  type GapReportComment,
  type GapStatus,
  type ReportOrigin,
} from './model';
import './gaps.css';

/** Navigation state after saving a report; holds no personal data. */
interface SavedState {
  gapReportSaved: true;
}

function isSavedState(state: unknown): state is SavedState {
  return typeof state === 'object' && state !== null && 'gapReportSaved' in state;
}

/** /gaps/new (the form, prefilled from the address) or /gaps/:reportId (the report). */
export function GapReportPage() {
  const { reportId = 'new' } = useParams();
  return reportId === 'new' ? <NewGapReport /> : <GapReportDetails id={reportId} />;
}

/** The number of the case a report is made from (the page shows it; the report never does). */
function useCaseNumber(caseId: string | null): string | null {
  const found = useResource(`case:${caseId ?? ''}`, async (): Promise<ApiResult<string | null>> => {
    if (!caseId) return { ok: true, data: null };
    const result = await call(api.GET('/api/cases/{id}', { params: { path: { id: caseId } } }));
    return result.ok ? { ok: true, data: result.data.caseNumber } : result;
  });
  return found.data;
}

function caseLink(caseId: string) {
  return `/cases/${encodeURIComponent(caseId)}?tab=referrals`;
}

function NewGapReport() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const origin: ReportOrigin = originOf(params);
  const field = params.get('field');
  const initial = {
    ...EMPTY_VALUES,
    need: (params.get('need') ?? '').slice(0, 300),
    field: isOneOf(FIELDS_OF_ACTION, field) ? field : ('' as const),
  };
  const caseId = origin.caseId;
  const caseNumber = useCaseNumber(caseId);
  const occasion = origin.planStepId
    ? t('gaps.form.fromStep')
    : origin.journalEntryId
      ? t('gaps.form.fromJournal')
      : origin.conferenceId || origin.themeId
        ? t('gaps.form.fromConference')
        : null;

  return (
    <Page title={t('gaps.form.newTitle')}>
      {caseId ? (
        <p>
          <Link to={caseLink(caseId)}>{t('gaps.form.backToCase')}</Link>
        </p>
      ) : null}
      <Alert kind="info">
        <p>{t('gaps.form.anonymous')}</p>
        {caseId ? (
          <p>{caseNumber ? t('gaps.form.linkedCase', { caseNumber }) : t('gaps.form.linkedCaseUnknown')}</p>
        ) : null}
        {occasion ? <p>{occasion}</p> : null}
      </Alert>
      <GapReportForm
        initial={initial}
        submitLabel={t('gaps.form.save')}
        onSubmit={(values, confirm) =>
          call(
            api.POST('/api/gap-reports', {
              body: {
                ...bodyOf(values, confirm),
                ...(origin.caseId ? { caseId: origin.caseId } : {}),
                ...(origin.planStepId ? { planStepId: origin.planStepId } : {}),
                ...(origin.journalEntryId ? { journalEntryId: origin.journalEntryId } : {}),
                ...(origin.conferenceId ? { conferenceId: origin.conferenceId } : {}),
                ...(origin.themeId ? { themeId: origin.themeId } : {}),
              },
            }),
          )
        }
        onSaved={(report) => {
          const state: SavedState = { gapReportSaved: true };
          const back = caseId ? `?${new URLSearchParams({ caseId }).toString()}` : '';
          void navigate(`/gaps/${encodeURIComponent(report.id)}${back}`, { state });
        }}
        {...(caseId ? { onCancel: () => void navigate(caseLink(caseId)) } : {})}
      />
    </Page>
  );
}

type Mode = 'view' | 'edit';

function GapReportDetails({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const [params] = useSearchParams();
  const labels = useGapLabels();
  const format = useFormat();
  const [generation, setGeneration] = useState(0);
  const [changed, setChanged] = useState<GapReport | null>(null);
  const [mode, setMode] = useState<Mode>('view');
  // After creating, the page's heading takes the focus (as after every navigation) and the notice follows it;
  // later actions on this page move the focus to their message instead.
  const created = isSavedState(location.state);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  const resource = useResource(`gap:${id}:${generation}`, () =>
    call(api.GET('/api/gap-reports/{id}', { params: { path: { id } } })),
  );
  const caseId = params.get('caseId');
  const caseNumber = useCaseNumber(caseId);

  const report = changed ?? resource.data;
  if (resource.result && !resource.result.ok && !report) {
    return (
      <Page title={t('gaps.report.title')}>
        <ProblemAlert problem={resource.result.problem} onRetry={resource.reload} />
      </Page>
    );
  }
  if (!report) {
    return (
      <Page title={t('gaps.report.title')}>
        <p role="status">{t('app.loading')}</p>
      </Page>
    );
  }

  function updated(next: GapReport, note: string) {
    setChanged(next);
    setMessage(note);
    setMode('view');
    setConflict(false);
    setActionProblem(null);
  }

  function reload() {
    setChanged(null);
    setConflict(false);
    setMessage(null);
    setGeneration((g) => g + 1);
  }

  function onConflict(problem: Problem) {
    if (problem.code !== 'version-conflict') return false;
    setConflict(true);
    return true;
  }

  async function linkCase(current: GapReport, id: string) {
    const result = await call(
      api.POST('/api/gap-reports/{id}/cases', { params: { path: { id: current.id } }, body: { caseId: id } }),
    );
    if (!result.ok) {
      setActionProblem(result.problem);
      return;
    }
    updated(
      result.data,
      result.data.caseCount > current.caseCount ? t('gaps.report.linked') : t('gaps.report.alreadyLinked'),
    );
  }

  const inside = report.organisation.id === me.organisation.id;
  const isPlanner = me.roles.includes('planner') || me.roles.includes('org_admin');

  return (
    <Page title={t('gaps.report.title')} heading={report.need}>
      <p className="actions">
        {caseId ? <Link to={caseLink(caseId)}>{t('gaps.form.backToCase')}</Link> : null}
        <Link to="/gaps">{t('gaps.report.toList')}</Link>
        {isPlanner ? <Link to="/planning/gaps">{t('gaps.report.toPlanning')}</Link> : null}
      </p>
      {created && message === null ? <Alert kind="success">{t('gaps.form.saved')}</Alert> : null}
      <StatusRegion message={message} focus />
      {conflict ? (
        <ConflictNotice
          heading={t('gaps.report.conflictHeading')}
          text={t('gaps.report.conflictText')}
          hint={t('gaps.report.conflictHint')}
          action={t('gaps.report.conflictAction')}
          onAction={reload}
        />
      ) : null}
      {actionProblem ? <ProblemAlert problem={actionProblem} /> : null}
      {mode === 'edit' ? (
        <section aria-labelledby="gap-edit-heading">
          <h2 id="gap-edit-heading">{t('gaps.form.editTitle')}</h2>
          <Alert kind="info">
            <p>{t('gaps.form.anonymous')}</p>
          </Alert>
          <GapReportForm
            initial={valuesOf(report)}
            submitLabel={t('gaps.form.saveChanges')}
            onSubmit={(values, confirm) =>
              call(
                api.PUT('/api/gap-reports/{id}', {
                  params: { path: { id: report.id } },
                  body: { ...bodyOf(values, confirm), version: report.version },
                }),
              )
            }
            onSaved={(next) => updated(next, t('gaps.form.updated'))}
            onProblem={onConflict}
            onCancel={() => setMode('view')}
          />
        </section>
      ) : (
        <>
          <h2 className="visually-hidden">{t('gaps.report.facts')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('gaps.columns.status')}</dt>
              <dd>{labels.status(report.status, report.outcome)}</dd>
            </div>
            <div>
              <dt>{t('gaps.columns.field')}</dt>
              <dd>{labels.field(report.field)}</dd>
            </div>
            <div>
              <dt>{t('gaps.columns.targetGroup')}</dt>
              <dd>{labels.orNotGiven(report.targetGroup)}</dd>
            </div>
            <div>
              <dt>{t('gaps.columns.district')}</dt>
              <dd>{labels.orNotGiven(report.district)}</dd>
            </div>
            <div>
              <dt>{t('gaps.columns.urgency')}</dt>
              <dd>{labels.urgency(report.urgency)}</dd>
            </div>
            <div>
              <dt>{t('gaps.columns.reportedOn')}</dt>
              <dd>{format.day(report.reportedOn)}</dd>
            </div>
            <div>
              <dt>{t('gaps.report.source')}</dt>
              <dd>{labels.source(report.source)}</dd>
            </div>
            <div>
              <dt>{t('gaps.report.cases')}</dt>
              <dd>
                {report.caseCount}
                <span className="field__hint"> – {t('gaps.report.casesHint')}</span>
              </dd>
            </div>
            {inside ? null : (
              <div>
                <dt>{t('gaps.columns.organisation')}</dt>
                <dd>{report.organisation.name}</dd>
              </div>
            )}
            {report.createdBy ? (
              <div>
                <dt>{t('gaps.report.reportedBy')}</dt>
                <dd>{report.createdBy.displayName}</dd>
              </div>
            ) : null}
          </dl>
          <h2>{t('gaps.report.description')}</h2>
          <p className="gap-description">{report.description ?? t('gaps.report.noDescription')}</p>
          <div className="actions">
            {report.permissions.edit ? (
              <Button variant="secondary" onClick={() => setMode('edit')}>
                {t('gaps.report.edit')}
              </Button>
            ) : null}
            {caseId && report.permissions.link ? (
              <Button variant="secondary" onClick={() => void linkCase(report, caseId)}>
                {caseNumber ? t('gaps.report.linkCaseNumber', { caseNumber }) : t('gaps.report.linkCase')}
              </Button>
            ) : null}
          </div>
        </>
      )}
      <History report={report} />
      <Comments comments={report.comments} />
      {report.permissions.changeStatus && report.allowedMoves.length > 0 ? (
        <StatusForm
          report={report}
          onSaved={(next) => updated(next, t('gaps.report.statusChanged'))}
          onConflict={onConflict}
        />
      ) : null}
      {report.permissions.comment ? (
        <CommentForm
          report={report}
          onSaved={(comment) =>
            updated({ ...report, comments: [...report.comments, comment] }, t('gaps.report.commented'))
          }
        />
      ) : null}
    </Page>
  );
}

function History({ report }: { report: GapReport }) {
  const { t } = useTranslation();
  const labels = useGapLabels();
  const format = useFormat();
  const columns: Column<GapReportComment>[] = [
    { key: 'at', header: t('gaps.report.historyAt'), cell: (h) => format.dateTime(h.createdAt) },
    {
      key: 'status',
      header: t('gaps.report.historyStatus'),
      rowHeader: true,
      cell: (h) => (h.statusTo ? labels.status(h.statusTo) : ''),
    },
    { key: 'by', header: t('gaps.report.historyBy'), cell: (h) => h.createdBy.displayName },
    { key: 'comment', header: t('gaps.report.historyComment'), cell: (h) => h.text ?? '–' },
  ];
  return (
    <section aria-labelledby="gap-history-heading">
      <h2 id="gap-history-heading">{t('gaps.report.historyHeading')}</h2>
      <DataTable
        caption={t('gaps.report.historyCaption')}
        columns={columns}
        rows={report.history}
        rowKey={(h) => h.id}
        empty="–"
      />
    </section>
  );
}

function Comments({ comments }: { comments: GapReportComment[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby="gap-comments-heading">
      <h2 id="gap-comments-heading">{t('gaps.report.commentsHeading')}</h2>
      {comments.length === 0 ? (
        <p>{t('gaps.report.noComments')}</p>
      ) : (
        <ul className="plain-list gap-comments">
          {comments.map((c) => (
            <li key={c.id}>
              <p className="gap-comments__meta">
                {t('gaps.report.commentBy', {
                  name: c.createdBy.displayName,
                  date: format.dateTime(c.createdAt),
                })}
              </p>
              <p className="gap-description">{c.text}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StatusForm({
  report,
  onSaved,
  onConflict,
}: {
  report: GapReport;
  onSaved: (report: GapReport) => void;
  onConflict: (problem: Problem) => boolean;
}) {
  const { t } = useTranslation();
  const labels = useGapLabels();
  const text = useProblemText();
  const [status, setStatus] = useState<GapStatus>(report.allowedMoves[0] ?? 'closed');
  const [outcome, setOutcome] = useState<GapOutcome | ''>('');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = text.fieldErrors(problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = [
      ...(status === 'closed' && outcome === ''
        ? [{ pointer: '/outcome', code: 'required', message: '' }]
        : []),
      ...(status === 'closed' && outcome === 'declined' && comment.trim() === ''
        ? [{ pointer: '/comment', code: 'required', message: '' }]
        : []),
    ];
    if (missing.length > 0) {
      setProblem(clientValidationProblem(missing));
      return;
    }
    setBusy(true);
    const result = await call(
      api.POST('/api/gap-reports/{id}/status', {
        params: { path: { id: report.id } },
        body: {
          status,
          ...(status === 'closed' && outcome !== '' ? { outcome } : {}),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          version: report.version,
        },
      }),
    );
    setBusy(false);
    if (result.ok) {
      setProblem(null);
      setComment('');
      setOutcome('');
      onSaved(result.data);
      return;
    }
    if (onConflict(result.problem)) return;
    setProblem(result.problem);
  }

  return (
    <section aria-labelledby="gap-status-heading">
      <h2 id="gap-status-heading">{t('gaps.report.statusHeading')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary
          problem={problem}
          fields={{
            status: { id: 'gap-status', label: t('gaps.report.newStatus') },
            outcome: { id: 'gap-outcome', label: t('gaps.report.outcome') },
            comment: { id: 'gap-status-comment', label: t('gaps.report.statusComment') },
          }}
        />
        <SelectField
          id="gap-status"
          label={t('gaps.report.newStatus')}
          value={status}
          error={errors.status}
          options={report.allowedMoves.map((s) => ({ value: s, label: labels.status(s) }))}
          onValueChange={(next) => setStatus(report.allowedMoves.find((s) => s === next) ?? status)}
        />
        {status === 'closed' ? (
          <RadioGroup
            id="gap-outcome"
            legend={t('gaps.report.outcome')}
            value={outcome}
            error={errors.outcome}
            options={GAP_OUTCOMES.map((o) => ({ value: o, label: labels.outcome(o) }))}
            onValueChange={(next) => setOutcome(GAP_OUTCOMES.find((o) => o === next) ?? '')}
          />
        ) : null}
        <TextArea
          id="gap-status-comment"
          label={t('gaps.report.statusComment')}
          hint={t('gaps.report.statusCommentHint')}
          optional={!(status === 'closed' && outcome === 'declined')}
          maxLength={4000}
          value={comment}
          error={errors.comment}
          onValueChange={setComment}
        />
        <Button type="submit" busy={busy}>
          {t('gaps.report.changeStatus')}
        </Button>
      </form>
    </section>
  );
}

function CommentForm({
  report,
  onSaved,
}: {
  report: GapReport;
  onSaved: (comment: GapReportComment) => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (value.trim() === '') {
      setProblem(clientValidationProblem([{ pointer: '/text', code: 'required', message: '' }]));
      return;
    }
    setBusy(true);
    const result = await call(
      api.POST('/api/gap-reports/{id}/comments', {
        params: { path: { id: report.id } },
        body: { text: value.trim() },
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    setValue('');
    onSaved(result.data);
  }

  return (
    <section aria-labelledby="gap-comment-heading">
      <h2 id="gap-comment-heading">{t('gaps.report.commentHeading')}</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary
          problem={problem}
          fields={{ text: { id: 'gap-comment', label: t('gaps.report.comment') } }}
        />
        <TextArea
          id="gap-comment"
          label={t('gaps.report.comment')}
          maxLength={4000}
          value={value}
          error={text.fieldErrors(problem).text}
          onValueChange={setValue}
        />
        <Button type="submit" busy={busy}>
          {t('gaps.report.addComment')}
        </Button>
      </form>
    </section>
  );
}
