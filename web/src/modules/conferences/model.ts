import type { paths } from '../../api/schema';
import type { DataCategory, Problem } from '../../api/types';

// The shapes of case conferences, derived from the generated schema.
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type BodyOf<R> = R extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

export type Conference = Json<paths['/api/conferences/{id}']['get']['responses'][200]>;
export type ConferenceList = Json<paths['/api/cases/{id}/conferences']['get']['responses'][200]>;
export type ConferenceListItem = ConferenceList['items'][number];
export type Participant = Conference['participants'][number];
export type AgreedAction = Conference['actions'][number];
export type Theme = Conference['themes'][number];
export type ConferenceBody = BodyOf<paths['/api/cases/{id}/conferences']['post']>;
export type ParticipantBody = ConferenceBody['participants'][number];
export type MinutesBody = BodyOf<paths['/api/conferences/{id}/minutes']['post']>;
export type ConferenceKind = Conference['kind'];
export type ConferenceStatus = Conference['status'];
export type ParticipantKind = Participant['kind'];
export type FieldOfAction = MinutesBody['themes'][number]['field'];

export const CONFERENCE_KINDS = [
  'case',
  'helpers',
  'development',
  'handover',
] as const satisfies readonly ConferenceKind[];
/** The fields of action are the gap reports' vocabulary; offers, referrals and themes use the same. */
export { FIELDS_OF_ACTION } from '../gaps/model';

/** A participant in the form: what is sent, and what the form shows until the server answers. */
export interface ParticipantDraft {
  body: ParticipantBody;
  /** The name shown in the form (a colleague's, the contact person's with their organisation). */
  label: string;
}

export function draftOf(p: Participant): ParticipantDraft {
  const label = p.partnerName ? `${p.name ?? ''} (${p.partnerName})` : (p.name ?? '');
  switch (p.kind) {
    case 'internal':
      return { body: { kind: 'internal', userId: p.userId, role: p.role }, label };
    case 'partner_contact':
      return { body: { kind: 'partner_contact', contactId: p.contactId, role: p.role }, label };
    case 'client':
      return { body: { kind: 'client', role: p.role }, label };
    default:
      return { body: { kind: p.kind, name: p.name, role: p.role }, label };
  }
}

export function isExternal(kind: ParticipantKind): boolean {
  return kind === 'partner_contact' || kind === 'family' || kind === 'other';
}

/** The participant a refusal's pointer (/participants/<i>) names. */
export function refusedPositions(problem: Problem | null): Map<number, string> {
  const out = new Map<number, string>();
  if (problem?.code !== 'disclosure-refused') return out;
  for (const error of problem.errors ?? []) {
    const match = /^\/participants\/(\d+)$/.exec(error.pointer);
    if (match) out.set(Number(match[1]), error.message);
  }
  return out;
}

/** Which release the case manager should record for a participant: their organisation, else them. */
export function releaseTarget(
  p: Participant,
  categories: readonly DataCategory[],
): {
  recipientKind: 'organisation' | 'person';
  recipientName: string;
  purpose: 'case_conference';
  categories: DataCategory[];
} {
  return p.partnerName
    ? {
        recipientKind: 'organisation',
        recipientName: p.partnerName,
        purpose: 'case_conference',
        categories: [...categories],
      }
    : {
        recipientKind: 'person',
        recipientName: p.name ?? '',
        purpose: 'case_conference',
        categories: [...categories],
      };
}
