import type { FieldProblem, Problem } from '../../api/types';
import {
  HEADER_FIELDS,
  type ChangeKind,
  type Goal,
  type Header,
  type LegalType,
  type Plan,
  type SaveBody,
  type SmartKey,
  type Step,
  type SubGoal,
  type Warning,
} from './model';
import type { FieldOfAction } from '../gaps/model';

/*
 * The plan editor works on a local copy of the whole document (the server saves it as a whole). Text fields
 * are strings in the form ('' for "not given") and become null in the request; ids of goals and steps read
 * from the server are kept, so the server can tell a changed goal from a new one (extension vs revision).
 */

export type OfferAnswer = 'yes' | 'no' | 'open';

export interface StepForm {
  key: string;
  id?: string;
  what: string;
  who: Step['who'];
  whoName: string;
  dueOn: string;
  provider: string;
  offer: string;
  costBearer: string;
  mode: NonNullable<Step['mode']> | '';
  status: Step['status'];
  offerAvailable: OfferAnswer;
  doneOn: string;
}

export interface GoalForm {
  key: string;
  id?: string;
  wording: string;
  clientWords: boolean;
  indicator: string;
  targetOn: string;
  followUpOn: string;
  needId: string | null;
  /** Field of action; '' for not assigned. */
  field: FieldOfAction | '';
  smart: Record<SmartKey, boolean>;
  status: Goal['status'];
  steps: StepForm[];
  /** Sub-goals; always empty on a sub-goal (two levels only). */
  subGoals: GoalForm[];
}

export interface PlanForm {
  legalType: LegalType | '';
  legalNote: string;
  header: Record<Exclude<keyof Header, 'reviewOn'>, string> & { reviewOn: string };
  goals: GoalForm[];
}

