/**
 * Property-based tests (fast-check) of the gap reports' rules: the check for the client's name or birth date
 * in texts meant to be anonymous, the bundling key, months and status moves. Settings: test/property.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/clock.js';
import { PROPERTY_OPTIONS } from '../../test/property.js';
import {
  bundleKey,
  checkStatusChange,
  GAP_STATUSES,
  monthsBetween,
  personalDataHits,
  tidyText,
} from './domain.js';

const day = fc.integer({ min: 0, max: 365 * 40 }).map((n) => addDays('1990-01-01', n));
const filler = fc.array(
  fc.constantFrom('Kita-Platz', 'fehlt', 'für', 'U3', 'im', 'Stadtteil', '<b>', '😀', 'مرحبا'),
  {
    maxLength: 6,
  },
);

describe('personal data in anonymous texts (personalDataHits)', () => {
  const client = fc.record({
    familyName: fc.constantFrom('Müller', 'Al-Hassan', 'Yılmaz', 'Kowalczyk', 'Nguyen'),
    givenNames: fc.constantFrom('Samira', 'Zoë', 'Mehmet Ali', 'Olena'),
    birthDate: fc.option(day, { nil: null }),
  });

  it('finds the family name inside any text, in any letter case, and names the field only', () => {
    fc.assert(
      fc.property(client, filler, filler, fc.boolean(), (c, before, after, upper) => {
        const name = upper ? c.familyName.toUpperCase() : c.familyName;
        const text = [...before, name, ...after].join(' ');
        const hits = personalDataHits({ '/need': text, '/description': null }, c);
        expect(hits).toEqual([{ pointer: '/need', kind: 'name' }]);
        expect(JSON.stringify(hits)).not.toContain(c.familyName);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('finds the birth date written the German way', () => {
    fc.assert(
      fc.property(client, filler, (c, words) => {
        fc.pre(c.birthDate !== null);
        const [y, m, d] = (c.birthDate ?? '').split('-');
        const text = [...words, `${d}.${m}.${y}`].join(' ');
        expect(personalDataHits({ '/description': text }, c)).toEqual([
          { pointer: '/description', kind: 'birthDate' },
        ]);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('never throws on any text and finds nothing in texts made of other words', () => {
    fc.assert(
      fc.property(client, fc.string({ unit: 'binary', maxLength: 100 }), filler, (c, text, words) => {
        personalDataHits({ '/need': text }, c);
        expect(personalDataHits({ '/need': words.join(' ') }, { ...c, birthDate: null })).toEqual([]);
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('bundling and months', () => {
  it('tidyText and bundleKey are idempotent; bundles ignore case and spacing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const tidy = tidyText(text);
        expect(tidyText(tidy)).toBe(tidy);
        const key = bundleKey(text);
        expect(bundleKey(key)).toBe(key);
        expect(bundleKey(`  ${text.toUpperCase().replace(/ /g, '   ')} `)).toBe(
          bundleKey(text.toUpperCase()),
        );
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('monthsBetween lists every month once, in order, from the first to the last', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 2000 }), (from, length) => {
        const to = addDays(from, length);
        const months = monthsBetween(from, to);
        expect(months[0]).toBe(from.slice(0, 7));
        expect(months[months.length - 1]).toBe(to.slice(0, 7));
        for (let i = 1; i < months.length; i += 1)
          expect((months[i] ?? '') > (months[i - 1] ?? '')).toBe(true);
        expect(new Set(months).size).toBe(months.length);
        expect(monthsBetween(to, from).length).toBe(to.slice(0, 7) === from.slice(0, 7) ? 1 : 0);
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('status changes', () => {
  it('closing always needs an outcome, a declined one a comment; no move leaves closed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...GAP_STATUSES),
        fc.constantFrom(...GAP_STATUSES),
        fc.option(fc.constantFrom('solved' as const, 'declined' as const), { nil: null }),
        fc.option(fc.constantFrom('', '  ', 'Kein Träger'), { nil: null }),
        (from, to, outcome, comment) => {
          const check = checkStatusChange(from, { status: to, outcome, comment });
          if (from === 'closed') expect(check.ok).toBe(false);
          if (check.ok && to === 'closed') {
            expect(outcome).not.toBeNull();
            if (outcome === 'declined') expect(comment?.trim()).toBeTruthy();
          }
          if (check.ok && to !== 'closed') expect(outcome).toBeNull();
        },
      ),
      PROPERTY_OPTIONS,
    );
  });
});
