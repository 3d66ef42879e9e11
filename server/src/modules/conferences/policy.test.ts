import { describe, expect, it } from 'vitest';
import type { Role } from '../../core/context.js';
import { decideCaseAccess } from '../cases/policy.js';
import { conferencePermissions, conferencePolicy } from './policy.js';

/** The case access of one person to a case of their organisation, as cases/policy decides it. */
function accessOf(who: 'responsible' | 'full_delegate' | 'journal_delegate' | 'lead' | 'lead_glass' | Role) {
  const role: Role =
    who === 'responsible' || who === 'full_delegate' || who === 'journal_delegate'
      ? 'case_manager'
      : who === 'lead' || who === 'lead_glass'
        ? 'team_lead'
        : who;
  return decideCaseAccess({
    actorId: who === 'responsible' ? 'cm' : 'someone',
    actorRoles: [role],
    actorOrgUnitIds: ['unit'],
    actorOrganisationId: 'org',
    caseOrganisationId: 'org',
    caseOrgUnitId: 'unit',
    responsibleUserId: 'cm',
    delegationScopes: who === 'full_delegate' ? ['full'] : who === 'journal_delegate' ? ['journal'] : [],
    brokeTheGlass: who === 'lead_glass',
  });
}

describe('conference policy', () => {
  it.each([
    ['responsible', true, true],
    ['full_delegate', true, true],
    ['journal_delegate', true, false],
    ['lead', false, false],
    ['lead_glass', true, false],
    ['org_admin', false, false],
    ['planner', false, false],
    ['dpo', false, false],
    ['installation_admin', false, false],
  ] as const)('%s: read %s, change %s', (who, read, change) => {
    const facts = { access: accessOf(who), caseOpen: true };
    expect(conferencePolicy.read(facts)).toBe(read);
    expect(conferencePolicy.change(facts)).toBe(change);
  });

  it('changes nothing on a closed case', () => {
    expect(conferencePolicy.change({ access: accessOf('responsible'), caseOpen: false })).toBe(false);
  });

  it('offers what the status allows', () => {
    const facts = { access: accessOf('responsible'), caseOpen: true };
    expect(conferencePermissions(facts, { status: 'planned', hasExternal: true })).toEqual({
      edit: true,
      invite: true,
      minutes: false,
      cancel: true,
    });
    expect(conferencePermissions(facts, { status: 'planned', hasExternal: false }).minutes).toBe(true);
    expect(conferencePermissions(facts, { status: 'held', hasExternal: true })).toEqual({
      edit: false,
      invite: false,
      minutes: true,
      cancel: false,
    });
    expect(
      conferencePermissions(
        { access: accessOf('journal_delegate'), caseOpen: true },
        { status: 'planned', hasExternal: false },
      ),
    ).toEqual({ edit: false, invite: false, minutes: false, cancel: false });
  });
});
