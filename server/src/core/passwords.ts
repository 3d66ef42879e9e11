import fs from 'node:fs';
import path from 'node:path';
import argon2 from 'argon2';
import { fieldError, Problem, type Locale } from './errors.js';

/** Refuses a password the policy does not allow: a 400 problem naming the field, never echoing the password. */
export function assertPasswordPolicy(
  password: string,
  pointer: string,
  locale: Locale,
  context: { username?: string } = {},
): void {
  const problem = checkPasswordPolicy(password, context);
  if (problem === null) return;
  const params = 'limit' in problem ? { limit: problem.limit } : undefined;
  throw new Problem('validation', { errors: [fieldError(pointer, problem.code, locale, params)] });
}

/** argon2id with the OWASP-recommended minimum parameters (19 MiB, 2 iterations). */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The password policy (issue 10; NIST SP 800-63B 3.1.1.2, BSI IT-Grundschutz ORP.4.A22, ASVS 2.1): length
 * counts, composition rules do not. At least 12 characters, at most 128 (ASVS 2.1.2), not the username, and
 * not on the bundled list of breached and common passwords (server/resources/breached-passwords.txt).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_POLICY_MAX_LENGTH = 128;
/** What request schemas accept in a password field (sign-in included); the policy's maximum is lower. */
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem =
  | { code: 'password-too-weak'; limit: number }
  | { code: 'password-too-long'; limit: number }
  | { code: 'password-equals-username' }
  | { code: 'password-breached' };

const BREACHED_LIST = path.resolve(import.meta.dirname, '../../resources/breached-passwords.txt');
let breached: Set<string> | null = null;

/** The list is read once, on the first password that is set, and kept (about 60,000 entries, a few MB). */
function breachedPasswords(): Set<string> {
  breached ??= new Set(
    fs
      .readFileSync(BREACHED_LIST, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return breached;
}

export function isBreachedPassword(password: string): boolean {
  return breachedPasswords().has(password.trim().toLowerCase());
}

/** Checks a new password; null when it may be used. Characters are counted as code points (emoji count once). */
export function checkPasswordPolicy(
  password: string,
  context: { username?: string } = {},
): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return { code: 'password-too-weak', limit: PASSWORD_MIN_LENGTH };
  if (length > PASSWORD_POLICY_MAX_LENGTH)
    return { code: 'password-too-long', limit: PASSWORD_POLICY_MAX_LENGTH };
  const username = context.username?.trim().toLowerCase();
  if (username && password.trim().toLowerCase() === username) return { code: 'password-equals-username' };
  if (isBreachedPassword(password)) return { code: 'password-breached' };
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/** Spends the same time as a real check, so response times do not reveal whether a username exists. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('lotse-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}
