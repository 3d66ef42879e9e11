import { describe, expect, it } from 'vitest';
import { computeScores, validateAnswers, validateTemplate } from './domain.js';
import { SHIPPED_INSTRUMENTS } from './shipped-instruments.js';
import type { Field, InstrumentTemplate, ScaleDefinition, Section, Text } from './template.js';

const KEY = /^[a-z0-9]+(?:[_-][a-z0-9]+)*$/;
const SCORABLE = ['scale', 'number', 'domainRating'];
/** Words that mark a field as health data (Art. 9 GDPR); checked on key, labels and option labels. */
const HEALTH = new RegExp(
  [
    ...['gesundheit', 'krank', 'diagnos', 'behinderung', '\\bsucht', 'psychisch', 'seelisch', 'arzt', 'ärzt'],
    ...['medizin', 'befund', 'health', 'illness', 'disab', 'addict', '\\bmental', 'medical', 'doctor'],
  ].join('|'),
  'i',
);

function allFields(fields: Field[]): Field[] {
  return fields.flatMap((f) => (f.type === 'group' ? [f, ...allFields(f.fields)] : [f]));
}

function fieldsOf(template: InstrumentTemplate): { section: Section; field: Field }[] {
  return template.sections.flatMap((section) =>
    allFields(section.fields).map((field) => ({ section, field })),
  );
}

/** Every Text of a template with a path, for the label check. */
function texts(template: InstrumentTemplate): [string, Text][] {
  const out: [string, Text][] = [
    ['title', template.title],
    ['description', template.description],
  ];
  const scaleTexts = (s: ScaleDefinition, p: string) =>
    s.labels.forEach((l) => out.push([`${p}/scale/${l.value}`, l.label]));
  template.sections.forEach((section) => {
    const sp = section.key;
    out.push([`${sp}/title`, section.title]);
    if (section.help) out.push([`${sp}/help`, section.help]);
    allFields(section.fields).forEach((field) => {
      const fp = `${sp}/${field.key}`;
      out.push([`${fp}/label`, field.label]);
      if (field.help) out.push([`${fp}/help`, field.help]);
      if (field.type === 'single' || field.type === 'multi')
        field.options.forEach((opt) => out.push([`${fp}/${opt.value}`, opt.label]));
      if (field.type === 'scale') scaleTexts(field.scale, fp);
      if (field.type === 'domainRating') {
        field.domains.forEach((d) => out.push([`${fp}/${d.value}`, d.label]));
        scaleTexts(field.scale, fp);
      }
    });
  });
  return out;
}

function isHealthRelated(section: Section, field: Field): boolean {
  if (/gesundheit|health/i.test(section.key + ' ' + section.title.de + ' ' + section.title.en)) return true;
  const words = [field.key, field.label.de, field.label.en];
  if (field.type === 'single' || field.type === 'multi')
    field.options.forEach((opt) => words.push(opt.value, opt.label.de, opt.label.en));
  return HEALTH.test(words.join(' '));
}

