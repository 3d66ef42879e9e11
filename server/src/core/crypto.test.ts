import { describe, expect, it } from 'vitest';
import { decryptText, encryptText, generateKeySpec, keyIdOf, parseKeyRing, reencrypt } from './crypto.js';

describe('encryption at rest', () => {
  const ring = parseKeyRing(generateKeySpec('a'));

  it('round-trips text, with a fresh IV every time', () => {
    const one = encryptText(ring, 'Diagnose: Anpassungsstörung');
    const two = encryptText(ring, 'Diagnose: Anpassungsstörung');
    expect(one).not.toBe(two);
    expect(one).not.toContain('Diagnose');
    expect(decryptText(ring, one)).toBe('Diagnose: Anpassungsstörung');
  });

  it('detects tampering (authenticated encryption)', () => {
    const stored = encryptText(ring, 'geheim');
    const parts = stored.split(':');
    const data = Buffer.from(parts[5] ?? '', 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    parts[5] = data.toString('base64');
    expect(() => decryptText(ring, parts.join(':'))).toThrow();
  });

  it('rotates: old values stay readable with the old key, re-encryption moves them to the new one', () => {
    const old = parseKeyRing(generateKeySpec('old'));
    const stored = encryptText(old, 'Therapie seit März');
    const oldSpec = `old:${Buffer.from(old.keys.get('old') ?? []).toString('base64')}`;
    const rotated = parseKeyRing(`${generateKeySpec('new')},${oldSpec}`);
    expect(decryptText(rotated, stored)).toBe('Therapie seit März');
    const moved = reencrypt(rotated, stored);
    expect(keyIdOf(moved)).toBe('new');
    expect(decryptText(rotated, moved)).toBe('Therapie seit März');
    expect(() => decryptText(parseKeyRing(generateKeySpec('other')), moved)).toThrow(/not configured/);
  });

  it.each([['k1:short'], ['nokey'], [''], ['bad id!:' + Buffer.alloc(32).toString('base64')]])(
    'refuses the key spec %j',
    (spec) => {
      expect(() => parseKeyRing(spec)).toThrow();
    },
  );
});
