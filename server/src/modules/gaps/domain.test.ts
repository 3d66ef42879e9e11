import { describe, expect, it } from 'vitest';
import {
  allowedStatusMoves,
  bundleKey,
  checkStatusChange,
  defaultPeriod,
  monthOf,
  monthsBetween,
  nameTokens,
  personalDataHits,
  sourceOf,
  tidyText,
  type GapOutcome,
  type GapStatus,
} from './domain.js';

describe('status flow', () => {
  it.each<[GapStatus, GapStatus[]]>([
    ['reported', ['under_review', 'closed']],
    ['under_review', ['in_planning', 'closed']],
    ['in_planning', ['closed']],
    ['closed', []],
  ])('from %s the moves are %j', (from, moves) => {
    expect(allowedStatusMoves(from)).toEqual(moves);
  });

  it.each<
    [string, GapStatus, GapStatus, GapOutcome | null, string | null, ReturnType<typeof checkStatusChange>]
  >([
    ['one step forward', 'reported', 'under_review', null, null, { ok: true }],
    ['into planning', 'under_review', 'in_planning', null, 'Arbeitsgruppe Kita', { ok: true }],
    ['solved from planning', 'in_planning', 'closed', 'solved', null, { ok: true }],
    ['closing right away', 'reported', 'closed', 'solved', null, { ok: true }],
    ['declined with a reason', 'under_review', 'closed', 'declined', 'kein Bedarf', { ok: true }],
    ['skipping review', 'reported', 'in_planning', null, null, { ok: false, notAllowed: true }],
    ['back again', 'in_planning', 'under_review', null, null, { ok: false, notAllowed: true }],
    ['reopening', 'closed', 'reported', null, null, { ok: false, notAllowed: true }],
    ['staying', 'reported', 'reported', null, null, { ok: false, notAllowed: true }],
    [
      'closing without outcome',
      'in_planning',
      'closed',
      null,
      null,
      { ok: false, errors: [{ pointer: '/outcome', code: 'required' }] },
    ],
    [
      'declined without reason',
      'reported',
      'closed',
      'declined',
      '  ',
      { ok: false, errors: [{ pointer: '/comment', code: 'required' }] },
    ],
    [
      'outcome while open',
      'reported',
      'under_review',
      'solved',
      null,
      { ok: false, errors: [{ pointer: '/outcome', code: 'not-allowed' }] },
    ],
  ])('%s', (_name, from, to, outcome, comment, expected) => {
    expect(checkStatusChange(from, { status: to, outcome, comment })).toEqual(expected);
  });
});

describe('source', () => {
  it.each([
    [{ planStepId: 's' }, 'plan_step'],
    [{ journalEntryId: 'j' }, 'journal'],
    [{ conferenceId: 'c' }, 'conference'],
    [{ themeId: 't' }, 'conference'],
    [{}, 'standalone'],
    [{ planStepId: null, journalEntryId: 'j' }, 'journal'],
  ])('%j → %s', (links, source) => {
    expect(sourceOf(links)).toBe(source);
  });
});

describe('personal data in the texts', () => {
  const samira = { familyName: 'Al-Hassan', givenNames: 'Samira Nour', birthDate: '2004-05-06' };

  it('looks for name parts of at least three letters', () => {
    expect(nameTokens(samira)).toEqual(['hassan', 'samira', 'nour']);
    expect(nameTokens({ familyName: 'Li', givenNames: 'Zoë' })).toEqual(['zo']);
  });

  it.each<[string, string, ('name' | 'birthDate')[]]>([
    ['the given name', 'Samira braucht einen Kitaplatz', ['name']],
    ['the family name in capitals', 'Familie AL-HASSAN', ['name']],
    ['without the diacritic', 'Frau Müller', []],
    ['a part of a longer word', 'Samiras Tochter', []],
    ['a word that contains the name', 'Nourhan', []],
    ['the birth date ISO', 'geboren 2004-05-06', ['birthDate']],
    ['the birth date German', 'geb. 06.05.2004', ['birthDate']],
    ['the birth date short', 'geb. 6.5.2004', ['birthDate']],
    ['the birth date two-digit year', 'geb. 06.05.04', ['birthDate']],
    ['a space after the dots', 'geb. 6. 5. 2004', ['birthDate']],
    ['another date', 'seit 06.05.2005', []],
    ['a date inside a longer number', 'Az. 106.05.2004', []],
    ['nothing personal', 'Kitaplatz für unter Dreijährige im Stadtteil Nord', []],
  ])('%s', (_name, text, kinds) => {
    expect(personalDataHits({ '/description': text }, samira).map((h) => h.kind)).toEqual(kinds);
  });

  it('ignores case and diacritics of the name', () => {
    const client = { familyName: 'Müller', givenNames: 'Jörg', birthDate: null };
    expect(personalDataHits({ '/need': 'MUELLER', '/description': 'joerg und MÜLLER' }, client)).toEqual([
      { pointer: '/need', kind: 'name' },
      { pointer: '/description', kind: 'name' },
    ]);
    expect(personalDataHits({ '/description': 'Jorg' }, client)).toEqual([
      { pointer: '/description', kind: 'name' },
    ]);
  });

  it('names the field of every hit and skips empty texts', () => {
    expect(personalDataHits({ '/need': 'Kita', '/description': null }, samira)).toEqual([]);
    expect(
      personalDataHits({ '/need': 'Kita für Samira', '/description': 'geb. 06.05.2004' }, samira),
    ).toEqual([
      { pointer: '/need', kind: 'name' },
      { pointer: '/description', kind: 'birthDate' },
    ]);
  });
});

describe('bundling', () => {
  it.each([
    ['  Kita-Platz   für U3 ', 'kita-platz für u3'],
    ['Übersetzung', 'übersetzung'],
    ['   ', null],
    [null, null],
  ])('%j → %j', (value, key) => {
    expect(bundleKey(value)).toBe(key);
  });

  it('keeps the spelling but tidies the whitespace', () => {
    expect(tidyText('  Kita-Platz \n für U3 ')).toBe('Kita-Platz für U3');
    expect(tidyText('')).toBeNull();
  });

  it('buckets by month, every month of the period', () => {
    expect(monthOf('2026-03-17')).toBe('2026-03');
    expect(monthsBetween('2025-11-20', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-01', '2026-02-01')).toEqual([]);
  });

  it('defaults to the last twelve months', () => {
    expect(defaultPeriod('2026-03-17')).toEqual({ from: '2025-04-01', to: '2026-03-17' });
    expect(defaultPeriod('2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});
