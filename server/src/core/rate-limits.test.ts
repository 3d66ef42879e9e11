import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import type { Database } from '../db/database.js';
import { as, createOrganisation, createTestApp, problem, signIn, type TestApp } from '../test/harness.js';
import { countRequest, currentCount, purgeRateLimits, type RateLimitRule } from './rate-limits.js';

const rule: RateLimitRule = { name: 'test', limit: 3, windowSeconds: 60 };

describe('rate-limit counters in the database', () => {
  let t: TestApp;
  let other: Database;
  beforeAll(async () => {
    t = await createTestApp();
    other = t.testDb.openAnother();
  });
  afterAll(async () => {
    await other.destroy();
    await t.close();
  });

  it('counts per subject and window, across two connections to one database', async () => {
    const at = new Date('2026-03-02T10:00:05Z');
    const hits = [
      await countRequest(t.deps.db, rule, 'user-a', at),
      await countRequest(other.db, rule, 'user-a', at),
      await countRequest(t.deps.db, rule, 'user-a', at),
      await countRequest(other.db, rule, 'user-a', at),
    ];
    expect(hits.map((h) => [h.hits, h.allowed])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, false],
    ]);
    // The window ends at 10:01:00.
    expect(hits[3]?.retryAfterSeconds).toBe(55);
    expect((await countRequest(other.db, rule, 'user-b', at)).hits).toBe(1);
    expect((await currentCount(t.deps.db, rule, 'user-a', new Date('2026-03-02T10:01:00Z'))).hits).toBe(0);
  });

  it('stores the subject only hashed and purges windows that are over', async () => {
    const at = new Date('2026-03-02T11:00:00Z');
    await countRequest(t.deps.db, rule, '203.0.113.9', at);
    const rows = await t.deps.db.selectFrom('rate_limits').select('bucket').execute();
    expect(rows.some((r) => r.bucket.includes('203.0.113.9'))).toBe(false);
    await purgeRateLimits(t.deps.db, new Date('2026-03-02T11:01:00Z'));
    expect((await currentCount(t.deps.db, rule, '203.0.113.9', at)).hits).toBe(0);
  });

  it('counts concurrent requests without losing one', async () => {
    const at = new Date('2026-03-02T12:00:00Z');
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        countRequest(i % 2 === 0 ? t.deps.db : other.db, rule, 'busy', at),
      ),
    );
    expect((await currentCount(t.deps.db, rule, 'busy', at)).hits).toBe(10);
  });
});

describe('rate limit on expensive reports', () => {
  let t: TestApp;
  let secondDb: Database;
  let second: FastifyInstance;
  beforeAll(async () => {
    t = await createTestApp({ rateLimits: { reportsPerMinute: 3 } });
    secondDb = t.testDb.openAnother();
    second = await buildApp({ ...t.deps, db: secondDb.db });
    await second.ready();
  });
  afterAll(async () => {
    await second.close();
    await secondDb.destroy();
    await t.close();
  });

  it('refuses the fourth report of a minute with 429 and Retry-After, even spread over two instances', async () => {
    const org = await createOrganisation(t.deps);
    const planner = await signIn(t.app, org.users.planner.username);
    const lead = await signIn(t.app, org.users.team_lead.username);
    const statuses = [
      (await as(t.app, planner).get('/api/planning/gaps')).statusCode,
      (await as(second, planner).get('/api/planning/gaps/export?format=csv')).statusCode,
      (await as(t.app, planner).get('/api/statistics/reports/annual?from=2025-01-01&to=2025-12-31'))
        .statusCode,
    ];
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await as(second, planner).get('/api/planning/gaps');
    expect(refused.statusCode).toBe(429);
    const body = problem(refused);
    expect(body.type).toBe('https://lotse.app/problems/rate-limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(body.retryAfterSeconds).toBe(Number(refused.headers['retry-after']));

    // Another user has an allowance of their own; ordinary pages stay open for the refused one.
    expect(
      (await as(t.app, lead).get('/api/statistics/reports/annual?from=2025-01-01&to=2025-12-31')).statusCode,
    ).toBe(200);
    expect((await as(t.app, planner).get('/api/auth/session')).statusCode).toBe(200);

    // The next minute opens a new window.
    t.clock.advanceMinutes(1);
    expect((await as(t.app, planner).get('/api/planning/gaps')).statusCode).toBe(200);
  });

  it('does not count requests without a session (they get 401 before any report work)', async () => {
    const before = await t.deps.db.selectFrom('rate_limits').select(['bucket', 'hits']).execute();
    const res = await t.app.inject({ method: 'GET', url: '/api/planning/gaps' });
    expect(res.statusCode).toBe(401);
    expect(await t.deps.db.selectFrom('rate_limits').select(['bucket', 'hits']).execute()).toEqual(before);
  });
});
