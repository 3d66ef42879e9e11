import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addUser,
  as,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  TEST_PASSWORD,
  type Response,
  type Session,
  type TestApp,
} from '../../test/harness.js';
import { buildApp } from '../../app.js';
import { totpCode } from './domain.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const PENDING = 'lotse_pending_login';

function cookieOf(res: Response, name: string): string | null {
  const cookie = res.cookies.find((c) => c.name === name);
  return cookie && cookie.value !== '' ? `${name}=${cookie.value}` : null;
}

const login = (username: string, password = TEST_PASSWORD, ip = '10.1.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

const secondStep = (pending: string, payload: Record<string, string>, ip = '10.1.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login/second-factor',
    headers: { cookie: pending },
    payload,
    remoteAddress: ip,
  });

/** Password step: answers the pending-login cookie of a user with a second factor. */
async function passwordStep(username: string, expected: 'verify' | 'enrol' = 'verify'): Promise<string> {
  const res = await login(username);
  expect(res.statusCode).toBe(202);
  expect(res.json()).toEqual({ secondFactor: expected });
  expect(cookieOf(res, 'lotse_session')).toBeNull();
  const pending = cookieOf(res, PENDING);
  if (!pending) throw new Error('no pending-login cookie');
  return pending;
}

function sessionOf(res: Response): Session {
  const cookie = cookieOf(res, 'lotse_session');
  if (!cookie) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  const body = res.json<{ csrfToken: string; user: { id: string } }>();
  return { cookie, csrfToken: body.csrfToken, userId: body.user.id };
}

/** Sets up the app for a signed-in user; answers the secret and the recovery codes. */
async function enrol(session: Session): Promise<{ secret: string; recoveryCodes: string[] }> {
  const api = as(t.app, session);
  const started = await api.post('/api/auth/second-factor');
  expect(started.statusCode).toBe(200);
  const { secret } = started.json<{ secret: string }>();
  const confirmed = await api.post('/api/auth/second-factor/confirm', {
    code: totpCode(secret, t.clock.now()),
  });
  expect(confirmed.statusCode).toBe(200);
  return { secret, recoveryCodes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

/** The next 30-second step, so a fresh code is not a replay of the one just used. */
const nextStep = () => t.clock.advanceMinutes(0.5);

async function auditActions(userId: string): Promise<{ action: string; details: string }[]> {
  return t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'details'])
    .where('entity_id', '=', userId)
    .orderBy('seq')
    .execute();
}

