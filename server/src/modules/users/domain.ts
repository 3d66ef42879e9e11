import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../core/passwords.js';

/** Usernames are compared without case; stored in lower case. */
export const USERNAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$';

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export type PasswordProblem = { code: 'password-too-weak'; limit: number } | null;

/** The password policy of the foundation; the breached-password list comes with the hardening issue. */
export function checkPasswordPolicy(password: string): PasswordProblem {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return { code: 'password-too-weak', limit: PASSWORD_MIN_LENGTH };
  if (password.length > PASSWORD_MAX_LENGTH) return { code: 'password-too-weak', limit: PASSWORD_MIN_LENGTH };
  return null;
}

/** A lock counts only while it lasts. */
export function activeLock(lockedUntil: string | null, now: Date): string | null {
  return lockedUntil !== null && lockedUntil > now.toISOString() ? lockedUntil : null;
}
