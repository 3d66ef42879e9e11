import { describe, expect, it } from 'vitest';
import {
  changedAnswers,
  computeScores,
  isVisible,
  validateAnswers,
  validateTemplate,
  type Answers,
} from './domain.js';
import type { InstrumentTemplate } from './template.js';

const t = (de: string) => ({ de, en: de });
const scale = {
  min: 1,
  max: 5,
  labels: [
    { value: 1, label: t('gar nicht') },
    { value: 5, label: t('voll') },
  ],
};

const TEMPLATE: InstrumentTemplate = {
  key: 'test',
  title: t('Test'),
  description: t('Test'),
  sections: [
    {
      key: 'housing',
      title: t('Wohnen'),
      fields: [
        { key: 'has_flat', type: 'yesno', label: t('Eigene Wohnung'), required: true },
        {
          key: 'flat_since',
          type: 'date',
          label: t('Seit'),
          showIf: { field: 'has_flat', equals: true },
          required: true,
        },
        { key: 'housing_ok', type: 'scale', label: t('Zufrieden'), scale, perspectives: true },
        { key: 'rooms', type: 'number', label: t('Zimmer'), min: 0, max: 20, integer: true },
      ],
      score: { kind: 'mean', of: ['housing_ok', 'rooms'] },
    },
    {
      key: 'support',
      title: t('Unterstützung'),
      fields: [
        {
          key: 'helpers',
          type: 'multi',
          label: t('Wer hilft'),
          options: [
            { value: 'family', label: t('Familie') },
            { value: 'school', label: t('Schule') },
          ],
        },
        {
          key: 'main_need',
          type: 'single',
          label: t('Hauptbedarf'),
          options: [
            { value: 'housing', label: t('Wohnen') },
            { value: 'work', label: t('Arbeit') },
          ],
        },
        { key: 'health', type: 'longtext', label: t('Gesundheit'), specialCategory: true, maxLength: 50 },
        {
          key: 'needs',
          type: 'group',
          label: t('Bedarfe'),
          maxRows: 2,
          fields: [
            { key: 'need', type: 'text', label: t('Bedarf'), required: true },
            { key: 'priority', type: 'number', label: t('Priorität'), min: 1, max: 10 },
          ],
        },
        {
          key: 'domains',
          type: 'domainRating',
          label: t('Bereiche'),
          domains: [
            { value: 'money', label: t('Geld') },
            { value: 'language', label: t('Sprache') },
          ],
          scale,
        },
      ],
      score: { kind: 'sum', of: ['domains'] },
    },
  ],
};

describe('template definitions', () => {
  it('accepts a sound template', () => {
    expect(validateTemplate(TEMPLATE)).toEqual([]);
  });

  const broken = (mutate: (tpl: InstrumentTemplate) => void) => {
    const copy = structuredClone(TEMPLATE);
    mutate(copy);
    return validateTemplate(copy);
  };
  it.each([
    [
      'a condition on an unknown field',
      (x: InstrumentTemplate) => {
        const f = x.sections[0]?.fields[1];
        if (f) f.showIf = { field: 'nope' };
      },
      '/sections/0/fields/1/showIf/field',
      'unknown-reference',
    ],
    [
      'a condition on a later field',
      (x: InstrumentTemplate) => {
        const f = x.sections[0]?.fields[0];
        if (f) f.showIf = { field: 'rooms' };
      },
      '/sections/0/fields/0/showIf/field',
      'unknown-reference',
    ],
    [
      'a duplicate field key',
      (x: InstrumentTemplate) => {
        const f = x.sections[1]?.fields[0];
        if (f) f.key = 'rooms';
      },
      '/sections/1/fields/0/key',
      'duplicate-key',
    ],
    [
      'an empty option list',
      (x: InstrumentTemplate) => {
        const f = x.sections[1]?.fields[1];
        if (f && f.type === 'single') f.options = [];
      },
      '/sections/1/fields/1/options',
      'minItems',
    ],
    [
      'a scale without range',
      (x: InstrumentTemplate) => {
        const f = x.sections[0]?.fields[2];
        if (f && f.type === 'scale') f.scale = { ...scale, min: 5, max: 5 };
      },
      '/sections/0/fields/2/scale',
      'scale-range',
    ],
    [
      'a score over a text field',
      (x: InstrumentTemplate) => {
        const s = x.sections[1];
        if (s?.score) s.score.of = ['health'];
      },
      '/sections/1/score/of/0',
      'unknown-reference',
    ],
  ])('refuses %s', (_name, mutate, pointer, code) => {
    expect(broken(mutate)).toContainEqual(expect.objectContaining({ pointer, code }));
  });
});

