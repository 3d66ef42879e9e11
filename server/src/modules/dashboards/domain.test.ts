import { describe, expect, it } from 'vitest';
import {
  consentsExpiringUntil,
  daysBetween,
  effectiveMinCount,
  monthStart,
  noContactDays,
  reviewsDueUntil,
  suppressAverage,
  suppressCount,
  suppressGroup,
} from './domain.js';

describe('windows', () => {
  it.each([
    [183, 153],
    [365, 335],
    [60, 30],
    [30, 30],
    [1, 30],
  ])('a retention review after %i days lists cases after %i days without contact', (review, days) => {
    expect(noContactDays(review)).toBe(days);
  });

  it.each([
    ['2026-03-20', '2026-04-03', '2026-04-19', '2026-03-01'],
    ['2026-12-25', '2027-01-08', '2027-01-24', '2026-12-01'],
    ['2028-02-15', '2028-02-29', '2028-03-16', '2028-02-01'],
  ])('on %s reviews are due until %s, consents expiring until %s, the month began %s', (today, r, c, m) => {
    expect(reviewsDueUntil(today)).toBe(r);
    expect(consentsExpiringUntil(today)).toBe(c);
    expect(monthStart(today)).toBe(m);
  });

  it.each([
    ['2026-01-01', '2026-01-01', 0],
    ['2026-01-01', '2026-03-01', 59],
    ['2026-03-28', '2026-03-30', 2],
  ])('from %s to %s are %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe('suppression', () => {
  it.each([
    [null, 5],
    [5, 5],
    [7, 7],
    [2, 3],
    [1, 3],
  ])('the organisation setting %s gives the threshold %i (never below 3)', (setting, min) => {
    expect(effectiveMinCount(setting)).toBe(min);
  });

  it.each<[number, number, number | null]>([
    [0, 5, 0],
    [1, 5, null],
    [4, 5, null],
    [5, 5, 5],
    [12, 5, 12],
    [2, 3, null],
    [3, 3, 3],
  ])('%i with threshold %i is shown as %s', (value, min, shown) => {
    expect(suppressCount(value, min)).toBe(shown);
  });

  it.each<[string, number[], (number | null)[], number | null]>([
    ['nothing small', [6, 7, 8], [6, 7, 8], 21],
    ['zeros stay', [0, 9, 0], [0, 9, 0], 9],
    ['one small: the smallest other count goes too', [3, 12, 7], [null, 12, null], 22],
    ['one small beside zeros: the only other count goes', [2, 0, 9], [null, 0, null], 11],
    ['two small: nothing more to hide', [2, 4, 20], [null, null, 20], 26],
    ['all small, total shown from the threshold on', [1, 2, 3], [null, null, null], 6],
    ['one small and nothing else: the total is small too', [3, 0, 0], [null, 0, 0], null],
    ['ties: the first of the smallest goes', [4, 6, 6], [null, null, 6], 16],
    ['empty group', [], [], 0],
  ])('%s: %j → %j, total %s', (_name, values, cells, total) => {
    expect(suppressGroup(values, 5)).toEqual({ cells, total });
  });

  it('a total revealed by subtraction never leaves exactly one count hidden', () => {
    for (let a = 0; a < 8; a += 1)
      for (let b = 0; b < 8; b += 1)
        for (let c = 0; c < 8; c += 1) {
          const { cells } = suppressGroup([a, b, c], 5);
          const hiddenNonZero = cells.filter((x, i) => x === null && [a, b, c][i] !== 0).length;
          expect(hiddenNonZero === 1 && a + b + c >= 5).toBe(false);
        }
  });

  it.each<[number | null, number, { average: number | null; answers: number | null }]>([
    [4.26, 8, { average: 4.3, answers: 8 }],
    [3, 5, { average: 3, answers: 5 }],
    [2, 4, { average: null, answers: null }],
    [null, 0, { average: null, answers: 0 }],
  ])('an average of %s over %i answers is shown as %j', (average, answers, shown) => {
    expect(suppressAverage(average, answers, 5)).toEqual(shown);
  });
});
