import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../core/clock.js';
import type { RequestContext } from '../../core/context.js';
import {
  addUser,
  as,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  type TestApp,
} from '../../test/harness.js';
import { linkThemeToGapReport, themeForGapReport } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const today = () => localDate(new Date());
const day = (n: number) => addDays(today(), n);
const german = (d: string) => d.split('-').reverse().join('.');

type Api = ReturnType<typeof as>;

async function setup() {
  const org = await createOrganisation(t.deps);
  const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
  const client = (
    await cm.post('/api/clients', {
      familyName: 'Al-Hassan',
      givenNames: 'Samira',
      birthDate: '1994-03-07',
      gender: 'female',
      consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today(), language: 'ar' },
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
  const partner = await cm.post('/api/partners', {
    name: 'Jugendamt Musterstadt',
    type: 'youth_welfare_office',
    district: 'Nord',
    contacts: [{ name: 'Petra Keller', role: 'Allgemeiner Sozialer Dienst' }],
  });
  expect(partner.statusCode, partner.body).toBe(201);
  return {
    org,
    cm,
    caseId: c.id as string,
    clientId: client.id as string,
    contactId: partner.json().contacts[0].id as string,
  };
}

function release(recipient: { kind: 'organisation' | 'person'; name: string }, categories: string[]) {
  return {
    kind: 'release',
    givenBy: 'client',
    form: 'oral',
    witness: 'Kollegin Weber',
    givenOn: today(),
    validUntil: day(180),
    language: 'ar',
    recipient,
    purpose: 'case_conference',
    categories,
  };
}

const conference = (cmId: string, contactId: string, over: Record<string, unknown> = {}) => ({
  kind: 'case',
  heldOn: day(7),
  startsAt: '10:00',
  place: 'JMD, Raum 2',
  moderatorUserId: cmId,
  agenda: 'Kinderbetreuung, Sprachkurs',
  anonymous: false,
  categories: ['master_data', 'plan'],
  participants: [
    { kind: 'internal', userId: cmId },
    { kind: 'partner_contact', contactId },
    { kind: 'family', name: 'Amal Al-Hassan', role: 'Schwägerin' },
    { kind: 'client' },
  ],
  ...over,
});

async function disclosuresOf(clientId: string) {
  return t.deps.db
    .selectFrom('disclosures')
    .select(['recipient_kind', 'recipient_name', 'purpose', 'channel', 'categories', 'consent_id'])
    .where('client_id', '=', clientId)
    .orderBy('recipient_name')
    .execute();
}

async function plan(api: Api, caseId: string, body: unknown) {
  const res = await api.post(`/api/cases/${caseId}/conferences`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('case conferences', () => {
  it('refuses invitations for participants without a release, naming each one; invites after the releases are recorded', async () => {
    const { org, cm, caseId, clientId, contactId } = await setup();
    const created = await plan(cm, caseId, conference(org.users.case_manager.id, contactId));
    expect(created).toMatchObject({ status: 'planned', version: 1, kind: 'case', startsAt: '10:00' });
    expect(created.participants.map((p: { kind: string; name: string | null }) => [p.kind, p.name])).toEqual([
      ['internal', 'case_manager Test'],
      ['partner_contact', 'Petra Keller'],
      ['family', 'Amal Al-Hassan'],
      ['client', null],
    ]);
    expect(created.participants[1]).toMatchObject({
      partnerName: 'Jugendamt Musterstadt',
      role: 'Allgemeiner Sozialer Dienst',
      release: { required: true, covered: false, reason: 'no-release' },
    });
    expect(created.participants[0].release).toMatchObject({ required: false, covered: true });

    const refused = await cm.post(`/api/conferences/${created.id}/invite`, { version: 1 });
    expect(refused.statusCode).toBe(403);
    const body = problem(refused);
    expect(body.code).toBe('disclosure-refused');
    expect(body.errors).toEqual([
      expect.objectContaining({
        pointer: '/participants/1',
        code: 'release-missing',
        params: expect.objectContaining({ recipient: 'Petra Keller (Jugendamt Musterstadt)' }),
      }),
      expect.objectContaining({
        pointer: '/participants/2',
        code: 'release-missing',
        params: expect.objectContaining({ recipient: 'Amal Al-Hassan' }),
      }),
    ]);
    expect(body.errors?.[0]?.message).toContain('Petra Keller');
    // audited, nothing recorded
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'disclosure.refused')
      .where('entity_id', '=', clientId)
      .execute();
    expect(audited).toHaveLength(1);
    expect(String(audited[0]?.details)).not.toContain('Keller');
    expect(await disclosuresOf(clientId)).toEqual([]);
    expect((await cm.get(`/api/conferences/${created.id}`)).json()).toMatchObject({
      status: 'planned',
      version: 1,
      invitedAt: null,
    });

    // a release for the organisation covers its contact person; one for the sister-in-law by name
    for (const r of [
      release({ kind: 'organisation', name: 'Jugendamt Musterstadt' }, ['master_data', 'plan', 'journal']),
      release({ kind: 'person', name: 'Amal Al-Hassan' }, ['master_data']),
    ]) {
      const res = await cm.post(`/api/clients/${clientId}/consents`, r);
      expect(res.statusCode, res.body).toBe(201);
    }
    const partly = (await cm.get(`/api/conferences/${created.id}`)).json();
    expect(partly.participants[1].release).toMatchObject({
      covered: true,
      recipient: { kind: 'organisation', name: 'Jugendamt Musterstadt' },
    });
    expect(partly.participants[2].release).toMatchObject({
      covered: false,
      reason: 'categories',
      missingCategories: ['plan'],
    });
    const stillRefused = problem(await cm.post(`/api/conferences/${created.id}/invite`, { version: 1 }));
    expect(stillRefused.errors?.map((e) => e.pointer)).toEqual(['/participants/2']);

    await cm.post(
      `/api/clients/${clientId}/consents`,
      release({ kind: 'person', name: 'amal  al-hassan' }, ['master_data', 'plan']),
    );
    const invited = await cm.post(`/api/conferences/${created.id}/invite`, { version: 1 });
    expect(invited.statusCode, invited.body).toBe(200);
    expect(invited.json()).toMatchObject({ status: 'invited', version: 2 });
    expect(invited.json().invitedAt).toBeTruthy();
    const logged = await disclosuresOf(clientId);
    expect(logged).toEqual([
      expect.objectContaining({
        recipient_kind: 'person',
        recipient_name: 'Amal Al-Hassan',
        purpose: 'case_conference',
        channel: 'conference',
      }),
      expect.objectContaining({ recipient_kind: 'organisation', recipient_name: 'Jugendamt Musterstadt' }),
    ]);
    expect(JSON.parse(logged[0]?.categories ?? '[]')).toEqual(['master_data', 'plan']);
    const participants = invited.json().participants;
    expect(participants[1].disclosureId).toBeTruthy();
    expect(participants[2].disclosureId).toBeTruthy();
    expect(participants[0].disclosureId).toBeNull();

    // the case team's disclosure log shows them
    const log = (await cm.get(`/api/cases/${caseId}/disclosures`)).json().items;
    expect(log.filter((d: { channel: string }) => d.channel === 'conference')).toHaveLength(2);
  });

  it('after the invitation, a change of participants sets the conference back to planned; only newcomers are logged again', async () => {
    const { org, cm, caseId, clientId, contactId } = await setup();
    await cm.post(
      `/api/clients/${clientId}/consents`,
      release({ kind: 'person', name: 'Petra Keller' }, ['master_data']),
    );
    const body = conference(org.users.case_manager.id, contactId, {
      categories: ['master_data'],
      participants: [{ kind: 'partner_contact', contactId }],
    });
    const created = await plan(cm, caseId, body);
    const invited = (await cm.post(`/api/conferences/${created.id}/invite`, { version: 1 })).json();
    expect(invited.status).toBe('invited');

    // a new place keeps the invitation
    const moved = await cm.put(`/api/conferences/${created.id}`, { ...body, place: 'Rathaus', version: 2 });
    expect(moved.json()).toMatchObject({ status: 'invited', place: 'Rathaus', version: 3 });

    const colleague = await addUser(t.deps, org, ['case_manager']);
    const more = await cm.put(`/api/conferences/${created.id}`, {
      ...body,
      place: 'Rathaus',
      version: 3,
      participants: [
        { kind: 'partner_contact', contactId },
        { kind: 'other', name: 'Dolmetscherin Frau Rahimi', role: 'Sprachmittlung' },
        { kind: 'internal', userId: colleague.id },
      ],
    });
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json()).toMatchObject({ status: 'planned', invitedAt: null, version: 4 });
    expect(more.json().participants[0].disclosureId).toBe(invited.participants[0].disclosureId);

    const refused = problem(await cm.post(`/api/conferences/${created.id}/invite`, { version: 4 }));
    expect(refused.errors).toEqual([
      expect.objectContaining({ pointer: '/participants/1', code: 'release-missing' }),
    ]);
    await cm.post(
      `/api/clients/${clientId}/consents`,
      release({ kind: 'person', name: 'Dolmetscherin Frau Rahimi' }, ['master_data']),
    );
    expect((await cm.post(`/api/conferences/${created.id}/invite`, { version: 4 })).json().status).toBe(
      'invited',
    );
    expect((await disclosuresOf(clientId)).map((d) => d.recipient_name)).toEqual([
      'Dolmetscherin Frau Rahimi',
      'Petra Keller',
    ]);
    // the same people in another order: still invited
    const reordered = await cm.put(`/api/conferences/${created.id}`, {
      ...body,
      place: 'Rathaus',
      version: 5,
      participants: [
        { kind: 'internal', userId: colleague.id },
        { kind: 'other', name: 'Dolmetscherin Frau Rahimi', role: 'Sprachmittlung' },
        { kind: 'partner_contact', contactId },
      ],
    });
    expect(reordered.json()).toMatchObject({ status: 'invited', version: 6 });
    expect(reordered.json().participants[2].disclosureId).toBe(invited.participants[0].disclosureId);
  });

  it('an anonymous conference needs no release, but its minutes and themes must not name the client unless confirmed', async () => {
    const { org, cm, caseId, clientId, contactId } = await setup();
    const anonymous = conference(org.users.case_manager.id, contactId, {
      kind: 'helpers',
      anonymous: true,
      categories: [],
      agenda: 'Fallvorstellung ohne Namen',
      participants: [
        { kind: 'partner_contact', contactId },
        { kind: 'other', name: 'Schulsozialarbeit' },
      ],
    });
    const withCategories = await cm.post(`/api/cases/${caseId}/conferences`, {
      ...anonymous,
      categories: ['master_data'],
    });
    expect(problem(withCategories).errors).toEqual([
      expect.objectContaining({ pointer: '/categories', code: 'not-allowed' }),
    ]);
    const namedAgenda = await cm.post(`/api/cases/${caseId}/conferences`, {
      ...anonymous,
      agenda: 'Fall Samira',
    });
    expect(namedAgenda.statusCode).toBe(409);
    expect(problem(namedAgenda)).toMatchObject({
      code: 'confirmation-required',
      errors: [expect.objectContaining({ pointer: '/agenda', code: 'contains-personal-data' })],
    });

    const created = await plan(cm, caseId, anonymous);
    expect(created.participants[0].release).toMatchObject({ required: false, covered: true });
    const invited = await cm.post(`/api/conferences/${created.id}/invite`, { version: 1 });
    expect(invited.statusCode, invited.body).toBe(200);
    expect(await disclosuresOf(clientId)).toEqual([]);

    const minutes = {
      version: 2,
      minutes: 'Frau Al-Hassan (geb. 07.03.1994) sucht seit einem Jahr einen Kitaplatz.',
      actions: [{ text: 'Kitaplätze im Stadtteil abfragen', ownerName: 'Schulsozialarbeit' }],
      themes: [{ text: 'Zu wenige Kitaplätze im Stadtteil Nord', field: 'education' }],
    };
    const warned = await cm.post(`/api/conferences/${created.id}/minutes`, minutes);
    expect(warned.statusCode).toBe(409);
    expect(problem(warned).errors).toEqual([
      expect.objectContaining({ pointer: '/minutes', code: 'contains-personal-data' }),
    ]);
    expect((await cm.get(`/api/conferences/${created.id}`)).json()).toMatchObject({
      status: 'invited',
      minutes: null,
    });
    const anonymised = await cm.post(`/api/conferences/${created.id}/minutes`, {
      ...minutes,
      minutes: 'Die Klientin sucht seit einem Jahr einen Kitaplatz.',
    });
    expect(anonymised.statusCode, anonymised.body).toBe(200);
    expect(anonymised.json()).toMatchObject({ status: 'held', version: 3 });
    // a false alarm may be confirmed
    const confirmed = await cm.post(`/api/conferences/${created.id}/minutes`, {
      ...minutes,
      version: 3,
      confirm: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', created.id)
      .where('action', '=', 'conference.minutes_corrected')
      .executeTakeFirstOrThrow();
    expect(String(audit.details)).toContain('confirmedPersonalData');
    expect(String(audit.details)).not.toContain('Hassan');
  });

  it('holds a conference: agreed actions become follow-ups of their owners and stay in step; themes are anonymous and can become gap reports', async () => {
    const { org, cm, caseId, contactId } = await setup();
    const colleague = await addUser(t.deps, org, ['case_manager']);
    // only colleagues: nothing to invite, the minutes come directly
    const created = await plan(
      cm,
      caseId,
      conference(org.users.case_manager.id, contactId, {
        kind: 'handover',
        participants: [
          { kind: 'internal', userId: org.users.case_manager.id },
          { kind: 'internal', userId: colleague.id, role: 'übernimmt' },
        ],
      }),
    );
    expect(created.permissions).toMatchObject({ minutes: true, invite: true });
    const namedTheme = await cm.post(`/api/conferences/${created.id}/minutes`, {
      version: 1,
      minutes: 'Samira wechselt zum Team B.',
      actions: [],
      themes: [{ text: 'Samira findet keinen Kitaplatz', field: 'education' }],
    });
    expect(problem(namedTheme).errors).toEqual([
      expect.objectContaining({ pointer: '/themes/0/text', code: 'contains-personal-data' }),
    ]);
    const held = await cm.post(`/api/conferences/${created.id}/minutes`, {
      version: 1,
      minutes: 'Samira wechselt zum Team B; Übergabegespräch mit ihr vereinbart.',
      actions: [
        { text: 'Übergabegespräch mit der Klientin', ownerUserId: colleague.id, dueOn: day(14) },
        { text: 'Akte übergeben', ownerUserId: org.users.case_manager.id, dueOn: day(3) },
        { text: 'Kita-Anmeldung mitbringen', ownerName: 'Klientin', dueOn: day(10) },
      ],
      themes: [
        { text: 'Kein Kitaplatz für Kinder unter drei im Stadtteil Nord', field: 'education' },
        { text: 'Lange Wartezeit auf Termine bei der Ausländerbehörde', field: 'residence' },
      ],
    });
    expect(held.statusCode, held.body).toBe(200);
    const conf = held.json();
    expect(conf).toMatchObject({ status: 'held', version: 2 });
    expect(conf.actions.map((a: { followUpId: string | null }) => a.followUpId !== null)).toEqual([
      true,
      true,
      false,
    ]);
    const followUps = async () =>
      (await cm.get(`/api/cases/${caseId}/follow-ups`))
        .json()
        .items.map((f: { dueOn: string; text: string; assignee: { id: string } }) => [
          f.assignee.id,
          f.dueOn,
          f.text,
        ]);
    expect(await followUps()).toEqual([
      [
        org.users.case_manager.id,
        day(3),
        `Vereinbarung aus der Konferenz vom ${german(day(7))}: Akte übergeben`,
      ],
      [
        colleague.id,
        day(14),
        `Vereinbarung aus der Konferenz vom ${german(day(7))}: Übergabegespräch mit der Klientin`,
      ],
    ]);

    // corrected: a date moves, an owner changes, an action goes
    const corrected = await cm.post(`/api/conferences/${created.id}/minutes`, {
      version: 2,
      minutes: conf.minutes,
      actions: [
        { id: conf.actions[0].id, text: conf.actions[0].text, ownerUserId: colleague.id, dueOn: day(21) },
        {
          id: conf.actions[2].id,
          text: conf.actions[2].text,
          ownerUserId: org.users.case_manager.id,
          dueOn: day(10),
        },
      ],
      themes: conf.themes.map((th: { id: string; text: string; field: string }) => ({
        id: th.id,
        text: th.text,
        field: th.field,
      })),
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().actions[0].followUpId).toBe(conf.actions[0].followUpId);
    expect(await followUps()).toEqual([
      [
        org.users.case_manager.id,
        day(10),
        `Vereinbarung aus der Konferenz vom ${german(day(7))}: Kita-Anmeldung mitbringen`,
      ],
      [
        colleague.id,
        day(21),
        `Vereinbarung aus der Konferenz vom ${german(day(7))}: Übergabegespräch mit der Klientin`,
      ],
    ]);

    // the gap reports read a theme and link it
    const ctx: RequestContext = {
      actor: {
        userId: org.users.case_manager.id,
        organisationId: org.organisationId,
        roles: ['case_manager'],
        orgUnitIds: [org.orgUnitIds[0]],
      },
      requestId: 'test',
      locale: 'de',
      now: new Date(),
    };
    const themeId = conf.themes[0].id as string;
    expect(await themeForGapReport(t.deps.db, ctx, themeId)).toEqual({
      id: themeId,
      conferenceId: created.id,
      caseId,
      text: 'Kein Kitaplatz für Kinder unter drei im Stadtteil Nord',
      field: 'education',
      gapReportId: null,
    });
    const gapReportId = '00000000-0000-4000-8000-000000000001';
    await t.deps.db.transaction().execute((trx) => linkThemeToGapReport(trx, ctx, themeId, gapReportId));
    expect((await cm.get(`/api/conferences/${created.id}`)).json().themes[0].gapReportId).toBe(gapReportId);
    await expect(
      t.deps.db
        .transaction()
        .execute((trx) => linkThemeToGapReport(trx, ctx, themeId, '00000000-0000-4000-8000-000000000002')),
    ).rejects.toMatchObject({ code: 'status-change-not-allowed' });
    const other = await createOrganisation(t.deps);
    await expect(
      themeForGapReport(
        t.deps.db,
        { ...ctx, actor: { ...ctx.actor, organisationId: other.organisationId } },
        themeId,
      ),
    ).rejects.toMatchObject({ code: 'not-found' });
    // a reported theme stays in the minutes; its link survives corrections
    const dropReported = await cm.post(`/api/conferences/${created.id}/minutes`, {
      version: 3,
      minutes: conf.minutes,
      actions: [],
      themes: [],
    });
    expect(problem(dropReported).errors).toEqual([expect.objectContaining({ pointer: '/themes' })]);
    const kept = await cm.post(`/api/conferences/${created.id}/minutes`, {
      version: 3,
      minutes: conf.minutes,
      actions: [],
      themes: [{ id: themeId, text: 'Kein Kitaplatz für unter Dreijährige (Nord)', field: 'education' }],
    });
    expect(kept.json().themes).toEqual([
      expect.objectContaining({
        id: themeId,
        gapReportId,
        text: 'Kein Kitaplatz für unter Dreijährige (Nord)',
      }),
    ]);
    // removed actions took their open follow-ups along
    expect(await followUps()).toEqual([]);
  });

  it('checks kinds and participants; cancels; answers conflicts with the current conference', async () => {
    const { org, cm, caseId, contactId } = await setup();
    const helpersWithClient = await cm.post(
      `/api/cases/${caseId}/conferences`,
      conference(org.users.case_manager.id, contactId, { kind: 'helpers' }),
    );
    expect(problem(helpersWithClient).errors).toEqual([
      expect.objectContaining({ pointer: '/participants/3', code: 'not-allowed' }),
    ]);
    const developmentWithout = await cm.post(
      `/api/cases/${caseId}/conferences`,
      conference(org.users.case_manager.id, contactId, {
        kind: 'development',
        participants: [{ kind: 'partner_contact', contactId }],
      }),
    );
    expect(problem(developmentWithout).errors).toEqual([
      expect.objectContaining({ pointer: '/participants', code: 'client-required' }),
    ]);
    const other = await createOrganisation(t.deps);
    const strangers = await cm.post(
      `/api/cases/${caseId}/conferences`,
      conference(org.users.case_manager.id, contactId, {
        moderatorUserId: other.users.case_manager.id,
        participants: [
          { kind: 'internal', userId: other.users.case_manager.id },
          { kind: 'partner_contact', contactId: '00000000-0000-4000-8000-000000000009' },
          { kind: 'family', userId: org.users.case_manager.id },
        ],
      }),
    );
    expect(
      problem(strangers)
        .errors?.map((e) => `${e.pointer} ${e.code}`)
        .sort(),
    ).toEqual([
      '/moderatorUserId unknown-reference',
      '/participants/2/name required',
      '/participants/2/userId not-allowed',
    ]);
    const strangers2 = await cm.post(
      `/api/cases/${caseId}/conferences`,
      conference(org.users.case_manager.id, contactId, {
        moderatorUserId: other.users.case_manager.id,
        participants: [
          { kind: 'internal', userId: other.users.case_manager.id },
          { kind: 'partner_contact', contactId: '00000000-0000-4000-8000-000000000009' },
        ],
      }),
    );
    expect(
      problem(strangers2)
        .errors?.map((e) => `${e.pointer} ${e.code}`)
        .sort(),
    ).toEqual([
      '/moderatorUserId unknown-reference',
      '/participants/0/userId unknown-reference',
      '/participants/1/contactId unknown-reference',
    ]);

    const created = await plan(cm, caseId, conference(org.users.case_manager.id, contactId));
    const stale = await cm.put(`/api/conferences/${created.id}`, {
      ...conference(org.users.case_manager.id, contactId),
      place: 'Rathaus',
      version: 1,
    });
    expect(stale.statusCode).toBe(200);
    const conflict = await cm.put(`/api/conferences/${created.id}`, {
      ...conference(org.users.case_manager.id, contactId),
      place: 'Bürgerhaus',
      version: 1,
    });
    expect(conflict.statusCode).toBe(409);
    expect(problem(conflict)).toMatchObject({
      code: 'version-conflict',
      current: expect.objectContaining({ place: 'Rathaus', version: 2 }),
    });
    // minutes before the invitation of external participants are refused
    const early = await cm.post(`/api/conferences/${created.id}/minutes`, {
      version: 2,
      minutes: 'x',
      actions: [],
      themes: [],
    });
    expect(problem(early).code).toBe('status-change-not-allowed');

    const cancelled = await cm.post(`/api/conferences/${created.id}/cancel`, { version: 2 });
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      permissions: { edit: false, invite: false, minutes: false, cancel: false },
    });
    expect(problem(await cm.post(`/api/conferences/${created.id}/invite`, { version: 3 })).code).toBe(
      'status-change-not-allowed',
    );

    const list = (await cm.get(`/api/cases/${caseId}/conferences`)).json();
    expect(list).toMatchObject({ total: 1, permissions: { create: true } });
    expect(list.items[0]).toMatchObject({
      id: created.id,
      status: 'cancelled',
      participants: 4,
      kind: 'case',
    });
  });

  it('hides conferences from other organisations and from people outside the case; a closed case keeps them as they are', async () => {
    const { org, cm, caseId, contactId } = await setup();
    const created = await plan(cm, caseId, conference(org.users.case_manager.id, contactId));
    const other = await createOrganisation(t.deps);
    const stranger = as(t.app, await signIn(t.app, other.users.case_manager.username));
    expect((await stranger.get(`/api/conferences/${created.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/cases/${caseId}/conferences`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/conferences/${created.id}/invite`, { version: 1 })).statusCode).toBe(
      404,
    );
    expect(
      (
        await stranger.put(`/api/conferences/${created.id}`, {
          ...conference(org.users.case_manager.id, contactId),
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    // a partner contact of another organisation's directory is unknown here
    const foreign = await stranger.post('/api/partners', {
      name: 'Fremder Träger',
      type: 'other',
      contacts: [{ name: 'Frau Fremd' }],
    });
    const foreignContact = foreign.json().contacts[0].id as string;
    const withForeign = await cm.post(
      `/api/cases/${caseId}/conferences`,
      conference(org.users.case_manager.id, contactId, {
        participants: [{ kind: 'partner_contact', contactId: foreignContact }],
      }),
    );
    expect(problem(withForeign).errors).toEqual([
      expect.objectContaining({ pointer: '/participants/0/contactId', code: 'unknown-reference' }),
    ]);
    const planner = as(t.app, await signIn(t.app, org.users.planner.username));
    expect((await planner.get(`/api/conferences/${created.id}`)).statusCode).toBe(404);
    // reading is audited
    expect((await cm.get(`/api/conferences/${created.id}`)).statusCode).toBe(200);
    const reads = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'case.read')
      .where('entity_id', '=', caseId)
      .execute();
    expect(reads.some((r) => String(r.details).includes(created.id))).toBe(true);

    // closed (the phase rules are tested with the case file; here only the state matters)
    await t.deps.db
      .updateTable('cases')
      .set({ phase: 'closed', closed_on: today() })
      .where('id', '=', caseId)
      .execute();
    expect(problem(await cm.post(`/api/conferences/${created.id}/cancel`, { version: 1 })).code).toBe(
      'case-closed',
    );
    const closed = (await cm.get(`/api/conferences/${created.id}`)).json();
    expect(closed.permissions).toEqual({ edit: false, invite: false, minutes: false, cancel: false });
    expect((await cm.get(`/api/cases/${caseId}/conferences`)).json().permissions.create).toBe(false);
  });
});
