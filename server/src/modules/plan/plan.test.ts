import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../core/clock.js';
import { as, createOrganisation, createTestApp, problem, signIn, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const today = () => localDate(new Date());
const day = (n: number) => addDays(today(), n);

const header = {
  participants: 'Samira, Fachkraft JMD, Schwägerin',
  benefitsEarlier: null,
  benefitsCurrent: 'Leistungen nach AsylbLG',
  problem: 'Aufenthalt ungesichert, psychisch sehr belastet, belastende Wohnsituation',
  resources: 'Schwägerin unterstützt, möchte lernen',
  obligations: 'Unterlagen für die Ausländerbehörde besorgen',
  costBearers: null,
  reviewOn: day(90),
};

/** The worked example of the JMD guide [001 L842–975], as a plan document. */
function samiraPlan() {
  return {
    header,
    legalType: 'integration_agreement',
    goals: [
      {
        wording: 'Sicherung des Aufenthalts',
        indicator: 'Aufenthaltserlaubnis liegt vor',
        targetOn: day(100),
        followUpOn: day(60),
        status: 'active',
        smart: { specific: true, measurable: true, achievable: true, relevant: true, timed: true },
        steps: [
          { what: 'Antrag auf Aufenthaltserlaubnis ausfüllen', who: 'client', dueOn: day(7), status: 'open' },
          {
            what: 'Abgabe bei der Ausländerbehörde',
            who: 'client',
            dueOn: day(9),
            status: 'open',
            provider: 'Ausländerbehörde',
          },
          {
            what: 'Hilfestellung beim Ausfüllen des Antrags',
            who: 'case_manager',
            dueOn: day(7),
            status: 'open',
            mode: 'with_support',
          },
          {
            what: 'Abstimmung mit der Flüchtlingssozialberatung',
            who: 'case_manager',
            dueOn: day(7),
            status: 'open',
            provider: 'Flüchtlingssozialberatung',
            offerAvailable: true,
          },
        ],
        subGoals: [
          {
            wording: 'Unterlagen besorgen, ausfüllen und einreichen',
            indicator: 'Antrag ist eingereicht',
            status: 'active',
            steps: [],
          },
          { wording: 'Aufenthalt ist geklärt', indicator: 'Bescheid liegt vor', status: 'active', steps: [] },
        ],
      },
      {
        wording: 'Psychische Stabilität für die weitere Lebensplanung ist hergestellt',
        clientWords: false,
        indicator: 'Samira beginnt eine Therapie und fühlt sich sicherer',
        targetOn: day(60),
        status: 'active',
        steps: [
          {
            what: 'Kontakt zum Zentrum für Beratung und Therapie',
            who: 'case_manager',
            dueOn: day(1),
            status: 'open',
            provider: 'Ev. Zentrum für Beratung und Therapie',
            offer: 'Traumatherapie',
            offerAvailable: false,
          },
          {
            what: 'Teilnahme am Frauenfrühstück des JMD',
            who: 'client',
            dueOn: day(5),
            status: 'open',
            offer: 'Frauenfrühstück',
            offerAvailable: true,
          },
        ],
        subGoals: [
          {
            wording: 'Stabilisierung durch Gespräche und Gruppenarbeit',
            indicator: 'nimmt regelmäßig teil',
            status: 'active',
            steps: [],
          },
          {
            wording: 'Therapie beginnen',
            indicator: 'erster Therapietermin',
            targetOn: day(58),
            status: 'active',
            steps: [],
          },
        ],
      },
    ],
  };
}

async function setup(options: { maxGoals?: number } = {}) {
  const org = await createOrganisation(t.deps);
  const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
  const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
  if (options.maxGoals !== undefined) {
    const settings = (await admin.get('/api/organisation')).json();
    const res = await admin.patch('/api/organisation', {
      version: settings.version,
      planLabel: 'integrationsfoerderplan',
      planMaxGoals: options.maxGoals,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const client = (
    await cm.post('/api/clients', {
      familyName: 'Samadi',
      givenNames: 'Samira',
      birthYear: 1994,
      gender: 'female',
      consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today(), language: 'de' },
    })
  ).json();
  const c = (
    await cm.post('/api/cases', {
      clientId: client.id,
      kind: 'case_management',
      orgUnitId: org.orgUnitIds[0],
      intake: { accessRoute: 'self' },
    })
  ).json();
  return { org, admin, cm, caseId: c.id as string, clientId: client.id as string };
}

type Plan = ReturnType<typeof samiraPlan> & { version: number };

describe('plan', () => {
  it("reproduces the JMD guide's Samira: goals, sub-goals, dated steps, one offer missing", async () => {
    const { cm, caseId } = await setup({ maxGoals: 3 });
    const empty = (await cm.get(`/api/cases/${caseId}/plan`)).json();
    expect(empty).toMatchObject({
      plan: null,
      label: 'integrationsfoerderplan',
      rules: { maxGoals: 3, requireIndicator: true },
    });
    const res = await cm.put(`/api/cases/${caseId}/plan`, { version: 0, ...samiraPlan() });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json().plan;
    expect(plan).toMatchObject({
      status: 'draft',
      version: 1,
      legalType: 'integration_agreement',
      bindingness: 'voluntary',
    });
    expect(plan.goals.map((g: { wording: string }) => g.wording)).toEqual([
      'Sicherung des Aufenthalts',
      'Psychische Stabilität für die weitere Lebensplanung ist hergestellt',
    ]);
    expect(plan.goals[0].subGoals).toHaveLength(2);
    const missing = plan.goals[1].steps.find((s: { offerAvailable: boolean }) => s.offerAvailable === false);
    expect(missing).toMatchObject({
      provider: 'Ev. Zentrum für Beratung und Therapie',
      offer: 'Traumatherapie',
    });
    expect(plan.glance).toMatchObject({ overdueSteps: 0, stepsNext30Days: 6, nextReviewOn: day(60) });
    // the goal's follow-up date and the review date became follow-ups of the case
    const followUps = (await cm.get(`/api/cases/${caseId}/follow-ups`)).json().items;
    expect(followUps.map((f: { dueOn: string; text: string }) => [f.dueOn, f.text]).sort()).toEqual([
      [day(60), 'Zielüberprüfung: Sicherung des Aufenthalts'],
      [day(90), 'Überprüfung des Plans'],
    ]);
  });

  it('refuses more goals than the organisation allows, names missing indicators on agreeing, warns of late steps', async () => {
    const { cm, caseId } = await setup({ maxGoals: 1 });
    const tooMany = await cm.put(`/api/cases/${caseId}/plan`, { version: 0, ...samiraPlan() });
    expect(problem(tooMany).errors).toEqual([
      expect.objectContaining({ pointer: '/goals', code: 'max-goals' }),
    ]);
    expect((await cm.get(`/api/cases/${caseId}/plan`)).json().plan).toBeNull();

    const one = samiraPlan();
    one.goals = [one.goals[1] as (typeof one.goals)[number]];
    const late = one.goals[0]?.steps[1];
    if (late) late.dueOn = day(80); // after the goal's target date
    const sub = one.goals[0]?.subGoals[0];
    if (sub) sub.indicator = '';
    const saved = await cm.put(`/api/cases/${caseId}/plan`, { version: 0, ...one });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().plan.warnings).toEqual([
      expect.objectContaining({ pointer: '/goals/0/steps/1/dueOn', code: 'after-target' }),
    ]);
    const agree = await cm.post(`/api/cases/${caseId}/plan/agree`, { version: 1 });
    expect(problem(agree).errors).toEqual([
      expect.objectContaining({ pointer: '/goals/0/subGoals/0/indicator', code: 'required' }),
    ]);
  });

  it('after agreement every change is an extension or a revision, kept in the history', async () => {
    const { cm, caseId } = await setup();
    const created = (await cm.put(`/api/cases/${caseId}/plan`, { version: 0, ...samiraPlan() })).json().plan;
    const agreed = (await cm.post(`/api/cases/${caseId}/plan/agree`, { version: created.version })).json()
      .plan;
    expect(agreed).toMatchObject({ status: 'agreed', version: 2 });
    const doc = (plan: Plan | Record<string, unknown>) => ({ ...(plan as object) });
    const current: Plan = { ...samiraPlan(), ...agreed, header: agreed.header, goals: agreed.goals };

    // Extension: a step added and a date moved
    const extended = structuredClone(current);
    (extended.goals[0]?.steps as unknown[] | undefined)?.push({
      what: 'Termin bei der Ausländerbehörde wahrnehmen',
      who: 'client',
      dueOn: day(20),
      status: 'open',
    });
    const s0 = extended.goals[0]?.steps[0];
    if (s0) s0.dueOn = day(10);
    const body = (p: Plan, extra: object) => ({
      version: p.version,
      header: p.header,
      legalType: (p as { legalType?: string }).legalType,
      goals: strip(p.goals),
      ...extra,
    });
    expect(problem(await cm.put(`/api/cases/${caseId}/plan`, body(extended, {}))).errors).toEqual([
      expect.objectContaining({ pointer: '/changeKind', code: 'required' }),
    ]);
    const ext = await cm.put(
      `/api/cases/${caseId}/plan`,
      body(extended, { changeKind: 'extension', reason: 'Termin steht fest' }),
    );
    expect(ext.statusCode, ext.body).toBe(200);
    const afterExt = ext.json().plan;
    expect(afterExt.version).toBe(3);

    // Revision: a goal rewritten — not as an extension, not without a reason
    const revised = structuredClone({ ...current, ...afterExt, goals: afterExt.goals });
    if (revised.goals[1])
      revised.goals[1].wording = 'Samira fühlt sich stabil genug für Sprachkurs und Ausbildung';
    const asExtension = await cm.put(
      `/api/cases/${caseId}/plan`,
      body(revised, { changeKind: 'extension', reason: 'x' }),
    );
    expect(problem(asExtension).errors).toEqual([
      expect.objectContaining({ pointer: '/changeKind', code: 'is-revision' }),
    ]);
    const noReason = await cm.put(`/api/cases/${caseId}/plan`, body(revised, { changeKind: 'revision' }));
    expect(problem(noReason).errors).toEqual([
      expect.objectContaining({ pointer: '/reason', code: 'required' }),
    ]);
    const rev = await cm.put(
      `/api/cases/${caseId}/plan`,
      body(revised, {
        changeKind: 'revision',
        reason: 'Therapie begonnen, neues Ziel mit Samira formuliert',
      }),
    );
    expect(rev.statusCode, rev.body).toBe(200);
    // someone still editing version 3 does not overwrite version 4
    const stale = await cm.put(`/api/cases/${caseId}/plan`, body(extended, { changeKind: 'extension' }));
    expect(problem(stale).code).toBe('version-conflict');

    const history = (await cm.get(`/api/cases/${caseId}/plan/history`)).json().items;
    expect(history.map((h: { version: number; changeKind: string }) => [h.version, h.changeKind])).toEqual([
      [4, 'revision'],
      [3, 'extension'],
      [2, 'agreed'],
    ]);
    expect(history[0].reason).toBe('Therapie begonnen, neues Ziel mit Samira formuliert');
    expect(history[0].summary).toMatchObject({ goalsRewritten: 1 });
    expect(history[1].summary).toMatchObject({ stepsAdded: 1, datesMoved: 1 });
    const v2 = (await cm.get(`/api/cases/${caseId}/plan/versions/2`)).json();
    expect((v2.snapshot.goals as { wording: string }[])[1]?.wording).toBe(
      'Psychische Stabilität für die weitere Lebensplanung ist hergestellt',
    );
    void doc;
  });

  it('records goal reviews, signatures and links journal entries to goals', async () => {
    const { cm, caseId } = await setup();
    const plan = (await cm.put(`/api/cases/${caseId}/plan`, { version: 0, ...samiraPlan() })).json().plan;
    const goal = plan.goals[0];
    const review = await cm.post(`/api/plan-goals/${goal.id}/reviews`, {
      reviewedOn: today(),
      attainment: 'partly',
      comment: 'Antrag gestellt, Bescheid steht aus',
      consequence: 'keep',
    });
    expect(review.statusCode, review.body).toBe(201);
    expect(
      problem(
        await cm.post(`/api/plan-goals/${goal.id}/reviews`, {
          reviewedOn: day(1),
          attainment: 'fully',
          consequence: 'keep',
        }),
      ).errors,
    ).toEqual([expect.objectContaining({ pointer: '/reviewedOn', code: 'in-future' })]);
    const entry = await cm.post(`/api/cases/${caseId}/journal`, {
      kind: 'personal_talk',
      occurredOn: today(),
      text: 'Antrag gemeinsam ausgefüllt',
      goalId: goal.id,
    });
    expect(entry.statusCode, entry.body).toBe(201);
    const foreign = await cm.post(`/api/cases/${caseId}/journal`, {
      kind: 'note',
      occurredOn: today(),
      text: 'x',
      goalId: '01900000-0000-7000-8000-000000000000',
    });
    expect(problem(foreign).errors).toEqual([expect.objectContaining({ pointer: '/goalId' })]);
    const journal = (await cm.get(`/api/cases/${caseId}/journal?goalId=${goal.id}`)).json();
    expect(journal.items.map((e: { text: string }) => e.text)).toEqual(['Antrag gemeinsam ausgefüllt']);
    const signed = await cm.post(`/api/cases/${caseId}/plan/signatures`, {
      signer: 'client',
      name: 'Samira',
      form: 'oral',
      signedOn: today(),
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const after = signed.json().plan;
    expect(after.goals[0]).toMatchObject({
      journalEntries: 1,
      reviews: [expect.objectContaining({ attainment: 'partly' })],
    });
    expect(after.signatures).toEqual([
      expect.objectContaining({ signer: 'client', form: 'oral', planVersion: 1 }),
    ]);
    expect(after.glance.goals.byAttainment).toMatchObject({ partly: 1, unreviewed: 5 });
  });

  it('prints for the client in Arabic beside German and logs the handout as a disclosure', async () => {
    const { org, cm, caseId } = await setup();
    const plan = (await cm.put(`/api/cases/${caseId}/plan`, { version: 0, ...samiraPlan() })).json().plan;
    const print = (await cm.get(`/api/cases/${caseId}/plan/print?language=ar`)).json();
    expect(print).toMatchObject({ language: 'ar', direction: 'rtl', clientName: 'Samira Samadi' });
    expect(print.german.goal).toBe('Ziel');
    expect(print.labels.goal).not.toBe('Ziel');
    expect(print.plan.goals[0].wording).toBe('Sicherung des Aufenthalts'); // texts as written
    expect((await cm.get(`/api/cases/${caseId}/plan/print?language=fr`)).statusCode).toBe(400);
    const handout = await cm.post(`/api/cases/${caseId}/plan/handouts`, {
      language: 'ar',
      version: plan.version,
    });
    expect(handout.statusCode, handout.body).toBe(204);
    const dpo = as(t.app, await signIn(t.app, org.users.dpo.username));
    const log = (await dpo.get(`/api/disclosures?caseId=${caseId}`)).json();
    expect(log.items).toEqual([expect.objectContaining({ channel: 'plan_printout' })]);
  });

  it('goals carry a field of action (for the Eingliederungsquote); setting it after agreement is an extension', async () => {
    const { cm, caseId } = await setup();
    const doc = samiraPlan();
    const first = doc.goals[0];
    if (first) Object.assign(first, { field: 'residence' });
    const saved = await cm.put(`/api/cases/${caseId}/plan`, { version: 0, ...doc });
    expect(saved.statusCode, saved.body).toBe(200);
    const created = saved.json().plan;
    expect(created.goals.map((g: { field: string | null }) => g.field)).toEqual(['residence', null]);
    expect(created.goals[0].subGoals[0].field).toBeNull();
    const unknown = structuredClone(doc);
    if (unknown.goals[1]) Object.assign(unknown.goals[1], { field: 'work' });
    const refused = problem(await cm.put(`/api/cases/${caseId}/plan`, { version: 1, ...unknown }));
    expect(refused.errors).toContainEqual(
      expect.objectContaining({ pointer: '/goals/1/field', code: 'enum' }),
    );
    const agreed = (await cm.post(`/api/cases/${caseId}/plan/agree`, { version: 1 })).json().plan;
    const goals = strip(agreed.goals) as Record<string, unknown>[];
    if (goals[1]) goals[1].field = 'health';
    const body = { version: agreed.version, header: agreed.header, legalType: agreed.legalType, goals };
    expect(problem(await cm.put(`/api/cases/${caseId}/plan`, body)).errors).toEqual([
      expect.objectContaining({ pointer: '/changeKind', code: 'required' }),
    ]);
    const ext = await cm.put(`/api/cases/${caseId}/plan`, { ...body, changeKind: 'extension' });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json().plan.goals[1].field).toBe('health');
    const history = (await cm.get(`/api/cases/${caseId}/plan/history`)).json().items;
    expect(history[0]).toMatchObject({ changeKind: 'extension', summary: { fieldsChanged: 1 } });
  });

  it('a closed case keeps its plan as it is; only the case team edits it', async () => {
    const { org, cm, caseId } = await setup();
    const lead = as(t.app, await signIn(t.app, org.users.team_lead.username));
    expect((await lead.put(`/api/cases/${caseId}/plan`, { version: 0, ...samiraPlan() })).statusCode).toBe(
      403,
    );
    // closed (the phase rules are tested with the case file; here only the state matters)
    await t.deps.db
      .updateTable('cases')
      .set({ phase: 'closed', closed_on: today() })
      .where('id', '=', caseId)
      .execute();
    expect(problem(await cm.put(`/api/cases/${caseId}/plan`, { version: 0, ...samiraPlan() })).code).toBe(
      'case-closed',
    );
  });
});

/** The goals as a client sends them back: the view's read-only parts left out. */
function strip(goals: unknown[]): unknown[] {
  return (goals as Record<string, unknown>[]).map((g) => {
    const { reviews: _r, journalEntries: _j, subGoals, ...rest } = g;
    return { ...rest, ...(Array.isArray(subGoals) ? { subGoals: strip(subGoals) } : {}) };
  });
}
