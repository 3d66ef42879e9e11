import { canonicalJson } from '../../core/audit.js';
import type { Field, InstrumentTemplate, ScaleDefinition, Text } from './template.js';

/**
 * Rules of assessment instruments (issue 5): a template is checked once when it is saved (broken condition
 * references, duplicate keys, empty option lists are refused), and answers are checked against the template
 * version they were made with. Drafts may be incomplete; finalising needs every required, visible answer.
 * Pure functions, no I/O; errors carry JSON pointers.
 */

export interface RuleError {
  pointer: string;
  code: string;
  params?: Record<string, unknown>;
}

function scaleErrors(scale: ScaleDefinition, pointer: string): RuleError[] {
  const errors: RuleError[] = [];
  if (!(scale.min < scale.max)) errors.push({ pointer: `${pointer}/scale`, code: 'scale-range' });
  scale.labels.forEach((l, i) => {
    if (l.value < scale.min || l.value > scale.max)
      errors.push({ pointer: `${pointer}/scale/labels/${i}`, code: 'scale-label' });
  });
  return errors;
}

function optionErrors(options: { value: string }[], pointer: string): RuleError[] {
  if (options.length === 0)
    return [{ pointer: `${pointer}/options`, code: 'minItems', params: { limit: 1 } }];
  const seen = new Set<string>();
  const errors: RuleError[] = [];
  options.forEach((o, i) => {
    if (seen.has(o.value)) errors.push({ pointer: `${pointer}/options/${i}`, code: 'duplicate-key' });
    seen.add(o.value);
  });
  return errors;
}

/**
 * Templates arrive as JSON (import, editor), so a field may lack what its type needs; names the first
 * missing part, e.g. "options" for a choice field without a list.
 */
function missingParts(field: Field): string | null {
  const parts = field as unknown as Record<string, unknown>;
  const need: Partial<Record<Field['type'], string[]>> = {
    single: ['options'],
    multi: ['options'],
    scale: ['scale'],
    domainRating: ['domains', 'scale'],
    group: ['fields'],
  };
  return (need[field.type] ?? []).find((part) => parts[part] === undefined) ?? null;
}

/** Checks a template definition before it is published. */
export function validateTemplate(template: InstrumentTemplate): RuleError[] {
  const errors: RuleError[] = [];
  const fieldKeys = new Set<string>();
  const sectionKeys = new Set<string>();
  template.sections.forEach((section, s) => {
    const sp = `/sections/${s}`;
    if (sectionKeys.has(section.key)) errors.push({ pointer: `${sp}/key`, code: 'duplicate-key' });
    sectionKeys.add(section.key);
    const earlier = new Map<string, Field>();
    const checkFields = (fields: Field[], base: string, inGroup: boolean) => {
      fields.forEach((field, f) => {
        const fp = `${base}/fields/${f}`;
        if (fieldKeys.has(field.key)) errors.push({ pointer: `${fp}/key`, code: 'duplicate-key' });
        fieldKeys.add(field.key);
        if (field.showIf && !earlier.has(field.showIf.field)) {
          errors.push({ pointer: `${fp}/showIf/field`, code: 'unknown-reference' });
        }
        const missing = missingParts(field);
        if (missing) {
          errors.push({ pointer: `${fp}/${missing}`, code: 'required' });
          earlier.set(field.key, field);
          return;
        }
        if (field.type === 'single' || field.type === 'multi')
          errors.push(...optionErrors(field.options, fp));
        if (field.type === 'scale') errors.push(...scaleErrors(field.scale, fp));
        if (field.type === 'domainRating') {
          errors.push(...optionErrors(field.domains, fp), ...scaleErrors(field.scale, fp));
        }
        if (
          field.type === 'number' &&
          field.min !== undefined &&
          field.max !== undefined &&
          field.min > field.max
        ) {
          errors.push({ pointer: fp, code: 'scale-range' });
        }
        if (field.type === 'group') {
          if (inGroup) errors.push({ pointer: fp, code: 'nested-group' });
          else checkFields(field.fields, fp, true);
        }
        earlier.set(field.key, field);
      });
    };
    checkFields(section.fields, sp, false);
    section.score?.of.forEach((key, i) => {
      const target = section.fields.find((x) => x.key === key);
      if (!target || !['scale', 'number', 'domainRating'].includes(target.type)) {
        errors.push({ pointer: `${sp}/score/of/${i}`, code: 'unknown-reference' });
      }
    });
  });
  return errors;
}

