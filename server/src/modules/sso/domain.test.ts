import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseRoleMap } from '../../core/config.js';
import type { Role } from '../../core/context.js';
import {
  claimAt,
  decideAccount,
  failureKind,
  identityFromClaims,
  mapRoles,
  roleChanges,
  safeReturnPath,
  type KnownAccount,
} from './domain.js';

const ROLE_MAP: Record<string, Role[]> = {
  'lotse-fallmanagement': ['case_manager'],
  'lotse-leitung': ['team_lead', 'case_manager'],
  'lotse-datenschutz': ['dpo'],
};

describe('claimAt', () => {
  const claims = {
    roles: ['a'],
    realm_access: { roles: ['b'] },
    'https://stadt.example/roles': ['c'],
    resource_access: { lotse: { roles: ['d'] } },
    list: [{ x: 1 }],
  };
  it.each([
    ['roles', ['a']],
    ['realm_access.roles', ['b']],
    ['https://stadt.example/roles', ['c']],
    ['resource_access.lotse.roles', ['d']],
    ['realm_access.missing', undefined],
    ['list.0.x', undefined],
    ['__proto__', undefined],
    ['constructor.name', undefined],
  ])('%s → %j', (path, expected) => {
    expect(claimAt(claims, path)).toEqual(expected);
  });
});

describe('mapRoles', () => {
  it.each([
    [['lotse-fallmanagement'], ['case_manager']],
    ['lotse-fallmanagement', ['case_manager']],
    [
      ['lotse-leitung', 'lotse-fallmanagement'],
      ['case_manager', 'team_lead'],
    ],
    [['lotse-datenschutz', 'offline_access'], ['dpo']],
    [['offline_access', 'uma_authorization'], []],
    [['LOTSE-FALLMANAGEMENT'], []],
    [[42, null, { role: 'lotse-fallmanagement' }], []],
    [undefined, []],
    ['toString', []],
  ])('%j → %j', (value, expected) => {
    expect(mapRoles(value, ROLE_MAP)).toEqual(expected);
  });
});

describe('identityFromClaims', () => {
  const settings = {
    usernameClaim: 'preferred_username',
    rolesClaim: 'groups',
    roleMap: ROLE_MAP,
    requiredAmr: [],
  };
  const base = { sub: 'f3a1', preferred_username: 'M.Mueller', groups: ['lotse-fallmanagement'] };

  it('maps a person with name and e-mail', () => {
    expect(
      identityFromClaims({ ...base, name: ' Maria Müller ', email: 'm.mueller@stadt.example' }, settings),
    ).toEqual({
      ok: true,
      identity: {
        subject: 'f3a1',
        username: 'm.mueller',
        displayName: 'Maria Müller',
        email: 'm.mueller@stadt.example',
        roles: ['case_manager'],
      },
    });
  });

  it.each([
    [{ given_name: 'Maria', family_name: 'Müller' }, 'Maria Müller'],
    [{ family_name: 'Müller' }, 'Müller'],
    [{}, 'm.mueller'],
    [{ name: '\u0007Maria\u0000' }, 'Maria'],
    [{ name: 'x'.repeat(300) }, 'x'.repeat(200)],
  ])('display name from %j is %s', (extra, displayName) => {
    const result = identityFromClaims({ ...base, ...extra }, settings);
    expect(result.ok && result.identity.displayName).toBe(displayName);
  });

  it.each([
    [{ ...base, sub: undefined }, 'no_subject'],
    [{ ...base, sub: '' }, 'no_subject'],
    [{ ...base, preferred_username: undefined }, 'no_username'],
    [{ ...base, preferred_username: '  ' }, 'no_username'],
    [{ ...base, preferred_username: 'a b' }, 'invalid_username'],
    [{ ...base, preferred_username: 'ab' }, 'invalid_username'],
    [{ ...base, preferred_username: '<script>' }, 'invalid_username'],
    [{ ...base, groups: ['offline_access'] }, 'no_roles'],
    [{ ...base, groups: undefined }, 'no_roles'],
  ])('%j is refused: %s', (claims, reason) => {
    expect(identityFromClaims(claims, settings)).toEqual({ ok: false, reason });
  });

  it.each([
    [['pwd', 'otp'], true],
    [['hwk'], true],
    [['pwd'], false],
    ['otp', false],
    [undefined, false],
  ])('with a second factor required, amr %j passes: %s', (amr, passes) => {
    const result = identityFromClaims({ ...base, amr }, { ...settings, requiredAmr: ['otp', 'hwk'] });
    expect(result.ok ? 'ok' : result.reason).toBe(passes ? 'ok' : 'second_factor_missing');
  });

  it('keeps principal names as usernames and drops an e-mail that is none', () => {
    const result = identityFromClaims(
      { ...base, preferred_username: 'M.Mueller@Stadt.example', email: 'not an address' },
      settings,
    );
    expect(result).toMatchObject({
      ok: true,
      identity: { username: 'm.mueller@stadt.example', email: null },
    });
  });
});

