import { describe, expect, it } from 'vitest';
import { checkJournalValues, emptyJournalValues, journalPayload } from './journalForm';

describe('journal entries', () => {
  const today = '2026-03-10';
  const codes = (changes: Partial<ReturnType<typeof emptyJournalValues>>) =>
    checkJournalValues({ ...emptyJournalValues(today), ...changes }, today).map(
      (p) => `${p.pointer}:${p.code}`,
    );

  it('starts with today and asks for kind and text', () => {
    expect(emptyJournalValues(today).occurredOn).toBe(today);
    expect(codes({})).toEqual(['/kind:required', '/text:required']);
  });

  it('refuses a day in the future and a duration that is not whole minutes', () => {
    expect(codes({ kind: 'phone', text: 'x', occurredOn: '2026-03-11', duration: '1.5' })).toEqual([
      '/occurredOn:in-future',
      '/durationMinutes:wholeNumber',
    ]);
  });

  it('keeps line breaks in the text and sends empty extras as null', () => {
    expect(
      journalPayload({
        kind: 'phone',
        occurredOn: today,
        duration: ' 15 ',
        participants: ' ',
        text: 'a\n\nb\n',
        specialCategory: true,
        goalId: '',
      }),
    ).toEqual({
      kind: 'phone',
      occurredOn: today,
      durationMinutes: 15,
      participants: null,
      text: 'a\n\nb',
      specialCategory: true,
      goalId: null,
    });
  });

  it('links the entry to a goal of the plan, or to none', () => {
    const values = { ...emptyJournalValues(today), kind: 'note' as const, text: 'x' };
    expect(journalPayload({ ...values, goalId: 'g1' }).goalId).toBe('g1');
    expect(journalPayload(values).goalId).toBeNull();
  });
});
