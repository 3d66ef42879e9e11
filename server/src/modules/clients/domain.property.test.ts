/** Property-based tests (fast-check) of name folding, edit distance and the duplicate check. Settings: test/property.ts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_OPTIONS } from '../../test/property.js';
import { ageOn, editDistance, foldName, isPossibleDuplicate } from './domain.js';

const name = fc.oneof(
  fc.string({ maxLength: 16 }),
  fc.constantFrom(
    'Müller',
    'Mueller',
    'Yılmaz',
    'YILMAZ',
    'Wałęsa',
    'حداد',
    'Шевченко',
    'Zoë',
    'Ørsted',
    'Straße',
  ),
);
const person = fc.record({
  familyName: name,
  givenNames: name,
  birthDate: fc.option(fc.constantFrom('2004-05-06', '1999-12-31', '2010-02-28'), { nil: null }),
  birthYear: fc.option(fc.constantFrom(2004, 1999, 2010), { nil: null }),
});

describe('foldName', () => {
  it('never throws, leaves no combining marks and ignores letter case of Latin letters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const folded = foldName(text);
        expect(/\p{M}/u.test(folded)).toBe(false);
      }),
      PROPERTY_OPTIONS,
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z ]{0,20}$/), (text) => {
        expect(foldName(text.toUpperCase())).toBe(foldName(text.toLowerCase()));
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('editDistance', () => {
  it('is a metric: zero only for equal texts, symmetric, and obeys the triangle inequality', () => {
    const text = fc.string({ maxLength: 10 });
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
        expect(editDistance(a, b)).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('isPossibleDuplicate', () => {
  it('is symmetric and finds a person as their own duplicate when the birth is known', () => {
    fc.assert(
      fc.property(person, person, (a, b) => {
        expect(isPossibleDuplicate(a, b)).toBe(isPossibleDuplicate(b, a));
        if (a.birthDate !== null || a.birthYear !== null) expect(isPossibleDuplicate(a, a)).toBe(true);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('never matches people born on different days', () => {
    fc.assert(
      fc.property(person, (a) => {
        fc.pre(a.birthDate !== null);
        expect(isPossibleDuplicate(a, { ...a, birthDate: '1950-01-01' })).toBe(false);
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('ageOn', () => {
  it('grows by one exactly on the birthday', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2020 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 80 }),
        (y, m, d, years) => {
          const pad = (n: number) => String(n).padStart(2, '0');
          const born = `${y}-${pad(m)}-${pad(d)}`;
          const birthday = `${y + years}-${pad(m)}-${pad(d)}`;
          expect(ageOn(born, null, birthday)).toBe(years);
          const before = new Date(`${birthday}T12:00:00Z`);
          before.setUTCDate(before.getUTCDate() - 1);
          expect(ageOn(born, null, before.toISOString().slice(0, 10))).toBe(years - 1);
        },
      ),
      PROPERTY_OPTIONS,
    );
  });
});
