import type { Insertable, Kysely } from 'kysely';
import { newId } from '../core/ids.js';
import type { DB } from '../db/types.js';

/**
 * Bulk data for the statistics: clients, cases and what the reports count (phase changes, plans with goals,
 * steps and reviews, evaluations, referrals, gap reports, follow-ups), written straight into the tables in
 * batches — the statistics tests need many cases with exact attributes, and the benchmark needs 100,000. Only
 * tests and the benchmark use this (src/test is not built); it writes no audit entries and checks no rules.
 */

export interface CaseSeed {
  unitId: string;
  responsibleId: string;
  kind?: 'case_management' | 'counselling' | 'information';
  openedOn: string;
  closedOn?: string | null;
  closureReason?: string | null;
  accessRoute?: string;
  client?: {
    gender?: string;
    birthYear?: number | null;
    residenceStatus?: string | null;
    countryOfOrigin?: string | null;
    legalDomain?: string | null;
    districtId?: string | null;
  };
  /** Phase changes as [to_phase, changed_at]; the first is usually intake at the opening. */
  phases?: [string, string][];
  /** Goals of the plan (a plan is made when there are goals, steps or a review date). */
  goals?: {
    field?: string | null;
    reviews?: [string, string][];
    steps?: { dueOn: string; status?: string }[];
  }[];
  reviewOn?: string | null;
  evaluation?: {
    evaluatedOn?: string;
    endedBy?: string | null;
    lifeSituation?: string | null;
    satisfaction?: Partial<
      Record<'general' | 'course' | 'results' | 'expectations' | 'mandate', number | null>
    >;
    destination?: string | null;
    /** Final attainment per goal, in the order of `goals`. */
    goalAttainment?: string[];
  };
  referrals?: { partnerId: string; status: string; requestedOn: string; startedOn?: string | null }[];
  followUps?: { assigneeId: string; dueOn: string; done?: boolean }[];
}

export interface SeedRows {
  clients: Insertable<DB['clients']>[];
  cases: Insertable<DB['cases']>[];
  case_phase_changes: Insertable<DB['case_phase_changes']>[];
  plans: Insertable<DB['plans']>[];
  plan_goals: Insertable<DB['plan_goals']>[];
  plan_steps: Insertable<DB['plan_steps']>[];
  goal_reviews: Insertable<DB['goal_reviews']>[];
  case_evaluations: Insertable<DB['case_evaluations']>[];
  case_evaluation_goals: Insertable<DB['case_evaluation_goals']>[];
  referrals: Insertable<DB['referrals']>[];
  follow_ups: Insertable<DB['follow_ups']>[];
}

