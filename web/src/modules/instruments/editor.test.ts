import { describe, expect, it } from 'vitest';
import {
  addChoice,
  addField,
  checkNewChoice,
  checkNewField,
  checkNewInstrument,
  emptyFieldDraft,
  fieldKeys,
  importBodyOf,
  importOutcome,
  isDefinitionShaped,
  localized,
  minimalInstrument,
  moveField,
  newField,
  parseJson,
  partOf,
  placeOf,
  removalBlocker,
  removeField,
  setChoiceLabel,
  setFieldFlag,
  setFieldText,
  setInstrumentText,
  setSectionTitle,
  targetIdOf,
  type FieldAt,
  type NewFieldDraft,
} from './editor';
import type { Definition, ImportResult } from './types';

const l = (de: string, en = '') => ({ de, en });

/** A small instrument with what the editor has to respect: a condition, a score, a table, a special field. */
function definition(): Definition {
  return {
    key: 'intake',
    title: l('Erstgespräch', 'First interview'),
    description: l('Beschreibung', 'Description'),
    sections: [
      {
        key: 'living',
        title: l('Wohnen', 'Housing'),
        fields: [
          {
            key: 'housing',
            type: 'single',
            label: l('Wohnsituation', 'Housing situation'),
            required: true,
            options: [
              { value: 'secure', label: l('gesichert', 'secure') },
              { value: 'insecure', label: l('ungesichert', 'insecure') },
            ],
          },
          {
            key: 'housing_note',
            type: 'longtext',
            label: l('Notiz'),
            showIf: { field: 'housing', equals: 'insecure' },
          },
          {
            key: 'satisfaction',
            type: 'scale',
            label: l('Zufriedenheit'),
            scale: { min: 1, max: 5, labels: [] },
          },
        ],
        score: { kind: 'mean', of: ['satisfaction'] },
      },
      {
        key: 'health',
        title: l('Gesundheit', 'Health'),
        fields: [
          { key: 'diagnosis', type: 'text', label: l('Diagnose', 'Diagnosis'), specialCategory: true },
          {
            key: 'contacts',
            type: 'group',
            label: l('Kontakte'),
            fields: [
              { key: 'contact_name', type: 'text', label: l('Name') },
              { key: 'contact_role', type: 'text', label: l('Rolle') },
            ],
          },
        ],
      },
    ],
  };
}

const keysOf = (d: Definition, section: number) => d.sections[section]?.fields.map((f) => f.key);

describe('editing texts and flags', () => {
  const cases: {
    name: string;
    edit: (d: Definition) => Definition;
    read: (d: Definition) => unknown;
    expected: unknown;
  }[] = [
    {
      name: 'instrument title in English',
      edit: (d) => setInstrumentText(d, 'title', 'en', 'Intake'),
      read: (d) => d.title,
      expected: l('Erstgespräch', 'Intake'),
    },
    {
      name: 'description in German',
      edit: (d) => setInstrumentText(d, 'description', 'de', 'Neu'),
      read: (d) => d.description,
      expected: l('Neu', 'Description'),
    },
    {
      name: 'section title',
      edit: (d) => setSectionTitle(d, 1, 'de', 'Gesundheit und Pflege'),
      read: (d) => d.sections[1]?.title,
      expected: l('Gesundheit und Pflege', 'Health'),
    },
    {
      name: 'field label',
      edit: (d) => setFieldText(d, { section: 0, field: 0 }, 'label', 'en', 'Housing'),
      read: (d) => d.sections[0]?.fields[0]?.label,
      expected: l('Wohnsituation', 'Housing'),
    },
    {
      name: 'a help text where there was none',
      edit: (d) => setFieldText(d, { section: 0, field: 1 }, 'help', 'de', 'Wo und wie?'),
      read: (d) => d.sections[0]?.fields[1]?.help,
      expected: l('Wo und wie?', ''),
    },
    {
      name: 'a help text emptied in both languages is left out',
      edit: (d) => {
        const at = { section: 0, field: 1 };
        return setFieldText(setFieldText(d, at, 'help', 'de', 'x'), at, 'help', 'de', '');
      },
      read: (d) => 'help' in (d.sections[0]?.fields[1] ?? {}),
      expected: false,
    },
    {
      name: 'a column label inside a table',
      edit: (d) => setFieldText(d, { section: 1, field: 1, inner: 1 }, 'label', 'de', 'Funktion'),
      read: (d) => d.sections[1]?.fields[1]?.fields?.map((f) => f.label.de),
      expected: ['Name', 'Funktion'],
    },
    {
      name: 'required set',
      edit: (d) => setFieldFlag(d, { section: 0, field: 1 }, 'required', true),
      read: (d) => d.sections[0]?.fields[1]?.required,
      expected: true,
    },
    {
      name: 'required unset is left out',
      edit: (d) => setFieldFlag(d, { section: 0, field: 0 }, 'required', false),
      read: (d) => 'required' in (d.sections[0]?.fields[0] ?? {}),
      expected: false,
    },
    {
      name: 'special category unset',
      edit: (d) => setFieldFlag(d, { section: 1, field: 0 }, 'specialCategory', false),
      read: (d) => d.sections[1]?.fields[0]?.specialCategory,
      expected: undefined,
    },
    {
      name: 'option label',
      edit: (d) => setChoiceLabel(d, { section: 0, field: 0 }, 'options', 1, 'de', 'nicht gesichert'),
      read: (d) => d.sections[0]?.fields[0]?.options?.map((o) => o.label.de),
      expected: ['gesichert', 'nicht gesichert'],
    },
    {
      name: 'option added at the end',
      edit: (d) => addChoice(d, { section: 0, field: 0 }, 'options', { value: 'none', label: l('keine') }),
      read: (d) => d.sections[0]?.fields[0]?.options?.map((o) => o.value),
      expected: ['secure', 'insecure', 'none'],
    },
    {
      name: 'an index outside the list changes nothing',
      edit: (d) => setFieldText(d, { section: 5, field: 0 }, 'label', 'de', 'x'),
      read: (d) => d,
      expected: definition(),
    },
  ];

  it.each(cases)('$name', ({ edit, read, expected }) => {
    const before = definition();
    const after = edit(before);
    expect(read(after)).toEqual(expected);
    expect(before).toEqual(definition()); // the given definition stays as it was
  });
});

