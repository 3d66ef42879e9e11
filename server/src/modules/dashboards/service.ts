import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import { audit, readAudited } from '../../core/audit.js';
import { addDays, localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { Problem } from '../../core/errors.js';
import { checkedOnly } from '../../db/conditions.js';
import type { DB } from '../../db/types.js';
import { pageWindow, pageWithTotal, type Page } from '../../core/pagination.js';
import { authorize } from '../../core/policy.js';
import { OPEN_PHASES, PHASES, CASE_KINDS, type CaseKind, type Phase } from '../cases/domain.js';
import { caseloads, type CaseloadRow } from '../cases/service.js';
import { myFollowUps } from '../followups/service.js';
import { defaultPeriod, GAP_STATUSES, type GapStatus } from '../gaps/domain.js';
import { FIELDS_OF_ACTION, type FieldOfAction } from '../gaps/fields.js';
import { planningGaps } from '../gaps/service.js';
import { retentionPlan } from '../privacy/retention.js';
import { CONSENT_KINDS, type ConsentKind, type Purpose, type RetentionState } from '../consent/domain.js';
import {
  consentsExpiringUntil,
  daysBetween,
  effectiveMinCount,
  monthStart,
  noContactDays,
  PLANNER_MONTHS,
  reviewsDueUntil,
  suppressAverage,
  suppressGroup,
} from './domain.js';
import { dashboardPolicy } from './policy.js';
import {
  LIFE_SITUATIONS,
  SATISFACTION_DIMENSIONS,
  type LifeSituation,
  type SatisfactionDimension,
} from '../evaluation/domain.js';

/**
 * The dashboards of the start page (issue 8). Every figure is counted by the database (GROUP BY, EXISTS);
 * lists are paged there. The case manager's view names the clients of their own cases only; the team lead's
 * names colleagues but no client; the planning level's holds counts and averages only, small ones suppressed.
 *
 * The dashboards are a read model across modules: where a module offers the read (caseloads, the retention
 * plan, the gap planning view, my follow-ups) it is called with the dashboard's transaction; the remaining
 * figures are aggregate queries that no module offers.
 */

type WorkingPhase = Exclude<Phase, 'closed'>;
const WORKING_PHASES = PHASES.filter((p): p is WorkingPhase => p !== 'closed');

function today(ctx: RequestContext): string {
  return localDate(ctx.now);
}

function clientName(familyName: string, givenNames: string): string {
  return `${familyName}, ${givenNames}`;
}

/** Database counts arrive as numbers (SQLite) or numeric strings (PostgreSQL). */
function num(value: unknown): number {
  return Number(value ?? 0);
}

function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

// ————————————————————————————————————————— case manager —————————————————————————————————————————

export interface CaseRef {
  id: string;
  caseNumber: string;
  clientName: string;
}

export interface DashboardFollowUp {
  id: string;
  dueOn: string;
  text: string;
  overdue: boolean;
  case: { id: string; caseNumber: string; clientName: string | null } | null;
}

export interface ReviewDue {
  goalId: string;
  wording: string;
  followUpOn: string;
  overdue: boolean;
  case: CaseRef;
}

export interface QuietCase {
  case: CaseRef;
  phase: Phase;
  lastContactOn: string | null;
  openedOn: string;
  daysWithoutContact: number;
}

export interface ExpiringConsent {
  id: string;
  kind: ConsentKind;
  purpose: Purpose | null;
  recipientName: string | null;
  validUntil: string;
  client: { id: string; name: string };
}

export interface CaseManagerDashboard {
  today: string;
  followUps: Page<DashboardFollowUp> & { overdue: number };
  casesByPhase: { phase: WorkingPhase; count: number }[];
  runningCases: number;
  reviewsDue: Page<ReviewDue> & { until: string };
  noContact: Page<QuietCase> & { days: number };
  expiringConsents: Page<ExpiringConsent> & { until: string };
}

export interface CaseManagerQuery {
  pageSize?: number;
  followUpsPage?: number;
  reviewsPage?: number;
  noContactPage?: number;
  consentsPage?: number;
}

const DASHBOARD_PAGE_SIZE = 5;

function windowOf(page: number | undefined, pageSize: number | undefined) {
  return pageWindow({ page: page ?? 1, pageSize: pageSize ?? DASHBOARD_PAGE_SIZE });
}

/** The case manager's start page: my follow-ups, my cases by phase, reviews due, quiet cases, consents ending. */
export async function caseManagerDashboard(
  deps: AppDeps,
  ctx: RequestContext,
  query: CaseManagerQuery,
): Promise<CaseManagerDashboard> {
  authorize(ctx.actor, dashboardPolicy.caseManager, undefined);
  const day = today(ctx);
  const me = ctx.actor.userId;
  return readAudited(deps.db, async (trx) => {
    const org = await trx
      .selectFrom('organisations')
      .select('retention_review_after_days')
      .where('id', '=', ctx.actor.organisationId)
      .executeTakeFirstOrThrow();
    const quietDays = noContactDays(org.retention_review_after_days);
    const myRunning = trx.selectFrom('cases').where((eb) => runningCaseOf(eb, ctx));

    // Follow-ups: the follow-up module's own list (open ones, the most overdue first).
    const fw = windowOf(query.followUpsPage, query.pageSize);
    const [followUps, overdue] = await Promise.all([
      myFollowUps({ ...deps, db: trx }, ctx, { page: fw.page, pageSize: fw.pageSize }),
      trx
        .selectFrom('follow_ups')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('assignee_user_id', '=', me)
        .where('done_at', 'is', null)
        .where('due_on', '<', day)
        .executeTakeFirstOrThrow(),
    ]);

    const phases = await myRunning
      .select((eb) => ['cases.phase', eb.fn.countAll<number>().as('n')])
      .groupBy('cases.phase')
      .execute();
    const byPhase = new Map(phases.map((p) => [p.phase, num(p.n)]));

    const reviews = await reviewsDue(trx, ctx, windowOf(query.reviewsPage, query.pageSize));
    const quiet = await quietCases(trx, ctx, quietDays, windowOf(query.noContactPage, query.pageSize));
    const consents = await expiringConsents(trx, ctx, windowOf(query.consentsPage, query.pageSize));

    await audit(trx, ctx, {
      action: 'dashboard.read',
      entityType: 'dashboard',
      details: {
        view: 'case_manager',
        followUps: followUps.items.length,
        reviews: reviews.items.length,
        noContact: quiet.items.length,
        consents: consents.items.length,
      },
    });
    return {
      today: day,
      followUps: {
        ...followUps,
        items: followUps.items.map((f) => ({
          id: f.id,
          dueOn: f.dueOn,
          text: f.text,
          overdue: f.overdue,
          case: f.case,
        })),
        overdue: num(overdue.n),
      },
      casesByPhase: WORKING_PHASES.map((phase) => ({ phase, count: byPhase.get(phase) ?? 0 })),
      runningCases: [...byPhase.values()].reduce((sum, n) => sum + n, 0),
      reviewsDue: reviews,
      noContact: { ...quiet, days: quietDays },
      expiringConsents: consents,
    };
  });
}

/**
 * A running case of the signed-in case manager: found through the responsible person's index (its phase in the
 * same index), the organisation only checked on the rows found (db/conditions.ts).
 */
function runningCaseOf(eb: ExpressionBuilder<DB, 'cases'>, ctx: RequestContext) {
  return eb.and([
    eb('cases.responsible_user_id', '=', ctx.actor.userId),
    eb('cases.phase', 'in', OPEN_PHASES),
    checkedOnly('cases.organisation_id', ctx.actor.organisationId),
  ]);
}

type Window = ReturnType<typeof pageWindow>;

/**
 * Goals of my running cases whose follow-up date is within two weeks or past and that have no review since
 * that date (a review on or after it completes the goal's follow-up, see plan/service.ts addGoalReview).
 */
async function reviewsDue(
  trx: Executor,
  ctx: RequestContext,
  w: Window,
): Promise<Page<ReviewDue> & { until: string }> {
  const day = today(ctx);
  const until = reviewsDueUntil(day);
  const base = trx
    .selectFrom('cases')
    .innerJoin('plans', 'plans.case_id', 'cases.id')
    .innerJoin('plan_goals', 'plan_goals.plan_id', 'plans.id')
    .where((eb) => runningCaseOf(eb, ctx))
    .where('plan_goals.status', '=', 'active')
    .where('plan_goals.follow_up_on', 'is not', null)
    .where('plan_goals.follow_up_on', '<=', until)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('goal_reviews')
            .select('goal_reviews.id')
            .whereRef('goal_reviews.goal_id', '=', 'plan_goals.id')
            .whereRef('goal_reviews.reviewed_on', '>=', 'plan_goals.follow_up_on'),
        ),
      ),
    );
  const { rows, total } = await pageWithTotal(
    base
      .innerJoin('clients', 'clients.id', 'cases.client_id')
      .select([
        'plan_goals.id as goal_id',
        'plan_goals.wording',
        'plan_goals.follow_up_on',
        'cases.id as case_id',
        'cases.case_number',
        'clients.family_name',
        'clients.given_names',
      ])
      .orderBy('plan_goals.follow_up_on')
      .orderBy('cases.case_number')
      .orderBy('plan_goals.id'),
    async () =>
      num((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    w,
  );
  return {
    items: rows.map((r) => {
      const due = String(r.follow_up_on);
      return {
        goalId: r.goal_id,
        wording: r.wording,
        followUpOn: due,
        overdue: due < day,
        case: {
          id: r.case_id,
          caseNumber: r.case_number,
          clientName: clientName(r.family_name, r.given_names),
        },
      };
    }),
    total,
    page: w.page,
    pageSize: w.pageSize,
    until,
  };
}

/** My running cases without a contact (or, never contacted, opened) for `days` days; the longest first. */
async function quietCases(
  trx: Executor,
  ctx: RequestContext,
  days: number,
  w: Window,
): Promise<Page<QuietCase>> {
  const day = today(ctx);
  const limit = addDays(day, -days);
  // The same rule as the case list's filter "no contact for n days" (cases/service.ts listCases).
  const base = trx
    .selectFrom('cases')
    .where((eb) => runningCaseOf(eb, ctx))
    // Last contact, or the opening when there was none, before the limit: one expression, so the planner
    // takes the responsible person's index and checks their few open cases.
    .where((eb) => eb(eb.fn.coalesce('cases.last_contact_on', 'cases.opened_on'), '<', limit));
  const { rows, total } = await pageWithTotal(
    base
      .innerJoin('clients', 'clients.id', 'cases.client_id')
      .select([
        'cases.id',
        'cases.case_number',
        'cases.phase',
        'cases.last_contact_on',
        'cases.opened_on',
        'clients.family_name',
        'clients.given_names',
      ])
      .orderBy((eb) => eb.fn.coalesce('cases.last_contact_on', 'cases.opened_on'))
      .orderBy('cases.case_number'),
    async () =>
      num((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    w,
  );
  return {
    items: rows.map((r) => {
      const last = r.last_contact_on ? String(r.last_contact_on) : null;
      const opened = String(r.opened_on);
      return {
        case: { id: r.id, caseNumber: r.case_number, clientName: clientName(r.family_name, r.given_names) },
        phase: r.phase as Phase,
        lastContactOn: last,
        openedOn: opened,
        daysWithoutContact: daysBetween(last ?? opened, day),
      };
    }),
    total,
    page: w.page,
    pageSize: w.pageSize,
  };
}

/**
 * Consents and releases of the clients of my running cases that end within 30 days, unless the same consent
 * was given again (same client, kind, recipient and purpose, not revoked, valid longer).
 */
async function expiringConsents(
  trx: Executor,
  ctx: RequestContext,
  w: Window,
): Promise<Page<ExpiringConsent> & { until: string }> {
  const day = today(ctx);
  const until = consentsExpiringUntil(day);
  const base = trx
    .selectFrom('consents')
    .where('consents.organisation_id', '=', ctx.actor.organisationId)
    // every kind, named so the expiry index (organisation, kind, valid_until) serves the date range
    .where('consents.kind', 'in', [...CONSENT_KINDS])
    .where('consents.revoked_on', 'is', null)
    .where('consents.valid_until', '>=', day)
    .where('consents.valid_until', '<=', until)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('cases')
          .select('cases.id')
          .whereRef('cases.client_id', '=', 'consents.client_id')
          .where((c) => runningCaseOf(c, ctx)),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('consents as renewed')
            .select('renewed.id')
            .whereRef('renewed.client_id', '=', 'consents.client_id')
            .whereRef('renewed.kind', '=', 'consents.kind')
            .whereRef('renewed.id', '!=', 'consents.id')
            .where('renewed.revoked_on', 'is', null)
            .where((r) =>
              r.and([
                r(
                  r.fn.coalesce('renewed.recipient_key', sql.lit('')),
                  '=',
                  r.fn.coalesce('consents.recipient_key', sql.lit('')),
                ),
                r(
                  r.fn.coalesce('renewed.purpose', sql.lit('')),
                  '=',
                  r.fn.coalesce('consents.purpose', sql.lit('')),
                ),
                r.or([
                  r('renewed.valid_until', 'is', null),
                  r('renewed.valid_until', '>', r.ref('consents.valid_until')),
                ]),
              ]),
            ),
        ),
      ),
    );
  const { rows, total } = await pageWithTotal(
    base
      .innerJoin('clients', 'clients.id', 'consents.client_id')
      .select([
        'consents.id',
        'consents.kind',
        'consents.purpose',
        'consents.recipient_name',
        'consents.valid_until',
        'clients.id as client_id',
        'clients.family_name',
        'clients.given_names',
      ])
      .orderBy('consents.valid_until')
      .orderBy('clients.family_name')
      .orderBy('consents.id'),
    async () =>
      num((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    w,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as ConsentKind,
      purpose: r.purpose as Purpose | null,
      recipientName: r.recipient_name,
      validUntil: String(r.valid_until),
      client: { id: r.client_id, name: clientName(r.family_name, r.given_names) },
    })),
    total,
    page: w.page,
    pageSize: w.pageSize,
    until,
  };
}

