/** Rules of a case (Fall): kinds, the phases of the case-management cycle, case numbers, caseloads. Pure. */

export const CASE_KINDS = ['information', 'counselling', 'case_management'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** The six phases of the Regelkreis [BRIEF 2; 001 L1375–1410], then closed. */
export const PHASES = [
  'intake',
  'assessment',
  'planning',
  'linking',
  'monitoring',
  'evaluation',
  'closed',
] as const;
export type Phase = (typeof PHASES)[number];

/**
 * Every phase but closed. Queries name them (`phase in (…)`) rather than `phase != 'closed'`: an equality list
 * is an index condition on (…, phase) indexes, so a person's open cases are found without reading the closed ones.
 */
export const OPEN_PHASES = PHASES.filter((p): p is Exclude<Phase, 'closed'> => p !== 'closed');

export const ACCESS_ROUTES = ['self', 'agency_referral', 'outreach', 'mandated'] as const;
export type AccessRoute = (typeof ACCESS_ROUTES)[number];

/** Closure reasons [001 L1193–1285]; the last two are set by the system. */
export const CLOSURE_REASONS = [
  'goals_reached',
  'ended_by_client',
  'insufficient_cooperation',
  'structural_obstacles',
  'no_contact',
  'moved_or_other_agency',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const INDICATION_DECISIONS = ['cm_needed', 'counselling_only', 'referred_elsewhere'] as const;
export const CONTRACT_FORMS = ['oral', 'written'] as const;
export const DELEGATION_SCOPES = ['full', 'journal'] as const;
export type DelegationScope = (typeof DELEGATION_SCOPES)[number];

/** Only case-management cases run the whole cycle; information and counselling contacts are opened and closed. */
export function cycleOf(kind: CaseKind): readonly Phase[] {
  return kind === 'case_management' ? PHASES : ['intake', 'closed'];
}

/**
 * Allowed phase moves: forward one step; back to assessment from any later working phase
 * (re-assessment, the cycle may return [001 L1375–1410]); from closed, reopen into the phase the case
 * had when it was closed.
 */
export function allowedMoves(kind: CaseKind, from: Phase, phaseBeforeClosing: Phase | null = null): Phase[] {
  const cycle = cycleOf(kind);
  const i = cycle.indexOf(from);
  if (i < 0) return [];
  if (from === 'closed') {
    const target =
      phaseBeforeClosing && phaseBeforeClosing !== 'closed' && cycle.includes(phaseBeforeClosing)
        ? phaseBeforeClosing
        : (cycle[cycle.length - 2] ?? 'intake');
    return [target];
  }
  const moves: Phase[] = [];
  const next = cycle[i + 1];
  if (next) moves.push(next);
  const assessment = cycle.indexOf('assessment');
  if (assessment >= 0 && i > assessment) moves.push('assessment');
  return moves;
}

export function canMove(
  kind: CaseKind,
  from: Phase,
  to: Phase,
  phaseBeforeClosing: Phase | null = null,
): boolean {
  return allowedMoves(kind, from, phaseBeforeClosing).includes(to);
}

/** Case numbers: "<organisation code>-<year>-<five digits>", e.g. JMD-2026-00042; never reused. */
export function formatCaseNumber(code: string, year: number, sequence: number): string {
  return `${code}-${year}-${String(sequence).padStart(5, '0')}`;
}

export type CaseloadLevel = 'ok' | 'high' | 'over';

/**
 * Running CM cases per full-time post against the organisation's thresholds (defaults 30 and 45 per FTE;
 * the JMD guide names 30 for complex cases, 40–50 agreed, 80 criticised [001 L1441–1450]).
 */
export function caseloadLevel(
  runningCmCases: number,
  ftePercent: number,
  thresholds: { warnPerFte: number; maxPerFte: number },
): { perFte: number | null; level: CaseloadLevel } {
  if (ftePercent <= 0) return { perFte: null, level: runningCmCases > 0 ? 'over' : 'ok' };
  const perFte = Math.round((runningCmCases / (ftePercent / 100)) * 10) / 10;
  const level = perFte > thresholds.maxPerFte ? 'over' : perFte > thresholds.warnPerFte ? 'high' : 'ok';
  return { perFte, level };
}
