import { describe, expect, it } from 'vitest';
import { allowedMoves, canMove, caseloadLevel, formatCaseNumber } from './domain.js';

describe('phase moves of a case-management case', () => {
  it.each([
    ['intake', ['assessment']],
    ['assessment', ['planning']],
    ['planning', ['linking', 'assessment']],
    ['linking', ['monitoring', 'assessment']],
    ['monitoring', ['evaluation', 'assessment']],
    ['evaluation', ['closed', 'assessment']],
  ] as const)('from %s: %j', (from, moves) => {
    expect(allowedMoves('case_management', from)).toEqual(moves);
  });

  it.each([
    ['intake', 'planning', false, 'skipping a phase'],
    ['planning', 'intake', false, 'back to intake'],
    ['monitoring', 'planning', false, 'back other than to assessment'],
    ['assessment', 'assessment', false, 'staying'],
    ['monitoring', 'closed', false, 'closing before evaluation'],
    ['evaluation', 'closed', true, 'closing after evaluation'],
    ['linking', 'assessment', true, 're-assessment'],
  ] as const)('%s → %s: %s (%s)', (from, to, ok, _why) => {
    expect(canMove('case_management', from, to)).toBe(ok);
  });

  it('reopens a closed case into the phase it had when it was closed', () => {
    expect(allowedMoves('case_management', 'closed', 'evaluation')).toEqual(['evaluation']);
    expect(allowedMoves('case_management', 'closed', null)).toEqual(['evaluation']);
  });
});

describe('phase moves of information and counselling cases', () => {
  it.each(['information', 'counselling'] as const)('%s: intake ↔ closed only', (kind) => {
    expect(allowedMoves(kind, 'intake')).toEqual(['closed']);
    expect(allowedMoves(kind, 'closed', 'intake')).toEqual(['intake']);
    expect(canMove(kind, 'intake', 'assessment')).toBe(false);
  });
});

describe('case numbers', () => {
  it.each([
    ['JMD', 2026, 42, 'JMD-2026-00042'],
    ['KIM', 2027, 1, 'KIM-2027-00001'],
    ['CM', 2026, 123456, 'CM-2026-123456'],
  ])('%s %d %d → %s', (code, year, seq, expected) => {
    expect(formatCaseNumber(code, year, seq)).toBe(expected);
  });
});

describe('caseload per full-time post', () => {
  const t = { warnPerFte: 30, maxPerFte: 45 };
  it.each([
    [30, 100, 30, 'ok'],
    [31, 100, 31, 'high'],
    [45, 100, 45, 'high'],
    [46, 100, 46, 'over'],
    [20, 50, 40, 'high'],
    [12, 75, 16, 'ok'],
    [3, 0, null, 'over'],
    [0, 0, null, 'ok'],
  ] as const)('%d cases at %d%% → %s per FTE, %s', (cases, fte, perFte, level) => {
    expect(caseloadLevel(cases, fte, t)).toEqual({ perFte, level });
  });
});
