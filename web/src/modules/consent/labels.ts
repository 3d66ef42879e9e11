import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_LANGUAGES,
  DATA_CATEGORIES,
  isOneOf,
  LEGAL_BASES,
  PURPOSES,
  RECIPIENT_KINDS,
  SUBJECT_REQUEST_KINDS,
  type Consent,
  type ConsentKind,
  type DataCategory,
  type Purpose,
  type RecipientKind,
} from '../../api/types';

/** The id of the privacy section on the client page, so notices and the case file can link to it. */
export const PRIVACY_SECTION_ID = 'datenschutz';

/** The German (or English) names of the data-protection vocabulary; unknown values are shown as they are. */
export function usePrivacyLabels() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      kind: (kind: ConsentKind) => t(`privacy.kinds.${kind}`),
      purpose: (purpose: string | null) =>
        isOneOf(PURPOSES, purpose) ? t(`privacy.purposes.${purpose}`) : (purpose ?? '–'),
      category: (category: string) =>
        isOneOf(DATA_CATEGORIES, category) ? t(`privacy.categories.${category}`) : category,
      categories(categories: readonly string[]): string {
        return categories
          .map((c) => (isOneOf(DATA_CATEGORIES, c) ? t(`privacy.categories.${c}`) : c))
          .join(', ');
      },
      recipientKind: (kind: string) =>
        isOneOf(RECIPIENT_KINDS, kind) ? t(`privacy.recipientKinds.${kind}`) : kind,
      legalBasis: (basis: string) => (isOneOf(LEGAL_BASES, basis) ? t(`privacy.legalBases.${basis}`) : basis),
      language: (language: string) =>
        isOneOf(CONSENT_LANGUAGES, language) ? t(`consent.languages.${language}`) : language,
      requestKind: (kind: string) =>
        isOneOf(SUBJECT_REQUEST_KINDS, kind) ? t(`privacy.requestKinds.${kind}`) : kind,
    }),
    [t],
  );
}

export type ConsentStatus = 'valid' | 'revoked' | 'expired' | 'notYet';

/** Whether a consent holds today, in words a reader can act on; the server decides validity. */
export function consentStatus(consent: Consent, today: string): ConsentStatus {
  if (consent.revoked !== null) return 'revoked';
  if (consent.validToday) return 'valid';
  return consent.givenOn > today ? 'notYet' : 'expired';
}

/**
 * The address of the print view of a form: kind and language only. A release's details (the recipient may name
 * a person, e.g. a doctor) never go into an address, where browser history and access logs would keep them;
 * they travel in the navigation state (printState) and from there in the body of a POST.
 */
export function printPath(kind: ConsentKind, language: string, { release = false } = {}): string {
  // `?release=1` names no detail: it only tells the print page that a release's details were meant to come
  // with the navigation, so a page opened without them (a new tab) can say so.
  return `/print/consent/${kind}/${language}${release ? `?${RELEASE_EXPECTED}=1` : ''}`;
}

/** The address flag of a print opened from a release form (printPath). */
export const RELEASE_EXPECTED = 'release';

/** The details of a release the print view fills in; a field left empty is not there. */
export interface PrintRelease {
  recipient?: string;
  purpose?: string;
  categories: DataCategory[];
  validUntil?: string;
}

/** Navigation state for the print view of a release, handed over with the link (never in the address). */
export interface ConsentPrintState {
  release: PrintRelease;
}

/** The navigation state for printing a release with its details: blank recipient, purpose and end left out. */
export function printState(release: {
  recipient: string;
  purpose: string;
  categories: readonly DataCategory[];
  validUntil: string;
}): ConsentPrintState {
  return {
    release: {
      ...(release.recipient.trim() !== '' ? { recipient: release.recipient.trim() } : {}),
      ...(release.purpose !== '' ? { purpose: release.purpose } : {}),
      categories: [...release.categories],
      ...(release.validUntil !== '' ? { validUntil: release.validUntil } : {}),
    },
  };
}

/**
 * The release's details handed over in the navigation state, checked field by field: texts only as non-blank
 * strings, categories only known ones (each once), the end only as YYYY-MM-DD; anything else is left out.
 */
export function printReleaseFromState(state: unknown): PrintRelease {
  const given: Record<string, unknown> =
    typeof state === 'object' &&
    state !== null &&
    'release' in state &&
    typeof state.release === 'object' &&
    state.release !== null
      ? (state.release as Record<string, unknown>)
      : {};
  const text = (key: 'recipient' | 'purpose') => {
    const value = given[key];
    return typeof value === 'string' ? value.trim() : '';
  };
  const recipient = text('recipient');
  const purpose = text('purpose');
  const categories = Array.isArray(given.categories)
    ? [...new Set(given.categories.filter((c): c is DataCategory => isOneOf(DATA_CATEGORIES, c)))]
    : [];
  const validUntil = given.validUntil;
  return {
    ...(recipient !== '' ? { recipient } : {}),
    ...(purpose !== '' ? { purpose } : {}),
    categories,
    ...(typeof validUntil === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(validUntil) ? { validUntil } : {}),
  };
}

/** What the release form on the client page starts with when the user comes from a refused disclosure. */
export interface ReleasePrefill {
  recipientKind: RecipientKind;
  recipientName: string;
  purpose: Purpose;
  categories: DataCategory[];
}

export function releasePrefillOf(state: unknown): ReleasePrefill | null {
  if (typeof state !== 'object' || state === null || !('releasePrefill' in state)) return null;
  const value: unknown = state.releasePrefill;
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isOneOf(RECIPIENT_KINDS, v.recipientKind) || typeof v.recipientName !== 'string') return null;
  if (!isOneOf(PURPOSES, v.purpose) || !Array.isArray(v.categories)) return null;
  return {
    recipientKind: v.recipientKind,
    recipientName: v.recipientName,
    purpose: v.purpose,
    categories: v.categories.filter((c): c is DataCategory => isOneOf(DATA_CATEGORIES, c)),
  };
}
