import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, endOfLocalDay, localDate, startOfLocalDay } from './clock.js';

describe('the office’s calendar day as instants', () => {
  it.each([
    ['winter', '2026-12-06', '2026-12-05T23:00:00.000Z'],
    ['summer', '2026-07-01', '2026-06-30T22:00:00.000Z'],
    [
      'the day the clocks go forward (midnight still in winter time)',
      '2026-03-29',
      '2026-03-28T23:00:00.000Z',
    ],
    ['the day after', '2026-03-30', '2026-03-29T22:00:00.000Z'],
    ['the day the clocks go back (midnight still in summer time)', '2026-10-25', '2026-10-24T22:00:00.000Z'],
    ['the day after', '2026-10-26', '2026-10-25T23:00:00.000Z'],
  ])('%s: %s begins at %s', (_name, date, instant) => {
    expect(startOfLocalDay(date)).toBe(instant);
  });

  it('begins exactly where the day before ends, for any day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 40 }), (n) => {
        const day = addDays('2000-01-01', n);
        const start = new Date(startOfLocalDay(day));
        expect(localDate(start)).toBe(day);
        expect(localDate(new Date(start.getTime() - 1))).toBe(addDays(day, -1));
        // A day's exclusive end is where the next day begins.
        expect(endOfLocalDay(addDays(day, -1))).toBe(start.toISOString());
      }),
    );
  });
});
