import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  as,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  type TestApp,
} from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

export const client = (extra: Record<string, unknown> = {}) => ({
  familyName: 'Müller',
  givenNames: 'Anna',
  birthDate: '2008-03-14',
  gender: 'female',
  nationalities: ['DE', 'SY'],
  countryOfOrigin: 'SY',
  languages: [
    { code: 'ar', level: 'native' },
    { code: 'de', level: 'b1' },
  ],
  interpreterNeeded: false,
  residenceStatus: 'residence_permit',
  residenceValidUntil: '2027-06-30',
  legalDomain: 'sgb2',
  arrivalDate: '2016-09-01',
  street: 'Lindenweg 3',
  postalCode: '12345',
  city: 'Musterstadt',
  phone: '0151 000000',
  email: 'anna@example.org',
  relatedPersons: [{ relation: 'parent', name: 'Fatima Müller', isGuardian: true, phone: '0151 111111' }],
  // consent to data processing, given at the first meeting (oral, with a witness)
  consent: {
    givenBy: 'client',
    form: 'oral',
    witness: 'Kollegin Weber',
    givenOn: '2026-01-05',
    language: 'de',
  },
  ...extra,
});

describe('clients', () => {
  it('without consent stores only minimal master data and names every other field', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const full = await cm.post('/api/clients', client({ consent: null }));
    expect(full.statusCode).toBe(409);
    const p = problem(full);
    expect(p.code).toBe('consent-required');
    expect(p.errors?.map((e) => e.pointer)).toEqual(
      expect.arrayContaining(['/nationalities', '/residenceStatus', '/street', '/relatedPersons']),
    );
    expect(p.errors?.map((e) => e.pointer)).not.toContain('/familyName');
    const minimal = await cm.post('/api/clients', {
      familyName: 'Petrenko',
      givenNames: 'Dmytro',
      birthYear: 2005,
      gender: 'male',
      phone: '0151 222',
    });
    expect(minimal.statusCode).toBe(201);
    expect(minimal.json().processing).toMatchObject({
      allowed: false,
      missing: ['data_processing', 'case_management'],
    });
    const more = await cm.put(`/api/clients/${minimal.json().id}`, {
      familyName: 'Petrenko',
      givenNames: 'Dmytro',
      birthYear: 2005,
      gender: 'male',
      street: 'Hauptstraße 1',
      version: 1,
    });
    expect(more.statusCode).toBe(409);
    expect(problem(more).errors).toEqual([
      expect.objectContaining({ pointer: '/street', code: 'consent-required' }),
    ]);
  });

  it('requires the guardian’s consent for a client under 16 on the day of signing', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const young = client({
      birthDate: '2011-06-01',
      consent: {
        givenBy: 'client',
        form: 'oral',
        witness: 'Kollegin',
        givenOn: '2026-11-01',
        language: 'de',
      },
    });
    const refused = await cm.post('/api/clients', young);
    expect(problem(refused).errors).toContainEqual(
      expect.objectContaining({ pointer: '/consent/givenBy', code: 'guardian-required' }),
    );
    expect((await cm.get('/api/clients')).json().total).toBe(0);
    const byGuardian = await cm.post('/api/clients', {
      ...young,
      consent: {
        givenBy: 'guardian',
        guardianIndex: 0,
        form: 'oral',
        witness: 'Kollegin',
        givenOn: '2026-11-01',
        language: 'ar',
      },
    });
    expect(byGuardian.statusCode, byGuardian.body).toBe(201);
    expect(byGuardian.json().processing.allowed).toBe(true);
  });

  it('a case manager registers a client with full master data and reads it back', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const res = await cm.post(
      '/api/clients',
      client({ familyName: 'Al-Hassan', givenNames: 'سمیرا Samira' }),
    );
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      familyName: 'Al-Hassan',
      givenNames: 'سمیرا Samira',
      birthYear: 2008,
      nationalities: ['DE', 'SY'],
      languages: [
        { code: 'ar', level: 'native' },
        { code: 'de', level: 'b1' },
      ],
      residenceStatus: 'residence_permit',
      legalDomain: 'sgb2',
      cases: [],
      version: 1,
    });
    expect(created.relatedPersons).toEqual([
      expect.objectContaining({ relation: 'parent', name: 'Fatima Müller', isGuardian: true }),
    ]);
    const read = await cm.get(`/api/clients/${created.id}`);
    expect(read.json().givenNames).toBe('سمیرا Samira');
  });

  it('finds "Müller" as Mueller and muller, ignoring case and diacritics', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    await cm.post('/api/clients', client({ familyName: 'Müller', givenNames: 'Anna' }));
    await cm.post(
      '/api/clients',
      client({ familyName: 'Schmidt', givenNames: 'Jonas', birthDate: '2001-01-01' }),
    );
    for (const q of ['Mueller', 'muller', 'MÜLLER', 'müll', 'anna']) {
      const found = (await cm.post('/api/clients/search', { q })).json();
      expect(
        found.items.map((c: { familyName: string }) => c.familyName),
        q,
      ).toEqual(['Müller']);
    }
    // never in a URL
    const inUrl = await cm.get('/api/clients?q=Mueller');
    expect(inUrl.statusCode).toBe(400);
    expect(problem(inUrl).errors).toEqual([expect.objectContaining({ parameter: 'q' })]);
  });

  it('warns of a possible duplicate before a second record is created; the user decides', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const first = (await cm.post('/api/clients', client())).json();
    const again = await cm.post('/api/clients', client({ familyName: 'Mueller', relatedPersons: [] }));
    expect(again.statusCode).toBe(409);
    const p = problem(again) as ReturnType<typeof problem> & {
      duplicates: { id: string | null; responsible: string[] }[];
    };
    expect(p.code).toBe('possible-duplicate');
    expect(p.duplicates).toEqual([expect.objectContaining({ id: first.id })]);
    expect((await cm.get('/api/clients')).json().total).toBe(1);
    const confirmed = await cm.post('/api/clients', {
      ...client({ familyName: 'Mueller' }),
      confirmNotDuplicate: true,
    });
    expect(confirmed.statusCode).toBe(201);
    expect((await cm.get('/api/clients')).json().total).toBe(2);
  });

  it('shows a colleague’s duplicate without revealing the record, only whom to ask', async () => {
    const org = await createOrganisation(t.deps);
    const other = await addUser(t.deps, org, ['case_manager']);
    const mine = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const theirs = as(t.app, await signIn(t.app, other.username));
    const record = (await theirs.post('/api/clients', client())).json();
    const res = await mine.post('/api/clients', client());
    const dup = (problem(res) as unknown as { duplicates: { id: string | null; responsible: string[] }[] })
      .duplicates;
    expect(dup).toEqual([
      {
        id: null,
        registeredOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        responsible: [`${other.username} Test`],
      },
    ]);
    expect((await mine.get(`/api/clients/${record.id}`)).statusCode).toBe(404);
  });

  it('rejects bad master data naming the field and stores nothing', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ birthDate: '2008-02-30' }, '/birthDate', 'format'],
      [{ birthDate: null, birthYear: null }, '/birthDate', 'birth-needed'],
      [{ birthDate: '2099-01-01' }, '/birthDate', 'in-future'],
      [{ gender: 'unknown' }, '/gender', 'enum'],
      [{ residenceStatus: 'tourist' }, '/residenceStatus', 'anyOf'],
      [{ nationalities: ['Syria'] }, '/nationalities/0', 'pattern'],
      [{ languages: [{ code: 'ar', level: 'fluent' }] }, '/languages/0/level', 'enum'],
      [{ postalCode: '1234' }, '/postalCode', 'anyOf'],
      [{ districtId: '00000000-0000-7000-8000-000000000000' }, '/districtId', 'not-in-list'],
      [{ familyName: 'x'.repeat(201) }, '/familyName', 'maxLength'],
      [{ shoeSize: 42 }, '/shoeSize', 'additionalProperties'],
    ];
    for (const [override, pointer, code] of cases) {
      const res = await cm.post('/api/clients', client(override));
      expect(res.statusCode, JSON.stringify(override)).toBe(400);
      expect(problem(res).errors, JSON.stringify(override)).toContainEqual(
        expect.objectContaining({ pointer, code }),
      );
    }
    expect((await cm.get('/api/clients')).json().total).toBe(0);
  });

  it('updates master data with optimistic concurrency and keeps related persons in order', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = (await cm.post('/api/clients', client())).json();
    const { consent: _consent, ...data } = client({ city: 'Neustadt' });
    const body = {
      ...data,
      relatedPersons: [
        { relation: 'guardian', name: 'Amt für Vormundschaften', isGuardian: true },
        { relation: 'sibling', name: 'Omar', isGuardian: false },
      ],
      version: c.version,
    };
    const updated = (await cm.put(`/api/clients/${c.id}`, body)).json();
    expect(updated).toMatchObject({ city: 'Neustadt', version: 2 });
    expect(updated.relatedPersons.map((p: { name: string }) => p.name)).toEqual([
      'Amt für Vormundschaften',
      'Omar',
    ]);
    const stale = await cm.put(`/api/clients/${c.id}`, { ...body, city: 'Altstadt' });
    expect(stale.statusCode).toBe(409);
    expect(problem(stale).current).toMatchObject({ city: 'Neustadt' });
  });

  it('is closed to roles without case work and to other organisations', async () => {
    const org = await createOrganisation(t.deps);
    const other = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = (await cm.post('/api/clients', client())).json();
    for (const role of ['org_admin', 'planner', 'dpo'] as const) {
      const s = as(t.app, await signIn(t.app, org.users[role].username));
      expect((await s.get(`/api/clients/${c.id}`)).statusCode, role).toBe(404);
      expect((await s.post('/api/clients', client())).statusCode, role).toBe(403);
    }
    const foreign = as(t.app, await signIn(t.app, other.users.case_manager.username));
    expect((await foreign.get(`/api/clients/${c.id}`)).statusCode).toBe(404);
  });
});
