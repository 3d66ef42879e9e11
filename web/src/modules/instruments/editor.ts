import type { FieldProblem } from '../../api/types';
import type {
  Choice,
  Definition,
  Field,
  ImportBody,
  ImportResult,
  Label,
  Language,
  NewFieldType,
  Section,
} from './types';

/*
 * Editing an instrument definition (issue 5), as pure functions: each takes a definition and returns a new
 * one, the given one stays as it was. The page keeps the draft in state and sends it as the next version;
 * the server checks the whole definition again (validateTemplate) and answers with JSON pointers, which
 * placeOf / partOf / targetIdOf turn into a place a person can find.
 */

/** Keys of instruments, sections, fields and option values: the server's pattern (schema.ts `Key`). */
export const KEY_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;
/** Scale points the server accepts (schema.ts `ScaleSchema`). */
const SCALE_LIMIT = 100;

/** Where a field is: its section, its position there and, for a column of a table (group), its position inside. */
export interface FieldAt {
  section: number;
  field: number;
  inner?: number;
}

export type ChoiceList = 'options' | 'domains';

/** The label in the UI language; an English label may be empty, then the German one stands in. */
export function localized(label: Label, language: string): string {
  return language === 'en' && label.en.trim() !== '' ? label.en : label.de;
}

function replaceAt<T>(list: readonly T[], index: number, change: (item: T) => T): T[] {
  return list.map((item, i) => (i === index ? change(item) : item));
}

function without<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

function withText(label: Label, language: Language, value: string): Label {
  return { ...label, [language]: value };
}

function isBlank(label: Label): boolean {
  return label.de.trim() === '' && label.en.trim() === '';
}

function updateSection(definition: Definition, section: number, change: (s: Section) => Section): Definition {
  return { ...definition, sections: replaceAt(definition.sections, section, change) };
}

/** Applies a change to one field (a field of a section or a column of a table); other fields stay as they are. */
export function updateField(
  definition: Definition,
  at: FieldAt,
  change: (field: Field) => Field,
): Definition {
  return updateSection(definition, at.section, (section) => ({
    ...section,
    fields: replaceAt(section.fields, at.field, (field) => {
      if (at.inner === undefined) return change(field);
      const inner = at.inner;
      return field.fields ? { ...field, fields: replaceAt(field.fields, inner, change) } : field;
    }),
  }));
}

export function fieldAt(definition: Definition, at: FieldAt): Field | undefined {
  const field = definition.sections[at.section]?.fields[at.field];
  return at.inner === undefined ? field : field?.fields?.[at.inner];
}

// ---------------------------------------------------------------------------------------------------------
// Texts and flags

export function setInstrumentText(
  definition: Definition,
  part: 'title' | 'description',
  language: Language,
  value: string,
): Definition {
  return { ...definition, [part]: withText(definition[part], language, value) };
}

export function setSectionTitle(
  definition: Definition,
  section: number,
  language: Language,
  value: string,
): Definition {
  return updateSection(definition, section, (s) => ({ ...s, title: withText(s.title, language, value) }));
}

/** Sets a label or help text; a help text that becomes empty in both languages is removed. */
export function setFieldText(
  definition: Definition,
  at: FieldAt,
  part: 'label' | 'help',
  language: Language,
  value: string,
): Definition {
  return updateField(definition, at, (field) => {
    if (part === 'label') return { ...field, label: withText(field.label, language, value) };
    const help = withText(field.help ?? { de: '', en: '' }, language, value);
    return isBlank(help) ? without(field, 'help') : { ...field, help };
  });
}

/** Sets a flag; an unset flag is left out, as in the shipped instruments. */
export function setFieldFlag(
  definition: Definition,
  at: FieldAt,
  flag: 'required' | 'specialCategory',
  on: boolean,
): Definition {
  return updateField(definition, at, (field) => (on ? { ...field, [flag]: true } : without(field, flag)));
}

export function setChoiceLabel(
  definition: Definition,
  at: FieldAt,
  list: ChoiceList,
  index: number,
  language: Language,
  value: string,
): Definition {
  return updateField(definition, at, (field) => {
    const choices = field[list];
    if (!choices) return field;
    return {
      ...field,
      [list]: replaceAt(choices, index, (c) => ({ ...c, label: withText(c.label, language, value) })),
    };
  });
}

