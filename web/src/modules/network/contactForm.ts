import type { FieldProblem } from '../../api/types';
import {
  SUPPORT_KINDS,
  type ContactInput,
  type ContactKind,
  type ContactPatch,
  type NetworkContact,
  type SupportKind,
} from './model';

/** The contact form's values as the controls hold them (strings for the radios and the date). */
export interface ContactValues {
  name: string;
  kind: ContactKind | '';
  relation: string;
  support: SupportKind[];
  closeness: '' | '1' | '2' | '3';
  strained: boolean;
  note: string;
  endedOn: string;
}

export function emptyContactValues(): ContactValues {
  return {
    name: '',
    kind: '',
    relation: '',
    support: [],
    closeness: '',
    strained: false,
    note: '',
    endedOn: '',
  };
}

function closenessValue(closeness: number): ContactValues['closeness'] {
  return closeness === 1 ? '1' : closeness === 2 ? '2' : closeness === 3 ? '3' : '';
}

export function contactValuesOf(contact: NetworkContact): ContactValues {
  return {
    name: contact.name,
    kind: contact.kind,
    relation: contact.relation ?? '',
    support: [...contact.support],
    closeness: closenessValue(contact.closeness),
    strained: contact.strained,
    note: contact.note ?? '',
    endedOn: contact.endedOn ?? '',
  };
}

/** The form's own checks, shaped like the server's field problems so both show the same way. */
export function checkContactValues(values: ContactValues, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const required = (pointer: string) => problems.push({ pointer, code: 'required', message: '' });
  if (values.name.trim() === '') required('/name');
  if (values.kind === '') required('/kind');
  if (values.closeness === '') required('/closeness');
  // ISO days compare as strings.
  if (values.endedOn !== '' && values.endedOn > today) {
    problems.push({ pointer: '/endedOn', code: 'in-future', message: '' });
  }
  return problems;
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** The contact for the API; only call after checkContactValues found nothing. */
export function contactPayload(values: ContactValues): ContactInput {
  return {
    name: values.name.trim(),
    kind: values.kind === '' ? 'other' : values.kind,
    relation: orNull(values.relation),
    // In the list's order, so the same choice is always stored (and compared) the same way.
    support: SUPPORT_KINDS.filter((kind) => values.support.includes(kind)),
    closeness: Number(values.closeness || 3),
    strained: values.strained,
    note: values.note.trim() === '' ? null : values.note.replace(/\s+$/, ''),
    endedOn: values.endedOn === '' ? null : values.endedOn,
  };
}

export type ContactChanges = Omit<ContactPatch, 'version'>;

/** Only what changed against the contact as it was read, so a change does not overwrite other fields. */
export function contactChanges(contact: NetworkContact, values: ContactValues): ContactChanges {
  const next = contactPayload(values);
  const before = contactPayload(contactValuesOf(contact));
  const changes: ContactChanges = {};
  if (next.name !== before.name) changes.name = next.name;
  if (next.kind !== before.kind) changes.kind = next.kind;
  if (next.relation !== before.relation) changes.relation = next.relation ?? null;
  if (next.support.join() !== before.support.join()) changes.support = next.support;
  if (next.closeness !== before.closeness) changes.closeness = next.closeness;
  if (next.strained !== before.strained) changes.strained = next.strained;
  if (next.note !== before.note) changes.note = next.note ?? null;
  if (next.endedOn !== before.endedOn) changes.endedOn = next.endedOn ?? null;
  return changes;
}
