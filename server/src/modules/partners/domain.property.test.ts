/** Property-based tests (fast-check) of the partner directory's keys and offer rules. Settings: test/property.ts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_OPTIONS } from '../../test/property.js';
import { customTypeKey, fitsAgeRange, isLanguageCode } from './domain.js';

describe('customTypeKey', () => {
  it('any label gives a key the API accepts (custom_ + lower-case ASCII), and the same label the same key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (label) => {
        const key = customTypeKey(label);
        expect(key).toMatch(/^custom_[a-z0-9_]+$/);
        expect(key.length).toBeLessThanOrEqual(80);
        expect(customTypeKey(` ${label.toUpperCase()} `)).toBe(customTypeKey(label.toUpperCase()));
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('offers', () => {
  it('an age fits an offer exactly within its bounds', () => {
    const bound = fc.option(fc.integer({ min: 0, max: 99 }), { nil: null });
    fc.assert(
      fc.property(bound, bound, fc.integer({ min: 0, max: 120 }), (ageMin, ageMax, age) => {
        expect(fitsAgeRange({ ageMin, ageMax }, age)).toBe(
          (ageMin === null || age >= ageMin) && (ageMax === null || age <= ageMax),
        );
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('language codes are two lower-case letters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), (code) => {
        if (isLanguageCode(code)) expect(code).toMatch(/^[a-z]{2}$/);
      }),
      PROPERTY_OPTIONS,
    );
  });
});
