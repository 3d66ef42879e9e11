import { CLOSURE_REASONS, cycleOf, type CaseKind, type ClosureReason, type Phase } from '../cases/domain.js';
import type { Attainment } from '../plan/domain.js';

/**
 * Rules of the evaluation and closure of a case (issue 8; BRIEF 2.6): who ended it, the client's satisfaction
 * in the five dimensions of the JMD guide, the methods used, where the client went (Verbleib), the closure
 * reasons a person may choose, the follow-up talk about six months later, and which case kinds convert into
 * which. Pure functions.
 */

/** Who ended the case management: planned by the case manager, by the client, or both in consent [001 L1163–1164]. */
export const ENDED_BY = ['case_manager', 'client', 'both'] as const;
export type EndedBy = (typeof ENDED_BY)[number];

/** "Hat sich die Lebenssituation verbessert?" [001 L1170]. */
export const LIFE_SITUATIONS = ['yes', 'partly', 'no'] as const;
export type LifeSituation = (typeof LIFE_SITUATIONS)[number];

/**
 * The five dimensions of satisfaction [001 L1154–1160]: general satisfaction (atmosphere, reachability,
 * speed), the course of counselling (competence, being accepted, agreeing goals), its results (support with
 * concrete concerns, relief), the client's expectations met, the mandate fulfilled (the referral function).
 */
export const SATISFACTION_DIMENSIONS = ['general', 'course', 'results', 'expectations', 'mandate'] as const;
export type SatisfactionDimension = (typeof SATISFACTION_DIMENSIONS)[number];
/** 1 = not at all satisfied … 5 = very satisfied (higher is better); null = not answered. */
export type Satisfaction = Record<SatisfactionDimension, number | null>;
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/** Asked in the talk, filled in by the client on a form in their language, or not asked. */
export const SATISFACTION_MODES = ['with_client', 'client_form', 'not_asked'] as const;
export type SatisfactionMode = (typeof SATISFACTION_MODES)[number];
/** The languages of the printed form (as the plan's printout). */
export const FORM_LANGUAGES = ['de', 'en', 'ar', 'uk'] as const;
export type FormLanguage = (typeof FORM_LANGUAGES)[number];

/**
 * Methods used in the case, from the sources: counselling (sozialpädagogische Beratung [001 L76–78]), an
 * assessment instrument (Screeningbogen, Ressourcenerhebung [001 L483, L545–576]), the network map
 * (Netzwerkkarte [001 L1541]), case conferences [000 L402, L479], referral to offers (Linking [001 L1036–1040]),
 * accompanying the client to offices and appointments [003 L2460–2466], group offers [001 L72–73, L939–947],
 * home visits [000 L477].
 */
export const METHODS = [
  'counselling',
  'assessment_instrument',
  'network_map',
  'case_conference',
  'referral',
  'accompaniment',
  'group_offer',
  'home_visit',
  'other',
] as const;
export type Method = (typeof METHODS)[number];

/**
 * Where the client went after the case (Verbleib) — the basis of the Verbleibs- and Eingliederungsquote
 * [002 L681–694]: work, training, school, further help elsewhere, unemployed, or not known.
 */
export const DESTINATIONS = [
  'employment',
  'training',
  'school',
  'further_help',
  'unemployed',
  'unknown',
] as const;
export type Destination = (typeof DESTINATIONS)[number];

/**
 * The reasons a person closes a case with [001 L1193–1285]. "No contact for nine months" is the retention
 * job's (it closes and anonymises the case itself [001 L1270–1285]); nobody chooses it by hand.
 */
export const CHOSEN_CLOSURE_REASONS = CLOSURE_REASONS.filter(
  (r): r is Exclude<ClosureReason, 'no_contact'> => r !== 'no_contact',
);

/** The follow-up talk that checks how lasting the result is comes about six months after the end [001 L1145]. */
export const FOLLOW_UP_MONTHS = 6;
export const FOLLOW_UP_TEXT = 'Nachgespräch sechs Monate nach Abschluss (Nachhaltigkeit prüfen)';

export interface Finding {
  pointer: string;
  code: string;
  params?: Record<string, unknown>;
}

/** A date some months later; the 31st becomes the last day of a shorter month (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function followUpDate(endedOn: string): string {
  return addMonths(endedOn, FOLLOW_UP_MONTHS);
}

export interface EvaluationInput {
  evaluatedOn: string;
  endedBy: EndedBy | null;
  lifeSituation: LifeSituation | null;
  satisfaction: Satisfaction;
  satisfactionMode: SatisfactionMode;
  satisfactionLanguage: FormLanguage | null;
  methods: Method[];
  destination: Destination | null;
  gapsFound: string | null;
  summary: string | null;
  goals: { goalId: string; attainment: Attainment }[];
  followUpOffered: boolean;
  followUpAgreed: boolean;
}

export interface EvaluationContext {
  /** Ids of the goals of the case's plan. */
  goalIds: ReadonlySet<string>;
  openedOn: string;
  today: string;
}

