import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/src/app.js';
import { verifyAuditChains } from '../../../server/src/core/audit.js';
import { localDate } from '../../../server/src/core/clock.js';
import { decryptText, generateKeySpec, parseKeyRing, type KeyRing } from '../../../server/src/core/crypto.js';
import { hashPassword } from '../../../server/src/core/passwords.js';
import type { DB } from '../../../server/src/db/types.js';
import { validateAnswers, type Answers } from '../../../server/src/modules/assessment/domain.js';
import type { InstrumentTemplate } from '../../../server/src/modules/assessment/template.js';
import { formatCaseNumber } from '../../../server/src/modules/cases/domain.js';
import { foldName, searchKey } from '../../../server/src/modules/clients/domain.js';
import {
  guardianRequired,
  recipientKey,
  releaseCovers,
  type DataCategory,
} from '../../../server/src/modules/consent/domain.js';
import { evaluationErrors, type EvaluationInput } from '../../../server/src/modules/evaluation/domain.js';
import { personalDataHits } from '../../../server/src/modules/gaps/domain.js';
import { CONTACT_KINDS } from '../../../server/src/modules/journal/domain.js';
import { planErrors, type PlanDoc } from '../../../server/src/modules/plan/domain.js';
import { ANONYMISED_NAME } from '../../../server/src/modules/privacy/anonymise.js';
import {
  as,
  createTestDatabase,
  signIn,
  type Session,
  type TestDatabase,
} from '../../../server/src/test/harness.js';
import { BENCH_PASSWORD } from '../scales.js';
import { generate, type GenerateResult, type Sizes } from './index.js';

/**
 * The generator's data pass every rule of the application (issue 9): a small installation is generated, then
 * driven through the real API as its own users. Every record with an update route is written back unchanged
 * through it (the routes run the JSON schemas and the domain rules; closed cases are reopened first, as a case
 * manager would), records without one are checked against the request schema of the route that creates them
 * in the app's OpenAPI document and against the module's domain rules, and every case's read routes, the
 * dashboards, the caseloads, the annual report and the planning view answer with the generated figures.
 */

const SIZES: Sizes = { organisations: 2, users: 14, clients: 60, cases: 80, journalEntries: 600 };

let testDb: TestDatabase;
let app: FastifyInstance;
let keys: KeyRing;
let result: GenerateResult;
let today: string;
/** One session per generated user, signed in with the bench password (cases are checked a few at a time). */
const sessions = new Map<string, Promise<Session>>();

type Api = ReturnType<typeof as>;

async function apiAs(userId: string): Promise<Api> {
  let session = sessions.get(userId);
  if (!session) {
    session = testDb.database.db
      .selectFrom('users')
      .select('username')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow()
      .then((user) => signIn(app, user.username, BENCH_PASSWORD));
    sessions.set(userId, session);
  }
  return as(app, await session);
}

/** The body a route accepts, from the app's own OpenAPI document. */
const validators = new Map<string, ValidateFunction>();
function bodyValidator(method: 'post' | 'put' | 'patch', path: string): ValidateFunction {
  const key = `${method} ${path}`;
  let validate = validators.get(key);
  if (!validate) {
    const doc = app.swagger() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: object }> } }>
      >;
      components?: unknown;
    };
    const schema = doc.paths[path]?.[method]?.requestBody?.content['application/json']?.schema;
    if (!schema) throw new Error(`no request body schema for ${key}`);
    const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
    addFormats.default(ajv);
    // References point into the document's components: keep them next to the schema.
    validate = ajv.compile({ ...schema, components: doc.components });
    validators.set(key, validate);
  }
  return validate;
}

function expectValid(method: 'post' | 'put' | 'patch', path: string, body: unknown, what: string): void {
  const validate = bodyValidator(method, path);
  const ok = validate(body);
  expect(
    ok ? [] : (validate.errors ?? []).map((e) => `${what}: ${e.instancePath} ${e.message ?? ''}`),
  ).toEqual([]);
}

