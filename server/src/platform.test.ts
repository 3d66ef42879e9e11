import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import {
  as,
  createOrganisation,
  createTestApp,
  createTestDatabase,
  problem,
  signIn,
  type TestApp,
  underCatalogLock,
} from './test/harness.js';
import { migrateToLatest } from './db/migrate.js';
import { allMigrations } from './db/migrations/index.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty, TEAM_SOUTH_INSTRUMENTS } from './modules/demo/seed.js';
import { SHIPPED_INSTRUMENTS } from './modules/assessment/shipped-instruments.js';
import { verifyAuditChains } from './core/audit.js';
import { INT_MAX } from './core/schemas.js';
import { generateKeySpec, parseKeyRing } from './core/crypto.js';
import { runRetention } from './modules/privacy/retention.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('platform', () => {
  it('reports health with the database it checked', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: t.deps.dialect });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and the interactive docs', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/users',
        '/api/users/{id}',
        '/api/org-units',
        '/api/audit',
      ]),
    );
    expect(doc.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toContain(
      'orgUnitIds',
    );
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.components.schemas.Problem).toBeDefined();
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('the web client is typed from the current API (run `npm run openapi` after changing routes)', async () => {
    const current = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const committed = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, '../../web/src/api/openapi.json'), 'utf8'),
    ) as typeof current;
    expect(committed.paths).toEqual(current.paths);
    expect(committed.components).toEqual(current.components);
  });

  it('bounds every integer a request sends by what an integer column holds, so the schema names the field', async () => {
    type Schema = Record<string, unknown>;
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { parameters?: Schema[]; requestBody?: Schema }>>;
      components: { schemas: Record<string, Schema> };
    }>();
    const unbounded: string[] = [];
    const walk = (schema: unknown, where: string, seen: readonly string[]): void => {
      if (typeof schema !== 'object' || schema === null) return;
      const s = schema as Schema;
      if (typeof s.$ref === 'string') {
        const name = s.$ref.split('/').pop() ?? '';
        if (!seen.includes(name)) walk(doc.components.schemas[name], where, [...seen, name]);
        return;
      }
      // An instrument's definition is stored as JSON text, not in integer columns.
      if (where.includes('/definition')) return;
      const types = ([] as unknown[]).concat(s.type);
      if ((types.includes('integer') || types.includes('number')) && s.const === undefined) {
        const max = s.maximum ?? s.exclusiveMaximum;
        const min = s.minimum ?? s.exclusiveMinimum;
        if (typeof max !== 'number' || max > INT_MAX || typeof min !== 'number' || min < -INT_MAX - 1)
          unbounded.push(where);
      }
      for (const [name, inner] of Object.entries((s.properties ?? {}) as Schema))
        walk(inner, `${where}/${name}`, seen);
      walk(s.items, `${where}/[]`, seen);
      for (const key of ['anyOf', 'oneOf', 'allOf'])
        for (const inner of (s[key] ?? []) as unknown[]) walk(inner, where, seen);
      if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${where}/*`, seen);
    };
    for (const [route, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations)) {
        for (const parameter of operation.parameters ?? [])
          walk(parameter.schema, `${method.toUpperCase()} ${route} ${String(parameter.name)}`, []);
        walk(operation.requestBody, `${method.toUpperCase()} ${route} body`, []);
      }
    expect(unbounded).toEqual([]);
    // and the answer names the field: a version PostgreSQL's integer column could not hold
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const huge = await admin.patch(`/api/users/${org.users.case_manager.id}`, {
      version: 2 ** 31,
      displayName: 'X Y',
    });
    expect(huge.statusCode).toBe(400);
    expect(problem(huge).errors).toContainEqual(
      expect.objectContaining({ pointer: '/version', code: 'maximum' }),
    );
    // a date PostgreSQL's date type could not hold (there is no year 0)
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const yearZero = await cm.post('/api/follow-ups', {
      caseId: '00000000-0000-4000-8000-000000000000',
      dueOn: '0000-01-01',
      text: 'Termin',
    });
    expect(problem(yearZero).errors).toEqual([
      expect.objectContaining({ pointer: '/dueOn', code: 'pattern' }),
    ]);
  });

  it('answers unknown API routes with a problem document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(problem(res).code).toBe('not-found');
  });

  it('rejects a malformed id in the path before touching the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/users/123', headers: {} });
    expect(res.statusCode).toBe(401);
  });
});

describe('migrations', () => {
  it('two instances migrating at the same time: both succeed, each migration runs once', async () => {
    const fresh = await createTestDatabase({ migrate: false });
    const second = fresh.openAnother();
    try {
      const [a, b] = await Promise.all([
        underCatalogLock(() => migrateToLatest(fresh.database)),
        underCatalogLock(() => migrateToLatest(second)),
      ]);
      const all = Object.keys(allMigrations(fresh.database.dialect));
      expect([...a, ...b].sort()).toEqual(all.sort());
      const migrator = new Migrator({
        db: fresh.database.db,
        provider: { getMigrations: async () => allMigrations(fresh.database.dialect) },
        ...(fresh.database.schema ? { migrationTableSchema: fresh.database.schema } : {}),
      });
      // (introspection, like the migrations: under the catalog lock, test/harness.ts)
      const info = await underCatalogLock(() => migrator.getMigrations());
      expect(info.every((m) => m.executedAt !== undefined)).toBe(true);
      expect(await underCatalogLock(() => migrateToLatest(second))).toEqual([]);
    } finally {
      await second.destroy();
      await fresh.dispose();
    }
  });
});

describe('demo seed', () => {
  it('seeds the demo Träger with two teams and one user per role into an empty database, once', async () => {
    const fresh = await createTestDatabase();
    try {
      expect(await seedDemoIfEmpty(fresh.database.db, new Date())).toBe(true);
      expect(await seedDemoIfEmpty(fresh.database.db, new Date())).toBe(false);
      const units = await fresh.database.db.selectFrom('org_units').select('name').orderBy('name').execute();
      expect(units.map((u) => u.name)).toEqual(['Team Nord', 'Team Süd']);
      const roles = await fresh.database.db
        .selectFrom('user_roles')
        .innerJoin('users', 'users.id', 'user_roles.user_id')
        .select(['users.username', 'user_roles.role'])
        .execute();
      for (const u of DEMO_USERS) {
        expect(roles.filter((r) => r.username === u.username).map((r) => r.role)).toEqual(u.roles);
      }
      expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(10);
      // about thirty fictional clients with cases in every phase, journals and follow-ups
      const db = fresh.database.db;
      const clients = await db
        .selectFrom('clients')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(clients.n)).toBeGreaterThanOrEqual(30);
      const phases = await db.selectFrom('cases').select('phase').distinct().execute();
      expect(phases.map((p) => p.phase).sort()).toEqual(
        ['assessment', 'closed', 'evaluation', 'intake', 'linking', 'monitoring', 'planning'].sort(),
      );
      const numbers = await db.selectFrom('cases').select('case_number').execute();
      expect(new Set(numbers.map((n) => n.case_number)).size).toBe(numbers.length);
      const withContact = await db
        .selectFrom('cases')
        .select('id')
        .where('last_contact_on', 'is not', null)
        .execute();
      expect(withContact.length).toBeGreaterThan(20);
      // consents recorded for all but two first contacts; two quiet cases are due for a retention decision
      const consents = await db
        .selectFrom('consents')
        .select('client_id')
        .where('kind', '=', 'data_processing')
        .execute();
      expect(consents.length).toBe(Number(clients.n) - 2);
      const retention = await runRetention(
        {
          db,
          dialect: fresh.database.dialect,
          config: fresh.config,
          clock: () => new Date(),
          keys: parseKeyRing(generateKeySpec()),
        },
        { dryRun: true },
      );
      expect(retention.reviewDue).toHaveLength(2);
      expect(retention.closed).toEqual([]);
      // Team Nord offers every shipped instrument, Team Süd its own choice; one client has a progress history
      const offered = await db
        .selectFrom('instrument_enablements')
        .innerJoin('org_units', 'org_units.id', 'instrument_enablements.org_unit_id')
        .select(['org_units.name', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('org_units.name')
        .orderBy('org_units.name')
        .execute();
      expect(offered.map((o) => [o.name, Number(o.n)])).toEqual([
        ['Team Nord', SHIPPED_INSTRUMENTS.length],
        ['Team Süd', TEAM_SOUTH_INSTRUMENTS.length],
      ]);
      const finals = await db.selectFrom('assessments').select(['case_id', 'scores']).execute();
      expect(finals).toHaveLength(2);
      expect(new Set(finals.map((f) => f.case_id)).size).toBe(1);
      expect(Object.values(JSON.parse(finals[0]?.scores ?? '{}'))).toHaveLength(9);
      // Samira's Integrationsförderplan after the JMD guide: agreed, two goals, one offer missing
      const plans = await db.selectFrom('plans').select(['id', 'status']).execute();
      expect(plans.map((p) => p.status)).toEqual(['agreed']);
      const goals = await db.selectFrom('plan_goals').select('parent_id').execute();
      expect(goals.filter((g) => g.parent_id === null)).toHaveLength(2);
      const gaps = await db
        .selectFrom('plan_steps')
        .select('id')
        .where('offer_available', '=', false)
        .execute();
      // the therapy place and the Kita place for her son
      expect(gaps).toHaveLength(2);
      const contacts = await db.selectFrom('network_contacts').select('id').execute();
      expect(contacts.length).toBeGreaterThanOrEqual(5);
      // The network level: the city's offices in the shared directory, the JMD's own partners with offers
      // (some full), referrals of several cases, agreements, and gap reports bundling several cases each
      const partners = await db.selectFrom('partners').select(['organisation_id']).execute();
      expect(partners.filter((p) => p.organisation_id === null).length).toBeGreaterThanOrEqual(3);
      expect(partners.filter((p) => p.organisation_id !== null).length).toBeGreaterThanOrEqual(6);
      const full = await db.selectFrom('offers').select('id').where('free_places', '=', 0).execute();
      expect(full.length).toBeGreaterThanOrEqual(2);
      const referred = await db.selectFrom('referrals').select('case_id').execute();
      expect(new Set(referred.map((r) => r.case_id)).size).toBeGreaterThanOrEqual(8);
      expect(await db.selectFrom('cooperation_agreements').select('id').execute()).toHaveLength(2);
      const linked = await db
        .selectFrom('gap_report_cases')
        .select(['gap_report_id', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('gap_report_id')
        .execute();
      expect(linked).toHaveLength(4);
      expect(linked.filter((l) => Number(l.n) > 1).length).toBeGreaterThanOrEqual(3);
      // Samira has no release yet: the network journey records one when a referral is refused
      const samiraReleases = await db
        .selectFrom('consents')
        .innerJoin('clients', 'clients.id', 'consents.client_id')
        .select('consents.id')
        .where('clients.family_name', '=', 'Al-Hassan')
        .where('consents.kind', '=', 'release')
        .execute();
      expect(samiraReleases).toEqual([]);
      // every closed case-management case has an evaluation, so statistics show satisfaction and Verbleib
      const closedCm = await db
        .selectFrom('cases')
        .select('id')
        .where('phase', '=', 'closed')
        .where('kind', '=', 'case_management')
        .execute();
      const evaluations = await db.selectFrom('case_evaluations').select('case_id').execute();
      expect(closedCm.length).toBeGreaterThanOrEqual(1);
      expect(evaluations.map((e) => e.case_id).sort()).toEqual(closedCm.map((c) => c.id).sort());
      expect((await verifyAuditChains(fresh.database.db)).intact).toBe(true);
    } finally {
      await fresh.dispose();
    }
  });
});