// ————————————————————————————————————————— team lead —————————————————————————————————————————

export const RETENTION_STATES_DUE = [
  'review_due',
  'close_due',
  'awaiting_confirmation',
  'anonymise_due',
] as const;

export interface TeamLeadDashboard {
  today: string;
  orgUnits: { id: string; name: string }[];
  caseloads: { warnPerFte: number; maxPerFte: number; rows: CaseloadRow[] };
  overdueFollowUps: { user: { id: string; displayName: string }; count: number }[];
  retention: { total: number; byState: Record<(typeof RETENTION_STATES_DUE)[number], number> };
  phases: { phase: WorkingPhase; count: number; byKind: Record<CaseKind, number> }[];
  runningCases: number;
  newThisMonth: { since: string; total: number; byKind: Record<CaseKind, number> };
}

/** The team lead's start page: caseloads, overdue follow-ups per person, retention, phases, new cases. */
export async function teamLeadDashboard(
  deps: AppDeps,
  ctx: RequestContext,
  query: { orgUnitId?: string },
): Promise<TeamLeadDashboard> {
  authorize(ctx.actor, dashboardPolicy.teamLead, undefined);
  if (query.orgUnitId !== undefined && !ctx.actor.orgUnitIds.includes(query.orgUnitId))
    throw new Problem('forbidden');
  const units = query.orgUnitId !== undefined ? [query.orgUnitId] : [...ctx.actor.orgUnitIds];
  const day = today(ctx);
  const since = monthStart(day);
  const emptyKinds = () => Object.fromEntries(CASE_KINDS.map((k) => [k, 0])) as Record<CaseKind, number>;
  return readAudited(deps.db, async (trx) => {
    const unitRows =
      units.length === 0
        ? []
        : await trx
            .selectFrom('org_units')
            .select(['id', 'name'])
            .where('organisation_id', '=', ctx.actor.organisationId)
            .where('id', 'in', units)
            .orderBy('name')
            .execute();
    if (units.length === 0 || unitRows.length === 0) {
      await audit(trx, ctx, {
        action: 'dashboard.read',
        entityType: 'dashboard',
        details: { view: 'team_lead' },
      });
      return {
        today: day,
        orgUnits: [],
        caseloads: { ...(await thresholds(trx, ctx)), rows: [] },
        overdueFollowUps: [],
        retention: {
          total: 0,
          byState: { review_due: 0, close_due: 0, awaiting_confirmation: 0, anonymise_due: 0 },
        },
        phases: WORKING_PHASES.map((phase) => ({ phase, count: 0, byKind: emptyKinds() })),
        runningCases: 0,
        newThisMonth: { since, total: 0, byKind: emptyKinds() },
      };
    }
    const scope = unitRows.map((u) => u.id);
    // The team page's own computation (cases/service.ts), in this transaction.
    const loads = await caseloads(
      { ...deps, db: trx },
      ctx,
      query.orgUnitId ? { orgUnitId: query.orgUnitId } : {},
    );
    // The retention module's plan (the board's rule), for the lead's units.
    const plan = await retentionPlan(trx, day, ctx.actor.organisationId, scope);
    const byState = { review_due: 0, close_due: 0, awaiting_confirmation: 0, anonymise_due: 0 };
    for (const item of plan) {
      const state: RetentionState = item.state;
      if (state in byState) byState[state as keyof typeof byState] += 1;
    }
    const [phaseRows, newRows] = await Promise.all([
      trx
        .selectFrom('cases')
        .select((eb) => ['cases.phase', 'cases.kind', eb.fn.countAll<number>().as('n')])
        .where('cases.organisation_id', '=', ctx.actor.organisationId)
        .where('cases.org_unit_id', 'in', scope)
        .where('cases.phase', 'in', OPEN_PHASES)
        .groupBy(['cases.phase', 'cases.kind'])
        .execute(),
      trx
        .selectFrom('cases')
        .select((eb) => ['cases.kind', eb.fn.countAll<number>().as('n')])
        .where('cases.organisation_id', '=', ctx.actor.organisationId)
        .where('cases.org_unit_id', 'in', scope)
        .where('cases.opened_on', '>=', since)
        .where('cases.opened_on', '<=', day)
        .groupBy('cases.kind')
        .execute(),
    ]);
    const phases = WORKING_PHASES.map((phase) => {
      const byKind = emptyKinds();
      for (const r of phaseRows.filter((p) => p.phase === phase))
        if (r.kind in byKind) byKind[r.kind as CaseKind] += num(r.n);
      return { phase, count: Object.values(byKind).reduce((s, n) => s + n, 0), byKind };
    });
    const newByKind = emptyKinds();
    for (const r of newRows) if (r.kind in newByKind) newByKind[r.kind as CaseKind] += num(r.n);
    const retentionTotal = Object.values(byState).reduce((s, n) => s + n, 0);
    await audit(trx, ctx, {
      action: 'dashboard.read',
      entityType: 'dashboard',
      details: {
        view: 'team_lead',
        orgUnits: scope,
        caseManagers: loads.rows.length,
        retention: retentionTotal,
      },
    });
    return {
      today: day,
      orgUnits: unitRows,
      caseloads: loads,
      overdueFollowUps: loads.rows
        .filter((r) => r.overdueFollowUps > 0)
        .map((r) => ({ user: r.user, count: r.overdueFollowUps }))
        .sort((a, b) => b.count - a.count || a.user.displayName.localeCompare(b.user.displayName)),
      retention: { total: retentionTotal, byState },
      phases,
      runningCases: phases.reduce((s, p) => s + p.count, 0),
      newThisMonth: { since, total: Object.values(newByKind).reduce((s, n) => s + n, 0), byKind: newByKind },
    };
  });
}

