import {
  recipientKey,
  releaseCovers,
  type CoverageResult,
  type DataCategory,
  type ReleaseFacts,
} from '../consent/domain.js';

/**
 * Case conferences (BRIEF 3; KIM's two-part conference [004 L5740–5766]). Pure rules: which kinds exist,
 * who may take part, how the status moves, whether a release covers an external participant, and whether a
 * text that must stay anonymous names the client.
 */

export const CONFERENCE_KINDS = ['case', 'helpers', 'development', 'handover'] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];

export const CONFERENCE_STATUSES = ['planned', 'invited', 'held', 'cancelled'] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];

export const PARTICIPANT_KINDS = ['internal', 'partner_contact', 'family', 'other', 'client'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

/** Participants outside the case team's organisation: they hear personal data only with a release. */
export const EXTERNAL_KINDS: readonly ParticipantKind[] = ['partner_contact', 'family', 'other'];

export function isExternal(kind: ParticipantKind): boolean {
  return EXTERNAL_KINDS.includes(kind);
}

export interface Finding {
  pointer: string;
  code: string;
  params?: Record<string, unknown>;
}

/** A participant as the request sends it: the kind says which of the other fields belong to it. */
export interface ParticipantFields {
  kind: ParticipantKind;
  userId?: string | null;
  contactId?: string | null;
  name?: string | null;
  role?: string | null;
}

/** A participant once its fields fit its kind (ids are checked against the database by the service). */
export type ParticipantInput =
  | { kind: 'internal'; userId: string; role: string | null }
  | { kind: 'partner_contact'; contactId: string; role: string | null }
  | { kind: 'family' | 'other'; name: string; role: string | null }
  | { kind: 'client'; role: string | null };

const OWN_FIELDS: Record<ParticipantKind, readonly ('userId' | 'contactId' | 'name')[]> = {
  internal: ['userId'],
  partner_contact: ['contactId'],
  family: ['name'],
  other: ['name'],
  client: [],
};

/**
 * Reads the participants: a colleague by user id, a partner contact by contact id, family members and
 * others by name, the client without anything; a field of another kind is refused.
 */
export function parseParticipants(list: readonly ParticipantFields[]): {
  participants: ParticipantInput[];
  findings: Finding[];
} {
  const findings: Finding[] = [];
  const participants: ParticipantInput[] = [];
  list.forEach((p, i) => {
    const pointer = `/participants/${i}`;
    const own = OWN_FIELDS[p.kind];
    for (const field of ['userId', 'contactId', 'name'] as const) {
      const value = p[field];
      const given = value !== undefined && value !== null && value.trim() !== '';
      if (own.includes(field) && !given) findings.push({ pointer: `${pointer}/${field}`, code: 'required' });
      if (!own.includes(field) && given)
        findings.push({ pointer: `${pointer}/${field}`, code: 'not-allowed' });
    }
    const role = p.role?.trim() || null;
    if (p.kind === 'internal' && p.userId) participants.push({ kind: 'internal', userId: p.userId, role });
    else if (p.kind === 'partner_contact' && p.contactId)
      participants.push({ kind: 'partner_contact', contactId: p.contactId, role });
    else if ((p.kind === 'family' || p.kind === 'other') && p.name?.trim())
      participants.push({ kind: p.kind, name: p.name.trim(), role });
    else if (p.kind === 'client') participants.push({ kind: 'client', role });
  });
  return { participants, findings };
}

export interface ConferencePlan {
  kind: ConferenceKind;
  anonymous: boolean;
  categories: readonly DataCategory[];
  participants: readonly ParticipantInput[];
}

/**
 * What is wrong with a planned conference: the helpers' conference is held without the client, the
 * development conference with them; nobody is named twice; an anonymous conference shares no data
 * categories and one that shares personal data says which.
 */
export function planFindings(plan: ConferencePlan): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  plan.participants.forEach((p, i) => {
    const pointer = `/participants/${i}`;
    if (p.kind === 'client' && plan.kind === 'helpers') findings.push({ pointer, code: 'not-allowed' });
    const key =
      p.kind === 'internal'
        ? `u:${p.userId}`
        : p.kind === 'partner_contact'
          ? `c:${p.contactId}`
          : p.kind === 'client'
            ? 'client'
            : null;
    if (key !== null) {
      if (seen.has(key)) findings.push({ pointer, code: 'uniqueItems' });
      seen.add(key);
    }
  });
  if (plan.kind === 'development' && !plan.participants.some((p) => p.kind === 'client')) {
    findings.push({ pointer: '/participants', code: 'client-required' });
  }
  if (plan.anonymous && plan.categories.length > 0)
    findings.push({ pointer: '/categories', code: 'not-allowed' });
  if (!plan.anonymous && plan.categories.length === 0)
    findings.push({ pointer: '/categories', code: 'required' });
  return findings;
}

export type ConferenceAction = 'edit' | 'invite' | 'minutes' | 'cancel';

/**
 * The status flow planned → invited → held, or cancelled. Minutes need the invitation first — unless nobody
 * external takes part, then there is nobody to invite. Held and cancelled conferences are final, except that
 * the minutes of a held one may still be corrected.
 */