describe('setting up the second factor', () => {
  it('shows the secret once, confirms with a code, answers ten recovery codes and stores nothing in the clear', async () => {
    const org = await createOrganisation(t.deps);
    const session = await signIn(t.app, org.users.case_manager.username);
    const api = as(t.app, session);
    expect((await api.get('/api/auth/second-factor')).json()).toEqual({
      status: 'none',
      confirmedAt: null,
      recoveryCodesLeft: 0,
      requiredByOrganisation: false,
    });

    const started = await api.post('/api/auth/second-factor');
    const { otpauthUri, secret } = started.json<{ otpauthUri: string; secret: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toBe(
      `otpauth://totp/Lotse:${org.users.case_manager.username}?issuer=Lotse&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect((await api.get('/api/auth/second-factor')).json()).toMatchObject({ status: 'pending' });

    const wrong = await api.post('/api/auth/second-factor/confirm', {
      code: '000000' === totpCode(secret, t.clock.now()) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(problem(wrong).errors?.map((e) => [e.pointer, e.code])).toEqual([['/code', 'wrong-code']]);

    const confirmed = await api.post('/api/auth/second-factor/confirm', {
      code: totpCode(secret, t.clock.now()),
    });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await api.get('/api/auth/second-factor')).json()).toEqual({
      status: 'confirmed',
      confirmedAt: t.clock.now().toISOString(),
      recoveryCodesLeft: 10,
      requiredByOrganisation: false,
    });
    // A second set-up while one is active is refused.
    expect(problem(await api.post('/api/auth/second-factor')).code).toBe('second-factor-active');

    const stored = await t.deps.db
      .selectFrom('user_second_factors')
      .select('secret')
      .where('user_id', '=', session.userId)
      .executeTakeFirstOrThrow();
    expect(stored.secret.startsWith('enc:v1:')).toBe(true);
    expect(stored.secret).not.toContain(secret);
    const hashes = await t.deps.db
      .selectFrom('recovery_codes')
      .select('code_hash')
      .where('user_id', '=', session.userId)
      .execute();
    expect(hashes).toHaveLength(10);
    const everything = JSON.stringify([hashes, await auditActions(session.userId)]);
    for (const code of recoveryCodes) expect(everything).not.toContain(code);
    expect(everything).not.toContain(secret);
    expect((await auditActions(session.userId)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['second_factor.enrolment_started', 'second_factor.confirmed']),
    );
  });
});

describe('signing in with a second factor', () => {
  it('needs the code after the password; the waiting sign-in is no session', async () => {
    const org = await createOrganisation(t.deps);
    const user = org.users.team_lead;
    const { secret } = await enrol(await signIn(t.app, user.username));
    nextStep();

    const pending = await passwordStep(user.username);
    const asPending = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: pending },
    });
    expect(asPending.statusCode).toBe(401);

    const wrong = await secondStep(pending, { code: '12345x' });
    expect(wrong.statusCode).toBe(401);
    expect(problem(wrong).code).toBe('second-factor-invalid');
    expect(problem(wrong).errors?.map((e) => e.pointer)).toEqual(['/code']);

    const right = await secondStep(pending, { code: totpCode(secret, t.clock.now()) });
    expect(right.statusCode).toBe(200);
    expect(right.json<{ user: { id: string } }>().user.id).toBe(user.id);
    const session = sessionOf(right);
    expect((await as(t.app, session).get('/api/auth/session')).statusCode).toBe(200);
    // The waiting sign-in is used up.
    expect(problem(await secondStep(pending, { code: totpCode(secret, t.clock.now()) })).code).toBe(
      'second-factor-login-expired',
    );
    const actions = (await auditActions(user.id)).map((a) => a.action);
    expect(actions.slice(-3)).toEqual([
      'auth.second_factor_needed',
      'auth.second_factor_failed',
      'auth.login',
    ]);
  });

  it('accepts a code once: the same code (or an older one) in a later sign-in is refused', async () => {
    const org = await createOrganisation(t.deps);
    const user = org.users.planner;
    const { secret } = await enrol(await signIn(t.app, user.username));
    nextStep();
    const code = totpCode(secret, t.clock.now());
    expect((await secondStep(await passwordStep(user.username), { code })).statusCode).toBe(200);

    const again = await secondStep(await passwordStep(user.username), { code });
    expect(again.statusCode).toBe(401);
    expect(problem(again).code).toBe('second-factor-invalid');
    const older = await secondStep(await passwordStep(user.username), {
      code: totpCode(secret, new Date(t.clock.now().getTime() - 30_000)),
    });
    expect(problem(older).code).toBe('second-factor-invalid');

    nextStep();
    const fresh = await secondStep(await passwordStep(user.username), {
      code: totpCode(secret, t.clock.now()),
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('accepts the codes of one step before and after (clock drift), not further off', async () => {
    const org = await createOrganisation(t.deps);
    const user = org.users.dpo;
    const { secret } = await enrol(await signIn(t.app, user.username));
    const at = (seconds: number) => totpCode(secret, new Date(t.clock.now().getTime() + seconds * 1000));

    t.clock.advanceMinutes(5);
    const farBehind = await secondStep(await passwordStep(user.username), { code: at(-90) });
    expect(problem(farBehind).code).toBe('second-factor-invalid');
    const farAhead = await secondStep(await passwordStep(user.username), { code: at(90) });
    expect(problem(farAhead).code).toBe('second-factor-invalid');
    expect((await secondStep(await passwordStep(user.username), { code: at(-30) })).statusCode).toBe(200);

    t.clock.advanceMinutes(5);
    expect((await secondStep(await passwordStep(user.username), { code: at(30) })).statusCode).toBe(200);
  });

  it('takes each recovery code once', async () => {
    const org = await createOrganisation(t.deps);
    const user = await addUser(t.deps, org, ['case_manager']);
    const { recoveryCodes } = await enrol(await signIn(t.app, user.username));
    const [first, second] = recoveryCodes;
    if (!first || !second) throw new Error('no recovery codes');

    // Typed in lower case and without dashes from the printout.
    const used = await secondStep(await passwordStep(user.username), {
      recoveryCode: first.toLowerCase().replace(/-/g, ' '),
    });
    expect(used.statusCode).toBe(200);
    const again = await secondStep(await passwordStep(user.username), { recoveryCode: first });
    expect(again.statusCode).toBe(401);
    expect(problem(again).errors?.map((e) => e.pointer)).toEqual(['/recoveryCode']);
    expect((await secondStep(await passwordStep(user.username), { recoveryCode: second })).statusCode).toBe(
      200,
    );

    const view = await as(t.app, sessionOf(used)).get('/api/auth/second-factor');
    expect(view.json()).toMatchObject({ status: 'confirmed', recoveryCodesLeft: 8 });
  });

  it('locks the account after repeated wrong codes and ends the waiting sign-in', async () => {
    const org = await createOrganisation(t.deps);
    const user = await addUser(t.deps, org, ['case_manager']);
    const { secret } = await enrol(await signIn(t.app, user.username));
    nextStep();
    const pending = await passwordStep(user.username);
    const wrong = totpCode(secret, new Date(t.clock.now().getTime() - 600_000));
    for (let i = 0; i < 4; i++)
      expect(problem(await secondStep(pending, { code: wrong })).code).toBe('second-factor-invalid');
    const fifth = await secondStep(pending, { code: wrong });
    expect(fifth.statusCode).toBe(423);
    expect(problem(fifth).code).toBe('account-locked');
    // The right code does not help now, and the password does not reset the count either.
    expect(problem(await secondStep(pending, { code: totpCode(secret, t.clock.now()) })).code).toBe(
      'second-factor-login-expired',
    );
    expect((await login(user.username)).statusCode).toBe(423);
  });

  it('does not let a right password reset the count of wrong codes', async () => {
    const org = await createOrganisation(t.deps);
    const user = await addUser(t.deps, org, ['case_manager']);
    const { secret } = await enrol(await signIn(t.app, user.username));
    const wrong = totpCode(secret, new Date(t.clock.now().getTime() - 600_000));
    for (let i = 0; i < 4; i++) await secondStep(await passwordStep(user.username), { code: wrong });
    expect((await secondStep(await passwordStep(user.username), { code: wrong })).statusCode).toBe(423);
  });

  it('takes a code sent twice at once to two app instances only once', async () => {
    const second = t.testDb.openAnother();
    const other = await buildApp({ ...t.deps, db: second.db });
    await other.ready();
    try {
      const org = await createOrganisation(t.deps);
      const user = await addUser(t.deps, org, ['case_manager']);
      const { secret } = await enrol(await signIn(t.app, user.username));
      nextStep();
      const pending = await passwordStep(user.username);
      const code = totpCode(secret, t.clock.now());
      const send = (app: typeof t.app) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login/second-factor',
          headers: { cookie: pending },
          payload: { code },
          remoteAddress: '10.1.0.2',
        });
      const answers = await Promise.all([send(t.app), send(other)]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 401]);
      const sessions = await t.deps.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', user.id)
        .execute();
      // the session of the set-up and the one sign-in
      expect(sessions).toHaveLength(2);
    } finally {
      await other.close();
      await second.destroy();
    }
  });

  it('lets the waiting sign-in expire after five minutes', async () => {
    const org = await createOrganisation(t.deps);
    const user = await addUser(t.deps, org, ['case_manager']);
    const { secret } = await enrol(await signIn(t.app, user.username));
    const pending = await passwordStep(user.username);
    t.clock.advanceMinutes(6);
    const late = await secondStep(pending, { code: totpCode(secret, t.clock.now()) });
    expect(late.statusCode).toBe(401);
    expect(problem(late).code).toBe('second-factor-login-expired');
  });

  it('refuses the second step without a waiting sign-in', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: { code: '123456' },
    });
    expect(problem(res).code).toBe('second-factor-login-expired');
  });
});

describe('switching off and new recovery codes', () => {
  it('needs the password or a current code; afterwards the password alone signs in', async () => {
    const org = await createOrganisation(t.deps);
    const user = await addUser(t.deps, org, ['case_manager']);
    const session = await signIn(t.app, user.username);
    const { secret, recoveryCodes } = await enrol(session);
    const api = as(t.app, session);
    nextStep();

    const renewed = await api.post('/api/auth/second-factor/recovery-codes', {
      code: totpCode(secret, t.clock.now()),
    });
    expect(renewed.statusCode).toBe(200);
    const fresh = renewed.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);
    const old = await secondStep(await passwordStep(user.username), { recoveryCode: recoveryCodes[0] ?? '' });
    expect(problem(old).code).toBe('second-factor-invalid');

    const bare = await api.post('/api/auth/second-factor/disable', {});
    expect(problem(bare).errors?.map((e) => [e.pointer, e.code])).toEqual([
      ['/password', 'password-or-code'],
    ]);
    const wrong = await api.post('/api/auth/second-factor/disable', { password: 'not the password' });
    expect(problem(wrong).errors?.map((e) => [e.pointer, e.code])).toEqual([['/password', 'wrong-password']]);
    expect((await api.post('/api/auth/second-factor/disable', { password: TEST_PASSWORD })).statusCode).toBe(
      204,
    );

    expect((await login(user.username)).statusCode).toBe(200);
    expect((await auditActions(user.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['second_factor.recovery_codes_renewed', 'second_factor.disabled']),
    );
  });
});

describe('enforcement by the organisation', () => {
  it('needs the admin to use a second factor before switching it on', async () => {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const { version } = (await admin.get('/api/organisation')).json<{ version: number }>();
    const refused = await admin.patch('/api/organisation', { version, secondFactorRequired: true });
    expect(refused.statusCode).toBe(409);
    expect(problem(refused).errors?.map((e) => [e.pointer, e.code])).toEqual([
      ['/secondFactorRequired', 'own-second-factor-first'],
    ]);
  });

  it('forces set-up at sign-in, blocks every other route until done, and cannot be switched off', async () => {
    const org = await createOrganisation(t.deps);
    const adminSession = await signIn(t.app, org.users.org_admin.username);
    await enrol(adminSession);
    const admin = as(t.app, adminSession);
    const member = await signIn(t.app, org.users.case_manager.username);

    const { version } = (await admin.get('/api/organisation')).json<{ version: number }>();
    const on = await admin.patch('/api/organisation', { version, secondFactorRequired: true });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ secondFactorRequired: true });
    // Members without a factor are signed out; the admin (with one) stays.
    expect((await as(t.app, member).get('/api/auth/session')).statusCode).toBe(401);
    expect((await admin.get('/api/auth/session')).statusCode).toBe(200);

    const pending = await passwordStep(org.users.case_manager.username, 'enrol');
    for (const url of ['/api/cases', '/api/auth/session', '/api/auth/second-factor']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: pending } });
      expect(res.statusCode, url).toBe(401);
    }
    // A code cannot be entered before a factor exists.
    expect(problem(await secondStep(pending, { code: '123456' })).code).toBe('second-factor-login-expired');

    const started = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login/enrolment',
      headers: { cookie: pending },
    });
    expect(started.statusCode).toBe(200);
    const { secret } = started.json<{ secret: string }>();
    const confirm = (code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login/enrolment/confirm',
        headers: { cookie: pending },
        payload: { code },
      });
    expect(
      (await confirm('000000' === totpCode(secret, t.clock.now()) ? '111111' : '000000')).statusCode,
    ).toBe(400);
    const done = await confirm(totpCode(secret, t.clock.now()));
    expect(done.statusCode).toBe(200);
    expect(done.json<{ recoveryCodes: string[] }>().recoveryCodes).toHaveLength(10);
    const session = sessionOf(done);
    const api = as(t.app, session);
    expect((await api.get('/api/cases')).statusCode).toBe(200);
    expect((await api.get('/api/auth/second-factor')).json()).toMatchObject({
      status: 'confirmed',
      requiredByOrganisation: true,
    });

    const off = await api.post('/api/auth/second-factor/disable', { password: TEST_PASSWORD });
    expect(off.statusCode).toBe(409);
    expect(problem(off).code).toBe('second-factor-required');

    // Next time the code is asked for, as for everyone with a factor.
    nextStep();
    expect(await passwordStep(org.users.case_manager.username, 'verify')).toMatch(/^lotse_pending_login=/);
  });
});

describe('reset by the org admin', () => {
  it('removes the factor and ends the sessions; only the own organisation’s admin may', async () => {
    const org = await createOrganisation(t.deps);
    const other = await createOrganisation(t.deps);
    const user = await addUser(t.deps, org, ['case_manager']);
    const userSession = await signIn(t.app, user.username);
    await enrol(userSession);

    const stranger = as(t.app, await signIn(t.app, other.users.org_admin.username));
    expect((await stranger.delete(`/api/users/${user.id}/second-factor`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/users/${user.id}/second-factor`)).statusCode).toBe(404);
    const colleague = as(t.app, await signIn(t.app, org.users.team_lead.username));
    expect((await colleague.delete(`/api/users/${user.id}/second-factor`)).statusCode).toBe(404);

    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    expect((await admin.get(`/api/users/${user.id}/second-factor`)).json()).toMatchObject({
      status: 'confirmed',
    });
    expect((await admin.delete(`/api/users/${user.id}/second-factor`)).statusCode).toBe(204);
    expect((await admin.get(`/api/users/${user.id}/second-factor`)).json()).toMatchObject({ status: 'none' });
    expect((await as(t.app, userSession).get('/api/auth/session')).statusCode).toBe(401);
    expect((await login(user.username)).statusCode).toBe(200);

    const entry = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('entity_id', '=', user.id)
      .where('action', '=', 'second_factor.reset')
      .executeTakeFirstOrThrow();
    expect(entry.actor_user_id).toBe(org.users.org_admin.id);
    expect(JSON.parse(entry.details)).toEqual({ before: 'confirmed' });
    const reads = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('entity_id', '=', user.id)
      .where('action', '=', 'user.read')
      .execute();
    expect(reads.map((r) => [r.actor_user_id, JSON.parse(r.details)])).toEqual([
      [org.users.org_admin.id, { part: 'second_factor' }],
      [org.users.org_admin.id, { part: 'second_factor' }],
    ]);
  });
});
