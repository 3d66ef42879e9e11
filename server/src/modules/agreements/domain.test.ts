import { describe, expect, it } from 'vitest';
import {
  addYear,
  afterReview,
  agreementState,
  defaultNextReview,
  mayCarryDocument,
  normaliseRules,
  reminderOn,
  reviewDue,
  reviewErrors,
  termErrors,
  type AgreementForm,
  type AgreementState,
  type Finding,
  type ReviewInput,
} from './domain.js';

describe('which form carries a document', () => {
  it.each<[AgreementForm, boolean]>([
    ['oral', false],
    ['minutes', true],
    ['written', true],
  ])('%s → %s', (form, expected) => {
    expect(mayCarryDocument(form)).toBe(expected);
  });
});

describe('the dates of the term', () => {
  it.each<[string, { startsOn: string; endsOn: string | null; reviewOn: string | null }, Finding[]]>([
    ['open-ended without review', { startsOn: '2026-01-01', endsOn: null, reviewOn: null }, []],
    ['one day long', { startsOn: '2026-01-01', endsOn: '2026-01-01', reviewOn: '2026-01-01' }, []],
    ['review at the end', { startsOn: '2026-01-01', endsOn: '2026-12-31', reviewOn: '2026-12-31' }, []],
    ['open-ended, review years later', { startsOn: '2026-01-01', endsOn: null, reviewOn: '2030-01-01' }, []],
    [
      'end before start',
      { startsOn: '2026-01-01', endsOn: '2025-12-31', reviewOn: null },
      [{ pointer: '/endsOn', code: 'date-order' }],
    ],
    [
      'review before start',
      { startsOn: '2026-01-01', endsOn: null, reviewOn: '2025-12-01' },
      [{ pointer: '/reviewOn', code: 'date-order' }],
    ],
    [
      'review after the end',
      { startsOn: '2026-01-01', endsOn: '2026-06-30', reviewOn: '2026-07-01' },
      [{ pointer: '/reviewOn', code: 'date-order' }],
    ],
    [
      'both wrong',
      { startsOn: '2026-01-01', endsOn: '2025-01-01', reviewOn: '2026-02-01' },
      [
        { pointer: '/endsOn', code: 'date-order' },
        { pointer: '/reviewOn', code: 'date-order' },
      ],
    ],
  ])('%s', (_name, term, expected) => {
    expect(termErrors(term)).toEqual(expected);
  });
});

describe('the state on a day', () => {
  const term = { startsOn: '2026-03-01', endsOn: '2026-12-31' };
  it.each<[string, { startsOn: string; endsOn: string | null }, AgreementState]>([
    ['2026-02-28', term, 'upcoming'],
    ['2026-03-01', term, 'in_force'],
    ['2026-12-31', term, 'in_force'],
    ['2027-01-01', term, 'ended'],
    ['2040-01-01', { startsOn: '2026-03-01', endsOn: null }, 'in_force'],
  ])('%s', (day, t, expected) => {
    expect(agreementState(t, day)).toBe(expected);
  });
});

describe('review due and the reminder', () => {
  it.each<[string | null, string, boolean]>([
    [null, '2026-05-01', false],
    ['2026-06-30', '2026-06-01', false],
    ['2026-06-29', '2026-06-01', true],
    ['2026-06-01', '2026-06-01', true],
    ['2026-01-01', '2026-06-01', true],
  ])('review on %s, today %s → due %s', (reviewOn, day, expected) => {
    expect(reviewDue(reviewOn, day)).toBe(expected);
  });

  it.each<[string | null, string, string | null]>([
    [null, '2026-05-01', null],
    ['2026-12-31', '2026-05-01', '2026-12-03'],
    ['2026-03-01', '2026-01-01', '2026-02-01'],
    ['2026-05-20', '2026-05-01', '2026-05-01'],
    ['2026-04-01', '2026-05-01', '2026-05-01'],
  ])('review on %s, today %s → reminder on %s', (reviewOn, today, expected) => {
    expect(reminderOn(reviewOn, today)).toBe(expected);
  });
});

