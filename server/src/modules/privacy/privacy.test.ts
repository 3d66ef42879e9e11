import { sql } from 'kysely';
import { ANONYMISED_NEED } from './anonymise.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../core/clock.js';
import { verifyAuditChains } from '../../core/audit.js';
import {
  as,
  closeWithEvaluation,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  TEST_DB,
  type TestApp,
  type TestOrganisation,
  underCatalogLock,
} from '../../test/harness.js';
import { runRetention } from './retention.js';
import { WRITE_IN } from '../consent/templates.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Api = ReturnType<typeof as>;
const today = () => localDate(t.clock.now());

let PERSONAL = personal('');

/** Personal values, made unique per test so a search of the whole database finds only this test's data. */
function personal(token: string) {
  return {
    familyName: `Zarqawi-Lindqvist${token}`,
    givenNames: `Samira Noor${token}`,
    street: `Quittenweg 17${token}`,
    phone: `0151 9988776${token}`,
    email: `samira.noor${token}@example.org`,
    guardian: `Rasha Zarqawi${token}`,
    health: `Posttraumatische Belastungsstörung, Therapie bei Dr. Ohm${token}`,
    journal: `Gespräch über die Angst vor der Abschiebung in der Gemeinschaftsunterkunft${token}`,
    followUp: `Attest der Traumaambulanz anfordern${token}`,
    intake: `Mehrfachbelastung durch Fluchterfahrung${token}`,
  };
}

async function samira(api: Api, org: TestOrganisation) {
  const client = await api.post('/api/clients', {
    familyName: PERSONAL.familyName,
    givenNames: PERSONAL.givenNames,
    birthDate: '2005-04-12',
    gender: 'female',
    nationalities: ['SY'],
    countryOfOrigin: 'SY',
    languages: [{ code: 'ar', level: 'native' }],
    residenceStatus: 'permission_to_reside',
    legalDomain: 'asylblg',
    arrivalDate: '2022-08-15',
    street: PERSONAL.street,
    postalCode: '12345',
    city: 'Musterstadt',
    phone: PERSONAL.phone,
    email: PERSONAL.email,
    healthNotes: PERSONAL.health,
    relatedPersons: [{ relation: 'parent', name: PERSONAL.guardian, isGuardian: false, phone: '0151 1' }],
    consent: {
      givenBy: 'client',
      form: 'oral',
      witness: 'Kollegin Weber',
      givenOn: addDays(today(), -30),
      language: 'ar',
    },
  });
  expect(client.statusCode, client.body).toBe(201);
  const c = await api.post('/api/cases', {
    clientId: client.json().id,
    kind: 'case_management',
    orgUnitId: org.orgUnitIds[0],
    openedOn: addDays(today(), -30),
    intake: { accessRoute: 'self', indicationDecision: 'cm_needed', indicationReason: PERSONAL.intake },
  });
  expect(c.statusCode, c.body).toBe(201);
  await api.post(`/api/cases/${c.json().id}/journal`, {
    kind: 'personal_talk',
    occurredOn: today(),
    text: PERSONAL.journal,
  });
  await api.post(`/api/cases/${c.json().id}/journal`, {
    kind: 'note',
    occurredOn: today(),
    text: PERSONAL.health,
    specialCategory: true,
  });
  await api.post('/api/follow-ups', {
    caseId: c.json().id,
    dueOn: addDays(today(), 3),
    text: PERSONAL.followUp,
  });
  return {
    clientId: client.json().id as string,
    caseId: c.json().id as string,
    consents: (await api.get(`/api/clients/${client.json().id}/consents`)).json(),
  };
}

const release = (extra: Record<string, unknown> = {}) => ({
  kind: 'release',
  givenBy: 'client',
  form: 'oral',
  witness: 'Kollegin Weber',
  givenOn: today(),
  validUntil: addDays(today(), 180),
  language: 'ar',
  recipient: { kind: 'organisation', name: 'Jobcenter Musterstadt' },
  purpose: 'referral',
  categories: ['master_data', 'residence'],
  ...extra,
});

