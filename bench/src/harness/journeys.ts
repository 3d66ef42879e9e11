import { addDays, localDate } from '../../../server/src/core/clock.js';
import type { CaseListQuery } from '../../../server/src/modules/cases/service.js';
import type { JournalKind } from '../../../server/src/modules/journal/domain.js';
import type { GoalDoc, StepDoc } from '../../../server/src/modules/plan/domain.js';
import type { PlanEnvelope, SaveInput } from '../../../server/src/modules/plan/service.js';
import type { BenchCase, Cast, CaseManager, Session } from './actors.js';
import type { Step } from './load.js';
import type { JourneyKey } from './options.js';

/**
 * The journeys: for connection k, the requests a user makes in the web app, with that connection's own user
 * and case. The request lists follow web/src (which GETs a page and its tabs make, with the same query
 * parameters), so the server sees what a browser would send.
 */
export interface Journey {
  key: Exclude<JourneyKey, 'retention'>;
  title: string;
  /** Who the connections are (for the report). */
  actors: string;
  stepsFor(k: number): Step[];
  /** Seconds before an answer counts as a timeout. */
  timeoutSeconds: number;
  /** For journeys on a case: how many connections can have a case of their own. */
  distinctCases?: number;
}

const JSON_GET = (session: Session): Record<string, string> => ({
  cookie: session.cookie,
  accept: 'application/json',
  'accept-language': 'de',
});

const JSON_WRITE = (session: Session): Record<string, string> => ({
  ...JSON_GET(session),
  'content-type': 'application/json',
  'x-csrf-token': session.csrfToken,
});

function get(label: string, session: Session, path: () => string, onResponse?: Step['onResponse']): Step {
  return { label, method: 'GET', headers: JSON_GET(session), next: () => ({ path: path() }), onResponse };
}

function query(values: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values))
    if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Connection k works as case manager k mod n (their own session, search terms and dashboard). */
function caseManagerSlot(cast: Cast, k: number): CaseManager {
  const cm = cast.caseManagers[k % cast.caseManagers.length];
  if (!cm) throw new Error('no case manager');
  return cm;
}

/**
 * The (case manager, own case) pairs for the journeys that work on a case, in the order connections take
 * them: every user's first case, then every user's second … — so connection k has a case of its own as long as
 * there are at least k + 1 pairs, and the connections spread over the users.
 */
export function casePairs(cast: Cast, withPlan: boolean): { cm: CaseManager; c: BenchCase }[] {
  const pools = cast.caseManagers.map((cm) => ({
    cm,
    cases: cm.cases.filter((c) => !withPlan || c.hasPlan),
  }));
  const out: { cm: CaseManager; c: BenchCase }[] = [];
  for (let nth = 0; pools.some((p) => nth < p.cases.length); nth += 1) {
    for (const p of pools) {
      const c = p.cases[nth];
      if (c) out.push({ cm: p.cm, c });
    }
  }
  return out;
}

