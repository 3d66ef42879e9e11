import { hasRole, type Rule } from '../../core/policy.js';

/**
 * The network map is the case workers' and the organisation's view of their cooperations (the yearly review
 * [001 L1985]). It holds no client data, but it is the organisation's own working picture: the planning
 * level, the DPO and installation admins do not see it.
 */
export const networkMapPolicy = {
  read: ((actor) => hasRole(actor, 'case_manager', 'team_lead', 'org_admin')) as Rule,
};
