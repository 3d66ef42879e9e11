import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/context.js';
import { agreementPolicy } from './policy.js';

const actor = (roles: Role[]): Actor => ({ userId: 'u', organisationId: 'org-a', roles, orgUnitIds: [] });
const roles: Role[] = ['case_manager', 'team_lead', 'org_admin', 'planner', 'dpo', 'installation_admin'];

describe('agreementPolicy', () => {
  it.each(roles)('%s: reads agreements as case manager, team lead or org admin', (role) => {
    expect(agreementPolicy.read(actor([role]), undefined)).toBe(
      ['case_manager', 'team_lead', 'org_admin'].includes(role),
    );
  });
  it.each(roles)('%s: concludes, changes, reviews and archives as team lead or org admin', (role) => {
    expect(agreementPolicy.manage(actor([role]), undefined)).toBe(['team_lead', 'org_admin'].includes(role));
  });
  it.each(roles)('%s: sees the own organisation’s agreements only', (role) => {
    expect(agreementPolicy.ownOrganisation(actor([role]), { organisationId: 'org-a' })).toBe(true);
    expect(agreementPolicy.ownOrganisation(actor([role]), { organisationId: 'org-b' })).toBe(false);
  });
  it.each(roles)('%s: may be responsible for an agreement when the role reads agreements', (role) => {
    expect(agreementPolicy.responsible(actor(['org_admin']), [role])).toBe(
      ['case_manager', 'team_lead', 'org_admin'].includes(role),
    );
  });
});
