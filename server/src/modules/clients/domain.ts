/** Master data rules of a client (Klient:in): vocabularies, name search, duplicates, age. Pure, no I/O. */

export const GENDERS = ['female', 'male', 'diverse', 'not_stated'] as const;
export type Gender = (typeof GENDERS)[number];

/** Residence status (Aufenthaltsstatus) as the case-file issue lists them. */
export const RESIDENCE_STATUSES = [
  'residence_permit', // Aufenthaltserlaubnis
  'settlement_permit', // Niederlassungserlaubnis
  'permission_to_reside', // Aufenthaltsgestattung
  'toleration', // Duldung
  'eu_free_movement', // EU-Freizügigkeit
  'german_citizen', // deutsche Staatsangehörigkeit
  'visa', // Visum
  'none', // ohne
  'other', // sonstige
] as const;
export type ResidenceStatus = (typeof RESIDENCE_STATUSES)[number];

/** Rechtskreis: the social code book that governs the client's benefits. */
export const LEGAL_DOMAINS = ['sgb2', 'sgb3', 'sgb8', 'sgb12', 'asylblg', 'none'] as const;
export type LegalDomain = (typeof LEGAL_DOMAINS)[number];

export const LANGUAGE_LEVELS = ['native', 'c2', 'c1', 'b2', 'b1', 'a2', 'a1', 'none'] as const;

export const RELATIONS = [
  'parent',
  'guardian',
  'partner',
  'sibling',
  'child',
  'relative',
  'friend',
  'other',
] as const;
export type Relation = (typeof RELATIONS)[number];

/**
 * Folds a name for search: case and diacritics are ignored and German transliterations are equal, so
 * "Müller", "Mueller" and "muller" all become "muller" (ß → ss, æ/ä/ae → a, ö/oe → o, ü/ue → u), and
 * "YILMAZ" finds "Yılmaz" (Turkish dotless ı), "Wałęsa" is "walesa".
 * Scripts without Latin letters (Arabic, Cyrillic, …) stay as entered, lower-cased.
 */
export function foldName(value: string): string {
  return (
    value
      .toLowerCase()
      .replace(/ß/g, 'ss')
      // Letters that Unicode does not decompose into base letter + mark.
      .replace(/ı/g, 'i')
      .replace(/ø/g, 'o')
      .replace(/[đð]/g, 'd')
      .replace(/ł/g, 'l')
      .replace(/æ/g, 'ae')
      .replace(/œ/g, 'oe')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/ae/g, 'a')
      .replace(/oe/g, 'o')
      .replace(/ue/g, 'u')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

export function searchKey(familyName: string, givenNames: string): string {
  return `${foldName(familyName)} ${foldName(givenNames)}`.trim();
}

/** Levenshtein distance, for "similar name" (typos, a swapped letter). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/**
 * Possible duplicate: same birth date (or the same year where only the year is known) and a similar name —
 * folded family names at most one edit apart per five letters, and given names sharing their first part.
 */
export function isPossibleDuplicate(
  candidate: { familyName: string; givenNames: string; birthDate: string | null; birthYear: number | null },
  existing: { familyName: string; givenNames: string; birthDate: string | null; birthYear: number | null },
): boolean {
  const sameBirth =
    candidate.birthDate && existing.birthDate
      ? candidate.birthDate === existing.birthDate
      : candidate.birthYear !== null && candidate.birthYear === existing.birthYear;
  if (!sameBirth) return false;
  const fa = foldName(candidate.familyName);
  const fb = foldName(existing.familyName);
  const allowed = Math.max(1, Math.floor(Math.max(fa.length, fb.length) / 5));
  if (editDistance(fa, fb) > allowed) return false;
  const ga = foldName(candidate.givenNames).split(' ')[0] ?? '';
  const gb = foldName(existing.givenNames).split(' ')[0] ?? '';
  return (
    ga === '' ||
    gb === '' ||
    editDistance(ga, gb) <= Math.max(1, Math.floor(Math.max(ga.length, gb.length) / 5))
  );
}

/** Age in whole years on a day; null when only the birth year is known and the day is ambiguous. */
export function ageOn(birthDate: string | null, birthYear: number | null, day: string): number | null {
  const [y, m, d] = day.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return null;
  if (birthDate) {
    const [by, bm, bd] = birthDate.split('-').map(Number);
    if (by === undefined || bm === undefined || bd === undefined) return null;
    return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  }
  return birthYear === null ? null : y - birthYear;
}

export function birthYearOf(birthDate: string | null, birthYear: number | null): number | null {
  return birthDate ? Number(birthDate.slice(0, 4)) : birthYear;
}
