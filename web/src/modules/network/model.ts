// The network map's shapes, derived from the generated schema like api/types.ts does, and the code lists the
// UI offers. Kept in this module so the map stays in one place.
import type { paths } from '../../api/schema';

type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type Body<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

export type NetworkList = Json<paths['/api/cases/{id}/network']['get']['responses'][200]>;
export type NetworkContact = NetworkList['items'][number];
export type ContactKind = NetworkContact['kind'];
export type SupportKind = NetworkContact['support'][number];
export type ContactInput = Body<paths['/api/cases/{id}/network']['post']>;
export type ContactPatch = Body<paths['/api/network-contacts/{id}']['patch']>;

/** The kinds of contact in the order the form lists them. */
export const CONTACT_KINDS = [
  'family',
  'friend',
  'neighbour',
  'volunteer',
  'professional',
  'agency',
  'other',
] as const satisfies readonly ContactKind[];

/** Kinds of support after the resource survey: emotional, practical/material, problem solving, integration. */
export const SUPPORT_KINDS = [
  'emotional',
  'practical',
  'problem_solving',
  'social_integration',
] as const satisfies readonly SupportKind[];

/** 1 = very close (inner circle), 2 = close, 3 = distant (outer circle). */
export const CLOSENESS = [1, 2, 3] as const;
export type Closeness = (typeof CLOSENESS)[number];

// Each fails to compile when the server adds a value that the list above does not name.
type Unlisted<All, Listed> = Exclude<All, Listed> extends never ? true : Exclude<All, Listed>;
const _allListed: [
  Unlisted<ContactKind, (typeof CONTACT_KINDS)[number]>,
  Unlisted<SupportKind, (typeof SUPPORT_KINDS)[number]>,
] = [true, true];

/** The server keeps closeness within 1–3; anything else is drawn on the outer circle rather than lost. */
export function closenessOf(value: number): Closeness {
  return value === 1 || value === 2 ? value : 3;
}
