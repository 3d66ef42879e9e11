import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
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
import { insertGapReport, insertPartner, seedCases, type CaseSeed } from '../../test/stats-fixtures.js';
import type { Report, ReportTable } from './domain.js';

/**
 * Statistics through the API. The cases behind the figures are written straight into the tables with
 * `seedCases` (src/test/stats-fixtures.ts) — a report needs dozens of cases with exact attributes and dates
 * in a past year, which the case API (opening today, phase by phase) cannot produce; one test opens a case
 * through the API to show such cases are counted alike.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const YEAR = '?from=2025-01-01&to=2025-12-31';

type Api = ReturnType<typeof as>;

async function signedIn(org: TestOrganisation, role: keyof TestOrganisation['users']): Promise<Api> {
  return as(t.app, await signIn(t.app, org.users[role].username));
}

async function report(api: Api, preset: string, query = YEAR): Promise<Report> {
  const res = await api.get(`/api/statistics/reports/${preset}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Report>();
}

function table(r: Report, key: string): ReportTable {
  const found = r.sections.flatMap((s) => s.tables).find((x) => x.key === key);
  if (!found) throw new Error(`no table ${key}`);
  return found;
}

/** The display texts of a table: one line per row (total last), the label first. */
function grid(x: ReportTable): string[][] {
  const keys = x.columns.slice(1).map((c) => c.key);
  return [...x.rows, ...(x.total ? [x.total] : [])].map((r) => [
    r.label,
    ...keys.map((k) => r.cells[k]?.display ?? '?'),
  ]);
}

function row(x: ReportTable, key: string): string[] {
  const keys = x.columns.slice(1).map((c) => c.key);
  const found = [...x.rows, ...(x.total ? [x.total] : [])].find((r) => r.key === key);
  if (!found) throw new Error(`no row ${key} in ${x.key}`);
  return keys.map((k) => found.cells[k]?.display ?? '?');
}

function times<T>(n: number, make: (i: number) => T): T[] {
  return Array.from({ length: n }, (_v, i) => make(i));
}

/**
 * The figures of most tests: in Team A, 12 women and 3 men with running CM cases opened in 2025, 7 women with
 * counselling cases opened and closed in 2025 ("goals reached"); around them cases that must not count (closed
 * in 2024, opened in 2026) and, in Team B, 6 running CM cases.
 */
async function basicOrganisation(): Promise<TestOrganisation> {
  const org = await createOrganisation(t.deps);
  const [unitA, unitB] = org.orgUnitIds;
  const cm = org.users.case_manager.id;
  const seeds: CaseSeed[] = [
    ...times(12, (i) => ({
      unitId: unitA,
      responsibleId: cm,
      openedOn: `2025-0${(i % 9) + 1}-10`,
      client: { gender: 'female', birthYear: 2005, countryOfOrigin: 'SY' },
    })),
    ...times(3, () => ({
      unitId: unitA,
      responsibleId: cm,
      openedOn: '2025-03-01',
      client: { gender: 'male', birthYear: 1990, countryOfOrigin: 'AF' },
    })),
    ...times(7, () => ({
      unitId: unitA,
      responsibleId: cm,
      kind: 'counselling' as const,
      openedOn: '2025-02-01',
      closedOn: '2025-04-01',
      closureReason: 'goals_reached',
      client: { gender: 'female', birthYear: 2005, countryOfOrigin: 'SY' },
    })),
    // Outside the period: closed before it, opened after it.
    {
      unitId: unitA,
      responsibleId: cm,
      openedOn: '2024-01-01',
      closedOn: '2024-12-31',
      client: { gender: 'male' },
    },
    { unitId: unitA, responsibleId: cm, openedOn: '2026-01-02', client: { gender: 'male' } },
    ...times(6, () => ({
      unitId: unitB,
      responsibleId: cm,
      openedOn: '2025-06-01',
      client: { gender: 'diverse' },
    })),
  ];
  await seedCases(t.deps.db, org.organisationId, org.users.org_admin.id, seeds);
  return org;
}