describe('decideAccount', () => {
  const ORG = 'org-1';
  const account = (over: Partial<KnownAccount> = {}): KnownAccount => ({
    id: 'u1',
    organisationId: ORG,
    active: true,
    ssoIssuer: null,
    ssoSubject: null,
    ...over,
  });
  const linked = account({ ssoIssuer: 'https://idp', ssoSubject: 's1' });
  it.each([
    ['nobody known → create', null, null, { kind: 'create' }],
    ['known by subject → update', linked, linked, { kind: 'update', userId: 'u1' }],
    [
      'known by subject, username taken by another → update',
      linked,
      account({ id: 'u2' }),
      { kind: 'update', userId: 'u1' },
    ],
    [
      'known by subject in another organisation → refuse',
      { ...linked, organisationId: 'org-2' },
      null,
      { kind: 'refuse', reason: 'other_organisation', userId: 'u1' },
    ],
    [
      'known by subject, deactivated → refuse',
      { ...linked, active: false },
      null,
      { kind: 'refuse', reason: 'deactivated', userId: 'u1' },
    ],
    ['password account of the organisation → link', null, account(), { kind: 'link', userId: 'u1' }],
    [
      'password account of another organisation → refuse',
      null,
      account({ organisationId: 'org-2' }),
      { kind: 'refuse', reason: 'other_organisation', userId: 'u1' },
    ],
    [
      'username linked to another person → refuse',
      null,
      linked,
      { kind: 'refuse', reason: 'subject_mismatch', userId: 'u1' },
    ],
    [
      'deactivated password account → refuse',
      null,
      account({ active: false }),
      { kind: 'refuse', reason: 'deactivated', userId: 'u1' },
    ],
  ])('%s', (_name, bySubject, byUsername, expected) => {
    expect(decideAccount({ organisationId: ORG, bySubject, byUsername })).toEqual(expected);
  });
});

