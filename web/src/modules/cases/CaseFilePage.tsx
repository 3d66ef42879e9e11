import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { CaseView, Problem } from '../../api/types';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextArea } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { Tabs } from '../../ui/Tabs';
import { useResource } from '../../ui/useResource';
import { caseOpenedNumber } from './CaseOpenPage';
import { FollowUpsPanel } from './FollowUpsPanel';
import { IntakePanel } from './IntakePanel';
import { JournalPanel } from './JournalPanel';
import { useCaseLabels } from './labels';
import { OverviewPanel } from './OverviewPanel';
import { ResponsibilityPanel } from './ResponsibilityPanel';
import { useCaseFile } from './useCaseFile';
import { SharePanel } from '../privacy/SharePanel';
import { AssessmentPanel } from '../assessment/AssessmentPanel';
import { NetworkPanel } from '../network/NetworkPanel';
import { PlanPanel } from '../plan/PlanPanel';
import { ReferralsPanel } from '../referrals/ReferralsPanel';
import { CaseGapReports } from '../gaps/CaseGapReports';
import { ConferencesPanel } from '../conferences/ConferencesPanel';
import { EvaluationPanel } from '../evaluation/EvaluationPanel';

const SECTIONS = [
  'overview',
  'intake',
  'assessment',
  'network',
  'plan',
  'referrals',
  'conferences',
  'journal',
  'followUps',
  'evaluation',
  'responsibility',
  'privacy',
] as const;
type Section = (typeof SECTIONS)[number];

function isSection(value: string | null): value is Section {
  return (SECTIONS as readonly (string | null)[]).includes(value);
}

const TAB_LABELS = {
  overview: 'caseFile.tabOverview',
  intake: 'caseFile.tabIntake',
  assessment: 'assessment.tab',
  network: 'network.tab',
  plan: 'plan.tab',
  referrals: 'referrals.tab',
  conferences: 'conferences.tab',
  journal: 'caseFile.tabJournal',
  followUps: 'caseFile.tabFollowUps',
  evaluation: 'evaluation.tab',
  responsibility: 'caseFile.tabResponsibility',
  privacy: 'share.tab',
} as const satisfies Record<Section, string>;

const BREAK_GLASS_MIN = 10;

/** The case file (Fallakte): header facts and the sections as tabs; the open tab is kept in the address. */
export function CaseFilePage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const caseFile = useCaseFile(caseId);
  const { state } = caseFile;

  if (state.status === 'problem' && state.problem.code === 'break-glass-required') {
    return <BreakGlassPage caseId={caseId} onOpened={caseFile.replace} />;
  }
  const view = state.status === 'ok' ? state.view : null;
  return (
    <Page title={view ? t('caseFile.heading', { number: view.caseNumber }) : t('caseFile.title')}>
      <p>
        <Link to="/cases">{t('caseFile.backToList')}</Link>
      </p>
      {state.status === 'problem' ? <ProblemAlert problem={state.problem} onRetry={caseFile.reload} /> : null}
      {state.status === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {view ? <CaseFile view={view} onReplace={caseFile.replace} onReload={caseFile.reload} /> : null}
    </Page>
  );
}

