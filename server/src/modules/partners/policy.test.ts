import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/context.js';
import { directoryPolicy } from './policy.js';

const ROLES: Role[] = ['case_manager', 'team_lead', 'org_admin', 'planner', 'dpo', 'installation_admin'];
const actor = (role: Role): Actor => ({ userId: 'u', organisationId: 'o', roles: [role], orgUnitIds: [] });
const own = { organisationId: 'o' };
const shared = { organisationId: null };
const foreign = { organisationId: 'other' };

describe('directoryPolicy by role', () => {
  it.each(ROLES)('%s', (role) => {
    const a = actor(role);
    expect(directoryPolicy.read(a, undefined)).toBe(role !== 'dpo');
    expect(directoryPolicy.edit(a, own)).toBe(['case_manager', 'team_lead', 'org_admin'].includes(role));
    expect(directoryPolicy.archive(a, own)).toBe(['team_lead', 'org_admin'].includes(role));
    expect(directoryPolicy.manageTypes(a, own)).toBe(role === 'org_admin');
    // The shared directory is the installation admin's alone.
    expect(directoryPolicy.edit(a, shared)).toBe(role === 'installation_admin');
    expect(directoryPolicy.archive(a, shared)).toBe(role === 'installation_admin');
    expect(directoryPolicy.manageTypes(a, shared)).toBe(role === 'installation_admin');
    // Another organisation's directory: nobody.
    expect(directoryPolicy.edit(a, foreign)).toBe(false);
    expect(directoryPolicy.archive(a, foreign)).toBe(false);
    expect(directoryPolicy.manageTypes(a, foreign)).toBe(false);
  });
});
