import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * The second factor's rules without I/O: TOTP as every authenticator app speaks it (RFC 6238: SHA-1,
 * 6 digits, 30-second steps; one step of clock drift either way), and one-time recovery codes.
 */
export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
const TOTP_WINDOW = 1;
const ISSUER = 'Lotse';

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 without I, L, O, U: nothing to confuse when typed from paper.
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECOVERY_GROUPS = 4;
const RECOVERY_GROUP_LENGTH = 4;

function totp(secretBase32: string, accountName = ''): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: accountName,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** 160 random bits (RFC 4226's recommendation), base32 as authenticator apps expect for manual entry. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI the QR code carries. */
export function otpauthUri(secretBase32: string, accountName: string): string {
  return totp(secretBase32, accountName).toString();
}

/** The 30-second time step a moment falls in. */
export function timeStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** Six digits; spaces (as apps show "123 456") are ignored. Anything else is no code. */
export function normaliseTotpCode(input: string): string | null {
  const code = input.replace(/\s+/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The time step a code belongs to, if it is valid now (±1 step) and newer than the last code accepted:
 * a code is accepted once, and never one older than one already used (RFC 6238 section 5.2).
 */
export function acceptedStep(
  secretBase32: string,
  input: string,
  at: Date,
  lastUsedStep: number | null,
): number | null {
  const code = normaliseTotpCode(input);
  if (code === null) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: at.getTime(), window: TOTP_WINDOW });
  if (delta === null) return null;
  const step = timeStep(at) + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? null : step;
}

/** The code an authenticator app shows at a moment (for tests and the demo). */
export function totpCode(secretBase32: string, at: Date): string {
  return totp(secretBase32).generate({ timestamp: at.getTime() });
}

/** "7K2M-Q9XD-…": 16 characters of a 32-letter alphabet, 80 random bits. */
export function newRecoveryCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < RECOVERY_GROUPS; g++) {
    let group = '';
    for (let i = 0; i < RECOVERY_GROUP_LENGTH; i++) group += RECOVERY_ALPHABET[randomInt(32)] ?? '';
    groups.push(group);
  }
  return groups.join('-');
}

/** Case, dashes and spaces do not matter; O, I and L are read as 0, 1 and 1 as Crockford suggests. */
export function normaliseRecoveryCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}