describe('consents and releases', () => {
  it('records consents with form, language and validity; a written one needs its uploaded scan', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const s = await samira(cm, org);
    expect(s.consents.items).toEqual([
      expect.objectContaining({ kind: 'data_processing', form: 'oral', language: 'ar', validToday: true }),
    ]);
    expect(s.consents.basis).toMatchObject({ allowed: true, consent: true, missing: ['case_management'] });
    const noScan = await cm.post(`/api/clients/${s.clientId}/consents`, {
      ...release(),
      form: 'written',
      witness: null,
    });
    expect(problem(noScan).errors).toContainEqual(
      expect.objectContaining({ pointer: '/documentId', code: 'required' }),
    );
    // a scan is what its first bytes say, not what its name or declared type claims; nothing is stored
    const documentsBefore = await t.deps.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const html = await cm.post(`/api/clients/${s.clientId}/documents`, {
      filename: 'entbindung.pdf',
      contentType: 'application/pdf',
      contentBase64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64'),
    });
    expect(problem(html).errors).toEqual([
      expect.objectContaining({ pointer: '/contentBase64', code: 'format' }),
    ]);
    const gif = await cm.post(`/api/clients/${s.clientId}/documents`, {
      filename: 'scan.gif',
      contentType: 'image/gif',
      contentBase64: Buffer.from('GIF89a').toString('base64'),
    });
    expect(problem(gif).errors).toEqual([expect.objectContaining({ pointer: '/contentType', code: 'enum' })]);
    const documentsAfter = await t.deps.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(documentsAfter.n)).toBe(Number(documentsBefore.n));
    const pdf = Buffer.from('%PDF-1.4 unterschriebene Schweigepflichtentbindung').toString('base64');
    const doc = await cm.post(`/api/clients/${s.clientId}/documents`, {
      filename: 'entbindung.pdf',
      contentType: 'application/pdf',
      contentBase64: pdf,
    });
    expect(doc.statusCode).toBe(201);
    const stored = await t.deps.db
      .selectFrom('documents')
      .select('content')
      .where('id', '=', doc.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.content.startsWith('enc:v1:')).toBe(true);
    const written = await cm.post(`/api/clients/${s.clientId}/consents`, {
      ...release(),
      form: 'written',
      witness: null,
      documentId: doc.json().id,
    });
    expect(written.statusCode, written.body).toBe(201);
    const download = await cm.get(`/api/documents/${doc.json().id}`);
    expect(download.body).toContain('unterschriebene Schweigepflichtentbindung');
  });

  it('refuses a release without recipient, purpose or categories, a future date and a revocation dated in the future', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const s = await samira(cm, org);
    const bad = await cm.post(
      `/api/clients/${s.clientId}/consents`,
      release({ recipient: null, purpose: null, categories: [], givenOn: addDays(today(), 1) }),
    );
    const pointers = problem(bad).errors?.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/recipient', '/purpose', '/categories', '/givenOn']));
    const r = (await cm.post(`/api/clients/${s.clientId}/consents`, release())).json();
    const future = await cm.post(`/api/consents/${r.id}/revoke`, {
      version: r.version,
      revokedOn: addDays(today(), 1),
      revokedBy: 'client',
    });
    expect(problem(future).errors).toContainEqual(
      expect.objectContaining({ pointer: '/revokedOn', code: 'in-future' }),
    );
  });

  it('prints every shipped template in the client’s language with the German text beside it', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    // filled in with a release's details: in the body (they may name people), never in the URL
    const ar = (
      await cm.post('/api/consent-forms/release/ar', {
        recipient: 'Jobcenter Musterstadt',
        categories: ['health', 'plan'],
        clientName: 'Omar Haddad',
      })
    ).json();
    expect(ar).toMatchObject({ language: 'ar', direction: 'rtl', version: 1 });
    expect(JSON.stringify(ar.text)).toContain('Jobcenter Musterstadt');
    expect(JSON.stringify(ar.text)).not.toContain('{{recipient}}');
    // Filled in: the end date as the form's language writes it; what the release leaves open is a line to
    // write on by hand, never a raw placeholder (also on the blank form).
    const de = (
      await cm.post('/api/consent-forms/release/de', {
        recipient: 'Jobcenter Musterstadt',
        validUntil: '2026-12-31',
      })
    ).json();
    expect(JSON.stringify(de.text)).toContain('31.12.2026');
    expect(JSON.stringify(de.text)).not.toContain('2026-12-31');
    for (const form of [ar, de, (await cm.get('/api/consent-forms/release/de')).json()]) {
      expect(JSON.stringify([form.text, form.german?.text])).not.toMatch(/\{\{/);
    }
    expect(JSON.stringify((await cm.get('/api/consent-forms/release/de')).json().text)).toContain(WRITE_IN);
    const inUrl = await cm.get('/api/consent-forms/release/ar?recipient=Dr.%20Quorrenbach');
    expect(problem(inUrl).errors).toEqual([expect.objectContaining({ parameter: 'recipient' })]);
    expect(inUrl.body).not.toContain('Quorrenbach');
    expect(ar.german.text.title.length).toBeGreaterThan(3);
    for (const lang of ['de', 'en', 'uk']) {
      const form = (await cm.get(`/api/consent-forms/data_processing/${lang}`)).json();
      expect(form.direction).toBe('ltr');
      expect(JSON.stringify(form.text)).toContain('Testträger');
    }
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const templates = (await admin.get('/api/consent-templates')).json().items;
    expect(templates).toHaveLength(12);
    const base = templates.find(
      (x: { kind: string; language: string }) => x.kind === 'release' && x.language === 'de',
    );
    const v2 = await admin.post('/api/consent-templates', {
      kind: 'release',
      language: 'de',
      content: { ...base.content, title: 'Schweigepflichtentbindung (neu)' },
    });
    expect(v2.json()).toMatchObject({ version: 2, current: true });
    expect((await cm.get('/api/consent-forms/release/de')).json()).toMatchObject({
      version: 2,
      text: { title: 'Schweigepflichtentbindung (neu)' },
    });
    expect(
      (await cm.post('/api/consent-templates', { kind: 'release', language: 'de', content: base.content }))
        .statusCode,
    ).toBe(403);
  });
});

