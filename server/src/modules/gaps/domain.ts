import { foldName } from '../clients/domain.js';

/**
 * Gap reports ("fehlender Hilfebaustein", BRIEF 6): a needed help that cannot be planned, arranged or adapted,
 * reported to the planning level at any phase [000 L360, L434, L611], anonymised and bundled [001 L1712].
 * Pure rules: the status flow, the check for the linked client's name or birth date, and the keys the
 * planning view bundles by.
 */

export const GAP_STATUSES = ['reported', 'under_review', 'in_planning', 'closed'] as const;
export type GapStatus = (typeof GAP_STATUSES)[number];

export const GAP_OUTCOMES = ['solved', 'declined'] as const;
export type GapOutcome = (typeof GAP_OUTCOMES)[number];

export const URGENCIES = ['low', 'medium', 'high'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const GAP_SOURCES = ['plan_step', 'journal', 'conference', 'standalone'] as const;
export type GapSource = (typeof GAP_SOURCES)[number];

export const GROUP_BY = ['need', 'field', 'targetGroup', 'district'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** Where a report comes from: the most specific link given wins. */
export function sourceOf(links: {
  planStepId?: string | null;
  journalEntryId?: string | null;
  conferenceId?: string | null;
  themeId?: string | null;
}): GapSource {
  if (links.planStepId) return 'plan_step';
  if (links.journalEntryId) return 'journal';
  if (links.conferenceId || links.themeId) return 'conference';
  return 'standalone';
}

// The flow: one step forward at a time; closing (solved or declined) is possible from every open status.
const NEXT: Record<GapStatus, readonly GapStatus[]> = {
  reported: ['under_review', 'closed'],
  under_review: ['in_planning', 'closed'],
  in_planning: ['closed'],
  closed: [],
};

export function allowedStatusMoves(from: GapStatus): readonly GapStatus[] {
  return NEXT[from];
}

export function isOpen(status: GapStatus): boolean {
  return status !== 'closed';
}

export interface Finding {
  pointer: string;
  code: string;
}

export type StatusChangeCheck =
  { ok: true } | { ok: false; notAllowed: true } | { ok: false; errors: Finding[] };

/**
 * Checks a status change: the move must be allowed; closing needs an outcome, and a declined report needs a
 * comment that says why (the reporting case manager reads it); an outcome belongs only to closing.
 */
export function checkStatusChange(
  from: GapStatus,
  change: { status: GapStatus; outcome?: GapOutcome | null; comment?: string | null },
): StatusChangeCheck {
  if (!NEXT[from].includes(change.status)) return { ok: false, notAllowed: true };
  const errors: Finding[] = [];
  const comment = change.comment?.trim() ?? '';
  if (change.status === 'closed') {
    if (!change.outcome) errors.push({ pointer: '/outcome', code: 'required' });
    if (change.outcome === 'declined' && comment === '')
      errors.push({ pointer: '/comment', code: 'required' });
  } else if (change.outcome) {
    errors.push({ pointer: '/outcome', code: 'not-allowed' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true };
}

export interface ClientIdentity {
  familyName: string;
  givenNames: string;
  /** YYYY-MM-DD, or null when only the birth year is known. */
  birthDate: string | null;
}

/** Name parts worth looking for: whole words of at least three letters ("Al" or "Li" would match too much). */
export function nameTokens(client: Pick<ClientIdentity, 'familyName' | 'givenNames'>): string[] {
  const parts = `${client.familyName} ${client.givenNames}`.split(/[^\p{L}\p{M}\p{N}]+/u);
  // Counted before folding: "Zoë" has three letters even though the fold makes "zo" of it.
  const tokens = parts.filter((part) => (part.match(/\p{L}/gu) ?? []).length >= 3).map(foldName);
  return [...new Set(tokens.filter((token) => token !== ''))];
}

/**
 * The ways a birth date is written in German texts: 2004-05-06, 06.05.2004, 6.5.2004, 06.05.04 (also with
 * slashes or a space after the dot). Digits right before or after do not count.
 */
export function birthDatePattern(birthDate: string): RegExp | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!m) return null;
  const [, year = '', month = '', day = ''] = m;
  const d = `0?${Number(day)}`;
  const mo = `0?${Number(month)}`;
  const y = `(?:${year}|${year.slice(2)})`;
  return new RegExp(
    `(?<!\\d)(?:${year}-${month}-${day}|${d}\\.\\s?${mo}\\.\\s?${y}|${d}/${mo}/${y})(?!\\d)`,
    'u',
  );
}

export interface PersonalDataHit {
  pointer: string;
  kind: 'name' | 'birthDate';
}

/**
 * Where the texts of a report contain the linked client's name or birth date: names as whole words, ignoring
 * case and diacritics ("MÜLLER", "Mueller", "muller"); the birth date in the usual spellings. The hits name
 * the field, never the value found.
 */
export function personalDataHits(
  texts: Record<string, string | null | undefined>,
  client: ClientIdentity,
): PersonalDataHit[] {
  const tokens = nameTokens(client);
  const datePattern = client.birthDate ? birthDatePattern(client.birthDate) : null;
  const hits: PersonalDataHit[] = [];
  for (const [pointer, text] of Object.entries(texts)) {
    if (!text) continue;
    const words = new Set(foldName(text).split(' '));
    if (tokens.some((token) => words.has(token))) hits.push({ pointer, kind: 'name' });
    else if (datePattern?.test(text)) hits.push({ pointer, kind: 'birthDate' });
  }
  return hits;
}

/** A free text as stored: trimmed, inner whitespace collapsed; empty becomes null. */
export function tidyText(value: string | null | undefined): string | null {
  const tidy = value?.trim().replace(/\s+/g, ' ') ?? '';
  return tidy === '' ? null : tidy;
}

/**
 * The key reports are bundled by: the need (or target group, district) lower-cased, trimmed, inner
 * whitespace collapsed — "Kita-Platz  für U3" and "kita-platz für u3" are one bundle.
 */
export function bundleKey(value: string | null | undefined): string | null {
  return tidyText(value)?.toLowerCase() ?? null;
}

/** The trend bucket of a date: its month (YYYY-MM). */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Every month from the one of `from` to the one of `to`, inclusive (empty when `to` is before `from`). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = monthOf(to);
  for (;;) {
    const current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (current > last) break;
    out.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

/** The last day of a date's month minus (n - 1) months back: the default period is the last 12 months. */
export function defaultPeriod(today: string, months = 12): { from: string; to: string } {
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7)) - (months - 1);
  while (month < 1) {
    month += 12;
    year -= 1;
  }
  return { from: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`, to: today };
}

/** Longest period the planning view shows month by month (five years). */
export const MAX_TREND_MONTHS = 60;
