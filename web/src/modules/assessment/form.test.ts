import { describe, expect, it } from 'vitest';
import {
  areaText,
  comparableGroups,
  emptyNeed,
  errorTargets,
  idOf,
  inTimeOrder,
  isVisible,
  mergedSections,
  moveNeed,
  needDraftsOf,
  needsPayload,
  numberAnswer,
  numberInputText,
  pathLabel,
  positionOf,
  scalarText,
  sectionKeyOf,
  sectionScore,
  visibleAnswers,
  withAnswer,
  withNeedAdded,
  withRating,
  withRowAdded,
  withRowAnswer,
  withRowRemoved,
  withView,
  type Answers,
  type NeedDraft,
  type PathWords,
} from './form';
import type { Need } from './model';
import { toTemplate, type Field, type Section, type Template } from './template';

const tx = (de: string, en = de) => ({ de, en });
const AGREE = {
  min: 1,
  max: 5,
  labels: [
    { value: 1, label: tx('Stimmt gar nicht', 'Not true at all') },
    { value: 5, label: tx('Stimmt genau', 'Completely true') },
  ],
};

const debts: Field = { key: 'debts', type: 'yesno', label: tx('Schulden') };
const debtAmount: Field = {
  key: 'debt_amount',
  type: 'number',
  label: tx('Höhe'),
  showIf: { field: 'debts', equals: true },
};
const housing: Field = {
  key: 'housing',
  type: 'single',
  label: tx('Wohnform', 'Housing'),
  options: [
    { value: 'own', label: tx('Eigene Wohnung', 'Own flat') },
    { value: 'none', label: tx('Ohne Wohnung', 'No flat') },
  ],
  perspectives: true,
};
const housingNote: Field = {
  key: 'housing_note',
  type: 'text',
  label: tx('Notiz'),
  showIf: { field: 'housing' },
};
const homeless: Field = {
  key: 'homeless_since',
  type: 'date',
  label: tx('Seit'),
  showIf: { field: 'housing', equals: 'none' },
};
const topics: Field = {
  key: 'topics',
  type: 'multi',
  label: tx('Themen'),
  options: [
    { value: 'work', label: tx('Arbeit', 'Work') },
    { value: 'health', label: tx('Gesundheit', 'Health') },
  ],
};
const healthNote: Field = {
  key: 'health_note',
  type: 'longtext',
  label: tx('Gesundheit'),
  specialCategory: true,
  showIf: { field: 'topics', equals: 'health' },
};
const mood: Field = { key: 'mood', type: 'scale', label: tx('Stimmung'), scale: AGREE, perspectives: true };
const energy: Field = { key: 'energy', type: 'scale', label: tx('Energie'), scale: AGREE };
const domains: Field = {
  key: 'domains',
  type: 'domainRating',
  label: tx('Lebensbereiche'),
  domains: [
    { value: 'housing', label: tx('Wohnen', 'Housing') },
    { value: 'work', label: tx('Arbeit', 'Work') },
  ],
  scale: AGREE,
};
const contacts: Field = {
  key: 'contacts',
  type: 'group',
  label: tx('Kontakte', 'Contacts'),
  fields: [
    { key: 'name', type: 'text', label: tx('Name') },
    { key: 'role', type: 'single', label: tx('Rolle', 'Role'), options: [{ value: 'x', label: tx('X') }] },
    { key: 'since', type: 'date', label: tx('Seit'), showIf: { field: 'role', equals: 'x' } },
  ],
};

const wellbeing: Section = {
  key: 'wellbeing',
  title: tx('Befinden'),
  fields: [mood, energy, debts, debtAmount],
  score: { kind: 'mean', of: ['mood', 'energy'] },
};
const template: Template = {
  key: 'test',
  title: tx('Test'),
  description: tx('Beschreibung'),
  sections: [
    {
      key: 'living',
      title: tx('Wohnen', 'Living'),
      fields: [housing, housingNote, homeless, topics, healthNote],
    },
    wellbeing,
    {
      key: 'areas',
      title: tx('Bereiche'),
      fields: [domains, contacts],
      score: { kind: 'sum', of: ['domains'] },
    },
  ],
};

