import { describe, expect, it } from 'vitest';
import {
  checkReview,
  checkValues,
  emptyValues,
  filtersOf,
  inputOf,
  paramsOf,
  queryOf,
  reviewBodyOf,
  valuesOf,
  type AgreementValues,
  type ListFilters,
  type ReviewValues,
} from './model';
import { anAgreement } from './testData';

const values = (changes: Partial<AgreementValues> = {}): AgreementValues => ({
  ...emptyValues('2026-03-01', 'u1'),
  title: 'Kooperation',
  partners: [{ id: 'p1', name: 'Jobcenter', archived: false }],
  ...changes,
});

describe('the agreement form', () => {
  it.each<[string, Partial<AgreementValues>, [string, string][]]>([
    ['complete', {}, []],
    ['open-ended with review', { reviewOn: '2027-03-01' }, []],
    ['no title', { title: '  ' }, [['/title', 'required']]],
    ['no partner', { partners: [] }, [['/partnerIds', 'minItems']]],
    ['no start', { startsOn: '', endsOn: '2020-01-01' }, [['/startsOn', 'required']]],
    ['end before start', { endsOn: '2026-02-28' }, [['/endsOn', 'date-order']]],
    ['review before start', { reviewOn: '2026-02-01' }, [['/reviewOn', 'date-order']]],
    ['review after end', { endsOn: '2026-12-31', reviewOn: '2027-01-01' }, [['/reviewOn', 'date-order']]],
  ])('%s', (_name, changes, expected) => {
    expect(checkValues(values(changes)).map((p) => [p.pointer, p.code])).toEqual(expected);
  });

  it('sends trimmed texts, empty ones and empty dates as null', () => {
    expect(
      inputOf(
        values({
          title: ' Kooperation ',
          goals: '  ',
          rules: { meetings: ' monatlich ', responsibilities: '', documentation: '' },
        }),
      ),
    ).toEqual({
      title: 'Kooperation',
      form: 'written',
      partnerIds: ['p1'],
      goals: null,
      rules: { meetings: 'monatlich', responsibilities: null, documentation: null },
      startsOn: '2026-03-01',
      endsOn: null,
      reviewOn: null,
      responsibleUserId: 'u1',
    });
  });

  it('starts editing from the stored agreement', () => {
    const v = valuesOf(anAgreement());
    expect(v).toMatchObject({
      partners: [
        { id: 'p1', name: 'Jobcenter Musterstadt', archived: false },
        { id: 'p2', name: 'Berufsschule Nord', archived: false },
      ],
      rules: { documentation: '' },
      endsOn: '2027-12-31',
      responsibleUserId: 'u1',
    });
    expect(inputOf(v).partnerIds).toEqual(['p1', 'p2']);
  });
});

describe('the review form', () => {
  const review = (changes: Partial<ReviewValues> = {}): ReviewValues => ({
    reviewedOn: '2026-03-01',
    outcome: 'continue',
    notes: '',
    nextReviewOn: '',
    ...changes,
  });
  it.each<[string, Partial<ReviewValues>, [string, string][]]>([
    ['complete', {}, []],
    ['no outcome', { outcome: '' }, [['/outcome', 'required']]],
    ['in the future', { reviewedOn: '2026-03-02' }, [['/reviewedOn', 'in-future']]],
    ['next not after', { nextReviewOn: '2026-03-01' }, [['/nextReviewOn', 'date-order']]],
    ['ending ignores the next date', { outcome: 'end', nextReviewOn: '2026-01-01' }, []],
  ])('%s', (_name, changes, expected) => {
    expect(checkReview(review(changes), '2026-03-01').map((p) => [p.pointer, p.code])).toEqual(expected);
  });

  it('sends the next date only when the cooperation goes on', () => {
    expect(reviewBodyOf(review({ nextReviewOn: '2027-01-01', notes: ' gut ' }))).toEqual({
      reviewedOn: '2026-03-01',
      outcome: 'continue',
      notes: 'gut',
      nextReviewOn: '2027-01-01',
    });
    expect(reviewBodyOf(review({ outcome: 'end', nextReviewOn: '2027-01-01' }))).toEqual({
      reviewedOn: '2026-03-01',
      outcome: 'end',
      notes: null,
    });
    expect(reviewBodyOf(review({ outcome: '' }))).toBeNull();
  });
});

describe('the list filters in the address', () => {
  it.each<[string, ListFilters]>([
    ['', { state: 'all', reviewDue: false, partnerId: '', page: 1 }],
    [
      'state=ended&reviewDue=true&partner=p1&page=3',
      { state: 'ended', reviewDue: true, partnerId: 'p1', page: 3 },
    ],
    ['state=nonsense&page=-2', { state: 'all', reviewDue: false, partnerId: '', page: 1 }],
  ])('%s', (search, expected) => {
    const filters = filtersOf(new URLSearchParams(search));
    expect(filters).toEqual(expected);
    expect(filtersOf(new URLSearchParams(paramsOf(filters)))).toEqual(filters);
  });

  it('asks the server only for what is set', () => {
    expect(queryOf({ state: 'all', reviewDue: false, partnerId: '', page: 1 })).toEqual({
      page: 1,
      pageSize: 25,
    });
    expect(queryOf({ state: 'in_force', reviewDue: true, partnerId: 'p1', page: 2 })).toEqual({
      page: 2,
      pageSize: 25,
      state: 'in_force',
      reviewDue: true,
      partnerId: 'p1',
    });
  });
});
