import { addDays } from '../../core/clock.js';
import type { FieldOfAction } from '../gaps/fields.js';

/**
 * Rules of the plan (issue 6; BRIEF 2.3, 2.5): what a plan holds, which change is an extension and which a
 * revision, the organisation's limits (number of top-level goals, indicator required), the warnings a
 * planner gets (a step due after its goal's target date) and the plan's status at a glance. Pure functions.
 */

export const PLAN_LABELS = [
  'hilfeplan',
  'integrationsfoerderplan',
  'foerderplan',
  'entwicklungsplan',
  'unterstuetzungsplan',
] as const;
export type PlanLabel = (typeof PLAN_LABELS)[number];

/** The legal type of the plan and how binding it is [002 L453–470]. */
export const LEGAL_TYPES = [
  'hilfeplan_sgb_viii', // Hilfeplan § 36 SGB VIII — binding for the youth welfare office
  'gesamtplan_sgb_xii', // Gesamtplan SGB XII
  'teilhabeplan_sgb_ix', // Teilhabeplan SGB IX
  'integration_agreement', // Integrationsvereinbarung (JMD/MBE): voluntary
  'egv_sgb_ii', // Eingliederungsvereinbarung § 15 SGB II — held by the Jobcenter, recorded only
  'none', // an agreement without legal form
] as const;
export type LegalType = (typeof LEGAL_TYPES)[number];
export const BINDINGNESS: Record<LegalType, 'binding' | 'voluntary' | 'external'> = {
  hilfeplan_sgb_viii: 'binding',
  gesamtplan_sgb_xii: 'binding',
  teilhabeplan_sgb_ix: 'binding',
  integration_agreement: 'voluntary',
  egv_sgb_ii: 'external',
  none: 'voluntary',
};

