import type { Actor } from '../../core/context.js';
import { hasRole, type Rule } from '../../core/policy.js';
import type { Preset } from './domain.js';

/**
 * Who sees which report. Reports hold counts only, never names of clients; still, case managers and the data
 * protection officer have no statistics (their work is the single case, or the control of it). Team leads see
 * their own org units, org admins and planners their organisation; the planners of the installation's
 * coordination office see the steering view across the organisations that share their aggregates.
 */
export interface ScopeFacts {
  /** The actor's organisation is the installation's coordination office. */
  coordinationOffice: boolean;
}

const wholeOrganisationRoles = ['org_admin', 'planner'] as const;

export const statisticsPolicy = {
  annual: ((actor) => hasRole(actor, 'team_lead', 'org_admin', 'planner')) as Rule,
  /** Workload per named case manager: the team's lead and the organisation's admin, not the planning level. */
  team_monthly: ((actor) => hasRole(actor, 'team_lead', 'org_admin')) as Rule,
  steering: ((actor) => hasRole(actor, 'org_admin', 'planner')) as Rule,
  /** The whole organisation rather than the own org units. */
  wholeOrganisation: ((actor, preset: Preset) =>
    preset === 'team_monthly'
      ? hasRole(actor, 'org_admin')
      : hasRole(actor, ...wholeOrganisationRoles)) as Rule<Preset>,
  /** Across the organisations that share aggregates: the steering view of the coordination office's planners. */
  acrossOrganisations: ((actor, facts: ScopeFacts & { preset: Preset }) =>
    facts.preset === 'steering' && facts.coordinationOffice && hasRole(actor, 'planner')) as Rule<
    ScopeFacts & { preset: Preset }
  >,
  /** The organisation's threshold for small numbers. */
  settings: ((actor) => hasRole(actor, 'org_admin')) as Rule,
};

export function mayRun(actor: Actor, preset: Preset): boolean {
  return statisticsPolicy[preset](actor, undefined);
}
