import { hasRole, type Rule } from '../../core/policy.js';
import type { DelegationScope } from './domain.js';

/**
 * Who may do what with cases. Case content is need-to-know: the responsible case manager and active
 * delegates; team leads see the list of their org units and open a case's content only with a recorded
 * reason (break the glass). Org admins, planners and DPOs never see case content.
 */
export const casePolicy = {
  /** Open cases and register clients: the people who run cases. */
  open: ((actor) => hasRole(actor, 'case_manager', 'team_lead')) as Rule,
  list: ((actor) => hasRole(actor, 'case_manager', 'team_lead')) as Rule,
  /** Assign a new case to someone else. */
  assign: ((actor) => hasRole(actor, 'team_lead')) as Rule,
  caseloads: ((actor) => hasRole(actor, 'team_lead')) as Rule,
};

/** What one person may do with one case. The service fills in the facts, this decides. */
export interface CaseAccessFacts {
  actorId: string;
  actorRoles: readonly string[];
  actorOrgUnitIds: readonly string[];
  actorOrganisationId: string;
  caseOrganisationId: string;
  caseOrgUnitId: string;
  responsibleUserId: string;
  /** Active (today within start/end, not revoked) delegations of the actor for this case. */
  delegationScopes: readonly DelegationScope[];
  /** The actor opened the case with a recorded reason and that access has not expired. */
  brokeTheGlass: boolean;
}

export interface CaseAccess {
  /** See the case in lists: number, phase, dates, responsible — no client data. */
  meta: boolean;
  /** Read the file: client data, intake, journal, follow-ups. */
  read: boolean;
  /** Change the file: intake, phases, delegations. */
  write: boolean;
  /** Write journal entries and follow-ups. */
  journal: boolean;
  /** Hand the case over to another case manager. */
  handOver: boolean;
  /** Team lead of the case's org unit who may open it with a reason. */
  mayBreakTheGlass: boolean;
  /** Case team (responsible or delegate): only they see special categories of data (Art. 9 GDPR). */
  team: boolean;
}

export function decideCaseAccess(f: CaseAccessFacts): CaseAccess {
  const none = {
    meta: false,
    read: false,
    write: false,
    journal: false,
    handOver: false,
    mayBreakTheGlass: false,
    team: false,
  };
  if (f.actorOrganisationId !== f.caseOrganisationId) return none;
  const responsible = f.actorId === f.responsibleUserId;
  const fullDelegate = f.delegationScopes.includes('full');
  const journalDelegate = f.delegationScopes.includes('journal');
  const leadOfUnit = f.actorRoles.includes('team_lead') && f.actorOrgUnitIds.includes(f.caseOrgUnitId);
  const team = responsible || fullDelegate || journalDelegate;
  return {
    meta: team || leadOfUnit,
    read: team || (leadOfUnit && f.brokeTheGlass),
    write: responsible || fullDelegate,
    journal: responsible || fullDelegate || journalDelegate,
    handOver: responsible || leadOfUnit,
    mayBreakTheGlass: leadOfUnit && !team,
    team,
  };
}
