import { hasRole, sameOrganisation, type Rule } from '../../core/policy.js';
import type { GapStatus } from './domain.js';

/**
 * Who may do what with gap reports. The case level reports (case managers and team leads, from a case they
 * may read); the planning level — the organisation's planners and its admin — reviews, comments and moves the
 * status; the planners of the installation's coordination office do the same for organisations that share
 * their aggregates. Nobody on the planning level sees which cases are behind a report, only how many.
 */
export interface GapReportFacts {
  organisationId: string;
  createdBy: string;
  status: GapStatus;
  /** The actor's organisation is the coordination office and the report's organisation shares aggregates. */
  viaCoordinationOffice: boolean;
}

const reporter = (actor: Parameters<Rule>[0]) => hasRole(actor, 'case_manager', 'team_lead');
const coordinating = (actor: Parameters<Rule>[0], report: GapReportFacts) =>
  report.viaCoordinationOffice && hasRole(actor, 'planner');

export const gapPolicy = {
  /** Report a gap, and say "this case too" for an existing report. */
  create: ((actor) => reporter(actor)) as Rule,
  link: ((actor, report) => reporter(actor) && sameOrganisation(actor, report)) as Rule<GapReportFacts>,
  /** The list of reports (of the own organisation, or those the coordination office sees). */
  list: ((actor) => hasRole(actor, 'case_manager', 'team_lead', 'org_admin', 'planner')) as Rule,
  /** Whether the report exists for the actor at all; otherwise 404. */
  see: ((actor, report) =>
    sameOrganisation(actor, report) || coordinating(actor, report)) as Rule<GapReportFacts>,
  read: ((actor, report) =>
    (sameOrganisation(actor, report) &&
      hasRole(actor, 'case_manager', 'team_lead', 'org_admin', 'planner')) ||
    coordinating(actor, report)) as Rule<GapReportFacts>,
  /** The author, or a team lead, corrects a report (the service allows it only while it is "reported"). */
  edit: ((actor, report) =>
    sameOrganisation(actor, report) &&
    ((report.createdBy === actor.userId && reporter(actor)) ||
      hasRole(actor, 'team_lead'))) as Rule<GapReportFacts>,
  /** Status changes and comments: the planning level. */
  plan: ((actor, report) =>
    (sameOrganisation(actor, report) && hasRole(actor, 'planner', 'org_admin')) ||
    coordinating(actor, report)) as Rule<GapReportFacts>,
  /** The bundled planning view. */
  planning: ((actor) => hasRole(actor, 'planner', 'org_admin')) as Rule,
};
