import type { Actor } from '../../core/context.js';
import { hasRole, sameOrganisation, type Rule } from '../../core/policy.js';

/**
 * Cooperation agreements are the organisation's, not a case's: the case managers read them (they work with
 * the partners), team leads and the organisation's admin conclude, change, review and archive them.
 * Another organisation's agreement does not exist for the actor (404).
 */
const reads = (actor: Actor) => hasRole(actor, 'case_manager', 'team_lead', 'org_admin');
const manages = (actor: Actor) => hasRole(actor, 'team_lead', 'org_admin');

export const agreementPolicy = {
  read: ((actor) => reads(actor)) as Rule,
  manage: ((actor) => manages(actor)) as Rule,
  /** Checked after loading a record, with `conceal` so that other organisations' records answer 404. */
  ownOrganisation: ((actor, agreement) => sameOrganisation(actor, agreement)) as Rule<{
    organisationId: string;
  }>,
  /** The responsible person gets the reminder and must be able to open the agreement. */
  responsible: ((_actor, roles) =>
    roles.some((r) => ['case_manager', 'team_lead', 'org_admin'].includes(r))) as Rule<readonly string[]>,
};
