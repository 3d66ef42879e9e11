import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../core/clock.js';
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
const today = () => localDate(new Date());

async function signedIn(org: TestOrganisation) {
  const session = async (role: keyof TestOrganisation['users']) =>
    as(t.app, await signIn(t.app, org.users[role].username));
  return {
    cm: await session('case_manager'),
    lead: await session('team_lead'),
    admin: await session('org_admin'),
    planner: await session('planner'),
    dpo: await session('dpo'),
  };
}

/** A client with a case in the organisation's first unit. */
async function openCase(
  cm: Api,
  org: TestOrganisation,
  familyName: string,
  givenNames: string,
  birthDate: string,
) {
  const client = await cm.post('/api/clients', {
    familyName,
    givenNames,
    birthDate,
    gender: 'female',
    consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today(), language: 'de' },
  });
  expect(client.statusCode, client.body).toBe(201);
  const c = await cm.post('/api/cases', {
    clientId: client.json().id,
    kind: 'case_management',
    orgUnitId: org.orgUnitIds[0],
    intake: { accessRoute: 'self' },
  });
  expect(c.statusCode, c.body).toBe(201);
  return { caseId: c.json().id as string, caseNumber: c.json().caseNumber as string };
}

async function setup() {
  const org = await createOrganisation(t.deps);
  const api = await signedIn(org);
  const samira = await openCase(api.cm, org, 'Al-Hassan', 'Samira', '2004-05-06');
  return { org, ...api, ...samira };
}

