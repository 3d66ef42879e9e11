import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import { decideCaseAccess, type CaseAccessFacts } from '../cases/policy.js';
import { evaluationPolicy } from './policy.js';

const actor = (roles: Actor['roles']): Actor => ({
  userId: 'me',
  organisationId: 'o1',
  roles,
  orgUnitIds: ['u1'],
});
const facts = (changes: Partial<CaseAccessFacts> = {}): CaseAccessFacts => ({
  actorId: 'me',
  actorRoles: ['case_manager'],
  actorOrgUnitIds: ['u1'],
  actorOrganisationId: 'o1',
  caseOrganisationId: 'o1',
  caseOrgUnitId: 'u1',
  responsibleUserId: 'me',
  delegationScopes: [],
  brokeTheGlass: false,
  ...changes,
});

describe('who may evaluate, close, reopen and convert', () => {
  it.each<[string, Actor, CaseAccessFacts, boolean, boolean]>([
    ['the responsible case manager', actor(['case_manager']), facts(), true, true],
    [
      'a full delegate',
      actor(['case_manager']),
      facts({ responsibleUserId: 'other', delegationScopes: ['full'] }),
      true,
      true,
    ],
    [
      'a journal delegate',
      actor(['case_manager']),
      facts({ responsibleUserId: 'other', delegationScopes: ['journal'] }),
      true,
      false,
    ],
    [
      'the team lead without a reason',
      actor(['team_lead']),
      facts({ actorRoles: ['team_lead'], responsibleUserId: 'other' }),
      false,
      false,
    ],
    [
      'the team lead after breaking the glass',
      actor(['team_lead']),
      facts({ actorRoles: ['team_lead'], responsibleUserId: 'other', brokeTheGlass: true }),
      true,
      false,
    ],
    [
      'a case manager of another organisation',
      actor(['case_manager']),
      facts({ caseOrganisationId: 'o2', responsibleUserId: 'other' }),
      false,
      false,
    ],
    [
      'a planner',
      actor(['planner']),
      facts({ actorRoles: ['planner'], responsibleUserId: 'other' }),
      false,
      false,
    ],
  ])('%s: read %s, change %s', (_, a, f, read, change) => {
    const running = { access: decideCaseAccess(f), closed: false, anonymised: false };
    const closed = { ...running, closed: true };
    expect(evaluationPolicy.read(a, running)).toBe(read);
    expect(evaluationPolicy.edit(a, running)).toBe(change);
    expect(evaluationPolicy.close(a, running)).toBe(change);
    expect(evaluationPolicy.changeKind(a, running)).toBe(change);
    expect(evaluationPolicy.reopen(a, closed)).toBe(change);
  });

  it('a closed case is history until reopened; an anonymised one is never reopened', () => {
    const access = decideCaseAccess(facts());
    const cm = actor(['case_manager']);
    const closed = { access, closed: true, anonymised: false };
    expect(evaluationPolicy.edit(cm, closed)).toBe(false);
    expect(evaluationPolicy.close(cm, closed)).toBe(false);
    expect(evaluationPolicy.changeKind(cm, closed)).toBe(false);
    expect(evaluationPolicy.reopen(cm, closed)).toBe(true);
    expect(evaluationPolicy.reopen(cm, { ...closed, anonymised: true })).toBe(false);
    expect(evaluationPolicy.reopen(cm, { ...closed, closed: false })).toBe(false);
    expect(evaluationPolicy.read(cm, { ...closed, anonymised: true })).toBe(true);
  });
});
