import { sql, type Kysely } from 'kysely';
import { commaJoined, commaSplit } from '../db/conditions.js';
import type { DB } from '../db/types.js';
import type { Config } from './config.js';
import type { Executor, Role } from './context.js';
import { addMinutes } from './clock.js';
import { randomToken, sha256Hex } from './ids.js';
import { purgeRateLimits } from './rate-limits.js';

/**
 * Server-side sessions in the database (so any app instance behind a load balancer knows them).
 * The browser holds only a random token; the table stores its SHA-256, so a copy of the database
 * does not hand out live sessions.
 */
export interface SessionInfo {
  sessionId: string;
  csrfToken: string;
  userId: string;
  organisationId: string;
  roles: Role[];
  orgUnitIds: string[];
  locale: string;
  /** When the session ends if nothing else happens: the earlier of the idle and the absolute timeout. */
  expiresAt: string;
}

/** Touch the session at most once a minute: idle-timeout precision is not worth a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

export async function createSession(
  trx: Executor,
  config: Config,
  userId: string,
  now: Date,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const absolute = addMinutes(now, config.session.absoluteHours * 60);
  const idle = addMinutes(now, config.session.idleMinutes);
  await trx
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      idle_expires_at: (idle < absolute ? idle : absolute).toISOString(),
      absolute_expires_at: absolute.toISOString(),
    })
    .execute();
  return { token, csrfToken };
}

export type SessionLookup =
  { status: 'valid'; session: SessionInfo } | { status: 'expired' } | { status: 'none' };

export async function resolveSession(
  db: Kysely<DB>,
  config: Config,
  token: string,
  now: Date,
  options: { touch?: boolean } = {},
): Promise<SessionLookup> {
  const id = sha256Hex(token);
  // The session, its user, the user's roles and active org units in one statement (every signed-in request
  // runs it): roles and unit ids are joined into one text each (neither holds a comma).
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select((eb) => [
      'sessions.id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.idle_expires_at',
      'sessions.absolute_expires_at',
      'users.id as user_id',
      'users.organisation_id',
      'users.deactivated_at',
      'users.locale',
      eb
        .selectFrom('user_roles')
        .select(commaJoined(db, sql.ref<string>('user_roles.role')).as('list'))
        .whereRef('user_roles.user_id', '=', 'users.id')
        .as('roles'),
      eb
        .selectFrom('user_org_units')
        .innerJoin('org_units', 'org_units.id', 'user_org_units.org_unit_id')
        .select(commaJoined(db, sql<string>`cast(${sql.ref('org_units.id')} as text)`).as('list'))
        .whereRef('user_org_units.user_id', '=', 'users.id')
        .where('org_units.archived_at', 'is', null)
        .as('units'),
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return { status: 'none' };
  const nowIso = now.toISOString();
  if (row.idle_expires_at <= nowIso || row.absolute_expires_at <= nowIso || row.deactivated_at !== null) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return { status: 'expired' };
  }
  const roles = commaSplit(row.roles).sort() as Role[];
  const orgUnitIds = commaSplit(row.units).sort();
  let idleExpiresAt = row.idle_expires_at;
  // A passive request (the web app asking how long the session has left) is no activity.
  if (options.touch !== false && now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    idleExpiresAt = await touchSession(db, config, id, row.absolute_expires_at, now);
  }
  return {
    status: 'valid',
    session: {
      sessionId: id,
      csrfToken: row.csrf_token,
      userId: row.user_id,
      organisationId: row.organisation_id,
      roles,
      orgUnitIds,
      locale: row.locale,
      expiresAt: idleExpiresAt < row.absolute_expires_at ? idleExpiresAt : row.absolute_expires_at,
    },
  };
}

/** Restarts the idle timeout (never beyond the absolute one); returns the new idle expiry. */
async function touchSession(
  db: Executor,
  config: Config,
  id: string,
  absoluteExpiresAt: string,
  now: Date,
): Promise<string> {
  const idle = addMinutes(now, config.session.idleMinutes).toISOString();
  const idleExpiresAt = idle < absoluteExpiresAt ? idle : absoluteExpiresAt;
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString(), idle_expires_at: idleExpiresAt })
    .where('id', '=', id)
    .execute();
  return idleExpiresAt;
}

/** "Stay signed in" (WCAG 2.2.1): restarts the idle timeout now, whenever it was last touched. */
export async function extendSession(
  db: Executor,
  config: Config,
  session: SessionInfo,
  now: Date,
): Promise<string> {
  const row = await db
    .selectFrom('sessions')
    .select('absolute_expires_at')
    .where('id', '=', session.sessionId)
    .executeTakeFirstOrThrow();
  return touchSession(db, config, session.sessionId, row.absolute_expires_at, now);
}

export async function endSession(trx: Executor, sessionId: string): Promise<void> {
  await trx.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function endAllSessionsOf(trx: Executor, userId: string, except?: string): Promise<void> {
  let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) q = q.where('id', '!=', except);
  await q.execute();
}

/** Housekeeping, safe to run on every instance at once: deletes are idempotent. */
export async function purgeExpired(db: Kysely<DB>, now: Date): Promise<void> {
  const nowIso = now.toISOString();
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('idle_expires_at', '<=', nowIso), eb('absolute_expires_at', '<=', nowIso)]))
    .execute();
  await purgeRateLimits(db, now);
  // Sign-in attempts are kept one day for throttling and incident analysis, then dropped.
  await db
    .deleteFrom('login_attempts')
    .where('attempted_at', '<', new Date(now.getTime() - 24 * 3600_000).toISOString())
    .execute();
}