describe('moving fields', () => {
  const cases: {
    name: string;
    at: FieldAt;
    by: -1 | 1;
    section: number;
    expected: string[] | undefined;
    inner?: boolean;
  }[] = [
    {
      name: 'down',
      at: { section: 0, field: 0 },
      by: 1,
      section: 0,
      expected: ['housing_note', 'housing', 'satisfaction'],
    },
    {
      name: 'up',
      at: { section: 0, field: 2 },
      by: -1,
      section: 0,
      expected: ['housing', 'satisfaction', 'housing_note'],
    },
    {
      name: 'a column within its table',
      at: { section: 1, field: 1, inner: 0 },
      by: 1,
      section: 1,
      expected: ['contact_role', 'contact_name'],
      inner: true,
    },
  ];
  it.each(cases)('$name', ({ at, by, section, expected, inner }) => {
    const moved = moveField(definition(), at, by);
    const keys = inner
      ? moved.sections[section]?.fields[1]?.fields?.map((f) => f.key)
      : keysOf(moved, section);
    expect(keys).toEqual(expected);
  });

  it.each([
    { name: 'the first up', at: { section: 0, field: 0 }, by: -1 as const },
    { name: 'the last down', at: { section: 0, field: 2 }, by: 1 as const },
    { name: 'the last column down', at: { section: 1, field: 1, inner: 1 }, by: 1 as const },
  ])('gives back the same definition when $name cannot move', ({ at, by }) => {
    const before = definition();
    expect(moveField(before, at, by)).toBe(before);
  });
});

