import { describe, expect, it } from 'vitest';
import {
  checkContactValues,
  contactChanges,
  contactPayload,
  contactValuesOf,
  emptyContactValues,
  type ContactValues,
} from './contactForm';
import type { NetworkContact } from './model';

const TODAY = '2026-03-10';

const stored: NetworkContact = {
  id: 'n1',
  name: 'Tante Leyla',
  kind: 'family',
  relation: 'Tante',
  support: ['practical', 'emotional'],
  closeness: 1,
  strained: false,
  note: null,
  endedOn: null,
  updatedAt: '2026-03-01T10:00:00Z',
  updatedBy: { id: 'u1', displayName: 'Aylin Demir' },
  version: 3,
};

const filled = (changes: Partial<ContactValues>): ContactValues => ({
  ...emptyContactValues(),
  name: 'Herr Yilmaz',
  kind: 'neighbour',
  closeness: '2',
  ...changes,
});

describe('contact form checks', () => {
  it.each([
    { name: 'complete', values: filled({}), pointers: [] },
    { name: 'empty', values: emptyContactValues(), pointers: ['/name', '/kind', '/closeness'] },
    { name: 'blank name', values: filled({ name: '   ' }), pointers: ['/name'] },
    { name: 'ended today', values: filled({ endedOn: TODAY }), pointers: [] },
    { name: 'ended tomorrow', values: filled({ endedOn: '2026-03-11' }), pointers: ['/endedOn'] },
  ])('$name → $pointers', ({ values, pointers }) => {
    expect(checkContactValues(values, TODAY).map((p) => p.pointer)).toEqual(pointers);
  });
});

describe('contact payload', () => {
  it('trims, turns empty optional texts into null and orders the kinds of support', () => {
    expect(
      contactPayload(
        filled({
          name: '  Herr Yilmaz ',
          relation: '  ',
          support: ['social_integration', 'emotional'],
          strained: true,
          note: 'hilft beim Einkaufen\nmontags  \n',
        }),
      ),
    ).toEqual({
      name: 'Herr Yilmaz',
      kind: 'neighbour',
      relation: null,
      support: ['emotional', 'social_integration'],
      closeness: 2,
      strained: true,
      note: 'hilft beim Einkaufen\nmontags',
      endedOn: null,
    });
  });
});

describe('contact changes', () => {
  it('sends nothing when nothing changed, also when support was ticked in another order', () => {
    const values = contactValuesOf(stored);
    expect(contactChanges(stored, values)).toEqual({});
    expect(contactChanges(stored, { ...values, support: ['emotional', 'practical'] })).toEqual({});
  });

  it.each([
    { name: 'closeness', change: { closeness: '3' as const }, expected: { closeness: 3 } },
    { name: 'strain', change: { strained: true }, expected: { strained: true } },
    { name: 'cleared relation', change: { relation: '' }, expected: { relation: null } },
    { name: 'support', change: { support: [] }, expected: { support: [] } },
    { name: 'note', change: { note: 'neu' }, expected: { note: 'neu' } },
    { name: 'end', change: { endedOn: '2026-03-01' }, expected: { endedOn: '2026-03-01' } },
    {
      name: 'name and kind',
      change: { name: 'Leyla', kind: 'friend' as const },
      expected: { name: 'Leyla', kind: 'friend' },
    },
  ])('sends only the changed $name', ({ change, expected }) => {
    expect(contactChanges(stored, { ...contactValuesOf(stored), ...change })).toEqual(expected);
  });

  it('resumes an ended contact by clearing the end date', () => {
    const ended = { ...stored, endedOn: '2026-02-01' };
    expect(contactChanges(ended, { ...contactValuesOf(ended), endedOn: '' })).toEqual({ endedOn: null });
  });
});