function expectOk(res: { statusCode: number; body: string }, what: string): void {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 500)}`).toBe(200);
}

const db = () => testDb.database.db;

/** Runs `work` for every item, a few at a time (the requests of different cases overlap). */
async function eachConcurrently<T>(
  items: readonly T[],
  work: (item: T) => Promise<void>,
  limit = 4,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function count(table: keyof DB): Promise<number> {
  const row = await db()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  keys = parseKeyRing(generateKeySpec('bench'));
  const now = new Date();
  today = localDate(now);
  result = await generate(testDb.database.db, SIZES, {
    dialect: testDb.database.dialect,
    keys,
    passwordHash: await hashPassword(BENCH_PASSWORD),
    now,
    // Two years: most cases closed within the last year stay readable, older ones are anonymised.
    years: 2,
    chunkCases: 25,
    log: () => {},
  });
  app = await buildApp({
    db: testDb.database.db,
    dialect: testDb.database.dialect,
    config: { ...testDb.config, logLevel: 'silent', webDist: '/nonexistent' },
    clock: () => new Date(),
    keys,
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await testDb?.dispose();
});

describe('the generated data', () => {
  it('has the sizes asked for and every row the generator reports, and nothing else', async () => {
    expect(await count('organisations')).toBe(SIZES.organisations);
    expect(await count('users')).toBe(SIZES.users);
    expect(await count('clients')).toBe(SIZES.clients);
    // Come-backs are planned as the years pass: a few percent may be missing at the end of the period.
    const cases = await count('cases');
    expect(cases).toBeGreaterThanOrEqual(SIZES.cases * 0.9);
    expect(cases).toBeLessThanOrEqual(SIZES.cases);
    const journal = await count('journal_entries');
    expect(Math.abs(journal - SIZES.journalEntries) / SIZES.journalEntries).toBeLessThan(0.1);
    for (const [table, rows] of Object.entries(result.counts)) {
      expect({ table, rows: await count(table as keyof DB) }).toEqual({ table, rows });
    }
    // The tables the generator does not write stay empty (sessions and log-in attempts come with use).
    for (const table of ['sessions', 'notifications', 'conferences', 'cooperation_agreements'] as const) {
      expect({ table, rows: await count(table) }).toEqual({ table, rows: 0 });
    }
    // Every kind of record is there at least once.
    for (const table of [
      'assessments',
      'assessment_needs',
      'plans',
      'plan_goals',
      'plan_steps',
      'goal_reviews',
      'referrals',
      'referral_events',
      'disclosures',
      'gap_reports',
      'gap_report_cases',
      'case_evaluations',
      'case_evaluation_goals',
      'follow_ups',
      'case_number_counters',
    ] as const) {
      expect({ table, rows: (result.counts[table] ?? 0) > 0 }).toEqual({ table, rows: true });
    }
  });

  it('keeps the invariants: audit chain, phases, evaluations, case numbers, keys, consents, anonymisation', async () => {
    const verified = await verifyAuditChains(db());
    expect(verified).toEqual({
      intact: true,
      checked: SIZES.users + SIZES.organisations,
      chains: SIZES.organisations,
      firstBroken: null,
    });

    const cases = await db().selectFrom('cases').selectAll().execute();
    const phases = await db()
      .selectFrom('case_phase_changes')
      .select(['case_id', 'from_phase', 'to_phase', 'changed_at'])
      .orderBy('changed_at')
      .orderBy('id')
      .execute();
    const evaluations = new Set(
      (await db().selectFrom('case_evaluations').select('case_id').execute()).map((e) => e.case_id),
    );
    const orgs = await db().selectFrom('organisations').select(['id', 'short_code']).execute();
    const counters = await db().selectFrom('case_number_counters').selectAll().execute();
    for (const c of cases) {
      // The phase history runs in order and ends in the case's phase.
      const history = phases.filter((p) => p.case_id === c.id);
      expect(history[0]?.from_phase).toBeNull();
      history.forEach((p, i) => i > 0 && expect(p.from_phase).toBe(history[i - 1]?.to_phase));
      expect(history[history.length - 1]?.to_phase).toBe(c.phase);
      expect(c.closed_on === null).toBe(c.phase !== 'closed');
      if (c.phase === 'closed' && c.kind === 'case_management') expect(evaluations.has(c.id)).toBe(true);
      expect(c.opened_on <= today && (c.closed_on ?? c.opened_on) <= today).toBe(true);
      // Case numbers in the cases module's format, within the organisation's yearly counter.
      const code = orgs.find((o) => o.id === c.organisation_id)?.short_code ?? '';
      const year = Number(c.opened_on.slice(0, 4));
      const sequence = Number(c.case_number.slice(-5));
      expect(c.case_number).toBe(formatCaseNumber(code, year, sequence));
      const counter = counters.find((k) => k.organisation_id === c.organisation_id && k.year === year);
      expect(sequence).toBeLessThanOrEqual(counter?.last_value ?? 0);
    }
    // Each counter stands at its year's last number.
    for (const k of counters) {
      const numbers = cases
        .filter((c) => c.organisation_id === k.organisation_id && c.opened_on.startsWith(String(k.year)))
        .map((c) => Number(c.case_number.slice(-5)));
      expect(Math.max(...numbers)).toBe(k.last_value);
      expect(numbers.length).toBe(k.last_value);
    }

    // Search keys as the clients module computes them; every client has a data-processing consent.
    const clients = await db().selectFrom('clients').selectAll().execute();
    const dataProcessing = new Set(
      (
        await db().selectFrom('consents').select('client_id').where('kind', '=', 'data_processing').execute()
      ).map((c) => c.client_id),
    );
    for (const client of clients) {
      expect(dataProcessing.has(client.id)).toBe(true);
      if (client.anonymised_at) {
        expect([client.family_name, client.search_key, client.birth_date, client.street]).toEqual([
          ANONYMISED_NAME,
          '',
          null,
          null,
        ]);
        // A client is anonymised with the last of their cases.
        expect(cases.filter((c) => c.client_id === client.id).every((c) => c.anonymised_at !== null)).toBe(
          true,
        );
      } else {
        expect(client.search_key).toBe(searchKey(client.family_name, client.given_names));
        expect(client.family_key).toBe(foldName(client.family_name));
      }
    }
    // Anonymised cases are closed a year ago and keep no free text.
    const anonymised = cases.filter((c) => c.anonymised_at !== null);
    expect(anonymised.length).toBeGreaterThan(0);
    for (const c of anonymised) expect(c.phase).toBe('closed');
    const texts = await db()
      .selectFrom('journal_entries')
      .select('text')
      .where(
        'case_id',
        'in',
        anonymised.map((c) => c.id),
      )
      .execute();
    expect(texts.every((t) => t.text === '')).toBe(true);

    // The last contact is the journal's latest contact; running cases are not overdue for the retention run.
    const entries = await db()
      .selectFrom('journal_entries')
      .select(['case_id', 'kind', 'occurred_on', 'withdrawn_at'])
      .execute();
    for (const c of cases) {
      const contacts = entries
        .filter(
          (e) =>
            e.case_id === c.id &&
            e.withdrawn_at === null &&
            (CONTACT_KINDS as readonly string[]).includes(e.kind),
        )
        .map((e) => e.occurred_on)
        .sort();
      expect(c.last_contact_on).toBe(contacts[contacts.length - 1] ?? null);
      if (c.phase !== 'closed') {
        const days = (Date.parse(today) - Date.parse(c.last_contact_on ?? c.opened_on)) / 86_400_000;
        expect(days).toBeLessThan(274);
      }
    }
  });

  it("answers every case's read routes for its case manager", async () => {
    const cases = await db()
      .selectFrom('cases')
      .select(['id', 'client_id', 'phase', 'responsible_user_id'])
      .execute();
    const journalCounts = await db()
      .selectFrom('journal_entries')
      .select(['case_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('case_id')
      .execute();
    await eachConcurrently(cases, async (c) => {
      const api = await apiAs(c.responsible_user_id);
      const file = await api.get(`/api/cases/${c.id}`);
      expectOk(file, `case ${c.id}`);
      const view = file.json<{ phase: string; phaseHistory: { to: string }[] }>();
      expect(view.phaseHistory[view.phaseHistory.length - 1]?.to).toBe(c.phase);
      const journal = await api.get(`/api/cases/${c.id}/journal?pageSize=200`);
      expectOk(journal, `journal ${c.id}`);
      expect(journal.json<{ total: number }>().total).toBe(
        Number(journalCounts.find((j) => j.case_id === c.id)?.n ?? 0),
      );
      for (const path of ['plan', 'assessments', 'referrals', 'evaluation', 'follow-ups', 'gap-reports']) {
        expectOk(await api.get(`/api/cases/${c.id}/${path}`), `${path} of ${c.id}`);
      }
      expectOk(await api.get(`/api/clients/${c.client_id}`), `client of ${c.id}`);
      expectOk(await api.get(`/api/clients/${c.client_id}/consents`), `consents of ${c.id}`);
    });
    for (const a of await db()
      .selectFrom('assessments')
      .innerJoin('cases', 'cases.id', 'assessments.case_id')
      .select(['assessments.id', 'cases.responsible_user_id'])
      .execute()) {
      expectOk(
        await (await apiAs(a.responsible_user_id)).get(`/api/assessments/${a.id}`),
        `assessment ${a.id}`,
      );
    }
  });

  it("assessments' answers pass the instrument version's rules", async () => {
    const rows = await db()
      .selectFrom('assessments as a')
      .innerJoin('instrument_template_versions as v', 'v.id', 'a.template_version_id')
      .innerJoin('cases', 'cases.id', 'a.case_id')
      .select(['a.id', 'a.status', 'a.answers', 'a.special_answers', 'v.definition', 'cases.anonymised_at'])
      .execute();
    expect(rows.some((r) => r.status === 'final' && r.anonymised_at === null)).toBe(true);
    for (const r of rows) {
      if (r.anonymised_at) {
        expect([r.answers, r.special_answers]).toEqual(['{}', null]);
        continue;
      }
      const definition = JSON.parse(r.definition) as InstrumentTemplate;
      const answers = {
        ...(JSON.parse(r.answers) as Answers),
        ...(r.special_answers ? (JSON.parse(decryptText(keys, r.special_answers)) as Answers) : {}),
      };
      expect({
        id: r.id,
        errors: validateAnswers(definition, answers, { final: r.status === 'final' }),
      }).toEqual({
        id: r.id,
        errors: [],
      });
    }
  });

  it('takes every record back through the routes that change it, unchanged', async () => {
    const cases = await db()
      .selectFrom('cases')
      .select(['id', 'client_id', 'phase', 'responsible_user_id', 'organisation_id', 'opened_on'])
      .where('anonymised_at', 'is', null)
      .orderBy('opened_on')
      .execute();
    expect(cases.some((c) => c.phase === 'closed')).toBe(true);
    const ids = cases.map((c) => c.id);
    const countOf = async (
      table: 'journal_entries' | 'plans' | 'referrals' | 'case_evaluations' | 'assessments',
    ) => {
      let q = db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('case_id', 'in', ids);
      if (table === 'journal_entries') q = q.where('withdrawn_at', 'is', null);
      if (table === 'assessments') q = q.where('status', '=', 'draft');
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    // Every record of the cases that are not anonymised goes through its route once.
    const expected = {
      clients: new Set(cases.map((c) => c.client_id)).size,
      intakes: cases.length,
      journal: await countOf('journal_entries'),
      plans: await countOf('plans'),
      referrals: await countOf('referrals'),
      evaluations: await countOf('case_evaluations'),
      drafts: await countOf('assessments'),
    };
    expect(expected.journal * expected.plans * expected.referrals * expected.evaluations).toBeGreaterThan(0);
    const clientsDone = new Set<string>();
    const written = { clients: 0, intakes: 0, journal: 0, plans: 0, referrals: 0, evaluations: 0, drafts: 0 };
    let followUps = 0;

    await eachConcurrently(cases, async (c) => {
      const api = await apiAs(c.responsible_user_id);
      if (c.phase === 'closed') {
        // A closed case is history: reopened (as a case manager would) so its records meet the routes again.
        const file = (await api.get(`/api/cases/${c.id}`)).json<{ version: number }>();
        expectOk(
          await api.post(`/api/cases/${c.id}/reopen`, { version: file.version, reason: 'Prüfung der Daten' }),
          `reopen ${c.id}`,
        );
      }
      const file = (await api.get(`/api/cases/${c.id}`)).json<{
        version: number;
        intake: Record<string, unknown>;
      }>();
      expectOk(
        await api.put(`/api/cases/${c.id}/intake`, { version: file.version, intake: file.intake }),
        `intake ${c.id}`,
      );
      written.intakes += 1;

      if (!clientsDone.has(c.client_id)) {
        clientsDone.add(c.client_id);
        const client = (await api.get(`/api/clients/${c.client_id}`)).json<
          Record<string, unknown> & {
            district: { id: string } | null;
            relatedPersons: (Record<string, unknown> & { id: string })[];
          }
        >();
        const {
          id: _id,
          district,
          relatedPersons,
          processing: _processing,
          cases: _cases,
          anonymised: _anonymised,
          createdAt: _createdAt,
          updatedAt: _updatedAt,
          healthNotesHidden: _hidden,
          ...fields
        } = client;
        const body = {
          ...fields,
          districtId: district?.id ?? null,
          relatedPersons: relatedPersons.map(({ id: _personId, ...person }) => person),
        };
        expectOk(await api.put(`/api/clients/${c.client_id}`, body), `client ${c.client_id}`);
        written.clients += 1;
      }

      const journal = (await api.get(`/api/cases/${c.id}/journal?pageSize=200`)).json<{
        items: (Record<string, unknown> & { id: string; withdrawn: unknown; version: number })[];
      }>();
      for (const e of journal.items) {
        const body = {
          kind: e.kind,
          occurredOn: e.occurredOn,
          durationMinutes: e.durationMinutes,
          participants: e.participants,
          text: e.text,
          specialCategory: e.specialCategory,
          goalId: e.goalId,
          version: e.version,
        };
        if (e.withdrawn) {
          // A withdrawn entry is not edited any more: its content still fits the edit route's schema.
          expectValid('put', '/api/cases/{id}/journal/{entryId}', body, `withdrawn entry ${e.id}`);
          continue;
        }
        expectOk(await api.put(`/api/cases/${c.id}/journal/${e.id}`, body), `journal entry ${e.id}`);
        written.journal += 1;
      }

      const plan = (await api.get(`/api/cases/${c.id}/plan`)).json<{
        plan:
          | null
          | (Record<string, unknown> & {
              version: number;
              header: PlanDoc['header'];
              goals: Record<string, unknown>[];
            });
        rules: { maxGoals: number | null; requireIndicator: boolean };
      }>();
      if (plan.plan) {
        const goal = ({
          reviews: _r,
          journalEntries: _j,
          subGoals,
          ...g
        }: Record<string, unknown>): Record<string, unknown> => ({
          ...g,
          ...(Array.isArray(subGoals)
            ? { subGoals: subGoals.map((s: Record<string, unknown>) => goal(s)) }
            : {}),
        });
        const body = {
          version: plan.plan.version,
          legalType: plan.plan.legalType,
          legalNote: plan.plan.legalNote,
          header: plan.plan.header,
          goals: plan.plan.goals.map(goal),
        };
        const saved = await api.put(`/api/cases/${c.id}/plan`, body);
        expectOk(saved, `plan of ${c.id}`);
        // Unchanged: the plan module sees no change (an agreed plan would otherwise need a change kind).
        expect(saved.json<{ plan: { version: number } }>().plan.version).toBe(plan.plan.version);
        if (plan.plan.status === 'agreed') {
          expect(planErrors(body as unknown as PlanDoc, plan.rules, { agreeing: true })).toEqual([]);
        }
        written.plans += 1;
      }

      const referrals = (await api.get(`/api/cases/${c.id}/referrals`)).json<{
        items: (Record<string, unknown> & { id: string; version: number })[];
      }>();
      for (const r of referrals.items) {
        const body = {
          barriers: r.barriers,
          barrierNote: r.barrierNote,
          partnerFeedback: r.partnerFeedback,
          note: r.note,
          version: r.version,
        };
        expectOk(await api.put(`/api/referrals/${r.id}`, body), `referral ${r.id}`);
        written.referrals += 1;
      }

      const evaluation = (await api.get(`/api/cases/${c.id}/evaluation`)).json<{
        evaluation: null | (Record<string, unknown> & { version: number });
      }>();
      if (evaluation.evaluation) {
        const e = evaluation.evaluation;
        const body = {
          version: e.version,
          evaluatedOn: e.evaluatedOn,
          endedBy: e.endedBy,
          lifeSituation: e.lifeSituation,
          satisfaction: e.satisfaction,
          satisfactionMode: e.satisfactionMode,
          satisfactionLanguage: e.satisfactionLanguage,
          methods: e.methods,
          destination: e.destination,
          gapsFound: e.gapsFound,
          summary: e.summary,
          goals: e.goals,
          followUpOffered: e.followUpOffered,
          followUpAgreed: e.followUpAgreed,
        };
        expectOk(await api.put(`/api/cases/${c.id}/evaluation`, body), `evaluation of ${c.id}`);
        written.evaluations += 1;
      }

      const assessments = (await api.get(`/api/cases/${c.id}/assessments`)).json<{
        items: { id: string; status: string }[];
      }>();
      for (const summary of assessments.items.filter((a) => a.status === 'draft')) {
        const a = (await api.get(`/api/assessments/${summary.id}`)).json<{
          version: number;
          conductedOn: string;
          answers: Answers;
          needs: {
            kind: string;
            area: string | null;
            text: string;
            seenBy: string;
            specialCategory: boolean;
          }[];
        }>();
        const body = {
          version: a.version,
          conductedOn: a.conductedOn,
          answers: a.answers,
          needs: a.needs.map((n) => ({
            kind: n.kind,
            area: n.area,
            text: n.text,
            seenBy: n.seenBy,
            specialCategory: n.specialCategory,
          })),
        };
        expectOk(await api.patch(`/api/assessments/${summary.id}`, body), `assessment draft ${summary.id}`);
        written.drafts += 1;
      }

      const caseFollowUps = (await api.get(`/api/cases/${c.id}/follow-ups`)).json<{
        items: {
          id: string;
          dueOn: string;
          text: string;
          done: unknown;
          version: number;
          assignee: { id: string };
        }[];
      }>();
      for (const f of caseFollowUps.items.filter((x) => x.done === null)) {
        const assignee = await apiAs(f.assignee.id);
        expectOk(
          await assignee.patch(`/api/follow-ups/${f.id}`, {
            version: f.version,
            dueOn: f.dueOn,
            text: f.text,
          }),
          `follow-up ${f.id}`,
        );
        followUps += 1;
      }
    });
    expect(written).toEqual(expected);
    expect(followUps).toBeGreaterThan(0);
  });

  it('gap reports go back through their route or fit its schema, and name no client', async () => {
    const reports = await db().selectFrom('gap_reports').selectAll().execute();
    for (const r of reports) {
      const body = {
        need: r.need,
        field: r.field,
        targetGroup: r.target_group,
        district: r.district,
        urgency: r.urgency,
        description: r.description,
        version: r.version,
      };
      if (r.status === 'reported') {
        expectOk(
          await (await apiAs(r.created_by)).put(`/api/gap-reports/${r.id}`, body),
          `gap report ${r.id}`,
        );
      } else {
        expectValid('put', '/api/gap-reports/{id}', body, `gap report ${r.id}`);
      }
      const clients = await db()
        .selectFrom('gap_report_cases')
        .innerJoin('cases', 'cases.id', 'gap_report_cases.case_id')
        .innerJoin('clients', 'clients.id', 'cases.client_id')
        .select(['clients.family_name', 'clients.given_names', 'clients.birth_date'])
        .where('gap_report_cases.gap_report_id', '=', r.id)
        .execute();
      for (const client of clients) {
        expect(
          personalDataHits(
            { need: r.need, description: r.description },
            { familyName: client.family_name, givenNames: client.given_names, birthDate: client.birth_date },
          ),
        ).toEqual([]);
      }
    }
  });

  it('consents, goal reviews, signatures and referrals fit the schemas of the routes that record them', async () => {
    const clients = await db()
      .selectFrom('clients')
      .select(['id', 'birth_date', 'birth_year', 'anonymised_at'])
      .execute();
    const persons = await db()
      .selectFrom('client_related_persons')
      .select(['id', 'client_id', 'is_guardian'])
      .execute();
    const consents = await db().selectFrom('consents').selectAll().execute();
    for (const c of consents) {
      const client = clients.find((x) => x.id === c.client_id);
      const body = {
        kind: c.kind,
        givenBy: c.given_by,
        guardianPersonId: c.guardian_person_id,
        form: c.form,
        witness: c.witness,
        documentId: c.document_id,
        givenOn: c.given_on,
        validUntil: c.valid_until,
        language: c.language,
        templateId: c.template_id,
        recipient: c.recipient_kind ? { kind: c.recipient_kind, name: c.recipient_name } : null,
        purpose: c.purpose,
        categories: JSON.parse(c.categories) as string[],
      };
      expectValid('post', '/api/clients/{id}/consents', body, `consent ${c.id}`);
      // The consent module's rules: guardians sign for those under 16, an oral consent names its witness.
      expect(c.given_on <= today && (c.valid_until === null || c.valid_until >= c.given_on)).toBe(true);
      if (guardianRequired(client?.birth_date ?? null, client?.birth_year ?? null, c.given_on)) {
        expect(c.given_by).toBe('guardian');
        if (!client?.anonymised_at) {
          expect(
            persons.some(
              (p) => p.id === c.guardian_person_id && p.client_id === c.client_id && p.is_guardian,
            ),
          ).toBe(true);
        }
      }
      if (c.form === 'oral' && !client?.anonymised_at) expect(c.witness).not.toBeNull();
      if (c.kind === 'release') expect([c.purpose, body.categories.length > 0]).toEqual(['referral', true]);
    }

    const reviews = await db()
      .selectFrom('goal_reviews')
      .innerJoin('plans', 'plans.id', 'goal_reviews.plan_id')
      .select(['goal_reviews.id', 'reviewed_on', 'attainment', 'comment', 'consequence'])
      .execute();
    for (const r of reviews) {
      expectValid(
        'post',
        '/api/plan-goals/{id}/reviews',
        {
          reviewedOn: r.reviewed_on,
          attainment: r.attainment,
          comment: r.comment,
          consequence: r.consequence,
        },
        `goal review ${r.id}`,
      );
    }
    const signatures = await db().selectFrom('plan_signatures').selectAll().execute();
    for (const s of signatures) {
      expectValid(
        'post',
        '/api/cases/{id}/plan/signatures',
        { signer: s.signer, name: s.name, form: s.form, signedOn: s.signed_on },
        `signature ${s.id}`,
      );
    }

    // Referrals as the route creates them; data went to a partner only under a release that covered them.
    const referrals = await db().selectFrom('referrals').selectAll().execute();
    for (const r of referrals) {
      const categories = JSON.parse(r.categories) as DataCategory[];
      expectValid(
        'post',
        '/api/cases/{id}/referrals',
        {
          offerId: r.offer_id ?? undefined,
          partnerId: r.partner_id,
          planStepId: r.plan_step_id,
          requestedOn: r.requested_on,
          categories,
          note: r.note,
        },
        `referral ${r.id}`,
      );
      if (categories.length === 0) {
        expect(r.disclosure_id).toBeNull();
        continue;
      }
      const partner = await db()
        .selectFrom('partners')
        .select('name')
        .where('id', '=', r.partner_id)
        .executeTakeFirstOrThrow();
      const releases = consents
        .filter((c) => c.client_id === r.client_id && c.kind === 'release')
        // As on the day the data went: before the anonymisation revoked every release.
        .map((c) => ({
          id: c.id,
          kind: c.kind,
          givenOn: c.given_on,
          validUntil: c.valid_until,
          revokedOn: null,
          recipientKey: recipientKey(c.recipient_name ?? ''),
          purpose: c.purpose,
          categories: JSON.parse(c.categories) as string[],
        }));
      const coverage = releaseCovers(releases, {
        recipientKey: recipientKey(partner.name),
        purpose: 'referral',
        categories,
        day: r.requested_on,
      });
      expect(coverage.allowed).toBe(true);
      const disclosure = await db()
        .selectFrom('disclosures')
        .selectAll()
        .where('id', '=', r.disclosure_id ?? '')
        .executeTakeFirstOrThrow();
      expect([disclosure.client_id, disclosure.basis, disclosure.channel]).toEqual([
        r.client_id,
        'release',
        'referral',
      ]);
    }

    // Evaluations of anonymised cases keep their figures: the evaluation module's rules still hold.
    const evaluations = await db()
      .selectFrom('case_evaluations')
      .innerJoin('cases', 'cases.id', 'case_evaluations.case_id')
      .select([
        'case_evaluations.id',
        'case_evaluations.case_id',
        'evaluated_on',
        'ended_by',
        'life_situation',
        'satisfaction',
        'satisfaction_mode',
        'satisfaction_language',
        'methods',
        'destination',
        'follow_up_offered',
        'follow_up_id',
        'cases.opened_on',
      ])
      .execute();
    const goals = await db().selectFrom('plan_goals').select(['id', 'case_id']).execute();
    const ratings = await db().selectFrom('case_evaluation_goals').selectAll().execute();
    for (const e of evaluations) {
      const input: EvaluationInput = {
        evaluatedOn: e.evaluated_on,
        endedBy: e.ended_by as EvaluationInput['endedBy'],
        lifeSituation: e.life_situation as EvaluationInput['lifeSituation'],
        satisfaction: JSON.parse(e.satisfaction) as EvaluationInput['satisfaction'],
        satisfactionMode: e.satisfaction_mode as EvaluationInput['satisfactionMode'],
        satisfactionLanguage: e.satisfaction_language as EvaluationInput['satisfactionLanguage'],
        methods: JSON.parse(e.methods) as EvaluationInput['methods'],
        destination: e.destination as EvaluationInput['destination'],
        gapsFound: null,
        summary: null,
        goals: ratings
          .filter((g) => g.evaluation_id === e.id)
          .map((g) => ({
            goalId: g.goal_id,
            attainment: g.attainment as EvaluationInput['goals'][number]['attainment'],
          })),
        followUpOffered: Boolean(e.follow_up_offered),
        followUpAgreed: e.follow_up_id !== null,
      };
      expect(
        evaluationErrors(input, {
          goalIds: new Set(goals.filter((g) => g.case_id === e.case_id).map((g) => g.id)),
          openedOn: e.opened_on,
          today,
        }),
      ).toEqual([]);
    }
  });

  it('answers the dashboards, caseloads, annual report and planning view with the generated figures', async () => {
    const users = await db()
      .selectFrom('users')
      .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select(['users.id', 'users.organisation_id', 'user_roles.role'])
      .execute();
    const year = Number(today.slice(0, 4)) - 1;
    for (const org of result.organisations) {
      const staff = users.filter((u) => u.organisation_id === org.id);
      for (const cm of staff.filter((u) => u.role === 'case_manager')) {
        const res = await (await apiAs(cm.id)).get('/api/dashboard/case-manager');
        expectOk(res, 'case-manager dashboard');
        const running = await db()
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('responsible_user_id', '=', cm.id)
          .where('phase', '!=', 'closed')
          .executeTakeFirstOrThrow();
        expect(res.json<{ runningCases: number }>().runningCases).toBe(Number(running.n));
      }
      const lead = staff.find((u) => u.role === 'team_lead');
      if (!lead) throw new Error('no team lead');
      const leadApi = await apiAs(lead.id);
      expectOk(await leadApi.get('/api/dashboard/team-lead'), 'team-lead dashboard');
      const caseloads = await leadApi.get('/api/caseloads');
      expectOk(caseloads, 'caseloads');
      const units = (
        await db().selectFrom('user_org_units').select('org_unit_id').where('user_id', '=', lead.id).execute()
      ).map((u) => u.org_unit_id);
      const runningCm = await db()
        .selectFrom('cases')
        .select(['responsible_user_id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('kind', '=', 'case_management')
        .where('phase', '!=', 'closed')
        .where('org_unit_id', 'in', units)
        .groupBy('responsible_user_id')
        .execute();
      for (const row of caseloads.json<{ rows: { user: { id: string }; runningCmCases: number }[] }>().rows) {
        expect(row.runningCmCases).toBe(
          Number(runningCm.find((r) => r.responsible_user_id === row.user.id)?.n ?? 0),
        );
      }
      expectOk(await leadApi.get('/api/retention/board'), 'retention board');
      const report = await leadApi.get(`/api/statistics/reports/annual?from=${year}-01-01&to=${year}-12-31`);
      expectOk(report, 'annual report');
      const flow = report
        .json<{
          sections: {
            tables: {
              key: string;
              rows: { key: string; cells: Record<string, { value: number | null; suppressed: boolean }> }[];
            }[];
          }[];
        }>()
        .sections.flatMap((s) => s.tables)
        .find((t) => t.key === 'caseFlow');
      const opened = await db()
        .selectFrom('cases')
        .select(['kind', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('organisation_id', '=', org.id)
        .where('opened_on', '>=', `${year}-01-01`)
        .where('opened_on', '<=', `${year}-12-31`)
        .groupBy('kind')
        .execute();
      let compared = 0;
      for (const row of flow?.rows ?? []) {
        const cell = row.cells.new;
        if (!cell || cell.suppressed) continue;
        expect({ kind: row.key, opened: cell.value }).toEqual({
          kind: row.key,
          opened: Number(opened.find((o) => o.kind === row.key)?.n ?? 0),
        });
        compared += 1;
      }
      expect(compared).toBeGreaterThan(0);

      const planner = staff.find((u) => u.role === 'planner');
      if (!planner) throw new Error('no planner');
      const plannerApi = await apiAs(planner.id);
      expectOk(await plannerApi.get('/api/dashboard/planner'), 'planner dashboard');
      const from = `${Number(today.slice(0, 4)) - 3}-01-01`;
      const planning = await plannerApi.get(
        `/api/planning/gaps?from=${from}&to=${today}&organisationId=${org.id}`,
      );
      expectOk(planning, 'planning view');
      const gaps = await db()
        .selectFrom('gap_reports')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('organisation_id', '=', org.id)
        .executeTakeFirstOrThrow();
      expect(planning.json<{ totals: { reports: number } }>().totals.reports).toBe(Number(gaps.n));
    }
  });

  it('lets a new client and case be registered afterwards (no case-number or key collision)', async () => {
    const org = result.organisations[0];
    const cm = org?.users.find((u) => u.roles.includes('case_manager'));
    if (!org || !cm) throw new Error('no case manager');
    const api = await apiAs(cm.id);
    const client = await api.post('/api/clients', {
      familyName: 'Neumann',
      givenNames: 'Testperson',
      birthDate: '2004-03-01',
      gender: 'female',
      confirmNotDuplicate: true,
      consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today, language: 'de' },
    });
    expect(client.statusCode, client.body).toBe(201);
    const opened = await api.post('/api/cases', {
      clientId: client.json<{ id: string }>().id,
      kind: 'counselling',
      orgUnitId: cm.orgUnitIds[0],
      intake: { accessRoute: 'self' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const year = Number(today.slice(0, 4));
    const counter = await db()
      .selectFrom('case_number_counters')
      .select('last_value')
      .where('organisation_id', '=', org.id)
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    expect(opened.json<{ caseNumber: string }>().caseNumber).toBe(
      formatCaseNumber(org.shortCode, year, counter.last_value),
    );
    const again = await sql<{
      n: number | string;
    }>`select count(*) as n from cases where case_number = ${opened.json<{ caseNumber: string }>().caseNumber}`.execute(
      db(),
    );
    expect(Number(again.rows[0]?.n)).toBe(1);
  });
});
