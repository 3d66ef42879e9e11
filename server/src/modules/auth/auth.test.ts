import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  TEST_PASSWORD,
  type TestApp,
} from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const login = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

describe('sign-in', () => {
  it('signs in with the right password, sets an HttpOnly SameSite cookie and returns the profile', async () => {
    const org = await createOrganisation(t.deps);
    const res = await login(org.users.case_manager.username.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'lotse_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.secure).toBeFalsy();
    const body = res.json();
    expect(body.user.roles).toEqual(['case_manager']);
    expect(body.user.organisation.id).toBe(org.organisationId);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // the database stores only the hash of the token
    const stored = await t.deps.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', body.user.id)
      .execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie?.value);
  });

  it('sets the Secure flag when the request came in over TLS through a trusted proxy', async () => {
    const proxied = await createTestApp({ trustProxy: true });
    try {
      const org = await createOrganisation(proxied.deps);
      const res = await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: org.users.dpo.username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((c) => c.name === 'lotse_session')?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('answers a wrong password and an unknown user the same way, without naming which', async () => {
    const org = await createOrganisation(t.deps);
    const wrong = await login(org.users.dpo.username, 'not the password');
    const unknown = await login('nobody-here', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(problem(wrong).code).toBe('invalid-credentials');
    expect(problem(unknown).title).toBe(problem(wrong).title);
    expect(problem(wrong).type).toBe('https://lotse.app/problems/invalid-credentials');
  });

  it('locks the account after five failures, refuses even the right password, and unlocks after the lock time', async () => {
    const org = await createOrganisation(t.deps);
    const name = org.users.planner.username;
    for (let i = 0; i < 4; i++) expect((await login(name, 'wrong password!')).statusCode).toBe(401);
    const fifth = await login(name, 'wrong password!');
    expect(fifth.statusCode).toBe(423);
    expect(problem(fifth).code).toBe('account-locked');
    expect(problem(fifth).retryAfterSeconds).toBe(15 * 60);
    const right = await login(name, TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.headers['retry-after']).toBeDefined();
    t.clock.advanceMinutes(16);
    expect((await login(name, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('throttles many failures from one address with 429, whatever the usernames', async () => {
    const ip = '10.9.9.9';
    const throttled = await createTestApp({
      login: { maxFailures: 5, lockMinutes: 15, ipWindowMinutes: 15, ipMaxFailures: 3 },
    });
    try {
      const org = await createOrganisation(throttled.deps);
      const attempt = (u: string, p: string) =>
        throttled.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: u, password: p },
          remoteAddress: ip,
        });
      for (const u of ['a-x', 'b-x', 'c-x']) expect((await attempt(u, 'whatever-pass')).statusCode).toBe(401);
      const blocked = await attempt(org.users.dpo.username, TEST_PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(problem(blocked).code).toBe('too-many-attempts');
      // another address is not affected
      const other = await throttled.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: org.users.dpo.username, password: TEST_PASSWORD },
        remoteAddress: '10.1.1.1',
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await throttled.close();
    }
  });

  it('refuses a deactivated user like an unknown one', async () => {
    const org = await createOrganisation(t.deps);
    const admin = await signIn(t.app, org.users.org_admin.username);
    const user = (await as(t.app, admin).get(`/api/users/${org.users.planner.id}`)).json();
    const res = await as(t.app, admin).patch(`/api/users/${org.users.planner.id}`, {
      version: user.version,
      active: false,
    });
    expect(res.statusCode).toBe(200);
    expect((await login(org.users.planner.username, TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('rejects malformed JSON, unknown fields, over-long fields and missing fields with field pointers', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "x", ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(problem(malformed).code).toBe('invalid-json');

    const unknownField = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x', password: 'y', admin: true },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(problem(unknownField).errors).toContainEqual(
      expect.objectContaining({ pointer: '/admin', code: 'additionalProperties' }),
    );

    const tooLong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'x'.repeat(65), password: 'y' },
    });
    expect(problem(tooLong).errors).toContainEqual(
      expect.objectContaining({ pointer: '/username', code: 'maxLength' }),
    );

    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { username: 'x' },
    });
    const p = problem(missing);
    expect(p.errors).toContainEqual(
      expect.objectContaining({ pointer: '/password', code: 'required', message: 'Required.' }),
    );
    expect(p.title).toBe('The input is not valid.');

    const form = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=x&password=y',
    });
    expect(form.statusCode).toBe(415);
  });
});

describe('sessions', () => {
  it('answers 401 without a session and with an unknown token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie: 'lotse_session=forged' },
    });
    expect(forged.statusCode).toBe(401);
    expect(problem(forged).code).toBe('not-authenticated');
  });

  it('ends a session after the idle timeout and says so', async () => {
    const org = await createOrganisation(t.deps);
    const s = await signIn(t.app, org.users.dpo.username);
    t.clock.advanceMinutes(20);
    expect((await as(t.app, s).get('/api/auth/session')).statusCode).toBe(200);
    t.clock.advanceMinutes(20); // 20 minutes after the last activity: still inside the 30-minute window
    expect((await as(t.app, s).get('/api/auth/session')).statusCode).toBe(200);
    t.clock.advanceMinutes(31);
    const expired = await as(t.app, s).get('/api/audit');
    expect(expired.statusCode).toBe(401);
    expect(problem(expired).detail).toBe('session-expired');
  });

  it('ends a session at the absolute timeout even when it is used all the time', async () => {
    const org = await createOrganisation(t.deps);
    const s = await signIn(t.app, org.users.dpo.username);
    for (let i = 0; i < 12 * 4; i++) {
      t.clock.advanceMinutes(15);
      const res = await as(t.app, s).get('/api/auth/session');
      if (i < 12 * 4 - 1) expect(res.statusCode).toBe(200);
      else expect(res.statusCode).toBe(401);
    }
  });

  it('requires the CSRF token for every state-changing request', async () => {
    const org = await createOrganisation(t.deps);
    const s = await signIn(t.app, org.users.org_admin.username);
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: { cookie: s.cookie },
      payload: { name: 'Ohne Token' },
    });
    expect(without.statusCode).toBe(403);
    expect(problem(without).code).toBe('csrf');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) },
      payload: { name: 'Falsches Token' },
    });
    expect(wrong.statusCode).toBe(403);
    const units = await as(t.app, s).get('/api/org-units');
    expect(units.json().items.map((u: { name: string }) => u.name)).not.toContain('Ohne Token');
  });

  it('signs out on the server: the old cookie no longer works', async () => {
    const org = await createOrganisation(t.deps);
    const s = await signIn(t.app, org.users.team_lead.username);
    expect((await as(t.app, s).post('/api/auth/logout')).statusCode).toBe(204);
    expect((await as(t.app, s).get('/api/auth/session')).statusCode).toBe(401);
  });

  it('issues a new session at sign-in (no fixation) and ends the previous one of the browser', async () => {
    const org = await createOrganisation(t.deps);
    const first = await signIn(t.app, org.users.team_lead.username);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first.cookie },
      payload: { username: org.users.team_lead.username, password: TEST_PASSWORD },
    });
    const second = res.cookies.find((c) => c.name === 'lotse_session');
    expect(`lotse_session=${second?.value}`).not.toBe(first.cookie);
    expect((await as(t.app, first).get('/api/auth/session')).statusCode).toBe(401);
  });
});

