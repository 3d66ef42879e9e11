import { timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { appendAudit, inTransaction, type AuditOrigin } from '../../core/audit.js';
import { addMinutes } from '../../core/clock.js';
import type { OidcConfig } from '../../core/config.js';
import type { AppDeps, Executor, Role } from '../../core/context.js';
import { Problem } from '../../core/errors.js';
import { randomToken, sha256Hex } from '../../core/ids.js';
import { countRequest, currentCount, type RateLimitRule } from '../../core/rate-limits.js';
import { hashPassword } from '../../core/passwords.js';
import { createSession, endSession } from '../../core/sessions.js';
import { insertUserRecord } from '../users/service.js';
import {
  decideAccount,
  failureKind,
  identityFromClaims,
  roleChanges,
  safeReturnPath,
  type KnownAccount,
  type SsoFailure,
  type SsoIdentity,
} from './domain.js';

/** How long the provider may take to send the browser back (sign-in with a password and a second factor). */
const STATE_MINUTES = 10;
/** Provider metadata and keys are public and change rarely; each instance asks again after an hour. */
const DISCOVERY_TTL_MS = 3600_000;
/** Seconds a request to the provider may take before the sign-in answers "unavailable". */
const PROVIDER_TIMEOUT_SECONDS = 10;

/**
 * Failed callbacks per client address, with the password sign-in's numbers (LOTSE_LOGIN_IP_MAX_FAILURES in
 * LOTSE_LOGIN_IP_WINDOW_MINUTES): every failure writes an audit entry, so guessing states or replaying answers
 * must stop early. Kept in the database like the other limits (two instances share the count).
 */
function failureLimit(deps: AppDeps): RateLimitRule {
  return {
    name: 'sso-failure',
    limit: deps.config.login.ipMaxFailures,
    windowSeconds: deps.config.login.ipWindowMinutes * 60,
  };
}

/** A sign-in that ended without a session, with its reason category (audited, sent as the problem detail). */
export class SsoError extends Error {
  constructor(readonly reason: SsoFailure) {
    super(reason);
  }

  toProblem(): Problem {
    const kind = failureKind(this.reason);
    const code =
      kind === 'refused' ? 'sso-refused' : kind === 'unavailable' ? 'sso-unavailable' : 'sso-failed';
    return new Problem(code, { detail: this.reason });
  }
}

/** What openid-client's errors mean for the person signing in. Library bugs and our own errors pass through. */
export function failureOf(error: unknown): SsoFailure {
  if (error instanceof oidc.AuthorizationResponseError) return 'provider_denied';
  if (error instanceof oidc.ResponseBodyError) return 'provider_error';
  if (error instanceof TypeError && (error.message === 'fetch failed' || error.cause !== undefined)) {
    return 'provider_unreachable';
  }
  if (error instanceof oidc.ClientError) {
    switch (error.code) {
      case 'OAUTH_TIMEOUT':
      case 'OAUTH_ABORT':
        return 'provider_unreachable';
      case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
        return 'token_expired';
      case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
      case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
        return 'claim_mismatch';
      case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
      case 'OAUTH_RESPONSE_IS_NOT_JSON':
      case 'OAUTH_INVALID_SERVER_METADATA':
      case 'OAUTH_MISSING_SERVER_METADATA':
      case undefined:
        return 'provider_error';
      default:
        // Signature (OAUTH_INVALID_RESPONSE), unknown key (OAUTH_KEY_SELECTION_FAILED), malformed token …
        return 'token_invalid';
    }
  }
  throw error;
}

/**
 * fetch that tries once more when a kept-alive connection turns out to have been closed by the provider
 * (ECONNRESET on reuse — seen with providers whose keep-alive timeout is shorter than Node's). The request
 * never reached the provider then, so repeating it is safe; a second failure counts as unreachable.
 */
const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const fetchWithOneRetry: oidc.CustomFetch = async (url, options) => {
  try {
    return await fetch(url, options);
  } catch (error) {
    const code =
      error instanceof TypeError ? (error.cause as { code?: unknown } | undefined)?.code : undefined;
    if (typeof code !== 'string' || !STALE_CONNECTION.has(code) || options.signal?.aborted) throw error;
    return fetch(url, options);
  }
};

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new SsoError(failureOf(error));
  }
}

/**
 * The provider as this app instance knows it: metadata from discovery, kept for an hour (openid-client keeps
 * the signing keys with it and fetches them again for an unknown key id). A cache of public data — every
 * instance may hold its own; everything about a sign-in in progress is in the database.
 */
export class OidcProvider {
  #configuration: Promise<oidc.Configuration> | null = null;
  #discoveredAt = 0;

  constructor(readonly settings: OidcConfig) {}

