import type { Kysely } from 'kysely';
import { addMinutes } from '../../core/clock.js';
import type { Executor } from '../../core/context.js';
import { randomToken, sha256Hex } from '../../core/ids.js';
import type { DB } from '../../db/types.js';

/**
 * A sign-in whose password was right and that waits for its second step: a code (verify) or setting up the
 * factor the organisation requires (enrol). It is no session — no route but the second step accepts it —
 * and lives in the database like sessions (any app instance can finish it; the browser holds only a random
 * token, the table its SHA-256).
 */
export type PendingPurpose = 'verify' | 'enrol';

export const PENDING_LOGIN_COOKIE = 'lotse_pending_login';
export const PENDING_LOGIN_PATH = '/api/auth/login';

/** Long enough to fetch the phone; setting up an app takes longer than typing a code. */
export const PENDING_LOGIN_MINUTES: Record<PendingPurpose, number> = { verify: 5, enrol: 15 };

export interface PendingLogin {
  id: string;
  userId: string;
  purpose: PendingPurpose;
}

export async function createPendingLogin(
  trx: Executor,
  userId: string,
  purpose: PendingPurpose,
  now: Date,
): Promise<string> {
  const token = randomToken();
  // One waiting sign-in per user; expired ones of anyone go on the way (and in housekeeping.ts).
  await trx
    .deleteFrom('pending_logins')
    .where((eb) => eb.or([eb('user_id', '=', userId), eb('expires_at', '<=', now.toISOString())]))
    .execute();
  await trx
    .insertInto('pending_logins')
    .values({
      id: sha256Hex(token),
      user_id: userId,
      purpose,
      created_at: now.toISOString(),
      expires_at: addMinutes(now, PENDING_LOGIN_MINUTES[purpose]).toISOString(),
    })
    .execute();
  return token;
}

export async function findPendingLogin(
  db: Kysely<DB>,
  token: string | undefined,
  purpose: PendingPurpose,
  now: Date,
): Promise<PendingLogin | null> {
  if (!token) return null;
  const row = await db
    .selectFrom('pending_logins')
    .select(['id', 'user_id', 'purpose'])
    .where('id', '=', sha256Hex(token))
    .where('purpose', '=', purpose)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row ? { id: row.id, userId: row.user_id, purpose: row.purpose } : null;
}

export async function endPendingLogins(trx: Executor, userId: string): Promise<void> {
  await trx.deleteFrom('pending_logins').where('user_id', '=', userId).execute();
}

/** Sign-ins waiting for their second step past their time (idempotent: every instance's housekeeping runs it). */
export async function purgeExpiredPendingLogins(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('pending_logins').where('expires_at', '<=', now.toISOString()).execute();
}
