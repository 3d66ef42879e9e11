import { appendAudit, audit, inTransaction } from '../../core/audit.js';
import { addMinutes } from '../../core/clock.js';
import type { AppDeps, RequestContext, Role } from '../../core/context.js';
import { fieldError, Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../core/passwords.js';
import { createSession, endAllSessionsOf, endSession } from '../../core/sessions.js';
import { activeLock, checkPasswordPolicy, normaliseUsername } from '../users/domain.js';
import { loadUserViews } from '../users/service.js';

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

function secondsUntil(iso: string, now: Date): number {
  return Math.max(1, Math.ceil((new Date(iso).getTime() - now.getTime()) / 1000));
}

/**
 * Sign-in with throttling: per IP address (many failures from one place → 429) and per account
 * (after N failures the account is locked for a while → 423). Unknown users and wrong passwords get
 * the same answer in the same time. Failures are committed before the error is returned.
 */
export async function login(
  deps: AppDeps,
  input: { username: string; password: string; ip: string; requestId: string; previousSessionId?: string },
): Promise<LoginResult> {
  const now = deps.clock();
  const nowIso = now.toISOString();
  const { login: rules } = deps.config;
  const windowStart = addMinutes(now, -rules.ipWindowMinutes).toISOString();
  const origin = { actorUserId: null, organisationId: null, requestId: input.requestId, at: now };

  const recent = await deps.db
    .selectFrom('login_attempts')
    .select([(eb) => eb.fn.countAll<number>().as('failures'), (eb) => eb.fn.min('attempted_at').as('oldest')])
    .where('ip', '=', input.ip)
    .where('attempted_at', '>', windowStart)
    .where('succeeded', '=', false)
    .executeTakeFirst();
  if (recent && Number(recent.failures) >= rules.ipMaxFailures) {
    const oldest = recent.oldest ? String(recent.oldest) : nowIso;
    throw new Problem('too-many-attempts', {
      extra: {
        retryAfterSeconds: secondsUntil(
          addMinutes(new Date(oldest), rules.ipWindowMinutes).toISOString(),
          now,
        ),
      },
    });
  }

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
    const failures = user.failed_login_count + 1;
    const lockNow = failures >= rules.maxFailures;
    const until = addMinutes(now, rules.lockMinutes).toISOString();
    await inTransaction(deps.db, async (trx) => {
      await trx
        .updateTable('users')
        .set(lockNow ? { failed_login_count: 0, locked_until: until } : { failed_login_count: failures })
        .where('id', '=', user.id)
        .execute();
      await trx
        .insertInto('login_attempts')
        .values({ id: newId(), ip: input.ip, attempted_at: nowIso, succeeded: false })
        .execute();
      await appendAudit(trx, userOrigin, {
        action: lockNow ? 'auth.account_locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        details: { reason: 'wrong_password', failures },
      });
    });
    if (lockNow)
      throw new Problem('account-locked', { extra: { retryAfterSeconds: secondsUntil(until, now) } });
    throw new Problem('invalid-credentials');
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
  return { ...session, me: await loadMe(deps, user.id, now) };
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
    .select('password_hash')
    .where('id', '=', ctx.actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw new Problem('validation', {
      errors: [fieldError('/currentPassword', 'wrong-password', ctx.locale)],
    });
  }
  const weak = checkPasswordPolicy(input.newPassword);
  if (weak) {
    throw new Problem('validation', {
      errors: [fieldError('/newPassword', weak.code, ctx.locale, { limit: weak.limit })],
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
