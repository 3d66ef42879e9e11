import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import {
  as,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  type TestApp,
  type TestOrganisation,
} from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const today = () => localDate(new Date());
const day = (n: number) => addDays(today(), n);

type Api = ReturnType<typeof as>;

async function setup() {
  const org = await createOrganisation(t.deps);
  const login = async (role: keyof TestOrganisation['users']) =>
    as(t.app, await signIn(t.app, org.users[role].username));
  return {
    org,
    cm: await login('case_manager'),
    lead: await login('team_lead'),
    admin: await login('org_admin'),
    planner: await login('planner'),
    dpo: await login('dpo'),
    inst: await login('installation_admin'),
  };
}

const jmdOffer = {
  title: 'Integrationskurs mit Kinderbetreuung',
  description: 'Allgemeiner Integrationskurs, Kinderbetreuung im Haus',
  field: 'language',
  targetGroups: ['adults', 'parents', 'newly_arrived'],
  ageMin: 18,
  ageMax: 65,
  languages: ['de', 'ar'],
  district: 'Weststadt',
  costBearer: 'BAMF',
  capacity: 20,
  freePlaces: 3,
  waitingDays: 28,
  validFrom: day(-30),
  validTo: day(300),
};

async function createPartner(api: Api, body: Record<string, unknown>) {
  const res = await api.post('/api/partners', { type: 'other', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number; contacts: { id: string }[] }>();
}

async function addOffer(api: Api, partnerId: string, body: Record<string, unknown> = {}) {
  const res = await api.post(`/api/partners/${partnerId}/offers`, { ...jmdOffer, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number }>();
}

const names = (res: { json: () => { items: { name: string }[] } }) => res.json().items.map((i) => i.name);

describe('partner directory', () => {
  it('creates a partner with contacts and offers and reads it back', async () => {
    const { cm } = await setup();
    const partner = await createPartner(cm, {
      name: 'Sprachschule Brücke',
      type: 'language_course_provider',
      street: 'Hauptstraße 5',
      postalCode: '89073',
      city: 'Ulm',
      district: 'Weststadt',
      phone: '0731 12345',
      email: 'info@bruecke.example',
      website: 'https://bruecke.example',
      notes: 'Kurse auch abends',
      contacts: [
        { name: 'Frau Yilmaz', role: 'Kursleitung', phone: '0731 12346', email: 'yilmaz@bruecke.example' },
        { name: 'Herr Braun', role: 'Verwaltung' },
      ],
    });
    const offer = await addOffer(cm, partner.id);
    const res = await cm.get(`/api/partners/${partner.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Sprachschule Brücke',
      type: 'language_course_provider',
      shared: false,
      archived: false,
      contacts: [
        { name: 'Frau Yilmaz', role: 'Kursleitung' },
        { name: 'Herr Braun', email: null },
      ],
      offers: [
        {
          id: offer.id,
          title: jmdOffer.title,
          targetGroups: jmdOffer.targetGroups,
          languages: ['de', 'ar'],
          capacity: 20,
          freePlaces: 3,
          waitingDays: 28,
          validToday: true,
        },
      ],
      permissions: { edit: true, archive: false },
      version: 1,
    });
    const log = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', 'in', [partner.id, offer.id])
      .orderBy('seq')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['partner.create', 'offer.create']);
    // Ids and codes only: no names, no contact data in the audit log.
    expect(log.map((l) => l.details).join()).not.toMatch(/Brücke|Yilmaz|0731/);
  });

  it('searches with every filter narrowing, and pages on the server', async () => {
    const { cm } = await setup();
    const a = await createPartner(cm, { name: 'Alpha Sprachschule', type: 'language_course_provider' });
    await addOffer(cm, a.id, { district: 'Weststadt', languages: ['ar'], targetGroups: ['adults'] });
    const b = await createPartner(cm, {
      name: 'Beta Beratung',
      type: 'migration_counselling',
      district: 'Oststadt',
    });
    await addOffer(cm, b.id, {
      title: 'Asylverfahrensberatung',
      district: null,
      languages: ['uk', 'ru'],
      targetGroups: ['refugees'],
      freePlaces: 0,
    });
    const c = await createPartner(cm, { name: 'Gamma Kita', type: 'kita', district: 'Weststadt' });
    await addOffer(cm, c.id, {
      title: 'Krippenplatz',
      district: 'Weststadt',
      languages: ['de'],
      targetGroups: ['children'],
      validTo: day(-1),
      validFrom: day(-100),
    });

    const list = async (query: string) => {
      const res = await cm.get(`/api/partners?scope=own&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return names(res);
    };
    expect(await list('')).toEqual(['Alpha Sprachschule', 'Beta Beratung', 'Gamma Kita']);
    expect(await list('q=beta')).toEqual(['Beta Beratung']);
    expect(await list('q=krippen')).toEqual(['Gamma Kita']); // an offer's title
    expect(await list('type=kita')).toEqual(['Gamma Kita']);
    expect(await list('district=Weststadt')).toEqual(['Alpha Sprachschule', 'Gamma Kita']);
    expect(await list('district=Oststadt')).toEqual(['Beta Beratung']);
    expect(await list('language=uk')).toEqual(['Beta Beratung']);
    expect(await list('targetGroup=children')).toEqual(['Gamma Kita']);
    // Beta has no free place, Gamma's offer ended yesterday.
    expect(await list('freePlaces=true')).toEqual(['Alpha Sprachschule']);
    expect(await list('language=ar&targetGroup=refugees')).toEqual([]);

    const first = (await cm.get('/api/partners?scope=own&pageSize=2')).json();
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((i: { name: string }) => i.name)).toEqual(['Alpha Sprachschule', 'Beta Beratung']);
    const second = (await cm.get('/api/partners?scope=own&pageSize=2&page=2')).json();
    expect(second.items.map((i: { name: string }) => i.name)).toEqual(['Gamma Kita']);

    const counts = (await cm.get('/api/partners?scope=own')).json().items;
    expect(counts).toEqual([
      expect.objectContaining({ name: 'Alpha Sprachschule', offers: 1, freePlaces: 3 }),
      expect.objectContaining({ name: 'Beta Beratung', offers: 1, freePlaces: 0 }),
      // The offer ended: it still counts as an offer, its places are not free today.
      expect.objectContaining({ name: 'Gamma Kita', offers: 1, freePlaces: 0 }),
    ]);
  });

  it('searches offers for the referral dialog, each filter narrowing', async () => {
    const { cm, lead } = await setup();
    const a = await createPartner(cm, { name: 'Alpha Sprachschule', type: 'language_course_provider' });
    await addOffer(cm, a.id, {
      title: 'Deutschkurs A1',
      field: 'language',
      languages: ['ar', 'de'],
      ageMin: 18,
    });
    const b = await createPartner(cm, {
      name: 'Beta Jugendhilfe',
      type: 'youth_welfare_office',
      district: 'Nord',
    });
    await addOffer(cm, b.id, {
      title: 'Jugendberatung',
      description: 'Offene Sprechstunde',
      field: 'participation',
      district: null,
      languages: ['de', 'uk'],
      targetGroups: ['young_people'],
      ageMin: 12,
      ageMax: 17,
      freePlaces: 0,
    });
    await addOffer(cm, b.id, { title: 'Später', validFrom: day(10), validTo: null });
    const archived = await addOffer(cm, b.id, { title: 'Abgelaufen archiviert' });
    expect((await lead.delete(`/api/offers/${archived.id}`)).json()).toMatchObject({ outcome: 'deleted' });

    const search = async (query: string) => {
      const res = await cm.get(`/api/offers?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{
        items: { title: string; partner: { name: string; type: string } }[];
        total: number;
      }>();
    };
    const all = await search('');
    expect(all.items.map((i) => i.title)).toEqual(['Deutschkurs A1', 'Jugendberatung']);
    expect(all.items[0]?.partner).toMatchObject({
      id: a.id,
      name: 'Alpha Sprachschule',
      type: 'language_course_provider',
    });
    const titles = async (q: string) => (await search(q)).items.map((i) => i.title);
    expect(await titles('q=sprechstunde')).toEqual(['Jugendberatung']); // description
    expect(await titles('q=alpha')).toEqual(['Deutschkurs A1']); // partner name
    expect(await titles('field=participation')).toEqual(['Jugendberatung']);
    expect(await titles('type=language_course_provider')).toEqual(['Deutschkurs A1']);
    expect(await titles('district=Nord')).toEqual(['Jugendberatung']); // the partner's district
    expect(await titles('district=Weststadt')).toEqual(['Deutschkurs A1']);
    expect(await titles('language=uk')).toEqual(['Jugendberatung']);
    expect(await titles('targetGroup=young_people')).toEqual(['Jugendberatung']);
    expect(await titles('age=15')).toEqual(['Jugendberatung']);
    expect(await titles('age=30')).toEqual(['Deutschkurs A1']);
    expect(await titles('freePlaces=true')).toEqual(['Deutschkurs A1']);
    expect(await titles(`validOn=${day(20)}`)).toEqual(['Deutschkurs A1', 'Jugendberatung', 'Später']);
    expect((await search('pageSize=1&page=2')).items.map((i) => i.title)).toEqual(['Jugendberatung']);
    expect((await search('pageSize=1')).total).toBe(2);
  });

  it('keeps organisations apart and lets everyone read the shared directory, only the installation admin change it', async () => {
    const one = await setup();
    const two = await setup();
    const own = await createPartner(one.cm, { name: 'Eigener Partner', type: 'school' });
    const ownOffer = await addOffer(one.cm, own.id);
    expect((await two.cm.get(`/api/partners/${own.id}`)).statusCode).toBe(404);
    expect((await two.cm.put(`/api/offers/${ownOffer.id}`, { ...jmdOffer, version: 1 })).statusCode).toBe(
      404,
    );
    expect(names(await two.cm.get('/api/partners'))).not.toContain('Eigener Partner');
    expect((await two.cm.get('/api/offers?q=Eigener')).json().total).toBe(0);

    // A case manager cannot publish into the shared directory.
    const refused = await one.cm.post('/api/partners', {
      name: 'Jobcenter Ulm',
      type: 'jobcenter',
      scope: 'shared',
    });
    expect(refused.statusCode).toBe(403);
    const shared = await createPartner(one.inst, {
      name: 'Jobcenter Ulm',
      type: 'jobcenter',
      scope: 'shared',
    });
    const sharedOffer = await addOffer(one.inst, shared.id, { title: 'Coaching U25' });

    const read = await two.cm.get(`/api/partners/${shared.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ shared: true, permissions: { edit: false, archive: false } });
    const sharedList = (await two.cm.get('/api/partners?scope=shared')).json().items;
    expect(sharedList).toContainEqual(expect.objectContaining({ id: shared.id, shared: true, offers: 1 }));
    expect(sharedList.every((i: { shared: boolean }) => i.shared)).toBe(true);
    expect(names(await two.cm.get('/api/partners?scope=own'))).toEqual([]);
    expect((await two.cm.get('/api/offers?q=Coaching')).json().items[0]).toMatchObject({
      id: sharedOffer.id,
      shared: true,
    });
    expect(
      (
        await two.cm.put(`/api/partners/${shared.id}`, {
          name: 'X',
          type: 'jobcenter',
          contacts: [],
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    expect((await two.admin.post(`/api/partners/${shared.id}/offers`, jmdOffer)).statusCode).toBe(403);
    expect((await two.cm.put(`/api/offers/${sharedOffer.id}`, { ...jmdOffer, version: 1 })).statusCode).toBe(
      403,
    );
    expect((await two.admin.delete(`/api/partners/${shared.id}?version=1`)).statusCode).toBe(403);
    // Another organisation's installation admin keeps the same shared directory.
    const edited = await two.inst.put(`/api/offers/${sharedOffer.id}`, {
      ...jmdOffer,
      title: 'Coaching U25',
      freePlaces: 1,
      version: 1,
    });
    expect(edited.statusCode, edited.body).toBe(200);
  });

  it('lets planners read, keeps the DPO out, and leaves archiving to team leads and org admins', async () => {
    const { cm, lead, planner, dpo } = await setup();
    const p = await createPartner(cm, { name: 'Tafel', type: 'volunteers' });
    expect((await planner.get(`/api/partners/${p.id}`)).statusCode).toBe(200);
    expect((await planner.get('/api/offers')).statusCode).toBe(200);
    expect((await planner.post('/api/partners', { name: 'X', type: 'other' })).statusCode).toBe(403);
    expect((await dpo.get('/api/partners')).statusCode).toBe(403);
    expect((await dpo.get('/api/offers')).statusCode).toBe(403);
    expect((await dpo.get(`/api/partners/${p.id}`)).statusCode).toBe(403);
    expect((await cm.delete(`/api/partners/${p.id}?version=1`)).statusCode).toBe(403);
    expect((await lead.delete(`/api/partners/${p.id}?version=1`)).json()).toMatchObject({
      outcome: 'deleted',
    });
    expect((await cm.get(`/api/partners/${p.id}`)).statusCode).toBe(404);
  });

  it('refuses inconsistent offers and unknown types, naming the field', async () => {
    const { cm } = await setup();
    const unknown = await cm.post('/api/partners', { name: 'X', type: 'custom_gibt_es_nicht' });
    expect(unknown.statusCode).toBe(400);
    expect(problem(unknown).errors).toEqual([
      expect.objectContaining({ pointer: '/type', code: 'not-in-list' }),
    ]);

    const p = await createPartner(cm, { name: 'Partner', type: 'health' });
    const bad = await cm.post(`/api/partners/${p.id}/offers`, {
      ...jmdOffer,
      ageMin: 30,
      ageMax: 20,
      capacity: 5,
      freePlaces: 6,
      validFrom: day(10),
      validTo: day(0),
      languages: ['de', 'xx', 'DE'],
    });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).errors?.map((e) => [e.pointer, e.code])).toEqual([
      ['/ageMax', 'age-range'],
      ['/freePlaces', 'exceeds-capacity'],
      ['/validTo', 'date-order'],
      ['/languages/1', 'language-code'],
      ['/languages/2', 'language-code'],
    ]);
    expect(problem(bad).errors?.[0]?.message).toBe('Das Mindestalter liegt über dem Höchstalter.');
    const schema = await cm.post(`/api/partners/${p.id}/offers`, { ...jmdOffer, targetGroups: ['aliens'] });
    expect(problem(schema).errors?.[0]?.pointer).toMatch(/^\/targetGroups/);
    const nothingStored = (await cm.get(`/api/partners/${p.id}`)).json();
    expect(nothingStored.offers).toEqual([]);
  });

  it('knows custom types of the organisation and of the shared directory', async () => {
    const one = await setup();
    const two = await setup();
    expect((await one.cm.post('/api/partner-types', { label: 'Tafel' })).statusCode).toBe(403);
    const own = await one.admin.post('/api/partner-types', { label: 'Tafel / Lebensmittel' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({
      key: 'custom_tafel_lebensmittel',
      scope: 'own',
      label: 'Tafel / Lebensmittel',
    });
    expect((await one.admin.post('/api/partner-types', { label: 'tafel lebensmittel' })).statusCode).toBe(
      409,
    );
    expect(
      (await one.admin.post('/api/partner-types', { label: 'Quartier', scope: 'shared' })).statusCode,
    ).toBe(403);
    const shared = await one.inst.post('/api/partner-types', {
      label: 'Quartiersmanagement',
      scope: 'shared',
    });
    expect(shared.statusCode, shared.body).toBe(201);

    const typesOfTwo = (await two.cm.get('/api/partner-types')).json().items as {
      key: string;
      scope: string;
    }[];
    expect(typesOfTwo.filter((x) => x.scope === 'shipped')).toHaveLength(17);
    expect(typesOfTwo.filter((x) => x.scope !== 'shipped').map((x) => x.key)).toEqual([
      'custom_quartiersmanagement',
    ]);

    await createPartner(one.cm, { name: 'Tafel Ulm', type: 'custom_tafel_lebensmittel' });
    await createPartner(two.cm, { name: 'QM Nord', type: 'custom_quartiersmanagement' });
    // Another organisation's own type is not in the list of the second.
    const foreign = await two.cm.post('/api/partners', { name: 'X', type: 'custom_tafel_lebensmittel' });
    expect(problem(foreign).errors?.[0]).toMatchObject({ pointer: '/type', code: 'not-in-list' });
    // Shared partners may only use shared types.
    const sharedWithOwnType = await one.inst.post('/api/partners', {
      name: 'X',
      type: 'custom_tafel_lebensmittel',
      scope: 'shared',
    });
    expect(sharedWithOwnType.statusCode).toBe(400);
    expect(names(await one.cm.get('/api/partners?type=custom_tafel_lebensmittel'))).toEqual(['Tafel Ulm']);

    // Archived: no longer offered for new partners, but partners keep it through edits.
    const tafel = (await one.cm.get('/api/partners?q=Tafel')).json().items[0];
    expect((await one.admin.delete(`/api/partner-types/${own.json().id}`)).statusCode).toBe(204);
    expect(
      (await one.cm.post('/api/partners', { name: 'Y', type: 'custom_tafel_lebensmittel' })).statusCode,
    ).toBe(400);
    const kept = await one.cm.put(`/api/partners/${tafel.id}`, {
      name: 'Tafel Ulm e. V.',
      type: 'custom_tafel_lebensmittel',
      contacts: [],
      version: tafel.version,
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await one.cm.get('/api/partner-types')).json().items).toContainEqual(
      expect.objectContaining({ key: 'custom_tafel_lebensmittel', archived: true }),
    );
    expect((await two.admin.delete(`/api/partner-types/${own.json().id}`)).statusCode).toBe(404);
  });

  it('saves the whole partner with its contacts, and answers a stale version with a conflict', async () => {
    const { cm, lead, org } = await setup();
    const p = await createPartner(cm, {
      name: 'Schule am Park',
      type: 'school',
      contacts: [{ name: 'Frau A', role: 'Schulsozialarbeit' }, { name: 'Herr B' }, { name: 'Frau C' }],
    });
    const [a, b, c] = p.contacts;
    // Herr B was invited to a conference: he stays archived, Frau C is removed.
    await insertConferenceParticipant(org, p.id, b?.id ?? '');
    const res = await cm.put(`/api/partners/${p.id}`, {
      name: 'Grundschule am Park',
      type: 'school',
      district: 'Mitte',
      contacts: [
        { id: a?.id, name: 'Frau A', role: 'Rektorin' },
        { name: 'Herr D', email: 'd@schule.example' },
      ],
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Grundschule am Park',
      district: 'Mitte',
      version: 2,
      contacts: [
        { id: a?.id, name: 'Frau A', role: 'Rektorin' },
        { name: 'Herr D', email: 'd@schule.example' },
      ],
    });
    const rows = await t.deps.db
      .selectFrom('partner_contacts')
      .select(['id', 'archived_at'])
      .where('id', 'in', [b?.id ?? '', c?.id ?? ''])
      .execute();
    expect(rows).toEqual([{ id: b?.id, archived_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }]);

    const stale = await cm.put(`/api/partners/${p.id}`, {
      name: 'Alt',
      type: 'school',
      contacts: [],
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(problem(stale)).toMatchObject({
      code: 'version-conflict',
      current: { name: 'Grundschule am Park', version: 2 },
    });

    const foreignContact = await cm.put(`/api/partners/${p.id}`, {
      name: 'X',
      type: 'school',
      contacts: [{ id: newId(), name: 'Fremd' }],
      version: 2,
    });
    expect(problem(foreignContact).errors?.[0]).toMatchObject({
      pointer: '/contacts/0/id',
      code: 'unknown-reference',
    });

    const offer = await addOffer(cm, p.id);
    const staleOffer = await cm.put(`/api/offers/${offer.id}`, { ...jmdOffer, freePlaces: 1, version: 1 });
    expect(staleOffer.statusCode).toBe(200);
    const again = await cm.put(`/api/offers/${offer.id}`, { ...jmdOffer, freePlaces: 2, version: 1 });
    expect(problem(again)).toMatchObject({
      code: 'version-conflict',
      current: { freePlaces: 1, version: 2 },
    });

    // The conference still names Herr B: the partner is archived, not deleted.
    const removed = await lead.delete(`/api/partners/${p.id}?version=2`);
    expect(removed.json()).toEqual({
      outcome: 'archived',
      references: { referrals: 0, agreements: 0, conferences: 1 },
    });
  });

  it('archives instead of deleting what a referral refers to, keeps its history, and restores it', async () => {
    const { cm, lead, org } = await setup();
    const p = await createPartner(cm, { name: 'Schuldnerberatung', type: 'debt_counselling' });
    const used = await addOffer(cm, p.id, { title: 'Budgetberatung' });
    const unused = await addOffer(cm, p.id, { title: 'Gruppenangebot' });
    await insertReferral(org, p.id, used.id);

    expect((await lead.delete(`/api/offers/${unused.id}`)).json()).toMatchObject({ outcome: 'deleted' });
    const offerArchived = await lead.delete(`/api/offers/${used.id}?version=1`);
    expect(offerArchived.json()).toMatchObject({ outcome: 'archived', references: { referrals: 1 } });
    expect((await cm.get(`/api/offers?q=Budget`)).json().total).toBe(0);
    const restoredOffer = await lead.post(`/api/offers/${used.id}/restore`, { version: 2 });
    expect(restoredOffer.json()).toMatchObject({ archived: false, version: 3 });

    expect((await lead.delete(`/api/partners/${p.id}?version=2`)).statusCode).toBe(409);
    const archived = await lead.delete(`/api/partners/${p.id}?version=1`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json()).toEqual({
      outcome: 'archived',
      references: { referrals: 1, agreements: 0, conferences: 0 },
    });
    const kept = (await cm.get(`/api/partners/${p.id}`)).json();
    expect(kept).toMatchObject({ archived: true, offers: [{ id: used.id, title: 'Budgetberatung' }] });
    expect(names(await cm.get('/api/partners'))).not.toContain('Schuldnerberatung');
    expect(names(await cm.get('/api/partners?includeArchived=true'))).toContain('Schuldnerberatung');
    expect((await cm.get('/api/offers?q=Budget')).json().total).toBe(0);
    expect((await cm.post(`/api/partners/${p.id}/offers`, jmdOffer)).json()).toMatchObject({
      code: 'partner-archived',
    });
    expect(
      (
        await cm.put(`/api/partners/${p.id}`, {
          name: 'X',
          type: 'other',
          contacts: [],
          version: kept.version,
        })
      ).json(),
    ).toMatchObject({ code: 'partner-archived' });

    const restored = await lead.post(`/api/partners/${p.id}/restore`, { version: kept.version });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ archived: false });
    expect((await cm.get('/api/offers?q=Budget')).json().total).toBe(1);

    const actions = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [p.id, used.id, unused.id])
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'partner.create',
      'offer.create',
      'offer.create',
      'offer.delete',
      'offer.archive',
      'offer.restore',
      'partner.archive',
      'partner.restore',
    ]);
  });
});

/** A client with a case, to hang references on. */
async function openCase(org: TestOrganisation) {
  const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
  const client = (
    await cm.post('/api/clients', {
      familyName: 'Samadi',
      givenNames: 'Samira',
      birthYear: 1994,
      gender: 'female',
      consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today(), language: 'de' },
    })
  ).json<{ id: string }>();
  const c = (
    await cm.post('/api/cases', {
      clientId: client.id,
      kind: 'case_management',
      orgUnitId: org.orgUnitIds[0],
      intake: { accessRoute: 'self' },
    })
  ).json<{ id: string }>();
  return { caseId: c.id, clientId: client.id };
}

/** A referral to the offer, made through the referrals API (no personal data sent: no release needed). */
async function insertReferral(org: TestOrganisation, partnerId: string, offerId: string): Promise<void> {
  const { caseId } = await openCase(org);
  const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
  const res = await cm.post(`/api/cases/${caseId}/referrals`, {
    offerId,
    requestedOn: today(),
    categories: [],
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json()).toMatchObject({ partner: { id: partnerId } });
}

/** A planned helpers' conference (anonymous: no release needed) that invites the partner's contact. */
async function insertConferenceParticipant(
  org: TestOrganisation,
  partnerId: string,
  contactId: string,
): Promise<void> {
  const { caseId } = await openCase(org);
  const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
  const res = await cm.post(`/api/cases/${caseId}/conferences`, {
    kind: 'helpers',
    heldOn: day(7),
    anonymous: true,
    categories: [],
    participants: [{ kind: 'partner_contact', contactId }],
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().participants).toEqual([expect.objectContaining({ contactId, partnerId })]);
}
