import type { Actor, Role } from '../../core/context.js';
import { hasRole, sameOrganisation, type Rule } from '../../core/policy.js';

/** Who may see and manage user accounts. Org admins manage their own organisation only. */
type UserRecord = { id: string; organisationId: string };

const isSelf = (actor: Actor, user: UserRecord) => actor.userId === user.id;
const isOrgAdminOf = (actor: Actor, user: { organisationId: string }) =>
  hasRole(actor, 'org_admin') && sameOrganisation(actor, user);

export const userPolicy = {
  list: ((actor) => hasRole(actor, 'org_admin')) as Rule,
  read: ((actor, user) => isSelf(actor, user) || isOrgAdminOf(actor, user)) as Rule<UserRecord>,
  create: ((actor, target) => isOrgAdminOf(actor, target)) as Rule<{ organisationId: string }>,
  update: ((actor, user) => isOrgAdminOf(actor, user)) as Rule<UserRecord>,
  /** Nobody locks themselves out: no self-deactivation, no dropping one's own admin role. */
  deactivate: ((actor, user) => isOrgAdminOf(actor, user) && !isSelf(actor, user)) as Rule<UserRecord>,
  revokeOwnAdmin: (() => false) as Rule<UserRecord>,
  resetPassword: ((actor, user) => isOrgAdminOf(actor, user)) as Rule<UserRecord>,
  /** Installation-wide power is granted only by someone who holds it. */
  grantRole: ((actor, role) =>
    role !== 'installation_admin' || hasRole(actor, 'installation_admin')) as Rule<Role>,
};