describe('the next review', () => {
  it.each<[string, string]>([
    ['2026-05-04', '2027-05-04'],
    ['2028-02-29', '2029-02-28'],
    ['2027-02-28', '2028-02-28'],
    ['2026-12-31', '2027-12-31'],
  ])('a year after %s is %s', (day, expected) => {
    expect(addYear(day)).toBe(expected);
  });

  it.each<[string, string | null, string | null]>([
    ['2026-05-04', null, '2027-05-04'],
    ['2026-05-04', '2030-12-31', '2027-05-04'],
    ['2026-05-04', '2027-05-04', '2027-05-04'],
    ['2026-05-04', '2026-12-31', '2026-12-31'],
    ['2026-12-31', '2026-12-31', null],
    ['2027-01-10', '2026-12-31', null],
  ])('reviewed on %s, term ends %s → next %s', (reviewedOn, endsOn, expected) => {
    expect(defaultNextReview(reviewedOn, endsOn)).toBe(expected);
  });
});

describe('a review', () => {
  const term = { startsOn: '2026-01-01', endsOn: '2027-12-31' };
  const review = (changes: Partial<ReviewInput> = {}): ReviewInput => ({
    reviewedOn: '2026-12-01',
    outcome: 'continue',
    nextReviewOn: undefined,
    ...changes,
  });

  it.each<[string, ReviewInput, Finding[]]>([
    ['today, next by default', review(), []],
    ['with a next date', review({ nextReviewOn: '2027-06-01' }), []],
    ['in the future', review({ reviewedOn: '2026-12-02' }), [{ pointer: '/reviewedOn', code: 'in-future' }]],
    [
      'before the start',
      review({ reviewedOn: '2025-12-31' }),
      [{ pointer: '/reviewedOn', code: 'date-order' }],
    ],
    [
      'next not after the review',
      review({ nextReviewOn: '2026-12-01' }),
      [{ pointer: '/nextReviewOn', code: 'date-order' }],
    ],
    [
      'next after the end',
      review({ nextReviewOn: '2028-01-01' }),
      [{ pointer: '/nextReviewOn', code: 'date-order' }],
    ],
    [
      'ending with a next review',
      review({ outcome: 'end', nextReviewOn: '2027-06-01' }),
      [{ pointer: '/nextReviewOn', code: 'not-allowed' }],
    ],
    ['ending', review({ outcome: 'end', nextReviewOn: null }), []],
  ])('%s', (_name, input, expected) => {
    expect(reviewErrors(input, term, '2026-12-01')).toEqual(expected);
  });

  it.each<[string, ReviewInput, string | null, { reviewOn: string | null; endsOn: string | null }]>([
    ['continue: a year later', review(), null, { reviewOn: '2027-12-01', endsOn: null }],
    [
      'adjust: the date given',
      review({ outcome: 'adjust', nextReviewOn: '2027-03-01' }),
      '2027-12-31',
      { reviewOn: '2027-03-01', endsOn: '2027-12-31' },
    ],
    ['continue: within the term', review(), '2027-06-30', { reviewOn: '2027-06-30', endsOn: '2027-06-30' }],
    [
      'end: ends on the review',
      review({ outcome: 'end' }),
      '2027-12-31',
      { reviewOn: null, endsOn: '2026-12-01' },
    ],
    [
      'end after the term: the end stays',
      review({ outcome: 'end' }),
      '2026-06-30',
      { reviewOn: null, endsOn: '2026-06-30' },
    ],
  ])('%s', (_name, input, endsOn, expected) => {
    expect(afterReview(input, { endsOn })).toEqual(expected);
  });
});

describe('rules', () => {
  it('keeps texts, trimmed, and drops empty ones', () => {
    expect(
      normaliseRules({ meetings: ' vierteljährlich ', responsibilities: '  ', documentation: null }),
    ).toEqual({ meetings: 'vierteljährlich', responsibilities: null, documentation: null });
  });
});
