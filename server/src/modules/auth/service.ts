import { appendAudit, audit, inTransaction, type AuditOrigin } from '../../core/audit.js';
import { addMinutes } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext, Role } from '../../core/context.js';
import { fieldError, Problem, type Locale } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../core/passwords.js';
import { nextLockMinutes } from '../../core/rate-limits.js';
import { createSession, endAllSessionsOf, endSession } from '../../core/sessions.js';
import {
  beginEnrolment,
  checkCode,
  confirmEnrolment,
  organisationRequiresSecondFactor,
  secondFactorStatus,
  useRecoveryCode,
  type EnrolmentView,
} from '../secondfactor/service.js';
import { activeLock, checkPasswordPolicy, normaliseUsername } from '../users/domain.js';
import { loadUserViews } from '../users/service.js';
import {
  createPendingLogin,
  endPendingLogins,
  findPendingLogin,
  type PendingPurpose,
} from './pending-logins.js';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  locale: 'de' | 'en';
  organisation: { id: string; name: string };
  roles: Role[];
  orgUnits: { id: string; name: string }[];
}

export async function loadMe(deps: AppDeps, userId: string, now: Date): Promise<Me> {
  const view = (await loadUserViews(deps.db, [userId], now)).get(userId);
  const org = await deps.db
    .selectFrom('organisations')
    .innerJoin('users', 'users.organisation_id', 'organisations.id')
    .select(['organisations.id', 'organisations.name'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!view || !org) throw new Problem('not-authenticated');
  return {
    id: view.id,
    username: view.username,
    displayName: view.displayName,
    email: view.email,
    locale: view.locale,
    organisation: org,
    roles: view.roles,
    orgUnits: view.orgUnits,
  };
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  me: Me;
}

/** A right password either signs in, or — with a second factor — leads to the second step. */
export type LoginOutcome =
  ({ kind: 'session' } & LoginResult) | { kind: 'second-factor'; pendingToken: string; step: PendingPurpose };

function secondsUntil(iso: string, now: Date): number {
  return Math.max(1, Math.ceil((new Date(iso).getTime() - now.getTime()) / 1000));
}

/**
 * Sign-in with throttling: per IP address (many failures from one place → 429) and per account
 * (after N failures the account is locked for a while → 423). Unknown users and wrong passwords get
 * the same answer in the same time. Failures are committed before the error is returned.
 */
/** Many failures from one address (passwords or codes) → 429 for a while. */
async function refuseThrottledAddress(deps: AppDeps, ip: string, now: Date): Promise<void> {
  const { login: rules } = deps.config;
  const windowStart = addMinutes(now, -rules.ipWindowMinutes).toISOString();
  const recent = await deps.db
    .selectFrom('login_attempts')
    .select([(eb) => eb.fn.countAll<number>().as('failures'), (eb) => eb.fn.min('attempted_at').as('oldest')])
    .where('ip', '=', ip)
    .where('attempted_at', '>', windowStart)
    .where('succeeded', '=', false)
    .executeTakeFirst();
  if (recent && Number(recent.failures) >= rules.ipMaxFailures) {
    const oldest = recent.oldest ? String(recent.oldest) : now.toISOString();
    throw new Problem('too-many-attempts', {
      extra: {
        retryAfterSeconds: secondsUntil(
          addMinutes(new Date(oldest), rules.ipWindowMinutes).toISOString(),
          now,
        ),
      },
    });
  }
}

/**
 * A wrong password or second-factor code: counts towards the account lock (the lock's length backs off, see
 * `nextLockMinutes`), records the attempt for the per-address limit and audits it, in one transaction. A lock
 * also ends the user's waiting sign-ins. Returns the end of the lock when this failure locked the account.
 */
async function recordFailedAttempt(
  deps: AppDeps,
  attempt: {
    userId: string;
    failures: number;
    ip: string;
    origin: AuditOrigin;
    action: 'auth.login_failed' | 'auth.second_factor_failed';
    reason: string;
  },
): Promise<{ lockedUntil: string | null }> {
  const { login: rules } = deps.config;
  const now = attempt.origin.at;
  const lockNow = attempt.failures >= rules.maxFailures;
  const lockMinutes = lockNow ? await nextLockMinutes(deps.db, attempt.userId, rules.lockMinutes, now) : 0;
  const until = addMinutes(now, lockMinutes).toISOString();
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('users')
      .set(
        lockNow ? { failed_login_count: 0, locked_until: until } : { failed_login_count: attempt.failures },
      )
      .where('id', '=', attempt.userId)
      .execute();
    if (lockNow) await endPendingLogins(trx, attempt.userId);
    await trx
      .insertInto('login_attempts')
      .values({ id: newId(), ip: attempt.ip, attempted_at: now.toISOString(), succeeded: false })
      .execute();
    await appendAudit(trx, attempt.origin, {
      action: lockNow ? 'auth.account_locked' : attempt.action,
      entityType: 'user',
      entityId: attempt.userId,
      details: { reason: attempt.reason, failures: attempt.failures },
    });
  });
  return { lockedUntil: lockNow ? until : null };
}

