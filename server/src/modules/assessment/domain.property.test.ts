/**
 * Property-based tests (fast-check) of the answer validation against the shipped instruments: any input is
 * checked without throwing and refused with a pointer into the answers; well-formed answers are accepted;
 * a re-assessment carries over only answers the template accepts. Settings: test/property.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_OPTIONS } from '../../test/property.js';
import {
  carryOver,
  computeScores,
  validateAnswers,
  validateTemplate,
  type Answer,
  type Answers,
} from './domain.js';
import { SHIPPED_INSTRUMENTS } from './shipped-instruments.js';
import type { Field, InstrumentTemplate } from './template.js';

const instrument = fc.constantFrom(...SHIPPED_INSTRUMENTS);

function scalarOf(field: Field): fc.Arbitrary<Answer> {
  switch (field.type) {
    case 'text':
    case 'longtext':
      return fc.oneof(
        fc.string({ maxLength: Math.min(field.maxLength ?? 500, 80) }),
        fc.constantFrom('<script>window.__xss=1</script>', '\u202Eمرحبا', '👩‍👩‍👧'),
      );
    case 'number':
      return field.integer
        ? fc.integer({ min: field.min ?? -1000, max: field.max ?? 1000 })
        : fc.double({
            min: field.min ?? -1000,
            max: field.max ?? 1000,
            noNaN: true,
            noDefaultInfinity: true,
          });
    case 'date':
      return fc.constantFrom('2026-01-31', '2000-02-29', '1999-12-31');
    case 'yesno':
      return fc.boolean();
    case 'single':
      return fc.constantFrom(...field.options.map((o) => o.value));
    case 'multi':
      return fc.subarray(field.options.map((o) => o.value));
    case 'scale':
      return fc.integer({ min: field.scale.min, max: field.scale.max });
    case 'domainRating':
      return fc.record(
        Object.fromEntries(
          field.domains.map((d) => [
            d.value,
            fc.option(fc.integer({ min: field.scale.min, max: field.scale.max }), { nil: null }),
          ]),
        ),
      );
    case 'group':
      return fc.array(
        fc.record(Object.fromEntries(field.fields.map((f) => [f.key, scalarOf(f)])), { requiredKeys: [] }),
        { maxLength: Math.min(field.maxRows ?? 3, 3) },
      ) as fc.Arbitrary<Answer>;
  }
}

function answerOf(field: Field): fc.Arbitrary<Answer> {
  const scalar = scalarOf(field);
  if (!field.perspectives) return fc.option(scalar, { nil: null });
  return fc.oneof(
    scalar,
    fc.record(
      { client: fc.option(scalar, { nil: null }), professional: fc.option(scalar, { nil: null }) },
      { requiredKeys: [] },
    ),
  ) as fc.Arbitrary<Answer>;
}

function validAnswers(template: InstrumentTemplate): fc.Arbitrary<Answers> {
  const fields = template.sections.flatMap((s) => s.fields);
  return fc.record(Object.fromEntries(fields.map((f) => [f.key, answerOf(f)])), {
    requiredKeys: [],
  }) as fc.Arbitrary<Answers>;
}

const junk: fc.Arbitrary<Answers> = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor')),
  fc.jsonValue() as fc.Arbitrary<Answer>,
);

describe('validateAnswers', () => {
  it('the shipped instruments are valid templates', () => {
    for (const template of SHIPPED_INSTRUMENTS) expect(validateTemplate(template)).toEqual([]);
  });

  it('accepts well-formed draft answers of every shipped instrument', () => {
    fc.assert(
      fc.property(
        instrument.chain((t) => fc.tuple(fc.constant(t), validAnswers(t))),
        ([template, answers]) => {
          expect(validateAnswers(template, answers, { final: false })).toEqual([]);
          const scores = computeScores(template, answers);
          for (const value of Object.values(scores))
            if (value !== null) expect(Number.isFinite(value)).toBe(true);
        },
      ),
      PROPERTY_OPTIONS,
    );
  });

  it('never throws on any JSON, and every error points into the answers', () => {
    fc.assert(
      fc.property(instrument, junk, fc.boolean(), (template, answers, final) => {
        for (const error of validateAnswers(template, answers, { final })) {
          expect(error.pointer.startsWith('/answers/')).toBe(true);
          expect(error.code.length).toBeGreaterThan(0);
        }
      }),
      PROPERTY_OPTIONS,
    );
  });

  it('refuses an unknown field by its name', () => {
    fc.assert(
      fc.property(
        instrument,
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.jsonValue(),
        (template, key, value) => {
          const known = template.sections.flatMap((s) => s.fields.map((f) => f.key));
          fc.pre(!known.includes(key));
          const errors = validateAnswers(template, { [key]: value as Answer }, { final: false });
          expect(errors).toContainEqual({ pointer: `/answers/${key}`, code: 'additionalProperties' });
        },
      ),
      PROPERTY_OPTIONS,
    );
  });
});

describe('carryOver (re-assessment)', () => {
  it('carries over only answers the template accepts, and carrying over twice changes nothing more', () => {
    const previous = instrument.chain((t) => fc.tuple(fc.constant(t), fc.oneof(validAnswers(t), junk)));
    fc.assert(
      fc.property(previous, ([template, answers]) => {
        const carried = carryOver(template, answers);
        expect(validateAnswers(template, carried, { final: false })).toEqual([]);
        for (const key of Object.keys(carried)) expect(answers[key]).toEqual(carried[key]);
        expect(carryOver(template, carried)).toEqual(carried);
      }),
      PROPERTY_OPTIONS,
    );
  });
});
