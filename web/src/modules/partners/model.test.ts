import { describe, expect, it } from 'vitest';
import {
  checkOffer,
  checkPartner,
  daysToWeeks,
  emptyOfferValues,
  emptyPartnerValues,
  weeksToDays,
} from './model';

const messages = { 'age-range': 'Alter', 'exceeds-capacity': 'Plätze' };
const offer = (changes: Partial<ReturnType<typeof emptyOfferValues>>) => ({
  ...emptyOfferValues(),
  title: 'Kurs',
  ...changes,
});
const findings = (values: ReturnType<typeof emptyOfferValues>) =>
  checkOffer(values, messages).map((p) => [p.pointer, p.code]);

describe('offer form checks', () => {
  it.each<[string, Partial<ReturnType<typeof emptyOfferValues>>, string[][]]>([
    ['a title is enough', {}, []],
    ['no title', { title: ' ' }, [['/title', 'required']]],
    ['ages upside down', { ageMin: '18', ageMax: '16' }, [['/ageMax', 'age-range']]],
    ['not a whole number', { capacity: '2,5' }, [['/capacity', 'wholeNumber']]],
    ['an age above 120', { ageMax: '130' }, [['/ageMax', 'maximum']]],
    [
      'more free places than places',
      { capacity: '5', freePlaces: '6' },
      [['/freePlaces', 'exceeds-capacity']],
    ],
    [
      'ends before it starts',
      { validFrom: '2026-05-02', validTo: '2026-05-01' },
      [['/validTo', 'date-order']],
    ],
    ['half weeks of waiting', { waitingWeeks: '1,5' }, []],
    ['words as weeks', { waitingWeeks: 'bald' }, [['/waitingDays', 'wholeNumber']]],
  ])('%s', (_, changes, expected) => {
    expect(findings(offer(changes))).toEqual(expected);
  });

  it('carries the rule’s own message', () => {
    expect(checkOffer(offer({ capacity: '1', freePlaces: '2' }), messages)[0]?.message).toBe('Plätze');
  });
});

describe('waiting time in weeks and days', () => {
  it.each<[string, number | null]>([
    ['', null],
    ['3', 21],
    ['1,5', 11],
    ['0.5', 4],
  ])('%s weeks are %s days', (weeks, days) => {
    expect(weeksToDays(weeks)).toBe(days);
  });

  it.each<[number | null, string]>([
    [null, ''],
    [21, '3'],
    [10, '1.4'],
  ])('%s days are shown as %s weeks', (days, weeks) => {
    expect(daysToWeeks(days)).toBe(weeks);
  });
});

describe('partner form checks', () => {
  it('asks for name, type and a name of every contact, and for valid e-mail addresses', () => {
    const values = {
      ...emptyPartnerValues(),
      email: 'keine-adresse',
      contacts: [{ key: 'k', name: '', role: 'Leitung', phone: '', email: '' }],
    };
    expect(checkPartner(values).map((p) => [p.pointer, p.code])).toEqual([
      ['/name', 'required'],
      ['/type', 'required'],
      ['/email', 'format'],
      ['/contacts/0/name', 'required'],
    ]);
  });
});
