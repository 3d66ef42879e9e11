import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import type { Database } from '../db/database.js';
import {
  as,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  TEST_PASSWORD,
  type TestApp,
} from '../test/harness.js';
import { APP_CSP } from './security-headers.js';

/** Issue 10, "Security": headers, cookies, sessions, password policy, size limits, sign-in throttling. */

let t: TestApp;
let webDist: string;
beforeAll(async () => {
  // A stand-in for the built web app, so page responses can be checked without building it.
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-web-'));
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Lotse</title>');
  t = await createTestApp({ webDist });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

function directives(csp: unknown): Map<string, string> {
  return new Map(
    String(csp)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name ?? '', values.join(' ')]),
  );
}

describe('security headers', () => {
  it('gives the web app a strict Content-Security-Policy without inline or eval scripts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/cases/123' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(APP_CSP);
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'self'");
    expect(String(res.headers['content-security-policy'])).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['permissions-policy']).toContain('camera=()');
    expect(res.headers['permissions-policy']).toContain('geolocation=()');
    expect(res.headers['permissions-policy']).toContain('microphone=()');
  });

  it('lets API answers load nothing and keeps them out of caches', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(res.statusCode).toBe(401);
    expect(directives(res.headers['content-security-policy']).get('default-src')).toBe("'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('gives the API documentation its own policy: inline styles, but still only its own scripts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/static/index.html' });
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });

  it('sends HSTS only when the browser came over TLS', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // Without a trusted proxy, anyone could send X-Forwarded-Proto: it is ignored.
    const spoofed = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();

    const proxied = await createTestApp({ trustProxy: true });
    const secure = await createTestApp({ cookieSecure: 'always' });
    try {
      const viaProxy = await proxied.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000');
      const configured = await secure.app.inject({ method: 'GET', url: '/api/health' });
      expect(configured.headers['strict-transport-security']).toBe('max-age=31536000');
    } finally {
      await proxied.close();
      await secure.close();
    }
  }, 120_000);
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, for the whole site, and Secure when configured', async () => {
    const org = await createOrganisation(t.deps);
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: org.users.case_manager.username, password: TEST_PASSWORD },
    });
    const cookie = plain.cookies.find((c) => c.name === 'lotse_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    // The token is long and random, never the stored id.
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const secure = await createTestApp({ cookieSecure: 'always' });
    try {
      const secureOrg = await createOrganisation(secure.deps);
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: secureOrg.users.case_manager.username, password: TEST_PASSWORD },
      });
      expect(res.cookies.find((c) => c.name === 'lotse_session')).toMatchObject({
        httpOnly: true,
        secure: true,
        sameSite: 'Lax',
      });
    } finally {
      await secure.close();
    }
  }, 120_000);

  it('never adopts a session id the browser brought along (no fixation)', async () => {
    const org = await createOrganisation(t.deps);
    const planted = 'A'.repeat(43);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: `lotse_session=${planted}` },
      payload: { username: org.users.team_lead.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const issued = res.cookies.find((c) => c.name === 'lotse_session')?.value;
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    const withPlanted = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: `lotse_session=${planted}` },
    });
    expect(withPlanted.statusCode).toBe(401);
  });

  it('issues a new id at every sign-in, even for the same user in the same browser', async () => {
    const org = await createOrganisation(t.deps);
    const first = await signIn(t.app, org.users.planner.username);
    const second = await signIn(t.app, org.users.planner.username);
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.csrfToken).not.toBe(first.csrfToken);
  });
});

describe('sign-out and password change end sessions on the server', () => {
  let otherDb: Database;
  let other: FastifyInstance;
  beforeAll(async () => {
    otherDb = t.testDb.openAnother();
    other = await buildApp({ ...t.deps, db: otherDb.db });
    await other.ready();
  });
  afterAll(async () => {
    await other.close();
    await otherDb.destroy();
  });

  it('refuses the old cookie after sign-out, also on another app instance', async () => {
    const org = await createOrganisation(t.deps);
    const s = await signIn(t.app, org.users.dpo.username);
    expect((await as(other, s).get('/api/auth/session')).statusCode).toBe(200);
    expect((await as(t.app, s).post('/api/auth/logout')).statusCode).toBe(204);
    const after = await as(other, s).get('/api/auth/session');
    expect(after.statusCode).toBe(401);
    expect(problem(after).code).toBe('not-authenticated');
    const stored = await t.deps.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', s.userId)
      .execute();
    expect(stored).toEqual([]);
  });

  it('ends every other session of the user at a password change, keeping the current one', async () => {
    const org = await createOrganisation(t.deps);
    const name = org.users.case_manager.username;
    const here = await signIn(t.app, name);
    const laptop = await signIn(other, name);
    const phone = await signIn(t.app, name);
    const changed = await as(t.app, here).post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Drei Wörter reichen lang',
    });
    expect(changed.statusCode).toBe(204);
    expect((await as(other, here).get('/api/auth/session')).statusCode).toBe(200);
    expect((await as(t.app, laptop).get('/api/auth/session')).statusCode).toBe(401);
    expect((await as(other, phone).get('/api/auth/session')).statusCode).toBe(401);
  });
});

