import { hasRole, type Rule } from '../../core/policy.js';

/** The audit log is the DPO's instrument; installation admins check the chains of the whole installation. */
export const auditPolicy = {
  readOwnOrganisation: ((actor) => hasRole(actor, 'dpo')) as Rule,
  verifyInstallation: ((actor) => hasRole(actor, 'installation_admin')) as Rule,
};