describe('removing fields', () => {
  it.each([
    {
      name: 'a field another field’s condition refers to',
      at: { section: 0, field: 0 },
      expected: 'condition',
    },
    { name: 'the only field of a section', at: { section: 0, field: 0 }, expected: 'last-field', only: true },
    { name: 'a conditional field', at: { section: 0, field: 1 }, expected: null },
    { name: 'a column of a table with two', at: { section: 1, field: 1, inner: 0 }, expected: null },
  ])('$name: $expected', ({ at, expected, only }) => {
    let d = definition();
    if (only)
      d = {
        ...d,
        sections: [
          {
            ...d.sections[0],
            key: 'one',
            title: l('Eins'),
            fields: [{ key: 'a', type: 'text', label: l('A') }],
          },
        ],
      };
    expect(removalBlocker(d, at)?.kind ?? null).toBe(expected);
  });

  it('names the field whose condition holds on to the one to remove', () => {
    const blocker = removalBlocker(definition(), { section: 0, field: 0 });
    expect(blocker?.kind === 'condition' ? blocker.by.key : null).toBe('housing_note');
  });

  it('removes a field, and drops it from the section score (which goes when it counted nothing else)', () => {
    const removed = removeField(definition(), { section: 0, field: 2 });
    expect(keysOf(removed, 0)).toEqual(['housing', 'housing_note']);
    expect(removed.sections[0]?.score).toBeUndefined();
  });

  it('keeps a score that still counts other fields', () => {
    const d = definition();
    const withTwo = addField(
      {
        ...d,
        sections: d.sections.map((s, i) =>
          i === 0 ? { ...s, score: { kind: 'sum' as const, of: ['satisfaction', 'mood'] } } : s,
        ),
      },
      0,
      { key: 'mood', type: 'scale', label: l('Stimmung'), scale: { min: 1, max: 5, labels: [] } },
    );
    expect(removeField(withTwo, { section: 0, field: 2 }).sections[0]?.score).toEqual({
      kind: 'sum',
      of: ['mood'],
    });
  });

  it('removes a column of a table', () => {
    const removed = removeField(definition(), { section: 1, field: 1, inner: 0 });
    expect(removed.sections[1]?.fields[1]?.fields?.map((f) => f.key)).toEqual(['contact_role']);
  });
});

describe('adding fields and options', () => {
  const draft = (changes: Partial<NewFieldDraft>): NewFieldDraft => ({ ...emptyFieldDraft(), ...changes });
  const valid = { key: 'income', label: l('Einkommen') };

  it.each([
    { name: 'a valid text field', draft: draft({ ...valid }), expected: [] },
    { name: 'no key', draft: draft({ ...valid, key: '' }), expected: ['/key required'] },
    { name: 'a key with capitals', draft: draft({ ...valid, key: 'Income' }), expected: ['/key pattern'] },
    {
      name: 'a key in use (also in a table)',
      draft: draft({ ...valid, key: 'contact_name' }),
      expected: ['/key duplicate-key'],
    },
    {
      name: 'no German label',
      draft: draft({ ...valid, label: l('', 'Income') }),
      expected: ['/label/de required'],
    },
    {
      name: 'a choice without its first option',
      draft: draft({ ...valid, type: 'single' }),
      expected: ['/options/0/value required', '/options/0/label/de required'],
    },
    {
      name: 'a choice with an option',
      draft: draft({ ...valid, type: 'multi', option: { value: 'wages', label: l('Lohn') } }),
      expected: [],
    },
    {
      name: 'a scale upside down',
      draft: draft({ ...valid, type: 'scale', scale: { min: '5', max: '1' } }),
      expected: ['/scale/max scale-range'],
    },
    {
      name: 'a scale of one point',
      draft: draft({ ...valid, type: 'scale', scale: { min: '3', max: '3' } }),
      expected: ['/scale/max scale-range'],
    },
    {
      name: 'a scale with a fraction',
      draft: draft({ ...valid, type: 'scale', scale: { min: '0.5', max: '4' } }),
      expected: ['/scale/min type'],
    },
    {
      name: 'a scale beyond 100',
      draft: draft({ ...valid, type: 'scale', scale: { min: '0', max: '101' } }),
      expected: ['/scale/max maximum'],
    },
    {
      name: 'a scale without a maximum',
      draft: draft({ ...valid, type: 'scale', scale: { min: '1', max: '' } }),
      expected: ['/scale/max required'],
    },
  ])('checks $name', ({ draft: input, expected }) => {
    expect(checkNewField(definition(), input).map((p) => `${p.pointer} ${p.code}`)).toEqual(expected);
  });

  it.each([
    {
      draft: draft({ ...valid, type: 'date' }),
      expected: { key: 'income', type: 'date', label: l('Einkommen') },
    },
    {
      draft: draft({ ...valid, type: 'single', option: { value: 'wages', label: l('Lohn', 'Wages') } }),
      expected: {
        key: 'income',
        type: 'single',
        label: l('Einkommen'),
        options: [{ value: 'wages', label: l('Lohn', 'Wages') }],
      },
    },
    {
      draft: draft({ ...valid, type: 'scale', scale: { min: '0', max: '10' } }),
      expected: {
        key: 'income',
        type: 'scale',
        label: l('Einkommen'),
        scale: { min: 0, max: 10, labels: [] },
      },
    },
  ])('builds a $draft.type field with only what its type needs', ({ draft: input, expected }) => {
    expect(newField(input)).toEqual(expected);
  });

  it('appends a new field to the end of its section, and its key counts as taken', () => {
    const added = addField(definition(), 1, newField(draft({ ...valid })));
    expect(keysOf(added, 1)).toEqual(['diagnosis', 'contacts', 'income']);
    expect(fieldKeys(added).has('income')).toBe(true);
  });

  it.each([
    { name: 'a new option', choice: { value: 'none', label: l('keine') }, expected: [] },
    {
      name: 'a value in use',
      choice: { value: 'secure', label: l('sicher') },
      expected: ['/value duplicate-key'],
    },
    {
      name: 'no value and no label',
      choice: { value: '', label: l('') },
      expected: ['/value required', '/label/de required'],
    },
    {
      name: 'a value with a space',
      choice: { value: 'no home', label: l('keine') },
      expected: ['/value pattern'],
    },
  ])('checks an option: $name', ({ choice, expected }) => {
    const field = definition().sections[0]?.fields[0];
    if (!field) throw new Error('fixture');
    expect(checkNewChoice(field, 'options', choice).map((p) => `${p.pointer} ${p.code}`)).toEqual(expected);
  });
});