describe('roleChanges', () => {
  it.each([
    [['case_manager'], ['case_manager'], [], []],
    [['case_manager'], ['planner'], ['planner'], ['case_manager']],
    [[], ['team_lead', 'case_manager'], ['case_manager', 'team_lead'], []],
    [['org_admin', 'case_manager'], ['case_manager'], [], ['org_admin']],
  ] as [Role[], Role[], Role[], Role[]][])('%j → %j: +%j −%j', (current, mapped, added, removed) => {
    expect(roleChanges(current, mapped)).toEqual({ added, removed });
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['/cases/1?tab=plan', '/cases/1?tab=plan'],
    ['/', '/'],
    [undefined, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example/', '/'],
    ['/cases\\..\\x', '/'],
    ['/login?next=/x', '/'],
    ['/api/auth/logout', '/'],
    ['/cases\n/x', '/'],
    [`/${'a'.repeat(600)}`, '/'],
  ])('%j → %s', (raw, expected) => {
    expect(safeReturnPath(raw)).toBe(expected);
  });
});

describe('failureKind', () => {
  it.each([
    ['no_roles', 'refused'],
    ['other_organisation', 'refused'],
    ['provider_unreachable', 'unavailable'],
    ['token_invalid', 'failed'],
    ['state_unknown', 'failed'],
  ] as const)('%s → %s', (reason, kind) => {
    expect(failureKind(reason)).toBe(kind);
  });
});

describe('OIDC configuration', () => {
  const ORG = '5b3c7a52-38a4-4a57-9a63-0a6f1c3e9d10';
  const env = {
    LOTSE_OIDC_ISSUER: 'https://login.stadt.example/realms/stadt',
    LOTSE_OIDC_CLIENT_ID: 'lotse',
    LOTSE_OIDC_ROLE_MAP:
      '{"lotse-fallmanagement":"case_manager","lotse-leitung":["team_lead","case_manager"]}',
    LOTSE_OIDC_ORGANISATION: ORG,
    LOTSE_PUBLIC_URL: 'https://lotse.stadt.example/',
  };

  it('is off without an issuer', () => {
    expect(loadConfig({}).oidc).toBeNull();
  });

  it('reads the settings with their defaults', () => {
    expect(loadConfig(env).oidc).toEqual({
      issuer: 'https://login.stadt.example/realms/stadt',
      clientId: 'lotse',
      clientSecret: null,
      redirectUrl: 'https://lotse.stadt.example/api/auth/oidc/callback',
      usernameClaim: 'preferred_username',
      rolesClaim: 'roles',
      roleMap: { 'lotse-fallmanagement': ['case_manager'], 'lotse-leitung': ['team_lead', 'case_manager'] },
      organisationId: ORG,
      orgUnit: null,
      requiredAmr: [],
    });
  });

  it.each([
    [{ LOTSE_OIDC_CLIENT_ID: '' }, 'LOTSE_OIDC_CLIENT_ID'],
    [{ LOTSE_OIDC_ROLE_MAP: '' }, 'LOTSE_OIDC_ROLE_MAP'],
    [{ LOTSE_OIDC_ROLE_MAP: '{"x":"superuser"}' }, 'LOTSE_OIDC_ROLE_MAP'],
    [{ LOTSE_OIDC_ROLE_MAP: '["case_manager"]' }, 'LOTSE_OIDC_ROLE_MAP'],
    [{ LOTSE_OIDC_ROLE_MAP: '{}' }, 'LOTSE_OIDC_ROLE_MAP'],
    [{ LOTSE_OIDC_ORGANISATION: 'Stadt Musterstadt' }, 'LOTSE_OIDC_ORGANISATION'],
    [{ LOTSE_PUBLIC_URL: '' }, 'LOTSE_OIDC_REDIRECT_URL'],
    [{ LOTSE_OIDC_ISSUER: 'http://login.stadt.example/' }, 'LOTSE_OIDC_ISSUER'],
    [{ LOTSE_OIDC_ISSUER: 'ldap://login' }, 'LOTSE_OIDC_ISSUER'],
  ])('refuses %j naming %s', (change, variable) => {
    expect(() => loadConfig({ ...env, ...change })).toThrow(ConfigError);
    try {
      loadConfig({ ...env, ...change });
    } catch (e) {
      expect((e as ConfigError).variable).toBe(variable);
    }
  });

  it('allows plain HTTP only to a provider on this machine', () => {
    expect(loadConfig({ ...env, LOTSE_OIDC_ISSUER: 'http://127.0.0.1:8080/realms/x' }).oidc?.issuer).toBe(
      'http://127.0.0.1:8080/realms/x',
    );
  });

  it('reads the required authentication methods as a list', () => {
    expect(loadConfig({ ...env, LOTSE_OIDC_REQUIRED_AMR: 'otp, hwk,' }).oidc?.requiredAmr).toEqual([
      'otp',
      'hwk',
    ]);
  });

  it('parses a role map with a role list', () => {
    expect(parseRoleMap('{"a":["dpo","dpo"]}')).toEqual({ a: ['dpo'] });
  });
});
