import { describe, expect, it } from 'vitest';
import type { CaseKind, Phase } from '../cases/domain.js';
import {
  addMonths,
  CHOSEN_CLOSURE_REASONS,
  closureErrors,
  closureNeeds,
  closureWarnings,
  evaluationErrors,
  followUpDate,
  kindChangeErrors,
  normaliseEvaluation,
  phaseAfterKindChange,
  satisfactionMean,
  type EvaluationInput,
  type Satisfaction,
} from './domain.js';

const none: Satisfaction = { general: null, course: null, results: null, expectations: null, mandate: null };
const input = (changes: Partial<EvaluationInput> = {}): EvaluationInput => ({
  evaluatedOn: '2026-06-10',
  endedBy: 'client',
  lifeSituation: 'partly',
  satisfaction: { general: 5, course: 4, results: 4, expectations: 3, mandate: 5 },
  satisfactionMode: 'with_client',
  satisfactionLanguage: null,
  methods: ['counselling'],
  destination: 'training',
  gapsFound: null,
  summary: null,
  goals: [{ goalId: 'g1', attainment: 'fully' }],
  followUpOffered: true,
  followUpAgreed: true,
  ...changes,
});
const context = { goalIds: new Set(['g1', 'g2']), openedOn: '2026-01-10', today: '2026-06-15' };

describe('what refuses an evaluation', () => {
  it.each<[string, Partial<EvaluationInput>, { pointer: string; code: string }[]]>([
    ['a complete evaluation', {}, []],
    [
      'evaluated in the future',
      { evaluatedOn: '2026-06-16' },
      [{ pointer: '/evaluatedOn', code: 'in-future' }],
    ],
    [
      'evaluated before the case opened',
      { evaluatedOn: '2026-01-09' },
      [{ pointer: '/evaluatedOn', code: 'date-order' }],
    ],
    [
      'the client’s form without its language',
      { satisfactionMode: 'client_form' },
      [{ pointer: '/satisfactionLanguage', code: 'required' }],
    ],
    ['the client’s form in Arabic', { satisfactionMode: 'client_form', satisfactionLanguage: 'ar' }, []],
    ['not asked and no answers', { satisfactionMode: 'not_asked', satisfaction: none }, []],
    [
      'not asked but answers given',
      { satisfactionMode: 'not_asked', satisfaction: { ...none, results: 2 } },
      [{ pointer: '/satisfaction/results', code: 'not-asked' }],
    ],
    ['answers partly given', { satisfaction: { ...none, general: 4 } }, []],
    [
      'a goal of another plan',
      { goals: [{ goalId: 'x', attainment: 'partly' }] },
      [{ pointer: '/goals/0/goalId', code: 'unknown-reference' }],
    ],
    [
      'a goal rated twice',
      {
        goals: [
          { goalId: 'g2', attainment: 'partly' },
          { goalId: 'g2', attainment: 'fully' },
        ],
      },
      [{ pointer: '/goals/1/goalId', code: 'duplicate-key' }],
    ],
    [
      'a talk agreed that was not offered',
      { followUpOffered: false, followUpAgreed: true },
      [{ pointer: '/followUpAgreed', code: 'not-offered' }],
    ],
    ['offered, not agreed', { followUpOffered: true, followUpAgreed: false }, []],
  ])('%s', (_, changes, expected) => {
    expect(evaluationErrors(input(changes), context)).toEqual(expected);
  });

  it('stores texts trimmed, methods in their order, the language only where the client was asked', () => {
    const stored = normaliseEvaluation(
      input({
        gapsFound: '  ',
        summary: ' Samira hat die Ausbildung begonnen. ',
        methods: ['referral', 'counselling', 'group_offer'],
        satisfactionMode: 'not_asked',
        satisfactionLanguage: 'uk',
      }),
    );
    expect(stored).toMatchObject({
      gapsFound: null,
      summary: 'Samira hat die Ausbildung begonnen.',
      methods: ['counselling', 'referral', 'group_offer'],
      satisfactionLanguage: null,
    });
  });

  it.each<[Satisfaction, number | null]>([
    [{ general: 5, course: 4, results: 4, expectations: 3, mandate: 5 }, 4.2],
    [{ ...none, general: 2, mandate: 3 }, 2.5],
    [none, null],
  ])('the mean of %j is %s', (satisfaction, mean) => {
    expect(satisfactionMean(satisfaction)).toBe(mean);
  });
});

