import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import { decideCaseAccess, type CaseAccessFacts } from '../cases/policy.js';
import { referralPolicy } from './policy.js';

const actor: Actor = { userId: 'u1', organisationId: 'o1', roles: ['case_manager'], orgUnitIds: ['ou1'] };
const facts = (changes: Partial<CaseAccessFacts>): CaseAccessFacts => ({
  actorId: 'u1',
  actorRoles: ['case_manager'],
  actorOrgUnitIds: ['ou1'],
  actorOrganisationId: 'o1',
  caseOrganisationId: 'o1',
  caseOrgUnitId: 'ou1',
  responsibleUserId: 'u1',
  delegationScopes: [],
  brokeTheGlass: false,
  ...changes,
});

describe('who may read and change referrals', () => {
  it.each<[string, Partial<CaseAccessFacts>, boolean, { read: boolean; write: boolean }]>([
    ['responsible case manager', {}, false, { read: true, write: true }],
    ['responsible, case closed', {}, true, { read: true, write: false }],
    [
      'full delegate',
      { responsibleUserId: 'u2', delegationScopes: ['full'] },
      false,
      { read: true, write: true },
    ],
    [
      'journal delegate',
      { responsibleUserId: 'u2', delegationScopes: ['journal'] },
      false,
      { read: true, write: true },
    ],
    [
      'team lead without a reason',
      { responsibleUserId: 'u2', actorRoles: ['team_lead'] },
      false,
      { read: false, write: false },
    ],
    [
      'team lead who broke the glass',
      { responsibleUserId: 'u2', actorRoles: ['team_lead'], brokeTheGlass: true },
      false,
      { read: true, write: false },
    ],
    ['colleague of the unit', { responsibleUserId: 'u2' }, false, { read: false, write: false }],
    ['another organisation', { caseOrganisationId: 'o2' }, false, { read: false, write: false }],
    [
      'planner, org admin or DPO of the organisation',
      { responsibleUserId: 'u2', actorRoles: ['planner', 'org_admin', 'dpo'] },
      false,
      { read: false, write: false },
    ],
  ])('%s', (_name, change, closed, expected) => {
    const c = { access: decideCaseAccess(facts(change)), closed };
    expect({ read: referralPolicy.read(actor, c), write: referralPolicy.write(actor, c) }).toEqual(expected);
  });
});