describe('the annual report: counts and anonymisation', () => {
  it('counts new, running, closed and served cases by kind for the period', async () => {
    const org = await basicOrganisation();
    // Another organisation's cases never count.
    await basicOrganisation();
    const r = await report(await signedIn(org, 'org_admin'), 'annual');
    expect(r).toMatchObject({
      preset: 'annual',
      title: 'Jahresbericht für Zuwendungsgeber',
      period: { from: '2025-01-01', to: '2025-12-31' },
      threshold: 5,
      scope: { organisations: [{ id: org.organisationId }], orgUnits: [] },
    });
    const flow = table(r, 'caseFlow');
    expect(flow.columns.map((c) => c.label)).toEqual([
      'Fallart',
      'neu',
      'laufend am Ende des Zeitraums',
      'abgeschlossen',
      'betreut im Zeitraum',
    ]);
    expect(grid(flow)).toEqual([
      ['Case-Management-Fälle', '21', '21', '0', '21'],
      ['Beratungsfälle', '7', '0', '7', '7'],
      ['Informationskontakte', '0', '0', '0', '0'],
      ['Summe', '28', '21', '7', '28'],
    ]);
    expect(flow.total?.cells.new).toEqual({ value: 28, display: '28', suppressed: false });
  });

  it('hides small counts and, where totals are shown, the next smallest of the row and column', async () => {
    const org = await basicOrganisation();
    const admin = await signedIn(org, 'org_admin');
    const r = await report(admin, 'annual', `${YEAR}&orgUnitIds=${org.orgUnitIds[0]}`);
    const gender = table(r, 'gender');
    expect(gender.columns.map((c) => c.key)).toEqual([
      'label',
      'case_management',
      'counselling',
      'information',
      'total',
    ]);
    // 3 men (CM) would be hidden alone; the women's CM count and row total would give them back.
    expect(grid(gender)).toEqual([
      ['weiblich', 'x', '7', '0', 'x'],
      ['männlich', '< 5', '0', '0', '< 5'],
      ['divers', '0', '0', '0', '0'],
      ['keine Angabe', '0', '0', '0', '0'],
      ['Summe', '15', '7', '0', '22'],
    ]);
    expect(gender.rows[1]?.cells.case_management).toEqual({ value: null, display: '< 5', suppressed: true });
    expect(gender.note).toContain('„x“: ausgeblendet');

    // Age bands: 19 aged 18–21 at the opening (born 2005 … 2025 → 20), 3 aged 35.
    expect(grid(table(r, 'ageBand'))).toEqual([
      ['unter 18 Jahre', '0', '0', '0', '0'],
      ['18 bis 21 Jahre', 'x', '7', '0', 'x'],
      ['22 bis 27 Jahre', '0', '0', '0', '0'],
      ['28 Jahre und älter', '< 5', '0', '0', '< 5'],
      ['Summe', '15', '7', '0', '22'],
    ]);
    expect(grid(table(r, 'country')).map((l) => l[0])).toEqual(['Syrien', 'Afghanistan', 'Summe']);
    // Closures: 7 counselling cases, goals reached.
    expect(row(table(r, 'closureReasons'), 'goals_reached')).toEqual(['0', '7', '0', '7']);
  });

  it('the threshold is the organisation’s: with 3, three men are shown', async () => {
    const org = await basicOrganisation();
    const admin = await signedIn(org, 'org_admin');
    const settings = await admin.get('/api/statistics/settings');
    expect(settings.statusCode, settings.body).toBe(200);
    expect(settings.json()).toMatchObject({ minCount: 5 });
    const saved = await admin.put('/api/statistics/settings', {
      minCount: 3,
      version: settings.json().version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ minCount: 3, version: settings.json().version + 1 });

    const r = await report(admin, 'annual', `${YEAR}&orgUnitIds=${org.orgUnitIds[0]}`);
    expect(r.threshold).toBe(3);
    expect(row(table(r, 'gender'), 'male')).toEqual(['3', '0', '0', '3']);

    // A stale version is refused with the current settings.
    const stale = await admin.put('/api/statistics/settings', {
      minCount: 4,
      version: settings.json().version,
    });
    expect(stale.statusCode).toBe(409);
    expect(problem(stale)).toMatchObject({ code: 'version-conflict', current: { minCount: 3 } });
  });

  it.each([
    ['below 3', { minCount: 2 }, '/minCount'],
    ['not a number', { minCount: 'fünf' }, '/minCount'],
    ['without version', { minCount: 5, version: undefined }, '/version'],
  ])('a threshold %s is refused naming the field', async (_name, body, pointer) => {
    const org = await createOrganisation(t.deps);
    const admin = await signedIn(org, 'org_admin');
    const { version } = (await admin.get('/api/statistics/settings')).json();
    const res = await admin.put('/api/statistics/settings', { version, ...body });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors?.map((e) => e.pointer)).toContain(pointer);
  });

  it('only the org admin sees and changes the threshold', async () => {
    const org = await createOrganisation(t.deps);
    for (const role of ['team_lead', 'planner', 'case_manager', 'dpo'] as const) {
      const api = await signedIn(org, role);
      expect((await api.get('/api/statistics/settings')).statusCode).toBe(403);
      expect((await api.put('/api/statistics/settings', { minCount: 7, version: 1 })).statusCode).toBe(403);
    }
  });

  it('the change of the threshold is audited', async () => {
    const org = await createOrganisation(t.deps);
    const admin = await signedIn(org, 'org_admin');
    const { version } = (await admin.get('/api/statistics/settings')).json();
    await admin.put('/api/statistics/settings', { minCount: 6, version });
    const entry = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('organisation_id', '=', org.organisationId)
      .where('action', '=', 'organisation.statistics_settings')
      .executeTakeFirst();
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ minCount: 6, previous: 5 });
  });
});

