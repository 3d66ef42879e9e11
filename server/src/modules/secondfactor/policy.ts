import type { Actor } from '../../core/context.js';
import { hasRole, sameOrganisation, type Rule } from '../../core/policy.js';

/** Who may see and reset a user's second factor: the org admin of the user's organisation, and the user. */
type UserRecord = { id: string; organisationId: string };

export const secondFactorPolicy = {
  read: ((actor: Actor, user) =>
    actor.userId === user.id ||
    (hasRole(actor, 'org_admin') && sameOrganisation(actor, user))) as Rule<UserRecord>,
  /** A lost phone: the admin resets, the user sets up anew. Nobody resets their own (that is "disable"). */
  reset: ((actor: Actor, user) =>
    actor.userId !== user.id &&
    hasRole(actor, 'org_admin') &&
    sameOrganisation(actor, user)) as Rule<UserRecord>,
};
