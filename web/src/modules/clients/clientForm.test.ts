import { describe, expect, it } from 'vitest';
import type { ClientView } from '../../api/types';
import {
  checkClientValues,
  checkConsentValues,
  consentPayload,
  emptyConsentValues,
  fieldsNeedingConsent,
  guardianMustConsent,
  remapGuardianIndex,
  clientPayload,
  clientValuesOf,
  emptyClientValues,
  emptyRelatedPerson,
  withoutBlankRows,
  type ClientFormValues,
} from './clientForm';

const filled = (changes: Partial<ClientFormValues>): ClientFormValues => ({
  ...emptyClientValues(),
  familyName: ' Haddad ',
  givenNames: 'Rania',
  birthDate: '2005-04-01',
  gender: 'female',
  ...changes,
});

const codes = (values: ClientFormValues) =>
  checkClientValues(values, 2026).map((p) => `${p.pointer}:${p.code}`);

describe('clientPayload', () => {
  it('trims names and sends empty fields as null', () => {
    const payload = clientPayload(filled({ street: '  ', city: ' Ulm ' }));
    expect(payload).toMatchObject({
      familyName: 'Haddad',
      givenNames: 'Rania',
      birthDate: '2005-04-01',
      birthYear: null,
      gender: 'female',
      street: null,
      city: 'Ulm',
      residenceStatus: null,
      legalDomain: null,
      districtId: null,
      email: null,
      nationalities: [],
      languages: [],
      relatedPersons: [],
    });
  });

  it('sends either the birth date or only the year', () => {
    const yearOnly = clientPayload(
      filled({ birthYearOnly: true, birthYear: '2004', birthDate: '2005-04-01' }),
    );
    expect(yearOnly.birthDate).toBeNull();
    expect(yearOnly.birthYear).toBe(2004);
    const date = clientPayload(filled({ birthYear: '2004' }));
    expect(date.birthDate).toBe('2005-04-01');
    expect(date.birthYear).toBeNull();
  });

  it('drops the validity date when no residence status is chosen', () => {
    expect(clientPayload(filled({ residenceValidUntil: '2027-01-01' })).residenceValidUntil).toBeNull();
    expect(
      clientPayload(filled({ residenceStatus: 'toleration', residenceValidUntil: '2027-01-01' }))
        .residenceValidUntil,
    ).toBe('2027-01-01');
  });

  it('sends each nationality once and related persons with their contact data', () => {
    const payload = clientPayload(
      filled({
        nationalities: ['SY', '', 'SY', 'TR'],
        relatedPersons: [
          {
            relation: 'parent',
            name: ' Samir Haddad ',
            isGuardian: true,
            phone: '0731 1',
            email: '',
            note: '',
          },
        ],
      }),
    );
    expect(payload.nationalities).toEqual(['SY', 'TR']);
    expect(payload.relatedPersons).toEqual([
      {
        relation: 'parent',
        name: 'Samir Haddad',
        isGuardian: true,
        phone: '0731 1',
        email: null,
        note: null,
      },
    ]);
  });

  it('round-trips a stored client', () => {
    const client: ClientView = {
      id: 'c1',
      familyName: 'Haddad',
      givenNames: 'Rania',
      birthDate: null,
      birthYear: 2004,
      gender: 'diverse',
      nationalities: ['SY'],
      countryOfOrigin: 'SY',
      languages: [{ code: 'ar', level: 'native' }],
      interpreterNeeded: true,
      residenceStatus: 'permission_to_reside',
      residenceValidUntil: '2027-05-01',
      legalDomain: 'asylblg',
      arrivalDate: '2023-09-15',
      street: 'Hauptstr. 1',
      postalCode: '89073',
      city: 'Ulm',
      district: { id: 'd1', name: 'Weststadt' },
      phone: null,
      email: 'r@example.org',
      relatedPersons: [],
      cases: [],
      healthNotes: 'Asthma',
      healthNotesHidden: false,
      processing: {
        allowed: true,
        consent: true,
        legalBasis: null,
        caseManagementConsent: false,
        missing: ['case_management'],
      },
      anonymised: false,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      version: 3,
    };
    const values = clientValuesOf(client);
    expect(values.birthYearOnly).toBe(true);
    expect(values.districtId).toBe('d1');
    const payload = clientPayload(values);
    expect(payload).toMatchObject({
      birthDate: null,
      birthYear: 2004,
      languages: [{ code: 'ar', level: 'native' }],
      residenceValidUntil: '2027-05-01',
      districtId: 'd1',
      email: 'r@example.org',
    });
  });
});

