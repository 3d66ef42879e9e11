import { audit, auditRead, inTransaction, readAudited } from '../../core/audit.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { decryptText, encryptText, type KeyRing } from '../../core/crypto.js';
import { fieldError, Problem, type Locale } from '../../core/errors.js';
import { newId, sha256Hex } from '../../core/ids.js';
import { verifyPassword } from '../../core/passwords.js';
import { authorize } from '../../core/policy.js';
import { endAllSessionsOf } from '../../core/sessions.js';
import {
  acceptedStep,
  newRecoveryCode,
  newTotpSecret,
  normaliseRecoveryCode,
  otpauthUri,
  RECOVERY_CODE_COUNT,
} from './domain.js';
import { secondFactorPolicy } from './policy.js';

/**
 * The second factor (issue 10): a TOTP authenticator app per user, set up in two steps (the secret is
 * shown, then a code from the app confirms it), with ten one-time recovery codes for a lost phone. The
 * secret is stored encrypted with the key ring, recovery codes only as hashes; neither ever reaches the
 * audit log. The sign-in flow (modules/auth) uses `checkCode` and `useRecoveryCode`.
 */
export type SecondFactorStatus = 'none' | 'pending' | 'confirmed';

export interface SecondFactorView {
  status: SecondFactorStatus;
  confirmedAt: string | null;
  recoveryCodesLeft: number;
  /** The organisation requires a second factor of every member: it cannot be switched off. */
  requiredByOrganisation: boolean;
}

export interface EnrolmentView {
  /** otpauth://totp/… for the QR code. */
  otpauthUri: string;
  /** The same secret in base32, for typing into the app by hand. */
  secret: string;
}

export interface ReauthInput {
  password?: string;
  code?: string;
}

// ---------------------------------------------------------------- building blocks (sign-in, settings)

export async function secondFactorStatus(db: Executor, userId: string): Promise<SecondFactorStatus> {
  const row = await db
    .selectFrom('user_second_factors')
    .select('state')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.state ?? 'none';
}

export async function organisationRequiresSecondFactor(
  db: Executor,
  organisationId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('organisations')
    .select('second_factor_required')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  return Boolean(row?.second_factor_required);
}

/** A fresh secret, pending until a code confirms it; a pending set-up started earlier is replaced. */
export async function beginEnrolment(
  trx: Executor,
  keys: KeyRing,
  userId: string,
  now: Date,
): Promise<EnrolmentView> {
  const user = await trx
    .selectFrom('users')
    .select('username')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if ((await secondFactorStatus(trx, userId)) === 'confirmed') throw new Problem('second-factor-active');
  const secret = newTotpSecret();
  await trx.deleteFrom('user_second_factors').where('user_id', '=', userId).execute();
  await trx
    .insertInto('user_second_factors')
    .values({
      user_id: userId,
      secret: encryptText(keys, secret),
      state: 'pending',
      created_at: now.toISOString(),
      confirmed_at: null,
      last_used_step: null,
    })
    .execute();
  return { otpauthUri: otpauthUri(secret, user.username), secret };
}

