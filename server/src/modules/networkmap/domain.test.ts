import { describe, expect, it } from 'vitest';
import {
  agreementDay,
  edgeWeight,
  groupPartners,
  missingAgreements,
  MISSING_AGREEMENT_THRESHOLD,
  needsAgreement,
  resolvePeriod,
  shiftYears,
  strongestAgreement,
  type EdgeWeight,
  type MapPartner,
} from './domain.js';

const partner = (changes: Partial<MapPartner> & { id: string }): MapPartner => ({
  name: changes.id,
  type: 'jobcenter',
  district: null,
  referrals: 0,
  completed: 0,
  agreement: null,
  ...changes,
});
const agreement = { id: 'a1', form: 'written', reviewOn: '2026-12-01' };

describe('the weight of a line', () => {
  it.each<[number, EdgeWeight]>([
    [0, 'none'],
    [1, 'few'],
    [2, 'few'],
    [3, 'regular'],
    [9, 'regular'],
    [10, 'many'],
    [250, 'many'],
  ])('%i referrals: %s', (referrals, weight) => {
    expect(edgeWeight(referrals)).toBe(weight);
  });
});

describe('where an agreement is missing', () => {
  it('the threshold is three referrals', () => {
    expect(MISSING_AGREEMENT_THRESHOLD).toBe(3);
  });
  it.each<[string, Pick<MapPartner, 'referrals' | 'agreement'>, boolean]>([
    ['no referrals, no agreement', { referrals: 0, agreement: null }, false],
    ['two referrals, no agreement', { referrals: 2, agreement: null }, false],
    ['three referrals, no agreement', { referrals: 3, agreement: null }, true],
    ['twelve referrals, no agreement', { referrals: 12, agreement: null }, true],
    ['twelve referrals with an agreement', { referrals: 12, agreement }, false],
    ['an oral agreement counts too', { referrals: 5, agreement: { ...agreement, form: 'oral' } }, false],
  ])('%s: %s', (_, p, missing) => {
    expect(needsAgreement(p)).toBe(missing);
  });
  it('lists the partners with most referrals first, then by name', () => {
    const list = missingAgreements([
      partner({ id: 'p1', name: 'Schule am Park', referrals: 3 }),
      partner({ id: 'p2', name: 'Jobcenter', referrals: 8 }),
      partner({ id: 'p3', name: 'Ausländerbehörde', referrals: 3 }),
      partner({ id: 'p4', name: 'Sprachschule', referrals: 20, agreement }),
      partner({ id: 'p5', name: 'Kita', referrals: 1 }),
    ]);
    expect(list.map((p) => p.id)).toEqual(['p2', 'p3', 'p1']);
  });
});

describe('the agreement a partner shows', () => {
  const a = (agreementId: string, form: string, reviewOn: string | null) => ({ agreementId, form, reviewOn });
  it.each<[string, ReturnType<typeof a>[], string | null]>([
    ['none', [], null],
    ['the only one', [a('x', 'oral', null)], 'x'],
    ['the most binding form', [a('x', 'oral', '2026-01-01'), a('y', 'written', '2027-01-01')], 'y'],
    ['minutes before oral', [a('x', 'minutes', null), a('y', 'oral', '2026-01-01')], 'x'],
    [
      'same form: due for review first',
      [a('x', 'written', '2027-01-01'), a('y', 'written', '2026-06-01')],
      'y',
    ],
    ['same form: a review date before none', [a('x', 'written', null), a('y', 'written', '2030-01-01')], 'y'],
    ['all equal: the lowest id', [a('y', 'written', null), a('x', 'written', null)], 'x'],
  ])('%s', (_, agreements, expected) => {
    expect(strongestAgreement(agreements)?.agreementId ?? null).toBe(expected);
  });
});

describe('groups', () => {
  const partners = [
    partner({
      id: 'p1',
      name: 'Jobcenter Mitte',
      type: 'jobcenter',
      district: 'Mitte',
      referrals: 4,
      completed: 1,
    }),
    partner({
      id: 'p2',
      name: 'Anne-Frank-Schule',
      type: 'school',
      district: 'Nord',
      referrals: 2,
      agreement,
    }),
    partner({
      id: 'p3',
      name: 'Berufsschule',
      type: 'school',
      district: 'Mitte',
      referrals: 1,
      completed: 1,
    }),
    partner({ id: 'p4', name: 'Ehrenamt', type: 'volunteers', district: '  ' }),
    partner({ id: 'p5', name: 'Arbeitsagentur', type: 'employment_agency', district: null }),
  ];
  it('by type: one group per type with totals, partners by name', () => {
    expect(groupPartners(partners, 'type')).toEqual([
      {
        key: 'employment_agency',
        partnerIds: ['p5'],
        partners: 1,
        referrals: 0,
        completed: 0,
        withAgreement: 0,
      },
      { key: 'jobcenter', partnerIds: ['p1'], partners: 1, referrals: 4, completed: 1, withAgreement: 0 },
      { key: 'school', partnerIds: ['p2', 'p3'], partners: 2, referrals: 3, completed: 1, withAgreement: 1 },
      { key: 'volunteers', partnerIds: ['p4'], partners: 1, referrals: 0, completed: 0, withAgreement: 0 },
    ]);
  });
  it('by district: partners without one (or a blank one) last', () => {
    const groups = groupPartners(partners, 'district');
    expect(groups.map((g) => [g.key, g.partnerIds])).toEqual([
      ['Mitte', ['p3', 'p1']],
      ['Nord', ['p2']],
      [null, ['p5', 'p4']],
    ]);
    expect(groups[0]).toMatchObject({ partners: 2, referrals: 5, completed: 2, withAgreement: 0 });
  });
  it('no partners, no groups', () => {
    expect(groupPartners([], 'type')).toEqual([]);
  });
});

describe('the period', () => {
  it.each<[string, string | undefined, string | undefined, { from: string; to: string }]>([
    ['the last twelve months by default', undefined, undefined, { from: '2025-03-16', to: '2026-03-15' }],
    ['both ends as given', '2025-01-01', '2025-06-30', { from: '2025-01-01', to: '2025-06-30' }],
    ['twelve months from the start', '2025-01-01', undefined, { from: '2025-01-01', to: '2025-12-31' }],
    ['twelve months up to the end', undefined, '2025-12-31', { from: '2025-01-01', to: '2025-12-31' }],
  ])('%s', (_, from, to, expected) => {
    expect(resolvePeriod('2026-03-15', from, to)).toEqual(expected);
  });
  it.each([
    ['2024-02-29', -1, '2023-02-28'],
    ['2024-02-29', 1, '2025-02-28'],
    ['2025-03-01', -1, '2024-03-01'],
    ['2025-12-31', 1, '2026-12-31'],
  ] as const)('%s shifted by %i years is %s', (day, years, expected) => {
    expect(shiftYears(day, years)).toBe(expected);
  });
  it('agreements are those in force at the end of the period, never later than today', () => {
    expect(agreementDay({ from: '2024-01-01', to: '2024-12-31' }, '2026-03-15')).toBe('2024-12-31');
    expect(agreementDay({ from: '2026-01-01', to: '2026-12-31' }, '2026-03-15')).toBe('2026-03-15');
  });
});
