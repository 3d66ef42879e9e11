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
  closeWithEvaluation,
} from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Api = ReturnType<typeof as>;

let counter = 0;
async function registerClient(api: Api, extra: Record<string, unknown> = {}) {
  counter += 1;
  const res = await api.post('/api/clients', {
    familyName: `Yılmaz${counter}`,
    givenNames: 'Deniz',
    birthDate: '2007-05-0' + ((counter % 9) + 1),
    gender: 'diverse',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  const client = res.json() as { id: string };
  await recordConsent(api, client.id);
  return client;
}

async function recordConsent(api: Api, clientId: string) {
  const res = await api.post(`/api/clients/${clientId}/consents`, {
    kind: 'data_processing',
    givenBy: 'client',
    form: 'oral',
    witness: 'Kollege Test',
    givenOn: localDate(new Date()),
    language: 'de',
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function openCase(api: Api, org: TestOrganisation, extra: Record<string, unknown> = {}) {
  const c = await registerClient(api);
  const criteria = (await api.get('/api/indication-criteria')).json().items as { id: string }[];
  const res = await api.post('/api/cases', {
    clientId: c.id,
    kind: 'case_management',
    orgUnitId: org.orgUnitIds[0],
    intake: {
      accessRoute: 'agency_referral',
      referralAgency: 'Jobcenter Musterstadt',
      indicationCriteria: criteria.slice(0, 2).map((x) => x.id),
      indicationDecision: 'cm_needed',
      indicationReason: 'Mehrere Stellen beteiligt, Wohnung und Ausbildung offen',
      contractForm: 'oral',
      contractOn: localDate(new Date()),
      contractBy: 'Fallmanagerin',
    },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function move(api: Api, id: string, to: string, reason?: string) {
  const current = (await api.get(`/api/cases/${id}`)).json();
  return api.post(`/api/cases/${id}/phase`, { version: current.version, to, ...(reason ? { reason } : {}) });
}

describe('opening a case', () => {
  it('opens a CM case with intake, a per-organisation case number and the first phase', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const first = await openCase(cm, org);
    const second = await openCase(cm, org);
    const code = (await cm.get('/api/organisation')).json().shortCode;
    const year = localDate(new Date()).slice(0, 4);
    expect(first.caseNumber).toBe(`${code}-${year}-00001`);
    expect(second.caseNumber).toBe(`${code}-${year}-00002`);
    expect(first).toMatchObject({
      kind: 'case_management',
      phase: 'intake',
      responsible: { id: org.users.case_manager.id },
      allowedMoves: ['assessment'],
      permissions: { write: true, journal: true, handOver: true },
    });
    expect(first.intake).toMatchObject({
      accessRoute: 'agency_referral',
      indicationDecision: 'cm_needed',
      contractForm: 'oral',
      mandate: null,
    });
    expect(first.intake.indicationCriteria).toHaveLength(2);
    expect(first.phaseHistory).toEqual([expect.objectContaining({ from: null, to: 'intake' })]);
  });

  it('records a mandated referral with mandate, sessions, feedback and the start of voluntariness', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const today = localDate(new Date());
    const c = await openCase(cm, org, {
      intake: {
        accessRoute: 'mandated',
        referralAgency: 'Jobcenter',
        mandate: {
          body: 'Jobcenter Musterstadt',
          text: 'Heranführung an Ausbildung',
          sanctionRisk: true,
          sessions: 5,
          feedbackChannel: 'E-Mail an Fallmanager:in des Jobcenters',
          feedbackInterval: 'monatlich',
          voluntarySince: addDays(today, 30),
        },
      },
    });
    expect(c.intake.mandate).toEqual({
      body: 'Jobcenter Musterstadt',
      text: 'Heranführung an Ausbildung',
      sanctionRisk: true,
      sessions: 5,
      feedbackChannel: 'E-Mail an Fallmanager:in des Jobcenters',
      feedbackInterval: 'monatlich',
      voluntarySince: addDays(today, 30),
    });
  });

  it('rejects an inconsistent intake naming the field and opens nothing', async () => {
    const org = await createOrganisation(t.deps);
    const other = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = await registerClient(cm);
    const foreignCriterion = (
      await as(t.app, await signIn(t.app, other.users.case_manager.username)).get('/api/indication-criteria')
    ).json().items[0].id;
    const attempts: [Record<string, unknown>, string, string][] = [
      [{ intake: { accessRoute: 'mandated' } }, '/intake/mandate', 'required'],
      [
        { intake: { accessRoute: 'self', indicationDecision: 'referred_elsewhere' } },
        '/intake/referredTo',
        'required',
      ],
      [
        { intake: { accessRoute: 'self', indicationCriteria: [foreignCriterion] } },
        '/intake/indicationCriteria/0',
        'not-in-list',
      ],
      [{ intake: { accessRoute: 'walk-in' } }, '/intake/accessRoute', 'enum'],
      [{ intake: { accessRoute: 'self' }, kind: 'cm' }, '/kind', 'enum'],
      [{ intake: { accessRoute: 'self' }, orgUnitId: org.orgUnitIds[1] }, '/orgUnitId', 'not-in-list'],
      [{ intake: { accessRoute: 'self' }, openedOn: '2099-01-01' }, '/openedOn', 'in-future'],
      [{ intake: { accessRoute: 'self', contractOn: '2026-13-01' } }, '/intake/contractOn', 'anyOf'],
    ];
    for (const [override, pointer, code] of attempts) {
      const res = await cm.post('/api/cases', {
        clientId: c.id,
        kind: 'case_management',
        orgUnitId: org.orgUnitIds[0],
        ...override,
      });
      expect(res.statusCode, JSON.stringify(override)).toBe(400);
      expect(problem(res).errors, JSON.stringify(override)).toContainEqual(
        expect.objectContaining({ pointer, code }),
      );
    }
    expect((await cm.get('/api/cases')).json().total).toBe(0);
  });
});

describe('phases', () => {
  it('moves through the whole cycle, back to assessment, closes and reopens; every move is in the history', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = await openCase(cm, org);
    for (const to of ['assessment', 'planning', 'linking', 'monitoring']) {
      expect((await move(cm, c.id, to)).statusCode, to).toBe(200);
    }
    const back = await move(cm, c.id, 'assessment', 'Neue Lebenssituation nach Umzug');
    expect(back.json().phase).toBe('assessment');
    for (const to of ['planning', 'linking', 'monitoring', 'evaluation']) {
      expect((await move(cm, c.id, to)).statusCode, to).toBe(200);
    }
    const closing = await closeWithEvaluation(cm, c.id);
    expect(closing.statusCode, closing.body).toBe(200);
    const closed = (await cm.get(`/api/cases/${c.id}`)).json();
    expect(closed).toMatchObject({
      phase: 'closed',
      closedOn: localDate(new Date()),
      allowedMoves: ['evaluation'],
    });
    const reopened = (await move(cm, c.id, 'evaluation', 'Klientin meldet sich wieder')).json();
    expect(reopened).toMatchObject({ phase: 'evaluation', closedOn: null });
    expect(reopened.phaseHistory.map((h: { to: string }) => h.to)).toEqual([
      'intake',
      'assessment',
      'planning',
      'linking',
      'monitoring',
      'assessment',
      'planning',
      'linking',
      'monitoring',
      'evaluation',
      'closed',
      'evaluation',
    ]);
    expect(reopened.phaseHistory[5]).toMatchObject({
      from: 'monitoring',
      reason: 'Neue Lebenssituation nach Umzug',
    });
  });

  it('records the closure reason when a case is closed, and clears it on reopening', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = await openCase(cm, org, { kind: 'counselling' });
    const closed = await cm.post(`/api/cases/${c.id}/phase`, {
      version: c.version,
      to: 'closed',
      closureReason: 'ended_by_client',
    });
    expect(closed.json()).toMatchObject({ phase: 'closed', closureReason: 'ended_by_client' });
    // a case-management case is closed with its evaluation, not by a phase move
    const cmCase = await openCase(cm, org);
    const refused = await cm.post(`/api/cases/${cmCase.id}/phase`, {
      version: cmCase.version,
      to: 'closed',
      closureReason: 'goals_reached',
    });
    expect(problem(refused)).toMatchObject({ code: 'evaluation-required', errors: [{ pointer: '/to' }] });
    const bad = await cm.post(`/api/cases/${c.id}/phase`, {
      version: closed.json().version,
      to: 'intake',
      closureReason: 'bored',
    });
    expect(problem(bad).errors).toContainEqual(expect.objectContaining({ pointer: '/closureReason' }));
    const reopened = await cm.post(`/api/cases/${c.id}/phase`, {
      version: closed.json().version,
      to: 'intake',
    });
    expect(reopened.json()).toMatchObject({ phase: 'intake', closureReason: null });
  });

  it('refuses a move that skips a phase and changes nothing', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = await openCase(cm, org);
    const res = await move(cm, c.id, 'planning');
    expect(res.statusCode).toBe(409);
    expect(problem(res).code).toBe('phase-move-not-allowed');
    const after = (await cm.get(`/api/cases/${c.id}`)).json();
    expect(after).toMatchObject({ phase: 'intake', version: c.version });
    expect(after.phaseHistory).toHaveLength(1);
  });

  it('runs a counselling case from intake straight to closed', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = await openCase(cm, org, { kind: 'counselling' });
    expect(c.allowedMoves).toEqual(['closed']);
    expect((await move(cm, c.id, 'assessment')).statusCode).toBe(409);
    expect((await move(cm, c.id, 'closed')).json().phase).toBe('closed');
  });

  it('refuses a stale save with 409 and the current state; nothing is overwritten', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = await openCase(cm, org);
    const ok = await cm.put(`/api/cases/${c.id}/intake`, {
      version: c.version,
      intake: { ...c.intake, indicationReason: 'Erste Fassung' },
    });
    expect(ok.statusCode).toBe(200);
    const stale = await cm.put(`/api/cases/${c.id}/intake`, {
      version: c.version,
      intake: { ...c.intake, indicationReason: 'Zweite Fassung' },
    });
    expect(stale.statusCode).toBe(409);
    expect(problem(stale).current).toMatchObject({ intake: { indicationReason: 'Erste Fassung' } });
    const staleMove = await cm.post(`/api/cases/${c.id}/phase`, { version: c.version, to: 'assessment' });
    expect(staleMove.statusCode).toBe(409);
    expect((await cm.get(`/api/cases/${c.id}`)).json().intake.indicationReason).toBe('Erste Fassung');
  });
});

describe('responsibility', () => {
  it('hands a case over formally: reason and date recorded, the new case manager notified and responsible', async () => {
    const org = await createOrganisation(t.deps);
    const next = await addUser(t.deps, org, ['case_manager']);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = await openCase(cm, org);
    const res = await cm.post(`/api/cases/${c.id}/handover`, {
      version: c.version,
      toUserId: next.id,
      reason: 'Elternzeit',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ responsible: { id: next.id } });
    expect(res.json().handovers).toEqual([
      expect.objectContaining({
        from: expect.objectContaining({ id: org.users.case_manager.id }),
        to: expect.objectContaining({ id: next.id }),
        reason: 'Elternzeit',
      }),
    ]);
    const nextApi = as(t.app, await signIn(t.app, next.username));
    const notes = (await nextApi.get('/api/notifications')).json();
    expect(notes.unread).toBe(1);
    expect(notes.items[0]).toMatchObject({ kind: 'case_handed_over', case: { id: c.id } });
    expect((await nextApi.get(`/api/cases/${c.id}`)).statusCode).toBe(200);
    // the former case manager no longer sees it
    expect((await cm.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
  });

  it('refuses a handover to someone outside the organisation or without case work', async () => {
    const org = await createOrganisation(t.deps);
    const other = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = await openCase(cm, org);
    for (const target of [other.users.case_manager.id, org.users.planner.id, org.users.org_admin.id]) {
      const res = await cm.post(`/api/cases/${c.id}/handover`, {
        version: c.version,
        toUserId: target,
        reason: 'Test',
      });
      expect(res.statusCode).toBe(400);
      expect(problem(res).errors).toContainEqual(
        expect.objectContaining({ pointer: '/toUserId', code: 'not-a-case-manager' }),
      );
    }
    expect((await cm.get(`/api/cases/${c.id}`)).json().responsible.id).toBe(org.users.case_manager.id);
  });

  it('delegates for a scope and a period; a standing deputy needs the client’s agreement', async () => {
    const org = await createOrganisation(t.deps);
    const deputy = await addUser(t.deps, org, ['case_manager']);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const d = as(t.app, await signIn(t.app, deputy.username));
    const c = await openCase(cm, org);
    const today = localDate(new Date());
    expect((await d.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    const standing = await cm.post(`/api/cases/${c.id}/delegations`, {
      delegateUserId: deputy.id,
      scope: 'full',
      standing: true,
      startsOn: today,
      endsOn: addDays(today, 365),
    });
    expect(problem(standing).errors).toContainEqual(
      expect.objectContaining({ pointer: '/clientAgreementOn', code: 'requires-client-agreement' }),
    );
    const backwards = await cm.post(`/api/cases/${c.id}/delegations`, {
      delegateUserId: deputy.id,
      scope: 'journal',
      standing: false,
      startsOn: today,
      endsOn: addDays(today, -1),
    });
    expect(problem(backwards).errors).toContainEqual(
      expect.objectContaining({ pointer: '/endsOn', code: 'date-order' }),
    );
    const ok = await cm.post(`/api/cases/${c.id}/delegations`, {
      delegateUserId: deputy.id,
      scope: 'journal',
      standing: false,
      startsOn: today,
      endsOn: addDays(today, 14),
      reason: 'Urlaubsvertretung',
    });
    expect(ok.statusCode).toBe(200);
    const delegation = ok.json().delegations[0];
    expect(delegation).toMatchObject({ scope: 'journal', active: true });
    // a journal delegate reads and writes the journal, but does not steer the case
    const asDeputy = (await d.get(`/api/cases/${c.id}`)).json();
    expect(asDeputy.permissions).toEqual({ write: false, journal: true, handOver: false });
    expect(
      (
        await d.post(`/api/cases/${c.id}/journal`, {
          kind: 'phone',
          occurredOn: today,
          text: 'Vertretung: Rückruf',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await d.post(`/api/cases/${c.id}/phase`, { version: asDeputy.version, to: 'assessment' })).statusCode,
    ).toBe(403);
    expect((await d.get('/api/cases')).json().items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    // ending the delegation ends the access
    expect((await cm.delete(`/api/cases/${c.id}/delegations/${delegation.id}`)).statusCode).toBe(200);
    expect((await d.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
  });
});

describe('team lead and access', () => {
  it('a team lead sees the unit’s cases without names and opens one only with a recorded reason', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = await openCase(cm, org);
    const lead = as(t.app, await signIn(t.app, org.users.team_lead.username));
    const list = (await lead.get('/api/cases')).json();
    expect(list.items).toEqual([expect.objectContaining({ id: c.id, client: null, canRead: false })]);
    // names are not searchable without access
    expect((await lead.post('/api/cases/search', { q: c.client.familyName })).json().total).toBe(0);
    expect((await lead.post('/api/cases/search', { q: c.caseNumber })).json().total).toBe(1);
    const denied = await lead.get(`/api/cases/${c.id}`);
    expect(denied.statusCode).toBe(403);
    expect(problem(denied).code).toBe('break-glass-required');
    expect((await lead.post(`/api/cases/${c.id}/break-glass`, { reason: 'kurz' })).statusCode).toBe(400);
    const opened = await lead.post(`/api/cases/${c.id}/break-glass`, {
      reason: 'Beschwerde der Klientin, Prüfung durch Teamleitung',
    });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().accessLog).toEqual([
      expect.objectContaining({
        user: expect.objectContaining({ id: org.users.team_lead.id }),
        reason: 'Beschwerde der Klientin, Prüfung durch Teamleitung',
      }),
    ]);
    expect(opened.json().permissions).toEqual({ write: false, journal: false, handOver: true });
    expect((await lead.get(`/api/cases/${c.id}`)).statusCode).toBe(200);
    // visible in the case for the case manager, who is notified
    expect((await cm.get(`/api/cases/${c.id}`)).json().accessLog).toHaveLength(1);
    expect((await cm.get('/api/notifications')).json().items[0]).toMatchObject({
      kind: 'case_opened_with_reason',
    });
    // and audited
    const entries = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', c.id)
      .where('actor_user_id', '=', org.users.team_lead.id)
      .execute();
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['case.break_glass', 'case.read']));
    // the access ends after eight hours
    t.clock.advanceMinutes(8 * 60 + 1);
    const later = as(t.app, await signIn(t.app, org.users.team_lead.username));
    expect(problem(await later.get(`/api/cases/${c.id}`)).code).toBe('break-glass-required');
  });

  it('a team lead of another unit does not see the case at all', async () => {
    const org = await createOrganisation(t.deps);
    const otherLead = await addUser(t.deps, org, ['team_lead'], [org.orgUnitIds[1]]);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = await openCase(cm, org);
    const lead = as(t.app, await signIn(t.app, otherLead.username));
    expect((await lead.get('/api/cases')).json().total).toBe(0);
    expect((await lead.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
    expect(
      (await lead.post(`/api/cases/${c.id}/break-glass`, { reason: 'Ich möchte nur mal schauen' }))
        .statusCode,
    ).toBe(404);
  });

  it.each(['org_admin', 'planner', 'dpo', 'installation_admin'] as const)(
    'a %s sees no case content',
    async (role) => {
      const org = await createOrganisation(t.deps);
      const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
      const c = await openCase(cm, org);
      const s = as(t.app, await signIn(t.app, org.users[role].username));
      expect((await s.get('/api/cases')).statusCode).toBe(403);
      expect((await s.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
      expect((await s.get(`/api/cases/${c.id}/journal`)).statusCode).toBe(404);
    },
  );

  it('a colleague in the same unit and another organisation see nothing', async () => {
    const org = await createOrganisation(t.deps);
    const colleague = await addUser(t.deps, org, ['case_manager']);
    const other = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = await openCase(cm, org);
    for (const username of [
      colleague.username,
      other.users.case_manager.username,
      other.users.team_lead.username,
    ]) {
      const s = as(t.app, await signIn(t.app, username));
      expect((await s.get(`/api/cases/${c.id}`)).statusCode, username).toBe(404);
      expect((await s.get(`/api/clients/${c.client.id}`)).statusCode, username).toBe(404);
    }
  });

  it('every read of a case is in the audit log', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const c = await openCase(cm, org);
    await cm.get(`/api/cases/${c.id}`);
    await cm.get(`/api/cases/${c.id}/journal`);
    const reads = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', c.id)
      .where('action', '=', 'case.read')
      .execute();
    expect(reads).toHaveLength(2);
  });
});

describe('case list and caseload', () => {
  it('filters, searches and pages on the server', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const a = await openCase(cm, org);
    const b = await openCase(cm, org);
    const counselling = await openCase(cm, org, { kind: 'counselling' });
    await move(cm, b.id, 'assessment');
    const today = localDate(new Date());
    await cm.post('/api/follow-ups', { caseId: a.id, dueOn: addDays(today, -3), text: 'Bescheid anfordern' });
    await cm.post(`/api/cases/${b.id}/journal`, {
      kind: 'personal_talk',
      occurredOn: today,
      text: 'Gespräch',
    });

    const ids = async (query: string) =>
      (await cm.get(`/api/cases?${query}`)).json().items.map((i: { id: string }) => i.id);
    expect(await ids('phase=assessment')).toEqual([b.id]);
    expect(await ids('kind=counselling')).toEqual([counselling.id]);
    expect(await ids('overdueFollowUps=true')).toEqual([a.id]);
    expect(await ids('sort=caseNumber&order=asc')).toEqual([a.id, b.id, counselling.id]);
    const page2 = (await cm.get('/api/cases?pageSize=2&page=2')).json();
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items).toHaveLength(1);
    // a search term goes in the body of POST /api/cases/search, with the same filters; never in the URL
    const found = async (body: Record<string, unknown>) =>
      (await cm.post('/api/cases/search', body)).json().items.map((i: { id: string }) => i.id);
    expect(await found({ q: a.client.familyName.toUpperCase() })).toEqual([a.id]);
    expect(await found({ q: b.caseNumber.toLowerCase() })).toEqual([b.id]);
    expect(await found({ q: b.caseNumber, phase: 'intake' })).toEqual([]);
    expect(await found({ sort: 'caseNumber', order: 'desc', pageSize: 2 })).toEqual([counselling.id, b.id]);
    const inUrl = await cm.get(`/api/cases?q=${encodeURIComponent(a.client.familyName)}`);
    expect(inUrl.statusCode).toBe(400);
    expect(problem(inUrl).errors).toEqual([expect.objectContaining({ parameter: 'q' })]);
    expect(inUrl.body).not.toContain(a.client.familyName);
    const badSearch = await cm.post('/api/cases/search', { q: 'x'.repeat(101), phase: 'unknown' });
    expect((problem(badSearch).errors ?? []).map((e) => e.pointer).sort()).toEqual(['/phase', '/q']);
    // last contact: b today; a and the counselling case never
    t.clock.advanceMinutes(0);
    expect(await ids('noContactDays=30')).toEqual([]);
    const list = (await cm.get('/api/cases')).json();
    expect(list.items.find((i: { id: string }) => i.id === a.id)).toMatchObject({
      overdueFollowUps: 1,
      nextFollowUpOn: addDays(today, -3),
    });
    expect(list.items.find((i: { id: string }) => i.id === b.id)).toMatchObject({ lastContactOn: today });
    expect((await cm.get('/api/cases?noContactDays=0')).statusCode).toBe(400);
  });

  it('shows the team lead running CM cases per full-time post against the thresholds', async () => {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const settings = (await admin.get('/api/organisation')).json();
    expect(settings).toMatchObject({ caseloadWarnPerFte: 30, caseloadMaxPerFte: 45 });
    await admin.patch('/api/organisation', {
      version: settings.version,
      caseloadWarnPerFte: 2,
      caseloadMaxPerFte: 3,
    });
    const user = (await admin.get(`/api/users/${org.users.case_manager.id}`)).json();
    await admin.patch(`/api/users/${user.id}`, { version: user.version, ftePercent: 50 });
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    await openCase(cm, org);
    await openCase(cm, org, { kind: 'counselling' });
    const lead = as(t.app, await signIn(t.app, org.users.team_lead.username));
    const load = (await lead.get('/api/caseloads')).json();
    expect(load).toMatchObject({ warnPerFte: 2, maxPerFte: 3 });
    expect(load.rows).toEqual([
      expect.objectContaining({
        user: expect.objectContaining({ id: org.users.case_manager.id }),
        ftePercent: 50,
        runningCmCases: 1,
        perFte: 2,
        level: 'ok',
        byPhase: { intake: 1 },
      }),
    ]);
    await openCase(cm, org);
    expect((await lead.get('/api/caseloads')).json().rows[0]).toMatchObject({
      runningCmCases: 2,
      perFte: 4,
      level: 'over',
    });
    expect((await cm.get('/api/caseloads')).statusCode).toBe(403);
    const bad = await admin.patch('/api/organisation', {
      version: settings.version + 1,
      caseloadWarnPerFte: 40,
      caseloadMaxPerFte: 30,
    });
    expect(problem(bad).errors).toContainEqual(expect.objectContaining({ pointer: '/caseloadMaxPerFte' }));
  });
});