export type Scalar = string | number | boolean | string[] | null;
export type Answer =
  | Scalar
  | { client?: Scalar; professional?: Scalar }
  | Record<string, Scalar>[]
  | Record<string, number | null>;
export type Answers = Record<string, Answer>;

function isEmpty(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/**
 * The value a condition looks at: for an answer with two views the professional's, or the client's where only
 * that one is given.
 */
function conditionValue(raw: Answer | undefined): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const keys = Object.keys(raw);
  const views = keys.length > 0 && keys.every((k) => k === 'client' || k === 'professional');
  if (!views) return raw;
  const { client, professional } = raw as { client?: Scalar; professional?: Scalar };
  return isEmpty(professional) ? client : professional;
}

/** Is the field shown, given the other answers? (Hidden fields are neither required nor kept.) */
export function isVisible(field: Field, answers: Answers): boolean {
  if (!field.showIf) return true;
  const other = conditionValue(answers[field.showIf.field]);
  if (field.showIf.equals === undefined) return !isEmpty(other);
  if (Array.isArray(other)) return (other as unknown[]).includes(String(field.showIf.equals));
  return other === field.showIf.equals;
}

function scalarErrors(field: Field, value: Scalar, pointer: string): RuleError[] {
  if (value === null) return [];
  switch (field.type) {
    case 'text':
    case 'longtext': {
      if (typeof value !== 'string') return [{ pointer, code: 'type', params: { type: 'string' } }];
      const max = field.maxLength ?? (field.type === 'text' ? 500 : 20_000);
      return value.length > max ? [{ pointer, code: 'maxLength', params: { limit: max } }] : [];
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return [{ pointer, code: 'type', params: { type: 'number' } }];
      if (field.integer && !Number.isInteger(value))
        return [{ pointer, code: 'type', params: { type: 'integer' } }];
      if (field.min !== undefined && value < field.min)
        return [{ pointer, code: 'minimum', params: { limit: field.min } }];
      if (field.max !== undefined && value > field.max)
        return [{ pointer, code: 'maximum', params: { limit: field.max } }];
      return [];
    }
    case 'date':
      return typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        ? []
        : [{ pointer, code: 'format', params: { format: 'date' } }];
    case 'yesno':
      return typeof value === 'boolean' ? [] : [{ pointer, code: 'type', params: { type: 'boolean' } }];
    case 'single':
      return typeof value === 'string' && field.options.some((o) => o.value === value)
        ? []
        : [{ pointer, code: 'enum' }];
    case 'multi':
      if (!Array.isArray(value)) return [{ pointer, code: 'type', params: { type: 'array' } }];
      return value.flatMap((v, i) =>
        field.options.some((o) => o.value === v) ? [] : [{ pointer: `${pointer}/${i}`, code: 'enum' }],
      );
    case 'scale':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return [{ pointer, code: 'type', params: { type: 'integer' } }];
      return value < field.scale.min || value > field.scale.max
        ? [{ pointer, code: 'out-of-range', params: { min: field.scale.min, max: field.scale.max } }]
        : [];
    default:
      return [{ pointer, code: 'type' }];
  }
}

