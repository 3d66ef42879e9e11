import { describe, expect, it } from 'vitest';
import type { Plan } from './model';
import {
  emptyForm,
  emptyGoal,
  emptyStep,
  fieldId,
  fieldLabel,
  isChangeProblem,
  latestReview,
  moveItem,
  planToForm,
  saveBody,
  warningsByStep,
  withPlanMessages,
  type FieldNames,
} from './plan';

const person = { id: 'u1', displayName: 'Aylin Demir' };
const smart = { specific: true, measurable: false, achievable: true, relevant: false, timed: true };

const plan: Plan = {
  id: 'p1',
  caseId: 'k1',
  status: 'agreed',
  legalType: 'integration_agreement',
  bindingness: 'voluntary',
  legalNote: null,
  header: {
    participants: 'Rania Haddad, Aylin Demir',
    benefitsEarlier: null,
    benefitsCurrent: null,
    problem: 'Kein Ausbildungsplatz',
    resources: null,
    obligations: null,
    costBearers: null,
    reviewOn: '2026-06-01',
  },
  goals: [
    {
      id: 'g1',
      wording: 'Ich habe einen Ausbildungsplatz.',
      clientWords: true,
      indicator: 'Vertrag unterschrieben',
      targetOn: '2026-08-01',
      followUpOn: null,
      needId: 'n1',
      field: 'training_work',
      smart,
      status: 'active',
      steps: [
        {
          id: 's1',
          what: 'Bewerbungsmappe erstellen',
          who: 'client',
          whoName: null,
          dueOn: '2026-04-01',
          provider: 'JMD',
          offer: 'Bewerbungstraining',
          costBearer: null,
          mode: 'with_support',
          status: 'done',
          offerAvailable: true,
          doneOn: '2026-03-20',
        },
      ],
      reviews: [],
      journalEntries: 0,
      subGoals: [
        {
          id: 'g2',
          wording: 'Deutsch B2',
          clientWords: false,
          indicator: null,
          targetOn: null,
          followUpOn: null,
          needId: null,
          field: null,
          smart,
          status: 'dropped',
          steps: [],
          reviews: [],
          journalEntries: 0,
        },
      ],
    },
  ],
  signatures: [],
  glance: { goals: { total: 2, byAttainment: {} }, overdueSteps: 0, stepsNext30Days: 0, nextReviewOn: null },
  agreedAt: '2026-03-01T10:00:00Z',
  updatedAt: '2026-03-01T10:00:00Z',
  updatedBy: person,
  version: 3,
  warnings: [],
};

describe('plan document ↔ form', () => {
  it('keeps ids and values through a round trip, empty texts become null', () => {
    const body = saveBody(planToForm(plan), { version: 3, changeKind: 'extension' });
    expect(body).toEqual({
      version: 3,
      changeKind: 'extension',
      legalType: 'integration_agreement',
      legalNote: null,
      header: plan.header,
      goals: [
        {
          id: 'g1',
          wording: 'Ich habe einen Ausbildungsplatz.',
          clientWords: true,
          indicator: 'Vertrag unterschrieben',
          targetOn: '2026-08-01',
          followUpOn: null,
          needId: 'n1',
          field: 'training_work',
          smart,
          status: 'active',
          steps: [
            {
              id: 's1',
              what: 'Bewerbungsmappe erstellen',
              who: 'client',
              whoName: null,
              dueOn: '2026-04-01',
              provider: 'JMD',
              offer: 'Bewerbungstraining',
              costBearer: null,
              mode: 'with_support',
              status: 'done',
              offerAvailable: true,
              doneOn: '2026-03-20',
            },
          ],
          subGoals: [
            {
              id: 'g2',
              wording: 'Deutsch B2',
              clientWords: false,
              indicator: null,
              targetOn: null,
              followUpOn: null,
              needId: null,
              field: null,
              smart,
              status: 'dropped',
              steps: [],
            },
          ],
        },
      ],
    });
  });

  it('starts a new plan empty and sends new goals without ids, version 0', () => {
    const form = emptyForm();
    form.goals.push(emptyGoal({ wording: ' Wohnung finden ', steps: [{ ...emptyStep(), what: 'Anrufen' }] }));
    const body = saveBody(form, { version: 0 });
    expect(body.version).toBe(0);
    expect(body).not.toHaveProperty('changeKind');
    expect(body.legalType).toBeNull();
    const [goal] = body.goals;
    expect(goal).not.toHaveProperty('id');
    expect(goal?.wording).toBe('Wohnung finden');
    expect(goal?.steps[0]).toMatchObject({
      what: 'Anrufen',
      offerAvailable: null,
      mode: null,
      status: 'open',
    });
    expect(goal?.steps[0]).not.toHaveProperty('id');
  });

  it.each([
    { offerAvailable: 'yes' as const, sent: true },
    { offerAvailable: 'no' as const, sent: false },
    { offerAvailable: 'open' as const, sent: null },
  ])('sends "Passendes Angebot vorhanden?" $offerAvailable as $sent', ({ offerAvailable, sent }) => {
    const form = emptyForm();
    form.goals.push(emptyGoal({ wording: 'x', steps: [{ ...emptyStep(), what: 'y', offerAvailable }] }));
    expect(saveBody(form, { version: 1 }).goals[0]?.steps[0]?.offerAvailable).toBe(sent);
  });

  it.each([
    { reason: undefined, expected: undefined },
    { reason: '  ', expected: undefined },
    { reason: ' Ziel passte nicht ', expected: 'Ziel passte nicht' },
  ])('sends a reason only when given ($reason)', ({ reason, expected }) => {
    const body = saveBody(emptyForm(), {
      version: 2,
      changeKind: 'revision',
      ...(reason !== undefined ? { reason } : {}),
    });
    expect(body.reason).toBe(expected);
  });

  it('drops the done date of a step that is not done', () => {
    const form = emptyForm();
    form.goals.push(
      emptyGoal({ wording: 'x', steps: [{ ...emptyStep(), what: 'y', doneOn: '2026-01-01' }] }),
    );
    expect(saveBody(form, { version: 1 }).goals[0]?.steps[0]?.doneOn).toBeNull();
  });
});