async function thresholds(trx: Executor, ctx: RequestContext) {
  const org = await trx
    .selectFrom('organisations')
    .select(['caseload_warn_per_fte', 'caseload_max_per_fte'])
    .where('id', '=', ctx.actor.organisationId)
    .executeTakeFirstOrThrow();
  return { warnPerFte: org.caseload_warn_per_fte, maxPerFte: org.caseload_max_per_fte };
}

// ————————————————————————————————————————— planning level —————————————————————————————————————————

/** A count the planning level sees: null when it is below the threshold (shown as "< minCount"). */
export type ShownCount = number | null;

export interface PlannerDashboard {
  period: { from: string; to: string };
  minCount: number;
  gaps: {
    total: number;
    byStatus: Record<GapStatus, number>;
    byField: { field: FieldOfAction | null; reports: number; byStatus: Record<GapStatus, number> }[];
  };
  evaluations: {
    total: ShownCount;
    satisfaction: { dimension: SatisfactionDimension; average: number | null; answers: ShownCount }[];
    lifeSituation: { value: LifeSituation | null; count: ShownCount }[];
  };
  referrals: {
    byField: {
      field: FieldOfAction | null;
      referrals: ShownCount;
      started: ShownCount;
      averageWaitingDays: number | null;
    }[];
    total: { referrals: ShownCount; started: ShownCount; averageWaitingDays: number | null };
  };
}