describe('checkClientValues', () => {
  it('accepts the minimum: names, birth date, gender', () => {
    expect(codes(filled({}))).toEqual([]);
  });

  it('asks for names, birth and gender', () => {
    expect(codes(emptyClientValues())).toEqual([
      '/familyName:required',
      '/givenNames:required',
      '/birthDate:birth-needed',
      '/gender:required',
    ]);
  });

  it('checks a birth year given alone', () => {
    expect(codes(filled({ birthYearOnly: true, birthYear: '' }))).toEqual(['/birthYear:birth-needed']);
    expect(codes(filled({ birthYearOnly: true, birthYear: '1850' }))).toEqual(['/birthYear:year']);
    expect(codes(filled({ birthYearOnly: true, birthYear: '2030' }))).toEqual(['/birthYear:year']);
    expect(codes(filled({ birthYearOnly: true, birthYear: '2004' }))).toEqual([]);
  });

  it('checks started rows and ignores empty ones', () => {
    const values = filled({
      languages: [
        { code: 'ar', level: '' },
        { code: '', level: '' },
      ],
      relatedPersons: [emptyRelatedPerson(), { ...emptyRelatedPerson(), name: 'Samir' }],
    });
    expect(codes(values)).toEqual(['/languages/0/level:required', '/relatedPersons/1/relation:required']);
    const cleaned = withoutBlankRows(values);
    expect(cleaned.languages).toHaveLength(1);
    expect(cleaned.relatedPersons).toHaveLength(1);
    expect(codes(cleaned)).toEqual(['/languages/0/level:required', '/relatedPersons/0/relation:required']);
  });
});

describe('consent at registration', () => {
  const day = '2026-03-10';
  const guardian = {
    ...emptyRelatedPerson(),
    relation: 'parent' as const,
    name: 'Samir Haddad',
    isGuardian: true,
  };
  const consentCodes = (consent: Parameters<typeof checkConsentValues>[0], values: ClientFormValues) =>
    checkConsentValues(consent, values, day).map((p) => `${p.pointer}:${p.code}`);

  it('knows when the guardians must consent (under 16; with the year only, a difference of 16 counts)', () => {
    expect(guardianMustConsent(filled({ birthDate: '2010-03-11' }), day)).toBe(true);
    expect(guardianMustConsent(filled({ birthDate: '2010-03-10' }), day)).toBe(false);
    expect(guardianMustConsent(filled({ birthYearOnly: true, birthYear: '2010' }), day)).toBe(true);
    expect(guardianMustConsent(filled({ birthYearOnly: true, birthYear: '2009' }), day)).toBe(false);
  });

  it('asks whether the person consented, and for form, witness and guardian', () => {
    expect(consentCodes(emptyConsentValues(day), filled({}))).toEqual(['/consent/given:required']);
    expect(consentCodes({ ...emptyConsentValues(day), given: 'no' }, filled({}))).toEqual([]);
    const yes = { ...emptyConsentValues(day), given: 'yes' as const };
    expect(consentCodes(yes, filled({}))).toEqual(['/consent/form:required']);
    expect(consentCodes({ ...yes, form: 'oral' }, filled({}))).toEqual(['/consent/witness:required']);
    expect(consentCodes({ ...yes, form: 'written' }, filled({ birthDate: '2012-01-01' }))).toEqual([
      '/consent/givenBy:guardian-required',
    ]);
    expect(
      consentCodes(
        { ...yes, form: 'written', givenBy: 'guardian', guardianIndex: '' },
        filled({ relatedPersons: [guardian] }),
      ),
    ).toEqual(['/consent/guardianIndex:guardian-required']);
    expect(consentCodes({ ...yes, form: 'written', givenOn: '2026-03-11' }, filled({}))).toEqual([
      '/consent/givenOn:in-future',
    ]);
  });

  it('sends the consent with the guardian counted among the related persons that are sent', () => {
    const values = filled({ relatedPersons: [emptyRelatedPerson(), guardian] });
    const consent = {
      ...emptyConsentValues(day),
      given: 'yes' as const,
      form: 'written' as const,
      givenBy: 'guardian' as const,
      guardianIndex: '1',
      witness: 'ignored',
    };
    expect(consentPayload(consent, values)).toEqual({
      givenBy: 'guardian',
      guardianIndex: 0,
      form: 'written',
      witness: null,
      givenOn: day,
      validUntil: null,
      language: 'de',
    });
    expect(remapGuardianIndex(consent, values).guardianIndex).toBe('0');
    expect(consentPayload({ ...consent, given: 'no' }, values)).toBeNull();
  });

  it('names the fields that need a consent: everything beyond name, birth, gender, phone and email', () => {
    const payload = clientPayload(
      filled({
        phone: '0731 1',
        email: 'r@example.org',
        city: 'Ulm',
        nationalities: ['SY'],
        healthNotes: 'x',
      }),
    );
    expect(fieldsNeedingConsent(payload)).toEqual(['/nationalities', '/city', '/healthNotes']);
    expect(fieldsNeedingConsent(clientPayload(filled({ interpreterNeeded: false })))).toEqual([]);
  });
});
