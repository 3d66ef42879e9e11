import { describe, expect, it } from 'vitest';
import type { Consent } from '../../api/types';
import { consentStatus, printPath, printReleaseFromState, printState, releasePrefillOf } from './labels';

const consent = (changes: Partial<Consent>): Consent => ({
  id: 'c1',
  clientId: 'k1',
  kind: 'data_processing',
  givenBy: 'client',
  guardian: null,
  form: 'oral',
  witness: 'W',
  document: null,
  givenOn: '2026-01-10',
  validUntil: null,
  language: 'ar',
  templateId: null,
  recipient: null,
  purpose: null,
  categories: [],
  revoked: null,
  validToday: true,
  version: 1,
  ...changes,
});

describe('consentStatus', () => {
  it.each<[string, Partial<Consent>, string]>([
    ['valid today', {}, 'valid'],
    ['revoked wins over validity', { revoked: { on: '2026-02-01', by: 'client' } }, 'revoked'],
    ['past its end', { validToday: false, validUntil: '2026-01-20' }, 'expired'],
    ['given for a later day', { validToday: false, givenOn: '2026-12-01' }, 'notYet'],
  ])('%s', (_name, changes, expected) => {
    expect(consentStatus(consent(changes), '2026-03-01')).toBe(expected);
  });
});

describe('printPath', () => {
  it('names kind and language only, never a release detail', () => {
    expect(printPath('data_processing', 'ar')).toBe('/print/consent/data_processing/ar');
    expect(printPath('release', 'uk')).toBe('/print/consent/release/uk');
  });
});

describe('printState', () => {
  it('hands recipient, purpose, categories and end over, blank ones left out', () => {
    expect(
      printState({
        recipient: ' Dr. med. Sommer ',
        purpose: 'Vermittlung',
        categories: ['master_data', 'residence'],
        validUntil: '',
      }),
    ).toEqual({
      release: {
        recipient: 'Dr. med. Sommer',
        purpose: 'Vermittlung',
        categories: ['master_data', 'residence'],
      },
    });
    expect(printState({ recipient: '  ', purpose: '', categories: [], validUntil: '2026-12-31' })).toEqual({
      release: { categories: [], validUntil: '2026-12-31' },
    });
  });
});

describe('printReleaseFromState', () => {
  it('takes the details handed over, checked field by field', () => {
    const state = printState({
      recipient: 'Dr. med. Sommer',
      purpose: 'Vermittlung',
      categories: ['health'],
      validUntil: '2026-12-31',
    });
    expect(printReleaseFromState(state)).toEqual(state.release);
    expect(
      printReleaseFromState({
        release: {
          recipient: 42,
          purpose: ' ',
          categories: ['health', 'bogus', 7, 'health', 'residence'],
          validUntil: '31.12.2026',
        },
      }),
    ).toEqual({ categories: ['health', 'residence'] });
    expect(printReleaseFromState({ release: { categories: 'health', validUntil: null } })).toEqual({
      categories: [],
    });
  });

  it('finds nothing in any other state', () => {
    for (const state of [
      null,
      undefined,
      'release',
      { release: null },
      { releasePrefill: {} },
      { filters: {} },
    ]) {
      expect(printReleaseFromState(state)).toEqual({ categories: [] });
    }
  });
});

describe('releasePrefillOf', () => {
  it('takes a refused disclosure over and ignores anything else', () => {
    const prefill = {
      recipientKind: 'organisation',
      recipientName: 'Jobcenter',
      purpose: 'referral',
      categories: ['master_data', 'bogus'],
    };
    expect(releasePrefillOf({ releasePrefill: prefill })).toEqual({
      ...prefill,
      categories: ['master_data'],
    });
    expect(releasePrefillOf(null)).toBeNull();
    expect(releasePrefillOf({ releasePrefill: { ...prefill, purpose: 'gossip' } })).toBeNull();
  });
});
