import { describe, expect, it } from 'vitest';
import { de } from './de';
import { en } from './en';

function keysOf(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]: [string, unknown]) =>
    typeof child === 'object' && child !== null ? keysOf(child, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('translations', () => {
  it('German and English have exactly the same keys', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(de).sort());
  });

  it('has no empty texts', () => {
    for (const [name, resource] of [
      ['de', de],
      ['en', en],
    ] as const) {
      const empty = keysOf(resource).filter((key) => {
        const text = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resource);
        return typeof text !== 'string' || text.trim() === '';
      });
      expect(empty, name).toEqual([]);
    }
  });

  it('translates every problem code the server documents', () => {
    const codes = [
      'invalid-credentials',
      'account-locked',
      'too-many-attempts',
      'validation',
      'version-conflict',
      'username-taken',
      'org-unit-in-use',
      'forbidden',
      'not-found',
      'not-authenticated',
      'csrf',
      'internal',
      'name-taken',
      'last-org-unit',
      'break-glass-required',
      'possible-duplicate',
      'phase-move-not-allowed',
      'case-closed',
    ];
    expect(codes.filter((code) => !(code in de.problems))).toEqual([]);
    expect(codes.filter((code) => !(code in en.problems))).toEqual([]);
  });
});