function pick<T>(list: readonly T[], k: number): T {
  const item = list[k % list.length];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** The case list's filters and sorting as the web list sends them (web/src/modules/cases/caseList.ts). */
const LIST_VARIANTS: Omit<CaseListQuery, 'q' | 'page' | 'pageSize'>[] = [
  { sort: 'caseNumber', order: 'asc' },
  { sort: 'caseNumber', order: 'asc', kind: 'case_management' },
  { sort: 'caseNumber', order: 'asc', phase: 'monitoring' },
  { sort: 'lastContactOn', order: 'desc', overdueFollowUps: true },
  { sort: 'caseNumber', order: 'asc', noContactDays: 30 },
  { sort: 'openedOn', order: 'desc', includeClosed: true },
  { sort: 'nextFollowUp', order: 'asc' },
  { sort: 'phase', order: 'asc', kind: 'counselling' },
];

/**
 * The i-th case-list query of a case manager: a search term (the first letters of one of the user's clients'
 * family names) with one of the filter sets of the web list, page 1 of 25. The bare-SQL floor builds the same
 * queries.
 */
export function caseListQueryOf(cm: CaseManager, i: number): CaseListQuery {
  const variant = pick(LIST_VARIANTS, i);
  const term = cm.terms.length > 0 ? pick(cm.terms, i * 7 + 3) : undefined;
  const unit = cm.session.user.orgUnitIds[0];
  return {
    page: 1,
    pageSize: 25,
    ...variant,
    ...(term ? { q: term } : {}),
    // Every fifth search narrows to the own unit or the own cases, as the list's selects allow.
    ...(i % 5 === 2 && unit ? { orgUnitId: unit } : {}),
    ...(i % 5 === 4 ? { responsibleUserId: cm.session.user.id } : {}),
  };
}

/**
 * What the web app requests when a case manager opens a case and then each of its tabs in turn
 * (web/src/modules/cases/CaseFilePage.tsx and the panels): the case, the colleagues, the notifications of the
 * app shell (on every page change), then per tab — overview (the plan at a glance, CM cases only), intake
 * (indication criteria), assessment (list, progress), network, plan (plan, its history when there is one),
 * referrals (list, the case's gap reports), conferences (list, colleagues), journal (the plan's goals, the
 * first page), follow-ups, evaluation, responsibility (nothing new), data protection (disclosures).
 */
export function openCaseSteps(session: Session, c: BenchCase): Step[] {
  const base = `/api/cases/${c.id}`;
  const g = (label: string, path: string) => get(label, session, () => path);
  return [
    g('GET /api/cases/:id', base),
    g('GET /api/colleagues', '/api/colleagues'),
    g('GET /api/notifications', '/api/notifications'),
    ...(c.kind === 'case_management' ? [g('GET /api/cases/:id/plan', `${base}/plan`)] : []),
    g('GET /api/indication-criteria', `/api/indication-criteria${query({ includeArchived: true })}`),
    g('GET /api/cases/:id/assessments', `${base}/assessments`),
    g('GET /api/cases/:id/assessments/progress', `${base}/assessments/progress`),
    g('GET /api/cases/:id/network', `${base}/network${query({ includeEnded: false })}`),
    g('GET /api/cases/:id/plan', `${base}/plan`),
    ...(c.hasPlan ? [g('GET /api/cases/:id/plan/history', `${base}/plan/history`)] : []),
    g('GET /api/cases/:id/referrals', `${base}/referrals${query({ page: 1, pageSize: 20 })}`),
    g('GET /api/cases/:id/gap-reports', `${base}/gap-reports`),
    g('GET /api/cases/:id/conferences', `${base}/conferences${query({ page: 1, pageSize: 25 })}`),
    g('GET /api/colleagues', '/api/colleagues'),
    g('GET /api/cases/:id/plan', `${base}/plan`),
    g('GET /api/cases/:id/journal', `${base}/journal${query({ page: 1, pageSize: 20 })}`),
    g('GET /api/cases/:id/follow-ups', `${base}/follow-ups`),
    g('GET /api/cases/:id/evaluation', `${base}/evaluation`),
    g('GET /api/cases/:id/disclosures', `${base}/disclosures`),
  ];
}

const JOURNAL_TEXTS = [
  'Persönliches Gespräch im Büro. Die Klientin berichtet, dass der Sprachkurs gut läuft und sie die Prüfung im ' +
    'nächsten Monat ablegen möchte. Gemeinsam wurden die Unterlagen für die Anmeldung durchgesehen; ein Nachweis ' +
    'fehlt noch und wird bis zum nächsten Termin nachgereicht.',
  'Telefonat mit dem Klienten: Der Termin beim Jobcenter wurde verschoben. Er bittet um Begleitung, weil er ' +
    'unsicher ist, welche Unterlagen er mitbringen soll. Begleitung zugesagt, Liste der Unterlagen per E-Mail ' +
    'geschickt.',
  'Kurze Notiz: Rückmeldung der Beratungsstelle liegt vor, ein Platz im Kurs ist ab dem Ersten frei. Klient wird ' +
    'beim nächsten Gespräch informiert.',
  'Gespräch zur Wohnungssuche. Zwei Besichtigungen haben stattgefunden, beide ohne Zusage. Wir haben das ' +
    'Anschreiben überarbeitet und besprochen, wie die Unterstützung durch die Familie aussehen kann. Nächster ' +
    'Schritt: Anfrage bei der Wohnungsbaugenossenschaft.',
];
const JOURNAL_KINDS_USED: JournalKind[] = ['personal_talk', 'phone', 'note', 'personal_talk', 'email_letter'];

/** The plan as the client sends it back (PUT body), with the review date moved by a day: an extension. */
export function changedPlan(envelope: PlanEnvelope, today: string): SaveInput | null {
  const plan = envelope.plan;
  if (!plan) return null;
  const step = (s: StepDoc): StepDoc => ({
    id: s.id,
    what: s.what,
    who: s.who,
    whoName: s.whoName ?? null,
    dueOn: s.dueOn ?? null,
    provider: s.provider ?? null,
    offer: s.offer ?? null,
    costBearer: s.costBearer ?? null,
    mode: s.mode ?? null,
    status: s.status,
    offerAvailable: s.offerAvailable ?? null,
    doneOn: s.doneOn ?? null,
  });
  const goal = (g: GoalDoc): GoalDoc => ({
    id: g.id,
    wording: g.wording,
    clientWords: g.clientWords,
    indicator: g.indicator ?? null,
    targetOn: g.targetOn ?? null,
    followUpOn: g.followUpOn ?? null,
    needId: g.needId ?? null,
    field: g.field ?? null,
    smart: g.smart,
    status: g.status,
    steps: g.steps.map(step),
    ...(g.subGoals ? { subGoals: g.subGoals.map(goal) } : {}),
  });
  // Back and forth by a day, so repeated saves keep the date where it was.
  const reviewOn = plan.header.reviewOn
    ? addDays(plan.header.reviewOn, plan.version % 2 === 0 ? 1 : -1)
    : addDays(today, 28);
  return {
    version: plan.version,
    ...(plan.status === 'agreed' ? { changeKind: 'extension' as const } : {}),
    legalType: plan.legalType,
    legalNote: plan.legalNote,
    header: { ...plan.header, reviewOn },
    goals: plan.goals.map(goal),
  };
}

/** The team leads and org admins in turn (the annual report is theirs). */
function reporters(cast: Cast): Session[] {
  const out: Session[] = [];
  for (let i = 0; i < Math.max(cast.teamLeads.length, cast.orgAdmins.length); i += 1) {
    const lead = cast.teamLeads[i];
    const admin = cast.orgAdmins[i];
    if (lead) out.push(lead);
    if (admin) out.push(admin);
  }
  return out;
}

export function buildJourneys(cast: Cast, now: Date): Journey[] {
  const today = localDate(now);
  const lastYear = Number(today.slice(0, 4)) - 1;
  const anyCase = casePairs(cast, false);
  const planCase = casePairs(cast, true);
  const journeys: Journey[] = [
    {
      key: 'dashboard',
      title: 'Case-manager dashboard',
      actors: 'case managers',
      timeoutSeconds: 30,
      stepsFor(k) {
        const cm = caseManagerSlot(cast, k);
        return [
          get('GET /api/dashboard/case-manager', cm.session, () => `/api/dashboard/case-manager?pageSize=5`),
        ];
      },
    },
    {
      key: 'caseList',
      title: 'Case list: search and filters',
      actors: 'case managers',
      timeoutSeconds: 30,
      stepsFor(k) {
        const cm = caseManagerSlot(cast, k);
        let i = k;
        return [
          {
            // As the web list sends it: filters and the search term in the body, never in the URL.
            label: 'POST /api/cases/search',
            method: 'POST',
            headers: JSON_WRITE(cm.session),
            next: () => ({ path: '/api/cases/search', body: JSON.stringify(caseListQueryOf(cm, i++)) }),
          },
        ];
      },
    },
    {
      key: 'openCase',
      title: 'Open a case and all its tabs',
      actors: 'case managers, own open cases',
      timeoutSeconds: 30,
      distinctCases: anyCase.length,
      stepsFor(k) {
        const { cm, c } = pick(anyCase, k);
        return openCaseSteps(cm.session, c);
      },
    },
    {
      key: 'journalAppend',
      title: 'Append a journal entry',
      actors: 'case managers, own open cases',
      timeoutSeconds: 30,
      distinctCases: anyCase.length,
      stepsFor(k) {
        const { cm, c } = pick(anyCase, k);
        let i = k;
        return [
          {
            label: 'POST /api/cases/:id/journal',
            method: 'POST',
            headers: JSON_WRITE(cm.session),
            next: () => {
              i += 1;
              const body = {
                kind: pick(JOURNAL_KINDS_USED, i),
                occurredOn: localDate(new Date()),
                durationMinutes: 15 + (i % 4) * 15,
                text: pick(JOURNAL_TEXTS, i),
                // One in ten is a health or other Art. 9 note: encrypted.
                specialCategory: i % 10 === 0,
              };
              return { path: `/api/cases/${c.id}/journal`, body: JSON.stringify(body) };
            },
          },
        ];
      },
    },
    {
      key: 'planSave',
      title: 'Save a plan change (GET, then PUT with its version)',
      actors: 'case managers, own cases with a plan',
      timeoutSeconds: 30,
      distinctCases: planCase.length,
      stepsFor(k) {
        const { cm, c } = pick(planCase, k);
        let envelope: PlanEnvelope | null = null;
        return [
          get(
            'GET /api/cases/:id/plan',
            cm.session,
            () => `/api/cases/${c.id}/plan`,
            (status, body) => {
              envelope = status === 200 ? (JSON.parse(body) as PlanEnvelope) : null;
            },
          ),
          {
            label: 'PUT /api/cases/:id/plan',
            method: 'PUT',
            headers: JSON_WRITE(cm.session),
            // Without a plan read just before, the save goes out as version 0 and is refused (counted).
            next: () => ({
              path: `/api/cases/${c.id}/plan`,
              body: JSON.stringify(
                (envelope && changedPlan(envelope, today)) ?? { version: 0, header: {}, goals: [] },
              ),
            }),
          },
        ];
      },
    },
    {
      key: 'teamLead',
      title: 'Team lead: caseloads and dashboard',
      actors: 'team leads',
      timeoutSeconds: 30,
      stepsFor(k) {
        const session = pick(cast.teamLeads, k);
        return [
          get('GET /api/caseloads', session, () => '/api/caseloads'),
          get('GET /api/dashboard/team-lead', session, () => '/api/dashboard/team-lead'),
        ];
      },
    },
    {
      key: 'annualStatistics',
      title: `Annual statistics report ${lastYear}`,
      actors: 'team leads and org admins',
      timeoutSeconds: 120,
      stepsFor(k) {
        const session = pick(reporters(cast), k);
        const period = query({ from: `${lastYear}-01-01`, to: `${lastYear}-12-31` });
        return [
          get('GET /api/statistics/reports/annual', session, () => `/api/statistics/reports/annual${period}`),
        ];
      },
    },
    {
      key: 'gapPlanning',
      title: 'Gap reports: planning view',
      actors: 'planners',
      timeoutSeconds: 30,
      stepsFor(k) {
        const session = pick(cast.planners, k);
        const variants = [
          {},
          { groupBy: 'field' },
          { groupBy: 'targetGroup' },
          { groupBy: 'district' },
          { from: `${lastYear}-01-01`, to: `${lastYear}-12-31`, groupBy: 'need' },
        ];
        let i = k;
        return [
          get('GET /api/planning/gaps', session, () => {
            const v = pick(variants, i++);
            return `/api/planning/gaps${query({ ...v, page: 1, pageSize: 25 })}`;
          }),
        ];
      },
    },
  ];
  return journeys.filter(
    (j) =>
      (j.key !== 'planSave' || planCase.length > 0) &&
      (j.key !== 'teamLead' || cast.teamLeads.length > 0) &&
      (j.key !== 'annualStatistics' || reporters(cast).length > 0) &&
      (j.key !== 'gapPlanning' || cast.planners.length > 0),
  );
}

/** The ping route: the floor of the same server (no session, no database). */
export function pingSteps(): Step[] {
  return [
    {
      label: 'GET /api/ping',
      method: 'GET',
      headers: { accept: 'application/json' },
      next: () => ({ path: '/api/ping' }),
    },
  ];
}