describe('isVisible', () => {
  it.each<[string, Field, Answers, boolean]>([
    ['a field without condition', debts, {}, true],
    ['equals true, answered true', debtAmount, { debts: true }, true],
    ['equals true, answered false', debtAmount, { debts: false }, false],
    ['equals true, not answered', debtAmount, {}, false],
    [
      'without equals: any answer (professional view)',
      housingNote,
      { housing: { professional: 'own' } },
      true,
    ],
    // As on the server (domain.ts isVisible): without a professional view the client's counts.
    ['without equals: only the client view answered', housingNote, { housing: { client: 'own' } }, true],
    ['equals on the professional view', homeless, { housing: { client: 'own', professional: 'none' } }, true],
    [
      'equals: the client view does not count',
      homeless,
      { housing: { client: 'none', professional: 'own' } },
      false,
    ],
    ['equals: only the client view given, it counts', homeless, { housing: { client: 'none' } }, true],
    ['multi contains the value', healthNote, { topics: ['work', 'health'] }, true],
    ['multi without the value', healthNote, { topics: ['work'] }, false],
    ['empty multi', healthNote, { topics: [] }, false],
  ])('%s', (_, field, answers, expected) => {
    expect(isVisible(field, answers)).toBe(expected);
  });
});

describe('visibleAnswers', () => {
  it('drops answers of hidden fields, also inside table rows', () => {
    const answers: Answers = {
      debts: false,
      debt_amount: 2000,
      topics: ['work'],
      health_note: 'vertraulich',
      contacts: [
        { name: 'A', role: 'x', since: '2026-01-01' },
        { name: 'B', since: '2026-02-01' },
      ],
    };
    expect(visibleAnswers(template, answers)).toEqual({
      debts: false,
      topics: ['work'],
      contacts: [{ name: 'A', role: 'x', since: '2026-01-01' }, { name: 'B' }],
    });
  });
});

describe('sectionScore', () => {
  const areas = template.sections[2] as Section;
  it.each<[string, Section, Answers, number | null]>([
    ['nothing answered', wellbeing, {}, null],
    [
      'mean of the professional view and a plain scale',
      wellbeing,
      { mood: { client: 1, professional: 4 }, energy: 3 },
      3.5,
    ],
    ['only the client view: not counted', wellbeing, { mood: { client: 5 } }, null],
    ['mean rounded to two places', wellbeing, { mood: { professional: 1 }, energy: 2 }, 1.5],
    ['sum of the rated domains', areas, { domains: { housing: 2, work: 5 } }, 7],
    ['a section without score', template.sections[0] as Section, { housing: { professional: 'own' } }, null],
  ])('%s', (_, section, answers, expected) => {
    expect(sectionScore(section, answers)).toBe(expected);
  });

  it('rounds a mean of three to two places', () => {
    const section: Section = {
      ...wellbeing,
      fields: [mood, energy, { ...energy, key: 'e2' }],
      score: { kind: 'mean', of: ['mood', 'energy', 'e2'] },
    };
    expect(sectionScore(section, { mood: { professional: 1 }, energy: 1, e2: 2 })).toBe(1.33);
  });
});

describe('changing answers', () => {
  it.each<[string, () => unknown, unknown]>([
    ['sets an answer', () => withAnswer({ a: 1 }, 'b', 'x'), { a: 1, b: 'x' }],
    ['removes an emptied text', () => withAnswer({ a: 1, b: 'x' }, 'b', ''), { a: 1 }],
    ['removes an emptied choice list', () => withAnswer({ t: ['work'] }, 't', []), {}],
    ['keeps false', () => withAnswer({}, 'debts', false), { debts: false }],
    ['keeps zero', () => withAnswer({}, 'n', 0), { n: 0 }],
    ['sets one view', () => withView(housing, undefined, 'client', 'own'), { client: 'own' }],
    [
      'keeps the other view',
      () => withView(housing, { client: 'own' }, 'professional', 'none'),
      { client: 'own', professional: 'none' },
    ],
    [
      'clears a view',
      () => withView(housing, { client: 'own', professional: 'none' }, 'client', undefined),
      { professional: 'none' },
    ],
    [
      'clearing the last view empties the answer',
      () => withView(housing, { client: 'own' }, 'client', undefined),
      undefined,
    ],
    ['rates a domain', () => withRating({ housing: 2 }, 'work', 4), { housing: 2, work: 4 }],
    ['clears a rating', () => withRating({ housing: 2, work: 4 }, 'work', undefined), { housing: 2 }],
    [
      'clearing the last rating empties the answer',
      () => withRating({ housing: 2 }, 'housing', undefined),
      undefined,
    ],
    ['adds an empty row', () => withRowAdded([{ name: 'A' }]), [{ name: 'A' }, {}]],
    ['adds the first row', () => withRowAdded(undefined), [{}]],
    [
      'answers in a row',
      () => withRowAnswer([{ name: 'A' }, {}], 1, 'name', 'B'),
      [{ name: 'A' }, { name: 'B' }],
    ],
    [
      'clears in a row',
      () => withRowAnswer([{ name: 'A', role: 'x' }], 0, 'role', undefined),
      [{ name: 'A' }],
    ],
    [
      'removes a row',
      () => withRowRemoved([{ name: 'A' }, { name: 'B' }, { name: 'C' }], 1),
      [{ name: 'A' }, { name: 'C' }],
    ],
  ])('%s', (_, change, expected) => {
    expect(change()).toEqual(expected);
  });
});

