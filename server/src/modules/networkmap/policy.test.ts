import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../core/context.js';
import { networkMapPolicy } from './policy.js';

const actor = (roles: Role[]) => ({ userId: 'u1', organisationId: 'org-a', roles, orgUnitIds: [] });

describe('networkMapPolicy', () => {
  it.each(ROLES.map((role) => [role, ['case_manager', 'team_lead', 'org_admin'].includes(role)] as const))(
    '%s reads the map: %s',
    (role, allowed) => {
      expect(networkMapPolicy.read(actor([role]), undefined)).toBe(allowed);
    },
  );
  it('a planner who is also a case manager reads it', () => {
    expect(networkMapPolicy.read(actor(['planner', 'case_manager']), undefined)).toBe(true);
  });
});