  configuration(): Promise<oidc.Configuration> {
    if (this.#configuration === null || Date.now() - this.#discoveredAt > DISCOVERY_TTL_MS) {
      const { issuer, clientId, clientSecret } = this.settings;
      this.#discoveredAt = Date.now();
      const discovering = guarded(() =>
        oidc.discovery(
          new URL(issuer),
          clientId,
          { redirect_uris: [this.settings.redirectUrl], response_types: ['code'] },
          clientSecret ? oidc.ClientSecretPost(clientSecret) : oidc.None(),
          {
            timeout: PROVIDER_TIMEOUT_SECONDS,
            [oidc.customFetch]: fetchWithOneRetry,
            execute: [
              // Check the ID token's signature against the provider's published keys. openid-client skips it by
              // default for tokens fetched over TLS (OIDC Core 3.1.3.7); Lotse wants a forged or altered token
              // refused on its signature, not only on trust in the channel (sso.test.ts proves it).
              oidc.enableNonRepudiationChecks,
              // Plain HTTP is allowed by configuration only for a provider on this machine (core/config.ts).
              ...(new URL(issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
            ],
          },
        ),
      );
      // A failed discovery is not kept: the next sign-in asks again.
      discovering.catch(() => {
        if (this.#configuration === discovering) this.#configuration = null;
      });
      this.#configuration = discovering;
    }
    return this.#configuration;
  }
}

interface Attempt {
  requestId: string;
  at: Date;
}

async function auditFailure(
  db: Executor,
  attempt: Attempt,
  reason: SsoFailure,
  account?: { id: string; organisationId: string },
): Promise<void> {
  const origin: AuditOrigin = {
    actorUserId: null,
    organisationId: account?.organisationId ?? null,
    requestId: attempt.requestId,
    at: attempt.at,
  };
  const event = account
    ? { action: 'auth.login_failed', entityType: 'user', entityId: account.id }
    : { action: 'auth.login_failed', entityType: 'session' };
  // Only the category: token contents, claims and the username stay out of the log.
  const write = (trx: Executor) =>
    appendAudit(trx, origin, { ...event, details: { method: 'oidc', reason } });
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

export interface StartedSignIn {
  authorizationUrl: string;
  /** Goes into the browser's binding cookie; only its hash is stored. */
  browserToken: string;
}

/** Starts a sign-in at the provider: state, nonce and PKCE verifier go into the database for the callback. */
export async function startSignIn(
  deps: AppDeps,
  provider: OidcProvider,
  input: { returnTo: unknown; requestId: string },
): Promise<StartedSignIn> {
  const now = deps.clock();
  let configuration: oidc.Configuration;
  try {
    configuration = await provider.configuration();
  } catch (error) {
    if (error instanceof SsoError)
      await auditFailure(deps.db, { requestId: input.requestId, at: now }, error.reason);
    throw error;
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  const browserToken = randomToken();
  await deps.db
    .insertInto('oidc_login_states')
    .values({
      id: sha256Hex(state),
      browser_hash: sha256Hex(browserToken),
      nonce,
      code_verifier: verifier,
      return_to: safeReturnPath(input.returnTo),
      created_at: now.toISOString(),
      expires_at: addMinutes(now, STATE_MINUTES).toISOString(),
    })
    .execute();
  // On the way too, besides housekeeping.ts: sign-ins nobody finished.
  await purgeUnfinishedSignIns(deps.db, now);
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: provider.settings.redirectUrl,
    scope: 'openid profile email',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { authorizationUrl: url.href, browserToken };
}

export interface CompletedSignIn {
  token: string;
  csrfToken: string;
  userId: string;
  returnTo: string;
}

function sameHash(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * The provider sent the browser back. The state is used up first (one row, deleted by exactly one request even
 * with several instances); then the code is exchanged and the ID token checked by openid-client — signature
 * against the provider's published keys, issuer, audience, expiry, nonce — before any claim is read.
 * Every outcome is audited; failures throw an SsoError after their audit entry is committed.
 */
export async function completeSignIn(
  deps: AppDeps,
  provider: OidcProvider,
  input: {
    /** The query string the provider sent (without "?"). */
    query: string;
    browserToken: string | undefined;
    previousSessionId: string | undefined;
    requestId: string;
    /** The client's address: failures are counted per address. */
    ip: string;
  },
): Promise<CompletedSignIn> {
  const attempt: Attempt = { requestId: input.requestId, at: deps.clock() };
  const limit = failureLimit(deps);
  const used = await currentCount(deps.db, limit, input.ip, attempt.at);
  if (used.hits >= limit.limit) {
    throw new Problem('too-many-attempts', { extra: { retryAfterSeconds: used.retryAfterSeconds } });
  }
  try {
    return await signInWithCallback(deps, provider, input, attempt);
  } catch (error) {
    if (error instanceof SsoError) {
      if (!(error instanceof AuditedSsoError)) await auditFailure(deps.db, attempt, error.reason);
      await countRequest(deps.db, limit, input.ip, attempt.at);
    }
    throw error;
  }
}

/** Refused after the account was known; the audit entry (on the account's chain) is already written. */
class AuditedSsoError extends SsoError {}

async function signInWithCallback(
  deps: AppDeps,
  provider: OidcProvider,
  input: { query: string; browserToken: string | undefined; previousSessionId: string | undefined },
  attempt: Attempt,
): Promise<CompletedSignIn> {
  const params = new URLSearchParams(input.query);
  const state = params.get('state');
  if (state === null || state === '') throw new SsoError('state_unknown');
  const row = await deps.db
    .deleteFrom('oidc_login_states')
    .where('id', '=', sha256Hex(state))
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new SsoError('state_unknown');
  if (row.expires_at <= attempt.at.toISOString()) throw new SsoError('state_expired');
  // The callback must come to the browser that started the sign-in: no sign-in forced on someone else.
  if (input.browserToken === undefined || !sameHash(sha256Hex(input.browserToken), row.browser_hash)) {
    throw new SsoError('browser_mismatch');
  }

  const configuration = await provider.configuration();
  const callbackUrl = new URL(provider.settings.redirectUrl);
  callbackUrl.search = params.toString();
  const tokens = await guarded(() =>
    oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: row.code_verifier,
      expectedState: state,
      expectedNonce: row.nonce,
      idTokenExpected: true,
    }),
  );
  const claims = tokens.claims();
  if (!claims) throw new SsoError('token_invalid');
  const mapped = identityFromClaims(claims, provider.settings);
  if (!mapped.ok) throw new SsoError(mapped.reason);

  const outcome = await inTransaction(deps.db, (trx) =>
    provisionAndSignIn(trx, deps, provider.settings, mapped.identity, {
      ...attempt,
      previousSessionId: input.previousSessionId,
    }),
  );
  if (!outcome.ok) throw new AuditedSsoError(outcome.reason);
  return { ...outcome.session, userId: outcome.userId, returnTo: row.return_to };
}

async function accountBy(
  trx: Executor,
  where: { subject: [string, string] } | { username: string },
): Promise<KnownAccount | null> {
  let query = trx
    .selectFrom('users')
    .select(['id', 'organisation_id', 'deactivated_at', 'sso_issuer', 'sso_subject']);
  query =
    'subject' in where
      ? query.where('sso_issuer', '=', where.subject[0]).where('sso_subject', '=', where.subject[1])
      : query.where('username', '=', where.username);
  const row = await query.executeTakeFirst();
  return row
    ? {
        id: row.id,
        organisationId: row.organisation_id,
        active: row.deactivated_at === null,
        ssoIssuer: row.sso_issuer,
        ssoSubject: row.sso_subject,
      }
    : null;
}

/** The org unit a new SSO user joins: the configured one (id or name), else the organisation's oldest. */
async function unitForNewUsers(trx: Executor, settings: OidcConfig): Promise<string | null> {
  let query = trx
    .selectFrom('org_units')
    .select('id')
    .where('organisation_id', '=', settings.organisationId)
    .where('archived_at', 'is', null);
  if (settings.orgUnit !== null) {
    const wanted = settings.orgUnit;
    query = /^[0-9a-f-]{36}$/i.test(wanted)
      ? query.where('id', '=', wanted.toLowerCase())
      : query.where('name', '=', wanted);
  }
  const row = await query.orderBy('created_at').orderBy('id').executeTakeFirst();
  return row?.id ?? null;
}

type Outcome =
  | { ok: true; userId: string; session: { token: string; csrfToken: string } }
  | { ok: false; reason: SsoFailure };

async function provisionAndSignIn(
  trx: Executor,
  deps: AppDeps,
  settings: OidcConfig,
  identity: SsoIdentity,
  attempt: Attempt & { previousSessionId: string | undefined },
): Promise<Outcome> {
  const nowIso = attempt.at.toISOString();
  const organisation = await trx
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', settings.organisationId)
    .executeTakeFirst();
  if (!organisation) {
    await auditFailure(trx, attempt, 'organisation_missing');
    return { ok: false, reason: 'organisation_missing' };
  }
  const decision = decideAccount({
    organisationId: settings.organisationId,
    bySubject: await accountBy(trx, { subject: [settings.issuer, identity.subject] }),
    byUsername: await accountBy(trx, { username: identity.username }),
  });
  const origin = (actorUserId: string | null): AuditOrigin => ({
    actorUserId,
    organisationId: settings.organisationId,
    requestId: attempt.requestId,
    at: attempt.at,
  });

  let userId: string;
  switch (decision.kind) {
    case 'refuse': {
      if (decision.userId) {
        const account = await trx
          .selectFrom('users')
          .select(['id', 'organisation_id'])
          .where('id', '=', decision.userId)
          .executeTakeFirstOrThrow();
        await auditFailure(trx, attempt, decision.reason, {
          id: account.id,
          organisationId: account.organisation_id,
        });
      } else {
        await auditFailure(trx, attempt, decision.reason);
      }
      return { ok: false, reason: decision.reason };
    }
    case 'create': {
      const unit = await unitForNewUsers(trx, settings);
      if (unit === null) {
        await auditFailure(trx, attempt, 'organisation_missing');
        return { ok: false, reason: 'organisation_missing' };
      }
      userId = await insertUserRecord(
        trx,
        {
          organisationId: settings.organisationId,
          username: identity.username,
          displayName: identity.displayName,
          email: identity.email,
          // Never told to anyone: the account signs in only through the provider.
          password: randomToken(),
          roles: identity.roles,
          orgUnitIds: [unit],
        },
        attempt.at,
      );
      await trx
        .updateTable('users')
        .set({ sso_issuer: settings.issuer, sso_subject: identity.subject })
        .where('id', '=', userId)
        .execute();
      await appendAudit(trx, origin(null), {
        action: 'user.create',
        entityType: 'user',
        entityId: userId,
        details: { source: 'sso', roles: identity.roles, orgUnitIds: [unit] },
      });
      break;
    }
    case 'link':
    case 'update': {
      userId = decision.userId;
      if (decision.kind === 'link') {
        // Taken over by the provider: from now on no password sign-in (docs/sso.md).
        const passwordless = await hashPassword(randomToken());
        await trx
          .updateTable('users')
          .set((eb) => ({
            sso_issuer: settings.issuer,
            sso_subject: identity.subject,
            password_hash: passwordless,
            password_changed_at: nowIso,
            updated_at: nowIso,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', userId)
          .execute();
        await appendAudit(trx, origin(null), {
          action: 'user.sso_linked',
          entityType: 'user',
          entityId: userId,
        });
      }
      await syncProfile(trx, userId, identity, origin(null), nowIso);
      break;
    }
  }

  // A new session id at every sign-in (no session fixation); an old session of this browser ends.
  if (attempt.previousSessionId) await endSession(trx, attempt.previousSessionId);
  await trx.updateTable('users').set({ last_login_at: nowIso }).where('id', '=', userId).execute();
  const session = await createSession(trx, deps.config, userId, attempt.at);
  await appendAudit(trx, origin(userId), {
    action: 'auth.login',
    entityType: 'user',
    entityId: userId,
    details: { method: 'oidc' },
  });
  return { ok: true, userId, session };
}

/** Roles, name and e-mail follow the provider at every sign-in; the changes are audited by field, not value. */
async function syncProfile(
  trx: Executor,
  userId: string,
  identity: SsoIdentity,
  origin: AuditOrigin,
  nowIso: string,
): Promise<void> {
  const current = await trx.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  const { added, removed } = roleChanges(
    current.map((r) => r.role as Role),
    identity.roles,
  );
  if (removed.length > 0) {
    await trx.deleteFrom('user_roles').where('user_id', '=', userId).where('role', 'in', removed).execute();
  }
  if (added.length > 0) {
    await trx
      .insertInto('user_roles')
      .values(added.map((role) => ({ user_id: userId, role })))
      .execute();
  }
  const profile = await trx
    .selectFrom('users')
    .select(['display_name', 'email'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const changed = [
    ...(profile.display_name !== identity.displayName ? ['displayName'] : []),
    ...(profile.email !== identity.email ? ['email'] : []),
  ];
  if (changed.length > 0 || added.length > 0 || removed.length > 0) {
    await trx
      .updateTable('users')
      .set((eb) => ({
        display_name: identity.displayName,
        email: identity.email,
        updated_at: nowIso,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', userId)
      .execute();
    await appendAudit(trx, origin, {
      action: 'user.update',
      entityType: 'user',
      entityId: userId,
      details: {
        source: 'sso',
        changed: [...changed, ...(added.length + removed.length > 0 ? ['roles'] : [])],
        ...(added.length > 0 ? { rolesAdded: added } : {}),
        ...(removed.length > 0 ? { rolesRemoved: removed } : {}),
      },
    });
  }
}

/**
 * Sign-ins at the provider that nobody finished, past their ten minutes: their nonce and code verifier are of
 * no use any more. Idempotent, so every instance's housekeeping may run it.
 */
export async function purgeUnfinishedSignIns(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('oidc_login_states').where('expires_at', '<=', now.toISOString()).execute();
}