function answerErrors(
  field: Field,
  answer: Answer | undefined,
  pointer: string,
  final: boolean,
  answers: Answers,
): RuleError[] {
  if (!isVisible(field, answers)) return [];
  if (answer === undefined || isEmpty(answer)) {
    return final && field.required ? [{ pointer, code: 'required' }] : [];
  }
  if (field.type === 'group') {
    if (!Array.isArray(answer)) return [{ pointer, code: 'type', params: { type: 'array' } }];
    if (field.maxRows !== undefined && answer.length > field.maxRows)
      return [{ pointer, code: 'maxItems', params: { limit: field.maxRows } }];
    return answer.flatMap((row, r) => {
      if (row === null || typeof row !== 'object' || Array.isArray(row))
        return [{ pointer: `${pointer}/${r}`, code: 'type' }];
      const rowAnswers = row as Answers;
      const unknown = Object.keys(rowAnswers)
        .filter((k) => !field.fields.some((f) => f.key === k))
        .map((k) => ({ pointer: `${pointer}/${r}/${k}`, code: 'additionalProperties' }));
      return [
        ...unknown,
        ...field.fields.flatMap((f) =>
          answerErrors(f, rowAnswers[f.key], `${pointer}/${r}/${f.key}`, final, rowAnswers),
        ),
      ];
    });
  }
  if (field.type === 'domainRating') {
    if (typeof answer !== 'object' || Array.isArray(answer))
      return [{ pointer, code: 'type', params: { type: 'object' } }];
    const ratings = answer as Record<string, unknown>;
    return Object.entries(ratings).flatMap(([domain, value]) => {
      if (!field.domains.some((d) => d.value === domain))
        return [{ pointer: `${pointer}/${domain}`, code: 'additionalProperties' }];
      return value === null
        ? []
        : scalarErrors({ ...field, type: 'scale' }, value as Scalar, `${pointer}/${domain}`);
    });
  }
  if (field.perspectives && typeof answer === 'object' && !Array.isArray(answer) && answer !== null) {
    const views = answer as Record<string, unknown>;
    const unknown = Object.keys(views)
      .filter((k) => k !== 'client' && k !== 'professional')
      .map((k) => ({ pointer: `${pointer}/${k}`, code: 'additionalProperties' }));
    const both = (['client', 'professional'] as const).flatMap((view) =>
      views[view] === undefined ? [] : scalarErrors(field, views[view] as Scalar, `${pointer}/${view}`),
    );
    const missing =
      final && field.required && isEmpty(views.client) && isEmpty(views.professional)
        ? [{ pointer, code: 'required' }]
        : [];
    return [...unknown, ...both, ...missing];
  }
  return scalarErrors(field, answer as Scalar, pointer);
}

/**
 * Checks answers against the template version. Unknown fields, wrong types, out-of-range scale values and
 * unknown options are always errors; missing required answers only when finalising.
 */
export function validateAnswers(
  template: InstrumentTemplate,
  answers: Answers,
  options: { final: boolean },
): RuleError[] {
  const known = new Set(template.sections.flatMap((s) => s.fields.map((f) => f.key)));
  const unknown = Object.keys(answers)
    .filter((k) => !known.has(k))
    .map((k) => ({ pointer: `/answers/${k}`, code: 'additionalProperties' }));
  return [
    ...unknown,
    ...template.sections.flatMap((s) =>
      s.fields.flatMap((f) => answerErrors(f, answers[f.key], `/answers/${f.key}`, options.final, answers)),
    ),
  ];
}

function numericValues(field: Field, answer: Answer | undefined): number[] {
  if (answer === undefined || answer === null) return [];
  if (field.type === 'domainRating' && typeof answer === 'object' && !Array.isArray(answer)) {
    return Object.values(answer as Record<string, unknown>).filter((v): v is number => typeof v === 'number');
  }
  // With two views the professional's counts for the score; the client's view is shown beside it.
  const value =
    typeof answer === 'object' && !Array.isArray(answer) && 'professional' in answer
      ? answer.professional
      : answer;
  return typeof value === 'number' ? [value] : [];
}

/** Section scores (sum or mean of the listed answers); null where nothing was answered. */
export function computeScores(template: InstrumentTemplate, answers: Answers): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const section of template.sections) {
    if (!section.score) continue;
    const values = section.score.of.flatMap((key) => {
      const field = section.fields.find((f) => f.key === key);
      return field ? numericValues(field, answers[key]) : [];
    });
    if (values.length === 0) out[section.key] = null;
    else {
      const sum = values.reduce((a, b) => a + b, 0);
      out[section.key] = section.score.kind === 'sum' ? sum : Math.round((sum / values.length) * 100) / 100;
    }
  }
  return out;
}

/** Answers that changed between two assessments (for the side-by-side comparison). */
export function changedAnswers(before: Answers, after: Answers): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => canonicalJson(before[k] ?? null) !== canonicalJson(after[k] ?? null)).sort();
}

