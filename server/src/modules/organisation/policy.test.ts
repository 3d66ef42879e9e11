import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/context.js';
import { orgUnitPolicy, organisationPolicy } from './policy.js';

const actor = (roles: Role[]): Actor => ({ userId: 'u', organisationId: 'org-a', roles, orgUnitIds: [] });
const roles: Role[] = ['case_manager', 'team_lead', 'org_admin', 'planner', 'dpo', 'installation_admin'];

describe('orgUnitPolicy', () => {
  it.each(roles)('%s: manages units of the own organisation only as org admin', (role) => {
    expect(orgUnitPolicy.manage(actor([role]), { organisationId: 'org-a' })).toBe(role === 'org_admin');
    expect(orgUnitPolicy.manage(actor([role]), { organisationId: 'org-b' })).toBe(false);
  });
  it.each(roles)('%s: sees unit names of the own organisation', (role) => {
    expect(orgUnitPolicy.list(actor([role]), { organisationId: 'org-a' })).toBe(true);
    expect(orgUnitPolicy.list(actor([role]), { organisationId: 'org-b' })).toBe(false);
  });
});

describe('organisationPolicy', () => {
  it.each(roles)('%s: only installation admins set up organisations', (role) => {
    expect(organisationPolicy.create(actor([role]), undefined)).toBe(role === 'installation_admin');
    expect(organisationPolicy.list(actor([role]), undefined)).toBe(role === 'installation_admin');
  });
});