/**
 * Raw SQL for what the query builder cannot say the same way on both databases: a number out of the JSON
 * column satisfaction (jsonb on PostgreSQL, text on SQLite), and the days between two dates.
 */
function satisfactionOf(deps: AppDeps, dimension: SatisfactionDimension): RawBuilder<number | null> {
  return deps.dialect === 'postgresql'
    ? sql<number | null>`(${sql.ref('case_evaluations.satisfaction')}->>${sql.lit(dimension)})::numeric`
    : sql<
        number | null
      >`json_extract(${sql.ref('case_evaluations.satisfaction')}, ${sql.lit(`$.${dimension}`)})`;
}

function waitingDaysOf(deps: AppDeps): RawBuilder<number | null> {
  return deps.dialect === 'postgresql'
    ? sql<number | null>`(${sql.ref('referrals.started_on')} - ${sql.ref('referrals.requested_on')})`
    : sql<
        number | null
      >`(julianday(${sql.ref('referrals.started_on')}) - julianday(${sql.ref('referrals.requested_on')}))`;
}

/**
 * The planning level's start page for the last twelve months of the own organisation: gap reports by field
 * and status (the gap module's planning view), evaluation results and referrals with waiting times by the
 * offer's field. Gap reports are counted exactly, as in the planning view (they count reports, not people);
 * figures about people — evaluations, referrals — below the organisation's threshold are suppressed.
 */
