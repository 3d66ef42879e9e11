import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { verifyAuditChains } from '../../core/audit.js';
import type { OidcConfig } from '../../core/config.js';
import type { AppDeps } from '../../core/context.js';
import {
  addUser,
  createOrganisation,
  createTestApp,
  problem,
  TEST_PASSWORD,
  type TestApp,
} from '../../test/harness.js';

/**
 * Single sign-on against a real OpenID provider on 127.0.0.1 (oauth2-mock-server): the app redirects to its
 * authorize endpoint, which redirects back with a code; the test carries the Location headers and the binding
 * cookie like a browser would. Claims are set per test in `claims`; `tamper` can replace the token response.
 */
const CALLBACK = 'http://lotse.test/api/auth/oidc/callback';
const CLIENT_ID = 'lotse';

let provider: OAuth2Server;
let claims: Record<string, unknown> = {};
let tamper: ((body: Record<string, unknown>) => void) | null = null;

beforeAll(async () => {
  provider = new OAuth2Server();
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  provider.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
    Object.assign(token.payload, claims);
  });
  provider.service.on('beforeResponse', (response: { body: Record<string, unknown> }) => {
    tamper?.(response.body);
  });
});
afterAll(async () => {
  await provider.stop();
});

function oidcSettings(organisationId: string, overrides: Partial<OidcConfig> = {}): OidcConfig {
  return {
    issuer: String(provider.issuer.url),
    clientId: CLIENT_ID,
    clientSecret: 'geheim',
    redirectUrl: CALLBACK,
    usernameClaim: 'preferred_username',
    rolesClaim: 'realm_access.roles',
    roleMap: {
      'lotse-fallmanagement': ['case_manager'],
      'lotse-teamleitung': ['team_lead'],
      'lotse-planung': ['planner'],
    },
    organisationId,
    orgUnit: null,
    requiredAmr: [],
    ...overrides,
  };
}

let t: TestApp;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let app: FastifyInstance;
let deps: AppDeps;

/** Audit entries written before the current test, left out by `auditOf` (the app is shared by the tests). */
let earlier = new Set<string>();

beforeAll(async () => {
  t = await createTestApp();
  org = await createOrganisation(t.deps);
  deps = { ...t.deps, config: { ...t.deps.config, oidc: oidcSettings(org.organisationId) } };
  app = await buildApp(deps);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
});
beforeEach(async () => {
  claims = {};
  tamper = null;
  const rows = await t.deps.db.selectFrom('audit_log').select(['chain_id', 'seq']).execute();
  earlier = new Set(rows.map((r) => `${r.chain_id}:${r.seq}`));
});

function person(username: string, roles: string[], extra: Record<string, unknown> = {}) {
  return {
    sub: `sub-${username}`,
    preferred_username: username,
    name: `Name ${username}`,
    email: `${username.split('@')[0] ?? username}@stadt.example`,
    realm_access: { roles },
    ...extra,
  };
}

interface Started {
  binding: string;
  callbackPath: string;
}

/** The browser's way to the provider and back: start, follow the provider's redirect, stop at the callback. */
async function throughProvider(on: FastifyInstance = app, returnTo?: string): Promise<Started> {
  const query = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : '';
  const start = await on.inject({ method: 'GET', url: `/api/auth/oidc/start${query}` });
  expect(start.statusCode).toBe(302);
  const binding = start.cookies.find((c) => c.name === 'lotse_oidc');
  expect(binding?.httpOnly).toBe(true);
  const authorize = new URL(String(start.headers.location));
  expect(authorize.origin).toBe(new URL(String(provider.issuer.url)).origin);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('nonce')).toMatch(/.{20,}/);
  const atProvider = await fetch(authorize, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const back = new URL(String(atProvider.headers.get('location')));
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  return { binding: binding?.value ?? '', callbackPath: `${back.pathname}${back.search}` };
}

function callback(started: Started, on: FastifyInstance = app, headers: Record<string, string> = {}) {
  return on.inject({
    method: 'GET',
    url: started.callbackPath,
    cookies: { lotse_oidc: started.binding },
    headers,
  });
}

