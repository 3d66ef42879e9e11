import { describe, expect, it } from 'vitest';
import type { Phase } from '../../api/types';
import { moveKindOf, orderedMoves, stepsOf } from './phases';

describe('stepsOf', () => {
  it('marks the phases before the current one as run through', () => {
    expect(stepsOf('case_management', 'planning').map((s) => `${s.phase}:${s.state}`)).toEqual([
      'intake:done',
      'assessment:done',
      'planning:current',
      'linking:upcoming',
      'monitoring:upcoming',
      'evaluation:upcoming',
      'closed:upcoming',
    ]);
  });

  it('shows a closed case with every phase run through', () => {
    const steps = stepsOf('case_management', 'closed');
    expect(steps.filter((s) => s.state === 'done')).toHaveLength(6);
    expect(steps.at(-1)).toEqual({ phase: 'closed', state: 'current' });
  });

  it('shows only intake and closing for counselling cases and information contacts', () => {
    expect(stepsOf('counselling', 'intake')).toEqual([
      { phase: 'intake', state: 'current' },
      { phase: 'closed', state: 'upcoming' },
    ]);
    expect(stepsOf('information', 'closed').map((s) => s.state)).toEqual(['done', 'current']);
  });
});

describe('moveKindOf', () => {
  it.each<[Phase, Phase, string]>([
    ['intake', 'assessment', 'forward'],
    ['monitoring', 'evaluation', 'forward'],
    ['evaluation', 'closed', 'close'],
    ['intake', 'closed', 'close'],
    ['monitoring', 'assessment', 'reassessment'],
    ['evaluation', 'assessment', 'reassessment'],
    ['closed', 'evaluation', 'reopen'],
    ['closed', 'intake', 'reopen'],
    ['linking', 'planning', 'back'],
  ])('%s → %s is %s', (from, to, kind) => {
    expect(moveKindOf(from, to)).toBe(kind);
  });
});

describe('orderedMoves', () => {
  it('offers the next step before going back', () => {
    expect(orderedMoves('monitoring', ['assessment', 'evaluation'])).toEqual(['evaluation', 'assessment']);
  });
});
