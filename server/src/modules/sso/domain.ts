import { ROLES, type Role } from '../../core/context.js';
import { normaliseUsername } from '../users/domain.js';

/**
 * Pure rules of single sign-on: which claims make which Lotse account with which roles, and what happens
 * to an account the provider names. No I/O — the service feeds in the validated ID-token claims and the
 * accounts it found.
 */

/** Why a sign-in through the provider did not end with a session; audited and sent as the problem's detail. */
export const SSO_FAILURES = [
  // The callback itself (state, browser binding, provider's answer).
  'state_unknown',
  'state_expired',
  'browser_mismatch',
  'provider_denied',
  'provider_unreachable',
  'provider_error',
  // The ID token.
  'token_invalid',
  'token_expired',
  'claim_mismatch',
  // The person.
  'no_subject',
  'no_username',
  'invalid_username',
  'no_roles',
  'second_factor_missing',
  'other_organisation',
  'subject_mismatch',
  'deactivated',
  'organisation_missing',
] as const;
export type SsoFailure = (typeof SSO_FAILURES)[number];

/** How the web app words a failure: try again, ask the IT department, or use the password for now. */
export type SsoFailureKind = 'failed' | 'refused' | 'unavailable';

export function failureKind(reason: SsoFailure): SsoFailureKind {
  switch (reason) {
    case 'provider_unreachable':
    case 'provider_error':
    case 'organisation_missing':
      return 'unavailable';
    case 'no_subject':
    case 'no_username':
    case 'invalid_username':
    case 'no_roles':
    case 'second_factor_missing':
    case 'other_organisation':
    case 'subject_mismatch':
    case 'deactivated':
      return 'refused';
    default:
      return 'failed';
  }
}

export type Claims = Readonly<Record<string, unknown>>;

/**
 * The value of a claim named by a dotted path (`realm_access.roles`). A claim whose own name contains dots
 * (namespaced claims such as `https://example.org/roles`) is found by its full name first.
 */
export function claimAt(claims: Claims, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let current: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Claim values (one string or a list) → Lotse roles through the configured map; unknown values give none. */
export function mapRoles(claimValue: unknown, roleMap: Readonly<Record<string, readonly Role[]>>): Role[] {
  const values = Array.isArray(claimValue) ? claimValue : [claimValue];
  const roles = new Set<Role>();
  for (const value of values) {
    if (typeof value !== 'string' || !Object.hasOwn(roleMap, value)) continue;
    for (const role of roleMap[value] ?? []) roles.add(role);
  }
  // In the order of ROLES, so audit entries and tests do not depend on the claim's order.
  return ROLES.filter((role) => roles.has(role));
}

/**
 * Usernames from the provider: like Lotse's own (letters, digits, . _ -) plus "@", because directories often
 * name people by their principal name (m.mueller@stadt.example).
 */
const SSO_USERNAME = /^[a-z0-9][a-z0-9._@-]{2,63}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export interface SsoSettings {
  usernameClaim: string;
  rolesClaim: string;
  roleMap: Readonly<Record<string, readonly Role[]>>;
  /** The ID token's `amr` must name one of these (e.g. otp, hwk, mfa) when the list is not empty. */
  requiredAmr: readonly string[];
}

export interface SsoIdentity {
  subject: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: Role[];
}

function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  // Control characters never belong in a name; they would end up in lists and printouts.
  const cleaned = value.replace(/\p{Cc}/gu, ' ').trim();
  return cleaned === '' ? null : [...cleaned].slice(0, max).join('');
}

/** The person the validated ID token names, or why they cannot sign in. */
export function identityFromClaims(
  claims: Claims,
  settings: SsoSettings,
): { ok: true; identity: SsoIdentity } | { ok: false; reason: SsoFailure } {
  const subject = typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : null;
  if (subject === null || subject.length > 255) return { ok: false, reason: 'no_subject' };
  const rawUsername = claimAt(claims, settings.usernameClaim);
  if (typeof rawUsername !== 'string' || rawUsername.trim() === '')
    return { ok: false, reason: 'no_username' };
  const username = normaliseUsername(rawUsername);
  if (!SSO_USERNAME.test(username)) return { ok: false, reason: 'invalid_username' };
  const roles = mapRoles(claimAt(claims, settings.rolesClaim), settings.roleMap);
  if (roles.length === 0) return { ok: false, reason: 'no_roles' };
  if (settings.requiredAmr.length > 0) {
    const amr = Array.isArray(claims.amr) ? claims.amr : [];
    if (!settings.requiredAmr.some((method) => amr.includes(method))) {
      return { ok: false, reason: 'second_factor_missing' };
    }
  }
  const given = text(claims.given_name, 100);
  const family = text(claims.family_name, 100);
  const displayName =
    text(claims.name, 200) ?? (given && family ? `${given} ${family}` : (given ?? family ?? username));
  const email = text(claims.email, 254);
  return {
    ok: true,
    identity: { subject, username, displayName, email: email && EMAIL.test(email) ? email : null, roles },
  };
}

/** An existing account as the decision needs it. */
export interface KnownAccount {
  id: string;
  organisationId: string;
  active: boolean;
  ssoIssuer: string | null;
  ssoSubject: string | null;
}

export type AccountDecision =
  | { kind: 'create' }
  | { kind: 'update'; userId: string }
  | { kind: 'link'; userId: string }
  | { kind: 'refuse'; reason: SsoFailure; userId?: string };

/**
 * What the sign-in does with the accounts found by the provider's subject and by the username.
 * The provider is the municipality's directory, so it is trusted for its organisation: a new person gets an
 * account there, an existing password account with the same username is taken over (linked) — but never an
 * account in another organisation, never one already linked to a different person, never a deactivated one
 * (deactivating stays Lotse's decision).
 */
export function decideAccount(input: {
  organisationId: string;
  bySubject: KnownAccount | null;
  byUsername: KnownAccount | null;
}): AccountDecision {
  const { bySubject, byUsername } = input;
  if (bySubject) {
    if (bySubject.organisationId !== input.organisationId) {
      return { kind: 'refuse', reason: 'other_organisation', userId: bySubject.id };
    }
    if (!bySubject.active) return { kind: 'refuse', reason: 'deactivated', userId: bySubject.id };
    return { kind: 'update', userId: bySubject.id };
  }
  if (!byUsername) return { kind: 'create' };
  if (byUsername.organisationId !== input.organisationId) {
    return { kind: 'refuse', reason: 'other_organisation', userId: byUsername.id };
  }
  if (byUsername.ssoSubject !== null) {
    return { kind: 'refuse', reason: 'subject_mismatch', userId: byUsername.id };
  }
  if (!byUsername.active) return { kind: 'refuse', reason: 'deactivated', userId: byUsername.id };
  return { kind: 'link', userId: byUsername.id };
}

/** Roles to add and to remove so the account has exactly the mapped ones (sign-in updates them every time). */
export function roleChanges(
  current: readonly Role[],
  mapped: readonly Role[],
): { added: Role[]; removed: Role[] } {
  return {
    added: ROLES.filter((r) => mapped.includes(r) && !current.includes(r)),
    removed: ROLES.filter((r) => current.includes(r) && !mapped.includes(r)),
  };
}

/**
 * Where the browser goes after signing in: a path inside Lotse only (never another site: "//evil.example"
 * or "/\evil.example" are taken by browsers as other hosts), else the start page.
 */
export function safeReturnPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 512) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  if (/[\p{Cc}\\]/u.test(raw) || raw.startsWith('/api/') || raw.startsWith('/login')) return '/';
  return raw;
}