describe('numbers as typed', () => {
  it.each<[string, number | string | undefined]>([
    ['', undefined],
    ['  ', undefined],
    ['3', 3],
    ['2,5', 2.5],
    ['2.5', 2.5],
    ['2,', 2],
    ['-1', -1],
    ['zwei', 'zwei'],
    ['1,2,3', '1,2,3'],
  ])('"%s" becomes %s', (typed, expected) => {
    expect(numberAnswer(typed)).toBe(expected);
  });

  it.each<[unknown, 'de' | 'en', string]>([
    [2.5, 'de', '2,5'],
    [2.5, 'en', '2.5'],
    [undefined, 'de', ''],
    ['abc', 'de', 'abc'],
  ])('%s is shown as "%s"', (value, lang, expected) => {
    expect(numberInputText(value, lang)).toBe(expected);
  });
});

const words: PathWords = {
  lang: 'de',
  conductedOn: 'Durchgeführt am',
  view: (view) => (view === 'client' ? 'Sicht der Klient:in' : 'Sicht der Fachkraft'),
  row: (index) => `Zeile ${index + 1}`,
  need: (kind, position) => `${kind === 'need' ? 'Bedarf' : 'Ressource'} ${position}`,
  needPart: (part) => (part === 'text' ? 'Beschreibung' : part),
};

const drafts: NeedDraft[] = [
  { ...emptyNeed('need', 'n1'), text: 'Wohnung' },
  { ...emptyNeed('resource', 'r1'), text: 'Familie' },
  { ...emptyNeed('need', 'n2'), text: 'Arbeit' },
  { ...emptyNeed('resource', 'r2'), text: 'Sprache' },
  { ...emptyNeed('need', 'n3'), text: 'Schulden' },
];

describe('error pointers → controls', () => {
  it.each<[string, string, string | null]>([
    ['the date conducted', 'conductedOn', 'Durchgeführt am'],
    ['a plain answer', 'answers.debts', 'Schulden'],
    ['a perspectives field as a whole', 'answers.housing', 'Wohnform'],
    ['one view', 'answers.housing.client', 'Wohnform – Sicht der Klient:in'],
    ['a rated domain', 'answers.domains.work', 'Lebensbereiche – Arbeit'],
    ['a cell of a table row', 'answers.contacts.1.name', 'Kontakte, Zeile 2: Name'],
    ['a table as a whole', 'answers.contacts', 'Kontakte'],
    ['a need, by its place among the needs', 'needs.2.text', 'Bedarf 2: Beschreibung'],
    ['a resource', 'needs.3.text', 'Ressource 2: Beschreibung'],
    ['an unknown field', 'answers.nope', null],
    ['an unknown domain', 'answers.domains.sky', null],
    ['a need that is not there', 'needs.9.text', null],
    ['another part of the document', 'version', null],
  ])('%s', (_, path, expected) => {
    expect(pathLabel(template, drafts, path, words)).toBe(expected);
  });

  it('links every known error path to the control with the id the form gives it', () => {
    expect(errorTargets(template, drafts, ['answers.housing.professional', 'answers.nope'], words)).toEqual({
      'answers.housing.professional': {
        id: idOf('answers.housing.professional'),
        label: 'Wohnform – Sicht der Fachkraft',
      },
    });
  });

  it.each<[string, string]>([
    ['answers.debts', 'f-answers__debts'],
    ['answers.contacts.0.name', 'f-answers__contacts__0__name'],
    ['answers.odd key/ä', 'f-answers__odd_key__'],
  ])('the id of %s is %s', (path, id) => {
    expect(idOf(path)).toBe(id);
  });
});