export function mayDo(action: ConferenceAction, status: ConferenceStatus, hasExternal: boolean): boolean {
  switch (action) {
    case 'edit':
    case 'cancel':
      return status === 'planned' || status === 'invited';
    case 'invite':
      return status === 'planned';
    case 'minutes':
      return status === 'invited' || status === 'held' || (status === 'planned' && !hasExternal);
  }
}

/** A recipient a release may name: the contact person or their organisation, family members by name. */
export interface Candidate {
  kind: 'organisation' | 'person';
  name: string;
}

export type ReleaseStatus =
  | { required: false; covered: true; missingCategories: [] }
  | {
      required: true;
      covered: true;
      releaseId: string;
      /** The name the release was given for (the contact person or the partner organisation). */
      recipient: Candidate;
      missingCategories: [];
    }
  | {
      required: true;
      covered: false;
      reason: Exclude<CoverageResult, { allowed: true }>['reason'];
      missingCategories: DataCategory[];
    };

const REASON_RANK = { categories: 0, purpose: 1, expired: 2, revoked: 3, 'no-release': 4 } as const;

/**
 * Does a valid release for case conferences cover this participant for the conference's data categories?
 * Participants of the organisation and the client need none, nor does anyone at an anonymous conference.
 * For a partner contact a release naming the person or the partner organisation covers. A release must be
 * valid on every day given (today, when invitations go out, and the day of the conference).
 */
export function releaseStatus(
  participant: { kind: ParticipantKind; candidates: readonly Candidate[] },
  conference: { anonymous: boolean; categories: readonly DataCategory[] },
  releases: readonly ReleaseFacts[],
  days: readonly string[],
): ReleaseStatus {
  if (!isExternal(participant.kind) || conference.anonymous) {
    return { required: false, covered: true, missingCategories: [] };
  }
  let best: Exclude<ReleaseStatus, { covered: true }> | null = null;
  for (const candidate of participant.candidates) {
    const results = days.map((day) =>
      releaseCovers(releases, {
        recipientKey: recipientKey(candidate.name),
        purpose: 'case_conference',
        categories: conference.categories,
        day,
      }),
    );
    const refused = results.find((r) => !r.allowed);
    const first = results[0];
    if (!refused && first?.allowed) {
      return {
        required: true,
        covered: true,
        releaseId: first.releaseId,
        recipient: candidate,
        missingCategories: [],
      };
    }
    if (refused && !refused.allowed) {
      const status = {
        required: true as const,
        covered: false as const,
        reason: refused.reason,
        missingCategories: refused.missingCategories,
      };
      // The most helpful refusal: a release that exists but does not fit says more than none at all.
      if (!best || REASON_RANK[status.reason] < REASON_RANK[best.reason]) best = status;
    }
  }
  return (
    best ?? {
      required: true,
      covered: false,
      reason: 'no-release',
      missingCategories: [...conference.categories],
    }
  );
}

/** Lower case without diacritics, everything but letters and digits a single space, padded for word search. */
function words(text: string): string {
  return ` ${text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** Name particles that say nothing on their own (Al-Hassan, van Dijk, bin Said). */
const PARTICLES = new Set([
  'al',
  'el',
  'ul',
  'de',
  'da',
  'di',
  'du',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'bin',
  'ben',
  'ibn',
  'abu',
  'zu',
]);

function nameParts(name: string): string[] {
  const whole = words(name).trim();
  if (!whole) return [];
  const parts = whole.split(' ').filter((p) => p.length >= 2 && !PARTICLES.has(p));
  return [...new Set([whole, ...parts])];
}

function mentionsDate(text: string, birthDate: string): boolean {
  const [y, m, d] = birthDate.split('-').map(Number);
  if (!y || !m || !d) return false;
  const sameDay = (dd: number, mm: number, yy: number) =>
    dd === d && mm === m && (yy === y || (yy < 100 && yy === y % 100));
  for (const match of text.matchAll(/(\d{4})-(\d{1,2})-(\d{1,2})/g)) {
    if (sameDay(Number(match[3]), Number(match[2]), Number(match[1]))) return true;
  }
  for (const match of text.matchAll(/(\d{1,2})\s*[./]\s*(\d{1,2})\s*[./]\s*(\d{4}|\d{2})(?!\d)/g)) {
    if (sameDay(Number(match[1]), Number(match[2]), Number(match[3]))) return true;
  }
  return false;
}

export interface ClientIdentity {
  familyName: string;
  givenNames: string;
  birthDate: string | null;
}

/**
 * Does a text that must stay anonymous (the minutes of an anonymous conference, a generative theme) name the
 * client or give their birth date? Names are compared word by word, ignoring case and diacritics.
 */
export function mentionsClient(text: string | null | undefined, client: ClientIdentity): boolean {
  if (!text) return false;
  const haystack = words(text);
  const names = [...nameParts(client.familyName), ...nameParts(client.givenNames)];
  if (names.some((n) => haystack.includes(` ${n} `))) return true;
  return client.birthDate !== null && mentionsDate(text, client.birthDate);
}

/** The texts of a request that must not name the client, with their pointers. */
export function personalDataFindings(
  texts: readonly { pointer: string; text: string | null | undefined }[],
  client: ClientIdentity,
): Finding[] {
  return texts
    .filter((t) => mentionsClient(t.text, client))
    .map((t) => ({ pointer: t.pointer, code: 'contains-personal-data' }));
}