export function addChoice(definition: Definition, at: FieldAt, list: ChoiceList, choice: Choice): Definition {
  return updateField(definition, at, (field) => ({ ...field, [list]: [...(field[list] ?? []), choice] }));
}

function keyProblems(key: string, pointer: string, taken: (key: string) => boolean): FieldProblem[] {
  if (key === '') return [{ pointer, code: 'required', message: '' }];
  if (!KEY_PATTERN.test(key)) return [{ pointer, code: 'pattern', message: '' }];
  if (taken(key)) return [{ pointer, code: 'duplicate-key', message: '' }];
  return [];
}

function labelProblems(label: Label, pointer: string): FieldProblem[] {
  return label.de.trim() === '' ? [{ pointer: `${pointer}/de`, code: 'required', message: '' }] : [];
}

/** Checks an option before it is added to a choice field; pointers are relative to the option. */
export function checkNewChoice(field: Field, list: ChoiceList, choice: Choice): FieldProblem[] {
  const values = new Set((field[list] ?? []).map((c) => c.value));
  return [
    ...keyProblems(choice.value, '/value', (value) => values.has(value)),
    ...labelProblems(choice.label, '/label'),
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Adding, removing and moving fields

/** Every field key of the definition: keys are unique across the whole instrument, tables included. */
export function fieldKeys(definition: Definition): Set<string> {
  const keys = new Set<string>();
  for (const section of definition.sections) {
    for (const field of section.fields) {
      keys.add(field.key);
      for (const inner of field.fields ?? []) keys.add(inner.key);
    }
  }
  return keys;
}

/** What the "add a field" form holds; numbers stay text until the draft is checked. */
export interface NewFieldDraft {
  key: string;
  type: NewFieldType;
  label: Label;
  /** The first option of a choice field (more can be added afterwards). */
  option: Choice;
  scale: { min: string; max: string };
}

export function emptyFieldDraft(): NewFieldDraft {
  return {
    key: '',
    type: 'text',
    label: { de: '', en: '' },
    option: { value: '', label: { de: '', en: '' } },
    scale: { min: '1', max: '5' },
  };
}

function scalePoint(text: string, pointer: string): { value: number | null; problems: FieldProblem[] } {
  if (text.trim() === '') return { value: null, problems: [{ pointer, code: 'required', message: '' }] };
  const value = Number(text);
  if (!Number.isInteger(value))
    return { value: null, problems: [{ pointer, code: 'type', message: '', params: { type: 'integer' } }] };
  if (value < -SCALE_LIMIT)
    return { value, problems: [{ pointer, code: 'minimum', message: '', params: { limit: -SCALE_LIMIT } }] };
  if (value > SCALE_LIMIT)
    return { value, problems: [{ pointer, code: 'maximum', message: '', params: { limit: SCALE_LIMIT } }] };
  return { value, problems: [] };
}

/**
 * Checks a new field against the definition it joins: a free key, a German label, an option for a choice
 * field, a scale whose lowest point is below its highest. Pointers are relative to the new field.
 */
export function checkNewField(definition: Definition, draft: NewFieldDraft): FieldProblem[] {
  const keys = fieldKeys(definition);
  const problems = [
    ...keyProblems(draft.key, '/key', (key) => keys.has(key)),
    ...labelProblems(draft.label, '/label'),
  ];
  if (draft.type === 'single' || draft.type === 'multi') {
    problems.push(
      ...keyProblems(draft.option.value, '/options/0/value', () => false),
      ...labelProblems(draft.option.label, '/options/0/label'),
    );
  }
  if (draft.type === 'scale') {
    const min = scalePoint(draft.scale.min, '/scale/min');
    const max = scalePoint(draft.scale.max, '/scale/max');
    problems.push(...min.problems, ...max.problems);
    if (min.problems.length === 0 && max.problems.length === 0 && (min.value ?? 0) >= (max.value ?? 0)) {
      problems.push({ pointer: '/scale/max', code: 'scale-range', message: '' });
    }
  }
  return problems;
}

/** The field a checked draft describes (only the parts its type needs). */
export function newField(draft: NewFieldDraft): Field {
  const base = { key: draft.key, label: draft.label };
  switch (draft.type) {
    case 'single':
    case 'multi':
      return { ...base, type: draft.type, options: [draft.option] };
    case 'scale':
      return {
        ...base,
        type: 'scale',
        scale: { min: Number(draft.scale.min), max: Number(draft.scale.max), labels: [] },
      };
    default:
      return { ...base, type: draft.type };
  }
}

/** Appends a field to the end of a section. */
export function addField(definition: Definition, section: number, field: Field): Definition {
  return updateSection(definition, section, (s) => ({ ...s, fields: [...s.fields, field] }));
}

export type RemovalBlocker = { kind: 'last-field' } | { kind: 'condition'; by: Field };

/**
 * Why a field cannot be removed, or null: a section keeps at least one field, and a field that another
 * field's condition refers to stays until that condition is changed (in the JSON editor).
 */
export function removalBlocker(definition: Definition, at: FieldAt): RemovalBlocker | null {
  const section = definition.sections[at.section];
  const field = fieldAt(definition, at);
  if (!section || !field) return null;
  if (
    at.inner === undefined ? section.fields.length <= 1 : (section.fields[at.field]?.fields ?? []).length <= 1
  )
    return { kind: 'last-field' };
  const everyField = section.fields.flatMap((f) => [f, ...(f.fields ?? [])]);
  const by = everyField.find((f) => f !== field && f.showIf?.field === field.key);
  return by ? { kind: 'condition', by } : null;
}

/** Removes a field; a section score that counted it counts the others (and goes when none are left). */
export function removeField(definition: Definition, at: FieldAt): Definition {
  const field = fieldAt(definition, at);
  if (!field) return definition;
  if (at.inner !== undefined) {
    const inner = at.inner;
    return updateField(definition, { section: at.section, field: at.field }, (group) => ({
      ...group,
      fields: (group.fields ?? []).filter((_, i) => i !== inner),
    }));
  }
  return updateSection(definition, at.section, (section) => {
    const fields = section.fields.filter((_, i) => i !== at.field);
    if (!section.score) return { ...section, fields };
    const of = section.score.of.filter((key) => key !== field.key);
    return of.length > 0
      ? { ...section, fields, score: { ...section.score, of } }
      : { ...without(section, 'score'), fields };
  });
}

function swap<T>(list: readonly T[], index: number, by: -1 | 1): T[] | null {
  const other = index + by;
  const a = list[index];
  const b = list[other];
  if (a === undefined || b === undefined) return null;
  return list.map((item, i) => (i === index ? b : i === other ? a : item));
}

/**
 * Moves a field one place up (-1) or down (+1) within its section or table. At either end nothing moves and
 * the same definition comes back, so the page can say so.
 */
export function moveField(definition: Definition, at: FieldAt, by: -1 | 1): Definition {
  const section = definition.sections[at.section];
  if (!section) return definition;
  if (at.inner === undefined) {
    const fields = swap(section.fields, at.field, by);
    return fields ? updateSection(definition, at.section, (s) => ({ ...s, fields })) : definition;
  }
  const columns = swap(section.fields[at.field]?.fields ?? [], at.inner, by);
  return columns
    ? updateField(definition, { section: at.section, field: at.field }, (group) => ({
        ...group,
        fields: columns,
      }))
    : definition;
}

// ---------------------------------------------------------------------------------------------------------
// New instruments, JSON and import files

export interface NewInstrument {
  key: string;
  title: Label;
}

/** Checks the "new instrument" form; pointers as the server reports them, so both land on the same fields. */
export function checkNewInstrument(input: NewInstrument): FieldProblem[] {
  return [
    ...keyProblems(input.key, '/definition/key', () => false),
    ...labelProblems(input.title, '/definition/title'),
  ];
}

/**
 * The smallest instrument the server accepts: one section with one text field, named in both languages by
 * the caller (the UI texts). The description starts as the title; both are edited on the instrument's page.
 */
export function minimalInstrument(input: NewInstrument, names: { section: Label; field: Label }): Definition {
  return {
    key: input.key,
    title: input.title,
    description: input.title,
    sections: [
      {
        key: 'section_1',
        title: names.section,
        fields: [{ key: 'note', type: 'text', label: names.field }],
      },
    ],
  };
}

export function definitionJson(definition: Definition): string {
  return JSON.stringify(definition, null, 2);
}

export type Parsed = { ok: true; value: unknown } | { ok: false };

export function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLabel(value: unknown): value is Label {
  return isRecord(value) && typeof value.de === 'string' && typeof value.en === 'string';
}

function isChoiceList(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every((c) => isRecord(c) && isLabel(c.label)));
}

function isFieldShaped(value: unknown, inGroup: boolean): boolean {
  if (!isRecord(value)) return false;
  if (typeof value.key !== 'string' || typeof value.type !== 'string' || !isLabel(value.label)) return false;
  if (value.help !== undefined && !isLabel(value.help)) return false;
  if (!isChoiceList(value.options) || !isChoiceList(value.domains)) return false;
  if (value.fields === undefined) return true;
  return !inGroup && Array.isArray(value.fields) && value.fields.every((f) => isFieldShaped(f, true));
}

/**
 * Whether a value has the parts the form editor shows (titles, sections, fields with labels). The server
 * checks everything else; this only keeps the form from showing something it cannot.
 */
export function isDefinitionShaped(value: unknown): value is Definition {
  return (
    isRecord(value) &&
    typeof value.key === 'string' &&
    isLabel(value.title) &&
    isLabel(value.description) &&
    Array.isArray(value.sections) &&
    value.sections.every(
      (s) =>
        isRecord(s) &&
        typeof s.key === 'string' &&
        isLabel(s.title) &&
        Array.isArray(s.fields) &&
        s.fields.every((f) => isFieldShaped(f, false)),
    )
  );
}

export const EXPORT_FORMAT = 'lotse-instrument';

/**
 * The request body for an import file: an export of Lotse as it is, a bare definition wrapped into one.
 * Null when the file is no JSON object at all. The server validates the rest and names what is wrong.
 */
export function importBodyOf(value: unknown): ImportBody | null {
  if (!isRecord(value)) return null;
  if ('format' in value) return value as ImportBody; // checked field by field by the server's schema
  if ('sections' in value && 'key' in value) {
    return { format: EXPORT_FORMAT, formatVersion: 1, definition: value as Definition };
  }
  return null;
}

/**
 * What an import did: a new instrument, the next version, or nothing, when the file equals the current
 * version (the server then publishes none). `before` is the instrument as the list showed it before.
 */
export function importOutcome(
  result: ImportResult,
  before: { currentVersion: number } | undefined,
): 'created' | 'published' | 'unchanged' {
  if (result.created) return 'created';
  return before?.currentVersion === result.instrument.currentVersion ? 'unchanged' : 'published';
}

/** The file name of an export: key and version, e.g. "ulm-minimum-v3.json". */
export function exportFileName(key: string, version: number): string {
  return `${key}-v${version}.json`;
}

// ---------------------------------------------------------------------------------------------------------
// Where a problem is: JSON pointers as places and as the id of the control that edits them

/** A place in a definition: section, field, column of a table, and what remains of the pointer below it. */
export interface Place {
  section?: number;
  field?: number;
  inner?: number;
  path: string[];
}

const INDEX = /^\d+$/;

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** "/definition/sections/0/fields/3/showIf/field" → section 0, field 3, path ["showIf", "field"]. */
export function placeOf(pointer: string): Place {
  let path = pointer.split('/').slice(1).map(unescape);
  if (path[0] === 'definition') path = path.slice(1);
  const place: Place = { path };
  const take = (name: string): number | undefined => {
    const index = path[1];
    if (path[0] !== name || index === undefined || !INDEX.test(index)) return undefined;
    path = path.slice(2);
    return Number(index);
  };
  const section = take('sections');
  if (section === undefined) return place;
  const field = take('fields');
  const inner = field === undefined ? undefined : take('fields');
  return {
    section,
    ...(field !== undefined ? { field } : {}),
    ...(inner !== undefined ? { inner } : {}),
    path,
  };
}

export type PartName =
  | 'key'
  | 'type'
  | 'label'
  | 'help'
  | 'title'
  | 'description'
  | 'condition'
  | 'options'
  | 'option'
  | 'domains'
  | 'domain'
  | 'scale'
  | 'scaleLabel'
  | 'score'
  | 'fields'
  | 'sections'
  | 'changeNote'
  | 'format'
  | 'setting';

/** What part of a section or field a pointer's rest names; `setting` for the rarer ones (e.g. maxLength). */
export interface Part {
  name: PartName;
  language?: Language;
  /** Position in a list (options, domains, scale labels), counted from 0. */
  index?: number;
  /** For an option or a scale label: its value or its label. */
  sub?: 'value' | 'label';
  /** For `setting`: the property's name as in the JSON. */
  raw?: string;
}

const SIMPLE_PARTS: Record<string, PartName> = {
  key: 'key',
  type: 'type',
  label: 'label',
  help: 'help',
  title: 'title',
  description: 'description',
  showIf: 'condition',
  score: 'score',
  fields: 'fields',
  sections: 'sections',
  changeNote: 'changeNote',
  format: 'format',
  formatVersion: 'format',
};

function languageOf(segment: string | undefined): Language | undefined {
  return segment === 'de' || segment === 'en' ? segment : undefined;
}

function listItem(name: PartName, rest: string[]): Part {
  const [index, sub, language] = rest;
  return {
    name,
    ...(index !== undefined && INDEX.test(index) ? { index: Number(index) } : {}),
    ...(sub === 'value' || sub === 'label' ? { sub } : {}),
    ...(languageOf(language) ? { language: languageOf(language) } : {}),
  };
}

export function partOf(path: readonly string[]): Part | null {
  const [head, ...rest] = path;
  if (head === undefined) return null;
  if (head === 'options' || head === 'domains') {
    if (rest.length === 0) return { name: head };
    return listItem(head === 'options' ? 'option' : 'domain', rest);
  }
  if (head === 'scale') {
    return rest[0] === 'labels' && rest.length > 1
      ? listItem('scaleLabel', rest.slice(1))
      : { name: 'scale' };
  }
  const name = SIMPLE_PARTS[head];
  if (name === undefined) return { name: 'setting', raw: head };
  const language =
    name === 'label' || name === 'help' || name === 'title' || name === 'description'
      ? languageOf(rest[0])
      : undefined;
  return language ? { name, language } : { name };
}

/** Ids of the editor's controls; the error summary links to them and targetIdOf finds them. */
export const editorIds = {
  instrumentText: (part: 'title' | 'description', language: Language) => `edit-${part}-${language}`,
  section: (section: number) => `edit-s${section}`,
  sectionTitle: (section: number, language: Language) => `edit-s${section}-title-${language}`,
  field: (at: FieldAt) => `edit-s${at.section}-f${at.field}${at.inner === undefined ? '' : `-c${at.inner}`}`,
  fieldText: (at: FieldAt, part: 'label' | 'help', language: Language) =>
    `${editorIds.field(at)}-${part}-${language}`,
  choice: (at: FieldAt, list: ChoiceList, index: number, language: Language) =>
    `${editorIds.field(at)}-${list}-${index}-${language}`,
  changeNote: 'edit-change-note',
  json: 'edit-json',
};

/**
 * The control (or the group of a field or section) in the form editor where a problem belongs; null when the
 * form has no place for it (e.g. the instrument's key), then the summary names it without a link.
 */
export function targetIdOf(place: Place): string | null {
  const part = partOf(place.path);
  if (place.section === undefined) {
    if (part?.name === 'title' || part?.name === 'description')
      return editorIds.instrumentText(part.name, part.language ?? 'de');
    return part?.name === 'changeNote' ? editorIds.changeNote : null;
  }
  if (place.field === undefined) {
    return part?.name === 'title'
      ? editorIds.sectionTitle(place.section, part.language ?? 'de')
      : editorIds.section(place.section);
  }
  const at: FieldAt = {
    section: place.section,
    field: place.field,
    ...(place.inner !== undefined ? { inner: place.inner } : {}),
  };
  if (part?.name === 'label' || part?.name === 'help')
    return editorIds.fieldText(at, part.name, part.language ?? 'de');
  if (
    (part?.name === 'option' || part?.name === 'domain') &&
    part.sub === 'label' &&
    part.index !== undefined
  ) {
    const list = part.name === 'option' ? 'options' : 'domains';
    return editorIds.choice(at, list, part.index, part.language ?? 'de');
  }
  return editorIds.field(at);
}
