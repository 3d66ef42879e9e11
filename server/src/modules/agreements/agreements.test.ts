import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../core/clock.js';
import {
  addUser,
  as,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  type Session,
  type TestApp,
  type TestOrganisation,
} from '../../test/harness.js';
import { agreementsInForce, type AgreementSummary, type AgreementView } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const today = () => localDate(t.clock.now());
const day = (n: number) => addDays(today(), n);

interface Setup {
  org: TestOrganisation;
  lead: Session;
  cm: Session;
  jobcenter: string;
  school: string;
}

async function setup(): Promise<Setup> {
  const org = await createOrganisation(t.deps);
  const lead = await signIn(t.app, org.users.team_lead.username);
  const cm = await signIn(t.app, org.users.case_manager.username);
  const partner = async (name: string, type: string) => {
    const res = await as(t.app, lead).post('/api/partners', { name, type, district: 'Mitte' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  return {
    org,
    lead,
    cm,
    jobcenter: await partner('Jobcenter Musterstadt', 'jobcenter'),
    school: await partner('Berufsschule Nord', 'school'),
  };
}

function agreement(s: Setup, changes: Record<string, unknown> = {}) {
  return {
    title: 'Kooperation Übergang Schule–Beruf',
    form: 'written',
    partnerIds: [s.jobcenter, s.school],
    goals: 'Junge Zugewanderte finden nahtlos in Ausbildung.',
    rules: {
      meetings: 'Vierteljährlich im JMD, zwei Stunden',
      responsibilities: 'JMD lädt ein; Jobcenter benennt eine feste Ansprechperson',
      documentation: 'Ergebnisprotokoll durch den JMD',
    },
    startsOn: day(-30),
    endsOn: day(700),
    reviewOn: day(335),
    responsibleUserId: s.org.users.case_manager.id,
    ...changes,
  };
}

async function create(s: Setup, changes: Record<string, unknown> = {}): Promise<AgreementView> {
  const res = await as(t.app, s.lead).post('/api/agreements', agreement(s, changes));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<AgreementView>();
}

interface FollowUp {
  id: string;
  dueOn: string;
  text: string;
  case: unknown;
}

async function followUps(session: Session): Promise<FollowUp[]> {
  const res = await as(t.app, session).get('/api/follow-ups/mine?pageSize=200');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: FollowUp[] }>().items.filter((f) => f.text.includes('Kooperationsvereinbarung'));
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);

describe('cooperation agreements', () => {
  it('are concluded with two partners, forms, goals, rules and dates, listed with the partners’ names', async () => {
    const s = await setup();
    const created = await create(s);
    expect(created).toMatchObject({
      title: 'Kooperation Übergang Schule–Beruf',
      form: 'written',
      goals: 'Junge Zugewanderte finden nahtlos in Ausbildung.',
      rules: { meetings: 'Vierteljährlich im JMD, zwei Stunden' },
      startsOn: day(-30),
      endsOn: day(700),
      reviewOn: day(335),
      state: 'in_force',
      reviewDue: false,
      responsible: { id: s.org.users.case_manager.id },
      document: null,
      reviews: [],
      archived: false,
      version: 1,
      permissions: { manage: true },
    });
    expect(created.partners.map((p) => p.name)).toEqual(['Berufsschule Nord', 'Jobcenter Musterstadt']);

    const list = await as(t.app, s.cm).get('/api/agreements');
    expect(list.statusCode).toBe(200);
    const page = list.json<{ items: AgreementSummary[]; total: number }>();
    expect(page.total).toBe(1);
    expect(page.items[0]?.partners.map((p) => p.name)).toEqual([
      'Berufsschule Nord',
      'Jobcenter Musterstadt',
    ]);

    const read = await as(t.app, s.cm).get(`/api/agreements/${created.id}`);
    expect(read.json<AgreementView>().permissions.manage).toBe(false);

    const entry = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'agreement.create')
      .where('entity_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(entry.details).not.toContain('Übergang');
    expect(entry.details).toContain(s.jobcenter);
  });

  it('the responsible person defaults to the one concluding it, and minutes or oral need no end or review', async () => {
    const s = await setup();
    const oral = await create(s, {
      form: 'oral',
      partnerIds: [s.school],
      endsOn: undefined,
      reviewOn: undefined,
      responsibleUserId: undefined,
      rules: undefined,
      goals: undefined,
    });
    expect(oral).toMatchObject({
      form: 'oral',
      endsOn: null,
      reviewOn: null,
      goals: null,
      rules: { meetings: null, responsibilities: null, documentation: null },
      responsible: { id: s.org.users.team_lead.id },
    });
  });

  it('refuses wrong dates, no partner, unknown partners and responsible persons at the fields', async () => {
    const s = await setup();
    const other = await setup();
    const lead = as(t.app, s.lead);

    const dates = await lead.post(
      '/api/agreements',
      agreement(s, { startsOn: day(0), endsOn: day(-1), reviewOn: day(10) }),
    );
    expect(dates.statusCode).toBe(400);
    expect(problem(dates).errors?.map((e) => [e.pointer, e.code])).toEqual([
      ['/endsOn', 'date-order'],
      ['/reviewOn', 'date-order'],
    ]);

    const reviewBefore = await lead.post('/api/agreements', agreement(s, { reviewOn: day(-31) }));
    expect(problem(reviewBefore).errors?.map((e) => e.pointer)).toEqual(['/reviewOn']);

    const none = await lead.post('/api/agreements', agreement(s, { partnerIds: [] }));
    expect(none.statusCode).toBe(400);
    expect(problem(none).errors?.[0]).toMatchObject({ pointer: '/partnerIds', code: 'minItems' });

    const foreign = await lead.post(
      '/api/agreements',
      agreement(s, {
        partnerIds: [s.school, other.jobcenter],
        responsibleUserId: other.org.users.team_lead.id,
      }),
    );
    expect(foreign.statusCode).toBe(400);
    expect(problem(foreign).errors?.map((e) => [e.pointer, e.code])).toEqual([
      ['/partnerIds/1', 'unknown-reference'],
      ['/responsibleUserId', 'unknown-reference'],
    ]);

    const planner = await lead.post(
      '/api/agreements',
      agreement(s, { responsibleUserId: s.org.users.planner.id }),
    );
    expect(problem(planner).errors?.map((e) => [e.pointer, e.code])).toEqual([
      ['/responsibleUserId', 'not-allowed'],
    ]);

    const list = await lead.get('/api/agreements');
    expect(list.json<{ total: number }>().total).toBe(0);
  });

  it('reminds the responsible person four weeks before the review and moves the reminder with the date', async () => {
    const s = await setup();
    const created = await create(s);
    const [reminder] = await followUps(s.cm);
    expect(reminder).toMatchObject({ dueOn: addDays(day(335), -28), case: null });
    expect(reminder?.text).toContain('Kooperation Übergang Schule–Beruf');

    const moved = await as(t.app, s.lead).put(
      `/api/agreements/${created.id}`,
      agreement(s, { version: 1, reviewOn: day(100) }),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await followUps(s.cm);
    expect(after.map((f) => [f.id, f.dueOn])).toEqual([[reminder?.id, day(72)]]);

    // Not before today: a review in ten days is reminded today.
    await as(t.app, s.lead).put(
      `/api/agreements/${created.id}`,
      agreement(s, { version: 2, reviewOn: day(10) }),
    );
    expect((await followUps(s.cm)).map((f) => f.dueOn)).toEqual([today()]);

    // Another responsible person: the reminder goes with the responsibility.
    const second = await addUser(t.deps, s.org, ['team_lead']);
    const secondSession = await signIn(t.app, second.username);
    await as(t.app, s.lead).put(
      `/api/agreements/${created.id}`,
      agreement(s, { version: 3, reviewOn: day(10), responsibleUserId: second.id }),
    );
    expect(await followUps(s.cm)).toEqual([]);
    expect((await followUps(secondSession)).map((f) => f.dueOn)).toEqual([today()]);

    // Without a review date there is nothing to remind of.
    await as(t.app, s.lead).put(
      `/api/agreements/${created.id}`,
      agreement(s, { version: 4, reviewOn: null, responsibleUserId: second.id }),
    );
    expect(await followUps(secondSession)).toEqual([]);
  });

  it('a change that leaves the review date keeps a done reminder done', async () => {
    const s = await setup();
    const created = await create(s, { reviewOn: day(20) });
    const [reminder] = await followUps(s.cm);
    expect(reminder?.dueOn).toBe(today());
    const cm = as(t.app, s.cm);
    const fu = await cm.get('/api/follow-ups/mine');
    const version = fu
      .json<{ items: { id: string; version: number }[] }>()
      .items.find((f) => f.id === reminder?.id)?.version;
    const done = await cm.patch(`/api/follow-ups/${reminder?.id}`, { version, done: true });
    expect(done.statusCode, done.body).toBe(200);
    t.clock.advanceMinutes(3 * 24 * 60);
    try {
      // Three days on, the sessions have run out.
      const lead = await signIn(t.app, s.org.users.team_lead.username);
      const renamed = await as(t.app, lead).put(
        `/api/agreements/${created.id}`,
        agreement(s, { version: 1, reviewOn: created.reviewOn, title: 'Kooperation Ausbildung' }),
      );
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect(await followUps(await signIn(t.app, s.org.users.case_manager.username))).toEqual([]);
    } finally {
      t.clock.advanceMinutes(-3 * 24 * 60);
    }
  });

  it('records the yearly review: the next review a year on, the reminder moves, the history stays', async () => {
    const s = await setup();
    const created = await create(s, { startsOn: day(-400), endsOn: null, reviewOn: day(5) });
    expect(created.reviewDue).toBe(true);
    const due = await as(t.app, s.cm).get('/api/agreements?reviewDue=true');
    expect(due.json<{ items: { id: string }[] }>().items.map((a) => a.id)).toEqual([created.id]);

    const reviewed = await as(t.app, s.lead).post(`/api/agreements/${created.id}/reviews`, {
      reviewedOn: today(),
      outcome: 'continue',
      notes: 'Austausch funktioniert; Protokolle regelmäßig.',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    const view = reviewed.json<AgreementView>();
    const nextYear = `${Number(today().slice(0, 4)) + 1}${today().slice(4)}`.replace(/-02-29$/, '-02-28');
    expect(view).toMatchObject({ reviewOn: nextYear, reviewDue: false, version: 2 });
    expect(view.reviews).toMatchObject([
      { outcome: 'continue', nextReviewOn: nextYear, reviewedOn: today() },
    ]);
    expect((await followUps(s.cm)).map((f) => f.dueOn)).toEqual([addDays(nextYear, -28)]);

    const adjusted = await as(t.app, s.lead).post(`/api/agreements/${created.id}/reviews`, {
      reviewedOn: today(),
      outcome: 'adjust',
      nextReviewOn: day(180),
    });
    expect(adjusted.json<AgreementView>().reviews.map((r) => r.outcome)).toEqual(['adjust', 'continue']);
    expect(adjusted.json<AgreementView>().reviewOn).toBe(day(180));

    const wrong = await as(t.app, s.lead).post(`/api/agreements/${created.id}/reviews`, {
      reviewedOn: day(1),
      outcome: 'end',
      nextReviewOn: day(30),
    });
    expect(wrong.statusCode).toBe(400);
    expect(problem(wrong).errors?.map((e) => [e.pointer, e.code])).toEqual([
      ['/reviewedOn', 'in-future'],
      ['/nextReviewOn', 'not-allowed'],
    ]);

    const ended = await as(t.app, s.lead).post(`/api/agreements/${created.id}/reviews`, {
      reviewedOn: day(-1),
      outcome: 'end',
      notes: 'Kein Bedarf mehr.',
    });
    expect(ended.json<AgreementView>()).toMatchObject({ endsOn: day(-1), reviewOn: null, state: 'ended' });
    expect(ended.json<AgreementView>().reviews).toHaveLength(3);
    expect(await followUps(s.cm)).toEqual([]);

    const endedList = await as(t.app, s.cm).get('/api/agreements?state=ended');
    expect(endedList.json<{ items: { id: string }[] }>().items.map((a) => a.id)).toEqual([created.id]);
    const inForce = await as(t.app, s.cm).get('/api/agreements?state=in_force');
    expect(inForce.json<{ total: number }>().total).toBe(0);
  });

  it('keeps the signed document: upload, download, size limit, type check, replace and remove', async () => {
    const s = await setup();
    const created = await create(s);
    const lead = as(t.app, s.lead);
    const url = `/api/agreements/${created.id}/document`;

    const up = await lead.put(url, {
      filename: 'Kooperationsvereinbarung Jobcenter.pdf',
      contentType: 'application/pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toEqual({
      filename: 'Kooperationsvereinbarung Jobcenter.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
    });

    const down = await as(t.app, s.cm).get(url);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename="Kooperationsvereinbarung_Jobcenter.pdf"; filename*=UTF-8''Kooperationsvereinbarung%20Jobcenter.pdf`,
    );
    expect(Buffer.compare(down.rawPayload, PDF)).toBe(0);
    const view = await as(t.app, s.cm).get(`/api/agreements/${created.id}`);
    expect(view.json<AgreementView>()).toMatchObject({
      hasDocument: true,
      document: { filename: 'Kooperationsvereinbarung Jobcenter.pdf', size: PDF.length },
      version: 1,
    });

    const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    const tooBig = await lead.put(url, {
      filename: 'gross.pdf',
      contentType: 'application/pdf',
      contentBase64: big.toString('base64'),
    });
    expect(tooBig.statusCode).toBe(400);
    expect(problem(tooBig).errors?.[0]).toMatchObject({ pointer: '/contentBase64', code: 'maxLength' });

    const html = await lead.put(url, {
      filename: 'vertrag.pdf',
      contentType: 'application/pdf',
      contentBase64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64'),
    });
    expect(problem(html).errors?.[0]).toMatchObject({ pointer: '/contentBase64', code: 'format' });

    const type = await lead.put(url, { filename: 'a.gif', contentType: 'image/gif', contentBase64: 'R0lG' });
    expect(problem(type).errors?.[0]).toMatchObject({ pointer: '/contentType' });

    const byCm = await as(t.app, s.cm).put(url, {
      filename: 'x.pdf',
      contentType: 'application/pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(byCm.statusCode).toBe(403);

    // An oral agreement has no document, and a form change would lose it.
    const toOral = await lead.put(
      `/api/agreements/${created.id}`,
      agreement(s, { version: 1, form: 'oral' }),
    );
    expect(problem(toOral).errors?.map((e) => [e.pointer, e.code])).toEqual([['/form', 'document-attached']]);
    const oral = await create(s, { form: 'oral' });
    const onOral = await lead.put(`/api/agreements/${oral.id}/document`, {
      filename: 'x.pdf',
      contentType: 'application/pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(onOral.statusCode).toBe(409);
    expect(problem(onOral).code).toBe('document-not-allowed');

    expect((await lead.delete(url)).statusCode).toBe(204);
    expect((await as(t.app, s.cm).get(url)).statusCode).toBe(404);
    expect((await lead.delete(url)).statusCode).toBe(404);
  });

  it('answers a stale version with 409 and the current agreement', async () => {
    const s = await setup();
    const created = await create(s);
    const first = await as(t.app, s.lead).put(
      `/api/agreements/${created.id}`,
      agreement(s, { version: 1, title: 'Neu' }),
    );
    expect(first.statusCode).toBe(200);
    const stale = await as(t.app, s.lead).put(
      `/api/agreements/${created.id}`,
      agreement(s, { version: 1, title: 'Alt' }),
    );
    expect(stale.statusCode).toBe(409);
    const body = problem(stale);
    expect(body.code).toBe('version-conflict');
    expect(body.current).toMatchObject({ title: 'Neu', version: 2 });
    const archive = await as(t.app, s.lead).post(`/api/agreements/${created.id}/archive`, { version: 1 });
    expect(archive.statusCode).toBe(409);
  });

  it('lets case managers read, team leads and org admins change; others are refused', async () => {
    const s = await setup();
    const created = await create(s);
    const admin = await signIn(t.app, s.org.users.org_admin.username);
    expect(
      (await as(t.app, admin).put(`/api/agreements/${created.id}`, agreement(s, { version: 1, title: 'X' })))
        .statusCode,
    ).toBe(200);
    const cm = as(t.app, s.cm);
    expect((await cm.get(`/api/agreements/${created.id}`)).statusCode).toBe(200);
    expect((await cm.post('/api/agreements', agreement(s))).statusCode).toBe(403);
    expect((await cm.put(`/api/agreements/${created.id}`, agreement(s, { version: 2 }))).statusCode).toBe(
      403,
    );
    expect(
      (await cm.post(`/api/agreements/${created.id}/reviews`, { reviewedOn: today(), outcome: 'continue' }))
        .statusCode,
    ).toBe(403);
    expect((await cm.post(`/api/agreements/${created.id}/archive`, { version: 2 })).statusCode).toBe(403);
    for (const role of ['planner', 'dpo'] as const) {
      const other = as(t.app, await signIn(t.app, s.org.users[role].username));
      expect((await other.get('/api/agreements')).statusCode).toBe(403);
      expect((await other.get(`/api/agreements/${created.id}`)).statusCode).toBe(403);
      expect((await other.get(`/api/agreements/${created.id}/document`)).statusCode).toBe(403);
    }
  });

  it('does not show another organisation’s agreements (404)', async () => {
    const s = await setup();
    const other = await setup();
    const created = await create(s);
    const stranger = as(t.app, other.lead);
    expect((await stranger.get(`/api/agreements/${created.id}`)).statusCode).toBe(404);
    expect(
      (await stranger.put(`/api/agreements/${created.id}`, agreement(other, { version: 1 }))).statusCode,
    ).toBe(404);
    expect(
      (await stranger.post(`/api/agreements/${created.id}/reviews`, { reviewedOn: today(), outcome: 'end' }))
        .statusCode,
    ).toBe(404);
    expect((await stranger.get(`/api/agreements/${created.id}/document`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/agreements/${created.id}/archive`, { version: 1 })).statusCode).toBe(
      404,
    );
    expect((await stranger.get('/api/agreements')).json<{ total: number }>().total).toBe(0);
  });

  it('archives instead of deleting: out of the list and the reminders, read-only, history kept', async () => {
    const s = await setup();
    const created = await create(s);
    const archived = await as(t.app, s.lead).post(`/api/agreements/${created.id}/archive`, { version: 1 });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json<AgreementView>()).toMatchObject({ archived: true, permissions: { manage: false } });
    expect(await followUps(s.cm)).toEqual([]);
    expect((await as(t.app, s.cm).get('/api/agreements')).json<{ total: number }>().total).toBe(0);
    const list = await as(t.app, s.cm).get('/api/agreements?state=archived');
    expect(list.json<{ items: { id: string }[] }>().items.map((a) => a.id)).toEqual([created.id]);
    const edit = await as(t.app, s.lead).put(`/api/agreements/${created.id}`, agreement(s, { version: 2 }));
    expect(edit.statusCode).toBe(409);
    expect(problem(edit).code).toBe('agreement-archived');
    expect(await agreementsInForce(t.deps.db, s.org.organisationId, today())).toEqual([]);
  });

  it('refuses an archived partner for a new agreement, keeps it in an existing one', async () => {
    const s = await setup();
    const created = await create(s);
    const partner = await as(t.app, s.lead).get(`/api/partners/${s.school}`);
    const removed = await as(t.app, s.lead).delete(
      `/api/partners/${s.school}?version=${partner.json<{ version: number }>().version}`,
    );
    expect(removed.statusCode, removed.body).toBe(200);

    const refused = await as(t.app, s.lead).post('/api/agreements', agreement(s));
    expect(refused.statusCode).toBe(409);
    expect(problem(refused).code).toBe('partner-archived');

    const kept = await as(t.app, s.lead).put(
      `/api/agreements/${created.id}`,
      agreement(s, { version: 1, title: 'Weiter mit der Schule' }),
    );
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json<AgreementView>().partners.find((p) => p.id === s.school)?.archived).toBe(true);
  });

  it('filters by partner and state, pages, and exports what is in force for the network map', async () => {
    const s = await setup();
    const both = await create(s, { reviewOn: day(200) });
    const schoolOnly = await create(s, { title: 'Schule', partnerIds: [s.school], reviewOn: day(20) });
    const upcoming = await create(s, {
      title: 'Später',
      partnerIds: [s.jobcenter],
      startsOn: day(10),
      reviewOn: null,
    });
    const ids = async (query: string) =>
      (await as(t.app, s.cm).get(`/api/agreements${query}`))
        .json<{ items: { id: string }[] }>()
        .items.map((a) => a.id);
    // The next review first, those without one last.
    expect(await ids('')).toEqual([schoolOnly.id, both.id, upcoming.id]);
    expect(await ids(`?partnerId=${s.jobcenter}`)).toEqual([both.id, upcoming.id]);
    expect(await ids('?state=upcoming')).toEqual([upcoming.id]);
    expect(await ids('?state=in_force')).toEqual([schoolOnly.id, both.id]);
    expect(await ids('?reviewDue=true')).toEqual([schoolOnly.id]);
    const paged = await as(t.app, s.cm).get('/api/agreements?page=2&pageSize=2');
    expect(paged.json()).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [{ id: upcoming.id }] });

    const inForce = await agreementsInForce(t.deps.db, s.org.organisationId, today());
    expect(inForce).toHaveLength(3);
    expect(inForce).toEqual(
      expect.arrayContaining([
        { agreementId: both.id, partnerId: s.jobcenter, form: 'written', reviewOn: day(200) },
        { agreementId: both.id, partnerId: s.school, form: 'written', reviewOn: day(200) },
        { agreementId: schoolOnly.id, partnerId: s.school, form: 'written', reviewOn: day(20) },
      ]),
    );
    expect(await agreementsInForce(t.deps.db, s.org.organisationId, day(10))).toHaveLength(4);
  });
});
