import type { Actor } from '../../core/context.js';
import { hasRole, type Rule } from '../../core/policy.js';

/**
 * Who may do what in the partner directory. A record belongs to an organisation's own directory or, with
 * `organisationId` null, to the installation's shared one (KIM: one municipal network for many agencies).
 * Everyone but the DPO reads the directory (planners too: the directory is no client data); social workers
 * keep their own directory current (partners, contacts, offers and free places); archiving and deleting
 * is for team leads and org admins; custom types for the org admin. The shared directory is kept by the
 * installation admin alone.
 */
export interface DirectoryRecord {
  /** null: the installation's shared directory. */
  organisationId: string | null;
}

function own(actor: Actor, record: DirectoryRecord): boolean {
  return record.organisationId === actor.organisationId;
}

const read: Rule = (actor) =>
  hasRole(actor, 'case_manager', 'team_lead', 'org_admin', 'planner', 'installation_admin');

const edit: Rule<DirectoryRecord> = (actor, record) =>
  record.organisationId === null
    ? hasRole(actor, 'installation_admin')
    : own(actor, record) && hasRole(actor, 'case_manager', 'team_lead', 'org_admin');

const archive: Rule<DirectoryRecord> = (actor, record) =>
  record.organisationId === null
    ? hasRole(actor, 'installation_admin')
    : own(actor, record) && hasRole(actor, 'team_lead', 'org_admin');

const manageTypes: Rule<DirectoryRecord> = (actor, record) =>
  record.organisationId === null
    ? hasRole(actor, 'installation_admin')
    : own(actor, record) && hasRole(actor, 'org_admin');

export const directoryPolicy = { read, edit, archive, manageTypes };
