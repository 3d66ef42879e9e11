import { describe, expect, it } from 'vitest';
import { ROLES, type Actor, type Role } from '../../core/context.js';
import { secondFactorPolicy } from './policy.js';

const actor = (roles: Role[], organisationId = 'org-a'): Actor => ({
  userId: 'me',
  organisationId,
  roles,
  orgUnitIds: [],
});
const colleague = { id: 'other', organisationId: 'org-a' };
const stranger = { id: 'other', organisationId: 'org-b' };
const self = { id: 'me', organisationId: 'org-a' };

describe('second factor policy', () => {
  it.each(ROLES.map((r) => [r]))('%s reads only their own, unless org admin', (role) => {
    expect(secondFactorPolicy.read(actor([role]), self)).toBe(true);
    expect(secondFactorPolicy.read(actor([role]), colleague)).toBe(role === 'org_admin');
    expect(secondFactorPolicy.read(actor([role]), stranger)).toBe(false);
  });

  it.each(ROLES.map((r) => [r]))(
    '%s resets a colleague only as org admin of the same organisation',
    (role) => {
      expect(secondFactorPolicy.reset(actor([role]), colleague)).toBe(role === 'org_admin');
      expect(secondFactorPolicy.reset(actor([role]), stranger)).toBe(false);
      expect(secondFactorPolicy.reset(actor([role]), self)).toBe(false);
    },
  );
});
