import { describe, expect, it } from 'vitest';
import { ROLES, type Actor, type Role } from '../../core/context.js';
import { dashboardPolicy } from './policy.js';

const actor = (roles: Role[]): Actor => ({ userId: 'u', organisationId: 'org', roles, orgUnitIds: ['ou'] });

describe('dashboardPolicy', () => {
  it.each(ROLES)('%s sees only the dashboard of the own role', (role) => {
    expect(dashboardPolicy.caseManager(actor([role]), undefined)).toBe(role === 'case_manager');
    expect(dashboardPolicy.teamLead(actor([role]), undefined)).toBe(role === 'team_lead');
    expect(dashboardPolicy.planner(actor([role]), undefined)).toBe(role === 'planner');
  });

  it('a person with several roles sees each of their dashboards', () => {
    const both = actor(['case_manager', 'team_lead']);
    expect(dashboardPolicy.caseManager(both, undefined)).toBe(true);
    expect(dashboardPolicy.teamLead(both, undefined)).toBe(true);
    expect(dashboardPolicy.planner(both, undefined)).toBe(false);
  });
});