describe('own account', () => {
  it('changes the own password: the current one is checked, other sessions end, the new one works', async () => {
    const org = await createOrganisation(t.deps);
    const name = org.users.case_manager.username;
    const here = await signIn(t.app, name);
    const elsewhere = await signIn(t.app, name);
    const wrongCurrent = await as(t.app, here).post('/api/auth/password', {
      currentPassword: 'nope nope nope',
      newPassword: 'ein neues Passwort',
    });
    expect(problem(wrongCurrent).errors).toContainEqual(
      expect.objectContaining({ pointer: '/currentPassword' }),
    );
    const weak = await as(t.app, here).post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'kurz',
    });
    expect(problem(weak).errors).toContainEqual(
      expect.objectContaining({ pointer: '/newPassword', code: 'password-too-weak' }),
    );
    const ok = await as(t.app, here).post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'ein neues Passwort',
    });
    expect(ok.statusCode).toBe(204);
    expect((await as(t.app, here).get('/api/auth/session')).statusCode).toBe(200);
    expect((await as(t.app, elsewhere).get('/api/auth/session')).statusCode).toBe(401);
    expect((await login(name, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(name, 'ein neues Passwort')).statusCode).toBe(200);
  });

  it('stores the UI language', async () => {
    const org = await createOrganisation(t.deps);
    const s = await signIn(t.app, org.users.case_manager.username);
    const res = await as(t.app, s).patch('/api/auth/preferences', { locale: 'en' });
    expect(res.json().locale).toBe('en');
    expect((await as(t.app, s).get('/api/auth/session')).json().user.locale).toBe('en');
    expect((await as(t.app, s).patch('/api/auth/preferences', { locale: 'fr' })).statusCode).toBe(400);
  });
});
