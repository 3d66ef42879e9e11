import { describe, expect, it } from 'vitest';
import { classifyChange, planStatus, planWarnings, type GoalDoc, type PlanDoc } from './domain.js';

const header = {
  participants: null,
  benefitsEarlier: null,
  benefitsCurrent: null,
  problem: null,
  resources: null,
  obligations: null,
  costBearers: null,
  reviewOn: null,
};
const firstStep = {
  id: 's1',
  what: 'Antrag ausfüllen',
  who: 'client' as const,
  dueOn: '2026-12-01',
  status: 'open' as const,
};
const goal = (changes: Partial<GoalDoc> = {}): GoalDoc => ({
  id: 'g1',
  wording: 'Sicherung des Aufenthalts',
  indicator: 'Aufenthaltserlaubnis liegt vor',
  targetOn: '2026-12-31',
  status: 'active',
  steps: [firstStep],
  ...changes,
});
const plan = (...goals: GoalDoc[]): PlanDoc => ({ header, goals });

describe('what a change to an agreed plan is', () => {
  const before = plan(goal());
  it.each<[string, PlanDoc, 'extension' | 'revision' | null]>([
    ['nothing changed', plan(goal()), null],
    [
      'a step added',
      plan(goal({ steps: [...goal().steps, { what: 'Abgabe', who: 'client', status: 'open' }] })),
      'extension',
    ],
    ['a goal added', plan(goal(), goal({ id: undefined, wording: 'Sprachkurs' })), 'extension'],
    ['a target date moved', plan(goal({ targetOn: '2027-02-01' })), 'extension'],
    ['the field of action set', plan(goal({ field: 'residence' })), 'extension'],
    [
      'a step done',
      plan(goal({ steps: [{ ...firstStep, status: 'done', doneOn: '2026-11-20' }] })),
      'extension',
    ],
    ['the wording rewritten', plan(goal({ wording: 'Aufenthalt ist sicher' })), 'revision'],
    ['the indicator rewritten', plan(goal({ indicator: 'Bescheid liegt vor' })), 'revision'],
    ['the goal dropped', plan(goal({ status: 'dropped' })), 'revision'],
    ['the goal taken out', plan(), 'revision'],
    ['a step taken out', plan(goal({ steps: [] })), 'revision'],
  ])('%s', (_, after, kind) => {
    expect(classifyChange(before, after).kind).toBe(kind);
  });
});

describe('the plan at a glance', () => {
  it('counts goals by their last review, achieved goals as fully reached, and near and overdue steps', () => {
    const doc = plan(
      goal({
        steps: [
          { id: 'a', what: 'x', who: 'client', dueOn: '2026-11-01', status: 'open' },
          { id: 'b', what: 'y', who: 'client', dueOn: '2026-11-30', status: 'open' },
          { id: 'c', what: 'z', who: 'client', dueOn: '2026-11-25', status: 'done' },
        ],
        followUpOn: '2026-12-10',
      }),
      goal({ id: 'g2', status: 'achieved', steps: [] }),
      goal({ id: 'g3', status: 'dropped' }),
    );
    const status = planStatus(doc, new Map([['g1', 'partly']]), '2026-11-23');
    expect(status.goals.byAttainment).toMatchObject({ partly: 1, fully: 1, dropped: 1, unreviewed: 0 });
    expect(status).toMatchObject({ overdueSteps: 1, stepsNext30Days: 1, nextReviewOn: '2026-12-10' });
  });

  it('warns of a step due after its goal’s (or its parent goal’s) target date', () => {
    const late = {
      id: 'l',
      what: 'spät',
      who: 'client' as const,
      dueOn: '2027-01-15',
      status: 'open' as const,
    };
    const doc = plan(goal({ steps: [late], subGoals: [goal({ id: 'g9', targetOn: null, steps: [late] })] }));
    expect(planWarnings(doc).map((w) => w.pointer)).toEqual([
      '/goals/0/steps/0/dueOn',
      '/goals/0/subGoals/0/steps/0/dueOn',
    ]);
  });
});