export async function login(
  deps: AppDeps,
  input: { username: string; password: string; ip: string; requestId: string; previousSessionId?: string },
): Promise<LoginOutcome> {
  const now = deps.clock();
  const nowIso = now.toISOString();
  const origin = { actorUserId: null, organisationId: null, requestId: input.requestId, at: now };
  await refuseThrottledAddress(deps, input.ip, now);

  const recordAttempt = (succeeded: boolean) =>
    deps.db
      .insertInto('login_attempts')
      .values({ id: newId(), ip: input.ip, attempted_at: nowIso, succeeded })
      .execute();

  const user = await deps.db
    .selectFrom('users')
    .select([
      'id',
      'organisation_id',
      'password_hash',
      'deactivated_at',
      'locked_until',
      'failed_login_count',
    ])
    .where('username', '=', normaliseUsername(input.username))
    .executeTakeFirst();

  if (!user || user.deactivated_at !== null) {
    await verifyAgainstDummy(input.password);
    await inTransaction(deps.db, async (trx) => {
      await trx
        .insertInto('login_attempts')
        .values({ id: newId(), ip: input.ip, attempted_at: nowIso, succeeded: false })
        .execute();
      // No username in the log: a mistyped password in the username field must not end up there.
      await appendAudit(trx, origin, {
        action: 'auth.login_failed',
        entityType: 'session',
        details: { reason: 'unknown_user' },
      });
    });
    throw new Problem('invalid-credentials');
  }

  const userOrigin = { ...origin, organisationId: user.organisation_id };
  const lockedUntil = activeLock(user.locked_until, now);
  if (lockedUntil) {
    await inTransaction(deps.db, async (trx) => {
      await trx
        .insertInto('login_attempts')
        .values({ id: newId(), ip: input.ip, attempted_at: nowIso, succeeded: false })
        .execute();
      await appendAudit(trx, userOrigin, {
        action: 'auth.login_refused',
        entityType: 'user',
        entityId: user.id,
        details: { reason: 'locked' },
      });
    });
    throw new Problem('account-locked', { extra: { retryAfterSeconds: secondsUntil(lockedUntil, now) } });
  }

  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failure = await recordFailedAttempt(deps, {
      userId: user.id,
      failures: user.failed_login_count + 1,
      ip: input.ip,
      origin: userOrigin,
      action: 'auth.login_failed',
      reason: 'wrong_password',
    });
    if (failure.lockedUntil)
      throw new Problem('account-locked', {
        extra: { retryAfterSeconds: secondsUntil(failure.lockedUntil, now) },
      });
    throw new Problem('invalid-credentials');
  }

  // With a second factor (or when the organisation requires one) the password opens only the second step.
  // The failure count stays: a right password must not reset the count of wrong codes.
  const factor = await secondFactorStatus(deps.db, user.id);
  if (factor === 'confirmed' || (await organisationRequiresSecondFactor(deps.db, user.organisation_id))) {
    const step: PendingPurpose = factor === 'confirmed' ? 'verify' : 'enrol';
    const pendingToken = await inTransaction(deps.db, async (trx) => {
      if (input.previousSessionId) await endSession(trx, input.previousSessionId);
      const token = await createPendingLogin(trx, user.id, step, now);
      await appendAudit(
        trx,
        { ...userOrigin, actorUserId: user.id },
        { action: 'auth.second_factor_needed', entityType: 'user', entityId: user.id, details: { step } },
      );
      return token;
    });
    return { kind: 'second-factor', pendingToken, step };
  }

  const session = await inTransaction(deps.db, async (trx) => {
    // A new session id at every sign-in (no session fixation); an old session of this browser ends.
    if (input.previousSessionId) await endSession(trx, input.previousSessionId);
    await trx
      .updateTable('users')
      .set({ failed_login_count: 0, locked_until: null, last_login_at: nowIso })
      .where('id', '=', user.id)
      .execute();
    const created = await createSession(trx, deps.config, user.id, now);
    await appendAudit(
      trx,
      { ...userOrigin, actorUserId: user.id },
      { action: 'auth.login', entityType: 'user', entityId: user.id },
    );
    return created;
  });
  await recordAttempt(true);
  return { kind: 'session', ...session, me: await loadMe(deps, user.id, now) };
}