describe('new instruments, JSON and imports', () => {
  it.each([
    { input: { key: 'intake', title: l('Erstgespräch') }, expected: [] },
    {
      input: { key: '', title: l('') },
      expected: ['/definition/key required', '/definition/title/de required'],
    },
    { input: { key: '1st', title: l('Erst') }, expected: ['/definition/key pattern'] },
  ])('checks a new instrument $input.key', ({ input, expected }) => {
    expect(checkNewInstrument(input).map((p) => `${p.pointer} ${p.code}`)).toEqual(expected);
  });

  it('builds the smallest instrument: one section with one text field', () => {
    const d = minimalInstrument(
      { key: 'intake', title: l('Erstgespräch', 'Intake') },
      { section: l('Abschnitt 1', 'Section 1'), field: l('Notizen', 'Notes') },
    );
    expect(d).toEqual({
      key: 'intake',
      title: l('Erstgespräch', 'Intake'),
      description: l('Erstgespräch', 'Intake'),
      sections: [
        {
          key: 'section_1',
          title: l('Abschnitt 1', 'Section 1'),
          fields: [{ key: 'note', type: 'text', label: l('Notizen', 'Notes') }],
        },
      ],
    });
    expect(isDefinitionShaped(d)).toBe(true);
  });

  it.each([
    { name: 'a definition', value: definition(), expected: true },
    { name: 'an array', value: [], expected: false },
    { name: 'no sections', value: { ...definition(), sections: undefined }, expected: false },
    {
      name: 'a field without a label',
      value: {
        ...definition(),
        sections: [{ key: 's', title: l('S'), fields: [{ key: 'a', type: 'text' }] }],
      },
      expected: false,
    },
    { name: 'a label without English', value: { ...definition(), title: { de: 'Titel' } }, expected: false },
    {
      name: 'options that are not a list',
      value: {
        ...definition(),
        sections: [
          { key: 's', title: l('S'), fields: [{ key: 'a', type: 'single', label: l('A'), options: 'x' }] },
        ],
      },
      expected: false,
    },
  ])('knows whether the form can show $name', ({ value, expected }) => {
    expect(isDefinitionShaped(value)).toBe(expected);
  });

  it.each([
    { text: '{"a": 1}', expected: { ok: true, value: { a: 1 } } },
    { text: '{"a": 1,}', expected: { ok: false } },
    { text: '', expected: { ok: false } },
  ])('parses JSON $text', ({ text, expected }) => {
    expect(parseJson(text)).toEqual(expected);
  });

  it.each([
    {
      name: 'an export as it is',
      value: { format: 'lotse-instrument', formatVersion: 1, version: 2, definition: definition() },
      expected: { format: 'lotse-instrument', formatVersion: 1, version: 2, definition: definition() },
    },
    {
      name: 'a bare definition, wrapped',
      value: definition(),
      expected: { format: 'lotse-instrument', formatVersion: 1, definition: definition() },
    },
    { name: 'a list', value: [definition()], expected: null },
    { name: 'some other object', value: { name: 'x' }, expected: null },
  ])('makes the import body of $name', ({ value, expected }) => {
    expect(importBodyOf(value)).toEqual(expected);
  });

  const result = (created: boolean, currentVersion: number) =>
    ({ created, instrument: { currentVersion } }) as unknown as ImportResult;
  it.each([
    { name: 'a new key', result: result(true, 1), before: undefined, expected: 'created' },
    {
      name: 'a changed definition',
      result: result(false, 3),
      before: { currentVersion: 2 },
      expected: 'published',
    },
    {
      name: 'the current definition again',
      result: result(false, 2),
      before: { currentVersion: 2 },
      expected: 'unchanged',
    },
  ])('says what the import of $name did', ({ result: r, before, expected }) => {
    expect(importOutcome(r, before)).toBe(expected);
  });

  it.each([
    { language: 'en', label: l('Wohnen', 'Housing'), expected: 'Housing' },
    { language: 'en', label: l('Wohnen', ' '), expected: 'Wohnen' },
    { language: 'de', label: l('Wohnen', 'Housing'), expected: 'Wohnen' },
  ])('shows a label in $language: $expected', ({ language, label, expected }) => {
    expect(localized(label, language)).toBe(expected);
  });
});