describe('needs and resources', () => {
  const keys = (list: NeedDraft[]) => list.map((d) => d.key);

  it.each<[string, string, -1 | 1, string[]]>([
    ['a need moves up past a resource', 'n2', -1, ['n2', 'r1', 'n1', 'r2', 'n3']],
    ['a need moves down past a resource', 'n2', 1, ['n1', 'r1', 'n3', 'r2', 'n2']],
    ['the first need stays first', 'n1', -1, ['n1', 'r1', 'n2', 'r2', 'n3']],
    ['the last need stays last', 'n3', 1, ['n1', 'r1', 'n2', 'r2', 'n3']],
    ['a resource moves among resources', 'r2', -1, ['n1', 'r2', 'n2', 'r1', 'n3']],
    ['an unknown key changes nothing', 'x', 1, ['n1', 'r1', 'n2', 'r2', 'n3']],
  ])('%s', (_, key, direction, expected) => {
    expect(keys(moveNeed(drafts, key, direction))).toEqual(expected);
  });

  it.each<[string, number]>([
    ['n1', 1],
    ['n2', 2],
    ['n3', 3],
    ['r1', 1],
    ['r2', 2],
  ])('%s is in place %i of its kind', (key, position) => {
    expect(positionOf(drafts, key)).toBe(position);
  });

  it.each<[string, NeedDraft, string[]]>([
    ['a need goes after the last need', emptyNeed('need', 'n4'), ['n1', 'n2', 'n4', 'r1']],
    ['a resource goes last', emptyNeed('resource', 'r2'), ['n1', 'n2', 'r1', 'r2']],
  ])('%s', (_, need, expected) => {
    const grouped = [emptyNeed('need', 'n1'), emptyNeed('need', 'n2'), emptyNeed('resource', 'r1')];
    expect(keys(withNeedAdded(grouped, need))).toEqual(expected);
  });

  it('adds the first need before the resources', () => {
    expect(keys(withNeedAdded([emptyNeed('resource', 'r1')], emptyNeed('need', 'n1')))).toEqual(['n1', 'r1']);
  });

  it('reads stored needs in priority order within their kind, needs first', () => {
    const stored: Need[] = [
      {
        id: 'b',
        kind: 'resource',
        area: null,
        text: 'R1',
        priority: 1,
        seenBy: 'client',
        specialCategory: false,
        hidden: false,
      },
      {
        id: 'c',
        kind: 'need',
        area: 'Wohnen',
        text: 'N2',
        priority: 2,
        seenBy: 'both',
        specialCategory: true,
        hidden: false,
      },
      {
        id: 'a',
        kind: 'need',
        area: 'Schulden',
        text: 'N1',
        priority: 1,
        seenBy: 'professional',
        specialCategory: false,
        hidden: false,
      },
    ];
    expect(needDraftsOf(template, stored)).toEqual([
      // An own term stays as written; a section title written out is read as the section.
      {
        key: 'a',
        kind: 'need',
        text: 'N1',
        area: 'Schulden',
        ownArea: true,
        seenBy: 'professional',
        specialCategory: false,
      },
      {
        key: 'c',
        kind: 'need',
        text: 'N2',
        area: 'living',
        ownArea: false,
        seenBy: 'both',
        specialCategory: true,
      },
      {
        key: 'b',
        kind: 'resource',
        text: 'R1',
        area: '',
        ownArea: false,
        seenBy: 'client',
        specialCategory: false,
      },
    ]);
  });

  it.each<[string, string, string | null, string]>([
    ['a section key', 'wellbeing', 'wellbeing', 'Befinden'],
    ['a German section title', 'Wohnen', 'living', 'Wohnen'],
    ['an English section title', 'Living', 'living', 'Wohnen'],
    ['an own term', 'Schulden', null, 'Schulden'],
  ])('an area given as %s', (_, area, key, text) => {
    expect(sectionKeyOf(template, area)).toBe(key);
    expect(areaText(template, area, 'de')).toBe(text);
  });

  it('sends the list in its order, trimmed, without empty areas', () => {
    expect(
      needsPayload([
        {
          key: 'a',
          kind: 'need',
          text: ' Wohnung suchen ',
          area: ' ',
          ownArea: true,
          seenBy: 'both',
          specialCategory: false,
        },
        {
          key: 'b',
          kind: 'resource',
          text: 'Familie',
          area: 'Soziales',
          ownArea: true,
          seenBy: 'client',
          specialCategory: true,
        },
      ]),
    ).toEqual([
      { kind: 'need', text: 'Wohnung suchen', area: null, seenBy: 'both' },
      { kind: 'resource', text: 'Familie', area: 'Soziales', seenBy: 'client', specialCategory: true },
    ]);
  });
});

