import { hasRole, sameOrganisation, type Rule } from '../../core/policy.js';

/** Org units belong to one organisation; its admin manages them, every member can see their names. */
export const orgUnitPolicy = {
  list: ((actor, org) => sameOrganisation(actor, org)) as Rule<{ organisationId: string }>,
  manage: ((actor, unit) => hasRole(actor, 'org_admin') && sameOrganisation(actor, unit)) as Rule<{
    organisationId: string;
  }>,
};

/** Organisations (Träger) of the installation are set up by the installation admin only. */
export const organisationPolicy = {
  list: ((actor) => hasRole(actor, 'installation_admin')) as Rule,
  create: ((actor) => hasRole(actor, 'installation_admin')) as Rule,
};
