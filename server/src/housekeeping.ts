import type { Kysely } from 'kysely';
import { purgeExpired } from './core/sessions.js';
import type { DB } from './db/types.js';
import { purgeExpiredPendingLogins } from './modules/auth/pending-logins.js';
import { purgeUnfinishedSignIns } from './modules/sso/service.js';

/**
 * What every app instance clears every ten minutes (main.ts): ended sessions, used-up rate-limit windows,
 * sign-in attempts older than a day, and sign-ins that were never finished — waiting for their second step, or
 * at the OpenID provider. Each step is idempotent, so instances need not agree on who runs it.
 */
export async function runHousekeeping(db: Kysely<DB>, now: Date): Promise<void> {
  await purgeExpired(db, now);
  await purgeExpiredPendingLogins(db, now);
  await purgeUnfinishedSignIns(db, now);
}
