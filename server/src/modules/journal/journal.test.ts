import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../core/clock.js';
import {
  as,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  type TestApp,
  closeWithEvaluation,
} from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function setup() {
  const org = await createOrganisation(t.deps);
  const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
  const client = (
    await cm.post('/api/clients', {
      familyName: 'Haddad',
      givenNames: 'Omar',
      birthYear: 2004,
      gender: 'male',
      consent: {
        givenBy: 'client',
        form: 'oral',
        witness: 'Kollegin',
        givenOn: localDate(new Date()),
        language: 'ar',
      },
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
  return { org, cm, caseId: c.id as string };
}

const today = () => localDate(new Date());

describe('journal', () => {
  it('keeps entries newest first and derives the last contact from contacts only', async () => {
    const { cm, caseId } = await setup();
    await cm.post(`/api/cases/${caseId}/journal`, {
      kind: 'phone',
      occurredOn: addDays(today(), -10),
      durationMinutes: 15,
      text: 'Terminabsprache',
    });
    await cm.post(`/api/cases/${caseId}/journal`, {
      kind: 'personal_talk',
      occurredOn: addDays(today(), -5),
      durationMinutes: 60,
      participants: 'Klient, Mutter',
      text: 'Erstgespräch\nZiele besprochen',
    });
    await cm.post(`/api/cases/${caseId}/journal`, {
      kind: 'missed_appointment',
      occurredOn: addDays(today(), -1),
      text: 'Nicht erschienen',
    });
    await cm.post(`/api/cases/${caseId}/journal`, {
      kind: 'note',
      occurredOn: today(),
      text: 'Akte sortiert',
    });
    const page = (await cm.get(`/api/cases/${caseId}/journal`)).json();
    expect(page.items.map((e: { kind: string }) => e.kind)).toEqual([
      'note',
      'missed_appointment',
      'personal_talk',
      'phone',
    ]);
    expect(page.items[2]).toMatchObject({
      participants: 'Klient, Mutter',
      durationMinutes: 60,
      text: 'Erstgespräch\nZiele besprochen',
      revisions: 0,
    });
    expect((await cm.get(`/api/cases/${caseId}`)).json().lastContactOn).toBe(addDays(today(), -5));
    expect((await cm.get(`/api/cases/${caseId}/journal?kind=phone`)).json().total).toBe(1);
    // a contact recorded afterwards for an earlier day does not move the last contact back
    await cm.post(`/api/cases/${caseId}/journal`, {
      kind: 'phone',
      occurredOn: addDays(today(), -8),
      text: 'Nachgetragen',
    });
    expect((await cm.get(`/api/cases/${caseId}`)).json().lastContactOn).toBe(addDays(today(), -5));
  });

  it('keeps the previous wording when an entry is corrected, and refuses a stale correction', async () => {
    const { cm, caseId } = await setup();
    const entry = (
      await cm.post(`/api/cases/${caseId}/journal`, {
        kind: 'phone',
        occurredOn: today(),
        text: 'Erste Fassung',
      })
    ).json();
    const edited = await cm.put(`/api/cases/${caseId}/journal/${entry.id}`, {
      kind: 'phone',
      occurredOn: today(),
      text: 'Korrigierte Fassung',
      version: entry.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ text: 'Korrigierte Fassung', revisions: 1, version: 2 });
    const history = (await cm.get(`/api/cases/${caseId}/journal/${entry.id}/history`)).json();
    expect(history.items).toEqual([expect.objectContaining({ version: 1, text: 'Erste Fassung' })]);
    const stale = await cm.put(`/api/cases/${caseId}/journal/${entry.id}`, {
      kind: 'phone',
      occurredOn: today(),
      text: 'Dritte',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(problem(stale).current).toMatchObject({ text: 'Korrigierte Fassung' });
  });

  it('never deletes: a withdrawn entry stays visible with its reason and no longer counts as contact', async () => {
    const { cm, caseId } = await setup();
    const entry = (
      await cm.post(`/api/cases/${caseId}/journal`, {
        kind: 'home_visit',
        occurredOn: today(),
        text: 'Im falschen Fall',
      })
    ).json();
    expect((await cm.get(`/api/cases/${caseId}`)).json().lastContactOn).toBe(today());
    const withdrawn = await cm.post(`/api/cases/${caseId}/journal/${entry.id}/withdraw`, {
      version: entry.version,
      reason: 'Falscher Fall',
    });
    expect(withdrawn.json().withdrawn).toMatchObject({ reason: 'Falscher Fall' });
    const page = (await cm.get(`/api/cases/${caseId}/journal`)).json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0].text).toBe('Im falschen Fall');
    expect((await cm.get(`/api/cases/${caseId}`)).json().lastContactOn).toBeNull();
    expect(
      (
        await cm.put(`/api/cases/${caseId}/journal/${entry.id}`, {
          kind: 'note',
          occurredOn: today(),
          text: 'x',
          version: 2,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('rejects future dates, unknown kinds and entries in closed cases', async () => {
    const { cm, caseId } = await setup();
    const future = await cm.post(`/api/cases/${caseId}/journal`, {
      kind: 'phone',
      occurredOn: addDays(today(), 2),
      text: 'x',
    });
    expect(problem(future).errors).toContainEqual(
      expect.objectContaining({ pointer: '/occurredOn', code: 'in-future' }),
    );
    const kind = await cm.post(`/api/cases/${caseId}/journal`, {
      kind: 'chat',
      occurredOn: today(),
      text: 'x',
    });
    expect(problem(kind).errors).toContainEqual(expect.objectContaining({ pointer: '/kind', code: 'enum' }));
    const empty = await cm.post(`/api/cases/${caseId}/journal`, {
      kind: 'note',
      occurredOn: today(),
      text: '',
    });
    expect(problem(empty).errors).toContainEqual(
      expect.objectContaining({ pointer: '/text', code: 'minLength' }),
    );
    // close the case (intake → … → closed) and try again
    for (const to of ['assessment', 'planning', 'linking', 'monitoring', 'evaluation']) {
      const v = (await cm.get(`/api/cases/${caseId}`)).json().version;
      await cm.post(`/api/cases/${caseId}/phase`, { version: v, to });
    }
    expect((await closeWithEvaluation(cm, caseId)).statusCode).toBe(200);
    const closed = await cm.post(`/api/cases/${caseId}/journal`, {
      kind: 'note',
      occurredOn: today(),
      text: 'nach Abschluss',
    });
    expect(closed.statusCode).toBe(409);
    expect(problem(closed).code).toBe('case-closed');
  });
});

describe('follow-ups', () => {
  it('lists my follow-ups overdue first, completes them, and keeps personal tasks', async () => {
    const { cm, caseId } = await setup();
    const later = (
      await cm.post('/api/follow-ups', { caseId, dueOn: addDays(today(), 7), text: 'Bescheid prüfen' })
    ).json();
    const overdue = (
      await cm.post('/api/follow-ups', { caseId, dueOn: addDays(today(), -2), text: 'Rückruf Jobcenter' })
    ).json();
    const personal = (
      await cm.post('/api/follow-ups', { dueOn: today(), text: 'Teamsitzung vorbereiten' })
    ).json();
    expect(personal.case).toBeNull();
    const mine = (await cm.get('/api/follow-ups/mine')).json();
    expect(mine.items.map((f: { id: string }) => f.id)).toEqual([overdue.id, personal.id, later.id]);
    expect(mine.items[0]).toMatchObject({ overdue: true, case: { id: caseId, clientName: 'Haddad, Omar' } });
    const done = await cm.patch(`/api/follow-ups/${overdue.id}`, { version: overdue.version, done: true });
    expect(done.json().done).toMatchObject({ by: expect.objectContaining({}) });
    expect((await cm.get('/api/follow-ups/mine')).json().total).toBe(2);
    expect((await cm.get('/api/follow-ups/mine?includeDone=true')).json().items.at(-1).id).toBe(overdue.id);
    const c = (await cm.get(`/api/cases/${caseId}`)).json();
    expect(c.followUps).toEqual({ open: 1, overdue: 0, next: addDays(today(), 7) });
    expect(
      (await cm.patch(`/api/follow-ups/${overdue.id}`, { version: overdue.version, done: false })).statusCode,
    ).toBe(409);
  });

  it('assigns only to someone who works on the case, and notifies them', async () => {
    const { org, cm, caseId } = await setup();
    const planner = await cm.post('/api/follow-ups', {
      caseId,
      dueOn: today(),
      text: 'x',
      assigneeUserId: org.users.planner.id,
    });
    expect(problem(planner).errors).toContainEqual(
      expect.objectContaining({ pointer: '/assigneeUserId', code: 'not-allowed' }),
    );
    const lead = await cm.post('/api/follow-ups', {
      dueOn: today(),
      text: 'x',
      assigneeUserId: org.users.team_lead.id,
    });
    expect(lead.statusCode).toBe(400);
    const outsider = await createOrganisation(t.deps);
    const foreign = as(t.app, await signIn(t.app, outsider.users.case_manager.username));
    expect((await foreign.post('/api/follow-ups', { caseId, dueOn: today(), text: 'x' })).statusCode).toBe(
      404,
    );
    expect((await foreign.get(`/api/cases/${caseId}/follow-ups`)).statusCode).toBe(404);
  });
});