describe('answers as text', () => {
  const valueWords = { lang: 'de' as const, yes: 'Ja', no: 'Nein', day: (iso: string) => `Tag ${iso}` };
  it.each<[string, Field, Parameters<typeof scalarText>[1], string]>([
    ['yes', debts, true, 'Ja'],
    ['no', debts, false, 'Nein'],
    ['an option', housing, 'own', 'Eigene Wohnung'],
    ['an unknown option as stored', housing, 'gone', 'gone'],
    ['several options', topics, ['work', 'health'], 'Arbeit, Gesundheit'],
    ['a labelled scale point', energy, 5, '5 – Stimmt genau'],
    ['an unlabelled scale point', energy, 3, '3'],
    ['a number', debtAmount, 2500.5, '2.500,5'],
    ['a date', homeless, '2026-03-01', 'Tag 2026-03-01'],
  ])('%s', (_, field, value, expected) => {
    expect(scalarText(field, value, valueWords)).toBe(expected);
  });
});

describe('comparison', () => {
  const a = { id: 'a', conductedOn: '2026-03-01', createdAt: '2026-03-01T10:00:00Z' };
  const b = { id: 'b', conductedOn: '2026-01-15', createdAt: '2026-03-02T10:00:00Z' };
  const c = { id: 'c', conductedOn: '2026-03-01', createdAt: '2026-03-01T09:00:00Z' };

  it.each<[string, typeof a, typeof a, string[]]>([
    ['earlier date first', a, b, ['b', 'a']],
    ['already in order', b, a, ['b', 'a']],
    ['same day: the one made first', a, c, ['c', 'a']],
  ])('%s', (_, x, y, expected) => {
    expect(inTimeOrder(x, y).map((v) => v.id)).toEqual(expected);
  });

  it('merges two template versions: dropped questions stay, removed sections come last', () => {
    const earlier: Template = {
      ...template,
      sections: [
        { key: 'living', title: tx('Wohnen'), fields: [housing, housingNote] },
        { key: 'old', title: tx('Alt'), fields: [energy] },
      ],
    };
    const later: Template = {
      ...template,
      sections: [{ key: 'living', title: tx('Wohnen neu'), fields: [housing, topics] }],
    };
    expect(mergedSections(earlier, later).map((s) => [s.title.de, s.fields.map((f) => f.key)])).toEqual([
      ['Wohnen neu', ['housing', 'topics', 'housing_note']],
      ['Alt', ['energy']],
    ]);
  });

  it('groups assessments by instrument where there are at least two', () => {
    const items = [
      { id: '1', template: { key: 'ulm' } },
      { id: '2', template: { key: 'jmd' } },
      { id: '3', template: { key: 'ulm' } },
    ];
    expect(comparableGroups(items).map((g) => g.map((i) => i.id))).toEqual([['1', '3']]);
  });
});

describe('toTemplate', () => {
  it('turns the flattened API fields into the typed union, with what each type needs', () => {
    const converted = toTemplate({
      key: 'k',
      title: tx('T'),
      description: tx('D'),
      sections: [
        {
          key: 's',
          title: tx('S'),
          fields: [
            { key: 'c', type: 'single', label: tx('C') },
            {
              key: 'g',
              type: 'group',
              label: tx('G'),
              maxRows: 3,
              fields: [{ key: 'r', type: 'scale', label: tx('R'), scale: AGREE, required: true }],
            },
          ],
          score: { kind: 'sum', of: [] },
        },
      ],
    });
    expect(converted.sections[0]?.fields).toEqual([
      { key: 'c', type: 'single', label: tx('C'), options: [] },
      {
        key: 'g',
        type: 'group',
        label: tx('G'),
        maxRows: 3,
        fields: [{ key: 'r', type: 'scale', label: tx('R'), scale: AGREE, required: true }],
      },
    ]);
    expect(converted.sections[0]?.score).toEqual({ kind: 'sum', of: [] });
  });
});
