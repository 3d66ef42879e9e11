import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../core/clock.js';
import type { Role } from '../../core/context.js';
import { shiftYears } from './domain.js';
import {
  as,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  type TestApp,
  type TestOrganisation,
} from '../../test/harness.js';

/*
 * The network map combines the partner directory, the referrals and the agreements. Everything is created
 * through those modules' APIs, as an office would: partners (own and shared), a client's case with
 * referrals on given days, agreements with their terms.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Api = ReturnType<typeof as>;
const today = () => localDate(t.clock.now());
const day = (n: number) => addDays(today(), n);

interface MapBody {
  period: { from: string; to: string };
  groupBy: string;
  agreementsOn: string;
  threshold: number;
  typeLabels: Record<string, string>;
  nodes: Array<{
    id: string;
    name: string;
    type: string;
    district: string | null;
    shared: boolean;
    archived: boolean;
    referrals: number;
    completed: number;
    weight: string;
    agreement: { id: string; form: string; reviewOn: string | null } | null;
  }>;
  groups: Array<{
    key: string | null;
    partnerIds: string[];
    partners: number;
    referrals: number;
    completed: number;
    withAgreement: number;
  }>;
  totals: { partners: number; referrals: number; completed: number; withAgreement: number };
  missingAgreements: Array<{ id: string; name: string; referrals: number }>;
}

async function partner(
  api: Api,
  name: string,
  type: string,
  district: string | null,
  scope?: 'shared',
): Promise<string> {
  const res = await api.post('/api/partners', { name, type, district, ...(scope ? { scope } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function openCase(cm: Api, org: TestOrganisation, familyName: string): Promise<string> {
  const client = await cm.post('/api/clients', {
    familyName,
    givenNames: 'Samira',
    birthYear: 1994,
    gender: 'female',
    consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: day(-800), language: 'ar' },
  });
  expect(client.statusCode, client.body).toBe(201);
  const c = await cm.post('/api/cases', {
    clientId: client.json<{ id: string }>().id,
    kind: 'case_management',
    orgUnitId: org.orgUnitIds[0],
    openedOn: day(-800),
    intake: { accessRoute: 'self' },
  });
  expect(c.statusCode, c.body).toBe(201);
  return c.json<{ id: string }>().id;
}

/** A referral without personal data (the client gets in touch alone), optionally taken to completion. */
async function refer(cm: Api, caseId: string, partnerId: string, requestedOn: string, completed = false) {
  const res = await cm.post(`/api/cases/${caseId}/referrals`, { partnerId, requestedOn, categories: [] });
  expect(res.statusCode, res.body).toBe(201);
  let referral = res.json<{ id: string; version: number }>();
  if (!completed) return;
  for (const status of ['accepted', 'started', 'completed']) {
    const next = await cm.post(`/api/referrals/${referral.id}/status`, {
      status,
      on: requestedOn,
      version: referral.version,
    });
    expect(next.statusCode, next.body).toBe(200);
    referral = next.json();
  }
}

