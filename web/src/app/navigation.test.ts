import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types';
import { mayUse, navigationFor } from './navigation';

const keys = (roles: Role[]) => navigationFor(roles).map((item) => item.key);

describe('navigationFor', () => {
  it.each<[string, Role[], string[]]>([
    ['no role', [], ['home', 'account']],
    [
      'case manager',
      ['case_manager'],
      [
        'home',
        'cases',
        'clients',
        'followUps',
        'partners',
        'agreements',
        'networkMap',
        'gapReports',
        'retention',
        'account',
      ],
    ],
    [
      'team lead',
      ['team_lead'],
      [
        'home',
        'cases',
        'followUps',
        'team',
        'partners',
        'agreements',
        'networkMap',
        'gapReports',
        'statistics',
        'retention',
        'account',
      ],
    ],
    ['planner', ['planner'], ['home', 'partners', 'gapReports', 'gapPlanning', 'statistics', 'account']],
    [
      'org admin',
      ['org_admin'],
      [
        'home',
        'partners',
        'agreements',
        'networkMap',
        'gapReports',
        'statistics',
        'retention',
        'users',
        'orgUnits',
        'settings',
        'consentTemplates',
        'instruments',
        'account',
      ],
    ],
    ['installation admin', ['installation_admin'], ['home', 'partners', 'organisations', 'account']],
    ['data-protection officer', ['dpo'], ['home', 'audit', 'disclosures', 'requests', 'account']],
    [
      'every role, listed backwards',
      ['installation_admin', 'dpo', 'planner', 'org_admin', 'team_lead', 'case_manager'],
      [
        'home',
        'cases',
        'clients',
        'followUps',
        'team',
        'partners',
        'agreements',
        'networkMap',
        'gapReports',
        'gapPlanning',
        'statistics',
        'retention',
        'users',
        'orgUnits',
        'settings',
        'consentTemplates',
        'instruments',
        'organisations',
        'audit',
        'disclosures',
        'requests',
        'account',
      ],
    ],
    [
      'case manager and team lead',
      ['team_lead', 'case_manager'],
      [
        'home',
        'cases',
        'clients',
        'followUps',
        'team',
        'partners',
        'agreements',
        'networkMap',
        'gapReports',
        'statistics',
        'retention',
        'account',
      ],
    ],
    [
      'org admin and dpo',
      ['dpo', 'org_admin'],
      [
        'home',
        'partners',
        'agreements',
        'networkMap',
        'gapReports',
        'statistics',
        'retention',
        'users',
        'orgUnits',
        'settings',
        'consentTemplates',
        'instruments',
        'audit',
        'disclosures',
        'requests',
        'account',
      ],
    ],
    [
      'a role given twice',
      ['org_admin', 'org_admin'],
      [
        'home',
        'partners',
        'agreements',
        'networkMap',
        'gapReports',
        'statistics',
        'retention',
        'users',
        'orgUnits',
        'settings',
        'consentTemplates',
        'instruments',
        'account',
      ],
    ],
  ])('%s', (_name, roles, expected) => {
    expect(keys(roles)).toEqual(expected);
  });

  it('links every item to its page', () => {
    expect(navigationFor(['case_manager', 'team_lead', 'org_admin', 'installation_admin', 'dpo'])).toEqual([
      { key: 'home', path: '/' },
      { key: 'cases', path: '/cases' },
      { key: 'clients', path: '/clients' },
      { key: 'followUps', path: '/follow-ups' },
      { key: 'team', path: '/team' },
      { key: 'partners', path: '/network/partners' },
      { key: 'agreements', path: '/network/agreements' },
      { key: 'networkMap', path: '/network/map' },
      { key: 'gapReports', path: '/gaps' },
      { key: 'statistics', path: '/statistics' },
      { key: 'retention', path: '/retention' },
      { key: 'users', path: '/admin/users' },
      { key: 'orgUnits', path: '/admin/org-units' },
      { key: 'settings', path: '/admin/settings' },
      { key: 'consentTemplates', path: '/admin/consent-templates' },
      { key: 'instruments', path: '/admin/instruments' },
      { key: 'organisations', path: '/admin/organisations' },
      { key: 'audit', path: '/audit' },
      { key: 'disclosures', path: '/disclosures' },
      { key: 'requests', path: '/requests' },
      { key: 'account', path: '/account' },
    ]);
  });
});

describe('mayUse', () => {
  it('lets only org admins manage users and settings', () => {
    for (const area of ['users', 'settings'] as const) {
      expect(mayUse(['org_admin'], area)).toBe(true);
      expect(mayUse(['case_manager', 'team_lead', 'planner', 'dpo', 'installation_admin'], area)).toBe(false);
    }
  });

  it('keeps case work to case managers and team leads', () => {
    expect(mayUse(['case_manager'], 'cases')).toBe(true);
    expect(mayUse(['team_lead'], 'cases')).toBe(true);
    expect(mayUse(['planner', 'dpo', 'org_admin', 'installation_admin'], 'cases')).toBe(false);
    expect(mayUse(['team_lead'], 'team')).toBe(true);
    expect(mayUse(['case_manager'], 'team')).toBe(false);
  });

  it('keeps the disclosure log and data-subject requests to the data-protection officer', () => {
    for (const area of ['disclosures', 'requests'] as const) {
      expect(mayUse(['dpo'], area)).toBe(true);
      expect(mayUse(['case_manager', 'team_lead', 'planner', 'org_admin', 'installation_admin'], area)).toBe(
        false,
      );
    }
  });

  it('gives the retention board to case work and org admins, templates to org admins', () => {
    expect(mayUse(['case_manager'], 'retention')).toBe(true);
    expect(mayUse(['team_lead'], 'retention')).toBe(true);
    expect(mayUse(['org_admin'], 'retention')).toBe(true);
    expect(mayUse(['planner', 'dpo', 'installation_admin'], 'retention')).toBe(false);
    expect(mayUse(['org_admin'], 'consentTemplates')).toBe(true);
    expect(mayUse(['case_manager', 'dpo'], 'consentTemplates')).toBe(false);
  });

  it('lets everyone use the start page and their own account', () => {
    expect(mayUse([], 'home')).toBe(true);
    expect(mayUse([], 'account')).toBe(true);
  });
});