/** The session at the end of a sign-in; the user's waiting sign-ins end with it. */
async function startSession(
  trx: Executor,
  deps: AppDeps,
  user: { id: string; organisationId: string },
  now: Date,
  requestId: string,
  details: Record<string, unknown>,
): Promise<{ token: string; csrfToken: string }> {
  await endPendingLogins(trx, user.id);
  await trx
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: null, last_login_at: now.toISOString() })
    .where('id', '=', user.id)
    .execute();
  const created = await createSession(trx, deps.config, user.id, now);
  await appendAudit(
    trx,
    { actorUserId: user.id, organisationId: user.organisationId, requestId, at: now },
    { action: 'auth.login', entityType: 'user', entityId: user.id, details },
  );
  return created;
}

async function pendingUser(deps: AppDeps, userId: string, now: Date) {
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'organisation_id', 'deactivated_at', 'locked_until', 'failed_login_count'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.deactivated_at !== null) throw new Problem('second-factor-login-expired');
  const lockedUntil = activeLock(user.locked_until, now);
  if (lockedUntil)
    throw new Problem('account-locked', { extra: { retryAfterSeconds: secondsUntil(lockedUntil, now) } });
  return { id: user.id, organisationId: user.organisation_id, failures: user.failed_login_count };
}

/**
 * The second step: a code from the authenticator app, or one of the recovery codes. Wrong codes count
 * like wrong passwords — towards the account's lock (which ends the waiting sign-in) and the address's
 * throttle — and are committed before the error is returned.
 */
export async function completeSecondFactorLogin(
  deps: AppDeps,
  input: {
    pendingToken: string | undefined;
    code?: string;
    recoveryCode?: string;
    ip: string;
    requestId: string;
  },
  locale: Locale,
): Promise<LoginResult> {
  const now = deps.clock();
  await refuseThrottledAddress(deps, input.ip, now);
  const pending = await findPendingLogin(deps.db, input.pendingToken, 'verify', now);
  if (!pending) throw new Problem('second-factor-login-expired');
  const field = input.code !== undefined ? '/code' : '/recoveryCode';
  if ((input.code === undefined) === (input.recoveryCode === undefined)) {
    throw new Problem('validation', { errors: [fieldError('/code', 'required', locale)] });
  }
  const user = await pendingUser(deps, pending.userId, now);
  const method = input.code !== undefined ? 'totp' : 'recovery_code';

  const session = await inTransaction(deps.db, async (trx) => {
    let details: Record<string, unknown> = { secondFactor: method };
    if (input.code !== undefined) {
      if (!(await checkCode(trx, deps.keys, user.id, input.code, now))) return null;
    } else {
      const recovery = await useRecoveryCode(trx, user.id, input.recoveryCode ?? '', now);
      if (!recovery.used) return null;
      details = { ...details, recoveryCodesLeft: recovery.left };
    }
    return startSession(trx, deps, user, now, input.requestId, details);
  });
  if (session) {
    await deps.db
      .insertInto('login_attempts')
      .values({ id: newId(), ip: input.ip, attempted_at: now.toISOString(), succeeded: true })
      .execute();
    return { ...session, me: await loadMe(deps, user.id, now) };
  }

  const failure = await recordFailedAttempt(deps, {
    userId: user.id,
    failures: user.failures + 1,
    ip: input.ip,
    origin: { actorUserId: null, organisationId: user.organisationId, requestId: input.requestId, at: now },
    action: 'auth.second_factor_failed',
    reason: `wrong_${method}`,
  });
  if (failure.lockedUntil)
    throw new Problem('account-locked', {
      extra: { retryAfterSeconds: secondsUntil(failure.lockedUntil, now) },
    });
  throw new Problem('second-factor-invalid', { errors: [fieldError(field, 'wrong-code', locale)] });
}

