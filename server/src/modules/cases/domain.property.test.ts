/** Property-based tests (fast-check) of the phase rules and case numbers. Settings: test/property.ts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_OPTIONS } from '../../test/property.js';
import {
  allowedMoves,
  canMove,
  CASE_KINDS,
  caseloadLevel,
  cycleOf,
  formatCaseNumber,
  PHASES,
} from './domain.js';

const kind = fc.constantFrom(...CASE_KINDS);
const phase = fc.constantFrom(...PHASES);

describe('phase transitions', () => {
  it('every allowed move stays in the kind’s cycle, never to the same phase, and canMove agrees', () => {
    fc.assert(
      fc.property(kind, phase, fc.option(phase, { nil: null }), phase, (k, from, before, to) => {
        const moves = allowedMoves(k, from, before);
        for (const m of moves) {
          expect(cycleOf(k)).toContain(m);
          expect(m).not.toBe(from);
        }
        expect(canMove(k, from, to, before)).toBe(moves.includes(to));
        if (!cycleOf(k).includes(from)) expect(moves).toEqual([]);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('from any phase of the cycle the case can reach closing by moving forward, and a closed case reopens into an open phase', () => {
    fc.assert(
      fc.property(kind, phase, fc.option(phase, { nil: null }), (k, start, before) => {
        const cycle = cycleOf(k);
        fc.pre(cycle.includes(start));
        let current = start;
        for (let i = 0; i < cycle.length && current !== 'closed'; i += 1) {
          const next = allowedMoves(k, current).find((m) => cycle.indexOf(m) > cycle.indexOf(current));
          if (!next) break;
          current = next;
        }
        expect(current).toBe('closed');
        const reopened = allowedMoves(k, 'closed', before);
        expect(reopened).toHaveLength(1);
        expect(reopened[0]).not.toBe('closed');
        if (before && before !== 'closed' && cycle.includes(before)) expect(reopened).toEqual([before]);
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('case numbers and caseloads', () => {
  it('case numbers are unique per sequence and sort in the order they were given within a year', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{1,10}$/),
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 99_999 }),
        fc.integer({ min: 1, max: 99_999 }),
        (code, year, a, b) => {
          const na = formatCaseNumber(code, year, a);
          expect(na).toMatch(new RegExp(`^${code}-${year}-\\d{5}$`));
          expect(na === formatCaseNumber(code, year, b)).toBe(a === b);
          expect(na < formatCaseNumber(code, year, b)).toBe(a < b);
        },
      ),
      PROPERTY_OPTIONS,
    );
  });

  it('a caseload level never goes down when cases are added', () => {
    const rank = { ok: 0, high: 1, over: 2 };
    fc.assert(
      fc.property(
        fc.nat(200),
        fc.nat(50),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (cases, more, fte, warn, extra) => {
          const thresholds = { warnPerFte: warn, maxPerFte: warn + extra };
          const now = caseloadLevel(cases, fte, thresholds);
          const later = caseloadLevel(cases + more, fte, thresholds);
          expect(rank[later.level]).toBeGreaterThanOrEqual(rank[now.level]);
          if (fte > 0) expect(now.perFte).not.toBeNull();
        },
      ),
      PROPERTY_OPTIONS,
    );
  });
});
