import { describe, expect, it } from 'vitest';
import {
  acceptedStep,
  newRecoveryCode,
  newTotpSecret,
  normaliseRecoveryCode,
  normaliseTotpCode,
  otpauthUri,
  timeStep,
  totpCode,
} from './domain.js';

// RFC 6238 appendix B: the SHA-1 test secret "12345678901234567890" in base32, at 59 s → 94287082 (8 digits).
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('computes the RFC 6238 reference value (last six digits)', () => {
    expect(totpCode(RFC_SECRET, new Date(59_000))).toBe('287082');
    expect(totpCode(RFC_SECRET, new Date(1_111_111_109_000))).toBe('081804');
  });

  it('accepts the current step and one step either way, and nothing further off', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-12-05T10:00:15Z');
    const step = timeStep(now);
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    const cases: [string, number, number | null][] = [
      ['current', 0, step],
      ['previous step', -30, step - 1],
      ['next step', 30, step + 1],
      ['two steps back', -60, null],
      ['two steps ahead', 60, null],
      ['ten minutes old', -600, null],
    ];
    for (const [label, offset, expected] of cases) {
      expect(acceptedStep(secret, totpCode(secret, at(offset)), now, null), label).toBe(expected);
    }
  });

  it('refuses a code of a step already used or older (replay)', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-12-05T10:00:15Z');
    const code = totpCode(secret, now);
    expect(acceptedStep(secret, code, now, timeStep(now))).toBeNull();
    expect(acceptedStep(secret, code, now, timeStep(now) + 1)).toBeNull();
    expect(acceptedStep(secret, code, now, timeStep(now) - 1)).toBe(timeStep(now));
  });

  it('refuses a code of another secret and malformed input', () => {
    const now = new Date('2026-12-05T10:00:15Z');
    const code = totpCode(newTotpSecret(), now);
    const other = newTotpSecret();
    // one in a million: another secret could give the same code in the window — pick one that does not
    const secret = acceptedStep(other, code, now, null) === null ? other : newTotpSecret();
    expect(acceptedStep(secret, code, now, null)).toBeNull();
    expect(acceptedStep(secret, 'abcdef', now, null)).toBeNull();
    expect(acceptedStep(secret, '12345', now, null)).toBeNull();
  });

  it('reads codes with spaces as apps show them', () => {
    expect(normaliseTotpCode(' 123 456 ')).toBe('123456');
    expect(normaliseTotpCode('1234567')).toBeNull();
    expect(normaliseTotpCode('12a456')).toBeNull();
  });

  it('builds the otpauth URI with issuer, account and parameters', () => {
    const uri = new URL(otpauthUri(RFC_SECRET, 'm.muster'));
    expect(uri.protocol).toBe('otpauth:');
    expect(decodeURIComponent(uri.host + uri.pathname)).toBe('totp/Lotse:m.muster');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: 'Lotse',
      secret: RFC_SECRET,
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});

describe('recovery codes', () => {
  it('are four groups of four from the unambiguous alphabet, and differ', () => {
    const codes = Array.from({ length: 50 }, () => newRecoveryCode());
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(new Set(codes).size).toBe(50);
  });

  it('ignore case, dashes and spaces, and read O, I, L as digits', () => {
    expect(normaliseRecoveryCode('7k2m-q9xd 0abc-defg')).toBe('7K2MQ9XD0ABCDEFG');
    expect(normaliseRecoveryCode('o1il')).toBe('0111');
  });
});
