import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPasswordPolicy,
  isBreachedPassword,
  PASSWORD_MIN_LENGTH,
  PASSWORD_POLICY_MAX_LENGTH,
} from './passwords.js';

describe('password policy', () => {
  it.each([
    ['elf Zeichen', {}, { code: 'password-too-weak', limit: 12 }],
    ['zwölf Zeichen', {}, null],
    // Counted in characters, not UTF-16 units: eleven emoji are eleven characters.
    ['😀'.repeat(11), {}, { code: 'password-too-weak', limit: 12 }],
    ['x'.repeat(128) + 'ä', {}, { code: 'password-too-long', limit: 128 }],
    ['ä'.repeat(128), {}, null],
    ['Alex.Admin.2026', { username: 'alex.admin.2026' }, { code: 'password-equals-username' }],
    [' alex.admin.2026 ', { username: 'Alex.Admin.2026' }, { code: 'password-equals-username' }],
    ['alex.admin.2026!', { username: 'alex.admin.2026' }, null],
    // From the SecLists top million, in any case.
    ['1q2w3e4r5t6y', {}, { code: 'password-breached' }],
    ['QAZWSXEDCRFV', {}, { code: 'password-breached' }],
    // Common German ones.
    ['ichliebedich', {}, { code: 'password-breached' }],
    ['Passwort12345', {}, { code: 'password-breached' }],
    ['Sommer2024!!', {}, { code: 'password-breached' }],
    ['Borussia1909', {}, { code: 'password-breached' }],
    // The passwords the demo, the tests and the bench use stay usable.
    ['Lotse-Demo-2026', { username: 'fallmanagerin' }, null],
    ['correct horse battery', { username: 'case-manager-x' }, null],
    ['Bench-Passwort-2026!', {}, null],
  ] as const)('%s → %j', (password, context, expected) => {
    expect(checkPasswordPolicy(password, context)).toEqual(expected);
  });

  it('refuses every password shorter than the minimum and accepts long random ones', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: PASSWORD_MIN_LENGTH - 1 }), (password) => {
        fc.pre([...password].length < PASSWORD_MIN_LENGTH);
        expect(checkPasswordPolicy(password)?.code).toBe('password-too-weak');
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ minLength: 40, maxLength: PASSWORD_POLICY_MAX_LENGTH, unit: 'binary-ascii' }),
        (password) => {
          expect(checkPasswordPolicy(password)).toBeNull();
        },
      ),
    );
  });

  it('reads the list with its comment lines left out', () => {
    expect(isBreachedPassword('# Breached and common passwords refused by Lotse')).toBe(false);
    expect(isBreachedPassword('123qweasdzxc')).toBe(true);
  });
});