async function agreement(
  api: Api,
  partnerIds: string[],
  form: 'oral' | 'minutes' | 'written',
  terms: { startsOn: string; endsOn?: string | null; reviewOn?: string | null },
): Promise<string> {
  const res = await api.post('/api/agreements', { title: `Kooperation ${form}`, form, partnerIds, ...terms });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function map(api: Api, query = ''): Promise<MapBody> {
  const res = await api.get(`/api/network-map${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<MapBody>();
}

async function setup() {
  const org = await createOrganisation(t.deps);
  const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
  const orgAdmin = as(t.app, await signIn(t.app, org.users.org_admin.username));
  const installationAdmin = as(t.app, await signIn(t.app, org.users.installation_admin.username));
  const caseId = await openCase(cm, org, 'Samadi');

  const jobcenter = await partner(cm, 'Jobcenter Musterstadt', 'jobcenter', 'Mitte');
  const language = await partner(cm, 'Sprachschule Babel', 'language_course_provider', 'Nord');
  const kita = await partner(cm, 'Kita Sonnenschein', 'kita', 'Mitte');
  const school = await partner(cm, 'Anne-Frank-Schule', 'school', null);
  const former = await partner(cm, 'Alte Beratungsstelle', 'migration_counselling', 'Nord');
  const sharedCounselling = await partner(
    installationAdmin,
    'Migrationsberatung der Stadt',
    'migration_counselling',
    'Süd',
    'shared',
  );
  const sharedHealth = await partner(installationAdmin, 'Gesundheitsamt', 'health', 'Mitte', 'shared');
  const sharedUnused = await partner(
    installationAdmin,
    'Schuldnerberatung',
    'debt_counselling',
    'Süd',
    'shared',
  );

  // Jobcenter: 4 referrals in the period, 2 completed; its agreement ended last year → missing.
  for (const n of [-10, -20]) await refer(cm, caseId, jobcenter, day(n), true);
  for (const n of [-30, -40]) await refer(cm, caseId, jobcenter, day(n));
  await agreement(orgAdmin, [jobcenter], 'written', { startsOn: day(-700), endsOn: day(-300) });
  // Language school: 10 referrals, a written agreement in force (and an oral one beside it).
  for (let n = 1; n <= 10; n++) await refer(cm, caseId, language, day(-n * 7));
  const written = await agreement(orgAdmin, [language, sharedHealth], 'written', {
    startsOn: day(-100),
    reviewOn: day(200),
  });
  await agreement(orgAdmin, [language], 'oral', { startsOn: day(-50), reviewOn: day(30) });
  // Kita: nothing in the period; an agreement that only starts next month is not in force.
  await agreement(orgAdmin, [kita], 'minutes', { startsOn: day(30) });
  // School: 2 referrals in the last twelve months, 5 more in the year before.
  for (const n of [-5, -6]) await refer(cm, caseId, school, day(n));
  for (const n of [-400, -410, -420, -430, -440]) await refer(cm, caseId, school, day(n));
  // A former partner: one referral, then archived (kept because referenced).
  await refer(cm, caseId, former, day(-60));
  const removed = await orgAdmin.delete(`/api/partners/${former}?version=1`);
  expect(removed.statusCode, removed.body).toBe(200);
  expect(removed.json()).toMatchObject({ outcome: 'archived' });
  // Shared directory: one referral to the city's counselling.
  await refer(cm, caseId, sharedCounselling, day(-3));

  return {
    org,
    cm,
    orgAdmin,
    caseId,
    jobcenter,
    language,
    kita,
    school,
    former,
    sharedCounselling,
    sharedHealth,
    sharedUnused,
    written,
  };
}

describe('the network map', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    s = await setup();
  }, 60_000);

  it('shows the own active partners and the shared ones worked with, with referrals and agreements in force', async () => {
    const body = await map(s.cm);
    expect(body.period).toEqual({ from: addDays(shiftYears(today(), -1), 1), to: today() });
    expect(body.agreementsOn).toBe(today());
    expect(body.groupBy).toBe('type');
    expect(body.threshold).toBe(3);

    const byId = new Map(body.nodes.map((n) => [n.id, n]));
    expect(byId.get(s.jobcenter)).toMatchObject({
      name: 'Jobcenter Musterstadt',
      type: 'jobcenter',
      district: 'Mitte',
      shared: false,
      archived: false,
      referrals: 4,
      completed: 2,
      weight: 'regular',
      agreement: null,
    });
    expect(byId.get(s.language)).toMatchObject({
      referrals: 10,
      completed: 0,
      weight: 'many',
      agreement: { id: s.written, form: 'written', reviewOn: day(200) },
    });
    expect(byId.get(s.kita)).toMatchObject({ referrals: 0, weight: 'none', agreement: null });
    expect(byId.get(s.school)).toMatchObject({ referrals: 2, weight: 'few', district: null });
    expect(byId.get(s.former)).toMatchObject({ archived: true, referrals: 1 });
    expect(byId.get(s.sharedCounselling)).toMatchObject({ shared: true, referrals: 1, agreement: null });
    expect(byId.get(s.sharedHealth)).toMatchObject({
      shared: true,
      referrals: 0,
      agreement: { id: s.written, form: 'written' },
    });
    expect(byId.has(s.sharedUnused)).toBe(false);
    expect(body.nodes).toHaveLength(7);

    expect(body.missingAgreements).toEqual([
      { id: s.jobcenter, name: 'Jobcenter Musterstadt', referrals: 4 },
    ]);
    expect(body.totals).toEqual({ partners: 7, referrals: 18, completed: 2, withAgreement: 2 });
  });

  it('groups by type and by district with totals', async () => {
    const byType = await map(s.cm, '?groupBy=type');
    expect(byType.groups.map((g) => g.key)).toEqual([
      'health',
      'jobcenter',
      'kita',
      'language_course_provider',
      'migration_counselling',
      'school',
    ]);
    expect(byType.groups.find((g) => g.key === 'migration_counselling')).toEqual({
      key: 'migration_counselling',
      partnerIds: [s.former, s.sharedCounselling],
      partners: 2,
      referrals: 2,
      completed: 0,
      withAgreement: 0,
    });

    const byDistrict = await map(s.cm, '?groupBy=district');
    expect(byDistrict.groupBy).toBe('district');
    expect(byDistrict.groups.map((g) => g.key)).toEqual(['Mitte', 'Nord', 'Süd', null]);
    expect(byDistrict.groups[0]).toEqual({
      key: 'Mitte',
      partnerIds: [s.sharedHealth, s.jobcenter, s.kita],
      partners: 3,
      referrals: 4,
      completed: 2,
      withAgreement: 1,
    });
    expect(byDistrict.groups[3]).toMatchObject({ key: null, partnerIds: [s.school], referrals: 2 });
  });

  it('counts the referrals of the period asked for; agreements in force at its end', async () => {
    const earlier = await map(s.cm, `?from=${day(-800)}&to=${day(-366)}`);
    expect(earlier.period).toEqual({ from: day(-800), to: day(-366) });
    expect(earlier.agreementsOn).toBe(day(-366));
    const byId = new Map(earlier.nodes.map((n) => [n.id, n]));
    expect(byId.get(s.school)).toMatchObject({ referrals: 5 });
    expect(byId.get(s.language)).toMatchObject({ referrals: 0, agreement: null });
    // The Jobcenter's agreement was in force then.
    expect(byId.get(s.jobcenter)).toMatchObject({ referrals: 0, agreement: { form: 'written' } });
    // The former partner had no referral then: archived partners are only shown for their work.
    expect(byId.has(s.former)).toBe(false);
    expect(byId.has(s.sharedCounselling)).toBe(false);
    expect(earlier.missingAgreements).toEqual([{ id: s.school, name: 'Anne-Frank-Schule', referrals: 5 }]);

    const both = await map(s.cm, `?from=${day(-800)}&to=${today()}`);
    expect(both.nodes.find((n) => n.id === s.school)).toMatchObject({ referrals: 7, weight: 'regular' });
    expect(both.missingAgreements.map((m) => m.id)).toEqual([s.school, s.jobcenter]);

    const lastWeek = await map(s.cm, `?from=${day(-7)}&to=${today()}`);
    expect(lastWeek.totals.referrals).toBe(4);
    expect(lastWeek.missingAgreements).toEqual([]);
  });

  it('refuses an end before the start, naming the field', async () => {
    const res = await s.cm.get(`/api/network-map?from=${today()}&to=${day(-1)}`);
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors).toEqual([expect.objectContaining({ parameter: 'to', code: 'date-order' })]);
    expect((await s.cm.get('/api/network-map?groupBy=city')).statusCode).toBe(400);
    expect((await s.cm.get('/api/network-map?from=2026-13-01')).statusCode).toBe(400);
  });

  it("holds no client data and no other organisation's partners or referrals", async () => {
    const other = await createOrganisation(t.deps);
    const otherCm = as(t.app, await signIn(t.app, other.users.case_manager.username));
    const otherPartner = await partner(otherCm, 'Jobcenter Nachbarstadt', 'jobcenter', 'Mitte');
    const otherCase = await openCase(otherCm, other, 'Nachbar');
    await refer(otherCm, otherCase, otherPartner, day(-1));
    await refer(otherCm, otherCase, s.sharedCounselling, day(-1));
    await refer(otherCm, otherCase, s.sharedUnused, day(-1));

    const res = await s.cm.get('/api/network-map');
    const body = res.json<MapBody>();
    expect(body.nodes.map((n) => n.id)).not.toContain(otherPartner);
    expect(body.nodes.map((n) => n.id)).not.toContain(s.sharedUnused);
    expect(body.nodes.find((n) => n.id === s.sharedCounselling)).toMatchObject({ referrals: 1 });
    expect(res.body).not.toContain('Samadi');
    expect(res.body).not.toContain(s.caseId);

    const theirs = await map(otherCm);
    expect(theirs.nodes.map((n) => n.id).sort()).toEqual(
      [otherPartner, s.sharedCounselling, s.sharedUnused].sort(),
    );
    expect(theirs.nodes.map((n) => n.id)).not.toContain(s.jobcenter);
  });

  it('names custom types by their label', async () => {
    const type = await s.orgAdmin.post('/api/partner-types', { label: 'Integrationslotsen' });
    expect(type.statusCode, type.body).toBe(201);
    const key = type.json<{ key: string }>().key;
    await partner(s.cm, 'Lotsenprojekt', key, 'Nord');
    const body = await map(s.cm);
    expect(body.typeLabels).toEqual({ [key]: 'Integrationslotsen' });
  });

  it.each<[Role, number]>([
    ['case_manager', 200],
    ['team_lead', 200],
    ['org_admin', 200],
    ['planner', 403],
    ['dpo', 403],
    ['installation_admin', 403],
  ])('%s: %i', async (role, status) => {
    const api = as(t.app, await signIn(t.app, s.org.users[role].username));
    expect((await api.get('/api/network-map')).statusCode).toBe(status);
  });

  it('needs a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/network-map' })).statusCode).toBe(401);
  });
});
