import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../core/clock.js';
import type { Role } from '../../core/context.js';
import { newId } from '../../core/ids.js';
import type { CaseTable } from '../../db/types.js';
import { retentionPlan } from '../privacy/retention.js';
import {
  addUser,
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

type Api = ReturnType<typeof as>;
const today = () => localDate(t.clock.now());
const day = (n: number) => addDays(today(), n);

let names = 0;
/** A client and a case opened through the API by a case manager (responsible), in a unit. */
async function openCase(
  cm: Api,
  org: TestOrganisation,
  options: { familyName?: string; kind?: string; unit?: 0 | 1 } = {},
): Promise<{ caseId: string; clientId: string; familyName: string }> {
  names += 1;
  const familyName = options.familyName ?? `Klientin${names}`;
  const client = await cm.post('/api/clients', {
    familyName,
    givenNames: 'Test',
    birthYear: 1999,
    gender: 'female',
    consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: day(-400), language: 'de' },
    confirmNotDuplicate: true,
  });
  expect(client.statusCode, client.body).toBe(201);
  const c = await cm.post('/api/cases', {
    clientId: client.json().id,
    kind: options.kind ?? 'case_management',
    orgUnitId: org.orgUnitIds[options.unit ?? 0],
    intake: { accessRoute: 'self' },
  });
  expect(c.statusCode, c.body).toBe(201);
  return { caseId: c.json().id as string, clientId: client.json().id as string, familyName };
}

/** Moves a case's dates and phase the way months of work would have (test set-up, not a use case). */
async function tweak(
  caseId: string,
  values: Partial<
    Pick<
      CaseTable,
      'phase' | 'opened_on' | 'closed_on' | 'last_contact_on' | 'last_activity_at' | 'created_at'
    >
  >,
) {
  await t.deps.db.updateTable('cases').set(values).where('id', '=', caseId).execute();
}

async function dashboardAudits(userId: string) {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'entity_type', 'details'])
    .where('actor_user_id', '=', userId)
    .where('action', '=', 'dashboard.read')
    .orderBy('seq')
    .execute();
}

const ALL_ROLES: Role[] = ['case_manager', 'team_lead', 'org_admin', 'planner', 'dpo', 'installation_admin'];

describe('who sees which dashboard', () => {
  it.each([
    ['/api/dashboard/case-manager', 'case_manager'],
    ['/api/dashboard/team-lead', 'team_lead'],
    ['/api/dashboard/planner', 'planner'],
  ] as const)('%s answers only the %s', async (url, allowed) => {
    const org = await createOrganisation(t.deps);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    for (const role of ALL_ROLES) {
      const api = as(t.app, await signIn(t.app, org.users[role].username));
      const res = await api.get(url);
      if (role === allowed) expect(res.statusCode, `${role}: ${res.body}`).toBe(200);
      else expect(problem(res), role).toMatchObject({ status: 403, code: 'forbidden' });
    }
  });

  it('refuses a page beyond the limits and unknown parameters', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    expect((await cm.get('/api/dashboard/case-manager?pageSize=51')).statusCode).toBe(400);
    expect((await cm.get('/api/dashboard/case-manager?followUpsPage=0')).statusCode).toBe(400);
    expect((await cm.get('/api/dashboard/case-manager?responsibleUserId=x')).statusCode).toBe(400);
  });
});

