import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { SESSION_COOKIE } from '../../core/http.js';
import type { DB } from '../../db/types.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('ping (the benchmark floor)', () => {
  it('answers a fixed small JSON body without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/ping' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toBe('{"pong":true}');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('does not touch the database: it answers while the database is unreachable', async () => {
    // Nothing listens on port 1: every query fails to connect.
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', max: 1 });
    const unreachable = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const app = await buildApp({ ...t.deps, db: unreachable, dialect: 'postgresql' });
    try {
      const ping = await app.inject({ method: 'GET', url: '/api/ping' });
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(ping.statusCode).toBe(200);
      expect(ping.json()).toEqual({ pong: true });
      expect(health.statusCode).toBe(503);
      // a session cookie sent along is not looked up: the same answers
      const cookie = `${SESSION_COOKIE}=a-session-the-database-would-know`;
      const pingWithCookie = await app.inject({ method: 'GET', url: '/api/ping', headers: { cookie } });
      const healthWithCookie = await app.inject({ method: 'GET', url: '/api/health', headers: { cookie } });
      expect(pingWithCookie.statusCode).toBe(200);
      expect(healthWithCookie.statusCode).toBe(503);
      expect(healthWithCookie.json<{ code: string; detail: string }>()).toMatchObject({
        code: 'service-unavailable',
        detail: 'database',
      });
    } finally {
      await app.close();
      await unreachable.destroy();
    }
  });

  it('is listed in the OpenAPI document as public', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { get: { security?: unknown[] } }>;
    }>();
    expect(doc.paths['/api/ping']?.get.security).toEqual([]);
  });
});