/** Forced enrolment, step 1: the organisation requires a factor the user has not set up yet. */
export async function startLoginEnrolment(
  deps: AppDeps,
  input: { pendingToken: string | undefined; requestId: string },
): Promise<EnrolmentView> {
  const now = deps.clock();
  const pending = await findPendingLogin(deps.db, input.pendingToken, 'enrol', now);
  if (!pending) throw new Problem('second-factor-login-expired');
  const user = await pendingUser(deps, pending.userId, now);
  return inTransaction(deps.db, async (trx) => {
    const enrolment = await beginEnrolment(trx, deps.keys, user.id, now);
    await appendAudit(
      trx,
      { actorUserId: user.id, organisationId: user.organisationId, requestId: input.requestId, at: now },
      { action: 'second_factor.enrolment_started', entityType: 'user', entityId: user.id },
    );
    return enrolment;
  });
}

/** Forced enrolment, step 2: the first code confirms the factor and completes the sign-in. */
export async function confirmLoginEnrolment(
  deps: AppDeps,
  input: { pendingToken: string | undefined; code: string; ip: string; requestId: string },
  locale: Locale,
): Promise<LoginResult & { recoveryCodes: string[] }> {
  const now = deps.clock();
  const pending = await findPendingLogin(deps.db, input.pendingToken, 'enrol', now);
  if (!pending) throw new Problem('second-factor-login-expired');
  const user = await pendingUser(deps, pending.userId, now);
  const { recoveryCodes, session } = await inTransaction(deps.db, async (trx) => {
    const codes = await confirmEnrolment(trx, deps.keys, user.id, input.code, now, locale);
    await appendAudit(
      trx,
      { actorUserId: user.id, organisationId: user.organisationId, requestId: input.requestId, at: now },
      { action: 'second_factor.confirmed', entityType: 'user', entityId: user.id },
    );
    const created = await startSession(trx, deps, user, now, input.requestId, { secondFactor: 'enrolled' });
    return { recoveryCodes: codes, session: created };
  });
  await deps.db
    .insertInto('login_attempts')
    .values({ id: newId(), ip: input.ip, attempted_at: now.toISOString(), succeeded: true })
    .execute();
  return { ...session, recoveryCodes, me: await loadMe(deps, user.id, now) };
}

export async function logout(deps: AppDeps, ctx: RequestContext, sessionId: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    await endSession(trx, sessionId);
    await audit(trx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId });
  });
}

export async function changeOwnPassword(
  deps: AppDeps,
  ctx: RequestContext,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const row = await deps.db
    .selectFrom('users')
    .select(['password_hash', 'username'])
    .where('id', '=', ctx.actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw new Problem('validation', {
      errors: [fieldError('/currentPassword', 'wrong-password', ctx.locale)],
    });
  }
  const weak = checkPasswordPolicy(input.newPassword, { username: row.username });
  if (weak) {
    throw new Problem('validation', {
      errors: [
        fieldError(
          '/newPassword',
          weak.code,
          ctx.locale,
          'limit' in weak ? { limit: weak.limit } : undefined,
        ),
      ],
    });
  }
  const hash = await hashPassword(input.newPassword);
  await inTransaction(deps.db, async (trx) => {
    const at = ctx.now.toISOString();
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: hash,
        password_changed_at: at,
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', ctx.actor.userId)
      .execute();
    // Other sessions (another browser, a forgotten PC) end; this one stays.
    await endAllSessionsOf(trx, ctx.actor.userId, sessionId);
    await audit(trx, ctx, { action: 'user.password_change', entityType: 'user', entityId: ctx.actor.userId });
  });
}

export async function setOwnLocale(deps: AppDeps, ctx: RequestContext, locale: 'de' | 'en'): Promise<Me> {
  await inTransaction(deps.db, async (trx) => {
    await trx.updateTable('users').set({ locale }).where('id', '=', ctx.actor.userId).execute();
    await audit(trx, ctx, {
      action: 'user.preferences',
      entityType: 'user',
      entityId: ctx.actor.userId,
      details: { locale },
    });
  });
  return loadMe(deps, ctx.actor.userId, ctx.now);
}
