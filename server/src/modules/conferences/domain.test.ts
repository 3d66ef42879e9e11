import { describe, expect, it } from 'vitest';
import { recipientKey, type ReleaseFacts } from '../consent/domain.js';
import {
  mayDo,
  mentionsClient,
  parseParticipants,
  personalDataFindings,
  planFindings,
  releaseStatus,
  type ConferencePlan,
  type ConferenceStatus,
} from './domain.js';

describe('participants', () => {
  it('reads each kind with its own fields and refuses fields of another kind', () => {
    const { participants, findings } = parseParticipants([
      { kind: 'internal', userId: 'u1' },
      { kind: 'partner_contact', contactId: 'c1', role: 'Schulsozialarbeit' },
      { kind: 'family', name: '  Schwägerin Amal ', role: 'Schwägerin' },
      { kind: 'client' },
    ]);
    expect(findings).toEqual([]);
    expect(participants).toEqual([
      { kind: 'internal', userId: 'u1', role: null },
      { kind: 'partner_contact', contactId: 'c1', role: 'Schulsozialarbeit' },
      { kind: 'family', name: 'Schwägerin Amal', role: 'Schwägerin' },
      { kind: 'client', role: null },
    ]);
  });

  it.each([
    [{ kind: 'internal' as const }, '/participants/0/userId', 'required'],
    [{ kind: 'partner_contact' as const, name: 'Frau K.' }, '/participants/0/contactId', 'required'],
    [{ kind: 'family' as const, name: '   ' }, '/participants/0/name', 'required'],
    [
      { kind: 'other' as const, name: 'Dolmetscherin', userId: 'u1' },
      '/participants/0/userId',
      'not-allowed',
    ],
    [{ kind: 'client' as const, name: 'Samira' }, '/participants/0/name', 'not-allowed'],
  ])('%o → %s %s', (p, pointer, code) => {
    expect(parseParticipants([p]).findings).toContainEqual({ pointer, code });
  });
});

describe('plan of a conference', () => {
  const plan = (over: Partial<ConferencePlan> = {}): ConferencePlan => ({
    kind: 'case',
    anonymous: false,
    categories: ['master_data'],
    participants: [{ kind: 'internal', userId: 'u1', role: null }],
    ...over,
  });
  it.each([
    ['a case conference with data categories', plan(), []],
    [
      'the client at a helpers conference',
      plan({ kind: 'helpers', participants: [{ kind: 'client', role: null }] }),
      [{ pointer: '/participants/0', code: 'not-allowed' }],
    ],
    [
      'a development conference without the client',
      plan({ kind: 'development' }),
      [{ pointer: '/participants', code: 'client-required' }],
    ],
    [
      'a development conference with the client',
      plan({ kind: 'development', participants: [{ kind: 'client', role: null }] }),
      [],
    ],
    [
      'the same colleague twice',
      plan({
        participants: [
          { kind: 'internal', userId: 'u1', role: null },
          { kind: 'internal', userId: 'u1', role: 'Protokoll' },
        ],
      }),
      [{ pointer: '/participants/1', code: 'uniqueItems' }],
    ],
    [
      'an anonymous conference naming data categories',
      plan({ anonymous: true }),
      [{ pointer: '/categories', code: 'not-allowed' }],
    ],
    ['an anonymous conference without categories', plan({ anonymous: true, categories: [] }), []],
    [
      'personal data without saying which',
      plan({ categories: [] }),
      [{ pointer: '/categories', code: 'required' }],
    ],
  ])('%s', (_why, p, findings) => {
    expect(planFindings(p)).toEqual(findings);
  });
});

describe('status flow', () => {
  it.each([
    ['edit', 'planned', true, true],
    ['edit', 'invited', true, true],
    ['edit', 'held', true, false],
    ['edit', 'cancelled', true, false],
    ['invite', 'planned', true, true],
    ['invite', 'invited', true, false],
    ['minutes', 'planned', true, false],
    ['minutes', 'planned', false, true],
    ['minutes', 'invited', true, true],
    ['minutes', 'held', true, true],
    ['minutes', 'cancelled', false, false],
    ['cancel', 'invited', true, true],
    ['cancel', 'held', true, false],
  ] as const)('%s when %s (external: %s) → %s', (action, status, external, allowed) => {
    expect(mayDo(action, status as ConferenceStatus, external)).toBe(allowed);
  });
});