describe('case manager', () => {
  async function setup() {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const colleague = await addUser(t.deps, org, ['case_manager']);
    const other = as(t.app, await signIn(t.app, colleague.username));
    return { org, admin, cm, other, colleague };
  }

  it('counts my running cases by phase, lists my follow-ups and the reviews that are due', async () => {
    const { org, cm, other } = await setup();
    const samira = await openCase(cm, org, { familyName: 'Samadi' });
    const second = await openCase(cm, org);
    const closed = await openCase(cm, org);
    await openCase(cm, org, { kind: 'counselling' });
    const theirs = await openCase(other, org, { familyName: 'Fremd' });
    await tweak(samira.caseId, { phase: 'planning' });
    await tweak(second.caseId, { phase: 'assessment' });
    await tweak(closed.caseId, { phase: 'closed', closed_on: today() });

    const goal = (wording: string, followUpOn: string | null, status = 'active') => ({
      wording,
      indicator: 'erreicht',
      followUpOn,
      status,
      steps: [],
    });
    const plan = await cm.put(`/api/cases/${samira.caseId}/plan`, {
      version: 0,
      header: {
        participants: null,
        benefitsEarlier: null,
        benefitsCurrent: null,
        problem: null,
        resources: null,
        obligations: null,
        costBearers: null,
        reviewOn: null,
      },
      goals: [
        goal('Wohnung finden', day(10)),
        goal('Deutschkurs B1', day(30)),
        goal('Aufenthalt sichern', day(-3)),
        goal('Therapie beginnen', day(-5)),
        goal('Ausbildungsplatz', day(2), 'achieved'),
      ],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const goals = plan.json().plan.goals as { id: string; wording: string }[];
    // A review on or after the date completes it; one before the date does not.
    const therapy = goals.find((g) => g.wording === 'Therapie beginnen');
    const review = await cm.post(`/api/plan-goals/${therapy?.id}/reviews`, {
      reviewedOn: today(),
      attainment: 'partly',
      consequence: 'keep',
    });
    expect(review.statusCode, review.body).toBe(201);
    // someone else's follow-up and a personal task of mine
    expect(
      (await other.post('/api/follow-ups', { caseId: theirs.caseId, dueOn: day(-9), text: 'Anrufen' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await cm.post('/api/follow-ups', { dueOn: day(1), text: 'Teamsitzung vorbereiten' })).statusCode,
    ).toBe(201);

    const res = await cm.get('/api/dashboard/case-manager');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.today).toBe(today());
    expect(body.casesByPhase).toEqual([
      { phase: 'intake', count: 1 },
      { phase: 'assessment', count: 1 },
      { phase: 'planning', count: 1 },
      { phase: 'linking', count: 0 },
      { phase: 'monitoring', count: 0 },
      { phase: 'evaluation', count: 0 },
    ]);
    expect(body.runningCases).toBe(3);

    // goals' follow-ups (the achieved goal has none, the reviewed one is done) and the personal task
    expect(body.followUps).toMatchObject({ total: 4, overdue: 1, page: 1, pageSize: 5 });
    expect(body.followUps.items.map((f: { dueOn: string }) => f.dueOn)).toEqual([
      day(-3),
      day(1),
      day(10),
      day(30),
    ]);
    expect(body.followUps.items[0]).toMatchObject({
      overdue: true,
      case: { id: samira.caseId, clientName: 'Samadi, Test' },
    });
    expect(body.followUps.items[1].case).toBeNull();

    expect(body.reviewsDue).toMatchObject({ total: 2, until: day(14) });
    expect(
      body.reviewsDue.items.map((r: { wording: string; followUpOn: string; overdue: boolean }) => [
        r.wording,
        r.followUpOn,
        r.overdue,
      ]),
    ).toEqual([
      ['Aufenthalt sichern', day(-3), true],
      ['Wohnung finden', day(10), false],
    ]);
    expect(body.reviewsDue.items[0].case).toMatchObject({ id: samira.caseId, clientName: 'Samadi, Test' });
    expect(res.body).not.toContain('Fremd');

    // paged on the server, one list at a time
    const page2 = (await cm.get('/api/dashboard/case-manager?pageSize=1&reviewsPage=2')).json();
    expect(page2.reviewsDue).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page2.reviewsDue.items.map((r: { wording: string }) => r.wording)).toEqual(['Wohnung finden']);
    expect(page2.followUps.items.map((f: { dueOn: string }) => f.dueOn)).toEqual([day(-3)]);

    // the read is in the audit log with counts only
    const audits = await dashboardAudits(org.users.case_manager.id);
    expect(audits).toHaveLength(2);
    expect(JSON.parse(audits[0]?.details ?? '{}')).toEqual({
      view: 'case_manager',
      followUps: 4,
      reviews: 2,
      noContact: 0,
      consents: 0,
    });
  });

  it("lists cases long without contact by the organisation's retention review period", async () => {
    const { org, admin, cm, other } = await setup();
    const quiet = await openCase(cm, org, { familyName: 'Still' });
    const never = await openCase(cm, org, { familyName: 'Nie' });
    const recent = await openCase(cm, org);
    const closed = await openCase(cm, org);
    const theirs = await openCase(other, org);
    await tweak(quiet.caseId, { opened_on: day(-400), last_contact_on: day(-200) });
    await tweak(never.caseId, { opened_on: day(-160), last_contact_on: null });
    await tweak(recent.caseId, { opened_on: day(-400), last_contact_on: day(-10) });
    await tweak(closed.caseId, { opened_on: day(-400), last_contact_on: day(-300), phase: 'closed' });
    await tweak(theirs.caseId, { opened_on: day(-400), last_contact_on: day(-300) });

    // default review after 183 days: listed after 153 days without contact
    const body = (await cm.get('/api/dashboard/case-manager')).json();
    expect(body.noContact).toMatchObject({ days: 153, total: 2 });
    expect(
      body.noContact.items.map((i: { case: { clientName: string }; daysWithoutContact: number }) => [
        i.case.clientName,
        i.daysWithoutContact,
      ]),
    ).toEqual([
      ['Still, Test', 200],
      ['Nie, Test', 160],
    ]);
    expect(body.noContact.items[1]).toMatchObject({ lastContactOn: null, openedOn: day(-160) });

    // a year's review period: a month before it
    const settings = (await admin.get('/api/organisation')).json();
    const changed = await admin.patch('/api/organisation', {
      version: settings.version,
      retentionReviewAfterDays: 365,
      retentionCloseAfterDays: 400,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const later = (await cm.get('/api/dashboard/case-manager')).json();
    expect(later.noContact).toMatchObject({ days: 335, total: 0, items: [] });
  });

  it('lists consents and releases of my clients that end within 30 days, unless renewed or revoked', async () => {
    const { org, cm, other } = await setup();
    const mine = await openCase(cm, org, { familyName: 'Haddad' });
    const closed = await openCase(cm, org, { familyName: 'Geschlossen' });
    const theirs = await openCase(other, org, { familyName: 'Fremd' });
    await tweak(closed.caseId, { phase: 'closed', closed_on: today() });
    const consent = async (api: Api, clientId: string, values: Record<string, unknown>) => {
      const res = await api.post(`/api/clients/${clientId}/consents`, {
        givenBy: 'client',
        form: 'oral',
        witness: 'Kollegin',
        givenOn: day(-100),
        language: 'de',
        ...values,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; version: number };
    };
    const release = (name: string, validUntil: string) => ({
      kind: 'release',
      validUntil,
      recipient: { kind: 'organisation', name },
      purpose: 'referral',
      categories: ['master_data'],
    });
    await consent(cm, mine.clientId, release('Jobcenter', day(20)));
    await consent(cm, mine.clientId, release('Wohnungsamt', day(0)));
    await consent(cm, mine.clientId, release('Sprachschule', day(40)));
    await consent(cm, mine.clientId, release('Bereits abgelaufen', day(-1)));
    const revoked = await consent(cm, mine.clientId, release('Widerrufen', day(10)));
    const revoke = await cm.post(`/api/consents/${revoked.id}/revoke`, {
      version: revoked.version,
      revokedOn: today(),
      revokedBy: 'client',
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    // renewed: the same release again, valid for longer
    await consent(cm, mine.clientId, release('Beratungsstelle', day(5)));
    await consent(cm, mine.clientId, { ...release('Beratungsstelle', day(365)), givenOn: today() });
    await consent(cm, closed.clientId, release('Jobcenter', day(10)));
    await consent(other, theirs.clientId, release('Jobcenter', day(10)));

    const body = (await cm.get('/api/dashboard/case-manager')).json();
    expect(body.expiringConsents).toMatchObject({ total: 2, until: day(30) });
    expect(body.expiringConsents.items).toEqual([
      expect.objectContaining({
        kind: 'release',
        purpose: 'referral',
        recipientName: 'Wohnungsamt',
        validUntil: day(0),
        client: { id: mine.clientId, name: 'Haddad, Test' },
      }),
      expect.objectContaining({ recipientName: 'Jobcenter', validUntil: day(20) }),
    ]);
    const second = (await cm.get('/api/dashboard/case-manager?pageSize=1&consentsPage=2')).json();
    expect(second.expiringConsents.items.map((c: { recipientName: string }) => c.recipientName)).toEqual([
      'Jobcenter',
    ]);
    expect(second.expiringConsents.total).toBe(2);
    // A page past the end is empty and still tells the total (counted apart: no row carries it).
    const past = (await cm.get('/api/dashboard/case-manager?pageSize=1&consentsPage=5')).json();
    expect(past.expiringConsents).toMatchObject({ items: [], total: 2, page: 5 });
  });
});

describe('team lead', () => {
  async function setup() {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const lead = as(t.app, await signIn(t.app, org.users.team_lead.username));
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const second = await addUser(t.deps, org, ['case_manager']);
    const cm2 = as(t.app, await signIn(t.app, second.username));
    const elsewhere = await addUser(t.deps, org, ['case_manager'], [org.orgUnitIds[1]]);
    const cm3 = as(t.app, await signIn(t.app, elsewhere.username));
    return { org, admin, lead, cm, cm2, cm3, second, elsewhere };
  }

  it("shows the team of the lead's units: caseloads, overdue follow-ups, retention, phases, new cases", async () => {
    const { org, admin, lead, cm, cm2, cm3, second } = await setup();
    const settings = (await admin.get('/api/organisation')).json();
    expect(
      (
        await admin.patch('/api/organisation', {
          version: settings.version,
          caseloadWarnPerFte: 2,
          caseloadMaxPerFte: 3,
        })
      ).statusCode,
    ).toBe(200);

    const a = await openCase(cm, org, { familyName: 'Alpha' });
    const b = await openCase(cm, org, { familyName: 'Beta' });
    const c = await openCase(cm, org, { familyName: 'Gamma' });
    const d = await openCase(cm2, org, { familyName: 'Delta', kind: 'counselling' });
    const e = await openCase(cm2, org, { familyName: 'Epsilon' });
    const f = await openCase(cm3, org, { familyName: 'Zeta', unit: 1 });
    const g = await openCase(cm3, org, { familyName: 'Eta', unit: 1 });
    // follow-ups first: setting one counts as activity on the case
    for (const [api, caseId, due] of [
      [cm, a.caseId, day(-2)],
      [cm, a.caseId, day(-1)],
      [cm, b.caseId, day(3)],
      [cm2, d.caseId, day(-4)],
      [cm3, f.caseId, day(-4)],
    ] as const) {
      expect((await api.post('/api/follow-ups', { caseId, dueOn: due, text: 'Nachfassen' })).statusCode).toBe(
        201,
      );
    }

    const monthAgo = addDays(`${today().slice(0, 7)}-01`, -1);
    await tweak(a.caseId, { phase: 'assessment', opened_on: monthAgo });
    await tweak(b.caseId, {
      phase: 'planning',
      opened_on: day(-400),
      last_contact_on: day(-190),
      last_activity_at: `${day(-190)}T10:00:00.000Z`,
    });
    await tweak(c.caseId, {
      phase: 'monitoring',
      opened_on: day(-400),
      last_contact_on: day(-280),
      last_activity_at: `${day(-280)}T10:00:00.000Z`,
    });
    // closed today: anonymisation waits for the confirmations (anonymise after 0 days by default)
    await tweak(e.caseId, { phase: 'closed', closed_on: today() });
    // quiet cases of the other unit are not the lead's
    await tweak(f.caseId, {
      opened_on: day(-400),
      last_contact_on: day(-190),
      last_activity_at: `${day(-190)}T10:00:00.000Z`,
    });
    await tweak(g.caseId, { opened_on: monthAgo });

    const res = await lead.get('/api/dashboard/team-lead');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.orgUnits).toEqual([{ id: org.orgUnitIds[0], name: 'Team A' }]);

    // the team page's caseloads, as they are
    const team = (await lead.get('/api/caseloads')).json();
    expect(body.caseloads).toEqual(team);
    const loadOf = (id: string) =>
      body.caseloads.rows.find((r: { user: { id: string } }) => r.user.id === id) as Record<string, unknown>;
    expect(loadOf(org.users.case_manager.id)).toMatchObject({ runningCmCases: 3, perFte: 3, level: 'high' });
    expect(loadOf(second.id)).toMatchObject({ runningCmCases: 0, level: 'ok' });
    expect(body.caseloads.rows).toHaveLength(2);

    expect(body.overdueFollowUps).toEqual([
      { user: { id: org.users.case_manager.id, displayName: 'case_manager Test' }, count: 2 },
      { user: { id: second.id, displayName: `${second.username} Test` }, count: 1 },
    ]);
    expect(body.retention).toEqual({
      total: 3,
      byState: { review_due: 1, close_due: 1, awaiting_confirmation: 1, anonymise_due: 0 },
    });
    expect(body.phases).toEqual([
      { phase: 'intake', count: 1, byKind: { information: 0, counselling: 1, case_management: 0 } },
      { phase: 'assessment', count: 1, byKind: { information: 0, counselling: 0, case_management: 1 } },
      { phase: 'planning', count: 1, byKind: { information: 0, counselling: 0, case_management: 1 } },
      { phase: 'linking', count: 0, byKind: { information: 0, counselling: 0, case_management: 0 } },
      { phase: 'monitoring', count: 1, byKind: { information: 0, counselling: 0, case_management: 1 } },
      { phase: 'evaluation', count: 0, byKind: { information: 0, counselling: 0, case_management: 0 } },
    ]);
    expect(body.runningCases).toBe(4);
    // opened this month: d and e (e is closed, but was new this month); a opened last month
    expect(body.newThisMonth).toEqual({
      since: `${today().slice(0, 7)}-01`,
      total: 2,
      byKind: { information: 0, counselling: 1, case_management: 1 },
    });

    // no client anywhere in the answer
    for (const name of ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Test,'])
      expect(res.body).not.toContain(name);
    expect(res.body).not.toMatch(/clientName|familyName|client"/);

    const audits = await dashboardAudits(org.users.team_lead.id);
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]?.details ?? '{}')).toMatchObject({ view: 'team_lead', retention: 3 });
  });

  it('narrows to one of the own units and refuses units that are not the lead’s', async () => {
    const { org, lead } = await setup();
    const one = await lead.get(`/api/dashboard/team-lead?orgUnitId=${org.orgUnitIds[0]}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(problem(await lead.get(`/api/dashboard/team-lead?orgUnitId=${org.orgUnitIds[1]}`))).toMatchObject({
      status: 403,
    });
    const foreign = await createOrganisation(t.deps);
    expect(
      problem(await lead.get(`/api/dashboard/team-lead?orgUnitId=${foreign.orgUnitIds[0]}`)),
    ).toMatchObject({ status: 403 });
    expect((await lead.get('/api/dashboard/team-lead?orgUnitId=nope')).statusCode).toBe(400);

    // a team lead without units (possible only in the database: the users API asks for one) sees an empty view
    await t.deps.db.deleteFrom('user_org_units').where('user_id', '=', org.users.team_lead.id).execute();
    const bare = as(t.app, await signIn(t.app, org.users.team_lead.username));
    const empty = await bare.get('/api/dashboard/team-lead');
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ orgUnits: [], runningCases: 0, caseloads: { rows: [] } });
  });

  it("counts retention by each organisation's own periods, also next to an organisation with shorter ones", async () => {
    // The retention plan reads only cases that can be due by the shortest periods in scope, then applies each
    // organisation's own: a long-period organisation's quiet case must not count because another's are short.
    const patient = await setup();
    const hasty = await setup();
    await t.deps.db
      .updateTable('organisations')
      .set({ retention_review_after_days: 400, retention_close_after_days: 500 })
      .where('id', '=', patient.org.organisationId)
      .execute();
    await t.deps.db
      .updateTable('organisations')
      .set({ retention_review_after_days: 30, retention_close_after_days: 60 })
      .where('id', '=', hasty.org.organisationId)
      .execute();
    const quietSince = (days: number) => ({
      phase: 'monitoring' as const,
      opened_on: day(-days - 10),
      last_contact_on: day(-days),
      last_activity_at: `${day(-days)}T10:00:00.000Z`,
    });
    const patientQuiet = await openCase(patient.cm, patient.org);
    const patientLong = await openCase(patient.cm, patient.org);
    const hastyQuiet = await openCase(hasty.cm, hasty.org);
    await tweak(patientQuiet.caseId, quietSince(190));
    await tweak(patientLong.caseId, quietSince(420));
    await tweak(hastyQuiet.caseId, quietSince(45));

    const installation = await retentionPlan(t.deps.db, today());
    const stateOf = (caseId: string) => installation.find((i) => i.caseId === caseId)?.state ?? 'active';
    expect(stateOf(patientQuiet.caseId)).toBe('active');
    expect(stateOf(patientLong.caseId)).toBe('review_due');
    expect(stateOf(hastyQuiet.caseId)).toBe('review_due');

    const board = (await patient.lead.get('/api/dashboard/team-lead')).json();
    expect(board.retention).toMatchObject({ total: 1, byState: { review_due: 1, close_due: 0 } });
    const hastyBoard = (await hasty.lead.get('/api/dashboard/team-lead')).json();
    expect(hastyBoard.retention).toMatchObject({ total: 1, byState: { review_due: 1 } });
  });
});

describe('planning level', () => {
  async function setup() {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const planner = as(t.app, await signIn(t.app, org.users.planner.username));
    return { org, cm, planner };
  }

  // Evaluations, partners, offers, referrals and gap reports are inserted with the test database handle: the
  // figures below depend on exact dates and values (waiting days, periods) that the APIs date to today.
  async function evaluate(
    org: TestOrganisation,
    caseId: string,
    values: { on?: string; life?: string | null; satisfaction?: Record<string, number | null> },
  ) {
    const at = t.clock.now().toISOString();
    await t.deps.db
      .insertInto('case_evaluations')
      .values({
        id: newId(),
        organisation_id: org.organisationId,
        case_id: caseId,
        evaluated_on: values.on ?? day(-10),
        ended_by: 'both',
        life_situation: values.life === undefined ? 'yes' : values.life,
        satisfaction: JSON.stringify(values.satisfaction ?? {}),
        satisfaction_mode: 'with_client',
        satisfaction_language: 'de',
        methods: '[]',
        destination: null,
        gaps_found: null,
        summary: null,
        follow_up_offered: false,
        follow_up_id: null,
        created_by: org.users.case_manager.id,
        updated_by: org.users.case_manager.id,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
  }

  async function partnerWithOffer(
    org: TestOrganisation,
    field: string | null,
  ): Promise<[string, string | null]> {
    const at = t.clock.now().toISOString();
    const partnerId = newId();
    await t.deps.db
      .insertInto('partners')
      .values({
        id: partnerId,
        organisation_id: org.organisationId,
        name: `Partner ${field ?? 'ohne'}`,
        type: 'other',
        street: null,
        postal_code: null,
        city: null,
        district: null,
        phone: null,
        email: null,
        website: null,
        notes: null,
        archived_at: null,
        created_by: org.users.org_admin.id,
        updated_by: org.users.org_admin.id,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    if (field === null) return [partnerId, null];
    const offerId = newId();
    await t.deps.db
      .insertInto('offers')
      .values({
        id: offerId,
        partner_id: partnerId,
        organisation_id: org.organisationId,
        title: `Angebot ${field}`,
        description: null,
        field,
        target_groups: '[]',
        age_min: null,
        age_max: null,
        languages: '[]',
        district: null,
        cost_bearer: null,
        capacity: null,
        free_places: null,
        waiting_days: null,
        valid_from: null,
        valid_to: null,
        archived_at: null,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    return [partnerId, offerId];
  }

  async function refer(
    org: TestOrganisation,
    kase: { caseId: string; clientId: string },
    [partnerId, offerId]: [string, string | null],
    requestedOn: string,
    startedOn: string | null,
  ) {
    const at = t.clock.now().toISOString();
    await t.deps.db
      .insertInto('referrals')
      .values({
        id: newId(),
        organisation_id: org.organisationId,
        case_id: kase.caseId,
        client_id: kase.clientId,
        plan_step_id: null,
        partner_id: partnerId,
        offer_id: offerId,
        status: startedOn ? 'started' : 'requested',
        requested_on: requestedOn,
        accepted_on: null,
        started_on: startedOn,
        ended_on: null,
        barriers: '[]',
        barrier_note: null,
        partner_feedback: null,
        note: null,
        categories: '[]',
        disclosure_id: null,
        created_by: org.users.case_manager.id,
        updated_by: org.users.case_manager.id,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
  }

  async function gap(org: TestOrganisation, field: string, status: string, reportedOn = day(-20)) {
    const at = t.clock.now().toISOString();
    await t.deps.db
      .insertInto('gap_reports')
      .values({
        id: newId(),
        organisation_id: org.organisationId,
        need: `Bedarf ${field}`,
        field,
        target_group: null,
        district: null,
        urgency: 'medium',
        description: null,
        source: 'standalone',
        status,
        outcome: status === 'closed' ? 'solved' : null,
        reported_on: reportedOn,
        created_by: org.users.case_manager.id,
        updated_by: org.users.case_manager.id,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
  }

  it('shows gap reports, evaluation results and referrals of the last twelve months, small counts suppressed', async () => {
    const { org, cm, planner } = await setup();
    const cases: Awaited<ReturnType<typeof openCase>>[] = [];
    for (let i = 0; i < 9; i += 1) cases.push(await openCase(cm, org, { familyName: `Planungsfall${i}` }));
    const at = (i: number) => {
      const found = cases[i];
      if (!found) throw new Error(`no case ${i}`);
      return found;
    };
    // evaluations: seven in the period, one older, one of another organisation
    const sat = (general: number, course: number | null) => ({
      general,
      course,
      results: null,
      expectations: null,
      mandate: null,
    });
    await evaluate(org, at(0).caseId, { life: 'yes', satisfaction: sat(5, 4) });
    await evaluate(org, at(1).caseId, { life: 'yes', satisfaction: sat(4, 4) });
    await evaluate(org, at(2).caseId, { life: 'yes', satisfaction: sat(4, 5) });
    await evaluate(org, at(3).caseId, { life: 'yes', satisfaction: sat(3, 3) });
    await evaluate(org, at(4).caseId, { life: 'yes', satisfaction: sat(5, null) });
    await evaluate(org, at(5).caseId, { life: 'partly', satisfaction: sat(4, null) });
    await evaluate(org, at(6).caseId, { life: 'partly', satisfaction: sat(2, null) });
    await evaluate(org, at(7).caseId, { on: day(-800), life: 'no', satisfaction: sat(1, 1) });
    const foreign = await createOrganisation(t.deps);
    const foreignCm = as(t.app, await signIn(t.app, foreign.users.case_manager.username));
    const foreignCase = await openCase(foreignCm, foreign);
    await evaluate(foreign, foreignCase.caseId, { life: 'no', satisfaction: sat(1, 1) });

    // referrals: housing 6 (5 started after 10…50 days), health 2, one to a partner without an offer
    const housing = await partnerWithOffer(org, 'housing');
    const health = await partnerWithOffer(org, 'health');
    const bare = await partnerWithOffer(org, null);
    for (const [i, wait] of [10, 20, 30, 40, 50].entries())
      await refer(org, at(i), housing, day(-100), day(-100 + wait));
    await refer(org, at(5), housing, day(-5), null);
    await refer(org, at(6), health, day(-60), day(-30));
    await refer(org, at(7), health, day(-60), null);
    await refer(org, at(8), bare, day(-60), null);
    await refer(org, at(8), housing, day(-800), day(-700));

    // gap reports: counted exactly (they count reports, not people)
    await gap(org, 'housing', 'reported');
    await gap(org, 'housing', 'reported');
    await gap(org, 'housing', 'closed');
    await gap(org, 'language', 'under_review');
    await gap(org, 'language', 'under_review', day(-800));

    const res = await planner.get('/api/dashboard/planner');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.minCount).toBe(5);
    expect(body.period.to).toBe(today());
    expect(body.period.from.slice(8)).toBe('01');

    expect(body.gaps).toEqual({
      total: 4,
      byStatus: { reported: 2, under_review: 1, in_planning: 0, closed: 1 },
      byField: [
        {
          field: 'language',
          reports: 1,
          byStatus: { reported: 0, under_review: 1, in_planning: 0, closed: 0 },
        },
        {
          field: 'housing',
          reports: 3,
          byStatus: { reported: 2, under_review: 0, in_planning: 0, closed: 1 },
        },
      ],
    });

    expect(body.evaluations.total).toBe(7);
    expect(body.evaluations.satisfaction).toEqual([
      { dimension: 'general', average: 3.9, answers: 7 },
      { dimension: 'course', average: null, answers: null },
      { dimension: 'results', average: null, answers: 0 },
      { dimension: 'expectations', average: null, answers: 0 },
      { dimension: 'mandate', average: null, answers: 0 },
    ]);
    // partly (2) is below 5; as the total is shown, yes (5) is suppressed with it
    expect(body.evaluations.lifeSituation).toEqual([
      { value: 'yes', count: null },
      { value: 'partly', count: null },
      { value: 'no', count: 0 },
      { value: null, count: 0 },
    ]);

    expect(body.referrals.byField).toEqual([
      { field: 'housing', referrals: 6, started: null, averageWaitingDays: 30 },
      { field: 'health', referrals: null, started: null, averageWaitingDays: null },
      { field: null, referrals: null, started: 0, averageWaitingDays: null },
    ]);
    expect(body.referrals.total).toEqual({ referrals: 9, started: 6, averageWaitingDays: 30 });

    // never a person: no names, no case or client ids
    for (const c of cases) {
      expect(res.body).not.toContain(c.familyName);
      expect(res.body).not.toContain(c.caseId);
      expect(res.body).not.toContain(c.clientId);
    }
    expect(res.body).not.toMatch(/case_manager Test|clientName|caseNumber/);
  });

  it("follows the organisation's threshold (never below 3)", async () => {
    const { org, cm, planner } = await setup();
    const cases: Awaited<ReturnType<typeof openCase>>[] = [];
    for (let i = 0; i < 4; i += 1) cases.push(await openCase(cm, org));
    for (const c of cases)
      await evaluate(org, c.caseId, {
        life: c === cases[0] ? 'no' : 'yes',
        satisfaction: { general: 4, course: 2 },
      });
    await t.deps.db
      .updateTable('organisations')
      .set({ stats_min_count: 3 })
      .where('id', '=', org.organisationId)
      .execute();
    const body = (await planner.get('/api/dashboard/planner')).json();
    expect(body.minCount).toBe(3);
    expect(body.evaluations.total).toBe(4);
    expect(body.evaluations.satisfaction[0]).toEqual({ dimension: 'general', average: 4, answers: 4 });
    expect(body.evaluations.satisfaction[1]).toEqual({ dimension: 'course', average: 2, answers: 4 });
    // no (1) is below 3 and would be total − yes: yes goes too
    expect(body.evaluations.lifeSituation.map((l: { count: number | null }) => l.count)).toEqual([
      null,
      0,
      null,
      0,
    ]);

    // an empty organisation: zeros and no averages
    const empty = await createOrganisation(t.deps);
    const other = as(t.app, await signIn(t.app, empty.users.planner.username));
    const none = (await other.get('/api/dashboard/planner')).json();
    expect(none.gaps).toMatchObject({ total: 0, byField: [] });
    expect(none.evaluations.total).toBe(0);
    expect(none.referrals).toEqual({
      byField: [],
      total: { referrals: 0, started: 0, averageWaitingDays: null },
    });
  });
});
