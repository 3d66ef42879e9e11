import { describe, expect, it } from 'vitest';
import { evaluationToForm, ratedGoals, saveBody, unratedGoals } from './evaluation';
import type { Evaluation, EvaluationEnvelope, GoalToRate } from './model';

const person = { id: 'u1', displayName: 'Aylin Demir' };
const goals: GoalToRate[] = [
  {
    id: 'g1',
    parentId: null,
    wording: 'Aufenthalt sichern',
    status: 'active',
    field: 'residence',
    lastReview: null,
  },
  { id: 'g2', parentId: 'g1', wording: 'Antrag stellen', status: 'achieved', field: null, lastReview: null },
  { id: 'g3', parentId: null, wording: 'Therapie', status: 'dropped', field: 'health', lastReview: null },
];

function envelope(evaluation: Evaluation | null): EvaluationEnvelope {
  return {
    case: {
      id: 'k1',
      kind: 'case_management',
      phase: 'evaluation',
      openedOn: '2026-01-10',
      closedOn: null,
      closureReason: null,
      anonymised: false,
      version: 7,
    },
    evaluation,
    goals,
    kindHistory: [],
    closure: { evaluationRequired: true },
    permissions: { edit: true, close: true, reopen: false, changeKind: true },
  };
}

const stored: Evaluation = {
  id: 'e1',
  evaluatedOn: '2026-06-01',
  endedBy: 'both',
  lifeSituation: 'partly',
  satisfaction: { general: 5, course: null, results: 3, expectations: 4, mandate: null },
  satisfactionMean: 4,
  satisfactionMode: 'client_form',
  satisfactionLanguage: 'uk',
  methods: ['counselling', 'referral'],
  destination: 'training',
  gapsFound: null,
  summary: 'Ausbildung begonnen',
  goals: [{ goalId: 'g2', attainment: 'fully' }],
  followUpOffered: true,
  followUpAgreed: true,
  followUpDueOn: '2026-12-01',
  createdAt: '2026-06-01T10:00:00Z',
  updatedAt: '2026-06-01T10:00:00Z',
  updatedBy: person,
  version: 3,
};

describe('evaluation form ↔ body', () => {
  it('starts a new evaluation today, asked in the talk, nothing rated', () => {
    const form = evaluationToForm(envelope(null), '2026-06-15');
    expect(form).toMatchObject({
      evaluatedOn: '2026-06-15',
      satisfactionMode: 'with_client',
      goals: { g1: '', g2: '', g3: '' },
      followUpOffered: false,
    });
    expect(saveBody(form, goals, 0)).toEqual({
      version: 0,
      evaluatedOn: '2026-06-15',
      endedBy: null,
      lifeSituation: null,
      satisfaction: { general: null, course: null, results: null, expectations: null, mandate: null },
      satisfactionMode: 'with_client',
      satisfactionLanguage: null,
      methods: [],
      destination: null,
      gapsFound: null,
      summary: null,
      goals: [],
      followUpOffered: false,
      followUpAgreed: false,
    });
  });

  it('keeps what was stored through a round trip', () => {
    const form = evaluationToForm(envelope(stored), '2026-06-15');
    expect(form.satisfaction).toEqual({
      general: '5',
      course: '',
      results: '3',
      expectations: '4',
      mandate: '',
    });
    const body = saveBody(form, goals, 3);
    expect(body).toMatchObject({
      version: 3,
      evaluatedOn: '2026-06-01',
      endedBy: 'both',
      satisfaction: stored.satisfaction,
      satisfactionLanguage: 'uk',
      methods: ['counselling', 'referral'],
      summary: 'Ausbildung begonnen',
      goals: [{ goalId: 'g2', attainment: 'fully' }],
      followUpAgreed: true,
    });
  });

  it('sends no answers when satisfaction was not asked, and no agreed talk without the offer', () => {
    const form = evaluationToForm(envelope(stored), '2026-06-15');
    const body = saveBody(
      { ...form, satisfactionMode: 'not_asked', followUpOffered: false, gapsFound: '  ' },
      goals,
      3,
    );
    expect(body.satisfaction).toEqual({
      general: null,
      course: null,
      results: null,
      expectations: null,
      mandate: null,
    });
    expect(body).toMatchObject({ satisfactionLanguage: null, followUpAgreed: false, gapsFound: null });
  });

  it('rates goals in the plan’s order and counts those still open (dropped ones need no rating)', () => {
    const form = evaluationToForm(envelope(null), '2026-06-15');
    form.goals = { g3: 'dropped', g2: 'partly', g1: '' };
    expect(ratedGoals(form, goals).map((g) => [g.id, g.attainment])).toEqual([
      ['g2', 'partly'],
      ['g3', 'dropped'],
    ]);
    expect(unratedGoals(form, goals)).toBe(1);
  });
});