async function report(api: Api, body: Record<string, unknown>) {
  const res = await api.post('/api/gap-reports', { field: 'education', urgency: 'medium', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A plan with one step that has no fitting offer; returns the step's id. */
async function stepWithoutOffer(cm: Api, caseId: string): Promise<string> {
  const res = await cm.put(`/api/cases/${caseId}/plan`, {
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
      {
        wording: 'Kinderbetreuung ist gesichert',
        indicator: 'Kind besucht die Kita',
        status: 'active',
        steps: [{ what: 'Kitaplatz finden', who: 'case_manager', status: 'open', offerAvailable: false }],
      },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().plan.goals[0].steps[0].id as string;
}

describe('gap reports from the case level', () => {
  it('reports from a plan step, a journal entry and on its own; the case team sees its links, the audit records each', async () => {
    const { cm, caseId } = await setup();
    const stepId = await stepWithoutOffer(cm, caseId);
    const fromStep = await report(cm, {
      caseId,
      planStepId: stepId,
      need: '  Kitaplatz   für unter Dreijährige ',
      targetGroup: 'Alleinerziehende',
      district: 'Nord',
      urgency: 'high',
      description: 'Im Stadtteil Nord gibt es keine freien Plätze für U3.',
    });
    expect(fromStep).toMatchObject({
      need: 'Kitaplatz für unter Dreijährige',
      source: 'plan_step',
      status: 'reported',
      outcome: null,
      reportedOn: today(),
      caseCount: 1,
      version: 1,
      createdBy: { displayName: 'case_manager Test' },
      history: [expect.objectContaining({ statusFrom: null, statusTo: 'reported' })],
      comments: [],
      allowedMoves: [],
      permissions: { edit: true, changeStatus: false, comment: false, link: true },
    });

    const entry = await cm.post(`/api/cases/${caseId}/journal`, {
      kind: 'phone',
      occurredOn: today(),
      text: 'Sprachkurs B2 abends nicht verfügbar',
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const fromJournal = await report(cm, {
      caseId,
      journalEntryId: entry.json().id,
      need: 'Abendkurs Deutsch B2',
      field: 'language',
    });
    expect(fromJournal).toMatchObject({ source: 'journal', caseCount: 1 });
    const standalone = await report(cm, { need: 'Schuldnerberatung in Arabisch', field: 'livelihood' });
    expect(standalone).toMatchObject({ source: 'standalone', caseCount: 0 });

    const ofCase = (await cm.get(`/api/cases/${caseId}/gap-reports`)).json().items;
    expect(ofCase.map((r: { id: string }) => r.id).sort()).toEqual([fromStep.id, fromJournal.id].sort());
    expect(ofCase.find((r: { id: string }) => r.id === fromStep.id).link).toMatchObject({
      planStepId: stepId,
      journalEntryId: null,
    });

    // a step of no plan of this case is an unknown reference; a step needs its case
    const foreignStep = await cm.post('/api/gap-reports', {
      caseId,
      planStepId: '00000000-0000-4000-8000-000000000009',
      need: 'x',
      field: 'other',
      urgency: 'low',
    });
    expect(problem(foreignStep).errors).toEqual([
      expect.objectContaining({ pointer: '/planStepId', code: 'unknown-reference' }),
    ]);
    const stepWithoutCase = await cm.post('/api/gap-reports', {
      planStepId: stepId,
      need: 'x',
      field: 'other',
      urgency: 'low',
    });
    expect(problem(stepWithoutCase).errors).toEqual([
      expect.objectContaining({ pointer: '/caseId', code: 'required' }),
    ]);

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', '=', fromStep.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['gap_report.create']);
    expect(JSON.parse(String(audit[0]?.details))).toMatchObject({
      source: 'plan_step',
      caseId,
      planStepId: stepId,
      confirmedPersonalData: false,
    });
    expect(String(audit[0]?.details)).not.toContain('Kitaplatz');
  });

  it('warns when a text names the client or gives the birth date; stores only after confirmation', async () => {
    const { cm, caseId } = await setup();
    const body = {
      caseId,
      need: 'Kitaplatz',
      field: 'education',
      urgency: 'medium',
      description: 'Frau al-hassan sucht seit März einen Platz.',
    };
    const warned = await cm.post('/api/gap-reports', body);
    expect(warned.statusCode).toBe(409);
    expect(problem(warned)).toMatchObject({
      code: 'confirmation-required',
      errors: [{ pointer: '/description', code: 'contains-personal-data' }],
    });
    expect(warned.body).not.toContain('al-hassan');
    const birth = await cm.post('/api/gap-reports', {
      ...body,
      need: 'Kita (geb. 6.5.2004)',
      description: null,
    });
    expect(problem(birth).errors).toEqual([
      expect.objectContaining({ pointer: '/need', code: 'contains-personal-data' }),
    ]);
    expect((await cm.get(`/api/cases/${caseId}/gap-reports`)).json().items).toEqual([]);

    const kept = await report(cm, { ...body, confirm: true });
    expect(kept.description).toBe('Frau al-hassan sucht seit März einen Platz.');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', kept.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(audit.details))).toMatchObject({ confirmedPersonalData: true });

    // correcting the text is checked the same way
    const edit = { need: 'Kitaplatz', field: 'education', urgency: 'medium', version: kept.version };
    const named = await cm.put(`/api/gap-reports/${kept.id}`, { ...edit, description: 'Samira wartet.' });
    expect(problem(named)).toMatchObject({ code: 'confirmation-required' });
    const cleaned = await cm.put(`/api/gap-reports/${kept.id}`, {
      ...edit,
      description: 'Wartet seit März.',
    });
    expect(cleaned.statusCode, cleaned.body).toBe(200);
    expect(cleaned.json()).toMatchObject({ description: 'Wartet seit März.', version: 2 });
  });

  it('from a theme of a case conference: the theme is linked to the report', async () => {
    const { org, cm, caseId } = await setup();
    const conf = await cm.post(`/api/cases/${caseId}/conferences`, {
      kind: 'helpers',
      heldOn: today(),
      anonymous: true,
      categories: [],
      participants: [{ kind: 'internal', userId: org.users.case_manager.id }],
    });
    expect(conf.statusCode, conf.body).toBe(201);
    const held = await cm.post(`/api/conferences/${conf.json().id}/minutes`, {
      version: conf.json().version,
      minutes: 'Helferkonferenz',
      actions: [],
      themes: [{ text: 'Keine Ferienbetreuung für Schulkinder', field: 'education' }],
    });
    expect(held.statusCode, held.body).toBe(200);
    const themeId = held.json().themes[0].id as string;
    const created = await report(cm, { themeId, need: 'Ferienbetreuung für Schulkinder' });
    expect(created).toMatchObject({ source: 'conference', caseCount: 1 });
    const links = (await cm.get(`/api/cases/${caseId}/gap-reports`)).json().items;
    expect(links[0].link.conferenceId).toBe(conf.json().id);
    expect((await cm.get(`/api/conferences/${conf.json().id}`)).json().themes[0].gapReportId).toBe(
      created.id,
    );
  });

  it('links further cases once each ("betrifft auch diesen Fall"), not to a closed report', async () => {
    const { org, cm, planner, caseId } = await setup();
    const second = await openCase(cm, org, 'Kowalski', 'Jan', '2001-02-03');
    const created = await report(cm, { caseId, need: 'Kitaplatz' });
    const linked = await cm.post(`/api/gap-reports/${created.id}/cases`, { caseId: second.caseId });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json().caseCount).toBe(2);
    const again = await cm.post(`/api/gap-reports/${created.id}/cases`, { caseId: second.caseId });
    expect(again.statusCode).toBe(200);
    expect(again.json().caseCount).toBe(2);
    expect((await planner.post(`/api/gap-reports/${created.id}/cases`, { caseId })).statusCode).toBe(403);

    const closed = await planner.post(`/api/gap-reports/${created.id}/status`, {
      status: 'closed',
      outcome: 'solved',
      version: 1,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const third = await openCase(cm, org, 'Nowak', 'Ewa', '1999-09-09');
    const late = await cm.post(`/api/gap-reports/${created.id}/cases`, { caseId: third.caseId });
    expect(problem(late).code).toBe('gap-report-closed');
  });
});

describe('the planning level', () => {
  it('moves the status step by step with comments; refuses skipped steps, other roles and stale versions', async () => {
    const { org, cm, lead, admin, planner, dpo, caseId } = await setup();
    const created = await report(cm, { caseId, need: 'Kitaplatz' });
    const id = created.id as string;

    expect(
      (await cm.post(`/api/gap-reports/${id}/status`, { status: 'under_review', version: 1 })).statusCode,
    ).toBe(403);
    expect((await lead.post(`/api/gap-reports/${id}/comments`, { text: 'x' })).statusCode).toBe(403);
    expect((await dpo.get(`/api/gap-reports/${id}`)).statusCode).toBe(403);
    expect((await dpo.get('/api/gap-reports')).statusCode).toBe(403);
    expect((await dpo.get('/api/planning/gaps')).statusCode).toBe(403);
    expect((await cm.get('/api/planning/gaps')).statusCode).toBe(403);

    const skipped = await planner.post(`/api/gap-reports/${id}/status`, {
      status: 'in_planning',
      version: 1,
    });
    expect(problem(skipped)).toMatchObject({ code: 'status-change-not-allowed' });
    expect(skipped.json().allowed).toEqual(['under_review', 'closed']);

    const review = await planner.post(`/api/gap-reports/${id}/status`, {
      status: 'under_review',
      comment: 'Wird in der AG Kinderbetreuung besprochen.',
      version: 1,
    });
    expect(review.statusCode, review.body).toBe(200);
    expect(review.json()).toMatchObject({
      status: 'under_review',
      version: 2,
      allowedMoves: ['in_planning', 'closed'],
      permissions: { edit: false, changeStatus: true, comment: true, link: false },
    });
    // the author can no longer change it
    const late = await cm.put(`/api/gap-reports/${id}`, {
      need: 'Kitaplatz U3',
      field: 'education',
      urgency: 'high',
      version: 2,
    });
    expect(problem(late).code).toBe('gap-report-locked');

    const stale = await planner.post(`/api/gap-reports/${id}/status`, { status: 'in_planning', version: 1 });
    expect(problem(stale)).toMatchObject({ code: 'version-conflict' });

    const comment = await admin.post(`/api/gap-reports/${id}/comments`, {
      text: 'Bedarfsplanung 2027 prüfen',
    });
    expect(comment.statusCode, comment.body).toBe(201);
    const planning = await planner.post(`/api/gap-reports/${id}/status`, {
      status: 'in_planning',
      version: 2,
    });
    expect(planning.statusCode, planning.body).toBe(200);
    const noReason = await planner.post(`/api/gap-reports/${id}/status`, {
      status: 'closed',
      outcome: 'declined',
      version: 3,
    });
    expect(problem(noReason).errors).toEqual([
      expect.objectContaining({ pointer: '/comment', code: 'required' }),
    ]);
    const declined = await admin.post(`/api/gap-reports/${id}/status`, {
      status: 'closed',
      outcome: 'declined',
      comment: 'Kein Träger gefunden; erneut 2027.',
      version: 3,
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const view = (await cm.get(`/api/gap-reports/${id}`)).json();
    expect(view).toMatchObject({ status: 'closed', outcome: 'declined', allowedMoves: [] });
    expect(view.history.map((h: { statusTo: string }) => h.statusTo)).toEqual([
      'reported',
      'under_review',
      'in_planning',
      'closed',
    ]);
    expect(view.comments.map((c: { text: string }) => c.text)).toEqual([
      'Wird in der AG Kinderbetreuung besprochen.',
      'Bedarfsplanung 2027 prüfen',
      'Kein Träger gefunden; erneut 2027.',
    ]);
    const reopen = await planner.post(`/api/gap-reports/${id}/status`, { status: 'reported', version: 4 });
    expect(problem(reopen).code).toBe('status-change-not-allowed');

    const actions = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'gap_report.create',
      'gap_report.status',
      'gap_report.comment',
      'gap_report.status',
      'gap_report.status',
    ]);
    expect(org).toBeDefined();
  });

  it('the author or a team lead corrects a report while it is reported; other colleagues may not', async () => {
    const { org, cm, lead, caseId } = await setup();
    const created = await report(cm, { caseId, need: 'Kitaplatz' });
    const colleague = as(t.app, await signIn(t.app, (await addUser(t.deps, org, ['case_manager'])).username));
    const body = { need: 'Kitaplatz U3', field: 'education', urgency: 'high', version: 1 };
    expect((await colleague.put(`/api/gap-reports/${created.id}`, body)).statusCode).toBe(403);
    const byLead = await lead.put(`/api/gap-reports/${created.id}`, body);
    expect(byLead.statusCode, byLead.body).toBe(200);
    const stale = await cm.put(`/api/gap-reports/${created.id}`, { ...body, urgency: 'low' });
    expect(problem(stale)).toMatchObject({ code: 'version-conflict' });
  });

  it('bundles reports from several cases by need, field and district with counts — no names or case ids anywhere', async () => {
    const { org, cm, planner, caseId, caseNumber } = await setup();
    const b = await openCase(cm, org, 'Kowalski', 'Janusz', '2001-02-03');
    const c = await openCase(cm, org, 'Okafor', 'Chidi', '1998-11-12');
    const kita = await report(cm, { caseId, need: 'Kitaplatz U3', district: 'Nord' });
    await cm.post(`/api/gap-reports/${kita.id}/cases`, { caseId: b.caseId });
    await report(cm, { caseId: c.caseId, need: ' kitaplatz  u3 ', district: 'nord', urgency: 'high' });
    await report(cm, { caseId: b.caseId, need: 'Abendkurs B2', field: 'language', district: 'Süd' });
    await report(cm, { need: 'Übersetzung beim Arzt', field: 'health' });
    await report(cm, { caseId, need: 'übersetzung beim arzt', field: 'health', district: 'Nord' });
    // an older report, three months back
    const old = await report(cm, { caseId: c.caseId, need: 'Abendkurs B2', field: 'language' });
    const threeMonthsAgo = addDays(today(), -92);
    await t.deps.db
      .updateTable('gap_reports')
      .set({ reported_on: threeMonthsAgo })
      .where('id', '=', old.id)
      .execute();
    await planner.post(`/api/gap-reports/${kita.id}/status`, { status: 'under_review', version: 1 });

    const byNeed = await planner.get('/api/planning/gaps?groupBy=need');
    expect(byNeed.statusCode, byNeed.body).toBe(200);
    const needs = byNeed.json();
    expect(needs).toMatchObject({ groupBy: 'need', total: 3, totals: { reports: 6, cases: 3 } });
    expect(needs.months).toHaveLength(12);
    const own = await t.deps.db
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', org.organisationId)
      .executeTakeFirstOrThrow();
    expect(needs.organisations).toEqual([{ id: org.organisationId, name: own.name }]);
    const bundle = (key: string) => needs.items.find((x: { key: string }) => x.key === key);
    expect(bundle('kitaplatz u3')).toMatchObject({
      reports: 2,
      cases: 3,
      byStatus: { reported: 1, under_review: 1, in_planning: 0, closed: 0 },
      byOrganisation: [{ id: org.organisationId, reports: 2 }],
    });
    expect(bundle('übersetzung beim arzt')).toMatchObject({ reports: 2, cases: 1 });
    const evening = bundle('abendkurs b2');
    expect(evening).toMatchObject({ reports: 2, cases: 2 });
    const trend = Object.fromEntries(
      evening.trend.map((m: { month: string; reports: number }) => [m.month, m.reports]),
    );
    expect(trend[today().slice(0, 7)]).toBe(1);
    expect(trend[threeMonthsAgo.slice(0, 7)]).toBe(1);
    expect(needs.items[0].reports).toBeGreaterThanOrEqual(needs.items[2].reports);

    const byField = (await planner.get('/api/planning/gaps?groupBy=field')).json();
    expect(
      Object.fromEntries(
        byField.items.map((x: { key: string; reports: number; cases: number }) => [
          x.key,
          [x.reports, x.cases],
        ]),
      ),
    ).toEqual({ education: [2, 3], language: [2, 2], health: [2, 1] });
    const byDistrict = (await planner.get('/api/planning/gaps?groupBy=district')).json();
    expect(byDistrict.items.map((x: { key: string | null; reports: number }) => [x.key, x.reports])).toEqual([
      ['nord', 3],
      [null, 2],
      ['süd', 1],
    ]);
    const reported = (await planner.get('/api/planning/gaps?groupBy=field&status=reported')).json();
    expect(reported.totals.reports).toBe(5);
    const lastMonth = (
      await planner.get(`/api/planning/gaps?groupBy=need&from=${addDays(today(), -10)}&to=${today()}`)
    ).json();
    expect(lastMonth.totals.reports).toBe(5);

    // the planner opens the reports behind a bundle
    const behind = (await planner.get('/api/gap-reports?need=KITAPLATZ%20U3')).json();
    expect(behind.total).toBe(2);
    expect(behind.items.map((r: { caseCount: number }) => r.caseCount).sort()).toEqual([1, 2]);

    for (const res of [
      byNeed,
      await planner.get('/api/planning/gaps?groupBy=field'),
      await planner.get('/api/gap-reports'),
      await planner.get(`/api/gap-reports/${kita.id}`),
    ]) {
      for (const secret of [
        'Al-Hassan',
        'Samira',
        'Kowalski',
        'Okafor',
        caseId,
        b.caseId,
        c.caseId,
        caseNumber,
        b.caseNumber,
      ]) {
        expect(res.body).not.toContain(secret);
      }
    }
    expect((await planner.get('/api/planning/gaps?from=2026-05-01&to=2026-04-01')).statusCode).toBe(400);
  });

  it('exports CSV and XLSX with the numbers of the screen, German headers, as an attachment', async () => {
    const { org, cm, planner, caseId } = await setup();
    const b = await openCase(cm, org, 'Kowalski', 'Janusz', '2001-02-03');
    await report(cm, { caseId, need: 'Kitaplatz U3', district: 'Nord' });
    await report(cm, { caseId: b.caseId, need: 'Kitaplatz U3', district: 'Nord', field: 'education' });
    await report(cm, { caseId: b.caseId, need: 'Abendkurs B2', field: 'language' });
    const screen = (await planner.get('/api/planning/gaps?groupBy=field')).json();

    const csv = await planner.get('/api/planning/gaps/export?groupBy=field&format=csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="fehlende-hilfebausteine-.*\.csv"$/,
    );
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(';'));
    expect(lines[0]?.slice(0, 7)).toEqual([
      'Handlungsfeld',
      'Meldungen',
      'Fälle',
      'gemeldet',
      'in Prüfung',
      'in Planung',
      'abgeschlossen',
    ]);
    expect(lines[0]?.slice(7)).toEqual(screen.months);
    const rows = lines.slice(1).map((l) => [l[0], ...l.slice(1).map(Number)]);
    expect(rows).toEqual(
      screen.items.map(
        (x: {
          reports: number;
          cases: number;
          byStatus: Record<string, number>;
          trend: { reports: number }[];
          key: string;
        }) => [
          { education: 'Bildung', language: 'Sprache' }[x.key],
          x.reports,
          x.cases,
          x.byStatus.reported,
          x.byStatus.under_review,
          x.byStatus.in_planning,
          x.byStatus.closed,
          ...x.trend.map((m) => m.reports),
        ],
      ),
    );

    const xlsx = await planner.get('/api/planning/gaps/export?groupBy=field&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toMatch(/\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const values: unknown[][] = [];
    sheet?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]?.[0]).toBe('Handlungsfeld');
    expect(values.slice(1)).toEqual(rows);

    // English headers on request
    const english = await t.app.inject({
      method: 'GET',
      url: '/api/planning/gaps/export?groupBy=need&format=csv',
      headers: { cookie: (await signIn(t.app, org.users.planner.username)).cookie, 'accept-language': 'en' },
    });
    expect(
      english.body
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0]
        ?.split(',')
        .slice(0, 3),
    ).toEqual(['Need', 'Reports', 'Cases']);
    for (const secret of ['Al-Hassan', 'Samira', 'Kowalski', caseId, b.caseId]) {
      expect(csv.body).not.toContain(secret);
    }
  });

  it("the coordination office sees the organisations that share aggregates, with their names; another's reports answer 404", async () => {
    const a = await setup(); // shares its aggregates
    const b = await setup(); // does not
    const office = await createOrganisation(t.deps);
    const officeApi = await signedIn(office);
    await t.deps.db
      .updateTable('organisations')
      .set({ shares_aggregates: true })
      .where('id', '=', a.org.organisationId)
      .execute();
    await t.deps.db
      .updateTable('organisations')
      .set({ coordination_office: true })
      .where('id', '=', office.organisationId)
      .execute();
    const fromA = await report(a.cm, { caseId: a.caseId, need: 'Kitaplatz U3' });
    const fromB = await report(b.cm, { caseId: b.caseId, need: 'Kitaplatz U3' });
    const own = await report(officeApi.lead, { need: 'Kitaplatz U3', field: 'education' });

    const planning = (await officeApi.planner.get('/api/planning/gaps?groupBy=need')).json();
    expect(planning.organisations.map((o: { id: string }) => o.id).sort()).toEqual(
      [a.org.organisationId, office.organisationId].sort(),
    );
    const kita = planning.items.find((x: { key: string }) => x.key === 'kitaplatz u3');
    expect(kita).toMatchObject({ reports: 2, cases: 1 });
    expect(kita.byOrganisation.map((o: { id: string; name: string }) => o.id).sort()).toEqual(
      [a.org.organisationId, office.organisationId].sort(),
    );
    expect(kita.byOrganisation.every((o: { name: string }) => o.name.startsWith('Testträger'))).toBe(true);
    const onlyA = (
      await officeApi.planner.get(`/api/planning/gaps?groupBy=need&organisationId=${a.org.organisationId}`)
    ).json();
    expect(onlyA.totals.reports).toBe(1);
    expect(
      (await officeApi.planner.get(`/api/planning/gaps?organisationId=${b.org.organisationId}`)).statusCode,
    ).toBe(400);

    const list = (await officeApi.planner.get('/api/gap-reports')).json();
    expect(list.items.map((r: { id: string }) => r.id).sort()).toEqual([fromA.id, own.id].sort());
    const read = (await officeApi.planner.get(`/api/gap-reports/${fromA.id}`)).json();
    expect(read).toMatchObject({ organisation: { id: a.org.organisationId }, createdBy: null, caseCount: 1 });
    const moved = await officeApi.planner.post(`/api/gap-reports/${fromA.id}/status`, {
      status: 'under_review',
      comment: 'Koordinierungsstelle prüft stadtweit.',
      version: 1,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    // the reporting organisation reads the coordination office's comment
    expect((await a.cm.get(`/api/gap-reports/${fromA.id}`)).json().comments[0].text).toBe(
      'Koordinierungsstelle prüft stadtweit.',
    );

    // not shared, or not the planner: 404
    for (const [api, id] of [
      [officeApi.planner, fromB.id],
      [officeApi.cm, fromA.id],
      [a.planner, fromB.id],
      [a.planner, own.id],
    ] as const) {
      expect((await api.get(`/api/gap-reports/${id}`)).statusCode).toBe(404);
    }
    expect(
      (
        await b.planner.post(`/api/gap-reports/${fromA.id}/status`, {
          status: 'closed',
          outcome: 'solved',
          version: 2,
        })
      ).statusCode,
    ).toBe(404);
    expect((await b.planner.post(`/api/gap-reports/${fromA.id}/comments`, { text: 'x' })).statusCode).toBe(
      404,
    );
    expect(
      (
        await b.cm.put(`/api/gap-reports/${fromA.id}`, {
          need: 'x',
          field: 'other',
          urgency: 'low',
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect((await b.cm.post(`/api/gap-reports/${fromA.id}/cases`, { caseId: b.caseId })).statusCode).toBe(
      404,
    );
    expect((await b.cm.get(`/api/cases/${a.caseId}/gap-reports`)).statusCode).toBe(404);
    // organisation A's own planner sees only A
    const planningA = (await a.planner.get('/api/planning/gaps')).json();
    expect(planningA.organisations.map((o: { id: string }) => o.id)).toEqual([a.org.organisationId]);
    expect(planningA.totals.reports).toBe(1);
  });
});
