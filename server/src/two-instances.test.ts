import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { verifyAuditChains } from './core/audit.js';
import { localDate } from './core/clock.js';
import type { AppDeps } from './core/context.js';
import { generateKeySpec, parseKeyRing } from './core/crypto.js';
import type { Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { allMigrations } from './db/migrations/index.js';
import { runRetention } from './modules/privacy/retention.js';
import {
  as,
  createOrganisation,
  createTestDatabase,
  problem,
  signIn,
  TEST_DB,
  TestClock,
  type TestDatabase,
  underCatalogLock,
} from './test/harness.js';

/**
 * Two app instances against one PostgreSQL (issue 10, data safety): two apps, each with its own connection
 * pool, share one database as they would behind a load balancer. Concurrent edits, sessions, the retention
 * job, migrations at start-up and the audit chain must behave as with one instance.
 *
 * PostgreSQL only: SQLite is the single-office mode with one app process (LOTSE_WORKERS above 1 is refused
 * there, tested in cluster.test.ts), so on SQLite these describes do not run.
 */
interface Instances {
  testDb: TestDatabase;
  second: Database;
  a: FastifyInstance;
  b: FastifyInstance;
  depsA: AppDeps;
  depsB: AppDeps;
  clock: TestClock;
  close(): Promise<void>;
}

async function twoInstances(): Promise<Instances> {
  const testDb = await createTestDatabase();
  const second = testDb.openAnother();
  const clock = new TestClock();
  // Both instances hold the same keys, as every instance of an installation does.
  const keys = parseKeyRing(generateKeySpec('test'));
  const config = { ...testDb.config, logLevel: 'silent' as const, webDist: '/nonexistent' };
  const depsA: AppDeps = {
    db: testDb.database.db,
    dialect: testDb.database.dialect,
    config,
    clock: clock.now,
    keys,
  };
  const depsB: AppDeps = { db: second.db, dialect: second.dialect, config, clock: clock.now, keys };
  const a = await buildApp(depsA);
  const b = await buildApp(depsB);
  await Promise.all([a.ready(), b.ready()]);
  return {
    testDb,
    second,
    a,
    b,
    depsA,
    depsB,
    clock,
    async close() {
      await Promise.all([a.close(), b.close()]);
      await second.destroy();
      await testDb.dispose();
    },
  };
}

const today = () => localDate(new Date());

async function auditCount(db: AppDeps['db'], action: string, entityId: string): Promise<number> {
  const rows = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', '=', action)
    .where('entity_id', '=', entityId)
    .execute();
  return rows.length;
}

describe.runIf(TEST_DB === 'postgresql')('two app instances against one PostgreSQL', () => {
  let t: Instances;
  beforeAll(async () => {
    t = await twoInstances();
  });
  afterAll(async () => {
    await t.close();
  });

  async function openCase() {
    const org = await createOrganisation(t.depsA);
    const session = await signIn(t.a, org.users.case_manager.username);
    const onA = as(t.a, session);
    const onB = as(t.b, session);
    const client = await onA.post('/api/clients', {
      familyName: 'Haddad',
      givenNames: 'Rami',
      birthYear: 2004,
      gender: 'male',
      consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today(), language: 'de' },
    });
    expect(client.statusCode, client.body).toBe(201);
    const opened = await onA.post('/api/cases', {
      clientId: client.json().id,
      kind: 'case_management',
      orgUnitId: org.orgUnitIds[0],
      intake: { accessRoute: 'self' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    return {
      org,
      session,
      onA,
      onB,
      clientId: client.json().id as string,
      caseId: opened.json().id as string,
      caseVersion: opened.json().version as number,
    };
  }

  it('a session made on one instance works on the other, CSRF token included, and logout on one ends it on both', async () => {
    const org = await createOrganisation(t.depsA);
    const session = await signIn(t.a, org.users.case_manager.username);
    const onB = as(t.b, session);
    const seen = await onB.get('/api/auth/session');
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ csrfToken: session.csrfToken, user: { id: session.userId } });
    // a state-changing request on B with the token A handed out
    const created = await onB.post('/api/clients', {
      familyName: 'Nowak',
      givenNames: 'Ewa',
      birthYear: 1999,
      gender: 'female',
    });
    expect(created.statusCode, created.body).toBe(201);
    const forged = await t.b.inject({
      method: 'POST',
      url: '/api/clients',
      headers: { cookie: session.cookie, 'x-csrf-token': 'not-the-token' },
      payload: { familyName: 'Nowak', givenNames: 'Adam', birthYear: 1998, gender: 'male' },
    });
    expect(forged.statusCode).toBe(403);

    expect((await as(t.a, session).post('/api/auth/logout')).statusCode).toBe(204);
    const after = await onB.get('/api/auth/session');
    expect(after.statusCode).toBe(401);
    expect((await onB.get('/api/cases')).statusCode).toBe(401);
  });

  it('the same client changed on both instances with the same version: one wins, the other gets 409, nothing mixed', async () => {
    const { onA, onB, clientId } = await openCase();
    const read = (await onA.get(`/api/clients/${clientId}`)).json();
    const base = {
      familyName: 'Haddad',
      givenNames: 'Rami',
      birthYear: 2004,
      gender: 'male',
      version: read.version,
    };
    const [ra, rb] = await Promise.all([
      onA.put(`/api/clients/${clientId}`, { ...base, phone: '0151 111111', city: 'Aachen' }),
      onB.put(`/api/clients/${clientId}`, { ...base, phone: '0151 222222', city: 'Bonn' }),
    ]);
    const statuses = [ra.statusCode, rb.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = ra.statusCode === 409 ? ra : rb;
    expect(problem(loser).code).toBe('version-conflict');
    const winner =
      ra.statusCode === 200
        ? { phone: '0151 111111', city: 'Aachen' }
        : { phone: '0151 222222', city: 'Bonn' };
    const stored = (await onB.get(`/api/clients/${clientId}`)).json();
    expect(stored).toMatchObject({ ...winner, version: read.version + 1 });
    expect(await auditCount(t.depsA.db, 'client.update', clientId)).toBe(1);
  });

  it('the same case moved on both instances with the same version: one phase change, one 409', async () => {
    const { onA, onB, caseId, caseVersion } = await openCase();
    const [ra, rb] = await Promise.all([
      onA.put(`/api/cases/${caseId}/intake`, { version: caseVersion, intake: { accessRoute: 'self' } }),
      onB.post(`/api/cases/${caseId}/phase`, { version: caseVersion, to: 'assessment' }),
    ]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
    const file = (await onA.get(`/api/cases/${caseId}`)).json();
    expect(file.version).toBe(caseVersion + 1);
    const moved = rb.statusCode === 200;
    expect(file.phase).toBe(moved ? 'assessment' : 'intake');
    expect(file.phaseHistory).toHaveLength(moved ? 2 : 1);
    expect(await auditCount(t.depsA.db, 'case.phase_change', caseId)).toBe(moved ? 1 : 0);
    expect(await auditCount(t.depsA.db, 'case.intake_update', caseId)).toBe(moved ? 0 : 1);
  });

  it('the same plan saved on both instances — first save and a later one: one wins, one 409, goals of one save only', async () => {
    const { onA, onB, caseId } = await openCase();
    const plan = (label: string, goals: number) => ({
      header: {
        participants: null,
        benefitsEarlier: null,
        benefitsCurrent: null,
        problem: label,
        resources: null,
        obligations: null,
        costBearers: null,
        reviewOn: null,
      },
      legalType: null,
      goals: Array.from({ length: goals }, (_, i) => ({
        wording: `${label} Ziel ${i + 1}`,
        indicator: `${label} Nachweis`,
        status: 'active',
        steps: [{ what: `${label} Schritt ${i + 1}`, who: 'client', status: 'open' }],
        subGoals: [],
      })),
    });
    for (const version of [0, 1]) {
      const [ra, rb] = await Promise.all([
        onA.put(`/api/cases/${caseId}/plan`, { version, ...plan(`A${version}`, 2) }),
        onB.put(`/api/cases/${caseId}/plan`, { version, ...plan(`B${version}`, 3) }),
      ]);
      expect([ra.statusCode, rb.statusCode].sort(), `${ra.body} ${rb.body}`).toEqual([200, 409]);
      expect(problem(ra.statusCode === 409 ? ra : rb).code).toBe('version-conflict');
      const label = ra.statusCode === 200 ? `A${version}` : `B${version}`;
      const stored = (await onA.get(`/api/cases/${caseId}/plan`)).json().plan;
      expect(stored.version).toBe(version + 1);
      expect(stored.header.problem).toBe(label);
      expect(stored.goals.map((g: { wording: string }) => g.wording)).toEqual(
        plan(label, label.startsWith('A') ? 2 : 3).goals.map((g) => g.wording),
      );
      expect(
        stored.goals.flatMap((g: { steps: { what: string }[] }) => g.steps.map((s) => s.what.split(' ')[0])),
      ).toEqual(Array(label.startsWith('A') ? 2 : 3).fill(label));
    }
  });

  it('concurrent audited writes on both instances keep one unbroken audit chain and unique case numbers', async () => {
    const org = await createOrganisation(t.depsA);
    const session = await signIn(t.a, org.users.case_manager.username);
    const [onA, onB] = [as(t.a, session), as(t.b, session)];
    const either = (i: number) => (i % 2 === 0 ? onA : onB);
    const clients = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        either(i).post('/api/clients', {
          familyName: `Kette${String.fromCharCode(65 + i)}`,
          givenNames: 'Test',
          birthYear: 1950 + i,
          gender: 'not_stated',
          consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today(), language: 'de' },
        }),
      ),
    );
    expect(clients.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    // the organisation's first cases of the year, opened at once: the number counter is created once
    const cases = await Promise.all(
      clients.map((c, i) =>
        either(i + 1).post('/api/cases', {
          clientId: c.json().id,
          kind: 'counselling',
          orgUnitId: org.orgUnitIds[0],
          intake: { accessRoute: 'self' },
        }),
      ),
    );
    expect(cases.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    const numbers = cases.map((r) => Number(r.json<{ caseNumber: string }>().caseNumber.split('-').at(-1)));
    expect(numbers.sort((x, y) => x - y)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));

    const chain = await t.depsB.db
      .selectFrom('audit_log')
      .select(['seq', 'action'])
      .where('chain_id', '=', org.organisationId)
      .orderBy('seq')
      .execute();
    expect(chain.map((e) => e.seq)).toEqual(chain.map((_, i) => i + 1));
    expect(chain.filter((e) => e.action === 'client.create')).toHaveLength(24);
    expect(chain.filter((e) => e.action === 'case.open')).toHaveLength(24);
    expect(await verifyAuditChains(t.depsA.db, [org.organisationId])).toMatchObject({
      intact: true,
      firstBroken: null,
    });
  });
});

describe.runIf(TEST_DB === 'postgresql')('the retention job on two instances at the same time', () => {
  let t: Instances;
  beforeAll(async () => {
    t = await twoInstances();
  });
  afterAll(async () => {
    await t.close();
  });

  it('processes each due case exactly once, without errors, and the chain verifies', async () => {
    const org = await createOrganisation(t.depsA);
    const cm = as(t.a, await signIn(t.a, org.users.case_manager.username));
    const caseIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      const client = await cm.post('/api/clients', {
        familyName: `Ruhig${String.fromCharCode(65 + i)}`,
        givenNames: 'Test',
        birthYear: 1980 + i,
        gender: 'not_stated',
        consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today(), language: 'de' },
      });
      const opened = await cm.post('/api/cases', {
        clientId: client.json().id,
        kind: 'counselling',
        orgUnitId: org.orgUnitIds[0],
        intake: { accessRoute: 'self' },
      });
      expect(opened.statusCode, opened.body).toBe(201);
      caseIds.push(opened.json().id);
    }
    // ten months without contact: every case is due to be closed and anonymised
    t.clock.advanceMinutes(10 * 30 * 24 * 60);
    const now = t.clock.now();
    const reports = await Promise.all([
      runRetention(t.depsA, { dryRun: false, now }),
      runRetention(t.depsB, { dryRun: false, now }),
    ]);
    // usually one run skips (the lock is taken); what must hold either way is that each case is done once
    expect(reports.some((r) => r.skipped === undefined)).toBe(true);
    // a later run on either instance finds nothing left to do
    const again = await runRetention(t.depsB, { dryRun: false, now });
    expect(again.closed.filter((n) => reports.some((r) => r.closed.includes(n)))).toEqual([]);

    const cases = await t.depsB.db
      .selectFrom('cases')
      .select(['id', 'phase', 'anonymised_at'])
      .where('id', 'in', caseIds)
      .execute();
    expect(cases.every((c) => c.phase === 'closed' && c.anonymised_at !== null)).toBe(true);
    for (const id of caseIds) {
      expect(await auditCount(t.depsA.db, 'retention.close', id)).toBe(1);
      expect(await auditCount(t.depsA.db, 'case.anonymise', id)).toBe(1);
    }
    const changes = await t.depsA.db
      .selectFrom('case_phase_changes')
      .select('case_id')
      .where('case_id', 'in', caseIds)
      .where('to_phase', '=', 'closed')
      .execute();
    expect(changes).toHaveLength(caseIds.length);
    expect((await verifyAuditChains(t.depsA.db, [org.organisationId])).intact).toBe(true);
  });

  it('an instance killed while it held the job lock blocks the job only until the lock runs out', async () => {
    const now = t.clock.now();
    // what a killed instance leaves behind: the lock row, taken for 15 minutes, never released
    const held = { locked_until: new Date(now.getTime() + 15 * 60_000).toISOString(), locked_by: 'killed:1' };
    await t.depsA.db
      .insertInto('job_locks')
      .values({ name: 'retention', ...held, last_finished_at: null, last_report: null })
      .onConflict((oc) => oc.column('name').doUpdateSet(held))
      .execute();
    expect((await runRetention(t.depsB, { dryRun: false, now })).skipped).toBe('locked');
    const later = new Date(now.getTime() + 16 * 60_000);
    expect((await runRetention(t.depsB, { dryRun: false, now: later })).skipped).toBeUndefined();
    const lock = await t.depsA.db
      .selectFrom('job_locks')
      .select(['locked_by', 'last_finished_at'])
      .where('name', '=', 'retention')
      .executeTakeFirstOrThrow();
    expect(lock.locked_by).toBeNull();
    expect(lock.last_finished_at).not.toBeNull();
  });
});

describe.runIf(TEST_DB === 'postgresql')('migrations at start-up of two instances', () => {
  it('two instances migrating an empty database at the same time both start, each migration applied once', async () => {
    const testDb = await createTestDatabase({ migrate: false });
    const [one, two] = [testDb.openAnother(), testDb.openAnother()];
    try {
      const [appliedByOne, appliedByTwo] = await Promise.all([
        underCatalogLock(() => migrateToLatest(one)),
        underCatalogLock(() => migrateToLatest(two)),
      ]);
      const names = Object.keys(allMigrations('postgresql')).sort();
      expect([...appliedByOne, ...appliedByTwo].sort()).toEqual(names);
      // Kysely's own bookkeeping table is not among the application's table types: raw SQL.
      const recorded = await sql<{ name: string }>`select name from kysely_migration`.execute(
        testDb.database.db,
      );
      expect(recorded.rows.map((r) => r.name).sort()).toEqual(names);
      // and the schema works: a third start finds nothing to do
      expect(await underCatalogLock(() => migrateToLatest(testDb.database))).toEqual([]);
    } finally {
      await Promise.all([one.destroy(), two.destroy()]);
      await testDb.dispose();
    }
  });
});