describe('moveItem', () => {
  it.each([
    { index: 0, direction: 1 as const, expected: ['b', 'a', 'c'] },
    { index: 2, direction: -1 as const, expected: ['a', 'c', 'b'] },
    { index: 0, direction: -1 as const, expected: ['a', 'b', 'c'] },
    { index: 2, direction: 1 as const, expected: ['a', 'b', 'c'] },
    { index: 5, direction: 1 as const, expected: ['a', 'b', 'c'] },
  ])('moves item $index by $direction', ({ index, direction, expected }) => {
    expect(moveItem(['a', 'b', 'c'], index, direction)).toEqual(expected);
  });
});

describe('field ids and labels', () => {
  const names: FieldNames = {
    goal: (n) => `Ziel ${n}`,
    subGoal: (n) => `Teilziel ${n}`,
    step: (n) => `Schritt ${n}`,
    field: (name) => `[${name}]`,
  };
  it.each([
    { path: 'goals', id: 'plan-goals', label: '[goals]' },
    { path: 'goals.0.wording', id: 'plan-goal-0-wording', label: 'Ziel 1 › [wording]' },
    {
      path: 'goals.0.subGoals.1.indicator',
      id: 'plan-goal-0-sub-1-indicator',
      label: 'Ziel 1 › Teilziel 2 › [indicator]',
    },
    { path: 'goals.1.steps.2.what', id: 'plan-goal-1-step-2-what', label: 'Ziel 2 › Schritt 3 › [what]' },
    {
      path: 'goals.0.subGoals.0.steps.0.dueOn',
      id: 'plan-goal-0-sub-0-step-0-dueOn',
      label: 'Ziel 1 › Teilziel 1 › Schritt 1 › [dueOn]',
    },
    { path: 'header.problem', id: 'plan-header-problem', label: '[header.problem]' },
    { path: 'changeKind', id: 'plan-changeKind', label: '[changeKind]' },
  ])('$path → $id', ({ path, id, label }) => {
    expect(fieldId(path)).toBe(id);
    expect(fieldLabel(path, names)).toBe(label);
  });
});

describe('problems and warnings', () => {
  const base = { type: 't', title: 'validation', status: 400, code: 'validation' };
  it('replaces the messages of codes only the plan knows', () => {
    const problem = withPlanMessages(
      {
        ...base,
        errors: [
          { pointer: '/goals', code: 'max-goals', message: 'server', params: { limit: 3 } },
          { pointer: '/reason', code: 'required', message: 'server' },
        ],
      },
      (e) => (e.code === 'max-goals' ? `höchstens ${String(e.params?.limit)}` : null),
    );
    expect(problem.errors?.map((e) => e.message)).toEqual(['höchstens 3', 'server']);
  });

  it.each([
    { pointer: '/changeKind', expected: true },
    { pointer: '/reason', expected: true },
    { pointer: '/goals/0/wording', expected: false },
  ])('tells a problem of the change dialog by its pointer $pointer', ({ pointer, expected }) => {
    expect(isChangeProblem({ ...base, errors: [{ pointer, code: 'required', message: '' }] })).toBe(expected);
  });

  it('groups warnings by step', () => {
    const w = (pointer: string) => ({ pointer, code: 'after-target', message: '' });
    const map = warningsByStep([
      w('/goals/0/steps/1/dueOn'),
      w('/goals/0/subGoals/2/steps/0/dueOn'),
      w('/goals'),
    ]);
    expect([...map.keys()]).toEqual(['/goals/0/steps/1', '/goals/0/subGoals/2/steps/0']);
  });

  it('finds the latest review by date', () => {
    expect(
      latestReview([
        { reviewedOn: '2026-02-01' },
        { reviewedOn: '2026-03-01' },
        { reviewedOn: '2026-01-01' },
      ]),
    ).toEqual({ reviewedOn: '2026-03-01' });
    expect(latestReview([])).toBeNull();
  });
});