async function signInWithProvider(on: FastifyInstance = app): Promise<LightMyRequestResponse> {
  return callback(await throughProvider(on), on);
}

function sessionCookie(res: LightMyRequestResponse): string | undefined {
  return res.cookies.find((c) => c.name === 'lotse_session')?.value;
}

async function me(res: LightMyRequestResponse) {
  const session = await app.inject({
    method: 'GET',
    url: '/api/auth/session',
    cookies: { lotse_session: sessionCookie(res) ?? '' },
  });
  expect(session.statusCode).toBe(200);
  return session.json<{
    user: { id: string; username: string; displayName: string; email: string | null; roles: string[] };
    csrfToken: string;
  }>().user;
}

async function auditOf(action: string) {
  const rows = await t.deps.db
    .selectFrom('audit_log')
    .select(['chain_id', 'seq', 'entity_id', 'organisation_id', 'details'])
    .where('action', '=', action)
    .orderBy('occurred_at')
    .orderBy('seq')
    .execute();
  return rows
    .filter((r) => !earlier.has(`${r.chain_id}:${r.seq}`))
    .map((r) => ({
      entityId: r.entity_id,
      organisationId: r.organisation_id,
      details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as unknown,
    }));
}

async function userByUsername(username: string) {
  return t.deps.db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'sso_subject'])
    .where('username', '=', username)
    .executeTakeFirst();
}

/** A JWT signed with RS256 by the given key (node:crypto; the test's forger). */
function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