describe('answers', () => {
  const valid: Answers = {
    has_flat: true,
    flat_since: '2025-03-01',
    housing_ok: { client: 2, professional: 4 },
    rooms: 2,
    helpers: ['family'],
    main_need: 'work',
    health: 'Asthma',
    needs: [{ need: 'Ausbildungsplatz', priority: 1 }],
    domains: { money: 2, language: 4 },
  };

  it('accepts valid answers, as draft and as final', () => {
    expect(validateAnswers(TEMPLATE, valid, { final: false })).toEqual([]);
    expect(validateAnswers(TEMPLATE, valid, { final: true })).toEqual([]);
  });

  it('lets a draft be incomplete but not a final assessment', () => {
    expect(validateAnswers(TEMPLATE, { rooms: 3 }, { final: false })).toEqual([]);
    expect(validateAnswers(TEMPLATE, { rooms: 3 }, { final: true })).toEqual([
      { pointer: '/answers/has_flat', code: 'required' },
    ]);
  });

  it('requires a conditional field only while it is shown', () => {
    expect(validateAnswers(TEMPLATE, { has_flat: false }, { final: true })).toEqual([]);
    expect(validateAnswers(TEMPLATE, { has_flat: true }, { final: true })).toEqual([
      { pointer: '/answers/flat_since', code: 'required' },
    ]);
    expect(isVisible(TEMPLATE.sections[0]?.fields[1] ?? ({} as never), { has_flat: true })).toBe(true);
  });

  it.each<[string, Answers, boolean]>([
    ['professional view counts', { housing_ok: { client: 1, professional: 4 } }, true],
    ['not when the professional sees it otherwise', { housing_ok: { client: 4, professional: 2 } }, false],
    ['the client view where only that is given', { housing_ok: { client: 4 } }, true],
    ['nothing answered', { housing_ok: {} }, false],
  ])('a condition on a field with two views: %s', (_, answers, shown) => {
    const field = {
      key: 'x',
      type: 'text' as const,
      label: t('x'),
      showIf: { field: 'housing_ok', equals: 4 },
    };
    expect(isVisible(field, answers)).toBe(shown);
  });

  it.each([
    ['wrong type', { rooms: 'zwei' }, '/answers/rooms', 'type'],
    ['number out of range', { rooms: 21 }, '/answers/rooms', 'maximum'],
    ['not a whole number', { rooms: 2.5 }, '/answers/rooms', 'type'],
    [
      'scale out of range',
      { housing_ok: { professional: 6 } },
      '/answers/housing_ok/professional',
      'out-of-range',
    ],
    [
      'unknown perspective',
      { housing_ok: { parent: 3 } },
      '/answers/housing_ok/parent',
      'additionalProperties',
    ],
    ['unknown option', { main_need: 'flying' }, '/answers/main_need', 'enum'],
    ['unknown option in a list', { helpers: ['family', 'aliens'] }, '/answers/helpers/1', 'enum'],
    ['invalid date', { has_flat: true, flat_since: '2025-02-30x' }, '/answers/flat_since', 'format'],
    ['too long', { health: 'x'.repeat(51) }, '/answers/health', 'maxLength'],
    ['unknown field', { shoe_size: 42 }, '/answers/shoe_size', 'additionalProperties'],
    ['too many rows', { needs: [{ need: 'a' }, { need: 'b' }, { need: 'c' }] }, '/answers/needs', 'maxItems'],
    [
      'unknown column in a row',
      { needs: [{ need: 'a', colour: 'red' }] },
      '/answers/needs/0/colour',
      'additionalProperties',
    ],
    ['unknown domain', { domains: { sports: 3 } }, '/answers/domains/sports', 'additionalProperties'],
    ['domain rating out of range', { domains: { money: 9 } }, '/answers/domains/money', 'out-of-range'],
  ])('refuses %s', (_name, answers, pointer, code) => {
    expect(validateAnswers(TEMPLATE, answers as Answers, { final: false })).toContainEqual(
      expect.objectContaining({ pointer, code }),
    );
  });

  it('requires the columns of a row when finalising', () => {
    expect(validateAnswers(TEMPLATE, { ...valid, needs: [{ priority: 2 }] }, { final: true })).toEqual([
      { pointer: '/answers/needs/0/need', code: 'required' },
    ]);
  });
});

describe('scores and comparison', () => {
  it('computes section scores from the professional view, mean or sum', () => {
    expect(
      computeScores(TEMPLATE, {
        housing_ok: { client: 1, professional: 4 },
        rooms: 2,
        domains: { money: 2, language: 4 },
      }),
    ).toEqual({
      housing: 3,
      support: 6,
    });
    expect(computeScores(TEMPLATE, {})).toEqual({ housing: null, support: null });
  });

  it('lists the answers that changed between two assessments', () => {
    expect(
      changedAnswers({ rooms: 2, has_flat: true }, { rooms: 3, has_flat: true, main_need: 'work' }),
    ).toEqual(['main_need', 'rooms']);
  });
});
