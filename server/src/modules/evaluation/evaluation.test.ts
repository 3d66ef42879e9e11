import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../core/clock.js';
import { as, createOrganisation, createTestApp, problem, signIn, type TestApp } from '../../test/harness.js';
import { addMonths, FOLLOW_UP_TEXT } from './domain.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const today = () => localDate(t.clock.now());
const day = (n: number) => addDays(today(), n);

type Api = ReturnType<typeof as>;

/** Samira's plan of the JMD guide [001 L842–975], shortened: two goals with a sub-goal each. */
function samiraPlan() {
  return {
    version: 0,
    legalType: 'integration_agreement',
    header: {
      participants: 'Samira, Fachkraft JMD',
      benefitsEarlier: null,
      benefitsCurrent: null,
      problem: 'Aufenthalt ungesichert, psychisch belastet',
      resources: 'Schwägerin unterstützt',
      obligations: null,
      costBearers: null,
      reviewOn: day(90),
    },
    goals: [
      {
        wording: 'Sicherung des Aufenthalts',
        indicator: 'Aufenthaltserlaubnis liegt vor',
        field: 'residence',
        followUpOn: day(60),
        status: 'active',
        steps: [{ what: 'Antrag ausfüllen', who: 'client', dueOn: day(7), status: 'open' }],
        subGoals: [
          {
            wording: 'Unterlagen einreichen',
            indicator: 'Antrag ist eingereicht',
            status: 'active',
            steps: [],
          },
        ],
      },
      {
        wording: 'Ausbildung zur Pflegehelferin beginnen',
        indicator: 'Ausbildungsvertrag',
        field: 'training_work',
        status: 'active',
        steps: [],
        subGoals: [
          { wording: 'Sprachkurs B1 abschließen', indicator: 'Zertifikat', status: 'active', steps: [] },
        ],
      },
    ],
  };
}

