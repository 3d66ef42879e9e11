import {
  isOneOf,
  JOURNAL_KINDS,
  type FieldProblem,
  type JournalEntry,
  type JournalKind,
} from '../../api/types';

export interface JournalValues {
  kind: JournalKind | '';
  occurredOn: string;
  duration: string;
  participants: string;
  text: string;
  /** Special category (e.g. health): stored encrypted, shown to the case team only. */
  specialCategory: boolean;
  /** The plan's goal the entry belongs to ('' = none). */
  goalId: string;
}

export function emptyJournalValues(today: string): JournalValues {
  return {
    kind: '',
    occurredOn: today,
    duration: '',
    participants: '',
    text: '',
    specialCategory: false,
    goalId: '',
  };
}

export function journalValuesOf(entry: JournalEntry): JournalValues {
  return {
    kind: entry.kind,
    occurredOn: entry.occurredOn,
    duration: entry.durationMinutes === null ? '' : String(entry.durationMinutes),
    participants: entry.participants ?? '',
    text: entry.text,
    specialCategory: entry.specialCategory,
    goalId: entry.goalId ?? '',
  };
}

export interface JournalPayload {
  kind: JournalKind;
  occurredOn: string;
  durationMinutes: number | null;
  participants: string | null;
  text: string;
  specialCategory: boolean;
  goalId: string | null;
}

/** The entry for the API; only call after checkJournalValues found nothing. Line breaks in the text stay. */
export function journalPayload(values: JournalValues): JournalPayload {
  const duration = values.duration.trim();
  const participants = values.participants.trim();
  return {
    kind: isOneOf(JOURNAL_KINDS, values.kind) ? values.kind : 'note',
    occurredOn: values.occurredOn,
    durationMinutes: /^\d+$/.test(duration) ? Number(duration) : null,
    participants: participants === '' ? null : participants,
    text: values.text.replace(/\s+$/, ''),
    // Always sent: a correction without the flag would store a protected text in the clear.
    specialCategory: values.specialCategory,
    goalId: values.goalId === '' ? null : values.goalId,
  };
}

export function checkJournalValues(values: JournalValues, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (values.kind === '') problems.push({ pointer: '/kind', code: 'required', message: '' });
  if (values.occurredOn === '') problems.push({ pointer: '/occurredOn', code: 'required', message: '' });
  // ISO days compare as strings.
  else if (values.occurredOn > today)
    problems.push({ pointer: '/occurredOn', code: 'in-future', message: '' });
  if (values.duration.trim() !== '' && !/^\d+$/.test(values.duration.trim())) {
    problems.push({ pointer: '/durationMinutes', code: 'wholeNumber', message: '' });
  }
  if (values.text.trim() === '') problems.push({ pointer: '/text', code: 'required', message: '' });
  return problems;
}