export async function plannerDashboard(deps: AppDeps, ctx: RequestContext): Promise<PlannerDashboard> {
  authorize(ctx.actor, dashboardPolicy.planner, undefined);
  const period = defaultPeriod(today(ctx), PLANNER_MONTHS);
  return readAudited(deps.db, async (trx) => {
    const org = await trx
      .selectFrom('organisations')
      .select('stats_min_count')
      .where('id', '=', ctx.actor.organisationId)
      .executeTakeFirstOrThrow();
    const min = effectiveMinCount(org.stats_min_count);

    const gapView = await planningGaps(
      { ...deps, db: trx },
      ctx,
      { groupBy: 'field', from: period.from, to: period.to, organisationId: ctx.actor.organisationId },
      { all: true },
    );
    const gapStatus = Object.fromEntries(GAP_STATUSES.map((s) => [s, 0])) as Record<GapStatus, number>;
    for (const b of gapView.items) for (const s of GAP_STATUSES) gapStatus[s] += b.byStatus[s];
    const fieldOrder = (f: string | null) => {
      const i = FIELDS_OF_ACTION.indexOf(f as FieldOfAction);
      return i === -1 ? FIELDS_OF_ACTION.length : i;
    };

    const inPeriod = trx
      .selectFrom('case_evaluations')
      .where('case_evaluations.organisation_id', '=', ctx.actor.organisationId)
      .where('case_evaluations.evaluated_on', '>=', period.from)
      .where('case_evaluations.evaluated_on', '<=', period.to);
    const [satisfaction, lifeRows] = await Promise.all([
      inPeriod
        .select((eb) => [
          eb.fn.countAll<number>().as('total'),
          ...SATISFACTION_DIMENSIONS.flatMap((d) => [
            eb.fn.avg<number | null>(satisfactionOf(deps, d)).as(`avg_${d}`),
            eb.fn.count<number>(satisfactionOf(deps, d)).as(`n_${d}`),
          ]),
        ])
        .executeTakeFirstOrThrow(),
      inPeriod
        .select((eb) => ['case_evaluations.life_situation', eb.fn.countAll<number>().as('n')])
        .groupBy('case_evaluations.life_situation')
        .execute(),
    ]);
    const s = satisfaction as Record<string, unknown>;
    const lifeValues = [...LIFE_SITUATIONS, null] as const;
    const life = suppressGroup(
      lifeValues.map((v) => num(lifeRows.find((r) => (r.life_situation ?? null) === v)?.n)),
      min,
    );

    const referralRows = await trx
      .selectFrom('referrals')
      .leftJoin('offers', 'offers.id', 'referrals.offer_id')
      .select((eb) => [
        'offers.field',
        eb.fn.countAll<number>().as('referrals'),
        eb.fn.count<number>('referrals.started_on').as('started'),
        eb.fn.sum<number | null>(waitingDaysOf(deps)).as('waiting_sum'),
      ])
      .where('referrals.organisation_id', '=', ctx.actor.organisationId)
      .where('referrals.requested_on', '>=', period.from)
      .where('referrals.requested_on', '<=', period.to)
      .groupBy('offers.field')
      .execute();
    const fields = referralRows
      .map((r) => ({
        field: (r.field ?? null) as FieldOfAction | null,
        referrals: num(r.referrals),
        started: num(r.started),
        waitingSum: numOrNull(r.waiting_sum),
      }))
      .sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field));
    const referralCells = suppressGroup(
      fields.map((f) => f.referrals),
      min,
    );
    const startedCells = suppressGroup(
      fields.map((f) => f.started),
      min,
    );
    const average = (sum: number | null, n: number) =>
      suppressAverage(n > 0 && sum !== null ? sum / n : null, n, min).average;
    const totalStarted = fields.reduce((t, f) => t + f.started, 0);
    const totalWaiting = fields.reduce((t, f) => t + (f.waitingSum ?? 0), 0);

    return {
      period,
      minCount: min,
      gaps: {
        total: gapView.totals.reports,
        byStatus: gapStatus,
        byField: gapView.items
          .map((b) => ({ field: b.key as FieldOfAction | null, reports: b.reports, byStatus: b.byStatus }))
          .sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field)),
      },
      evaluations: {
        total: life.total,
        satisfaction: SATISFACTION_DIMENSIONS.map((d) => ({
          dimension: d,
          ...suppressAverage(numOrNull(s[`avg_${d}`]), num(s[`n_${d}`]), min),
        })),
        lifeSituation: lifeValues.map((value, i) => ({ value, count: life.cells[i] ?? null })),
      },
      referrals: {
        byField: fields.map((f, i) => ({
          field: f.field,
          referrals: referralCells.cells[i] ?? null,
          started: startedCells.cells[i] ?? null,
          averageWaitingDays: average(f.waitingSum, f.started),
        })),
        total: {
          referrals: referralCells.total,
          started: startedCells.total,
          averageWaitingDays: average(totalWaiting, totalStarted),
        },
      },
    };
  });
}
