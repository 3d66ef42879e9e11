/** Property-based tests (fast-check) of the evaluation's date rule (the follow-up talk months later). Settings: test/property.ts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/clock.js';
import { PROPERTY_OPTIONS } from '../../test/property.js';
import { addMonths, followUpDate } from './domain.js';

const day = fc.integer({ min: 0, max: 365 * 80 }).map((n) => addDays('1980-01-01', n));

describe('addMonths', () => {
  it('gives a real date in the month n months later, on the same day or the last day of a shorter month', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -240, max: 240 }), (date, months) => {
        const later = addMonths(date, months);
        expect(new Date(`${later}T00:00:00Z`).toISOString().slice(0, 10)).toBe(later);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        const [ly, lm, ld] = later.split('-').map(Number) as [number, number, number];
        expect(ly * 12 + lm - (y * 12 + m)).toBe(months);
        expect(ld).toBeLessThanOrEqual(d);
        if (ld < d) expect(addDays(later, 1).slice(5, 7)).not.toBe(later.slice(5, 7));
        expect(addMonths(date, 0)).toBe(date);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('the follow-up talk is after the end of the case, and never on a day that does not exist', () => {
    fc.assert(
      fc.property(day, (endedOn) => {
        const talk = followUpDate(endedOn);
        expect(talk > endedOn).toBe(true);
        expect(new Date(`${talk}T00:00:00Z`).toISOString().slice(0, 10)).toBe(talk);
      }),
      PROPERTY_OPTIONS,
    );
  });
});