let counter = 0;
/** A key for React lists that stays with an item while it moves; never sent. */
export function newKey(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}`;
}

const text = (value: string | null | undefined) => value ?? '';
const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function noSmart(): Record<SmartKey, boolean> {
  return { specific: false, measurable: false, achievable: false, relevant: false, timed: false };
}

export function emptyStep(): StepForm {
  return {
    key: newKey('s'),
    what: '',
    who: 'client',
    whoName: '',
    dueOn: '',
    provider: '',
    offer: '',
    costBearer: '',
    mode: '',
    status: 'open',
    offerAvailable: 'open',
    doneOn: '',
  };
}

export function emptyGoal(changes: Partial<GoalForm> = {}): GoalForm {
  return {
    key: newKey('g'),
    wording: '',
    clientWords: false,
    indicator: '',
    targetOn: '',
    followUpOn: '',
    needId: null,
    field: '',
    smart: noSmart(),
    status: 'active',
    steps: [],
    subGoals: [],
    ...changes,
  };
}

export function emptyForm(): PlanForm {
  return {
    legalType: '',
    legalNote: '',
    header: {
      participants: '',
      benefitsEarlier: '',
      benefitsCurrent: '',
      problem: '',
      resources: '',
      obligations: '',
      costBearers: '',
      reviewOn: '',
    },
    goals: [],
  };
}

function stepToForm(step: Step): StepForm {
  return {
    key: step.id,
    id: step.id,
    what: step.what,
    who: step.who,
    whoName: text(step.whoName),
    dueOn: text(step.dueOn),
    provider: text(step.provider),
    offer: text(step.offer),
    costBearer: text(step.costBearer),
    mode: step.mode ?? '',
    status: step.status,
    offerAvailable: step.offerAvailable === null ? 'open' : step.offerAvailable ? 'yes' : 'no',
    doneOn: text(step.doneOn),
  };
}

function goalToForm(goal: Goal | SubGoal): GoalForm {
  return {
    key: goal.id,
    id: goal.id,
    wording: goal.wording,
    clientWords: goal.clientWords,
    indicator: text(goal.indicator),
    targetOn: text(goal.targetOn),
    followUpOn: text(goal.followUpOn),
    needId: goal.needId,
    field: goal.field ?? '',
    smart: { ...goal.smart },
    status: goal.status,
    steps: goal.steps.map(stepToForm),
    subGoals: 'subGoals' in goal ? goal.subGoals.map(goalToForm) : [],
  };
}

/** The plan as read from the server → the editor's local copy (a new plan starts empty). */
export function planToForm(plan: Plan | null): PlanForm {
  if (plan === null) return emptyForm();
  const header = { ...emptyForm().header };
  for (const field of HEADER_FIELDS) header[field] = text(plan.header[field]);
  header.reviewOn = text(plan.header.reviewOn);
  return {
    legalType: plan.legalType ?? '',
    legalNote: text(plan.legalNote),
    header,
    goals: plan.goals.map(goalToForm),
  };
}

type StepBody = SaveBody['goals'][number]['steps'][number];
type SubGoalBody = NonNullable<SaveBody['goals'][number]['subGoals']>[number];

function stepBody(step: StepForm): StepBody {
  return {
    ...(step.id ? { id: step.id } : {}),
    what: step.what.trim(),
    who: step.who,
    whoName: orNull(step.whoName),
    dueOn: orNull(step.dueOn),
    provider: orNull(step.provider),
    offer: orNull(step.offer),
    costBearer: orNull(step.costBearer),
    mode: step.mode === '' ? null : step.mode,
    status: step.status,
    offerAvailable: step.offerAvailable === 'open' ? null : step.offerAvailable === 'yes',
    doneOn: step.status === 'done' ? orNull(step.doneOn) : null,
  };
}

function subGoalBody(goal: GoalForm): SubGoalBody {
  return {
    ...(goal.id ? { id: goal.id } : {}),
    wording: goal.wording.trim(),
    clientWords: goal.clientWords,
    indicator: orNull(goal.indicator),
    targetOn: orNull(goal.targetOn),
    followUpOn: orNull(goal.followUpOn),
    needId: goal.needId,
    field: goal.field === '' ? null : goal.field,
    smart: { ...goal.smart },
    status: goal.status,
    steps: goal.steps.map(stepBody),
  };
}

export interface SaveOptions {
  version: number;
  changeKind?: ChangeKind;
  reason?: string;
}

/** The PUT body: the whole document, with the version read and — for an agreed plan — the kind of change. */
export function saveBody(form: PlanForm, options: SaveOptions): SaveBody {
  const header = { ...form.header } as Record<keyof Header, string | null>;
  for (const field of HEADER_FIELDS) header[field] = orNull(form.header[field]);
  header.reviewOn = orNull(form.header.reviewOn);
  const reason = options.reason === undefined ? null : orNull(options.reason);
  return {
    version: options.version,
    ...(options.changeKind ? { changeKind: options.changeKind } : {}),
    ...(reason !== null ? { reason } : {}),
    legalType: form.legalType === '' ? null : form.legalType,
    legalNote: orNull(form.legalNote),
    header: header as SaveBody['header'],
    goals: form.goals.map((goal) => ({ ...subGoalBody(goal), subGoals: goal.subGoals.map(subGoalBody) })),
  };
}

/** Moves the item at `index` one place up (-1) or down (+1); out of range leaves the list as it is. */
export function moveItem<T>(items: readonly T[], index: number, direction: -1 | 1): T[] {
  const target = index + direction;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(target, 0, item);
  return next;
}

/** Top-level goals that count against the organisation's limit (dropped goals do not, as on the server). */
export function countedGoals(form: PlanForm): number {
  return form.goals.filter((g) => g.status !== 'dropped').length;
}

const SEGMENT_IDS: Record<string, string> = { goals: 'goal', subGoals: 'sub', steps: 'step' };

/**
 * The id of the control for a field path as the problem reader gives it (`goals.0.subGoals.1.indicator`):
 * `plan-goal-0-sub-1-indicator`. `goals` alone (the limit) is the list of goals.
 */
export function fieldId(path: string): string {
  if (path === 'goals') return 'plan-goals';
  return ['plan', ...path.split('.').map((segment) => SEGMENT_IDS[segment] ?? segment)].join('-');
}

/** The id prefix of a goal (`[0]`) or sub-goal (`[0, 1]`), matching fieldId. */
export function goalPrefix(position: readonly number[]): string {
  const [goal, sub] = position;
  return sub === undefined ? `plan-goal-${goal}` : `plan-goal-${goal}-sub-${sub}`;
}

export interface FieldNames {
  goal: (n: number) => string;
  subGoal: (n: number) => string;
  step: (n: number) => string;
  /** The label of a field by its last path segment (`wording`, `header.problem`, `changeKind`, …). */
  field: (name: string) => string;
}

/** A readable name for a field path: "Ziel 1 › Teilziel 2 › Schritt 3 › Was ist zu tun?". */
export function fieldLabel(path: string, names: FieldNames): string {
  const segments = path.split('.');
  const parts: string[] = [];
  let i = 0;
  while (i < segments.length) {
    const segment = segments[i] ?? '';
    const index = Number(segments[i + 1]);
    if (segment in SEGMENT_IDS && Number.isInteger(index) && i + 1 < segments.length) {
      const n = index + 1;
      parts.push(
        segment === 'goals' ? names.goal(n) : segment === 'subGoals' ? names.subGoal(n) : names.step(n),
      );
      i += 2;
    } else {
      parts.push(names.field(segments.slice(i).join('.')));
      break;
    }
  }
  return parts.join(' › ');
}

/**
 * Field problems whose codes only the plan knows (max-goals, is-revision, after-target) get the plan's own
 * sentence; the shared problem reader shows a field problem's message when it does not know its code.
 */
export function withPlanMessages(problem: Problem, message: (error: FieldProblem) => string | null): Problem {
  if (!problem.errors) return problem;
  return {
    ...problem,
    errors: problem.errors.map((error) => {
      const own = message(error);
      return own === null ? error : { ...error, message: own };
    }),
  };
}

/** Warnings by the pointer of the step they belong to (`/goals/0/steps/1`). */
export function warningsByStep(warnings: readonly Warning[]): Map<string, Warning[]> {
  const result = new Map<string, Warning[]>();
  for (const warning of warnings) {
    const match = /^(\/goals\/\d+(?:\/subGoals\/\d+)?\/steps\/\d+)(?:\/|$)/.exec(warning.pointer ?? '');
    if (!match?.[1]) continue;
    result.set(match[1], [...(result.get(match[1]) ?? []), warning]);
  }
  return result;
}

/** The pointer of a step by its position: goal, optional sub-goal, step. */
export function stepPointer(goal: number, sub: number | null, step: number): string {
  return sub === null ? `/goals/${goal}/steps/${step}` : `/goals/${goal}/subGoals/${sub}/steps/${step}`;
}

/** Whether the problem concerns the change dialog (kind of change or reason) rather than the document. */
export function isChangeProblem(problem: Problem): boolean {
  return (problem.errors ?? []).some((e) => e.pointer === '/changeKind' || e.pointer === '/reason');
}

/** The latest review of a goal (reviews come in any order; the latest date wins). */
export function latestReview<R extends { reviewedOn: string }>(reviews: readonly R[]): R | null {
  return reviews.reduce<R | null>(
    (latest, r) => (latest === null || r.reviewedOn >= latest.reviewedOn ? r : latest),
    null,
  );
}

/** Fewer steps planned in the next 30 days mean more drop-outs: below this many the glance says so. */
export const FEW_STEPS = 2;
