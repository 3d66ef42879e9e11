import { describe, expect, it } from 'vitest';
import {
  customTypeKey,
  fitsAgeRange,
  isLanguageCode,
  offerFindings,
  offerValidOn,
  typeFinding,
  type OfferRuleInput,
} from './domain.js';

const offer = (changes: Partial<OfferRuleInput> = {}): OfferRuleInput => ({ languages: ['de'], ...changes });

describe('offer rules', () => {
  it.each<[string, Partial<OfferRuleInput>, [string, string][]]>([
    ['nothing given', { languages: [] }, []],
    [
      'a complete offer',
      { ageMin: 16, ageMax: 27, capacity: 12, freePlaces: 3, validFrom: '2026-01-01', validTo: '2026-12-31' },
      [],
    ],
    ['one age only', { ageMin: 60 }, []],
    ['the same age', { ageMin: 18, ageMax: 18 }, []],
    ['age range upside down', { ageMin: 27, ageMax: 16 }, [['/ageMax', 'age-range']]],
    ['all places free', { capacity: 10, freePlaces: 10 }, []],
    ['more free places than places', { capacity: 10, freePlaces: 11 }, [['/freePlaces', 'exceeds-capacity']]],
    ['free places without capacity', { freePlaces: 4 }, []],
    ['one day only', { validFrom: '2026-03-01', validTo: '2026-03-01' }, []],
    [
      'ends before it starts',
      { validFrom: '2026-03-01', validTo: '2026-02-28' },
      [['/validTo', 'date-order']],
    ],
    ['open end', { validFrom: '2026-03-01' }, []],
    ['languages as ISO 639-1', { languages: ['de', 'ar', 'uk', 'fa', 'ti'] }, []],
    [
      'languages not as ISO 639-1',
      { languages: ['de', 'DE', 'deu', 'xx', 'Arabisch'] },
      [
        ['/languages/1', 'language-code'],
        ['/languages/2', 'language-code'],
        ['/languages/3', 'language-code'],
        ['/languages/4', 'language-code'],
      ],
    ],
    [
      'several rules at once',
      { ageMin: 5, ageMax: 3, capacity: 1, freePlaces: 2 },
      [
        ['/ageMax', 'age-range'],
        ['/freePlaces', 'exceeds-capacity'],
      ],
    ],
  ])('%s', (_, changes, expected) => {
    expect(offerFindings(offer(changes)).map((f) => [f.pointer, f.code])).toEqual(expected);
  });
});

describe('partner types', () => {
  const custom = new Set(['custom_tafel']);
  it.each<[string, string, string | null, boolean]>([
    ['a shipped type', 'jobcenter', null, true],
    ['the catch-all', 'other', null, true],
    ['a custom type of the list', 'custom_tafel', null, true],
    ['an unknown type', 'custom_quartier', null, false],
    ['a shipped-looking typo', 'job_center', null, false],
    ['an archived type the partner already has', 'custom_alt', 'custom_alt', true],
    ['an archived type the partner did not have', 'custom_alt', 'school', false],
  ])('%s', (_, type, current, ok) => {
    const finding = typeFinding(type, custom, current);
    expect(finding).toEqual(ok ? null : { pointer: '/type', code: 'not-in-list' });
  });

  it.each([
    ['Tafel / Lebensmittel', 'custom_tafel_lebensmittel'],
    ['  Bürgerbüro Süd ', 'custom_buergerbuero_sued'],
    ['Straßensozialarbeit', 'custom_strassensozialarbeit'],
    ['Café Élan', 'custom_cafe_elan'],
    ['!!!', 'custom_type'],
  ])('key of "%s"', (label, key) => {
    expect(customTypeKey(label)).toBe(key);
  });
});

describe('validity of an offer on a day', () => {
  const day = '2026-05-10';
  it.each<[string, { validFrom: string | null; validTo: string | null; archived: boolean }, boolean]>([
    ['no dates', { validFrom: null, validTo: null, archived: false }, true],
    ['starts that day', { validFrom: day, validTo: null, archived: false }, true],
    ['ends that day', { validFrom: null, validTo: day, archived: false }, true],
    ['starts later', { validFrom: '2026-05-11', validTo: null, archived: false }, false],
    ['ended the day before', { validFrom: null, validTo: '2026-05-09', archived: false }, false],
    ['archived', { validFrom: null, validTo: null, archived: true }, false],
  ])('%s', (_, o, valid) => {
    expect(offerValidOn(o, day)).toBe(valid);
  });

  it.each<[number | null, number | null, number, boolean]>([
    [null, null, 40, true],
    [16, 27, 16, true],
    [16, 27, 27, true],
    [16, 27, 15, false],
    [16, 27, 28, false],
    [null, 6, 3, true],
    [60, null, 59, false],
  ])('ages %s–%s fit %s: %s', (ageMin, ageMax, age, fits) => {
    expect(fitsAgeRange({ ageMin, ageMax }, age)).toBe(fits);
  });

  it('knows language codes', () => {
    expect(isLanguageCode('ar')).toBe(true);
    expect(isLanguageCode('zz')).toBe(false);
  });
});
