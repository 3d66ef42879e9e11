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
import { referralCountsByPartner } from './service.js';

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

const ZENTRUM = 'Ev. Zentrum für Beratung und Therapie am Weißen Stein';

/**
 * The partner directory is another module of this issue; its API did not exist when these tests were
 * written, so partners and offers are inserted with the test database handle.
 */
async function insertPartner(
  org: TestOrganisation | null,
  values: { name: string; type?: string; archived?: boolean },
  creator: string,
): Promise<string> {
  const id = newId();
  const at = t.clock.now().toISOString();
  await t.deps.db
    .insertInto('partners')
    .values({
      id,
      organisation_id: org?.organisationId ?? null,
      name: values.name,
      type: values.type ?? 'psychosocial_service',
      street: null,
      postal_code: null,
      city: 'Musterstadt',
      district: 'Mitte',
      phone: null,
      email: null,
      website: null,
      notes: null,
      archived_at: values.archived ? at : null,
      created_by: creator,
      updated_by: creator,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  return id;
}

async function insertOffer(
  org: TestOrganisation | null,
  partnerId: string,
  values: {
    title: string;
    freePlaces?: number | null;
    validFrom?: string | null;
    validTo?: string | null;
    archived?: boolean;
  },
): Promise<string> {
  const id = newId();
  const at = t.clock.now().toISOString();
  await t.deps.db
    .insertInto('offers')
    .values({
      id,
      partner_id: partnerId,
      organisation_id: org?.organisationId ?? null,
      title: values.title,
      description: null,
      field: 'health',
      target_groups: '[]',
      age_min: null,
      age_max: null,
      languages: '["de","ar"]',
      district: 'Mitte',
      cost_bearer: null,
      capacity: 8,
      free_places: values.freePlaces === undefined ? 2 : values.freePlaces,
      waiting_days: 30,
      valid_from: values.validFrom ?? null,
      valid_to: values.validTo ?? null,
      archived_at: values.archived ? at : null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
  return id;
}

/** The second goal of the JMD guide's Samira [001 L935–968] (see plan.test.ts for the whole plan). */
function samiraPlan() {
  return {
    header: {
      participants: 'Samira, Fachkraft JMD',
      benefitsEarlier: null,
      benefitsCurrent: 'Leistungen nach AsylbLG',
      problem: 'Aufenthalt ungesichert, psychisch sehr belastet',
      resources: 'Schwägerin unterstützt',
      obligations: null,
      costBearers: null,
      reviewOn: day(90),
    },
    legalType: 'integration_agreement',
    goals: [
      {
        wording: 'Psychische Stabilität für die weitere Lebensplanung ist hergestellt',
        indicator: 'Samira beginnt eine Therapie und fühlt sich sicherer',
        targetOn: day(60),
        status: 'active',
        steps: [
          {
            what: 'Kontakt zum Zentrum für Beratung und Therapie',
            who: 'case_manager',
            dueOn: day(1),
            status: 'open',
            provider: ZENTRUM,
            offer: 'Traumatherapie',
          },
          {
            what: 'Teilnahme am Frauenfrühstück des JMD',
            who: 'client',
            dueOn: day(5),
            status: 'open',
            offer: 'Frauenfrühstück',
          },
        ],
        subGoals: [
          { wording: 'Therapie beginnen', indicator: 'erster Therapietermin', status: 'active', steps: [] },
        ],
      },
    ],
  };
}

async function samira(cm: Api, org: TestOrganisation, options: { plan?: boolean; familyName?: string } = {}) {
  const client = await cm.post('/api/clients', {
    familyName: options.familyName ?? 'Samadi',
    givenNames: 'Samira',
    birthYear: 1994,
    gender: 'female',
    consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: day(-40), language: 'ar' },
  });
  expect(client.statusCode, client.body).toBe(201);
  const c = await cm.post('/api/cases', {
    clientId: client.json().id,
    kind: 'case_management',
    orgUnitId: org.orgUnitIds[0],
    openedOn: day(-40),
    intake: { accessRoute: 'self' },
  });
  expect(c.statusCode, c.body).toBe(201);
  const caseId = c.json().id as string;
  let steps: { id: string; what: string }[] = [];
  if (options.plan !== false) {
    const saved = await cm.put(`/api/cases/${caseId}/plan`, { version: 0, ...samiraPlan() });
    expect(saved.statusCode, saved.body).toBe(200);
    steps = saved.json().plan.goals[0].steps;
  }
  return { clientId: client.json().id as string, caseId, steps };
}

async function setup() {
  const org = await createOrganisation(t.deps);
  const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
  const admin = org.users.org_admin.id;
  const zentrum = await insertPartner(org, { name: ZENTRUM }, admin);
  const therapy = await insertOffer(org, zentrum, { title: 'Traumatherapie', freePlaces: 0 });
  const fsb = await insertPartner(
    org,
    { name: 'Flüchtlingssozialberatung in der Unterkunft', type: 'migration_counselling' },
    admin,
  );
  const counselling = await insertOffer(org, fsb, { title: 'Sozialberatung', freePlaces: 3 });
  const s = await samira(cm, org);
  return { org, cm, zentrum, therapy, fsb, counselling, ...s };
}

const release = (recipient: string, categories: string[]) => ({
  kind: 'release',
  givenBy: 'client',
  form: 'oral',
  witness: 'Kollegin Weber',
  givenOn: today(),
  validUntil: day(180),
  language: 'ar',
  recipient: { kind: 'organisation', name: recipient },
  purpose: 'referral',
  categories,
});

async function referralRows(caseId: string) {
  return t.deps.db.selectFrom('referrals').select('id').where('case_id', '=', caseId).execute();
}

describe('referrals', () => {
  it("refers Samira's plan step to an offer: refused without a release, warned without free places, then stored", async () => {
    const { cm, caseId, clientId, steps, therapy, zentrum } = await setup();
    const step = steps[0];
    if (!step) throw new Error('no step');
    const body = {
      offerId: therapy,
      planStepId: step.id,
      requestedOn: day(-10),
      categories: ['master_data', 'health'],
      note: 'Erstgespräch vereinbaren',
    };

    const refused = await cm.post(`/api/cases/${caseId}/referrals`, body);
    expect(refused.statusCode).toBe(403);
    expect(problem(refused)).toMatchObject({
      code: 'disclosure-refused',
      reason: 'no-release',
      recipient: ZENTRUM,
      missingCategories: ['master_data', 'health'],
    });
    expect(await referralRows(caseId)).toHaveLength(0);
    const disclosed = await t.deps.db
      .selectFrom('disclosures')
      .select('id')
      .where('case_id', '=', caseId)
      .execute();
    expect(disclosed).toHaveLength(0);
    const refusal = await t.deps.db
      .selectFrom('audit_log')
      .select(['entity_id', 'details'])
      .where('action', '=', 'disclosure.refused')
      .where('entity_id', '=', clientId)
      .execute();
    expect(refusal).toHaveLength(1);
    expect(JSON.parse(refusal[0]?.details ?? '{}')).toMatchObject({
      caseId,
      reason: 'no-release',
      channel: 'referral',
    });

    // A release for master data alone does not cover health data.
    const partial = await cm.post(`/api/clients/${clientId}/consents`, release(ZENTRUM, ['master_data']));
    expect(partial.statusCode, partial.body).toBe(201);
    expect(problem(await cm.post(`/api/cases/${caseId}/referrals`, body))).toMatchObject({
      code: 'disclosure-refused',
      reason: 'categories',
      missingCategories: ['health'],
    });
    const full = await cm.post(
      `/api/clients/${clientId}/consents`,
      release('ev. zentrum für beratung und therapie am weissen stein', ['master_data', 'health']),
    );
    expect(full.statusCode, full.body).toBe(201);
    // (the release names the partner with other spelling: recipients are compared by their key)
    const warned = await cm.post(`/api/cases/${caseId}/referrals`, {
      ...body,
      categories: ['master_data'],
    });
    expect(warned.statusCode).toBe(409);
    expect(problem(warned)).toMatchObject({
      code: 'confirmation-required',
      errors: [expect.objectContaining({ pointer: '/offerId', code: 'no-free-places' })],
    });
    expect(await referralRows(caseId)).toHaveLength(0);

    const stored = await cm.post(`/api/cases/${caseId}/referrals`, {
      ...body,
      categories: ['master_data'],
      confirm: true,
    });
    expect(stored.statusCode, stored.body).toBe(201);
    const referral = stored.json();
    expect(referral).toMatchObject({
      caseId,
      partner: { id: zentrum, name: ZENTRUM, archived: false },
      offer: { id: therapy, title: 'Traumatherapie' },
      planStepId: step.id,
      planStep: { id: step.id, what: 'Kontakt zum Zentrum für Beratung und Therapie' },
      status: 'requested',
      requestedOn: day(-10),
      waitingDays: 10,
      allowedNext: ['accepted', 'declined'],
      barriers: [],
      categories: ['master_data'],
      note: 'Erstgespräch vereinbaren',
      version: 1,
      events: [expect.objectContaining({ status: 'requested', on: day(-10) })],
    });
    expect(referral.disclosureId).toMatch(/^[0-9a-f-]{36}$/);
    const log = (await cm.get(`/api/cases/${caseId}/disclosures`)).json().items;
    expect(log).toEqual([
      expect.objectContaining({
        id: referral.disclosureId,
        recipient: { kind: 'organisation', name: ZENTRUM },
        purpose: 'referral',
        channel: 'referral',
        categories: ['master_data'],
        basis: 'release',
      }),
    ]);

    const list = await cm.get(`/api/cases/${caseId}/referrals`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ total: 1, page: 1, permissions: { write: true } });
    expect(list.json().items[0]).toEqual(referral);
    expect((await cm.get(`/api/referrals/${referral.id}`)).json()).toEqual(referral);
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'referral.create')
      .where('entity_id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audited.details)).toMatchObject({
      caseId,
      offerId: therapy,
      disclosureId: referral.disclosureId,
      confirmedNoFreePlaces: true,
    });
    expect(audited.details).not.toContain('Erstgespräch');
  });

  it('refers without personal data when the client gets in touch alone; refuses archived, invalid and foreign targets', async () => {
    const { org, cm, caseId, fsb, counselling } = await setup();
    const alone = await cm.post(`/api/cases/${caseId}/referrals`, {
      partnerId: fsb,
      requestedOn: today(),
      categories: [],
    });
    expect(alone.statusCode, alone.body).toBe(201);
    expect(alone.json()).toMatchObject({
      offer: null,
      planStep: null,
      categories: [],
      disclosureId: null,
      waitingDays: 0,
    });
    // an offer names its partner; a different partner beside it is refused
    const mismatch = await cm.post(`/api/cases/${caseId}/referrals`, {
      offerId: counselling,
      partnerId: await insertPartner(org, { name: 'Jobcenter' }, org.users.org_admin.id),
      requestedOn: today(),
      categories: [],
    });
    expect(problem(mismatch).errors).toEqual([expect.objectContaining({ pointer: '/partnerId' })]);
    const none = await cm.post(`/api/cases/${caseId}/referrals`, { requestedOn: today(), categories: [] });
    expect(problem(none).errors).toEqual([
      expect.objectContaining({ pointer: '/offerId', code: 'required' }),
    ]);

    const admin = org.users.org_admin.id;
    const old = await insertPartner(org, { name: 'Sprachschule (geschlossen)', archived: true }, admin);
    const archived = await cm.post(`/api/cases/${caseId}/referrals`, {
      partnerId: old,
      requestedOn: today(),
      categories: [],
    });
    expect(archived.statusCode).toBe(409);
    expect(problem(archived).code).toBe('partner-archived');
    const oldOffer = await insertOffer(org, fsb, { title: 'Alte Gruppe', archived: true });
    expect(
      problem(
        await cm.post(`/api/cases/${caseId}/referrals`, {
          offerId: oldOffer,
          requestedOn: today(),
          categories: [],
        }),
      ).code,
    ).toBe('partner-archived');

    const later = await insertOffer(org, fsb, { title: 'Sommerkurs', validFrom: day(30) });
    const notYet = await cm.post(`/api/cases/${caseId}/referrals`, {
      offerId: later,
      requestedOn: today(),
      categories: [],
    });
    expect(problem(notYet).errors).toEqual([
      expect.objectContaining({ pointer: '/offerId', code: 'offer-not-valid' }),
    ]);
    const future = await cm.post(`/api/cases/${caseId}/referrals`, {
      offerId: counselling,
      requestedOn: day(1),
      categories: [],
    });
    expect(problem(future).errors).toEqual([
      expect.objectContaining({ pointer: '/requestedOn', code: 'in-future' }),
    ]);

    // a step of another case's plan is not a step of this one
    const other = await samira(cm, org, { familyName: 'Haddad' });
    const foreignStep = await cm.post(`/api/cases/${caseId}/referrals`, {
      offerId: counselling,
      planStepId: other.steps[0]?.id,
      requestedOn: today(),
      categories: [],
    });
    expect(problem(foreignStep).errors).toEqual([
      expect.objectContaining({ pointer: '/planStepId', code: 'unknown-reference' }),
    ]);

    // another organisation's offer does not exist for this one; the installation's shared directory does
    const elsewhere = await createOrganisation(t.deps);
    const theirs = await insertPartner(elsewhere, { name: 'Fremder Träger' }, elsewhere.users.org_admin.id);
    const theirOffer = await insertOffer(elsewhere, theirs, { title: 'Fremdes Angebot' });
    const foreign = await cm.post(`/api/cases/${caseId}/referrals`, {
      offerId: theirOffer,
      requestedOn: today(),
      categories: [],
    });
    expect(foreign.statusCode).toBe(404);
    expect(
      (
        await cm.post(`/api/cases/${caseId}/referrals`, {
          partnerId: theirs,
          requestedOn: today(),
          categories: [],
        })
      ).statusCode,
    ).toBe(404);
    const shared = await insertPartner(null, { name: 'Migrationsberatung (gemeinsames Verzeichnis)' }, admin);
    const sharedOffer = await insertOffer(null, shared, { title: 'Offene Sprechstunde' });
    const toShared = await cm.post(`/api/cases/${caseId}/referrals`, {
      offerId: sharedOffer,
      requestedOn: today(),
      categories: [],
    });
    expect(toShared.statusCode, toShared.body).toBe(201);
    expect(toShared.json().partner.name).toBe('Migrationsberatung (gemeinsames Verzeichnis)');
    expect((await cm.get(`/api/cases/${caseId}/referrals`)).json().total).toBe(2);
  });

  it('moves through the statuses in order with dates in order; computes the waiting time', async () => {
    const { cm, caseId, counselling, fsb } = await setup();
    const created = (
      await cm.post(`/api/cases/${caseId}/referrals`, {
        offerId: counselling,
        requestedOn: day(-20),
        categories: [],
      })
    ).json();
    const move = (r: { id: string; version: number }, status: string, on: string, note?: string) =>
      cm.post(`/api/referrals/${r.id}/status`, { status, on, version: r.version, ...(note ? { note } : {}) });

    const skip = await move(created, 'started', day(-5));
    expect(skip.statusCode).toBe(409);
    expect(problem(skip)).toMatchObject({
      code: 'status-change-not-allowed',
      allowed: ['accepted', 'declined'],
    });
    const early = await move(created, 'accepted', day(-21));
    expect(problem(early).errors).toEqual([expect.objectContaining({ pointer: '/on', code: 'date-order' })]);
    const tomorrow = await move(created, 'accepted', day(1));
    expect(problem(tomorrow).errors).toEqual([
      expect.objectContaining({ pointer: '/on', code: 'in-future' }),
    ]);

    const accepted = await move(created, 'accepted', day(-12), 'Platz ab Montag');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      acceptedOn: day(-12),
      waitingDays: 20,
      allowedNext: ['started', 'declined', 'broken_off'],
      version: 2,
    });
    const beforeAcceptance = await move(accepted.json(), 'started', day(-13));
    expect(problem(beforeAcceptance).errors).toEqual([expect.objectContaining({ code: 'date-order' })]);
    const started = (await move(accepted.json(), 'started', day(-8))).json();
    expect(started).toMatchObject({ status: 'started', startedOn: day(-8), waitingDays: 12 });
    const completed = (await move(started, 'completed', day(-1))).json();
    expect(completed).toMatchObject({
      status: 'completed',
      endedOn: day(-1),
      waitingDays: 12,
      allowedNext: [],
    });
    expect(completed.events.map((e: { status: string; on: string }) => [e.status, e.on])).toEqual([
      ['requested', day(-20)],
      ['accepted', day(-12)],
      ['started', day(-8)],
      ['completed', day(-1)],
    ]);
    expect(completed.events[1].note).toBe('Platz ab Montag');
    expect(problem(await move(completed, 'broken_off', today())).code).toBe('status-change-not-allowed');

    // declined before the start: no waiting time
    const second = (
      await cm.post(`/api/cases/${caseId}/referrals`, {
        partnerId: fsb,
        requestedOn: day(-3),
        categories: [],
      })
    ).json();
    expect(second.waitingDays).toBe(3);
    const declined = (await move(second, 'declined', day(-2))).json();
    expect(declined).toMatchObject({ status: 'declined', endedOn: day(-2), waitingDays: null });
  });

  it('records barriers and the partner’s feedback; a stale version gets the current referral', async () => {
    const { cm, caseId, counselling } = await setup();
    const created = (
      await cm.post(`/api/cases/${caseId}/referrals`, {
        offerId: counselling,
        requestedOn: day(-3),
        categories: [],
      })
    ).json();
    const saved = await cm.put(`/api/referrals/${created.id}`, {
      barriers: ['childcare', 'language'],
      barrierNote: 'Kinderbetreuung fehlt vormittags',
      partnerFeedback: 'Gespräch hat stattgefunden',
      note: null,
      version: created.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      barriers: ['childcare', 'language'],
      barrierNote: 'Kinderbetreuung fehlt vormittags',
      partnerFeedback: 'Gespräch hat stattgefunden',
      note: null,
      version: 2,
    });
    const unknown = await cm.put(`/api/referrals/${created.id}`, {
      barriers: ['bad_weather'],
      barrierNote: null,
      partnerFeedback: null,
      note: null,
      version: 2,
    });
    expect(unknown.statusCode).toBe(400);

    const stale = await cm.put(`/api/referrals/${created.id}`, {
      barriers: [],
      barrierNote: null,
      partnerFeedback: null,
      note: 'überschreibt',
      version: created.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(problem(stale)).toMatchObject({
      code: 'version-conflict',
      current: expect.objectContaining({ id: created.id, version: 2, barriers: ['childcare', 'language'] }),
    });
    const staleStatus = await cm.post(`/api/referrals/${created.id}/status`, {
      status: 'accepted',
      on: today(),
      version: created.version,
    });
    expect(problem(staleStatus)).toMatchObject({
      code: 'version-conflict',
      current: expect.objectContaining({ version: 2 }),
    });
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'referral.update')
      .where('entity_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audited.details)).toMatchObject({
      changed: ['barriers', 'barrier_note', 'partner_feedback'],
      barriers: ['childcare', 'language'],
    });
    expect(audited.details).not.toContain('Kinderbetreuung');
  });

  it('keeps referrals inside the case team and its organisation; a closed case keeps them as they are', async () => {
    const { org, cm, caseId, counselling } = await setup();
    const created = (
      await cm.post(`/api/cases/${caseId}/referrals`, {
        offerId: counselling,
        requestedOn: today(),
        categories: [],
      })
    ).json();

    const elsewhere = await createOrganisation(t.deps);
    const stranger = as(t.app, await signIn(t.app, elsewhere.users.case_manager.username));
    expect((await stranger.get(`/api/cases/${caseId}/referrals`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/referrals/${created.id}`)).statusCode).toBe(404);
    expect(
      (
        await stranger.post(`/api/cases/${caseId}/referrals`, {
          offerId: counselling,
          requestedOn: today(),
          categories: [],
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await stranger.post(`/api/referrals/${created.id}/status`, {
          status: 'accepted',
          on: today(),
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    const planner = as(t.app, await signIn(t.app, org.users.planner.username));
    expect((await planner.get(`/api/cases/${caseId}/referrals`)).statusCode).toBe(404);
    const lead = as(t.app, await signIn(t.app, org.users.team_lead.username));
    expect(problem(await lead.get(`/api/cases/${caseId}/referrals`)).code).toBe('break-glass-required');

    // closed (the phase rules are tested with the case file; here only the state matters)
    await t.deps.db
      .updateTable('cases')
      .set({ phase: 'closed', closed_on: today() })
      .where('id', '=', caseId)
      .execute();
    const list = (await cm.get(`/api/cases/${caseId}/referrals`)).json();
    expect(list).toMatchObject({ total: 1, permissions: { write: false } });
    expect(
      problem(
        await cm.post(`/api/cases/${caseId}/referrals`, {
          offerId: counselling,
          requestedOn: today(),
          categories: [],
        }),
      ).code,
    ).toBe('case-closed');
    expect(
      problem(
        await cm.post(`/api/referrals/${created.id}/status`, { status: 'accepted', on: today(), version: 1 }),
      ).code,
    ).toBe('case-closed');
  });

  it('works with the partner directory: an offer found by the search is referred to; the partner deleted afterwards is archived, the referral keeps it', async () => {
    const { org, cm, caseId } = await setup();
    const partner = await cm.post('/api/partners', {
      name: 'Kita Sonnenschein',
      type: 'kita',
      district: 'Nordstadt',
    });
    expect(partner.statusCode, partner.body).toBe(201);
    const offer = await cm.post(`/api/partners/${partner.json().id}/offers`, {
      title: 'Betreuungsplatz U3',
      field: 'everyday_life',
      targetGroups: ['families'],
      languages: ['de', 'ar'],
      capacity: 12,
      freePlaces: 1,
    });
    expect(offer.statusCode, offer.body).toBe(201);
    const found = (await cm.get('/api/offers?q=Betreuung&language=ar&freePlaces=true')).json();
    expect(found.items.map((o: { id: string }) => o.id)).toEqual([offer.json().id]);
    const referred = await cm.post(`/api/cases/${caseId}/referrals`, {
      offerId: found.items[0].id,
      requestedOn: today(),
      categories: [],
    });
    expect(referred.statusCode, referred.body).toBe(201);

    const lead = as(t.app, await signIn(t.app, org.users.team_lead.username));
    const removed = await lead.delete(`/api/partners/${partner.json().id}?version=${partner.json().version}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().outcome).toBe('archived');
    const kept = (await cm.get(`/api/referrals/${referred.json().id}`)).json();
    expect(kept).toMatchObject({
      partner: { name: 'Kita Sonnenschein', archived: true },
      offer: { title: 'Betreuungsplatz U3' },
    });
    const again = await cm.post(`/api/cases/${caseId}/referrals`, {
      partnerId: partner.json().id,
      requestedOn: today(),
      categories: [],
    });
    expect(problem(again).code).toBe('partner-archived');
  });

  it('counts referrals per partner in a period, with the completed ones, for the network map', async () => {
    const { org, cm, caseId, counselling, fsb, zentrum } = await setup();
    const refer = async (body: Record<string, unknown>) => {
      const res = await cm.post(`/api/cases/${caseId}/referrals`, { categories: [], ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const a = await refer({ offerId: counselling, requestedOn: day(-30) });
    await refer({ partnerId: fsb, requestedOn: day(-10) });
    await refer({ partnerId: zentrum, requestedOn: day(-5) });
    await refer({ partnerId: zentrum, requestedOn: day(-100) }); // before the period
    let r = (
      await cm.post(`/api/referrals/${a.id}/status`, { status: 'accepted', on: day(-29), version: 1 })
    ).json();
    r = (
      await cm.post(`/api/referrals/${a.id}/status`, { status: 'started', on: day(-28), version: r.version })
    ).json();
    await cm.post(`/api/referrals/${a.id}/status`, { status: 'completed', on: day(-2), version: r.version });
    // another organisation's referrals do not count
    const elsewhere = await createOrganisation(t.deps);
    const theirCm = as(t.app, await signIn(t.app, elsewhere.users.case_manager.username));
    const theirCase = await samira(theirCm, elsewhere, { plan: false });
    const shared = await insertPartner(null, { name: 'Gemeinsamer Partner' }, org.users.org_admin.id);
    expect(
      (
        await theirCm.post(`/api/cases/${theirCase.caseId}/referrals`, {
          partnerId: shared,
          requestedOn: day(-1),
          categories: [],
        })
      ).statusCode,
    ).toBe(201);

    const counts = await referralCountsByPartner(t.deps.db, org.organisationId, day(-60), today());
    expect(counts.sort((x, y) => x.partnerId.localeCompare(y.partnerId))).toEqual(
      [
        { partnerId: fsb, referrals: 2, completed: 1 },
        { partnerId: zentrum, referrals: 1, completed: 0 },
      ].sort((x, y) => x.partnerId.localeCompare(y.partnerId)),
    );
    expect(await referralCountsByPartner(t.deps.db, org.organisationId, day(-200), day(-90))).toEqual([
      { partnerId: zentrum, referrals: 1, completed: 0 },
    ]);
  });
});