describe('places of problems', () => {
  it.each([
    {
      pointer: '/definition/sections/0/fields/3/showIf/field',
      place: { section: 0, field: 3, path: ['showIf', 'field'] },
      part: { name: 'condition' },
      target: 'edit-s0-f3',
    },
    {
      pointer: '/definition/sections/1/fields/2/label/de',
      place: { section: 1, field: 2, path: ['label', 'de'] },
      part: { name: 'label', language: 'de' },
      target: 'edit-s1-f2-label-de',
    },
    {
      pointer: '/definition/sections/1/fields/1/fields/0/help/en',
      place: { section: 1, field: 1, inner: 0, path: ['help', 'en'] },
      part: { name: 'help', language: 'en' },
      target: 'edit-s1-f1-c0-help-en',
    },
    {
      pointer: '/definition/sections/0/fields/0/options/1/label/en',
      place: { section: 0, field: 0, path: ['options', '1', 'label', 'en'] },
      part: { name: 'option', index: 1, sub: 'label', language: 'en' },
      target: 'edit-s0-f0-options-1-en',
    },
    {
      pointer: '/definition/sections/0/fields/0/options/1',
      place: { section: 0, field: 0, path: ['options', '1'] },
      part: { name: 'option', index: 1 },
      target: 'edit-s0-f0',
    },
    {
      pointer: '/definition/sections/0/fields/2/scale/labels/0',
      place: { section: 0, field: 2, path: ['scale', 'labels', '0'] },
      part: { name: 'scaleLabel', index: 0 },
      target: 'edit-s0-f2',
    },
    {
      pointer: '/definition/sections/0/fields/2/scale',
      place: { section: 0, field: 2, path: ['scale'] },
      part: { name: 'scale' },
      target: 'edit-s0-f2',
    },
    {
      pointer: '/definition/sections/0/score/of/0',
      place: { section: 0, path: ['score', 'of', '0'] },
      part: { name: 'score' },
      target: 'edit-s0',
    },
    {
      pointer: '/definition/sections/2/title/en',
      place: { section: 2, path: ['title', 'en'] },
      part: { name: 'title', language: 'en' },
      target: 'edit-s2-title-en',
    },
    {
      pointer: '/definition/sections/0/fields',
      place: { section: 0, path: ['fields'] },
      part: { name: 'fields' },
      target: 'edit-s0',
    },
    {
      pointer: '/definition/sections/0/fields/1/maxLength',
      place: { section: 0, field: 1, path: ['maxLength'] },
      part: { name: 'setting', raw: 'maxLength' },
      target: 'edit-s0-f1',
    },
    {
      pointer: '/definition/title/de',
      place: { path: ['title', 'de'] },
      part: { name: 'title', language: 'de' },
      target: 'edit-title-de',
    },
    { pointer: '/definition/key', place: { path: ['key'] }, part: { name: 'key' }, target: null },
    {
      pointer: '/changeNote',
      place: { path: ['changeNote'] },
      part: { name: 'changeNote' },
      target: 'edit-change-note',
    },
    { pointer: '/format', place: { path: ['format'] }, part: { name: 'format' }, target: null },
    { pointer: '/definition', place: { path: [] }, part: null, target: null },
  ])('$pointer', ({ pointer, place, part, target }) => {
    const found = placeOf(pointer);
    expect(found).toEqual(place);
    expect(partOf(found.path)).toEqual(part);
    expect(targetIdOf(found)).toBe(target);
  });
});
