import type { FieldRef } from '../../ui/ErrorSummary';
import type { Need, NeedInput, NeedKind, SeenBy } from './model';
import type { Field, Option, Section, Template, Text } from './template';

/*
 * The rules of the assessment form, without React: which fields are shown, the live section scores, how an
 * answer changes, which control a server error belongs to, and the order of needs and resources. Visibility
 * and scores follow server/src/modules/assessment/domain.ts, so the form shows what the server will store.
 */

export type Lang = 'de' | 'en';
/** Answers by field key, as the API sends them; read by field type with the readers below. */
export type Answers = Record<string, unknown>;
export type Scalar = string | number | boolean | string[];
export type View = 'client' | 'professional';
export const VIEWS = ['client', 'professional'] as const satisfies readonly View[];
export type Views = Partial<Record<View, Scalar>>;
export type Ratings = Record<string, number>;

export function pick(text: Text, lang: Lang): string {
  return text[lang] || text.de;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (isRecord(value) && Object.values(value).every(isEmpty))
  );
}

// ---------------------------------------------------------------------------------------------------------
// Reading answers

/** A single value of the field's type, or undefined when there is none (or it does not fit the type). */
export function scalarOf(field: Field, value: unknown): Scalar | undefined {
  switch (field.type) {
    case 'text':
    case 'longtext':
    case 'date':
    case 'single':
      return typeof value === 'string' && value !== '' ? value : undefined;
    case 'number':
    case 'scale':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'yesno':
      return typeof value === 'boolean' ? value : undefined;
    case 'multi':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') && value.length > 0
        ? value
        : undefined;
    default:
      return undefined;
  }
}

/** The two views of a perspectives field. */
export function viewsOf(field: Field, value: unknown): Views {
  if (!isRecord(value)) return {};
  const views: Views = {};
  for (const view of VIEWS) {
    const scalar = scalarOf(field, value[view]);
    if (scalar !== undefined) views[view] = scalar;
  }
  return views;
}

export function ratingsOf(value: unknown): Ratings {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  );
}

export function rowsOf(value: unknown): Answers[] {
  return Array.isArray(value) ? value.map((row) => (isRecord(row) ? row : {})) : [];
}

// ---------------------------------------------------------------------------------------------------------
// Visibility and scores

/** As on the server: the professional's view of a two-view answer, or the client's where only that is given. */
function conditionValue(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const keys = Object.keys(raw);
  if (keys.length === 0 || !keys.every((k) => k === 'client' || k === 'professional')) return raw;
  return isEmpty(raw.professional) ? raw.client : raw.professional;
}

/**
 * Is the field shown, given the other answers? A condition looks at the professional's view when the other
 * field has two views (the client's when only that is given); without `equals` it asks for any answer; for multiple choice `equals` means "contains".
 */
export function isVisible(field: Field, answers: Answers): boolean {
  if (!field.showIf) return true;
  const other = conditionValue(answers[field.showIf.field]);
  if (field.showIf.equals === undefined) return !isEmpty(other);
  if (Array.isArray(other)) return other.includes(String(field.showIf.equals));
  return other === field.showIf.equals;
}

/** The answers without those of hidden fields (hidden fields are not kept), also inside table rows. */
export function visibleAnswers(template: Template, answers: Answers): Answers {
  const out: Answers = {};
  for (const field of template.sections.flatMap((s) => s.fields)) {
    const answer = answers[field.key];
    if (answer === undefined || !isVisible(field, answers)) continue;
    out[field.key] =
      field.type === 'group' && Array.isArray(answer)
        ? rowsOf(answer).map((row) =>
            Object.fromEntries(
              field.fields
                .filter((f) => row[f.key] !== undefined && isVisible(f, row))
                .map((f) => [f.key, row[f.key]]),
            ),
          )
        : answer;
  }
  return out;
}

function numericValues(field: Field, answer: unknown): number[] {
  if (field.type === 'domainRating') return Object.values(ratingsOf(answer));
  // With two views the professional's counts; the client's view is shown beside it.
  const value = isRecord(answer) && 'professional' in answer ? answer.professional : answer;
  return typeof value === 'number' && Number.isFinite(value) ? [value] : [];
}