describe('the follow-up talk about six months later [001 L1145]', () => {
  it.each([
    ['2026-06-10', 6, '2026-12-10'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-11-15', 6, '2027-05-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s + %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('is six months after the end', () => {
    expect(followUpDate('2026-06-30')).toBe('2026-12-30');
  });
});

describe('closing', () => {
  it('offers every closure reason of the source except the retention job’s', () => {
    expect(CHOSEN_CLOSURE_REASONS).toEqual([
      'goals_reached',
      'ended_by_client',
      'insufficient_cooperation',
      'structural_obstacles',
      'moved_or_other_agency',
    ]);
  });

  it.each<[string, { closedOn: string; closureReason: 'ended_by_client' | 'no_contact' }, string[]]>([
    ['today, by the client', { closedOn: '2026-06-15', closureReason: 'ended_by_client' }, []],
    [
      'no contact chosen by hand',
      { closedOn: '2026-06-15', closureReason: 'no_contact' },
      ['set-by-retention'],
    ],
    ['tomorrow', { closedOn: '2026-06-16', closureReason: 'ended_by_client' }, ['in-future']],
    ['before the case opened', { closedOn: '2026-01-01', closureReason: 'ended_by_client' }, ['date-order']],
  ])('%s', (_, closure, codes) => {
    expect(
      closureErrors(closure, { openedOn: '2026-01-10', today: '2026-06-15' }).map((f) => f.code),
    ).toEqual(codes);
  });

  it.each<[CaseKind, Parameters<typeof closureNeeds>[1], string[]]>([
    ['case_management', null, ['/evaluation']],
    ['case_management', { endedBy: null, lifeSituation: 'yes' }, ['/endedBy']],
    ['case_management', { endedBy: 'both', lifeSituation: null }, ['/lifeSituation']],
    ['case_management', { endedBy: 'both', lifeSituation: 'yes' }, []],
    ['counselling', null, []],
    ['information', null, []],
  ])('a %s case with evaluation %j needs %j', (kind, evaluation, pointers) => {
    expect(closureNeeds(kind, evaluation).map((f) => f.pointer)).toEqual(pointers);
  });

  it.each([
    [{ unratedGoals: 0, openFollowUps: 0 }, []],
    [{ unratedGoals: 2, openFollowUps: 0 }, ['goals-unrated']],
    [{ unratedGoals: 0, openFollowUps: 1 }, ['open-follow-ups']],
    [{ unratedGoals: 1, openFollowUps: 3 }, ['goals-unrated', 'open-follow-ups']],
  ])('with %j the case manager confirms %j', (facts, codes) => {
    expect(closureWarnings(facts).map((f) => f.code)).toEqual(codes);
  });
});

describe('converting the kind', () => {
  it.each<[CaseKind, CaseKind, string[]]>([
    ['counselling', 'case_management', []],
    ['case_management', 'counselling', []],
    ['counselling', 'counselling', ['unchanged']],
    ['information', 'case_management', ['not-allowed']],
    ['case_management', 'information', ['not-allowed']],
  ])('%s → %s', (from, to, codes) => {
    expect(kindChangeErrors(from, to).map((f) => f.code)).toEqual(codes);
  });

  it.each<[CaseKind, Phase, Phase]>([
    ['counselling', 'monitoring', 'intake'],
    ['counselling', 'intake', 'intake'],
    ['case_management', 'intake', 'intake'],
  ])('to %s from phase %s continues in %s', (kind, phase, expected) => {
    expect(phaseAfterKindChange(kind, phase)).toBe(expected);
  });
});
