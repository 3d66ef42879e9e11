import { describe, expect, it } from 'vitest';
import { codeName, codeOptions, COUNTRY_CODES, LANGUAGE_CODES } from './codes';

describe('code lists', () => {
  it('has every code once, in the form the server accepts', () => {
    expect(new Set(COUNTRY_CODES).size).toBe(COUNTRY_CODES.length);
    expect(COUNTRY_CODES.length).toBe(250);
    expect(COUNTRY_CODES.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
    expect(new Set(LANGUAGE_CODES).size).toBe(LANGUAGE_CODES.length);
    expect(LANGUAGE_CODES.every((code) => /^[a-z]{2,3}$/.test(code))).toBe(true);
  });

  it('names codes in the UI language', () => {
    expect(codeName('SY', 'de', 'region')).toBe('Syrien');
    expect(codeName('SY', 'en', 'region')).toBe('Syria');
    expect(codeName('ar', 'de', 'language')).toBe('Arabisch');
    expect(codeName('prs', 'de', 'language')).toBe('Dari');
  });

  it('sorts by name in the UI language', () => {
    const labels = codeOptions(['AT', 'OM', 'DE'], 'de', 'region').map((option) => option.label);
    expect(labels).toEqual(['Deutschland', 'Oman', 'Österreich']);
  });
});