describe('shipped assessment instruments', () => {
  it('ships the seven instruments under unique keys', () => {
    const keys = SHIPPED_INSTRUMENTS.map((x) => x.key);
    expect(keys).toEqual([
      'ulm-minimum',
      'jmd-screening',
      'resource-survey-9',
      'short-resources-refugees',
      'social-pedagogical-diagnosis',
      'moers-needs-analysis',
      'luthe-data-groups',
    ]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  describe.each(SHIPPED_INSTRUMENTS.map((x) => [x.key, x] as const))('%s', (_key, template) => {
    it('passes the template rules of domain.ts', () => {
      expect(validateTemplate(template)).toEqual([]);
    });

    it('accepts an empty draft', () => {
      expect(validateAnswers(template, {}, { final: false })).toEqual([]);
    });

    it('has ASCII keys; section keys unique; field keys unique in the whole template', () => {
      expect(template.key).toMatch(KEY);
      const sectionKeys = template.sections.map((s) => s.key);
      sectionKeys.forEach((k) => expect(k).toMatch(KEY));
      expect(new Set(sectionKeys).size).toBe(sectionKeys.length);
      const fieldKeys = fieldsOf(template).map(({ field }) => field.key);
      fieldKeys.forEach((k) => expect(k).toMatch(KEY));
      const duplicates = fieldKeys.filter((k, i) => fieldKeys.indexOf(k) !== i);
      expect(duplicates).toEqual([]);
      expect(template.sections.length).toBeGreaterThan(0);
      template.sections.forEach((s) => expect(s.fields.length, s.key).toBeGreaterThan(0));
    });

    it('cites its seed lines in both descriptions', () => {
      expect(template.description.de).toMatch(/\[00\d L\d+/);
      expect(template.description.en).toMatch(/\[00\d L\d+/);
    });

    it('has non-empty German and English texts everywhere', () => {
      for (const [path, text] of texts(template)) {
        expect(text.de.trim(), path).not.toBe('');
        expect(text.en.trim(), path).not.toBe('');
      }
    });

    it('refers in showIf only to an earlier field of its section (or group), with a fitting value', () => {
      const check = (fields: Field[], earlier: Field[]) => {
        const seen = [...earlier];
        for (const field of fields) {
          if (field.showIf) {
            const target = seen.find((f) => f.key === field.showIf?.field);
            expect(target, `${field.key} -> ${field.showIf.field}`).toBeDefined();
            const equals = field.showIf.equals;
            if (target && equals !== undefined) {
              if (target.type === 'yesno') expect(typeof equals, field.key).toBe('boolean');
              if (target.type === 'single' || target.type === 'multi')
                expect(
                  target.options.map((x) => x.value),
                  field.key,
                ).toContain(equals);
            }
          }
          if (field.type === 'group') check(field.fields, seen);
          seen.push(field);
        }
      };
      template.sections.forEach((section) => check(section.fields, []));
    });

    it('scores only scale, number or domain-rating fields of the same section', () => {
      for (const section of template.sections) {
        if (!section.score) continue;
        expect(section.score.of.length, section.key).toBeGreaterThan(0);
        for (const key of section.score.of) {
          const target = section.fields.find((f) => f.key === key);
          expect(target, `${section.key}: ${key}`).toBeDefined();
          expect(SCORABLE, `${section.key}: ${key}`).toContain(target?.type);
        }
      }
    });

    it('has sound options, scales and number ranges', () => {
      for (const { field } of fieldsOf(template)) {
        const scales: ScaleDefinition[] = [];
        if (field.type === 'single' || field.type === 'multi') {
          expect(field.options.length, field.key).toBeGreaterThan(0);
          const values = field.options.map((x) => x.value);
          expect(new Set(values).size, field.key).toBe(values.length);
          values.forEach((v) => expect(v).toMatch(KEY));
        }
        if (field.type === 'scale') scales.push(field.scale);
        if (field.type === 'domainRating') scales.push(field.scale);
        for (const s of scales) {
          expect(s.min, field.key).toBeLessThan(s.max);
          for (const l of s.labels) {
            expect(l.value, field.key).toBeGreaterThanOrEqual(s.min);
            expect(l.value, field.key).toBeLessThanOrEqual(s.max);
          }
        }
        if (field.type === 'number' && field.min !== undefined && field.max !== undefined)
          expect(field.min, field.key).toBeLessThan(field.max);
      }
    });

    it('marks health-related fields as special category', () => {
      const unmarked = fieldsOf(template)
        .filter(({ section, field }) => isHealthRelated(section, field) && !field.specialCategory)
        .map(({ section, field }) => `${section.key}/${field.key}`);
      expect(unmarked).toEqual([]);
    });
  });

  it('the resource survey has nine domains, each with 3–4 two-view scale items and a mean score', () => {
    const survey = SHIPPED_INSTRUMENTS.find((x) => x.key === 'resource-survey-9');
    expect(survey?.sections).toHaveLength(9);
    for (const section of survey?.sections ?? []) {
      const scales = section.fields.filter((f) => f.type === 'scale');
      expect(scales.length, section.key).toBeGreaterThanOrEqual(3);
      expect(scales.length, section.key).toBeLessThanOrEqual(4);
      scales.forEach((f) => expect(f.perspectives, f.key).toBe(true));
      expect(
        section.fields.some((f) => f.type === 'longtext'),
        section.key,
      ).toBe(true);
      expect(section.score?.kind, section.key).toBe('mean');
      expect([...(section.score?.of ?? [])].sort()).toEqual(scales.map((f) => f.key).sort());
    }
    expect(survey?.description.en).toMatch(/adaptation/);
  });

  it('the short survey for young refugees has seven scored areas, each with its goal as help text', () => {
    const survey = SHIPPED_INSTRUMENTS.find((x) => x.key === 'short-resources-refugees');
    expect(survey?.sections).toHaveLength(7);
    for (const section of survey?.sections ?? []) {
      expect(section.help?.de, section.key).toMatch(/^Ziel:/);
      expect(section.score?.of.length, section.key).toBeGreaterThan(0);
      expect(
        section.fields.some((f) => f.type === 'longtext'),
        section.key,
      ).toBe(true);
    }
  });

  it('the Ulm minimum assessment ends with a prioritised list of needs and resources', () => {
    const ulm = SHIPPED_INSTRUMENTS.find((x) => x.key === 'ulm-minimum');
    const last = ulm?.sections.at(-1);
    expect(last?.title.de).toBe('Bedarfe und Ressourcen');
    const group = last?.fields.find((f) => f.type === 'group');
    expect(group?.type).toBe('group');
    if (group?.type !== 'group') return;
    const types = Object.fromEntries(group.fields.map((f) => [f.key, f]));
    expect(types.entry_type?.type).toBe('single');
    expect(types.entry_kind?.type).toBe('single');
    expect(types.entry_priority).toMatchObject({ type: 'number', min: 1, max: 10 });
  });

  it('scores the resource survey per domain from the professional view, in range 1–5', () => {
    const survey = SHIPPED_INSTRUMENTS.find((x) => x.key === 'resource-survey-9');
    if (!survey) throw new Error('missing');
    const answers = Object.fromEntries(
      survey.sections.flatMap((s) =>
        s.fields.filter((f) => f.type === 'scale').map((f, i) => [f.key, { client: 5, professional: 1 + i }]),
      ),
    );
    expect(validateAnswers(survey, answers, { final: false })).toEqual([]);
    const scores = computeScores(survey, answers);
    expect(Object.keys(scores)).toHaveLength(9);
    expect(scores.housing).toBe(2.5);
    expect(scores.leisure_interests).toBe(2);
  });
});
