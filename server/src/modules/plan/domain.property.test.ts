/**
 * Property-based tests (fast-check) of the plan rules: limits, warnings, and whether a change to an agreed
 * plan is an extension or a revision. Settings: test/property.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_OPTIONS } from '../../test/property.js';
import {
  classifyChange,
  planErrors,
  planWarnings,
  type GoalDoc,
  type PlanDoc,
  type StepDoc,
} from './domain.js';

const day = fc.constantFrom('2026-01-15', '2026-03-01', '2026-06-30', '2027-01-01', null);
const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('', '  ', '<b>x</b>', '👩‍👧'));
const step: fc.Arbitrary<StepDoc> = fc.record({
  id: fc.uuid(),
  what: text,
  who: fc.constantFrom('client', 'case_manager', 'provider', 'other'),
  dueOn: day,
  status: fc.constantFrom('open', 'done', 'dropped'),
});
const goal = (withSubGoals: boolean): fc.Arbitrary<GoalDoc> =>
  fc.record({
    id: fc.uuid(),
    wording: text,
    indicator: fc.option(text, { nil: null }),
    targetOn: day,
    followUpOn: day,
    status: fc.constantFrom('active', 'achieved', 'dropped'),
    steps: fc.array(step, { maxLength: 3 }),
    subGoals: withSubGoals ? fc.array(goal(false), { maxLength: 2 }) : fc.constant([]),
  });
const header = fc.record({
  participants: fc.option(text, { nil: null }),
  benefitsEarlier: fc.constant(null),
  benefitsCurrent: fc.constant(null),
  problem: fc.option(text, { nil: null }),
  resources: fc.constant(null),
  obligations: fc.constant(null),
  costBearers: fc.constant(null),
  reviewOn: day,
});
const plan: fc.Arbitrary<PlanDoc> = fc.record({ header, goals: fc.array(goal(true), { maxLength: 4 }) });
const rules = fc.record({
  maxGoals: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  requireIndicator: fc.boolean(),
});

function pointerExists(doc: PlanDoc, pointer: string): boolean {
  let target: unknown = doc;
  for (const part of pointer.split('/').slice(1)) {
    if (target === null || typeof target !== 'object') return false;
    target = (target as Record<string, unknown>)[part];
  }
  return target !== undefined;
}

describe('plan errors and warnings', () => {
  it('never throw, and every finding points at a part of the plan that exists', () => {
    fc.assert(
      fc.property(plan, rules, fc.boolean(), (doc, r, agreeing) => {
        for (const f of [...planErrors(doc, r, { agreeing }), ...planWarnings(doc)]) {
          expect(pointerExists(doc, f.pointer)).toBe(true);
        }
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('refuses more active goals than the organisation allows, and only then names /goals', () => {
    fc.assert(
      fc.property(plan, rules, (doc, r) => {
        const active = doc.goals.filter((g) => g.status !== 'dropped').length;
        const tooMany = r.maxGoals !== null && active > r.maxGoals;
        expect(planErrors(doc, r, { agreeing: false }).some((e) => e.code === 'max-goals')).toBe(tooMany);
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('agreeing asks for at least what saving asks for', () => {
    fc.assert(
      fc.property(plan, rules, (doc, r) => {
        const saving = planErrors(doc, r, { agreeing: false }).map((e) => `${e.pointer}|${e.code}`);
        const agreeing = planErrors(doc, r, { agreeing: true }).map((e) => `${e.pointer}|${e.code}`);
        for (const e of saving) expect(agreeing).toContain(e);
      }),
      PROPERTY_OPTIONS,
    );
  });
});

describe('classifyChange', () => {
  it('an unchanged plan is no change at all', () => {
    fc.assert(
      fc.property(plan, (doc) => {
        expect(classifyChange(doc, structuredClone(doc)).kind).toBeNull();
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('adding goals is an extension, taking a goal out is a revision', () => {
    fc.assert(
      fc.property(plan, fc.array(goal(false), { minLength: 1, maxLength: 2 }), (doc, added) => {
        const fresh = added.map((g) => ({
          ...g,
          id: undefined,
          steps: g.steps.map((s) => ({ ...s, id: undefined })),
        }));
        expect(classifyChange(doc, { ...doc, goals: [...doc.goals, ...fresh] }).kind).toBe('extension');
        if (doc.goals.length > 0) {
          expect(classifyChange(doc, { ...doc, goals: doc.goals.slice(1) }).kind).toBe('revision');
        }
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('does not depend on the order of the goals', () => {
    fc.assert(
      fc.property(plan, plan, (before, after) => {
        const reordered = { ...after, goals: [...after.goals].reverse() };
        expect(classifyChange(before, reordered).kind).toBe(classifyChange(before, after).kind);
      }),
      PROPERTY_OPTIONS,
    );
  });
});
