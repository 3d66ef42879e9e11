import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../core/config.js';
import type { AppDeps, Role } from '../core/context.js';
import { createDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { randomToken } from '../core/ids.js';
import { generateKeySpec, parseKeyRing } from '../core/crypto.js';
import { insertOrganisation, insertOrgUnit } from '../modules/organisation/service.js';
import { insertUserRecord } from '../modules/users/service.js';
import { localDate } from '../core/clock.js';

/**
 * Test harness: every test file gets its own database — a temporary SQLite file, or, when
 * LOTSE_TEST_DB=postgresql, its own schema in TEST_DATABASE_URL — migrated from scratch. Each test builds
 * its own organisation (`createOrganisation`), so tests never share state.
 */
export const TEST_DB: 'sqlite' | 'postgresql' =
  process.env.LOTSE_TEST_DB === 'postgresql' ? 'postgresql' : 'sqlite';

export interface TestDatabase {
  database: Database;
  config: Config;
  dispose(): Promise<void>;
  /** Opens a second, independent connection to the same database (a second app instance). */
  openAnother(): Database;
}

/** Advisory lock key of the test database's catalog (see underCatalogLock). */
const CATALOG_LOCK = 7_405_201;

/**
 * Test files run in parallel, each in its own schema of TEST_DATABASE_URL, and drop it when done. Kysely's
 * introspection — which its migrator uses to find its bookkeeping table — lists the tables of every schema
 * and calls functions on their names; a schema dropped between the listing and the call makes the query fail
 * ("schema … does not exist"). So introspection and migrations hold this PostgreSQL advisory lock shared and
 * dropping a schema holds it exclusively. On SQLite (one file per test database) it just runs `work`.
 * A test that migrates, introspects or runs pg_dump/pg_restore itself wraps that call in it (a database per
 * test file, cloned from a migrated template, would make the lock unnecessary).
 */
export async function underCatalogLock<T>(
  work: () => Promise<T>,
  mode: 'shared' | 'exclusive' = 'shared',
): Promise<T> {
  const url = process.env.TEST_DATABASE_URL;
  if (TEST_DB !== 'postgresql' || !url) return work();
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query(
      mode === 'shared' ? 'select pg_advisory_lock_shared($1)' : 'select pg_advisory_lock($1)',
      [CATALOG_LOCK],
    );
    return await work();
  } finally {
    // The lock belongs to this session: ending it releases the lock.
    await lock.end();
  }
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (TEST_DB === 'postgresql') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('LOTSE_TEST_DB=postgresql needs TEST_DATABASE_URL');
    const schema = `t_${randomToken(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url });
    const open = () => createDatabase({ databaseUrl: url, sqliteFile: '', pgSchema: schema, poolSize: 5 });
    const database = open();
    if (options.migrate !== false) await underCatalogLock(() => migrateToLatest(database));
    return {
      database,
      config,
      openAnother: open,
      async dispose() {
        await database.destroy();
        await underCatalogLock(async () => {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          await c.query(`drop schema ${schema} cascade`);
          await c.end();
        }, 'exclusive');
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-test-'));
  const config = loadConfig({ NODE_ENV: 'test', LOTSE_DATA_DIR: dir });
  const open = () => createDatabase({ databaseUrl: null, sqliteFile: config.sqliteFile });
  const database = open();
  if (options.migrate !== false) await migrateToLatest(database);
  return {
    database,
    config,
    openAnother: open,
    async dispose() {
      await database.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A database for a separately started server process: a fresh SQLite folder, or a fresh PostgreSQL
 * database next to TEST_DATABASE_URL. Returns the environment that points a server at it.
 */
export async function createScratchDatabase(): Promise<{
  env: Record<string, string>;
  dispose(): Promise<void>;
}> {
  if (TEST_DB === 'postgresql') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('LOTSE_TEST_DB=postgresql needs TEST_DATABASE_URL');
    const name = `lotse_scratch_${randomToken(6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    // The server keeps its development key file in its data folder: give it a temporary one.
    const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-scratch-keys-'));
    return {
      env: { DATABASE_URL: target.toString(), LOTSE_DATA_DIR: keyDir },
      async dispose() {
        fs.rmSync(keyDir, { recursive: true, force: true });
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-scratch-'));
  return {
    env: { LOTSE_DATA_DIR: dir, DATABASE_URL: '' },
    async dispose() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A clock the test can move: sessions, lockouts and deadlines depend on it. */
export class TestClock {
  constructor(private current = new Date()) {}
  now = (): Date => new Date(this.current.getTime());
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  clock: TestClock;
  testDb: TestDatabase;
  close(): Promise<void>;
}

export async function createTestApp(configOverrides: Partial<Config> = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const clock = new TestClock();
  const deps: AppDeps = {
    db: testDb.database.db,
    dialect: testDb.database.dialect,
    config: { ...testDb.config, logLevel: 'silent', webDist: '/nonexistent', ...configOverrides },
    clock: clock.now,
    keys: parseKeyRing(generateKeySpec('test')),
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    clock,
    testDb,
    async close() {
      await app.close();
      await testDb.dispose();
    },
  };
}

export const TEST_PASSWORD = 'correct horse battery';

export interface TestOrganisation {
  organisationId: string;
  orgUnitIds: [string, string];
  /** username by role, e.g. users.org_admin */
  users: Record<Role, { id: string; username: string }>;
}

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${process.pid.toString(36)}${Date.now().toString(36)}${counter}`;
}

/** A fresh organisation with two org units and one user per role (all with TEST_PASSWORD). */
export async function createOrganisation(deps: AppDeps): Promise<TestOrganisation> {
  const suffix = unique('');
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock();
    const { organisationId, orgUnitId, adminId } = await insertOrganisation(
      trx,
      {
        name: `Testträger ${suffix}`,
        shortCode: `T${suffix
          .slice(-8)
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, '0')}`.slice(0, 10),
        firstOrgUnitName: 'Team A',
        admin: { username: `admin-${suffix}`, displayName: 'Admin Test', initialPassword: TEST_PASSWORD },
      },
      now,
    );
    const second = await insertOrgUnit(trx, organisationId, { name: 'Team B' }, now);
    const users = { org_admin: { id: adminId, username: `admin-${suffix}` } } as TestOrganisation['users'];
    for (const role of ['case_manager', 'team_lead', 'planner', 'dpo', 'installation_admin'] as Role[]) {
      const username = `${role.replace('_', '-')}-${suffix}`;
      const id = await insertUserRecord(
        trx,
        {
          organisationId,
          username,
          displayName: `${role} Test`,
          password: TEST_PASSWORD,
          roles: [role],
          orgUnitIds: [orgUnitId],
        },
        now,
      );
      users[role] = { id, username };
    }
    return { organisationId, orgUnitIds: [orgUnitId, second], users };
  });
}

/** One more user in a test organisation, e.g. a second case manager for handovers. */
export async function addUser(
  deps: AppDeps,
  org: TestOrganisation,
  roles: Role[],
  orgUnitIds: string[] = [org.orgUnitIds[0]],
): Promise<{ id: string; username: string }> {
  const username = unique(`${roles[0] ?? 'user'}-`.replace('_', '-'));
  const id = await deps.db.transaction().execute((trx) =>
    insertUserRecord(
      trx,
      {
        organisationId: org.organisationId,
        username,
        displayName: `${username} Test`,
        password: TEST_PASSWORD,
        roles,
        orgUnitIds,
      },
      deps.clock(),
    ),
  );
  return { id, username };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  userId: string;
}

export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lotse_session');
  if (!cookie) throw new Error('no session cookie');
  const body = res.json<{ csrfToken: string; user: { id: string } }>();
  return { cookie: `lotse_session=${cookie.value}`, csrfToken: body.csrfToken, userId: body.user.id };
}

/** Calls the API as a signed-in user, with cookie and CSRF header like the web app. */
export function as(app: FastifyInstance, session: Session) {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': 'de' },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown) => call('POST', url, payload),
    patch: (url: string, payload?: unknown) => call('PATCH', url, payload),
    put: (url: string, payload?: unknown) => call('PUT', url, payload),
    delete: (url: string) => call('DELETE', url),
  };
}

export type Response = LightMyRequestResponse;

export interface ProblemJson {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId: string;
  errors?: { pointer?: string; parameter?: string; code: string; message: string }[];
  retryAfterSeconds?: number;
  current?: unknown;
}

export function problem(res: Response): ProblemJson {
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${String(res.headers['content-type'])}: ${res.body}`);
  }
  return res.json<ProblemJson>();
}

/** The smallest complete first evaluation (version 0) of a case, evaluated on `day`. */
export function firstEvaluation(day: string) {
  return {
    version: 0,
    evaluatedOn: day,
    endedBy: 'both',
    lifeSituation: 'yes',
    satisfaction: { general: null, course: null, results: null, expectations: null, mandate: null },
    satisfactionMode: 'not_asked',
    satisfactionLanguage: null,
    methods: [],
    destination: null,
    gapsFound: null,
    summary: null,
    goals: [],
    followUpOffered: false,
    followUpAgreed: false,
  };
}

/**
 * Closes a case-management case the way the case file does: a short evaluation (who ended it, life situation),
 * then the formal closure, confirming open follow-ups and unrated goals.
 */
export async function closeWithEvaluation(
  api: ReturnType<typeof as>,
  caseId: string,
  closureReason = 'goals_reached',
): Promise<Response> {
  const file = (await api.get(`/api/cases/${caseId}`)).json<{ openedOn: string }>();
  // the server's calendar day, in the office's time zone (tests may open cases dated ahead of it)
  const today = localDate(new Date());
  const day = file.openedOn > today ? file.openedOn : today;
  const saved = await api.put(`/api/cases/${caseId}/evaluation`, firstEvaluation(day));
  if (saved.statusCode !== 200) throw new Error(`evaluation not saved: ${saved.body}`);
  const version = (await api.get(`/api/cases/${caseId}`)).json<{ version: number }>().version;
  return api.post(`/api/cases/${caseId}/close`, { version, closedOn: day, closureReason, confirm: true });
}
