import { describe, expect, it } from 'vitest';
import { activeLock, checkPasswordPolicy, normaliseUsername } from './domain.js';

describe('password policy', () => {
  it.each([
    ['short', 'kurz', false],
    ['eleven characters', 'Hilfeplan 2', false],
    ['twelve characters', 'Hilfeplan 26', true],
    ['twelve characters with umlauts counted as characters', 'äöüßäöüßäöüß', true],
    ['long passphrase', 'Lotse lotst durch den Hilfedschungel', true],
    ['breached (core/passwords.test.ts has the whole policy)', '1q2w3e4r5t6y', false],
  ])('%s', (_name, password, ok) => {
    expect(checkPasswordPolicy(password) === null).toBe(ok);
  });
});

describe('usernames', () => {
  it('ignores case and surrounding space', () => {
    expect(normaliseUsername('  Fall.Managerin ')).toBe('fall.managerin');
  });
});

describe('account lock', () => {
  const now = new Date('2026-11-23T10:00:00.000Z');
  it.each([
    [null, null],
    ['2026-11-23T09:59:59.000Z', null],
    ['2026-11-23T10:05:00.000Z', '2026-11-23T10:05:00.000Z'],
  ])('locked until %s → %s', (until, expected) => {
    expect(activeLock(until, now)).toBe(expected);
  });
});