/** The score of a section (sum or mean of the listed answers, professional view); null with no answers. */
export function sectionScore(section: Section, answers: Answers): number | null {
  if (!section.score) return null;
  const values = section.score.of.flatMap((key) => {
    const field = section.fields.find((f) => f.key === key);
    return field && isVisible(field, answers) ? numericValues(field, answers[key]) : [];
  });
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  return section.score.kind === 'sum' ? sum : Math.round((sum / values.length) * 100) / 100;
}

// ---------------------------------------------------------------------------------------------------------
// Changing answers: each returns new data; an emptied answer is removed rather than kept as "".

export function withAnswer(answers: Answers, key: string, value: unknown): Answers {
  const next = { ...answers };
  if (isEmpty(value)) delete next[key];
  else next[key] = value;
  return next;
}

export function withView(
  field: Field,
  current: unknown,
  view: View,
  value: Scalar | undefined,
): Views | undefined {
  const views: Views = { ...viewsOf(field, current) };
  if (value === undefined || isEmpty(value)) delete views[view];
  else views[view] = value;
  return isEmpty(views) ? undefined : views;
}

export function withRating(current: unknown, domain: string, value: number | undefined): Ratings | undefined {
  const ratings: Ratings = { ...ratingsOf(current) };
  if (value === undefined) delete ratings[domain];
  else ratings[domain] = value;
  return Object.keys(ratings).length === 0 ? undefined : ratings;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/;

/**
 * A typed number as an answer: nothing when empty, the number ("2,5" and "2.5" alike), or — when it is not
 * a number — the text as typed, so the server's check names it at the field instead of it being dropped.
 */
export function numberAnswer(raw: string): number | string | undefined {
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  const normalised = trimmed.replace(',', '.');
  return NUMBER.test(normalised) ? Number(normalised) : raw;
}

/** A number answer as the input shows it (German with a decimal comma). */
export function numberInputText(value: unknown, lang: Lang): string {
  if (typeof value === 'number') return lang === 'de' ? String(value).replace('.', ',') : String(value);
  return typeof value === 'string' ? value : '';
}

export function withRowAnswer(current: unknown, index: number, key: string, value: unknown): Answers[] {
  return rowsOf(current).map((row, i) => (i === index ? withAnswer(row, key, value) : row));
}

export function withRowAdded(current: unknown): Answers[] {
  return [...rowsOf(current), {}];
}

export function withRowRemoved(current: unknown, index: number): Answers[] {
  return rowsOf(current).filter((_, i) => i !== index);
}

// ---------------------------------------------------------------------------------------------------------
// Errors: the server's pointers (as dotted paths, see ui/problemText fieldOf) → the control and its name

/** The id of the control for a dotted answer path: every control of the form takes its id from here. */
export function idOf(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/\./g, '__')}`;
}

export interface PathWords {
  lang: Lang;
  conductedOn: string;
  view: (view: View) => string;
  row: (index: number) => string;
  need: (kind: NeedKind, position: number) => string;
  needPart: (part: string) => string;
}

function fieldPathLabel(field: Field, rest: string[], words: PathWords): string | null {
  const label = pick(field.label, words.lang);
  const [first, second, ...more] = rest;
  if (first === undefined) return label;
  if (field.perspectives && (first === 'client' || first === 'professional') && second === undefined) {
    return `${label} – ${words.view(first)}`;
  }
  if (field.type === 'domainRating' && second === undefined) {
    const domain = field.domains.find((d) => d.value === first);
    return domain ? `${label} – ${pick(domain.label, words.lang)}` : null;
  }
  if (field.type === 'group' && /^\d+$/.test(first) && second !== undefined) {
    const sub = field.fields.find((f) => f.key === second);
    const inner = sub ? fieldPathLabel(sub, more, words) : null;
    return inner ? `${label}, ${words.row(Number(first))}: ${inner}` : null;
  }
  return null;
}

/** The name of the control an error path points at, or null when the form has no such control. */
export function pathLabel(
  template: Template,
  needs: readonly NeedDraft[],
  path: string,
  words: PathWords,
): string | null {
  const [head, key, ...rest] = path.split('.');
  if (head === 'conductedOn' && key === undefined) return words.conductedOn;
  if (head === 'answers' && key !== undefined) {
    const field = template.sections.flatMap((s) => s.fields).find((f) => f.key === key);
    return field ? fieldPathLabel(field, rest, words) : null;
  }
  if (head === 'needs' && key !== undefined && /^\d+$/.test(key)) {
    const need = needs[Number(key)];
    if (!need) return null;
    const name = words.need(need.kind, positionOf(needs, need.key));
    return rest[0] ? `${name}: ${words.needPart(rest[0])}` : name;
  }
  return null;
}

/** Error paths → controls, for the error summary's links (paths without a control stay plain text). */
export function errorTargets(
  template: Template,
  needs: readonly NeedDraft[],
  paths: readonly string[],
  words: PathWords,
): Record<string, FieldRef> {
  const out: Record<string, FieldRef> = {};
  for (const path of paths) {
    const label = pathLabel(template, needs, path, words);
    if (label !== null) out[path] = { id: idOf(path), label };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Needs and resources (Bedarfsfeststellung): one list in the order sent; priority = order within a kind.

export interface NeedDraft {
  /** Stable key for React and for focus after moving; not sent. */
  key: string;
  kind: NeedKind;
  text: string;
  /** A section key of the instrument, or the reader's own term when `ownArea` is set. */
  area: string;
  ownArea: boolean;
  seenBy: SeenBy;
  specialCategory: boolean;
}

/**
 * The area of a need names a section of the instrument by its key (as the demo data does, and so the help
 * plan can find the section again) or is a term of the writer's own. A section title written out is read as
 * that section.
 */
export function sectionKeyOf(template: Template, area: string): string | null {
  const trimmed = area.trim();
  const section = template.sections.find(
    (s) => s.key === trimmed || s.title.de === trimmed || s.title.en === trimmed,
  );
  return section ? section.key : null;
}

/** The area as the reader sees it: the section's title, or the own term. */
export function areaText(template: Template, area: string, lang: Lang): string {
  const key = sectionKeyOf(template, area);
  const section = template.sections.find((s) => s.key === key);
  return section ? pick(section.title, lang) : area;
}

/** The stored needs (sorted by kind and priority) as drafts. */
export function needDraftsOf(template: Template, needs: readonly Need[]): NeedDraft[] {
  return [...needs]
    .sort((a, b) => (a.kind === b.kind ? a.priority - b.priority : a.kind === 'need' ? -1 : 1))
    .map((n) => ({
      key: n.id,
      kind: n.kind,
      text: n.text,
      area: n.area === null ? '' : (sectionKeyOf(template, n.area) ?? n.area),
      ownArea: n.area !== null && n.area.trim() !== '' && sectionKeyOf(template, n.area) === null,
      seenBy: n.seenBy,
      specialCategory: n.specialCategory,
    }));
}

export function emptyNeed(kind: NeedKind, key: string): NeedDraft {
  return { key, kind, text: '', area: '', ownArea: false, seenBy: 'both', specialCategory: false };
}

/**
 * Adds a need at the end of its kind. The list stays grouped, needs before resources, so the order sent is
 * the order shown (and an error at `/needs/<i>` names the item the reader sees in that place).
 */
export function withNeedAdded(drafts: readonly NeedDraft[], need: NeedDraft): NeedDraft[] {
  const kinds: NeedKind[] = ['need', 'resource'];
  const rank = (d: NeedDraft) => kinds.indexOf(d.kind);
  const at = drafts.filter((d) => rank(d) <= rank(need)).length;
  return [...drafts.slice(0, at), need, ...drafts.slice(at)];
}

/** 1-based position of a need within its kind (= its priority). */
export function positionOf(drafts: readonly NeedDraft[], key: string): number {
  const need = drafts.find((d) => d.key === key);
  if (!need) return 0;
  return drafts.filter((d) => d.kind === need.kind).findIndex((d) => d.key === key) + 1;
}

/** Moves a need one place up (-1) or down (+1) among those of its kind; at the end it stays. */
export function moveNeed(drafts: readonly NeedDraft[], key: string, direction: -1 | 1): NeedDraft[] {
  const index = drafts.findIndex((d) => d.key === key);
  const need = drafts[index];
  if (!need) return [...drafts];
  let other = index + direction;
  while (other >= 0 && other < drafts.length && drafts[other]?.kind !== need.kind) other += direction;
  const swap = drafts[other];
  if (!swap) return [...drafts];
  const next = [...drafts];
  next[index] = swap;
  next[other] = need;
  return next;
}

export function needsPayload(drafts: readonly NeedDraft[]): NeedInput[] {
  return drafts.map((d) => ({
    kind: d.kind,
    text: d.text.trim(),
    area: d.area.trim() === '' ? null : d.area.trim(),
    seenBy: d.seenBy,
    ...(d.specialCategory ? { specialCategory: true } : {}),
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Showing answers as text (read-only view, comparison)

export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
}

export interface ValueWords {
  lang: Lang;
  yes: string;
  no: string;
  day: (iso: string) => string;
}

function optionLabel(options: readonly Option[], value: string, lang: Lang): string {
  const option = options.find((o) => o.value === value);
  return option ? pick(option.label, lang) : value;
}

/** "3 – Teils, teils": the number and, where the scale names it, the label of the point. */
export function scalePointText(
  scale: { labels: { value: number; label: Text }[] },
  value: number,
  lang: Lang,
): string {
  const label = scale.labels.find((l) => l.value === value);
  return label ? `${formatNumber(value, lang)} – ${pick(label.label, lang)}` : formatNumber(value, lang);
}

/** One value of a simple field as the reader sees it. */
export function scalarText(field: Field, value: Scalar, words: ValueWords): string {
  switch (field.type) {
    case 'yesno':
      return value === true ? words.yes : value === false ? words.no : String(value);
    case 'single':
      return typeof value === 'string' ? optionLabel(field.options, value, words.lang) : String(value);
    case 'multi':
      return Array.isArray(value)
        ? value.map((v) => optionLabel(field.options, v, words.lang)).join(', ')
        : String(value);
    case 'scale':
      return typeof value === 'number' ? scalePointText(field.scale, value, words.lang) : String(value);
    case 'number':
      return typeof value === 'number' ? formatNumber(value, words.lang) : String(value);
    case 'date':
      return typeof value === 'string' ? words.day(value) : String(value);
    default:
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Comparison

interface Dated {
  conductedOn: string;
  createdAt: string;
}

/** The two assessments in time order: [earlier, later]. */
export function inTimeOrder<T extends Dated>(a: T, b: T): [T, T] {
  const aFirst = a.conductedOn === b.conductedOn ? a.createdAt <= b.createdAt : a.conductedOn < b.conductedOn;
  return aFirst ? [a, b] : [b, a];
}

/**
 * The sections to compare: the later version's, each with the fields the earlier version had and the later
 * one dropped, then sections only the earlier version had. Two versions of a template usually differ little.
 */
export function mergedSections(earlier: Template, later: Template): Section[] {
  const laterKeys = new Set(later.sections.flatMap((s) => s.fields.map((f) => f.key)));
  const merged = later.sections.map((section) => {
    const before = earlier.sections.find((s) => s.key === section.key);
    const dropped = before ? before.fields.filter((f) => !laterKeys.has(f.key)) : [];
    return dropped.length > 0 ? { ...section, fields: [...section.fields, ...dropped] } : section;
  });
  const onlyEarlier = earlier.sections.filter((s) => !later.sections.some((l) => l.key === s.key));
  return [...merged, ...onlyEarlier];
}

/** Assessments that can be compared: those of one instrument, where there are at least two (order kept). */
export function comparableGroups<T extends { template: { key: string } }>(items: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.template.key, [...(groups.get(item.template.key) ?? []), item]);
  return [...groups.values()].filter((group) => group.length >= 2);
}
