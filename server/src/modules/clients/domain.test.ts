import { describe, expect, it } from 'vitest';
import { ageOn, editDistance, foldName, isPossibleDuplicate, searchKey } from './domain.js';

describe('name folding for search', () => {
  it.each([
    ['Müller', 'muller'],
    ['Mueller', 'muller'],
    ['muller', 'muller'],
    ['MÜLLER', 'muller'],
    ['Weiß', 'weiss'],
    ['Weiss', 'weiss'],
    ['Çelik', 'celik'],
    ['Nguyễn', 'nguyen'],
    ['Šćepanović', 'scepanovic'],
    ['Groß-Özdemir', 'gross ozdemir'],
    ['Oezdemir', 'ozdemir'],
    ['Yılmaz', 'yilmaz'],
    ['YILMAZ', 'yilmaz'],
    ['İbrahimoğlu', 'ibrahimoglu'],
    ['Wałęsa', 'walesa'],
    ['Søren', 'soren'],
    ['Đorđević', 'dordevic'],
    ['Шевченко', 'шевченко'],
    ['أحمد', 'احمد'],
  ])('%s → %s', (input, folded) => {
    expect(foldName(input)).toBe(folded);
  });
  it('builds the key from family and given names', () => {
    expect(searchKey('Al-Hassan', 'Samira')).toBe('al hassan samira');
  });
});

describe('edit distance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['muller', 'muler', 1],
    ['kitten', 'sitting', 3],
  ])('%s ↔ %s = %d', (a, b, d) => expect(editDistance(a, b)).toBe(d));
});

describe('possible duplicates', () => {
  const base = { familyName: 'Müller', givenNames: 'Anna', birthDate: '2008-03-14', birthYear: 2008 };
  it.each([
    ['same person, other spelling', { familyName: 'Mueller', givenNames: 'Anna' }, true],
    ['a typo in the family name', { familyName: 'Muler', givenNames: 'Anna' }, true],
    ['second given name added', { familyName: 'Müller', givenNames: 'Anna Lena' }, true],
    ['other given name', { familyName: 'Müller', givenNames: 'Jonas' }, false],
    ['other family name', { familyName: 'Schmidt', givenNames: 'Anna' }, false],
    ['other birth date', { familyName: 'Müller', givenNames: 'Anna', birthDate: '2008-03-15' }, false],
    [
      'only the year known, same year',
      { familyName: 'Müller', givenNames: 'Anna', birthDate: null, birthYear: 2008 },
      true,
    ],
  ])('%s → %s', (_name, change, expected) => {
    expect(isPossibleDuplicate({ ...base, ...change }, base)).toBe(expected);
  });
  it('compares years when both only know the year', () => {
    const yearOnly = { familyName: 'Haddad', givenNames: 'Omar', birthDate: null, birthYear: 2005 };
    expect(isPossibleDuplicate(yearOnly, { ...yearOnly, familyName: 'Hadad' })).toBe(true);
    expect(isPossibleDuplicate(yearOnly, { ...yearOnly, birthYear: 2006 })).toBe(false);
  });
});

describe('age on a day', () => {
  it.each([
    ['2010-11-23', null, '2026-11-23', 16],
    ['2010-11-24', null, '2026-11-23', 15],
    ['2010-12-01', null, '2026-11-23', 15],
    [null, 2010, '2026-11-23', 16],
    [null, null, '2026-11-23', null],
  ])('born %s / %s, on %s → %s', (date, year, day, age) => {
    expect(ageOn(date, year, day)).toBe(age);
  });
});
