import { PHASES, type CaseKind, type Phase } from '../../api/types';

/** The phases a case of this kind runs through: only case-management cases run the whole cycle. */
export function cycleOf(kind: CaseKind): readonly Phase[] {
  return kind === 'case_management' ? PHASES : ['intake', 'closed'];
}

export type StepState = 'done' | 'current' | 'upcoming';

export interface Step {
  phase: Phase;
  state: StepState;
}

/**
 * The phase stepper: phases before the current one count as run through, those after it as not reached —
 * also after a re-assessment, when the case has been in later phases before: it has to pass them again.
 */
export function stepsOf(kind: CaseKind, current: Phase): Step[] {
  const cycle = cycleOf(kind);
  const index = cycle.indexOf(current);
  return cycle.map((phase, i) => ({
    phase,
    state: index < 0 ? 'upcoming' : i < index ? 'done' : i === index ? 'current' : 'upcoming',
  }));
}

export type MoveKind = 'forward' | 'reassessment' | 'back' | 'close' | 'reopen';

/** What a phase change means to the user; decides the wording of the button and of the history. */
export function moveKindOf(from: Phase, to: Phase): MoveKind {
  if (from === 'closed') return 'reopen';
  if (to === 'closed') return 'close';
  const fromIndex = PHASES.indexOf(from);
  const toIndex = PHASES.indexOf(to);
  if (toIndex > fromIndex) return 'forward';
  return to === 'assessment' ? 'reassessment' : 'back';
}

/** Moves in the order the buttons appear: the regular next step first, going back after it. */
export function orderedMoves(from: Phase, moves: readonly Phase[]): Phase[] {
  const rank: Record<MoveKind, number> = { forward: 0, close: 1, reopen: 2, reassessment: 3, back: 4 };
  return [...moves].sort((a, b) => rank[moveKindOf(from, a)] - rank[moveKindOf(from, b)]);
}