describe('release status of a participant', () => {
  const release = (over: Partial<ReleaseFacts> = {}): ReleaseFacts => ({
    id: 'r1',
    kind: 'release',
    givenOn: '2026-01-01',
    validUntil: '2026-12-31',
    revokedOn: null,
    recipientKey: recipientKey('Jugendamt Musterstadt'),
    purpose: 'case_conference',
    categories: ['master_data', 'plan'],
    ...over,
  });
  const contact = {
    kind: 'partner_contact' as const,
    candidates: [
      { kind: 'person' as const, name: 'Petra Keller' },
      { kind: 'organisation' as const, name: 'Jugendamt Musterstadt' },
    ],
  };
  const conference = { anonymous: false, categories: ['master_data', 'plan'] as const };
  const days = ['2026-06-01'];

  it('is covered by a release naming the organisation of the contact', () => {
    expect(releaseStatus(contact, conference, [release()], days)).toEqual({
      required: true,
      covered: true,
      releaseId: 'r1',
      recipient: { kind: 'organisation', name: 'Jugendamt Musterstadt' },
      missingCategories: [],
    });
  });

  it('is covered by a release naming the contact person', () => {
    const forPerson = release({ id: 'r2', recipientKey: recipientKey('petra  keller') });
    expect(releaseStatus(contact, conference, [forPerson], days)).toMatchObject({
      covered: true,
      releaseId: 'r2',
      recipient: { kind: 'person', name: 'Petra Keller' },
    });
  });

  it.each([
    ['no release', [], { reason: 'no-release', missingCategories: ['master_data', 'plan'] }],
    ['another purpose', [release({ purpose: 'referral' })], { reason: 'purpose' }],
    [
      'too few categories',
      [release({ categories: ['master_data'] })],
      { reason: 'categories', missingCategories: ['plan'] },
    ],
    ['revoked', [release({ revokedOn: '2026-05-01' })], { reason: 'revoked' }],
  ])('is refused with %s', (_why, releases, expected) => {
    expect(releaseStatus(contact, conference, releases, days)).toMatchObject({
      required: true,
      covered: false,
      ...expected,
    });
  });

  it('must still be valid on the day of the conference', () => {
    const ending = release({ validUntil: '2026-06-10' });
    expect(releaseStatus(contact, conference, [ending], ['2026-06-01', '2026-06-20'])).toMatchObject({
      covered: false,
      reason: 'expired',
    });
  });

  it('needs none for colleagues, the client and anyone at an anonymous conference', () => {
    expect(releaseStatus({ kind: 'internal', candidates: [] }, conference, [], days)).toMatchObject({
      required: false,
      covered: true,
    });
    expect(releaseStatus({ kind: 'client', candidates: [] }, conference, [], days).required).toBe(false);
    expect(releaseStatus(contact, { anonymous: true, categories: [] }, [], days)).toMatchObject({
      required: false,
      covered: true,
    });
  });
});

describe('anonymous texts', () => {
  const samira = { familyName: 'Al-Hassan', givenNames: 'Samira Noor', birthDate: '1994-03-07' };
  it.each([
    ['Fehlender Kitaplatz im Stadtteil Nord', false],
    ['Samira braucht einen Kitaplatz', true],
    ['Frau AL HASSAN braucht einen Kitaplatz', true],
    ['Familie Hassan wartet auf eine Wohnung', true],
    ['Noor besucht den Sprachkurs', true],
    ['Wartezeit beim Amt für alle Familien', false],
    ['Geboren am 07.03.1994', true],
    ['geb. 7.3.94', true],
    ['Termin am 1994-03-07', true],
    ['Termin am 07.03.2024', false],
    ['Samirah (anderer Name)', false],
    ['Kita Sämira', true],
  ])('%s → %s', (text, found) => {
    expect(mentionsClient(text, samira)).toBe(found);
  });

  it('names the fields that mention the client', () => {
    expect(
      personalDataFindings(
        [
          { pointer: '/minutes', text: 'Samira war da' },
          { pointer: '/themes/0/text', text: 'Kitaplätze fehlen' },
          { pointer: '/themes/1/text', text: null },
        ],
        samira,
      ),
    ).toEqual([{ pointer: '/minutes', code: 'contains-personal-data' }]);
  });
});
