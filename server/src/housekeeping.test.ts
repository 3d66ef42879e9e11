import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from './core/ids.js';
import { runHousekeeping } from './housekeeping.js';
import { createOrganisation, createTestApp, type TestApp } from './test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('housekeeping', () => {
  it('clears what has run out and keeps what is still valid', async () => {
    const org = await createOrganisation(t.deps);
    const user = org.users.case_manager.id;
    const now = new Date('2026-12-05T12:00:00.000Z');
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
    const db = t.deps.db;
    for (const [id, expires] of [
      ['ended', at(-1)],
      ['running', at(30)],
    ] as const) {
      await db
        .insertInto('sessions')
        .values({
          id: `session-${id}`,
          user_id: user,
          csrf_token: `csrf-${id}`,
          created_at: at(-60),
          last_seen_at: at(-5),
          idle_expires_at: expires,
          absolute_expires_at: at(600),
        })
        .execute();
      await db
        .insertInto('pending_logins')
        .values({
          id: `pending-${id}`,
          user_id: user,
          purpose: 'verify',
          created_at: at(-10),
          expires_at: expires,
        })
        .execute();
      await db
        .insertInto('oidc_login_states')
        .values({
          id: `state-${id}`,
          browser_hash: `browser-${id}`,
          nonce: `nonce-${id}`,
          code_verifier: `verifier-${id}`,
          return_to: '/',
          created_at: at(-10),
          expires_at: expires,
        })
        .execute();
    }
    const [oldAttempt, recentAttempt] = [newId(), newId()];
    await db
      .insertInto('login_attempts')
      .values([
        { id: oldAttempt, ip: '192.0.2.1', attempted_at: at(-25 * 60), succeeded: false },
        { id: recentAttempt, ip: '192.0.2.1', attempted_at: at(-60), succeeded: false },
      ])
      .execute();

    await runHousekeeping(db, now);

    const ids = async (table: 'sessions' | 'pending_logins' | 'oidc_login_states' | 'login_attempts') =>
      (await db.selectFrom(table).select('id').execute()).map((r) => r.id).sort();
    expect(await ids('sessions')).toEqual(['session-running']);
    expect(await ids('pending_logins')).toEqual(['pending-running']);
    expect(await ids('oidc_login_states')).toEqual(['state-running']);
    expect(await ids('login_attempts')).toEqual([recentAttempt]);
  });
});