/** Removes answers of fields that are not shown (their condition is not met): hidden fields are not kept. */
export function withoutHiddenAnswers(template: InstrumentTemplate, answers: Answers): Answers {
  const out: Answers = {};
  for (const field of template.sections.flatMap((s) => s.fields)) {
    const answer = answers[field.key];
    if (answer === undefined || !isVisible(field, answers)) continue;
    if (field.type === 'group' && Array.isArray(answer)) {
      out[field.key] = (answer as Record<string, Scalar>[]).map((row) =>
        Object.fromEntries(
          field.fields
            .filter((f) => row[f.key] !== undefined && isVisible(f, row as Answers))
            .map((f) => [f.key, row[f.key] as Scalar]),
        ),
      );
    } else out[field.key] = answer;
  }
  return out;
}

/** Top-level answers that are special categories (the field or one of its group's fields is marked). */
export function specialCategoryKeys(template: InstrumentTemplate): Set<string> {
  return new Set(
    template.sections
      .flatMap((s) => s.fields)
      .filter((f) => f.specialCategory || (f.type === 'group' && f.fields.some((g) => g.specialCategory)))
      .map((f) => f.key),
  );
}

/**
 * Answers carried into a re-assessment: those the (possibly newer) template still knows and accepts.
 * Answers that no longer fit — a removed field, an option that was dropped — are left out.
 */
export function carryOver(template: InstrumentTemplate, previous: Answers): Answers {
  const candidate = withoutHiddenAnswers(template, previous);
  const broken = new Set(
    validateAnswers(template, candidate, { final: false }).map((e) => e.pointer.split('/')[2]),
  );
  return Object.fromEntries(Object.entries(candidate).filter(([key]) => !broken.has(key)));
}

export interface ProgressDimension {
  key: string;
  label: Text;
  min: number;
  max: number;
}

/**
 * What a progress picture shows for a template: each scored section (its mean or sum) and each domain of a
 * rating-per-domain field. Empty for instruments without scales.
 */
export function progressDimensions(template: InstrumentTemplate): ProgressDimension[] {
  const out: ProgressDimension[] = [];
  for (const section of template.sections) {
    if (section.score) {
      const scales = section.score.of
        .map((key) => section.fields.find((f) => f.key === key))
        .filter((f): f is Field => f !== undefined);
      const range = scales.map((f) =>
        f.type === 'scale' || f.type === 'domainRating'
          ? { min: f.scale.min, max: f.scale.max }
          : { min: f.type === 'number' ? (f.min ?? 0) : 0, max: f.type === 'number' ? (f.max ?? 0) : 0 },
      );
      const min = Math.min(...range.map((r) => r.min));
      const max = Math.max(...range.map((r) => r.max));
      out.push({
        key: section.key,
        label: section.title,
        min: section.score.kind === 'mean' ? min : range.reduce((a, r) => a + r.min, 0),
        max: section.score.kind === 'mean' ? max : range.reduce((a, r) => a + r.max, 0),
      });
    }
    for (const field of section.fields) {
      if (field.type !== 'domainRating') continue;
      for (const domain of field.domains) {
        out.push({
          key: `${field.key}.${domain.value}`,
          label: domain.label,
          min: field.scale.min,
          max: field.scale.max,
        });
      }
    }
  }
  return out;
}

/** The values of the progress dimensions for one assessment. */
export function progressValues(
  template: InstrumentTemplate,
  answers: Answers,
): Record<string, number | null> {
  const scores = computeScores(template, answers);
  const out: Record<string, number | null> = {};
  for (const dimension of progressDimensions(template)) {
    const [fieldKey, domain] = dimension.key.split('.');
    if (domain === undefined) out[dimension.key] = scores[dimension.key] ?? null;
    else {
      const ratings = answers[fieldKey ?? ''];
      const value =
        ratings && typeof ratings === 'object' && !Array.isArray(ratings)
          ? (ratings as Record<string, unknown>)[domain]
          : null;
      out[dimension.key] = typeof value === 'number' ? value : null;
    }
  }
  return out;
}
