import type { Actor, Role } from './context.js';
import { Problem } from './errors.js';

/**
 * Permissions are declared as small predicates over the actor and the record (see modules/<name>/policy.ts),
 * so a reviewer can read who may do what on one screen. Routes and services call `authorize`.
 */
export type Rule<R = void> = (actor: Actor, resource: R) => boolean;

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

export function sameOrganisation(actor: Actor, resource: { organisationId: string }): boolean {
  return actor.organisationId === resource.organisationId;
}

/**
 * Throws when the rule denies. `conceal` answers 404 instead of 403 so that records of other
 * organisations do not even reveal that they exist.
 */
export function authorize<R>(
  actor: Actor,
  rule: Rule<R>,
  resource: R,
  options: { conceal?: boolean } = {},
): void {
  if (!rule(actor, resource)) throw new Problem(options.conceal ? 'not-found' : 'forbidden');
}