describe('results, network, workload', () => {
  it('phase durations, goal attainment, satisfaction, destinations and the two rates', async () => {
    const org = await createOrganisation(t.deps);
    const [unitA] = org.orgUnitIds;
    const cm = org.users.case_manager.id;
    const closedCm = (i: number, extra: Partial<CaseSeed> = {}): CaseSeed => ({
      unitId: unitA,
      responsibleId: cm,
      openedOn: '2025-01-10',
      closedOn: '2025-06-30',
      closureReason: 'goals_reached',
      phases: [
        ['intake', '2025-01-10T09:00:00.000Z'],
        ['assessment', `2025-01-${String(20 + (i % 2) * 2).padStart(2, '0')}T09:00:00.000Z`],
        ['planning', '2025-02-01T09:00:00.000Z'],
        ['closed', '2025-06-30T09:00:00.000Z'],
      ],
      ...extra,
    });
    await seedCases(t.deps.db, org.organisationId, org.users.org_admin.id, [
      // 6 cases with a training/work goal: 3 into employment, 1 training, 1 unemployed, 1 unknown.
      ...['employment', 'employment', 'employment', 'training', 'unemployed', 'unknown'].map(
        (destination, i) =>
          closedCm(i, {
            goals: [{ field: 'training_work', reviews: [['2025-03-01', 'partly']] }, { field: 'housing' }],
            evaluation: {
              endedBy: 'both',
              lifeSituation: 'yes',
              satisfaction: { general: 4 + (i % 2), course: 3, results: null },
              destination,
              goalAttainment: ['fully', i < 3 ? 'largely' : 'not'],
            },
          }),
      ),
      // A case without an evaluation and one with a housing goal only (not in the rates).
      closedCm(7, { goals: [{ field: 'housing' }] }),
    ]);
    const r = await report(await signedIn(org, 'org_admin'), 'annual');
    // A team's report (org units chosen) looks the training goals up per case (annual.ts caseHasPlanWith):
    // every case is in unit A, so its rates are the organisation's.
    const team = await report(await signedIn(org, 'org_admin'), 'annual', `${YEAR}&orgUnitIds=${unitA}`);
    expect(grid(table(team, 'quotas'))).toEqual(grid(table(r, 'quotas')));
    expect(grid(table(team, 'destinations'))).toEqual(grid(table(r, 'destinations')));

    // Intake 10 or 12 days (3 × 10, 4 × 12: 11,1), assessment 12 or 10 (3 × 12, 4 × 10: 10,9), planning 149.
    expect(grid(table(r, 'phaseDurations')).slice(0, 3)).toEqual([
      ['Klärung', '7', '11,1'],
      ['Assessment', '7', '10,9'],
      ['Hilfeplanung', '7', '149,0'],
    ]);
    expect(row(table(r, 'caseDuration'), 'case_management')).toEqual(['7', '171,0']);

    const goals = table(r, 'goalAttainment');
    expect(row(goals, 'fully')).toEqual(['6', '50,0 %', '0', '0,0 %']);
    // 3 largely and 3 not: each hidden, and each the other's protection.
    expect(row(goals, 'largely')).toEqual(['< 5', 'x', '0', '0,0 %']);
    expect(row(goals, 'not')).toEqual(['< 5', 'x', '0', '0,0 %']);
    expect(row(goals, 'partly')).toEqual(['0', '0,0 %', '6', '100,0 %']);
    expect(row(goals, 'total')).toEqual(['12', '100,0 %', '6', '100,0 %']);

    // Satisfaction: general 4,5 of 6 answers; results never asked: no average.
    expect(grid(table(r, 'satisfaction')).slice(0, 3)).toEqual([
      ['Allgemeine Zufriedenheit', '4,5', '6'],
      ['Beratungsverlauf', '3,0', '6'],
      ['Ergebnisse der Beratung', '–', '0'],
    ]);
    expect(row(table(r, 'lifeSituation'), 'yes')).toEqual(['6', '100,0 %']);

    const destinations = table(r, 'destinations');
    expect(row(destinations, 'employment')).toEqual(['< 5', 'x']);
    expect(row(destinations, 'total')).toEqual(['6', '100,0 %']);
    // Verbleib: known and not unemployed (4 of 6); Eingliederung: work or training (4 of 6).
    expect(grid(table(r, 'quotas'))).toEqual([
      ['Verbleibsquote', '< 5', '6', 'x'],
      ['Eingliederungsquote', '< 5', '6', 'x'],
    ]);

    // With threshold 3 the rates appear.
    const admin = await signedIn(org, 'org_admin');
    const { version } = (await admin.get('/api/statistics/settings')).json();
    await admin.put('/api/statistics/settings', { minCount: 3, version });
    const low = await report(admin, 'annual');
    expect(grid(table(low, 'quotas'))).toEqual([
      ['Verbleibsquote', '4', '6', '66,7 %'],
      ['Eingliederungsquote', '4', '6', '66,7 %'],
    ]);
  });

  it('referrals by partner type and outcome with waiting times; gap reports by field', async () => {
    const org = await createOrganisation(t.deps);
    const [unitA] = org.orgUnitIds;
    const admin = org.users.org_admin.id;
    const jobcenter = await insertPartner(t.deps.db, org.organisationId, admin, 'jobcenter');
    const kita = await insertPartner(t.deps.db, org.organisationId, admin, 'kita');
    const ids = await seedCases(
      t.deps.db,
      org.organisationId,
      admin,
      times(8, (i) => ({
        unitId: unitA,
        responsibleId: org.users.case_manager.id,
        openedOn: '2025-01-10',
        referrals: [
          i < 6
            ? {
                partnerId: jobcenter,
                status: 'started',
                requestedOn: '2025-02-01',
                startedOn: `2025-02-${11 + i * 2}`,
              }
            : { partnerId: kita, status: 'declined', requestedOn: '2025-03-01' },
        ],
      })),
    );
    for (const [i, caseId] of ids.entries()) {
      await insertGapReport(t.deps.db, org.organisationId, admin, {
        field: i < 6 ? 'housing' : 'language',
        reportedOn: '2025-05-01',
        caseIds: [caseId],
      });
    }
    const r = await report(await signedIn(org, 'planner'), 'annual');
    const referrals = table(r, 'referrals');
    // 2 declined at the Kita are hidden; the Jobcenter's 6 would give them back from the total of 8, so they
    // are hidden too — in the row, the column and the total row.
    expect(row(referrals, 'jobcenter')).toEqual(['0', '0', 'x', '0', '0', '0', 'x']);
    expect(row(referrals, 'kita')).toEqual(['0', '0', '0', '0', '< 5', '0', '< 5']);
    expect(row(referrals, 'total')).toEqual(['0', '0', 'x', '0', '< 5', '0', '8']);
    // Waiting 10, 12, … 20 days: 15 on average.
    expect(row(table(r, 'waitingTimes'), 'jobcenter')).toEqual(['6', '15,0']);
    const gaps = table(r, 'gaps');
    // The 2 language reports (and their cases) would follow from the totals: housing is hidden as well.
    expect(row(gaps, 'housing')).toEqual(['x', 'x']);
    expect(row(gaps, 'language')).toEqual(['< 5', '< 5']);
    expect(row(gaps, 'total')).toEqual(['8', '8']);
  });

  it('caseload per full-time post, planned steps and drop-outs with and without them', async () => {
    const org = await createOrganisation(t.deps);
    const [unitA] = org.orgUnitIds;
    const cm = org.users.case_manager.id;
    // A second case manager on half a post in the same unit: 1.5 posts.
    const half = await addUser(t.deps, org, ['case_manager'], [unitA]);
    await t.deps.db.updateTable('users').set({ fte_percent: 50 }).where('id', '=', half.id).execute();
    await seedCases(t.deps.db, org.organisationId, org.users.org_admin.id, [
      // 30 running CM cases at the end of 2025; 20 with a step in January 2026.
      ...times(30, (i) => ({
        unitId: unitA,
        responsibleId: cm,
        openedOn: '2025-03-01',
        goals: [{ steps: [{ dueOn: i < 20 ? '2026-01-15' : '2026-03-15' }] }],
      })),
      // 10 closed CM cases with a step in the month before closing (2 dropped out) and 10 without (6).
      ...times(20, (i) => ({
        unitId: unitA,
        responsibleId: cm,
        openedOn: '2025-01-01',
        closedOn: '2025-09-30',
        closureReason: (i < 10 ? i < 2 : i < 16)
          ? i % 2 === 0
            ? 'ended_by_client'
            : 'insufficient_cooperation'
          : 'goals_reached',
        goals: [{ steps: [{ dueOn: i < 10 ? '2025-09-15' : '2025-06-01' }] }],
      })),
    ]);
    const r = await report(await signedIn(org, 'org_admin'), 'annual');
    const caseload = table(r, 'caseload');
    expect(caseload.columns.map((c) => c.label)).toEqual([
      'Sachgebiet',
      'laufende CM-Fälle',
      'Vollzeitstellen',
      'Fälle je Vollzeitstelle',
      'Richtwert',
      'Obergrenze',
    ]);
    expect(caseload.columns.map((c) => c.kind)).toEqual([
      'label',
      'count',
      'plain',
      'decimal',
      'plain',
      'plain',
    ]);
    expect(row(caseload, unitA)).toEqual(['30', '1,5', '20,0', '30', '45']);
    expect(row(table(r, 'plannedSteps'), unitA)).toEqual(['30', '20', '66,7 %']);
    expect(grid(table(r, 'dropOut'))).toEqual([
      ['mit geplanten Schritten', '10', '< 5', 'x'],
      ['ohne geplante Schritte', '10', 'x', 'x'],
      ['Summe', '20', '8', '40,0 %'],
    ]);
    // A team's report (org units chosen) looks the steps up per case instead of once for the organisation
    // (annual.ts caseHasPlanWith): every case is in unit A, so the figures are the same.
    const team = await report(await signedIn(org, 'org_admin'), 'annual', `${YEAR}&orgUnitIds=${unitA}`);
    expect(row(table(team, 'plannedSteps'), unitA)).toEqual(['30', '20', '66,7 %']);
    expect(grid(table(team, 'dropOut'))).toEqual(grid(table(r, 'dropOut')));
  });

  it('a case opened through the API counts like any other', async () => {
    const org = await createOrganisation(t.deps);
    const cm = await signedIn(org, 'case_manager');
    const client = await cm.post('/api/clients', {
      familyName: 'Zählbar',
      givenNames: 'Nur',
      birthDate: '2004-02-02',
      gender: 'female',
    });
    expect(client.statusCode, client.body).toBe(201);
    const opened = await cm.post('/api/cases', {
      clientId: client.json().id,
      kind: 'counselling',
      orgUnitId: org.orgUnitIds[0],
      intake: { accessRoute: 'self', indicationCriteria: [] },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const today = opened.json().openedOn as string;
    const r = await report(await signedIn(org, 'team_lead'), 'annual', `?from=${today}&to=${today}`);
    expect(row(table(r, 'caseFlow'), 'counselling')).toEqual(['< 5', '< 5', '0', '< 5']);
    expect(table(r, 'caseFlow').rows[1]?.cells.new?.suppressed).toBe(true);
  });
});

describe('team monthly and steering views', () => {
  it('the team lead’s month per org unit and case manager, without client names', async () => {
    const org = await createOrganisation(t.deps);
    const [unitA] = org.orgUnitIds;
    const cm = org.users.case_manager.id;
    await seedCases(t.deps.db, org.organisationId, org.users.org_admin.id, [
      ...times(8, () => ({
        unitId: unitA,
        responsibleId: cm,
        openedOn: '2025-01-05',
        reviewOn: '2025-02-20',
      })),
      ...times(6, () => ({
        unitId: unitA,
        responsibleId: cm,
        openedOn: '2025-02-03',
        followUps: [{ assigneeId: cm, dueOn: '2025-02-10' }],
      })),
      ...times(5, () => ({
        unitId: unitA,
        responsibleId: cm,
        openedOn: '2024-11-01',
        closedOn: '2025-02-14',
      })),
    ]);
    const lead = await signedIn(org, 'team_lead');
    const r = await report(lead, 'team_monthly', '?from=2025-02-01&to=2025-02-28');
    expect(r.scope.orgUnits).toEqual([{ id: unitA, name: 'Team A' }]);
    const units = table(r, 'teamUnits');
    expect(units.columns.map((c) => c.key)).toEqual([
      'label',
      'running',
      'new',
      'closed',
      'overdueFollowUps',
      'reviewsDue',
      'runningCm',
      'posts',
      'perPost',
    ]);
    expect(row(units, unitA)).toEqual(['14', '6', '5', '6', '8', '14', '1,0', '14,0']);
    const people = table(r, 'teamPeople');
    expect(people.rows.map((p) => p.label)).toEqual(['case_manager Test']);
    expect(JSON.stringify(r)).not.toContain('Statistik');
  });

  it('the steering view: the own organisation, or the coordination office across sharing organisations', async () => {
    const office = await basicOrganisation();
    const sharing = await basicOrganisation();
    const private_ = await basicOrganisation();
    // The installation admin's and the organisations' settings, set directly for the test.
    await t.deps.db
      .updateTable('organisations')
      .set({ coordination_office: true })
      .where('id', '=', office.organisationId)
      .execute();
    await t.deps.db
      .updateTable('organisations')
      .set({ shares_aggregates: true })
      .where('id', '=', sharing.organisationId)
      .execute();
    const planner = await signedIn(office, 'planner');
    const r = await report(planner, 'steering');
    expect(r.scope.organisations.map((o) => o.id).sort()).toEqual(
      [office.organisationId, sharing.organisationId].sort(),
    );
    const cases = table(r, 'steeringCases');
    expect(cases.rows.map((x) => x.key).sort()).toEqual(
      [office.organisationId, sharing.organisationId].sort(),
    );
    expect(row(cases, sharing.organisationId)).toEqual(['28', '21', '7']);
    expect(row(cases, 'total')).toEqual(['56', '42', '14']);
    expect(JSON.stringify(r)).not.toContain(private_.organisationId);

    // One sharing organisation alone; a private one is refused naming the parameter.
    const one = await report(planner, 'steering', `${YEAR}&organisationIds=${sharing.organisationId}`);
    expect(one.scope.organisations.map((o) => o.id)).toEqual([sharing.organisationId]);
    const refused = await planner.get(
      `/api/statistics/reports/steering${YEAR}&organisationIds=${private_.organisationId}`,
    );
    expect(refused.statusCode).toBe(400);
    expect(problem(refused).errors).toEqual([
      expect.objectContaining({ parameter: 'organisationIds', code: 'not-in-list' }),
    ]);

    // The annual report stays the own organisation's, also for the coordination office.
    const annual = await planner.get(
      `/api/statistics/reports/annual${YEAR}&organisationIds=${sharing.organisationId}`,
    );
    expect(annual.statusCode).toBe(400);

    // An org admin of a sharing organisation sees only the own.
    const other = await report(await signedIn(sharing, 'org_admin'), 'steering');
    expect(other.scope.organisations.map((o) => o.id)).toEqual([sharing.organisationId]);
    expect(table(other, 'steeringCases').total).toBeNull();
  });
});

describe('who sees which report', () => {
  it('presets say what the user may run', async () => {
    const org = await createOrganisation(t.deps);
    const allowed = async (role: keyof TestOrganisation['users']) =>
      (
        (await (await signedIn(org, role)).get('/api/statistics/presets')).json().items as {
          key: string;
          allowed: boolean;
        }[]
      )
        .filter((i) => i.allowed)
        .map((i) => i.key);
    expect(await allowed('team_lead')).toEqual(['annual', 'team_monthly']);
    expect(await allowed('org_admin')).toEqual(['annual', 'team_monthly', 'steering']);
    expect(await allowed('planner')).toEqual(['annual', 'steering']);
    expect(await allowed('case_manager')).toEqual([]);
    expect(await allowed('dpo')).toEqual([]);
  });

  it.each(['case_manager', 'dpo'] as const)('%s: no reports and no exports (403)', async (role) => {
    const org = await createOrganisation(t.deps);
    const api = await signedIn(org, role);
    for (const preset of ['annual', 'team_monthly', 'steering']) {
      expect((await api.get(`/api/statistics/reports/${preset}${YEAR}`)).statusCode).toBe(403);
      expect((await api.get(`/api/statistics/reports/${preset}/export${YEAR}&format=csv`)).statusCode).toBe(
        403,
      );
    }
  });

  it('a planner gets no team monthly view, not even as a file', async () => {
    const org = await createOrganisation(t.deps);
    const planner = await signedIn(org, 'planner');
    expect((await planner.get(`/api/statistics/reports/team_monthly${YEAR}`)).statusCode).toBe(403);
    const file = await planner.get(`/api/statistics/reports/team_monthly/export${YEAR}&format=xlsx`);
    expect(file.statusCode).toBe(403);
    expect(problem(file).code).toBe('forbidden');
  });

  it('a team lead sees the own org units only', async () => {
    const org = await basicOrganisation();
    const [unitA, unitB] = org.orgUnitIds;
    const lead = await signedIn(org, 'team_lead');
    const r = await report(lead, 'annual');
    expect(r.scope.orgUnits).toEqual([{ id: unitA, name: 'Team A' }]);
    // Team B's six cases are not in it.
    expect(row(table(r, 'caseFlow'), 'total')).toEqual(['22', '15', '7', '22']);
    const theirs = await lead.get(`/api/statistics/reports/annual${YEAR}&orgUnitIds=${unitB}`);
    expect(theirs.statusCode).toBe(403);
    expect(
      (await lead.get(`/api/statistics/reports/annual/export${YEAR}&orgUnitIds=${unitB}&format=csv`))
        .statusCode,
    ).toBe(403);
    // The org admin may choose Team B.
    const admin = await report(await signedIn(org, 'org_admin'), 'annual', `${YEAR}&orgUnitIds=${unitB}`);
    expect(row(table(admin, 'caseFlow'), 'total')).toEqual(['6', '6', '0', '6']);
  });
});

describe('periods', () => {
  it('without a period: the year so far, the team view the month so far; an end alone keeps its year', async () => {
    const org = await createOrganisation(t.deps);
    const admin = await signedIn(org, 'org_admin');
    const today = localDate(t.deps.clock());
    expect((await report(admin, 'annual', '')).period).toEqual({
      from: `${today.slice(0, 4)}-01-01`,
      to: today,
    });
    expect((await report(admin, 'team_monthly', '')).period).toEqual({
      from: `${today.slice(0, 7)}-01`,
      to: today,
    });
    expect((await report(admin, 'steering', '?to=2024-08-15')).period).toEqual({
      from: '2024-01-01',
      to: '2024-08-15',
    });
    expect((await report(admin, 'team_monthly', '?to=2024-08-15')).period).toEqual({
      from: '2024-08-01',
      to: '2024-08-15',
    });
  });

  it('the team view names the organisation’s caseload thresholds', async () => {
    const org = await createOrganisation(t.deps);
    const r = await report(await signedIn(org, 'org_admin'), 'team_monthly');
    expect(table(r, 'teamUnits').note).toContain('Richtwert 30, Obergrenze 45');
  });
});

describe('bad input', () => {
  it.each([
    ['an end before the start', '?from=2025-06-01&to=2025-05-31', 'to', 'date-order'],
    ['more than ten years', '?from=2010-01-01&to=2025-12-31', 'to', 'period-too-long'],
    ['org units that are no ids', `${YEAR}&orgUnitIds=abc`, 'orgUnitIds', 'format'],
    ['an org unit of another organisation', 'OTHER_UNIT', 'orgUnitIds', 'not-in-list'],
    ['an unknown org unit', `${YEAR}&orgUnitIds=${newId()}`, 'orgUnitIds', 'not-in-list'],
    ['org units in the steering view', 'STEERING_UNITS', 'orgUnitIds', 'not-allowed'],
    ['another organisation', `${YEAR}&organisationIds=${newId()}`, 'organisationIds', 'not-in-list'],
  ])('%s: 400 naming the parameter', async (_name, query, parameter, code) => {
    const org = await createOrganisation(t.deps);
    const other = await createOrganisation(t.deps);
    const admin = await signedIn(org, 'org_admin');
    const url =
      query === 'OTHER_UNIT'
        ? `/api/statistics/reports/annual${YEAR}&orgUnitIds=${org.orgUnitIds[0]},${other.orgUnitIds[0]}`
        : query === 'STEERING_UNITS'
          ? `/api/statistics/reports/steering${YEAR}&orgUnitIds=${org.orgUnitIds[0]}`
          : `/api/statistics/reports/annual${query}`;
    for (const path of [url, url.replace(/(reports\/\w+)/, '$1/export') + '&format=csv']) {
      const res = await admin.get(path);
      expect(res.statusCode, res.body).toBe(400);
      expect(problem(res).errors).toEqual([expect.objectContaining({ parameter, code })]);
    }
  });

  it.each([
    ['an unknown preset', '/api/statistics/reports/monthly'],
    ['an invalid date', '/api/statistics/reports/annual?from=2025-13-01'],
    ['an unknown parameter', '/api/statistics/reports/annual?groupBy=kind'],
    ['an unknown format', '/api/statistics/reports/annual/export?format=pdf'],
  ])('%s: 400', async (_name, url) => {
    const org = await createOrganisation(t.deps);
    const res = await (await signedIn(org, 'org_admin')).get(url);
    expect(res.statusCode).toBe(400);
    expect(problem(res).code).toBe('validation');
  });

  it('errors in English on request', async () => {
    const org = await createOrganisation(t.deps);
    const session = await signIn(t.app, org.users.org_admin.username);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/statistics/reports/annual?from=2025-06-01&to=2025-05-31',
      headers: { cookie: session.cookie, 'accept-language': 'en' },
    });
    expect(problem(res).errors?.[0]?.message).toBe('The date is before the start.');
  });
});

