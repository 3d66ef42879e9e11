/** Usernames are compared without case; stored in lower case. */
export const USERNAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$';

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** The password policy lives in core/passwords.ts (length, username, breached-password list). */
export { checkPasswordPolicy, type PasswordProblem } from '../../core/passwords.js';

/** A lock counts only while it lasts. */
export function activeLock(lockedUntil: string | null, now: Date): string | null {
  return lockedUntil !== null && lockedUntil > now.toISOString() ? lockedUntil : null;
}