/** The first code from the app proves it holds the secret; answers the recovery codes, shown once. */
export async function confirmEnrolment(
  trx: Executor,
  keys: KeyRing,
  userId: string,
  code: string,
  now: Date,
  locale: Locale,
): Promise<string[]> {
  const row = await trx
    .selectFrom('user_second_factors')
    .select(['secret', 'state', 'last_used_step'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row || row.state !== 'pending') throw new Problem('second-factor-missing');
  const step = acceptedStep(decryptText(keys, row.secret), code, now, row.last_used_step);
  if (step === null) {
    throw new Problem('validation', { errors: [fieldError('/code', 'wrong-code', locale)] });
  }
  await trx
    .updateTable('user_second_factors')
    .set({ state: 'confirmed', confirmed_at: now.toISOString(), last_used_step: step })
    .where('user_id', '=', userId)
    .execute();
  return replaceRecoveryCodes(trx, userId, now);
}

/**
 * Checks a TOTP code of a confirmed factor and uses it up: the step is recorded with a guarded update, so
 * of two requests with the same code (also on two app instances) only one succeeds.
 */
export async function checkCode(
  trx: Executor,
  keys: KeyRing,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const row = await trx
    .selectFrom('user_second_factors')
    .select(['secret', 'last_used_step'])
    .where('user_id', '=', userId)
    .where('state', '=', 'confirmed')
    .executeTakeFirst();
  if (!row) return false;
  const step = acceptedStep(decryptText(keys, row.secret), code, now, row.last_used_step);
  if (step === null) return false;
  const result = await trx
    .updateTable('user_second_factors')
    .set({ last_used_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Uses up one recovery code; answers whether it was valid and how many are left. */
export async function useRecoveryCode(
  trx: Executor,
  userId: string,
  code: string,
  now: Date,
): Promise<{ used: boolean; left: number }> {
  const result = await trx
    .updateTable('recovery_codes')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', sha256Hex(normaliseRecoveryCode(code)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return { used: Number(result.numUpdatedRows) === 1, left: await recoveryCodesLeft(trx, userId) };
}

async function recoveryCodesLeft(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function replaceRecoveryCodes(trx: Executor, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx
    .insertInto('recovery_codes')
    .values(
      codes.map((code) => ({
        id: newId(),
        user_id: userId,
        code_hash: sha256Hex(normaliseRecoveryCode(code)),
        created_at: now.toISOString(),
        used_at: null,
      })),
    )
    .execute();
  return codes;
}

async function removeSecondFactor(trx: Executor, userId: string): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx.deleteFrom('user_second_factors').where('user_id', '=', userId).execute();
}

async function viewOf(db: Executor, userId: string, organisationId: string): Promise<SecondFactorView> {
  const row = await db
    .selectFrom('user_second_factors')
    .select(['state', 'confirmed_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const status = row?.state ?? 'none';
  return {
    status,
    confirmedAt: status === 'confirmed' ? (row?.confirmed_at ?? null) : null,
    recoveryCodesLeft: status === 'confirmed' ? await recoveryCodesLeft(db, userId) : 0,
    requiredByOrganisation: await organisationRequiresSecondFactor(db, organisationId),
  };
}

/**
 * Switching enforcement on: the admin must use a second factor already (proof that the set-up works in
 * this installation, and no admin locks their organisation out). Members without one lose their sessions
 * and set one up at their next sign-in.
 */
export async function enforceSecondFactor(
  trx: Executor,
  ctx: RequestContext,
  organisationId: string,
): Promise<{ sessionsEnded: number }> {
  if ((await secondFactorStatus(trx, ctx.actor.userId)) !== 'confirmed') {
    throw new Problem('second-factor-missing', {
      errors: [fieldError('/secondFactorRequired', 'own-second-factor-first', ctx.locale)],
    });
  }
  const result = await trx
    .deleteFrom('sessions')
    .where('user_id', 'in', (eb) =>
      eb
        .selectFrom('users')
        .select('users.id')
        .where('users.organisation_id', '=', organisationId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('user_second_factors')
                .select('user_second_factors.user_id')
                .whereRef('user_second_factors.user_id', '=', 'users.id')
                .where('user_second_factors.state', '=', 'confirmed'),
            ),
          ),
        ),
    )
    .executeTakeFirst();
  return { sessionsEnded: Number(result.numDeletedRows) };
}

// ---------------------------------------------------------------- the own account

export async function getOwnSecondFactor(deps: AppDeps, ctx: RequestContext): Promise<SecondFactorView> {
  return viewOf(deps.db, ctx.actor.userId, ctx.actor.organisationId);
}

export async function startOwnEnrolment(deps: AppDeps, ctx: RequestContext): Promise<EnrolmentView> {
  return inTransaction(deps.db, async (trx) => {
    const enrolment = await beginEnrolment(trx, deps.keys, ctx.actor.userId, ctx.now);
    await audit(trx, ctx, {
      action: 'second_factor.enrolment_started',
      entityType: 'user',
      entityId: ctx.actor.userId,
    });
    return enrolment;
  });
}

export async function confirmOwnEnrolment(
  deps: AppDeps,
  ctx: RequestContext,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  return inTransaction(deps.db, async (trx) => {
    const recoveryCodes = await confirmEnrolment(trx, deps.keys, ctx.actor.userId, code, ctx.now, ctx.locale);
    await audit(trx, ctx, {
      action: 'second_factor.confirmed',
      entityType: 'user',
      entityId: ctx.actor.userId,
    });
    return { recoveryCodes };
  });
}

/** Switching off or new recovery codes need the password or a current code: an unlocked PC is not enough. */
async function reauthenticate(
  trx: Executor,
  deps: AppDeps,
  ctx: RequestContext,
  input: ReauthInput,
): Promise<void> {
  if (input.code !== undefined) {
    if (await checkCode(trx, deps.keys, ctx.actor.userId, input.code, ctx.now)) return;
    throw new Problem('validation', { errors: [fieldError('/code', 'wrong-code', ctx.locale)] });
  }
  if (input.password !== undefined) {
    const row = await trx
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', ctx.actor.userId)
      .executeTakeFirstOrThrow();
    if (await verifyPassword(row.password_hash, input.password)) return;
    throw new Problem('validation', { errors: [fieldError('/password', 'wrong-password', ctx.locale)] });
  }
  throw new Problem('validation', { errors: [fieldError('/password', 'password-or-code', ctx.locale)] });
}

export async function disableOwnSecondFactor(
  deps: AppDeps,
  ctx: RequestContext,
  input: ReauthInput,
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    if ((await secondFactorStatus(trx, ctx.actor.userId)) === 'none')
      throw new Problem('second-factor-missing');
    if (await organisationRequiresSecondFactor(trx, ctx.actor.organisationId)) {
      throw new Problem('second-factor-required');
    }
    await reauthenticate(trx, deps, ctx, input);
    await removeSecondFactor(trx, ctx.actor.userId);
    await audit(trx, ctx, {
      action: 'second_factor.disabled',
      entityType: 'user',
      entityId: ctx.actor.userId,
    });
  });
}

export async function regenerateRecoveryCodes(
  deps: AppDeps,
  ctx: RequestContext,
  input: ReauthInput,
): Promise<{ recoveryCodes: string[] }> {
  return inTransaction(deps.db, async (trx) => {
    if ((await secondFactorStatus(trx, ctx.actor.userId)) !== 'confirmed') {
      throw new Problem('second-factor-missing');
    }
    await reauthenticate(trx, deps, ctx, input);
    const recoveryCodes = await replaceRecoveryCodes(trx, ctx.actor.userId, ctx.now);
    await audit(trx, ctx, {
      action: 'second_factor.recovery_codes_renewed',
      entityType: 'user',
      entityId: ctx.actor.userId,
    });
    return { recoveryCodes };
  });
}

// ---------------------------------------------------------------- the org admin

async function targetUser(db: Executor, id: string): Promise<{ id: string; organisationId: string }> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  // Unknown and foreign users look the same (404 by the policy's conceal).
  return { id, organisationId: row?.organisation_id ?? '' };
}

export async function getUserSecondFactor(
  deps: AppDeps,
  ctx: RequestContext,
  userId: string,
): Promise<SecondFactorView> {
  return readAudited(deps.db, async (trx) => {
    const target = await targetUser(trx, userId);
    authorize(ctx.actor, secondFactorPolicy.read, target, { conceal: true });
    // Like the user record itself: the admin's look at a colleague's account is recorded.
    await auditRead(trx, ctx, 'user', userId, { part: 'second_factor' });
    return viewOf(trx, userId, target.organisationId);
  });
}

/** A lost phone: the factor and the recovery codes go, the user's sessions end; they set up anew. */
export async function resetUserSecondFactor(
  deps: AppDeps,
  ctx: RequestContext,
  userId: string,
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const target = await targetUser(trx, userId);
    authorize(ctx.actor, secondFactorPolicy.reset, target, { conceal: true });
    const before = await secondFactorStatus(trx, userId);
    await removeSecondFactor(trx, userId);
    await endAllSessionsOf(trx, userId);
    await audit(trx, ctx, {
      action: 'second_factor.reset',
      entityType: 'user',
      entityId: userId,
      details: { before },
    });
  });
}
