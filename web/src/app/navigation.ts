import type { Role } from '../api/types';

export type NavKey =
  | 'home'
  | 'cases'
  | 'clients'
  | 'followUps'
  | 'team'
  | 'users'
  | 'orgUnits'
  | 'settings'
  | 'organisations'
  | 'audit'
  | 'disclosures'
  | 'requests'
  | 'retention'
  | 'consentTemplates'
  | 'instruments'
  | 'partners'
  | 'agreements'
  | 'networkMap'
  | 'gapReports'
  | 'gapPlanning'
  | 'statistics'
  | 'account';

export interface NavItem {
  key: NavKey;
  path: string;
}

interface Area extends NavItem {
  /** Roles that may use the area; `everyone` means every signed-in user. */
  allowed: 'everyone' | readonly Role[];
}

// The order here is the order of the main navigation.
const AREAS: readonly Area[] = [
  { key: 'home', path: '/', allowed: 'everyone' },
  { key: 'cases', path: '/cases', allowed: ['case_manager', 'team_lead'] },
  { key: 'clients', path: '/clients', allowed: ['case_manager'] },
  { key: 'followUps', path: '/follow-ups', allowed: ['case_manager', 'team_lead'] },
  { key: 'team', path: '/team', allowed: ['team_lead'] },
  {
    key: 'partners',
    path: '/network/partners',
    allowed: ['case_manager', 'team_lead', 'org_admin', 'planner', 'installation_admin'],
  },
  { key: 'agreements', path: '/network/agreements', allowed: ['case_manager', 'team_lead', 'org_admin'] },
  { key: 'networkMap', path: '/network/map', allowed: ['case_manager', 'team_lead', 'org_admin'] },
  { key: 'gapReports', path: '/gaps', allowed: ['case_manager', 'team_lead', 'org_admin', 'planner'] },
  { key: 'gapPlanning', path: '/planning/gaps', allowed: ['planner'] },
  { key: 'statistics', path: '/statistics', allowed: ['team_lead', 'org_admin', 'planner'] },
  { key: 'retention', path: '/retention', allowed: ['case_manager', 'team_lead', 'org_admin'] },
  { key: 'users', path: '/admin/users', allowed: ['org_admin'] },
  { key: 'orgUnits', path: '/admin/org-units', allowed: ['org_admin'] },
  { key: 'settings', path: '/admin/settings', allowed: ['org_admin'] },
  { key: 'consentTemplates', path: '/admin/consent-templates', allowed: ['org_admin'] },
  { key: 'instruments', path: '/admin/instruments', allowed: ['org_admin'] },
  { key: 'organisations', path: '/admin/organisations', allowed: ['installation_admin'] },
  { key: 'audit', path: '/audit', allowed: ['dpo'] },
  { key: 'disclosures', path: '/disclosures', allowed: ['dpo'] },
  { key: 'requests', path: '/requests', allowed: ['dpo'] },
  { key: 'account', path: '/account', allowed: 'everyone' },
];

/** Whether a user with these roles may open the area. Route guards use the same rule as the navigation. */
export function mayUse(roles: readonly Role[], key: NavKey): boolean {
  const area = AREAS.find((a) => a.key === key);
  if (area === undefined) return false;
  return area.allowed === 'everyone' || area.allowed.some((role) => roles.includes(role));
}

/** The main navigation for a user: the union over all their roles, in a fixed order, each item once. */
export function navigationFor(roles: readonly Role[]): NavItem[] {
  return AREAS.filter((area) => mayUse(roles, area.key)).map(({ key, path }) => ({ key, path }));
}
