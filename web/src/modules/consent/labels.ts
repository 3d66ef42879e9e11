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

/** The address of the print view of a form, with the details a release names. */
export function printPath(
  kind: ConsentKind,
  language: string,
  release?: { recipient: string; purpose: string; categories: readonly string[]; validUntil: string },
): string {
  const params = new URLSearchParams();
  if (release) {
    if (release.recipient.trim() !== '') params.set('recipient', release.recipient.trim());
    if (release.purpose !== '') params.set('purpose', release.purpose);
    for (const category of release.categories) params.append('categories', category);
    if (release.validUntil !== '') params.set('validUntil', release.validUntil);
  }
  const query = params.toString();
  return `/print/consent/${kind}/${language}${query ? `?${query}` : ''}`;
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
