import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { createDatabase, type Database } from './db/database.js';
import {
  as,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  TEST_DB,
  type Session,
  type TestApp,
  type TestOrganisation,
} from './test/harness.js';
import { localDate } from './core/clock.js';

/**
 * Fault behaviour (issue 10, data safety): when the database cannot be reached every API route answers
 * 503 `database-unavailable` as a problem document — never 500 — and the app recovers by itself when the
 * database is back. PostgreSQL: the app talks to the database through a TCP proxy the test cuts and restores.
 * SQLite has no server to lose; its analogue is a database file locked by another process (a long write,
 * a maintenance tool): 503 too, and writes work again when the lock is gone. A full disk on SQLite
 * (simulated with PRAGMA max_page_count) answers 507 `storage-full`, leaves nothing of the failing write and
 * no corruption, and writes work again when there is room.
 */
let t: TestApp;
let org: TestOrganisation;
beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t.deps);
});
afterAll(async () => {
  await t.close();
});

const today = () => localDate(new Date());

function newClient(n: number, extra: Record<string, unknown> = {}) {
  return {
    familyName: 'Störfall',
    givenNames: `Person ${n}`,
    birthDate: `1970-${String(1 + Math.floor(n / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    gender: 'not_stated',
    consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today(), language: 'de' },
    ...extra,
  };
}

async function countRows(table: 'clients' | 'audit_log'): Promise<number> {
  const row = await t.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A TCP proxy between the app and PostgreSQL: cut() drops every connection and refuses new ones. */
class Proxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

/** Every route of the OpenAPI document with its path parameters filled in. */
function allRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const routes: { method: string; url: string }[] = [];
  for (const [route, operations] of Object.entries(doc.paths)) {
    for (const method of Object.keys(operations)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      routes.push({
        method: method.toUpperCase(),
        url: route.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000'),
      });
    }
  }
  return routes;
}

describe.runIf(TEST_DB === 'postgresql')('PostgreSQL goes away and comes back', () => {
  let proxy: Proxy;
  let database: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    const target = new URL(process.env.TEST_DATABASE_URL ?? '');
    proxy = new Proxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    const viaProxy = new URL(target.toString());
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    database = createDatabase({
      databaseUrl: viaProxy.toString(),
      sqliteFile: '',
      pgSchema: t.testDb.database.schema,
      poolSize: 3,
    });
    app = await buildApp({ ...t.deps, db: database.db });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
    await proxy.cut();
  });

  it('answers 503 database-unavailable on every route while it is away, and recovers', async () => {
    const session: Session = await signIn(app, org.users.case_manager.username);
    const api = as(app, session);
    expect((await api.post('/api/clients', newClient(1))).statusCode).toBe(201);

    await proxy.cut();
    const routes = allRoutes(app);
    expect(routes.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const route of routes) {
      const res = await app.inject({
        method: route.method as 'GET',
        url: route.url,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': 'en' },
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      // with a session cookie every route looks the session up first, but ping and health, which never do:
      // ping touches no database, health reports it as its own answer
      const code = res.statusCode === 503 ? problem(res).code : '';
      const expected =
        route.url === '/api/ping'
          ? { status: 200, code: '' }
          : route.url === '/api/health'
            ? { status: 503, code: 'service-unavailable' }
            : { status: 503, code: 'database-unavailable' };
      if (res.statusCode !== expected.status || code !== expected.code) {
        wrong.push(`${route.method} ${route.url} → ${res.statusCode} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
    // signing in needs the database too; the answer names no cause beyond "database"
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: org.users.case_manager.username, password: 'whatever it is' },
    });
    expect(login.statusCode).toBe(503);
    expect(problem(login)).toMatchObject({
      type: 'https://lotse.app/problems/database-unavailable',
      status: 503,
      code: 'database-unavailable',
    });

    await proxy.start();
    // back: the same session works, reads and writes succeed without a restart
    const list = await api.get('/api/clients');
    expect(list.statusCode, list.body).toBe(200);
    const created = await api.post('/api/clients', newClient(2));
    expect(created.statusCode, created.body).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});

describe.runIf(TEST_DB === 'sqlite')('SQLite: a locked database file and a full disk', () => {
  let api: ReturnType<typeof as>;
  beforeAll(async () => {
    api = as(t.app, await signIn(t.app, org.users.case_manager.username));
  });

  it('answers 503 database-unavailable while another process holds the write lock, then works again', async () => {
    // another process (here: another connection) holds the database's write lock
    const other = t.testDb.openAnother();
    const before = await countRows('clients');
    // wait briefly instead of the server's five seconds, so the test is quick
    await sql`pragma busy_timeout = 200`.execute(t.deps.db);
    try {
      await other.db.connection().execute(async (connection) => {
        await sql`begin exclusive`.execute(connection);
        try {
          const refused = await api.post('/api/clients', newClient(3));
          expect(refused.statusCode, refused.body).toBe(503);
          expect(problem(refused)).toMatchObject({ code: 'database-unavailable', status: 503 });
        } finally {
          await sql`rollback`.execute(connection);
        }
      });
      expect(await countRows('clients')).toBe(before);
      const created = await api.post('/api/clients', newClient(3));
      expect(created.statusCode, created.body).toBe(201);
    } finally {
      await sql`pragma busy_timeout = 5000`.execute(t.deps.db);
      await other.destroy();
    }
  });

  it('answers 507 storage-full when the disk is full, keeps nothing of the failed write, and recovers', async () => {
    const pages = await sql<{ page_count: number }>`pragma page_count`.execute(t.deps.db);
    const limit = Number(pages.rows[0]?.page_count);
    // the database may not grow any more: a write fits only into pages freed earlier
    await sql.raw(`pragma max_page_count = ${limit}`).execute(t.deps.db);
    const bulky = (n: number) =>
      newClient(10 + n, {
        healthNotes: 'Gesundheit '.repeat(360),
        relatedPersons: Array.from({ length: 20 }, (_, i) => ({
          relation: 'other',
          name: `Bezugsperson ${i} `.repeat(10),
          isGuardian: false,
          note: 'Notiz '.repeat(80),
        })),
      });
    try {
      let full: Awaited<ReturnType<typeof api.post>> | null = null;
      let clients = 0;
      let audit = 0;
      for (let n = 1; n <= 20 && full === null; n++) {
        clients = await countRows('clients');
        audit = await countRows('audit_log');
        const res = await api.post('/api/clients', bulky(n));
        if (res.statusCode === 507) full = res;
        else expect(res.statusCode, res.body).toBe(201);
      }
      expect(full?.statusCode).toBe(507);
      if (full) {
        expect(problem(full)).toMatchObject({
          type: 'https://lotse.app/problems/storage-full',
          code: 'storage-full',
          status: 507,
        });
      }
      // nothing of the failed write, no corruption
      expect(await countRows('clients')).toBe(clients);
      expect(await countRows('audit_log')).toBe(audit);
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(t.deps.db);
      expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await sql.raw('pragma max_page_count = 1073741823').execute(t.deps.db);
    }
    const created = await api.post('/api/clients', bulky(99));
    expect(created.statusCode, created.body).toBe(201);
  });
});