describe('disclosure control', () => {
  it('refuses to share without a release, allows it with one, logs it, and blocks again after revocation', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const s = await samira(cm, org);
    const share = (categories: string[], purpose = 'referral') =>
      cm.post(`/api/cases/${s.caseId}/share`, {
        recipient: { kind: 'organisation', name: 'jobcenter musterstadt' },
        purpose,
        categories,
      });
    const refused = await share(['master_data']);
    expect(refused.statusCode).toBe(403);
    expect(problem(refused)).toMatchObject({ code: 'disclosure-refused', detail: 'no-release' });
    const r = (await cm.post(`/api/clients/${s.clientId}/consents`, release())).json();
    const health = await share(['master_data', 'health']);
    expect(problem(health)).toMatchObject({ detail: 'categories' });
    expect((problem(health) as unknown as { missingCategories: string[] }).missingCategories).toEqual([
      'health',
    ]);
    expect(problem(await share(['master_data'], 'case_conference'))).toMatchObject({ detail: 'purpose' });
    const allowed = await share(['master_data', 'residence']);
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(allowed.json().data.masterData).toMatchObject({ familyName: PERSONAL.familyName });
    expect(allowed.json().data.residence).toMatchObject({ residenceStatus: 'permission_to_reside' });
    expect(allowed.json().data.health).toBeUndefined();
    const log = (await cm.get(`/api/cases/${s.caseId}/disclosures`)).json().items;
    expect(log).toEqual([
      expect.objectContaining({
        recipient: { kind: 'organisation', name: 'jobcenter musterstadt' },
        purpose: 'referral',
        categories: ['master_data', 'residence'],
        basis: 'release',
        channel: 'case_export',
      }),
    ]);
    const dpo = as(t.app, await signIn(t.app, org.users.dpo.username));
    expect((await dpo.get(`/api/disclosures?caseId=${s.caseId}`)).json().total).toBe(1);
    expect((await cm.get('/api/disclosures')).statusCode).toBe(403);
    await cm.post(`/api/consents/${r.id}/revoke`, {
      version: r.version,
      revokedOn: today(),
      revokedBy: 'client',
    });
    expect(problem(await share(['master_data']))).toMatchObject({ detail: 'revoked' });
    // refusals are audited too
    const refusals = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'disclosure.refused')
      .where('entity_id', '=', s.clientId)
      .execute();
    expect(refusals.length).toBe(4);
  });

  it('shows special-category data only to the case team, never to a team lead who broke the glass', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const s = await samira(cm, org);
    const raw = await t.deps.db
      .selectFrom('clients')
      .select('health_notes')
      .where('id', '=', s.clientId)
      .executeTakeFirstOrThrow();
    expect(raw.health_notes).not.toContain('Belastungsstörung');
    expect((await cm.get(`/api/clients/${s.clientId}`)).json().healthNotes).toBe(PERSONAL.health);
    const lead = as(t.app, await signIn(t.app, org.users.team_lead.username));
    await lead.post(`/api/cases/${s.caseId}/break-glass`, {
      reason: 'Beschwerde, Prüfung durch die Teamleitung',
    });
    const asLead = (await lead.get(`/api/clients/${s.clientId}`)).json();
    expect(asLead).toMatchObject({ healthNotes: null, healthNotesHidden: true });
    const journal = (await lead.get(`/api/cases/${s.caseId}/journal`)).json().items;
    expect(journal.find((e: { specialCategory: boolean }) => e.specialCategory)).toMatchObject({
      text: '',
      hidden: true,
    });
    expect(JSON.stringify(journal)).not.toContain('Belastungsstörung');
  });
});

