import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types';
import { mayUse, navigationFor } from './navigation';

const keys = (roles: Role[]) => navigationFor(roles).map((item) => item.key);

describe('navigationFor', () => {
  it.each<[string, Role[], string[]]>([
    ['no role', [], ['home', 'account']],
    ['case manager', ['case_manager'], ['home', 'account']],
    ['team lead', ['team_lead'], ['home', 'account']],
    ['planner', ['planner'], ['home', 'account']],
    ['org admin', ['org_admin'], ['home', 'account', 'users', 'orgUnits']],
    ['installation admin', ['installation_admin'], ['home', 'account', 'organisations']],
    ['data-protection officer', ['dpo'], ['home', 'account', 'audit']],
    [
      'every role, listed backwards',
      ['installation_admin', 'dpo', 'planner', 'org_admin', 'team_lead', 'case_manager'],
      ['home', 'account', 'users', 'orgUnits', 'organisations', 'audit'],
    ],
    ['org admin and dpo', ['dpo', 'org_admin'], ['home', 'account', 'users', 'orgUnits', 'audit']],
    ['a role given twice', ['org_admin', 'org_admin'], ['home', 'account', 'users', 'orgUnits']],
  ])('%s', (_name, roles, expected) => {
    expect(keys(roles)).toEqual(expected);
  });

  it('links every item to its page', () => {
    expect(navigationFor(['org_admin', 'installation_admin', 'dpo'])).toEqual([
      { key: 'home', path: '/' },
      { key: 'account', path: '/account' },
      { key: 'users', path: '/admin/users' },
      { key: 'orgUnits', path: '/admin/org-units' },
      { key: 'organisations', path: '/admin/organisations' },
      { key: 'audit', path: '/audit' },
    ]);
  });
});

describe('mayUse', () => {
  it('lets only org admins manage users', () => {
    expect(mayUse(['org_admin'], 'users')).toBe(true);
    expect(mayUse(['case_manager', 'team_lead', 'planner', 'dpo', 'installation_admin'], 'users')).toBe(
      false,
    );
  });

  it('lets everyone use the start page and their own account', () => {
    expect(mayUse([], 'home')).toBe(true);
    expect(mayUse([], 'account')).toBe(true);
  });
});