/** What refuses an evaluation (the schema has checked types, ranges and lists). */
export function evaluationErrors(input: EvaluationInput, context: EvaluationContext): Finding[] {
  const errors: Finding[] = [];
  if (input.evaluatedOn > context.today) errors.push({ pointer: '/evaluatedOn', code: 'in-future' });
  else if (input.evaluatedOn < context.openedOn) errors.push({ pointer: '/evaluatedOn', code: 'date-order' });
  if (input.satisfactionMode === 'client_form' && !input.satisfactionLanguage) {
    errors.push({ pointer: '/satisfactionLanguage', code: 'required' });
  }
  if (input.satisfactionMode === 'not_asked') {
    for (const dimension of SATISFACTION_DIMENSIONS) {
      if (input.satisfaction[dimension] !== null)
        errors.push({ pointer: `/satisfaction/${dimension}`, code: 'not-asked' });
    }
  }
  const seen = new Set<string>();
  input.goals.forEach((g, i) => {
    if (!context.goalIds.has(g.goalId))
      errors.push({ pointer: `/goals/${i}/goalId`, code: 'unknown-reference' });
    else if (seen.has(g.goalId)) errors.push({ pointer: `/goals/${i}/goalId`, code: 'duplicate-key' });
    seen.add(g.goalId);
  });
  if (input.followUpAgreed && !input.followUpOffered) {
    errors.push({ pointer: '/followUpAgreed', code: 'not-offered' });
  }
  return errors;
}

/** The evaluation as stored: texts trimmed (blank → null), the language only where the client was asked. */
export function normaliseEvaluation(input: EvaluationInput): EvaluationInput {
  const text = (v: string | null) => v?.trim() || null;
  return {
    ...input,
    satisfactionLanguage: input.satisfactionMode === 'not_asked' ? null : input.satisfactionLanguage,
    methods: METHODS.filter((m) => input.methods.includes(m)),
    gapsFound: text(input.gapsFound),
    summary: text(input.summary),
  };
}

/** The mean of the answered dimensions, one decimal; null when none was answered. */
export function satisfactionMean(satisfaction: Satisfaction): number | null {
  const answered = SATISFACTION_DIMENSIONS.map((d) => satisfaction[d]).filter((v): v is number => v !== null);
  if (answered.length === 0) return null;
  return Math.round((answered.reduce((s, v) => s + v, 0) / answered.length) * 10) / 10;
}

export interface ClosureInput {
  closedOn: string;
  closureReason: ClosureReason;
}

/** What refuses a closure as entered. */
export function closureErrors(input: ClosureInput, context: { openedOn: string; today: string }): Finding[] {
  const errors: Finding[] = [];
  if (input.closureReason === 'no_contact')
    errors.push({ pointer: '/closureReason', code: 'set-by-retention' });
  if (input.closedOn > context.today) errors.push({ pointer: '/closedOn', code: 'in-future' });
  else if (input.closedOn < context.openedOn) errors.push({ pointer: '/closedOn', code: 'date-order' });
  return errors;
}

/**
 * A case-management case is closed with its evaluation (Phase 6 [001 L1140–1180]); counselling and information
 * contacts may close without one.
 */
export function evaluationRequired(kind: CaseKind): boolean {
  return kind === 'case_management';
}

/**
 * What a case-management case's evaluation must say before the case closes: that there is one, who ended the
 * case and whether the life situation improved [001 L1163–1170]. Other kinds close without.
 */
export function closureNeeds(
  kind: CaseKind,
  evaluation: { endedBy: EndedBy | null; lifeSituation: LifeSituation | null } | null,
): Finding[] {
  if (!evaluationRequired(kind)) return [];
  if (!evaluation) return [{ pointer: '/evaluation', code: 'required' }];
  const missing: Finding[] = [];
  if (!evaluation.endedBy) missing.push({ pointer: '/endedBy', code: 'required' });
  if (!evaluation.lifeSituation) missing.push({ pointer: '/lifeSituation', code: 'required' });
  return missing;
}

/**
 * What the case manager confirms before closing: goals of the plan without a final attainment, follow-ups of
 * the case still open (they stay in the list after closing).
 */
export function closureWarnings(facts: { unratedGoals: number; openFollowUps: number }): Finding[] {
  const warnings: Finding[] = [];
  if (facts.unratedGoals > 0)
    warnings.push({ pointer: '/confirm', code: 'goals-unrated', params: { count: facts.unratedGoals } });
  if (facts.openFollowUps > 0)
    warnings.push({ pointer: '/confirm', code: 'open-follow-ups', params: { count: facts.openFollowUps } });
  return warnings;
}

/** Kinds that convert into each other: a counselling case becomes a CM case and back [BRIEF 2; 001 L1227–1233]. */
export const CONVERTIBLE_KINDS = ['counselling', 'case_management'] as const;

export function kindChangeErrors(from: CaseKind, to: CaseKind): Finding[] {
  const convertible = (k: CaseKind) => (CONVERTIBLE_KINDS as readonly string[]).includes(k);
  if (from === to) return [{ pointer: '/kind', code: 'unchanged' }];
  if (!convertible(from) || !convertible(to)) return [{ pointer: '/kind', code: 'not-allowed' }];
  return [];
}

/**
 * The phase after converting: a counselling case knows only intake and closed, so a CM case in a later phase
 * continues as a counselling case in intake; a counselling case becomes a CM case at the start of the cycle.
 */
export function phaseAfterKindChange(to: CaseKind, phase: Phase): Phase {
  return cycleOf(to).includes(phase) ? phase : 'intake';
}
