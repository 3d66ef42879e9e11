import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/context.js';
import { casePolicy, decideCaseAccess, type CaseAccessFacts } from './policy.js';

const ROLES: Role[] = ['case_manager', 'team_lead', 'org_admin', 'planner', 'dpo', 'installation_admin'];
const actor = (role: Role): Actor => ({ userId: 'u', organisationId: 'o', roles: [role], orgUnitIds: [] });

describe('casePolicy by role', () => {
  it.each(ROLES)('%s', (role) => {
    const runsCases = role === 'case_manager' || role === 'team_lead';
    expect(casePolicy.open(actor(role), undefined)).toBe(runsCases);
    expect(casePolicy.list(actor(role), undefined)).toBe(runsCases);
    expect(casePolicy.assign(actor(role), undefined)).toBe(role === 'team_lead');
    expect(casePolicy.caseloads(actor(role), undefined)).toBe(role === 'team_lead');
  });
});

describe('case access', () => {
  const base: CaseAccessFacts = {
    actorId: 'me',
    actorRoles: ['case_manager'],
    actorOrgUnitIds: ['unit-1'],
    actorOrganisationId: 'org',
    caseOrganisationId: 'org',
    caseOrgUnitId: 'unit-1',
    responsibleUserId: 'someone-else',
    delegationScopes: [],
    brokeTheGlass: false,
  };
  const cases: [string, Partial<CaseAccessFacts>, Partial<ReturnType<typeof decideCaseAccess>>][] = [
    [
      'responsible case manager',
      { responsibleUserId: 'me' },
      { meta: true, read: true, write: true, journal: true, handOver: true, team: true },
    ],
    ['colleague in the same unit', {}, { meta: false, read: false, write: false, journal: false }],
    [
      'full delegate',
      { delegationScopes: ['full'] },
      { read: true, write: true, journal: true, handOver: false, team: true },
    ],
    ['journal delegate', { delegationScopes: ['journal'] }, { read: true, write: false, journal: true }],
    [
      'team lead of the unit',
      { actorRoles: ['team_lead'] },
      { meta: true, read: false, handOver: true, mayBreakTheGlass: true },
    ],
    [
      'team lead after breaking the glass',
      { actorRoles: ['team_lead'], brokeTheGlass: true },
      { meta: true, read: true, write: false, journal: false, team: false },
    ],
    [
      'team lead of another unit',
      { actorRoles: ['team_lead'], actorOrgUnitIds: ['unit-2'] },
      { meta: false, mayBreakTheGlass: false },
    ],
    ['org admin', { actorRoles: ['org_admin'] }, { meta: false, read: false }],
    ['planner', { actorRoles: ['planner'] }, { meta: false, read: false }],
    ['dpo', { actorRoles: ['dpo'] }, { meta: false, read: false }],
    [
      'responsible, but other organisation',
      { responsibleUserId: 'me', caseOrganisationId: 'other' },
      { meta: false, read: false, write: false },
    ],
  ];
  it.each(cases)('%s', (_name, facts, expected) => {
    expect(decideCaseAccess({ ...base, ...facts })).toMatchObject(expected);
  });
});