describe('session timeout (WCAG 2.2.1)', () => {
  it('tells how long is left without extending it, and extends it on request', async () => {
    const idleSeconds = t.deps.config.session.idleMinutes * 60;
    const org = await createOrganisation(t.deps);
    const s = await signIn(t.app, org.users.case_manager.username);
    t.clock.advanceMinutes(10);
    const asked = await as(t.app, s).get('/api/auth/session/expiry');
    expect(asked.json()).toEqual({ expiresInSeconds: idleSeconds - 600 });
    expect(asked.headers['x-session-expires-in']).toBe(String(idleSeconds - 600));
    t.clock.advanceMinutes(5);
    // Asking did not count as activity: still measured from the sign-in.
    expect((await as(t.app, s).get('/api/auth/session/expiry')).json()).toEqual({
      expiresInSeconds: idleSeconds - 900,
    });
    const extended = await as(t.app, s).post('/api/auth/session/extend');
    expect(extended.statusCode).toBe(200);
    expect(extended.json()).toEqual({ expiresInSeconds: idleSeconds });
    expect(extended.headers['x-session-expires-in']).toBe(String(idleSeconds));
    t.clock.advanceMinutes(t.deps.config.session.idleMinutes - 1);
    expect((await as(t.app, s).get('/api/auth/session/expiry')).json()).toEqual({ expiresInSeconds: 60 });
    t.clock.advanceMinutes(1);
    const expired = await as(t.app, s).get('/api/auth/session/expiry');
    expect(expired.statusCode).toBe(401);
    expect(problem(expired).detail).toBe('session-expired');
  });

  it('needs the CSRF token to extend, like every change', async () => {
    const org = await createOrganisation(t.deps);
    const s = await signIn(t.app, org.users.case_manager.username);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/session/extend',
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('password policy wherever a password is set', () => {
  it('refuses short, breached and username passwords at the own change, naming the field', async () => {
    const org = await createOrganisation(t.deps);
    const name = org.users.team_lead.username;
    const s = await signIn(t.app, name);
    const cases: [string, string][] = [
      ['elf Zeichen', 'password-too-weak'],
      ['ichliebedich', 'password-breached'],
      ['QWERTYUIOPASDFGH', 'password-breached'],
      [name.toUpperCase(), 'password-equals-username'],
      ['x'.repeat(129), 'password-too-long'],
    ];
    for (const [newPassword, code] of cases) {
      const res = await as(t.app, s).post('/api/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword,
      });
      expect(res.statusCode).toBe(400);
      const body = problem(res);
      expect(body.errors).toEqual([expect.objectContaining({ pointer: '/newPassword', code })]);
      // Never echoed back.
      expect(res.body).not.toContain(newPassword);
    }
    // The old password still works: nothing was changed.
    expect((await signIn(t.app, name)).userId).toBe(s.userId);
  });

  it('refuses a breached initial password when an admin creates a user or resets one', async () => {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const created = await admin.post('/api/users', {
      username: 'neue.kollegin',
      displayName: 'Neue Kollegin',
      initialPassword: 'Passwort12345',
      roles: ['case_manager'],
      orgUnitIds: [org.orgUnitIds[0]],
    });
    expect(created.statusCode).toBe(400);
    expect(problem(created).errors).toEqual([
      expect.objectContaining({ pointer: '/initialPassword', code: 'password-breached' }),
    ]);
    const reset = await admin.post(`/api/users/${org.users.planner.id}/password`, {
      newPassword: org.users.planner.username,
    });
    expect(reset.statusCode).toBe(400);
    expect(problem(reset).errors).toEqual([
      expect.objectContaining({ pointer: '/newPassword', code: 'password-equals-username' }),
    ]);
  });
});

describe('request size limits', () => {
  it('answers a body over 1 MiB with 413 problem JSON', async () => {
    const org = await createOrganisation(t.deps);
    const s = await signIn(t.app, org.users.case_manager.username);
    const res = await as(t.app, s).post('/api/clients', { familyName: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.statusCode).toBe(413);
    expect(problem(res).type).toBe('https://lotse.app/problems/payload-too-large');
  });

  it('keeps sign-in requests small (16 KiB)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'someone', password: 'p'.repeat(20 * 1024) },
    });
    expect(res.statusCode).toBe(413);
    expect(problem(res).code).toBe('payload-too-large');
  });
});

describe('sign-in throttling shared by two app instances', () => {
  let limited: TestApp;
  let otherDb: Database;
  let other: FastifyInstance;
  beforeAll(async () => {
    limited = await createTestApp({
      login: { maxFailures: 3, lockMinutes: 15, ipWindowMinutes: 15, ipMaxFailures: 4 },
    });
    otherDb = limited.testDb.openAnother();
    other = await buildApp({ ...limited.deps, db: otherDb.db });
    await other.ready();
  });
  afterAll(async () => {
    await other.close();
    await otherDb.destroy();
    await limited.close();
  });

  const attempt = (app: FastifyInstance, username: string, password: string, ip: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { username, password },
    });

  it('locks an account after failures spread over both instances, with Retry-After', async () => {
    const org = await createOrganisation(limited.deps);
    const name = org.users.case_manager.username;
    expect((await attempt(limited.app, name, 'falsch falsch falsch', '192.0.2.1')).statusCode).toBe(401);
    expect((await attempt(other, name, 'falsch falsch falsch', '192.0.2.2')).statusCode).toBe(401);
    const third = await attempt(limited.app, name, 'falsch falsch falsch', '192.0.2.3');
    expect(third.statusCode).toBe(423);
    const locked = await attempt(other, name, TEST_PASSWORD, '192.0.2.4');
    expect(locked.statusCode).toBe(423);
    expect(problem(locked).code).toBe('account-locked');
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
    limited.clock.advanceMinutes(15);
    expect((await attempt(other, name, TEST_PASSWORD, '192.0.2.4')).statusCode).toBe(200);
  });

  it('locks again for twice as long each time on the same day (back-off)', async () => {
    // Locks are counted per UTC day: start at 01:00 so the test never crosses midnight.
    const now = limited.clock.now();
    const minutesPastMidnight = now.getUTCHours() * 60 + now.getUTCMinutes();
    limited.clock.advanceMinutes(((24 * 60 + 60 - minutesPastMidnight) % (24 * 60)) + 1);
    const org = await createOrganisation(limited.deps);
    const name = org.users.team_lead.username;
    // A new address each round, so only the account lock answers (not the per-address limit).
    const lockFor = async (ip: string) => {
      for (let i = 0; i < 2; i += 1) await attempt(limited.app, name, 'falsch falsch falsch', ip);
      const locked = await attempt(other, name, 'falsch falsch falsch', ip);
      expect(locked.statusCode).toBe(423);
      return Number(locked.headers['retry-after']) / 60;
    };
    expect(await lockFor('192.0.2.10')).toBe(15);
    limited.clock.advanceMinutes(15);
    expect(await lockFor('192.0.2.11')).toBe(30);
    limited.clock.advanceMinutes(30);
    expect(await lockFor('192.0.2.12')).toBe(60);
    limited.clock.advanceMinutes(60);
    expect((await attempt(limited.app, name, TEST_PASSWORD, '192.0.2.13')).statusCode).toBe(200);
  });

  it('throttles one address after failures on both instances, whatever the usernames; others go on', async () => {
    const org = await createOrganisation(limited.deps);
    const ip = '198.51.100.7';
    for (const [i, app] of [limited.app, other, limited.app, other].entries()) {
      expect((await attempt(app, `niemand-${i}`, 'falsch falsch falsch', ip)).statusCode).toBe(401);
    }
    const refused = await attempt(limited.app, org.users.dpo.username, TEST_PASSWORD, ip);
    expect(refused.statusCode).toBe(429);
    expect(problem(refused).code).toBe('too-many-attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect((await attempt(other, org.users.dpo.username, TEST_PASSWORD, '198.51.100.8')).statusCode).toBe(
      200,
    );
  });

  it('counts only failures: many successful sign-ins from one address are never throttled', async () => {
    const org = await createOrganisation(limited.deps);
    for (let i = 0; i < 8; i += 1) {
      const app = i % 2 === 0 ? limited.app : other;
      expect((await attempt(app, org.users.planner.username, TEST_PASSWORD, '203.0.113.50')).statusCode).toBe(
        200,
      );
    }
  });
});
