import { describe, expect, it } from 'vitest';
import { formatDay, isoDay, parseDay } from './format';

describe('calendar days', () => {
  it.each([
    ['2026-03-01', 'de', '01.03.2026'],
    ['2026-12-31', 'de', '31.12.2026'],
    ['2026-03-01', 'en', 'Mar 1, 2026'],
    ['not a date', 'de', 'not a date'],
    ['2026-02-30', 'de', '2026-02-30'],
  ])('%s in %s → %s', (iso, language, expected) => {
    expect(formatDay(iso, language)).toBe(expected);
  });

  it('reads a day as local midnight, so it never shifts by a time zone', () => {
    const date = parseDay('2026-03-01');
    expect(date?.getDate()).toBe(1);
    expect(date?.getHours()).toBe(0);
    expect(date && isoDay(date)).toBe('2026-03-01');
  });

  it('refuses what is not a day', () => {
    expect(parseDay('2026-3-1')).toBeNull();
    expect(parseDay('')).toBeNull();
  });
});