describe('revocation and anonymisation', () => {
  it('revoking the data-processing consent anonymises at once; no personal value remains anywhere in the database', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    PERSONAL = personal(`x${Date.now().toString(36)}`);
    const s = await samira(cm, org);
    await cm.post(
      `/api/clients/${s.clientId}/consents`,
      release({ recipient: { kind: 'person', name: PERSONAL.guardian } }),
    );
    // the network map names third parties; assessments hold answers and needs in free text
    await cm.post(`/api/cases/${s.caseId}/network`, {
      name: PERSONAL.guardian,
      kind: 'family',
      relation: PERSONAL.street,
      support: ['emotional'],
      closeness: 1,
      strained: false,
      note: PERSONAL.phone,
    });
    const ulm = (await cm.get(`/api/cases/${s.caseId}/assessments`))
      .json()
      .available.find((a: { key: string }) => a.key === 'ulm-minimum');
    const assessment = (
      await cm.post(`/api/cases/${s.caseId}/assessments`, { templateId: ulm.templateId })
    ).json();
    const saved = await cm.patch(`/api/assessments/${assessment.id}`, {
      version: 1,
      answers: { master_data_notes: PERSONAL.journal },
      needs: [{ kind: 'need', text: PERSONAL.intake, seenBy: 'both' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await cm.post(`/api/assessments/${assessment.id}/finalise`, { version: 2 })).statusCode).toBe(
      200,
    );
    // the plan: goals, steps, a review, a signer, an agreed version kept in the history
    const plan = await cm.put(`/api/cases/${s.caseId}/plan`, {
      version: 0,
      header: {
        participants: PERSONAL.guardian,
        benefitsEarlier: null,
        benefitsCurrent: null,
        problem: PERSONAL.health,
        resources: null,
        obligations: null,
        costBearers: null,
        reviewOn: null,
      },
      goals: [
        {
          wording: PERSONAL.intake,
          indicator: PERSONAL.journal,
          status: 'active',
          steps: [{ what: PERSONAL.followUp, who: 'other', whoName: PERSONAL.guardian, status: 'open' }],
        },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const goalId = plan.json().plan.goals[0].id;
    await cm.post(`/api/plan-goals/${goalId}/reviews`, {
      reviewedOn: today(),
      attainment: 'partly',
      comment: PERSONAL.street,
      consequence: 'keep',
    });
    expect((await cm.post(`/api/cases/${s.caseId}/plan/agree`, { version: 1 })).statusCode).toBe(200);
    await cm.post(`/api/cases/${s.caseId}/plan/signatures`, {
      signer: 'other',
      name: PERSONAL.givenNames,
      form: 'paper',
      signedOn: today(),
    });
    // the network level: a referral with notes and the partner's feedback, a conference with a family member,
    // minutes and an action, and a gap report whose text names her (the user confirmed the warning)
    const partner = (
      await cm.post('/api/partners', { name: 'Beratungsstelle Nord', type: 'migration_counselling' })
    ).json();
    const referral = await cm.post(`/api/cases/${s.caseId}/referrals`, {
      partnerId: partner.id,
      requestedOn: today(),
      categories: [],
      note: PERSONAL.journal,
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const noted = await cm.put(`/api/referrals/${referral.json().id}`, {
      barriers: ['other'],
      barrierNote: PERSONAL.street,
      partnerFeedback: PERSONAL.phone,
      note: PERSONAL.journal,
      version: referral.json().version,
    });
    expect(noted.statusCode, noted.body).toBe(200);
    await cm.post(
      `/api/clients/${s.clientId}/consents`,
      release({
        recipient: { kind: 'person', name: PERSONAL.guardian },
        purpose: 'case_conference',
        categories: ['master_data'],
      }),
    );
    const conference = await cm.post(`/api/cases/${s.caseId}/conferences`, {
      kind: 'case',
      heldOn: today(),
      place: PERSONAL.street,
      agenda: PERSONAL.health,
      anonymous: false,
      categories: ['master_data'],
      participants: [{ kind: 'family', name: PERSONAL.guardian, role: PERSONAL.email }],
    });
    expect(conference.statusCode, conference.body).toBe(201);
    const invited = await cm.post(`/api/conferences/${conference.json().id}/invite`, { version: 1 });
    expect(invited.statusCode, invited.body).toBe(200);
    const held = await cm.post(`/api/conferences/${conference.json().id}/minutes`, {
      version: invited.json().version,
      minutes: PERSONAL.intake,
      actions: [{ text: PERSONAL.followUp, ownerName: PERSONAL.guardian }],
      themes: [],
    });
    expect(held.statusCode, held.body).toBe(200);
    const gap = await cm.post('/api/gap-reports', {
      need: `Kita-Platz für ${PERSONAL.givenNames} ${PERSONAL.familyName}`,
      field: 'everyday_life',
      urgency: 'high',
      description: 'Geboren am 12.04.2005, der Sohn ist zwei Jahre alt.',
      caseId: s.caseId,
      confirm: true,
    });
    expect(gap.statusCode, gap.body).toBe(201);

    const dp = s.consents.items[0];
    const res = await cm.post(`/api/consents/${dp.id}/revoke`, {
      version: dp.version,
      revokedOn: today(),
      revokedBy: 'client',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().anonymisation.removed).toMatchObject({
      names: true,
      contactData: true,
      address: true,
      healthNotes: true,
      relatedPersons: 1,
      journalTexts: 2,
      followUpTexts: 1,
      referrals: 1,
      conferences: 1,
    });
    const afterwards = await t.deps.db
      .selectFrom('consents')
      .select(['revoked_on', 'revoked_by'])
      .where('client_id', '=', s.clientId)
      .execute();
    expect(afterwards.every((c) => c.revoked_on !== null)).toBe(true);
    expect(res.json().anonymisation.kept).toEqual(
      expect.arrayContaining(['birthYear', 'gender', 'countryOfOrigin', 'phases']),
    );

    // Search every text column of every table for the original values.
    const tables = (await underCatalogLock(() => t.deps.db.introspection.getTables())).filter(
      (tb) => !tb.name.startsWith('kysely_'),
    );
    const found: string[] = [];
    for (const table of tables) {
      const textColumns = table.columns
        .filter((c) => /char|text|json|clob/i.test(c.dataType))
        .map((c) => c.name);
      if (textColumns.length === 0) continue;
      const rows = await sql<
        Record<string, unknown>
      >`select ${sql.join(textColumns.map((c) => sql.ref(c)))} from ${sql.table(table.name)}`.execute(
        t.deps.db,
      );
      for (const row of rows.rows) {
        for (const [column, value] of Object.entries(row)) {
          for (const [what, original] of Object.entries(PERSONAL)) {
            if (typeof value === 'string' && value.includes(original))
              found.push(`${table.name}.${column}: ${what}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
    // the gap report stays for the planning level, without the texts that named her
    const report = await t.deps.db
      .selectFrom('gap_reports')
      .select(['need', 'description', 'field'])
      .where('id', '=', gap.json().id)
      .executeTakeFirstOrThrow();
    expect(report).toEqual({ need: ANONYMISED_NEED, description: null, field: 'everyday_life' });

    // what statistics need is still there, in coarse form
    const client = await t.deps.db
      .selectFrom('clients')
      .selectAll()
      .where('id', '=', s.clientId)
      .executeTakeFirstOrThrow();
    expect(client).toMatchObject({
      birth_year: 2005,
      birth_date: null,
      gender: 'female',
      country_of_origin: 'SY',
      residence_status: 'permission_to_reside',
      arrival_date: '2022-01-01',
    });
    const c = await t.deps.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', s.caseId)
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({ phase: 'closed', closure_reason: 'consent_revoked', kind: 'case_management' });
    expect(c.anonymised_at).not.toBeNull();
    // the case still counts
    const counted = await t.deps.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', org.organisationId)
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(1);
    // an anonymised case is not reopened: the person comes back as a new case
    const closedCase = (
      await t.deps.db
        .selectFrom('cases')
        .select('version')
        .where('id', '=', s.caseId)
        .executeTakeFirstOrThrow()
    ).version;
    const reopen = await cm.post(`/api/cases/${s.caseId}/phase`, { version: closedCase, to: 'evaluation' });
    expect(problem(reopen)).toMatchObject({ code: 'case-closed', detail: 'anonymised' });
    // nothing more can be written about the person
    expect((await cm.post(`/api/clients/${s.clientId}/consents`, release())).statusCode).toBe(403);
    expect((await verifyAuditChains(t.deps.db, [org.organisationId])).intact).toBe(true);
  });

  it('anonymisation is all or nothing: a failure half-way leaves every personal value in place', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const s = await samira(cm, org);
    const dp = s.consents.items[0];
    // Make the last step of the anonymisation fail inside the transaction.
    if (TEST_DB === 'postgresql') {
      await sql
        .raw(
          `create or replace function fail_anon() returns trigger language plpgsql as $$ begin raise exception 'disk gone'; end $$`,
        )
        .execute(t.deps.db);
      await sql
        .raw(
          `create trigger fail_anon before update on clients for each row when (new.anonymised_at is not null) execute function fail_anon()`,
        )
        .execute(t.deps.db);
    } else {
      await sql
        .raw(
          `create trigger fail_anon before update on clients when new.anonymised_at is not null begin select raise(abort, 'disk gone'); end`,
        )
        .execute(t.deps.db);
    }
    const res = await cm.post(`/api/consents/${dp.id}/revoke`, {
      version: dp.version,
      revokedOn: today(),
      revokedBy: 'client',
    });
    expect(res.statusCode).toBe(500);
    await sql
      .raw(TEST_DB === 'postgresql' ? 'drop trigger fail_anon on clients' : 'drop trigger fail_anon')
      .execute(t.deps.db);
    const after = (await cm.get(`/api/clients/${s.clientId}`)).json();
    expect(after).toMatchObject({
      familyName: PERSONAL.familyName,
      street: PERSONAL.street,
      healthNotes: PERSONAL.health,
    });
    expect(after.relatedPersons).toHaveLength(1);
    const journal = (await cm.get(`/api/cases/${s.caseId}/journal`))
      .json()
      .items.map((e: { text: string }) => e.text);
    expect(journal).toContain(PERSONAL.journal);
    const consents = (await cm.get(`/api/clients/${s.clientId}/consents`)).json().items;
    expect(consents[0].revoked).toBeNull();
  });

  it('an erasure request resolved by the DPO anonymises the client', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const s = await samira(cm, org);
    const req = await cm.post(`/api/clients/${s.clientId}/requests`, {
      kind: 'erasure',
      receivedOn: today(),
      description: 'Bitte alles löschen',
    });
    const dpo = as(t.app, await signIn(t.app, org.users.dpo.username));
    expect((await dpo.get('/api/requests?status=open')).json().items).toHaveLength(1);
    const done = await dpo.post(`/api/requests/${req.json().id}/resolve`, {
      status: 'done',
      resolution: 'Anonymisiert, Statistik bleibt',
    });
    expect(done.json()).toEqual({ anonymised: true });
    const row = await t.deps.db
      .selectFrom('clients')
      .select(['family_name', 'anonymised_at'])
      .where('id', '=', s.clientId)
      .executeTakeFirstOrThrow();
    expect(row.family_name).toBe('Anonymisiert');
  });

  it('gives the person everything stored about them (Art. 15) and records that as a disclosure', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const s = await samira(cm, org);
    // the case file beyond the journal: a plan goal with a step, a referral with the partner's feedback
    const plan = await cm.put(`/api/cases/${s.caseId}/plan`, {
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
          wording: PERSONAL.intake,
          indicator: 'Kurs begonnen',
          status: 'active',
          steps: [{ what: PERSONAL.followUp, who: 'client', status: 'open' }],
        },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const partner = (await cm.post('/api/partners', { name: 'Sprachschule Nord', type: 'other' })).json();
    const referral = await cm.post(`/api/cases/${s.caseId}/referrals`, {
      partnerId: partner.id,
      requestedOn: today(),
      categories: [],
      note: PERSONAL.journal,
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const data = (await cm.get(`/api/clients/${s.clientId}/export`)).json();
    expect(data.cases[0].plan).toEqual([
      expect.objectContaining({
        goal: PERSONAL.intake,
        steps: [expect.objectContaining({ what: PERSONAL.followUp })],
      }),
    ]);
    expect(data.cases[0].referrals).toEqual([
      expect.objectContaining({ partner: 'Sprachschule Nord', status: 'requested', note: PERSONAL.journal }),
    ]);
    expect(data.cases[0].conferences).toEqual([]);
    expect(data.masterData).toMatchObject({
      familyName: PERSONAL.familyName,
      healthNotes: PERSONAL.health,
    });
    expect(data.masterData.address.street).toBe(PERSONAL.street);
    expect(data.relatedPersons[0].name).toBe(PERSONAL.guardian);
    expect(data.cases[0].journal.map((j: { text: string }) => j.text)).toEqual(
      expect.arrayContaining([PERSONAL.journal, PERSONAL.health]),
    );
    expect(data.consents).toHaveLength(1);
    const log = (await cm.get(`/api/cases/${s.caseId}/disclosures`)).json().items;
    expect(log).toEqual([
      expect.objectContaining({ basis: 'data_subject_access', channel: 'access_request' }),
    ]);
  });
});

describe('retention', () => {
  it('lists quiet cases for review, closes and anonymises after nine months without contact, idempotently', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const s = await samira(cm, org);
    const lead = as(t.app, await signIn(t.app, org.users.team_lead.username));
    expect((await lead.get('/api/retention/board')).json().items).toEqual([]);
    // seven months later: review due
    t.clock.advanceMinutes(7 * 30 * 24 * 60);
    const board = (
      await as(t.app, await signIn(t.app, org.users.team_lead.username)).get('/api/retention/board')
    ).json().items;
    expect(board).toEqual([expect.objectContaining({ caseId: s.caseId, state: 'review_due' })]);
    const dry = await runRetention(t.deps, { dryRun: true });
    expect(dry.reviewDue).toContain(board[0].caseNumber);
    expect(dry.closed).not.toContain(board[0].caseNumber);
    // ten months: closed and anonymised by the job, twice run → once done
    t.clock.advanceMinutes(3 * 30 * 24 * 60);
    const plan = await runRetention(t.deps, { dryRun: true });
    expect(plan.closed).toContain(board[0].caseNumber);
    const still = await t.deps.db
      .selectFrom('cases')
      .select('phase')
      .where('id', '=', s.caseId)
      .executeTakeFirstOrThrow();
    expect(still.phase).not.toBe('closed');
    const [first, second] = await Promise.all([
      runRetention(t.deps, { dryRun: false }),
      runRetention(t.deps, { dryRun: false }),
    ]);
    const ran = [first, second].filter((r) => !r.skipped);
    expect(ran.length).toBeGreaterThanOrEqual(1);
    const again = await runRetention(t.deps, { dryRun: false });
    expect(again.closed).not.toContain(board[0].caseNumber);
    const c = await t.deps.db
      .selectFrom('cases')
      .select(['phase', 'closure_reason', 'anonymised_at'])
      .where('id', '=', s.caseId)
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({ phase: 'closed', closure_reason: 'no_contact' });
    expect(c.anonymised_at).not.toBeNull();
    const client = await t.deps.db
      .selectFrom('clients')
      .select('family_name')
      .where('id', '=', s.clientId)
      .executeTakeFirstOrThrow();
    expect(client.family_name).toBe('Anonymisiert');
  });

  it('retention periods are set per organisation by the org admin', async () => {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const before = (await admin.get('/api/organisation')).json();
    expect(before).toMatchObject({
      retentionReviewAfterDays: 183,
      retentionCloseAfterDays: 274,
      retentionAnonymiseAfterDays: 0,
    });
    const bad = await admin.patch('/api/organisation', {
      version: before.version,
      retentionReviewAfterDays: 300,
      retentionCloseAfterDays: 200,
    });
    expect(problem(bad).errors).toContainEqual(
      expect.objectContaining({ pointer: '/retentionCloseAfterDays' }),
    );
    const ok = await admin.patch('/api/organisation', {
      version: before.version,
      retentionReviewAfterDays: 90,
      retentionAnonymiseAfterDays: 30,
    });
    expect(ok.json()).toMatchObject({
      retentionReviewAfterDays: 90,
      retentionCloseAfterDays: 274,
      retentionAnonymiseAfterDays: 30,
    });
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    expect(
      (await cm.patch('/api/organisation', { version: ok.json().version, retentionReviewAfterDays: 30 }))
        .statusCode,
    ).toBe(403);
  });

  it('a closed case is anonymised once the case manager and an org admin confirmed; continuing resets the clock', async () => {
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const s = await samira(cm, org);
    await cm.post(`/api/clients/${s.clientId}/consents`, {
      kind: 'case_management',
      givenBy: 'client',
      form: 'oral',
      witness: 'Kollegin',
      givenOn: today(),
      language: 'ar',
    });
    for (const to of ['assessment', 'planning', 'linking', 'monitoring', 'evaluation']) {
      const v = (await cm.get(`/api/cases/${s.caseId}`)).json().version;
      expect((await cm.post(`/api/cases/${s.caseId}/phase`, { version: v, to })).statusCode, to).toBe(200);
    }
    expect((await closeWithEvaluation(cm, s.caseId)).statusCode).toBe(200);
    expect((await cm.post(`/api/cases/${s.caseId}/confirm-anonymisation`)).json()).toEqual({
      anonymised: false,
    });
    const board = (await cm.get('/api/retention/board')).json().items;
    expect(board).toEqual([expect.objectContaining({ caseId: s.caseId, state: 'awaiting_confirmation' })]);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    expect((await admin.post(`/api/cases/${s.caseId}/confirm-anonymisation`)).json()).toEqual({
      anonymised: true,
    });
    const client = await t.deps.db
      .selectFrom('clients')
      .select('family_name')
      .where('id', '=', s.clientId)
      .executeTakeFirstOrThrow();
    expect(client.family_name).toBe('Anonymisiert');
  });
});
