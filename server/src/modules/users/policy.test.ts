import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/context.js';
import { userPolicy } from './policy.js';

const actor = (roles: Role[], organisationId = 'org-a', userId = 'u-actor'): Actor => ({
  userId,
  organisationId,
  roles,
  orgUnitIds: [],
});
const ownOrgUser = { id: 'u-other', organisationId: 'org-a' };
const otherOrgUser = { id: 'u-foreign', organisationId: 'org-b' };
const self = { id: 'u-actor', organisationId: 'org-a' };

describe('userPolicy', () => {
  const roles: Role[] = ['case_manager', 'team_lead', 'org_admin', 'planner', 'dpo', 'installation_admin'];
  it.each(roles)('only org admins list users (%s)', (role) => {
    expect(userPolicy.list(actor([role]), undefined)).toBe(role === 'org_admin');
  });
  it.each(roles)('update within own organisation only for org admins (%s)', (role) => {
    expect(userPolicy.update(actor([role]), ownOrgUser)).toBe(role === 'org_admin');
    expect(userPolicy.update(actor([role]), otherOrgUser)).toBe(false);
  });
  it('everyone reads themselves, nobody reads other organisations', () => {
    expect(userPolicy.read(actor(['case_manager']), self)).toBe(true);
    expect(userPolicy.read(actor(['case_manager']), ownOrgUser)).toBe(false);
    expect(userPolicy.read(actor(['org_admin']), ownOrgUser)).toBe(true);
    expect(userPolicy.read(actor(['org_admin', 'installation_admin']), otherOrgUser)).toBe(false);
  });
  it('an org admin cannot deactivate themselves', () => {
    expect(userPolicy.deactivate(actor(['org_admin']), self)).toBe(false);
    expect(userPolicy.deactivate(actor(['org_admin']), ownOrgUser)).toBe(true);
  });
  it('only installation admins grant the installation admin role', () => {
    expect(userPolicy.grantRole(actor(['org_admin']), 'installation_admin')).toBe(false);
    expect(userPolicy.grantRole(actor(['org_admin']), 'team_lead')).toBe(true);
    expect(userPolicy.grantRole(actor(['org_admin', 'installation_admin']), 'installation_admin')).toBe(true);
  });
});