/** The rows for a list of cases of one organisation; returns the case ids in the order of the seeds too. */
export function caseRows(
  organisationId: string,
  createdBy: string,
  seeds: CaseSeed[],
  at = new Date().toISOString(),
): { rows: SeedRows; caseIds: string[] } {
  const rows: SeedRows = {
    clients: [],
    cases: [],
    case_phase_changes: [],
    plans: [],
    plan_goals: [],
    plan_steps: [],
    goal_reviews: [],
    case_evaluations: [],
    case_evaluation_goals: [],
    referrals: [],
    follow_ups: [],
  };
  const versioned = { created_at: at, updated_at: at, version: 1 };
  const caseIds: string[] = [];
  for (const seed of seeds) {
    const clientId = newId();
    const caseId = newId();
    caseIds.push(caseId);
    const c = seed.client ?? {};
    rows.clients.push({
      id: clientId,
      organisation_id: organisationId,
      family_name: 'Statistik',
      given_names: 'Testperson',
      search_key: 'statistik testperson',
      family_key: 'statistik',
      birth_year: c.birthYear ?? null,
      gender: c.gender ?? 'not_stated',
      nationalities: '[]',
      country_of_origin: c.countryOfOrigin ?? null,
      languages: '[]',
      interpreter_needed: false,
      residence_status: c.residenceStatus ?? null,
      legal_domain: c.legalDomain ?? null,
      district_id: c.districtId ?? null,
      created_by: createdBy,
      ...versioned,
    });
    const closed = seed.closedOn ?? null;
    rows.cases.push({
      id: caseId,
      organisation_id: organisationId,
      org_unit_id: seed.unitId,
      client_id: clientId,
      case_number: `S-${caseId}`,
      kind: seed.kind ?? 'case_management',
      phase: closed ? 'closed' : 'intake',
      responsible_user_id: seed.responsibleId,
      opened_on: seed.openedOn,
      closed_on: closed,
      closure_reason: closed ? (seed.closureReason ?? null) : null,
      access_route: seed.accessRoute ?? 'self',
      indication_criteria: '[]',
      created_by: createdBy,
      ...versioned,
    });
    let from: string | null = null;
    for (const [phase, changedAt] of seed.phases ?? []) {
      rows.case_phase_changes.push({
        id: newId(),
        case_id: caseId,
        from_phase: from,
        to_phase: phase,
        changed_at: changedAt,
        changed_by: createdBy,
        reason: null,
      });
      from = phase;
    }
    const goals = seed.goals ?? [];
    const goalIds = goals.map(() => newId());
    let planId: string | null = null;
    if (goals.length > 0 || seed.reviewOn) {
      planId = newId();
      rows.plans.push({
        id: planId,
        organisation_id: organisationId,
        case_id: caseId,
        status: 'agreed',
        header: '{}',
        review_on: seed.reviewOn ?? null,
        created_by: createdBy,
        updated_by: createdBy,
        ...versioned,
      });
      goals.forEach((goal, i) => {
        const goalId = goalIds[i] ?? newId();
        rows.plan_goals.push({
          id: goalId,
          plan_id: planId as string,
          case_id: caseId,
          position: i + 1,
          wording: 'Ziel',
          client_words: false,
          priority: i + 1,
          smart: '{}',
          status: 'active',
          field: goal.field ?? null,
        });
        (goal.steps ?? []).forEach((step, j) =>
          rows.plan_steps.push({
            id: newId(),
            goal_id: goalId,
            plan_id: planId as string,
            position: j + 1,
            what: 'Schritt',
            who: 'client',
            due_on: step.dueOn,
            status: step.status ?? 'open',
          }),
        );
        for (const [reviewedOn, attainment] of goal.reviews ?? []) {
          rows.goal_reviews.push({
            id: newId(),
            goal_id: goalId,
            plan_id: planId as string,
            reviewed_on: reviewedOn,
            attainment,
            consequence: 'keep',
            created_at: at,
            created_by: createdBy,
          });
        }
      });
    }
    if (seed.evaluation) {
      const e = seed.evaluation;
      const evaluationId = newId();
      rows.case_evaluations.push({
        id: evaluationId,
        organisation_id: organisationId,
        case_id: caseId,
        evaluated_on: e.evaluatedOn ?? closed ?? seed.openedOn,
        ended_by: e.endedBy ?? null,
        life_situation: e.lifeSituation ?? null,
        satisfaction: JSON.stringify(e.satisfaction ?? {}),
        satisfaction_mode: e.satisfaction ? 'with_client' : 'not_asked',
        methods: '[]',
        destination: e.destination ?? null,
        follow_up_offered: false,
        created_by: createdBy,
        updated_by: createdBy,
        ...versioned,
      });
      (e.goalAttainment ?? []).forEach((attainment, i) => {
        const goalId = goalIds[i];
        if (goalId)
          rows.case_evaluation_goals.push({ evaluation_id: evaluationId, goal_id: goalId, attainment });
      });
    }
    for (const r of seed.referrals ?? []) {
      rows.referrals.push({
        id: newId(),
        organisation_id: organisationId,
        case_id: caseId,
        client_id: clientId,
        partner_id: r.partnerId,
        status: r.status,
        requested_on: r.requestedOn,
        started_on: r.startedOn ?? null,
        barriers: '[]',
        categories: '[]',
        created_by: createdBy,
        updated_by: createdBy,
        ...versioned,
      });
    }
    for (const f of seed.followUps ?? []) {
      rows.follow_ups.push({
        id: newId(),
        organisation_id: organisationId,
        case_id: caseId,
        assignee_user_id: f.assigneeId,
        due_on: f.dueOn,
        text: 'Wiedervorlage',
        done_at: f.done ? at : null,
        done_by: f.done ? createdBy : null,
        created_by: createdBy,
        ...versioned,
      });
    }
  }
  return { rows, caseIds };
}

const ORDER: (keyof SeedRows)[] = [
  'clients',
  'cases',
  'case_phase_changes',
  'plans',
  'plan_goals',
  'plan_steps',
  'goal_reviews',
  'case_evaluations',
  'case_evaluation_goals',
  'referrals',
  'follow_ups',
];

/** Inserts the rows table by table (foreign keys first), `batch` rows per statement. */
export async function insertRows(db: Kysely<DB>, rows: SeedRows, batch = 500): Promise<void> {
  for (const table of ORDER) {
    const list = rows[table] as Insertable<DB[typeof table]>[];
    for (let i = 0; i < list.length; i += batch) {
      // One statement per batch: the row shapes of a table are the same, so the column lists agree.
      await db
        .insertInto(table)
        .values(list.slice(i, i + batch) as never)
        .execute();
    }
  }
}

/** Seeds cases of one organisation in one go (tests). */
export async function seedCases(
  db: Kysely<DB>,
  organisationId: string,
  createdBy: string,
  seeds: CaseSeed[],
): Promise<string[]> {
  const { rows, caseIds } = caseRows(organisationId, createdBy, seeds);
  await db.transaction().execute((trx) => insertRows(trx, rows));
  return caseIds;
}

export async function insertPartner(
  db: Kysely<DB>,
  organisationId: string,
  createdBy: string,
  type: string,
  name = `Partner ${type}`,
): Promise<string> {
  const id = newId();
  const at = new Date().toISOString();
  await db
    .insertInto('partners')
    .values({
      id,
      organisation_id: organisationId,
      name,
      type,
      created_by: createdBy,
      updated_by: createdBy,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  return id;
}

export async function insertGapReport(
  db: Kysely<DB>,
  organisationId: string,
  createdBy: string,
  report: { field: string; reportedOn: string; caseIds?: string[] },
): Promise<string> {
  const id = newId();
  const at = new Date().toISOString();
  await db
    .insertInto('gap_reports')
    .values({
      id,
      organisation_id: organisationId,
      need: 'Bedarf',
      field: report.field,
      urgency: 'medium',
      source: 'standalone',
      status: 'reported',
      reported_on: report.reportedOn,
      created_by: createdBy,
      updated_by: createdBy,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  for (const caseId of report.caseIds ?? []) {
    await db
      .insertInto('gap_report_cases')
      .values({ id: newId(), gap_report_id: id, case_id: caseId, linked_at: at, linked_by: createdBy })
      .execute();
  }
  return id;
}
