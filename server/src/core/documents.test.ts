import { describe, expect, it } from 'vitest';
import { matchesContentType } from './documents.js';

describe('a document is what its first bytes say', () => {
  const bytes = (...b: number[]) => Uint8Array.from([...b, 0, 0, 0, 0, 0, 0, 0, 0]);
  it.each<[string, Uint8Array, 'application/pdf' | 'image/png' | 'image/jpeg', boolean]>([
    ['a PDF', bytes(0x25, 0x50, 0x44, 0x46, 0x2d), 'application/pdf', true],
    ['a PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'image/png', true],
    ['a JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg', true],
    ['HTML called a PDF', bytes(0x3c, 0x68, 0x74, 0x6d, 0x6c), 'application/pdf', false],
    ['a PDF called a PNG', bytes(0x25, 0x50, 0x44, 0x46), 'image/png', false],
    ['too short', Uint8Array.from([0xff, 0xd8]), 'image/jpeg', false],
  ])('%s', (_name, content, type, expected) => {
    expect(matchesContentType(content, type)).toBe(expected);
  });
});