async function newCase(
  cm: Api,
  orgUnitId: string,
  kind: 'case_management' | 'counselling',
  givenNames = 'Samira',
) {
  const client = await cm.post('/api/clients', {
    familyName: 'Samadi',
    givenNames,
    birthYear: 1998,
    gender: 'female',
    consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today(), language: 'ar' },
  });
  expect(client.statusCode, client.body).toBe(201);
  const opened = await cm.post('/api/cases', {
    clientId: client.json().id,
    kind,
    orgUnitId,
    openedOn: day(-200),
    intake: { accessRoute: 'self' },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  return opened.json().id as string;
}

async function setup(kind: 'case_management' | 'counselling' = 'case_management') {
  const org = await createOrganisation(t.deps);
  const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
  const caseId = await newCase(cm, org.orgUnitIds[0], kind);
  return { org, cm, caseId };
}

async function withPlan(cm: Api, caseId: string) {
  const saved = await cm.put(`/api/cases/${caseId}/plan`, samiraPlan());
  expect(saved.statusCode, saved.body).toBe(200);
  return saved.json().plan as {
    goals: { id: string; wording: string; subGoals: { id: string; wording: string }[] }[];
  };
}

const caseVersion = async (cm: Api, caseId: string) => (await cm.get(`/api/cases/${caseId}`)).json().version;

const noAnswers = { general: null, course: null, results: null, expectations: null, mandate: null };
function evaluation(changes: Record<string, unknown> = {}) {
  return {
    version: 0,
    evaluatedOn: today(),
    endedBy: 'client',
    lifeSituation: 'yes',
    satisfaction: { general: 5, course: 5, results: 4, expectations: 4, mandate: 3 },
    satisfactionMode: 'client_form',
    satisfactionLanguage: 'ar',
    methods: ['counselling', 'assessment_instrument', 'referral', 'group_offer'],
    destination: 'training',
    gapsFound: 'Keine Traumatherapie mit Dolmetscherin in der Region',
    summary: 'Aufenthalt gesichert, Ausbildung begonnen; Samira möchte allein weitergehen.',
    goals: [],
    followUpOffered: true,
    followUpAgreed: true,
    ...changes,
  };
}

describe('evaluation and closure', () => {
  it("closes Samira's case ended by the client: evaluation with satisfaction and goals, follow-up talk six months later", async () => {
    const { cm, caseId } = await setup();
    const plan = await withPlan(cm, caseId);
    const [residence, training] = plan.goals;
    if (!residence || !training) throw new Error('plan without goals');

    const empty = (await cm.get(`/api/cases/${caseId}/evaluation`)).json();
    expect(empty).toMatchObject({
      evaluation: null,
      closure: { evaluationRequired: true },
      permissions: { edit: true, close: true, reopen: false, changeKind: true },
      kindHistory: [],
    });
    expect(
      empty.goals.map((g: { wording: string; parentId: string | null }) => [g.wording, !!g.parentId]),
    ).toEqual([
      ['Sicherung des Aufenthalts', false],
      ['Unterlagen einreichen', true],
      ['Ausbildung zur Pflegehelferin beginnen', false],
      ['Sprachkurs B1 abschließen', true],
    ]);
    expect(empty.goals[2]).toMatchObject({ field: 'training_work', lastReview: null });

    const saved = await cm.put(
      `/api/cases/${caseId}/evaluation`,
      evaluation({
        evaluatedOn: day(-2),
        goals: [
          { goalId: residence.id, attainment: 'fully' },
          { goalId: training.id, attainment: 'largely' },
        ],
      }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const draft = saved.json().evaluation;
    expect(draft).toMatchObject({
      version: 1,
      endedBy: 'client',
      satisfaction: { general: 5, course: 5, results: 4, expectations: 4, mandate: 3 },
      satisfactionMean: 4.2,
      satisfactionMode: 'client_form',
      satisfactionLanguage: 'ar',
      destination: 'training',
      followUpAgreed: true,
      followUpDueOn: addMonths(day(-2), 6),
    });
    expect(draft.goals).toHaveLength(2);

    // Two sub-goals are not rated and the plan's follow-ups are open: the case manager confirms first.
    const unconfirmed = await cm.post(`/api/cases/${caseId}/close`, {
      version: await caseVersion(cm, caseId),
      closedOn: today(),
      closureReason: 'ended_by_client',
    });
    expect(problem(unconfirmed)).toMatchObject({ code: 'confirmation-required' });
    expect(problem(unconfirmed).errors?.map((e) => e.code)).toEqual(['goals-unrated', 'open-follow-ups']);

    const closed = await cm.post(`/api/cases/${caseId}/close`, {
      version: await caseVersion(cm, caseId),
      closedOn: today(),
      closureReason: 'ended_by_client',
      confirm: true,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      case: { phase: 'closed', closedOn: today(), closureReason: 'ended_by_client' },
      evaluation: { version: 2, followUpDueOn: addMonths(today(), 6) },
      permissions: { edit: false, close: false, reopen: true, changeKind: false },
    });
    const file = (await cm.get(`/api/cases/${caseId}`)).json();
    expect(file).toMatchObject({ phase: 'closed', closedOn: today(), closureReason: 'ended_by_client' });
    expect(file.phaseHistory.at(-1)).toMatchObject({ from: 'intake', to: 'closed' });

    const followUps = (await cm.get(`/api/cases/${caseId}/follow-ups`)).json().items;
    const talk = followUps.find((f: { text: string }) => f.text === FOLLOW_UP_TEXT);
    expect(talk).toMatchObject({
      dueOn: addMonths(today(), 6),
      case: { id: caseId },
      assignee: { id: file.responsible.id },
      done: null,
    });
    expect(followUps.filter((f: { text: string }) => f.text === FOLLOW_UP_TEXT)).toHaveLength(1);

    // The evaluation is sealed with the closure.
    const late = await cm.put(`/api/cases/${caseId}/evaluation`, evaluation({ version: 2 }));
    expect(problem(late).code).toBe('case-closed');
    const again = await cm.post(`/api/cases/${caseId}/close`, {
      version: await caseVersion(cm, caseId),
      closedOn: today(),
      closureReason: 'goals_reached',
    });
    expect(problem(again).code).toBe('case-closed');
  });

  it('a CM case closes only with its evaluation; a counselling case closes without', async () => {
    const { org, cm, caseId } = await setup();
    const body = async () => ({
      version: await caseVersion(cm, caseId),
      closedOn: today(),
      closureReason: 'insufficient_cooperation',
    });
    const refused = await cm.post(`/api/cases/${caseId}/close`, await body());
    expect(problem(refused)).toMatchObject({
      code: 'evaluation-required',
      errors: [expect.objectContaining({ pointer: '/evaluation', code: 'required' })],
    });
    expect((await cm.get(`/api/cases/${caseId}`)).json()).toMatchObject({ phase: 'intake', closedOn: null });
    // An evaluation that does not say who ended the case nor the life situation is not enough either.
    const partial = await cm.put(
      `/api/cases/${caseId}/evaluation`,
      evaluation({ endedBy: null, lifeSituation: null, followUpOffered: false, followUpAgreed: false }),
    );
    expect(partial.statusCode, partial.body).toBe(200);
    expect(problem(await cm.post(`/api/cases/${caseId}/close`, await body())).errors).toEqual([
      expect.objectContaining({ pointer: '/endedBy', code: 'required' }),
      expect.objectContaining({ pointer: '/lifeSituation', code: 'required' }),
    ]);
    const complete = await cm.put(
      `/api/cases/${caseId}/evaluation`,
      evaluation({ version: 1, endedBy: 'case_manager', lifeSituation: 'no', followUpAgreed: false }),
    );
    expect(complete.statusCode, complete.body).toBe(200);
    const ok = await cm.post(`/api/cases/${caseId}/close`, await body());
    expect(ok.statusCode, ok.body).toBe(200);
    // no talk agreed, no follow-up
    const followUps = (await cm.get(`/api/cases/${caseId}/follow-ups`)).json().items;
    expect(followUps).toEqual([]);

    const counselling = await newCase(cm, org.orgUnitIds[0], 'counselling', 'Layla');
    const closed = await cm.post(`/api/cases/${counselling}/close`, {
      version: await caseVersion(cm, counselling),
      closedOn: today(),
      closureReason: 'goals_reached',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ evaluation: null, closure: { evaluationRequired: false } });
  });

  it('reopens a closed case with the reason into the phase it had; the talk not yet held goes', async () => {
    const { cm, caseId } = await setup();
    await withPlan(cm, caseId);
    for (const to of ['assessment', 'planning']) {
      const moved = await cm.post(`/api/cases/${caseId}/phase`, {
        version: await caseVersion(cm, caseId),
        to,
      });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    expect((await cm.put(`/api/cases/${caseId}/evaluation`, evaluation())).statusCode).toBe(200);
    const closed = await cm.post(`/api/cases/${caseId}/close`, {
      version: await caseVersion(cm, caseId),
      closedOn: day(-1),
      closureReason: 'moved_or_other_agency',
      confirm: true,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().case.closedOn).toBe(day(-1));

    const running = (await cm.get(`/api/cases/${caseId}`)).json().version;
    const blank = await cm.post(`/api/cases/${caseId}/reopen`, { version: running, reason: '   ' });
    expect(problem(blank).errors).toEqual([
      expect.objectContaining({ pointer: '/reason', code: 'required' }),
    ]);
    const missing = await cm.post(`/api/cases/${caseId}/reopen`, { version: running });
    expect(problem(missing).errors).toEqual([expect.objectContaining({ code: 'required' })]);

    const reason = 'Samira ist zurückgezogen und bittet wieder um Begleitung';
    const reopened = await cm.post(`/api/cases/${caseId}/reopen`, { version: running, reason });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({
      case: { phase: 'planning', closedOn: null, closureReason: null },
      evaluation: { followUpAgreed: false, followUpDueOn: null },
      permissions: { edit: true, close: true, reopen: false },
    });
    const file = (await cm.get(`/api/cases/${caseId}`)).json();
    expect(file.phaseHistory.at(-1)).toMatchObject({ from: 'closed', to: 'planning', reason });
    const followUps = (await cm.get(`/api/cases/${caseId}/follow-ups`)).json().items;
    expect(followUps.map((f: { text: string }) => f.text)).not.toContain(FOLLOW_UP_TEXT);
    // a running case is not reopened
    expect(
      problem(await cm.post(`/api/cases/${caseId}/reopen`, { version: file.version, reason })).code,
    ).toBe('phase-move-not-allowed');
  });

  it('an anonymised case is not reopened: a new case is opened instead', async () => {
    const { org, cm, caseId } = await setup('counselling');
    const closed = await cm.post(`/api/cases/${caseId}/close`, {
      version: await caseVersion(cm, caseId),
      closedOn: today(),
      closureReason: 'goals_reached',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    expect((await cm.post(`/api/cases/${caseId}/confirm-anonymisation`)).statusCode).toBe(200);
    expect((await admin.post(`/api/cases/${caseId}/confirm-anonymisation`)).json()).toEqual({
      anonymised: true,
    });
    const res = await cm.post(`/api/cases/${caseId}/reopen`, {
      version: await caseVersion(cm, caseId),
      reason: 'Die Klientin ist wieder da',
    });
    expect(res.statusCode).toBe(409);
    expect(problem(res)).toMatchObject({ code: 'case-anonymised' });
    expect(problem(res).title).toContain('neuen Fall');
    const view = (await cm.get(`/api/cases/${caseId}/evaluation`)).json();
    expect(view).toMatchObject({ case: { anonymised: true }, permissions: { reopen: false } });
  });

  it('converts a counselling case into a CM case and back, with the history', async () => {
    const { cm, caseId } = await setup('counselling');
    const toCm = await cm.post(`/api/cases/${caseId}/kind`, {
      version: await caseVersion(cm, caseId),
      kind: 'case_management',
      reason: 'Mehrere Stellen beteiligt, komplexer Bedarf',
    });
    expect(toCm.statusCode, toCm.body).toBe(200);
    expect(toCm.json()).toMatchObject({ case: { kind: 'case_management', phase: 'intake' } });
    const moved = await cm.post(`/api/cases/${caseId}/phase`, {
      version: await caseVersion(cm, caseId),
      to: 'assessment',
    });
    expect(moved.statusCode, moved.body).toBe(200);

    const back = await cm.post(`/api/cases/${caseId}/kind`, {
      version: await caseVersion(cm, caseId),
      kind: 'counselling',
      reason: 'Klientin möchte nur noch gelegentliche Beratung',
    });
    expect(back.statusCode, back.body).toBe(200);
    const envelope = back.json();
    expect(envelope.case).toMatchObject({ kind: 'counselling', phase: 'intake' });
    expect(envelope.kindHistory).toEqual([
      expect.objectContaining({
        from: 'counselling',
        to: 'case_management',
        reason: 'Mehrere Stellen beteiligt, komplexer Bedarf',
      }),
      expect.objectContaining({
        from: 'case_management',
        to: 'counselling',
        reason: 'Klientin möchte nur noch gelegentliche Beratung',
        changedBy: expect.objectContaining({ displayName: 'case_manager Test' }),
      }),
    ]);
    const file = (await cm.get(`/api/cases/${caseId}`)).json();
    expect(file).toMatchObject({ kind: 'counselling', phase: 'intake' });
    expect(file.phaseHistory.at(-1)).toMatchObject({
      from: 'assessment',
      to: 'intake',
      reason: 'Klientin möchte nur noch gelegentliche Beratung',
    });

    const version = file.version;
    const same = await cm.post(`/api/cases/${caseId}/kind`, { version, kind: 'counselling', reason: 'x' });
    expect(problem(same).errors).toEqual([expect.objectContaining({ pointer: '/kind', code: 'unchanged' })]);
    const info = await cm.post(`/api/cases/${caseId}/kind`, { version, kind: 'information', reason: 'x' });
    expect(problem(info).errors).toEqual([
      expect.objectContaining({ pointer: '/kind', code: 'not-allowed' }),
    ]);
    const noReason = await cm.post(`/api/cases/${caseId}/kind`, {
      version,
      kind: 'case_management',
      reason: ' ',
    });
    expect(problem(noReason).errors).toEqual([
      expect.objectContaining({ pointer: '/reason', code: 'required' }),
    ]);
    // a closed case keeps its kind
    await cm.post(`/api/cases/${caseId}/close`, {
      version,
      closedOn: today(),
      closureReason: 'goals_reached',
    });
    const closed = await cm.post(`/api/cases/${caseId}/kind`, {
      version: await caseVersion(cm, caseId),
      kind: 'case_management',
      reason: 'x',
    });
    expect(problem(closed).code).toBe('case-closed');
  });

  it('names the field of bad input', async () => {
    const { org, cm, caseId } = await setup();
    const other = await setup();
    const otherPlan = await withPlan(other.cm, other.caseId);
    void org;
    const put = (changes: Record<string, unknown>) =>
      cm.put(`/api/cases/${caseId}/evaluation`, evaluation(changes));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ satisfaction: { ...noAnswers, general: 6 } }, '/satisfaction/general', 'maximum'],
      [{ satisfactionMode: 'client_form', satisfactionLanguage: null }, '/satisfactionLanguage', 'required'],
      [{ satisfactionMode: 'not_asked', satisfactionLanguage: null }, '/satisfaction/general', 'not-asked'],
      [{ methods: ['counselling', 'juggling'] }, '/methods/1', 'enum'],
      [{ destination: 'abroad' }, '/destination', 'enum'],
      [{ evaluatedOn: day(1) }, '/evaluatedOn', 'in-future'],
      [{ evaluatedOn: day(-201) }, '/evaluatedOn', 'date-order'],
      [{ followUpOffered: false }, '/followUpAgreed', 'not-offered'],
      [
        { goals: [{ goalId: otherPlan.goals[0]?.id, attainment: 'fully' }] },
        '/goals/0/goalId',
        'unknown-reference',
      ],
      [{ summary: 'x'.repeat(8001) }, '/summary', 'maxLength'],
      [{ mood: 'good' }, '/mood', 'additionalProperties'],
    ];
    for (const [changes, pointer, code] of cases) {
      const res = await put(changes);
      expect(res.statusCode, JSON.stringify(changes)).toBe(400);
      expect(problem(res).errors, JSON.stringify(changes)).toContainEqual(
        expect.objectContaining({ pointer, code }),
      );
    }
    expect((await cm.get(`/api/cases/${caseId}/evaluation`)).json().evaluation).toBeNull();

    const version = await caseVersion(cm, caseId);
    const close = (changes: Record<string, unknown>) =>
      cm.post(`/api/cases/${caseId}/close`, {
        version,
        closedOn: today(),
        closureReason: 'goals_reached',
        ...changes,
      });
    expect(problem(await close({ closureReason: 'no_contact' })).errors).toEqual([
      expect.objectContaining({ pointer: '/closureReason', code: 'set-by-retention' }),
    ]);
    expect(problem(await close({ closureReason: 'bored' })).errors).toContainEqual(
      expect.objectContaining({ pointer: '/closureReason', code: 'enum' }),
    );
    expect(problem(await close({ closedOn: day(1) })).errors).toEqual([
      expect.objectContaining({ pointer: '/closedOn', code: 'in-future' }),
    ]);
    expect(problem(await close({ closedOn: day(-300) })).errors).toEqual([
      expect.objectContaining({ pointer: '/closedOn', code: 'date-order' }),
    ]);
  });

  it('a rated goal taken out of the plan takes its rating along', async () => {
    const { cm, caseId } = await setup();
    const plan = await withPlan(cm, caseId);
    const [first, second] = plan.goals;
    if (!first || !second) throw new Error('plan without goals');
    const saved = await cm.put(
      `/api/cases/${caseId}/evaluation`,
      evaluation({
        goals: [
          { goalId: first.id, attainment: 'fully' },
          { goalId: second.id, attainment: 'not' },
        ],
      }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const doc = samiraPlan();
    const current = (await cm.get(`/api/cases/${caseId}/plan`)).json().plan;
    const kept = doc.goals[0];
    if (!kept) throw new Error('plan without goals');
    const res = await cm.put(`/api/cases/${caseId}/plan`, {
      ...doc,
      version: current.version,
      goals: [{ ...kept, id: first.id, subGoals: [] }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await cm.get(`/api/cases/${caseId}/evaluation`)).json();
    expect(after.evaluation.goals).toEqual([{ goalId: first.id, attainment: 'fully' }]);
    expect(after.goals).toHaveLength(1);
  });

  it('only the case team changes it: the team lead needs a reason to read and never writes; other organisations see nothing', async () => {
    const { org, cm, caseId } = await setup();
    expect((await cm.put(`/api/cases/${caseId}/evaluation`, evaluation())).statusCode).toBe(200);
    const lead = as(t.app, await signIn(t.app, org.users.team_lead.username));
    expect(problem(await lead.get(`/api/cases/${caseId}/evaluation`)).code).toBe('break-glass-required');
    expect(problem(await lead.put(`/api/cases/${caseId}/evaluation`, evaluation({ version: 1 }))).code).toBe(
      'forbidden',
    );
    const version = await caseVersion(cm, caseId);
    const closeBody = { version, closedOn: today(), closureReason: 'goals_reached', confirm: true };
    expect(problem(await lead.post(`/api/cases/${caseId}/close`, closeBody)).code).toBe('forbidden');
    expect(
      problem(await lead.post(`/api/cases/${caseId}/kind`, { version, kind: 'counselling', reason: 'x' }))
        .code,
    ).toBe('forbidden');
    const glass = await lead.post(`/api/cases/${caseId}/break-glass`, { reason: 'Vertretung bei Krankheit' });
    expect(glass.statusCode, glass.body).toBe(200);
    const read = await lead.get(`/api/cases/${caseId}/evaluation`);
    expect(read.statusCode).toBe(200);
    expect(read.json().permissions).toEqual({ edit: false, close: false, reopen: false, changeKind: false });
    expect(problem(await lead.put(`/api/cases/${caseId}/evaluation`, evaluation({ version: 1 }))).code).toBe(
      'forbidden',
    );

    const stranger = await createOrganisation(t.deps);
    const foreign = as(t.app, await signIn(t.app, stranger.users.case_manager.username));
    expect((await foreign.get(`/api/cases/${caseId}/evaluation`)).statusCode).toBe(404);
    expect(
      (await foreign.put(`/api/cases/${caseId}/evaluation`, evaluation({ version: 1 }))).statusCode,
    ).toBe(404);
    expect((await foreign.post(`/api/cases/${caseId}/close`, closeBody)).statusCode).toBe(404);
    expect((await foreign.post(`/api/cases/${caseId}/reopen`, { version, reason: 'x' })).statusCode).toBe(
      404,
    );
    expect(
      (await foreign.post(`/api/cases/${caseId}/kind`, { version, kind: 'counselling', reason: 'x' }))
        .statusCode,
    ).toBe(404);
    const planner = as(t.app, await signIn(t.app, org.users.planner.username));
    expect((await planner.get(`/api/cases/${caseId}/evaluation`)).statusCode).toBe(404);
  });

  it('stale versions answer 409 with the current state', async () => {
    const { cm, caseId } = await setup();
    const first = await cm.put(`/api/cases/${caseId}/evaluation`, evaluation());
    expect(first.statusCode, first.body).toBe(200);
    // a second "first save" (someone else's form opened before the first save)
    const second = await cm.put(`/api/cases/${caseId}/evaluation`, evaluation({ summary: 'anders' }));
    expect(problem(second)).toMatchObject({
      code: 'version-conflict',
      current: { evaluation: { version: 1, summary: evaluation().summary } },
    });
    expect((await cm.put(`/api/cases/${caseId}/evaluation`, evaluation({ version: 1 }))).statusCode).toBe(
      200,
    );
    expect(problem(await cm.put(`/api/cases/${caseId}/evaluation`, evaluation({ version: 1 }))).code).toBe(
      'version-conflict',
    );

    const stale = await caseVersion(cm, caseId);
    const moved = await cm.post(`/api/cases/${caseId}/phase`, { version: stale, to: 'assessment' });
    expect(moved.statusCode, moved.body).toBe(200);
    const version = stale + 1;
    const kind = await cm.post(`/api/cases/${caseId}/kind`, {
      version: stale,
      kind: 'counselling',
      reason: 'x',
    });
    expect(problem(kind)).toMatchObject({
      code: 'version-conflict',
      current: { version, kind: 'case_management', phase: 'assessment' },
    });
    const close = await cm.post(`/api/cases/${caseId}/close`, {
      version: stale,
      closedOn: today(),
      closureReason: 'goals_reached',
      confirm: true,
    });
    expect(problem(close)).toMatchObject({
      code: 'version-conflict',
      current: { version, phase: 'assessment' },
    });
    const closed = await cm.post(`/api/cases/${caseId}/close`, {
      version,
      closedOn: today(),
      closureReason: 'goals_reached',
      confirm: true,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const reopen = await cm.post(`/api/cases/${caseId}/reopen`, { version, reason: 'wieder da' });
    expect(problem(reopen)).toMatchObject({ code: 'version-conflict', current: { version: version + 1 } });
  });

  it('prints the satisfaction form in the client’s language beside German', async () => {
    const { cm } = await setup('counselling');
    const ar = (await cm.get('/api/evaluation/satisfaction-form?language=ar')).json();
    expect(ar).toMatchObject({ language: 'ar', direction: 'rtl' });
    expect(Object.keys(ar.texts.questions)).toEqual([
      'general',
      'course',
      'results',
      'expectations',
      'mandate',
    ]);
    expect(ar.texts.scale).toHaveLength(5);
    expect(ar.german.scale).toEqual([
      'gar nicht zufrieden',
      'wenig zufrieden',
      'teils, teils',
      'zufrieden',
      'sehr zufrieden',
    ]);
    expect(ar.texts.questions.general).not.toBe(ar.german.questions.general);
    const de = (await cm.get('/api/evaluation/satisfaction-form?language=de')).json();
    expect(de).toMatchObject({ language: 'de', direction: 'ltr', german: null });
    const uk = (await cm.get('/api/evaluation/satisfaction-form?language=uk')).json();
    expect(uk.texts.title).toMatch(/[А-Яа-яІіЇїЄє]/);
    expect((await cm.get('/api/evaluation/satisfaction-form?language=fr')).statusCode).toBe(400);
  });
});
