import { hasRole, type Rule } from '../../core/policy.js';

/**
 * Who sees which dashboard. Each view belongs to one role: the case manager's shows their own cases with the
 * clients' names; the team lead's shows the team of their org units without any client; the planning level's
 * only aggregates of the organisation, never a person.
 */
export const dashboardPolicy = {
  caseManager: ((actor) => hasRole(actor, 'case_manager')) as Rule,
  teamLead: ((actor) => hasRole(actor, 'team_lead')) as Rule,
  planner: ((actor) => hasRole(actor, 'planner')) as Rule,
};