function CaseFile({
  view,
  onReplace,
  onReload,
}: {
  view: CaseView;
  onReplace: (view: CaseView) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab');
  const section: Section = isSection(tab) ? tab : 'overview';
  const colleagues = useResource('colleagues', () => call(api.GET('/api/colleagues')));
  const opened = caseOpenedNumber(location.state);
  const closed = view.phase === 'closed';
  const readOnly = !view.permissions.write && !view.permissions.journal;

  function select(key: string) {
    if (!isSection(key)) return;
    const next = new URLSearchParams(params);
    if (key === 'overview') next.delete('tab');
    else next.set('tab', key);
    // Switching tabs is not a new page: replace, so "back" leaves the case file.
    setParams(next, { replace: true, preventScrollReset: true });
  }

  return (
    <>
      {opened === view.caseNumber ? (
        <Alert kind="success">{t('caseOpen.created', { number: view.caseNumber })}</Alert>
      ) : null}
      <CaseFacts view={view} />
      {closed ? <Alert kind="info">{t('caseFile.closedNotice')}</Alert> : null}
      {readOnly && !closed ? <Alert kind="info">{t('caseFile.readOnly')}</Alert> : null}
      {!closed &&
      (view.processing.missing.includes('data_processing') ||
        (view.kind === 'case_management' && view.processing.missing.includes('case_management'))) ? (
        <Alert kind="info">
          {view.processing.missing.includes('data_processing') ? (
            <p>{t('caseFile.processingMissing')}</p>
          ) : null}
          {view.kind === 'case_management' && view.processing.missing.includes('case_management') ? (
            <p>{t('caseFile.processingCmMissing')}</p>
          ) : null}
        </Alert>
      ) : null}
      <Tabs
        id="case"
        label={t('caseFile.sections')}
        tabs={SECTIONS.map((key) => ({
          key,
          label: t(TAB_LABELS[key]),
        }))}
        selected={section}
        onSelect={select}
      >
        {section === 'overview' ? (
          <OverviewPanel view={view} onChange={onReplace} onReload={onReload} />
        ) : null}
        {section === 'intake' ? <IntakePanel view={view} onChange={onReplace} onReload={onReload} /> : null}
        {section === 'assessment' ? <AssessmentPanel view={view} /> : null}
        {section === 'network' ? <NetworkPanel view={view} /> : null}
        {section === 'plan' ? <PlanPanel view={view} /> : null}
        {section === 'referrals' ? (
          <>
            <ReferralsPanel view={view} />
            <CaseGapReports view={view} />
          </>
        ) : null}
        {section === 'conferences' ? <ConferencesPanel view={view} /> : null}
        {section === 'journal' ? <JournalPanel view={view} onChanged={onReload} /> : null}
        {section === 'followUps' ? (
          <FollowUpsPanel view={view} colleagues={colleagues.data?.items ?? []} onChanged={onReload} />
        ) : null}
        {section === 'responsibility' ? (
          <ResponsibilityPanel
            view={view}
            colleagues={colleagues.data?.items ?? []}
            onChange={onReplace}
            onReload={onReload}
          />
        ) : null}
        {section === 'evaluation' ? <EvaluationPanel view={view} onChanged={onReload} /> : null}
        {section === 'privacy' ? <SharePanel view={view} /> : null}
      </Tabs>
    </>
  );
}

function CaseFacts({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCaseLabels();
  const client = view.client;
  const { open, overdue, next } = view.followUps;
  return (
    <dl className="facts facts--small case-facts" aria-label={t('caseFile.facts')}>
      <div>
        <dt>{t('caseFile.client')}</dt>
        <dd>
          <Link to={`/clients/${encodeURIComponent(client.id)}`} dir="auto">
            {client.familyName}, {client.givenNames}
          </Link>
          {client.birthDate || client.birthYear ? (
            <>
              {' '}
              (
              {client.birthDate
                ? format.day(client.birthDate)
                : t('clients.bornIn', { year: client.birthYear })}
              )
            </>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>{t('caseFile.kind')}</dt>
        <dd>{labels.kind(view.kind)}</dd>
      </div>
      <div>
        <dt>{t('caseFile.phase')}</dt>
        <dd>{labels.phase(view.phase)}</dd>
      </div>
      <div>
        <dt>{t('caseFile.responsible')}</dt>
        <dd>{view.responsible.displayName}</dd>
      </div>
      <div>
        <dt>{t('caseFile.orgUnit')}</dt>
        <dd>{view.orgUnit.name}</dd>
      </div>
      <div>
        <dt>{t('caseFile.openedOn')}</dt>
        <dd>{format.day(view.openedOn)}</dd>
      </div>
      {view.closedOn ? (
        <div>
          <dt>{t('caseFile.closedOn')}</dt>
          <dd>{format.day(view.closedOn)}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('caseFile.lastContact')}</dt>
        <dd>{format.day(view.lastContactOn, t('caseFile.noContact'))}</dd>
      </div>
      <div>
        <dt>{t('caseFile.followUps')}</dt>
        <dd>
          {open === 0
            ? t('caseFile.noFollowUps')
            : overdue === 0
              ? t('caseFile.followUpsOpen', { open })
              : t('caseFile.followUpsSummary', { open, overdue })}
          {next ? `; ${t('caseFile.followUpsNext', { date: format.day(next) })}` : null}
        </dd>
      </div>
    </dl>
  );
}

/**
 * A team lead opens a case of the own unit without being responsible or delegate: only with a reason,
 * which is written into the case, reported to the responsible case manager and logged.
 */
function BreakGlassPage({ caseId, onOpened }: { caseId: string; onOpened: (view: CaseView) => void }) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const field = { id: 'break-glass-reason', label: t('breakGlass.reason') };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (reason.trim().length < BREAK_GLASS_MIN) {
      setProblem(
        clientValidationProblem([
          { pointer: '/reason', code: 'minLength', message: '', params: { limit: BREAK_GLASS_MIN } },
        ]),
      );
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/cases/{id}/break-glass', {
        params: { path: { id: caseId } },
        body: { reason: reason.trim() },
      }),
    );
    setSubmitting(false);
    if (result.ok) onOpened(result.data);
    else setProblem(result.problem);
  }

  return (
    <Page title={t('breakGlass.title')}>
      <p>
        <Link to="/cases">{t('breakGlass.back')}</Link>
      </p>
      <p>{t('breakGlass.intro')}</p>
      <p>{t('breakGlass.consequences')}</p>
      <ul>
        <li>{t('breakGlass.consequenceCase')}</li>
        <li>{t('breakGlass.consequenceNotify')}</li>
        <li>{t('breakGlass.consequenceAudit')}</li>
      </ul>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary problem={problem} fields={{ reason: field }} />
        <TextArea
          id={field.id}
          label={field.label}
          hint={t('breakGlass.reasonHint')}
          dir="auto"
          minLength={BREAK_GLASS_MIN}
          maxLength={2000}
          value={reason}
          onValueChange={setReason}
          error={text.fieldErrors(problem).reason}
        />
        <Button type="submit" busy={submitting}>
          {t('breakGlass.submit')}
        </Button>
      </form>
    </Page>
  );
}