export const GOAL_STATUSES = ['active', 'achieved', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export const STEP_WHO = ['client', 'case_manager', 'provider', 'other'] as const;
export const STEP_MODES = ['alone', 'with_support', 'by_case_manager'] as const;
export const STEP_STATUSES = ['open', 'done', 'dropped'] as const;
export const ATTAINMENTS = ['not', 'partly', 'largely', 'fully', 'dropped'] as const;
export type Attainment = (typeof ATTAINMENTS)[number];
export const CONSEQUENCES = ['keep', 'change', 'reassess'] as const;
export const SIGNERS = ['client', 'guardian', 'case_manager', 'other'] as const;
export const SIGNATURE_FORMS = ['paper', 'oral'] as const;
export const CHANGE_KINDS = ['extension', 'revision'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Smart {
  specific: boolean;
  measurable: boolean;
  achievable: boolean;
  relevant: boolean;
  timed: boolean;
}

export interface PlanHeader {
  participants: string | null;
  benefitsEarlier: string | null;
  benefitsCurrent: string | null;
  problem: string | null;
  resources: string | null;
  obligations: string | null;
  costBearers: string | null;
  reviewOn: string | null;
}

export interface StepDoc {
  id?: string;
  what: string;
  who: (typeof STEP_WHO)[number];
  whoName?: string | null;
  dueOn?: string | null;
  provider?: string | null;
  offer?: string | null;
  costBearer?: string | null;
  mode?: (typeof STEP_MODES)[number] | null;
  status: (typeof STEP_STATUSES)[number];
  offerAvailable?: boolean | null;
  doneOn?: string | null;
}

export interface GoalDoc {
  id?: string;
  wording: string;
  clientWords?: boolean;
  indicator?: string | null;
  targetOn?: string | null;
  followUpOn?: string | null;
  needId?: string | null;
  /** Field of action (gaps/fields.ts): goals in training_work count for the Eingliederungsquote [002 L681–694]. */
  field?: FieldOfAction | null;
  smart?: Partial<Smart>;
  status: GoalStatus;
  steps: StepDoc[];
  /** Only on impact goals: their sub-goals (one level). */
  subGoals?: GoalDoc[];
}

export interface PlanDoc {
  legalType?: LegalType | null;
  legalNote?: string | null;
  header: PlanHeader;
  goals: GoalDoc[];
}

export interface PlanRules {
  maxGoals: number | null;
  requireIndicator: boolean;
}

export interface Finding {
  pointer: string;
  code: string;
  params?: Record<string, unknown>;
}

/** Every goal with its pointer, impact goals first then their sub-goals. */
export function goalsWithPointers(
  doc: PlanDoc,
): { goal: GoalDoc; pointer: string; parent: GoalDoc | null }[] {
  return doc.goals.flatMap((goal, g) => [
    { goal, pointer: `/goals/${g}`, parent: null },
    ...(goal.subGoals ?? []).map((sub, s) => ({
      goal: sub,
      pointer: `/goals/${g}/subGoals/${s}`,
      parent: goal,
    })),
  ]);
}

/** Errors that always refuse a save (limits of the organisation, broken references to a parent). */
export function planErrors(doc: PlanDoc, rules: PlanRules, options: { agreeing: boolean }): Finding[] {
  const errors: Finding[] = [];
  const active = doc.goals.filter((g) => g.status !== 'dropped').length;
  if (rules.maxGoals !== null && active > rules.maxGoals) {
    errors.push({ pointer: '/goals', code: 'max-goals', params: { limit: rules.maxGoals } });
  }
  for (const { goal, pointer } of goalsWithPointers(doc)) {
    if (goal.wording.trim() === '') errors.push({ pointer: `${pointer}/wording`, code: 'required' });
    if (options.agreeing && rules.requireIndicator && goal.status !== 'dropped' && !goal.indicator?.trim()) {
      errors.push({ pointer: `${pointer}/indicator`, code: 'required' });
    }
    goal.steps.forEach((step, i) => {
      if (step.what.trim() === '') errors.push({ pointer: `${pointer}/steps/${i}/what`, code: 'required' });
    });
  }
  return errors;
}

/** Warnings that do not stop a save: a step due after its goal's target date. */
export function planWarnings(doc: PlanDoc): Finding[] {
  const warnings: Finding[] = [];
  for (const { goal, pointer, parent } of goalsWithPointers(doc)) {
    const target = goal.targetOn ?? parent?.targetOn ?? null;
    goal.steps.forEach((step, i) => {
      if (target && step.dueOn && step.dueOn > target && step.status === 'open') {
        warnings.push({ pointer: `${pointer}/steps/${i}/dueOn`, code: 'after-target', params: { target } });
      }
    });
  }
  return warnings;
}

export interface ChangeSummary {
  goalsAdded: number;
  goalsRewritten: number;
  goalsDropped: number;
  stepsAdded: number;
  stepsChanged: number;
  datesMoved: number;
  /** Goals whose field of action was set or changed (a classification: an extension). */
  fieldsChanged: number;
  headerChanged: boolean;
}

function flatGoals(doc: PlanDoc): GoalDoc[] {
  return goalsWithPointers(doc).map((x) => x.goal);
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/**
 * What a change to an agreed plan is [003 L1677–1691]: goals rewritten (wording or indicator) or dropped —
 * and goals or steps taken out — make it a revision; goals or steps added, dates moved and steps done make it
 * an extension (Fortschreibung).
 */
export function classifyChange(
  before: PlanDoc,
  after: PlanDoc,
): { kind: ChangeKind | null; summary: ChangeSummary } {
  const summary: ChangeSummary = {
    goalsAdded: 0,
    goalsRewritten: 0,
    goalsDropped: 0,
    stepsAdded: 0,
    stepsChanged: 0,
    datesMoved: 0,
    fieldsChanged: 0,
    headerChanged:
      JSON.stringify(before.header) !== JSON.stringify(after.header) ||
      !same(before.legalType, after.legalType) ||
      !same(before.legalNote, after.legalNote),
  };
  const beforeGoals = new Map(flatGoals(before).map((g) => [g.id, g]));
  const afterGoals = flatGoals(after);
  let removed = 0;
  const afterIds = new Set(afterGoals.map((g) => g.id).filter(Boolean));
  for (const id of beforeGoals.keys()) if (id && !afterIds.has(id)) removed += 1;
  const beforeSteps = new Map(
    flatGoals(before)
      .flatMap((g) => g.steps)
      .map((s) => [s.id, s]),
  );
  const afterStepIds = new Set(
    afterGoals
      .flatMap((g) => g.steps)
      .map((s) => s.id)
      .filter(Boolean),
  );
  for (const id of beforeSteps.keys()) if (id && !afterStepIds.has(id)) removed += 1;
  for (const goal of afterGoals) {
    const old = goal.id ? beforeGoals.get(goal.id) : undefined;
    if (!old) {
      summary.goalsAdded += 1;
      summary.stepsAdded += goal.steps.length;
      continue;
    }
    if (
      !same(old.wording.trim(), goal.wording.trim()) ||
      !same(old.indicator?.trim(), goal.indicator?.trim())
    )
      summary.goalsRewritten += 1;
    if (goal.status === 'dropped' && old.status !== 'dropped') summary.goalsDropped += 1;
    if (!same(old.targetOn, goal.targetOn) || !same(old.followUpOn, goal.followUpOn)) summary.datesMoved += 1;
    if (!same(old.field, goal.field)) summary.fieldsChanged += 1;
    for (const step of goal.steps) {
      const was = step.id ? beforeSteps.get(step.id) : undefined;
      if (!was) summary.stepsAdded += 1;
      else if (!same(was.dueOn, step.dueOn)) summary.datesMoved += 1;
      else if (JSON.stringify({ ...was, id: undefined }) !== JSON.stringify({ ...step, id: undefined }))
        summary.stepsChanged += 1;
    }
  }
  if (!same(before.header.reviewOn, after.header.reviewOn)) summary.datesMoved += 1;
  const revision = summary.goalsRewritten > 0 || summary.goalsDropped > 0 || removed > 0;
  const changed =
    revision ||
    summary.goalsAdded > 0 ||
    summary.stepsAdded > 0 ||
    summary.stepsChanged > 0 ||
    summary.datesMoved > 0 ||
    summary.fieldsChanged > 0 ||
    summary.headerChanged;
  return { kind: revision ? 'revision' : changed ? 'extension' : null, summary };
}

export interface PlanStatus {
  goals: { total: number; byAttainment: Record<Attainment | 'unreviewed', number> };
  overdueSteps: number;
  stepsNext30Days: number;
  nextReviewOn: string | null;
}

/** The plan at a glance for the case overview. */
export function planStatus(
  doc: PlanDoc,
  latestAttainment: Map<string, Attainment>,
  today: string,
): PlanStatus {
  const byAttainment: PlanStatus['goals']['byAttainment'] = {
    not: 0,
    partly: 0,
    largely: 0,
    fully: 0,
    dropped: 0,
    unreviewed: 0,
  };
  const goals = flatGoals(doc);
  for (const goal of goals) {
    const attainment = goal.id ? latestAttainment.get(goal.id) : undefined;
    // A goal marked achieved counts as fully reached even before a formal review says so.
    const fallback = goal.status === 'achieved' ? 'fully' : 'unreviewed';
    byAttainment[goal.status === 'dropped' ? 'dropped' : (attainment ?? fallback)] += 1;
  }
  const open = goals
    .flatMap((g) => (g.status === 'dropped' ? [] : g.steps))
    .filter((s) => s.status === 'open');
  const horizon = addDays(today, 30);
  const reviews = [
    doc.header.reviewOn,
    ...goals.filter((g) => g.status === 'active').map((g) => g.followUpOn),
  ]
    .filter((d): d is string => typeof d === 'string' && d >= today)
    .sort();
  return {
    goals: { total: goals.length, byAttainment },
    overdueSteps: open.filter((s) => s.dueOn && s.dueOn < today).length,
    stepsNext30Days: open.filter((s) => s.dueOn && s.dueOn >= today && s.dueOn <= horizon).length,
    nextReviewOn: reviews[0] ?? null,
  };
}