/** A small CSV reader for the test: quoted fields with doubled quotes, the given delimiter. */
function parseCsv(text: string, delimiter: string): string[][] {
  const lines: string[][] = [];
  let field = '';
  let line: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      line.push(field);
      field = '';
    } else if (ch === '\n') {
      line.push(field);
      lines.push(line);
      line = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || line.length > 0) lines.push([...line, field]);
  return lines;
}

describe('exports', () => {
  it('CSV and XLSX carry the same numbers as the screen, table by table', async () => {
    const org = await basicOrganisation();
    const admin = await signedIn(org, 'org_admin');
    const screen = await report(admin, 'annual', `${YEAR}&orgUnitIds=${org.orgUnitIds[0]}`);
    const tables = screen.sections.flatMap((s) => s.tables.map((x) => ({ section: s.title, table: x })));

    const csv = await admin.get(
      `/api/statistics/reports/annual/export${YEAR}&orgUnitIds=${org.orgUnitIds[0]}&format=csv`,
    );
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="jahresbericht-2025-01-01-2025-12-31.csv"',
    );
    const lines = parseCsv(csv.body.replace(/^\uFEFF/, ''), ';');
    expect(lines[0]).toEqual(['Jahresbericht für Zuwendungsgeber']);
    expect(lines).toContainEqual(['Sachgebiete', 'Team A']);
    for (const { section, table: x } of tables) {
      const start = lines.findIndex((l) => l[0] === `${section}: ${x.title}`);
      expect(start, x.key).toBeGreaterThan(0);
      expect(lines[start + 1]).toEqual(x.columns.map((c) => c.label));
      expect(lines.slice(start + 2, start + 2 + grid(x).length)).toEqual(grid(x));
    }

    const xlsx = await admin.get(
      `/api/statistics/reports/annual/export${YEAR}&orgUnitIds=${org.orgUnitIds[0]}&format=xlsx`,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBe(tables.length + 1);
    tables.forEach(({ section, table: x }, i) => {
      const sheet = workbook.worksheets[i + 1];
      const values: unknown[][] = [];
      sheet?.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
      expect(values[0]).toEqual([`${section}: ${x.title}`]);
      expect(values[1]).toEqual(x.columns.map((c) => c.label));
      // Shown numbers are numbers (the value), hidden ones their text.
      const keys = x.columns.slice(1).map((c) => c.key);
      const expected = [...x.rows, ...(x.total ? [x.total] : [])].map((r) => [
        r.label,
        ...keys.map((k) => {
          const cell = r.cells[k];
          return cell?.value ?? cell?.display;
        }),
      ]);
      expect(values.slice(2, 2 + expected.length)).toEqual(expected);
    });
    // The gender sheet as a spreadsheet shows it: the suppressed cells as "< 5" and "x".
    const genderSheet = workbook.worksheets.find((s) => s.name.startsWith('Betreute Fälle nach Geschlecht'));
    expect(genderSheet?.getRow(4).getCell(2).value).toBe('< 5');
    expect(genderSheet?.getRow(3).getCell(2).value).toBe('x');
  });

  it('English exports: English words and separators', async () => {
    const org = await basicOrganisation();
    const session = await signIn(t.app, org.users.org_admin.username);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/statistics/reports/annual/export${YEAR}&format=csv`,
      headers: { cookie: session.cookie, 'accept-language': 'en' },
    });
    expect(res.headers['content-disposition']).toContain('annual-report-2025-01-01-2025-12-31.csv');
    const lines = parseCsv(res.body.replace(/^\uFEFF/, ''), ',');
    expect(lines[0]).toEqual(['Annual report for funders']);
    expect(lines).toContainEqual(['Case management cases', '21', '21', '0', '21']);
  });
});

describe('consistency', () => {
  it('a report is one snapshot: its tables agree while cases are added', async () => {
    const org = await basicOrganisation();
    const admin = await signedIn(org, 'org_admin');
    const writer = (async () => {
      for (let i = 0; i < 10; i += 1) {
        await seedCases(
          t.deps.db,
          org.organisationId,
          org.users.org_admin.id,
          times(5, () => ({
            unitId: org.orgUnitIds[0],
            responsibleId: org.users.case_manager.id,
            openedOn: '2025-07-01',
            client: { gender: 'female' },
          })),
        );
      }
    })();
    const reports = await Promise.all(times(4, () => report(admin, 'annual')));
    await writer;
    for (const r of reports) {
      const served = table(r, 'caseFlow').total?.cells.served?.value;
      expect(table(r, 'gender').total?.cells.total?.value).toBe(served);
      expect(table(r, 'ageBand').total?.cells.total?.value).toBe(served);
      expect(table(r, 'accessRoute').total?.cells.total?.value).toBe(served);
    }
  });
});