function decodePart(jwt: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[index] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('single sign-on with OpenID Connect', () => {
  it('tells the sign-in page whether it is offered', async () => {
    const on = await app.inject({ method: 'GET', url: '/api/auth/sso' });
    expect(on.json()).toEqual({ enabled: true, startUrl: '/api/auth/oidc/start' });
    const off = await t.app.inject({ method: 'GET', url: '/api/auth/sso' });
    expect(off.json()).toEqual({ enabled: false, startUrl: null });
    const start = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(start.statusCode).toBe(404);
    expect(problem(start).code).toBe('sso-not-configured');
  });

  it('creates the account in the configured organisation with the mapped roles and signs in', async () => {
    claims = person('m.mueller@stadt.example', [
      'lotse-fallmanagement',
      'lotse-teamleitung',
      'offline_access',
    ]);
    const res = callback(await throughProvider(app, '/cases?phase=intake'));
    const done = await res;
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/cases?phase=intake');
    const cookie = done.cookies.find((c) => c.name === 'lotse_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const user = await me(done);
    expect(user).toMatchObject({
      username: 'm.mueller@stadt.example',
      displayName: 'Name m.mueller@stadt.example',
      email: 'm.mueller@stadt.example',
      roles: ['case_manager', 'team_lead'],
    });
    const stored = await userByUsername('m.mueller@stadt.example');
    expect(stored).toMatchObject({
      organisation_id: org.organisationId,
      sso_subject: 'sub-m.mueller@stadt.example',
    });
    const units = await t.deps.db
      .selectFrom('user_org_units')
      .select('org_unit_id')
      .where('user_id', '=', user.id)
      .execute();
    expect(units.map((u) => u.org_unit_id)).toEqual([org.orgUnitIds[0]]);

    // The session is an ordinary Lotse session: the CSRF token works for a change.
    const session = await app.inject({
      method: 'GET',
      url: '/api/auth/session',
      cookies: { lotse_session: cookie?.value ?? '' },
    });
    const changed = await app.inject({
      method: 'PATCH',
      url: '/api/auth/preferences',
      cookies: { lotse_session: cookie?.value ?? '' },
      headers: { 'x-csrf-token': session.json<{ csrfToken: string }>().csrfToken },
      payload: { locale: 'en' },
    });
    expect(changed.statusCode).toBe(200);

    expect(await auditOf('user.create')).toContainEqual({
      entityId: user.id,
      organisationId: org.organisationId,
      details: { source: 'sso', roles: ['case_manager', 'team_lead'], orgUnitIds: [org.orgUnitIds[0]] },
    });
    expect(await auditOf('auth.login')).toContainEqual({
      entityId: user.id,
      organisationId: org.organisationId,
      details: { method: 'oidc' },
    });
    expect((await verifyAuditChains(t.deps.db)).intact).toBe(true);
  });

  it('updates roles, name and e-mail from the provider at every sign-in', async () => {
    claims = person('k.kaya', ['lotse-fallmanagement']);
    const first = await me(await signInWithProvider());
    expect(first.roles).toEqual(['case_manager']);

    claims = person('k.kaya', ['lotse-planung'], { name: 'Kübra Kaya', email: null });
    const second = await me(await signInWithProvider());
    expect(second).toMatchObject({
      id: first.id,
      roles: ['planner'],
      displayName: 'Kübra Kaya',
      email: null,
    });
    expect(await auditOf('user.update')).toContainEqual({
      entityId: first.id,
      organisationId: org.organisationId,
      details: {
        source: 'sso',
        changed: ['displayName', 'email', 'roles'],
        rolesAdded: ['planner'],
        rolesRemoved: ['case_manager'],
      },
    });
  });

  it('refuses a person whose groups map to no Lotse role, and creates no account', async () => {
    claims = person('j.jansen', ['offline_access', 'uma_authorization']);
    const res = await signInWithProvider();
    expect(res.statusCode).toBe(403);
    expect(problem(res)).toMatchObject({ code: 'sso-refused', detail: 'no_roles' });
    expect(sessionCookie(res)).toBeUndefined();
    expect(await userByUsername('j.jansen')).toBeUndefined();
    expect(await auditOf('auth.login_failed')).toEqual([
      { entityId: null, organisationId: null, details: { method: 'oidc', reason: 'no_roles' } },
    ]);
  });

  it('a provisioned account has no password: password sign-in is refused', async () => {
    claims = person('p.peters', ['lotse-fallmanagement']);
    await me(await signInWithProvider());
    for (const password of [TEST_PASSWORD, 'p.peters', 'Passwort-von-p.peters']) {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'p.peters', password },
      });
      expect(login.statusCode).toBe(401);
    }
  });

  it('takes over an existing password account of the organisation, which then has no password', async () => {
    const existing = await addUser(t.deps, org, ['case_manager']);
    claims = person(existing.username, ['lotse-teamleitung']);
    const user = await me(await signInWithProvider());
    expect(user).toMatchObject({ id: existing.id, roles: ['team_lead'] });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: existing.username, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    expect(await auditOf('user.sso_linked')).toEqual([
      { entityId: existing.id, organisationId: org.organisationId, details: {} },
    ]);
  });

  it('refuses accounts of another organisation, of another person and deactivated ones', async () => {
    const other = await createOrganisation(t.deps);
    claims = person(other.users.case_manager.username, ['lotse-fallmanagement']);
    const foreign = await signInWithProvider();
    expect(problem(foreign)).toMatchObject({
      status: 403,
      code: 'sso-refused',
      detail: 'other_organisation',
    });

    claims = person('s.schulz', ['lotse-fallmanagement']);
    const owner = await me(await signInWithProvider());
    claims = person('s.schulz', ['lotse-fallmanagement'], { sub: 'someone-else' });
    const impostor = await signInWithProvider();
    expect(problem(impostor)).toMatchObject({ code: 'sso-refused', detail: 'subject_mismatch' });

    await t.deps.db
      .updateTable('users')
      .set({ deactivated_at: new Date().toISOString() })
      .where('id', '=', owner.id)
      .execute();
    claims = person('s.schulz', ['lotse-fallmanagement']);
    const deactivated = await signInWithProvider();
    expect(problem(deactivated)).toMatchObject({ code: 'sso-refused', detail: 'deactivated' });
    expect((await auditOf('auth.login_failed')).map((a) => a.details)).toEqual([
      { method: 'oidc', reason: 'other_organisation' },
      { method: 'oidc', reason: 'subject_mismatch' },
      { method: 'oidc', reason: 'deactivated' },
    ]);
  });

  it('refuses a forged ID token signed with a key the provider does not publish', async () => {
    claims = person('f.fischer', ['lotse-fallmanagement']);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    tamper = (body) => {
      const real = String(body.id_token);
      // Same header (key id of the provider's key), same claims, a role upgrade — signed by the forger.
      const payload = { ...decodePart(real, 1), realm_access: { roles: ['lotse-teamleitung'] } };
      body.id_token = signJwt(decodePart(real, 0), payload, privateKey);
    };
    const res = await signInWithProvider();
    expect(res.statusCode).toBe(401);
    expect(problem(res)).toMatchObject({ code: 'sso-failed', detail: 'token_invalid' });
    expect(sessionCookie(res)).toBeUndefined();
    expect(await userByUsername('f.fischer')).toBeUndefined();
  });

  it('refuses a token whose payload was changed after signing', async () => {
    claims = person('t.tamm', ['lotse-fallmanagement']);
    tamper = (body) => {
      const [header, payload, signature] = String(body.id_token).split('.');
      const changed = {
        ...decodePart(`${header}.${payload}`, 1),
        realm_access: { roles: ['lotse-teamleitung'] },
      };
      body.id_token = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
    };
    const res = await signInWithProvider();
    expect(problem(res)).toMatchObject({ status: 401, code: 'sso-failed', detail: 'token_invalid' });
    expect(await userByUsername('t.tamm')).toBeUndefined();
  });

  it('refuses an expired ID token', async () => {
    const now = Math.floor(Date.now() / 1000);
    claims = person('e.engel', ['lotse-fallmanagement'], {
      iat: now - 7200,
      nbf: now - 7200,
      exp: now - 3600,
    });
    const res = await signInWithProvider();
    expect(problem(res)).toMatchObject({ status: 401, code: 'sso-failed', detail: 'token_expired' });
    expect(await auditOf('auth.login_failed')).toEqual([
      { entityId: null, organisationId: null, details: { method: 'oidc', reason: 'token_expired' } },
    ]);
  });

  it('refuses a token for another client (audience) or with a wrong nonce', async () => {
    claims = person('a.adler', ['lotse-fallmanagement'], { aud: 'another-app' });
    const audience = await signInWithProvider();
    expect(problem(audience)).toMatchObject({ code: 'sso-failed', detail: 'claim_mismatch' });
    claims = person('a.adler', ['lotse-fallmanagement'], { nonce: 'replayed-nonce-from-another-sign-in' });
    const nonce = await signInWithProvider();
    expect(problem(nonce)).toMatchObject({ code: 'sso-failed', detail: 'claim_mismatch' });
    expect(await userByUsername('a.adler')).toBeUndefined();
  });

  it('uses a state once: the same callback replayed is refused', async () => {
    claims = person('r.roth', ['lotse-fallmanagement']);
    const started = await throughProvider();
    // A HEAD (link preview, prefetch) is not answered and does not use the state up.
    const head = await app.inject({
      method: 'HEAD',
      url: started.callbackPath,
      cookies: { lotse_oidc: started.binding },
    });
    expect(head.statusCode).toBe(404);
    expect((await callback(started)).statusCode).toBe(303);
    const replay = await callback(started);
    expect(problem(replay)).toMatchObject({ status: 401, code: 'sso-failed', detail: 'state_unknown' });
    expect(sessionCookie(replay)).toBeUndefined();
  });

  it('refuses an unknown state, a callback in another browser and an expired state', async () => {
    claims = person('u.ulrich', ['lotse-fallmanagement']);
    const started = await throughProvider();
    const forged = started.callbackPath.replace(/state=[^&]+/, 'state=made-up');
    const unknown = await app.inject({
      method: 'GET',
      url: forged,
      cookies: { lotse_oidc: started.binding },
    });
    expect(problem(unknown).detail).toBe('state_unknown');

    const otherBrowser = await app.inject({ method: 'GET', url: started.callbackPath });
    expect(problem(otherBrowser).detail).toBe('browser_mismatch');
    // The state was used up by that attempt: the right browser cannot use it afterwards either.
    expect(problem(await callback(started)).detail).toBe('state_unknown');

    const late = await throughProvider();
    t.clock.advanceMinutes(11);
    expect(problem(await callback(late)).detail).toBe('state_expired');
    expect(await userByUsername('u.ulrich')).toBeUndefined();
  });

  it('sends a browser back to the sign-in page with the kind of failure', async () => {
    claims = person('b.braun', []);
    const res = await callback(await throughProvider(), app, { accept: 'text/html,application/xhtml+xml' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?sso=refused');
  });

  it('with a second factor required, refuses a sign-in whose token names none (amr)', async () => {
    const strict = await buildApp({
      ...deps,
      config: { ...deps.config, oidc: oidcSettings(org.organisationId, { requiredAmr: ['otp', 'hwk'] }) },
    });
    await strict.ready();
    try {
      claims = person('o.otto', ['lotse-fallmanagement'], { amr: ['pwd'] });
      const refused = await callback(await throughProvider(strict), strict);
      expect(problem(refused)).toMatchObject({
        status: 403,
        code: 'sso-refused',
        detail: 'second_factor_missing',
      });
      claims = person('o.otto', ['lotse-fallmanagement'], { amr: ['pwd', 'otp'] });
      const signedIn = await callback(await throughProvider(strict), strict);
      expect(signedIn.statusCode).toBe(303);
    } finally {
      await strict.close();
    }
  });

  it('stops an address after repeated failed callbacks (shared with the password limit numbers)', async () => {
    const strict = await buildApp({
      ...deps,
      config: { ...deps.config, login: { ...deps.config.login, ipMaxFailures: 2 } },
    });
    await strict.ready();
    try {
      const guess = (remoteAddress: string) =>
        strict.inject({ method: 'GET', url: '/api/auth/oidc/callback?state=guessed&code=x', remoteAddress });
      expect(problem(await guess('10.9.8.7')).detail).toBe('state_unknown');
      expect(problem(await guess('10.9.8.7')).detail).toBe('state_unknown');
      const stopped = await guess('10.9.8.7');
      expect(stopped.statusCode).toBe(429);
      expect(problem(stopped).code).toBe('too-many-attempts');
      expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not affected.
      expect(problem(await guess('10.9.8.6')).detail).toBe('state_unknown');
    } finally {
      await strict.close();
    }
  });

  it('a second app instance finishes a sign-in the first one started (state in the database)', async () => {
    const second = t.testDb.openAnother();
    const other = await buildApp({ ...deps, db: second.db });
    await other.ready();
    try {
      claims = person('z.zimmer', ['lotse-fallmanagement']);
      const started = await throughProvider(app);
      const res = await callback(started, other);
      expect(res.statusCode).toBe(303);
      expect((await me(res)).roles).toEqual(['case_manager']);
      expect(problem(await callback(started, app)).detail).toBe('state_unknown');
    } finally {
      await other.close();
      await second.destroy();
    }
  });

  it('answers a clear problem, not an error, when the provider cannot be reached', async () => {
    const gone = new OAuth2Server();
    await gone.issuer.keys.generate('RS256');
    await gone.start(0, '127.0.0.1');
    const issuer = String(gone.issuer.url);
    await gone.stop();
    const offline = await buildApp({
      ...deps,
      config: { ...deps.config, oidc: oidcSettings(org.organisationId, { issuer }) },
    });
    await offline.ready();
    try {
      const res = await offline.inject({ method: 'GET', url: '/api/auth/oidc/start' });
      expect(res.statusCode).toBe(503);
      expect(problem(res)).toMatchObject({ code: 'sso-unavailable', detail: 'provider_unreachable' });
      const page = await offline.inject({
        method: 'GET',
        url: '/api/auth/oidc/start',
        headers: { accept: 'text/html' },
      });
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toBe('/login?sso=unavailable');
      expect((await auditOf('auth.login_failed')).map((a) => a.details)).toEqual([
        { method: 'oidc', reason: 'provider_unreachable' },
        { method: 'oidc', reason: 'provider_unreachable' },
      ]);
    } finally {
      await offline.close();
    }
  });
});
