import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/context.js';
import { PRESETS, type Preset } from './domain.js';
import { mayRun, statisticsPolicy } from './policy.js';

const actor = (roles: Role[]): Actor => ({
  userId: 'u',
  organisationId: 'org-a',
  roles,
  orgUnitIds: ['unit-a'],
});

const MAY_RUN: Record<Role, Preset[]> = {
  case_manager: [],
  team_lead: ['annual', 'team_monthly'],
  org_admin: ['annual', 'team_monthly', 'steering'],
  planner: ['annual', 'steering'],
  dpo: [],
  installation_admin: [],
};

describe('statisticsPolicy', () => {
  it.each(Object.entries(MAY_RUN) as [Role, Preset[]][])('%s runs %j', (role, presets) => {
    for (const preset of PRESETS) expect(mayRun(actor([role]), preset)).toBe(presets.includes(preset));
  });

  it.each<[Role, Preset, boolean]>([
    ['team_lead', 'annual', false],
    ['team_lead', 'team_monthly', false],
    ['org_admin', 'annual', true],
    ['org_admin', 'team_monthly', true],
    ['org_admin', 'steering', true],
    ['planner', 'annual', true],
    ['planner', 'steering', true],
  ])('%s sees the whole organisation in %s: %s', (role, preset, expected) => {
    expect(statisticsPolicy.wholeOrganisation(actor([role]), preset)).toBe(expected);
  });

  it.each<[Role, Preset, boolean, boolean]>([
    ['planner', 'steering', true, true],
    ['planner', 'steering', false, false],
    ['planner', 'annual', true, false],
    ['org_admin', 'steering', true, false],
    ['team_lead', 'steering', true, false],
  ])('%s, %s, coordination office %s: across organisations %s', (role, preset, office, expected) => {
    expect(statisticsPolicy.acrossOrganisations(actor([role]), { preset, coordinationOffice: office })).toBe(
      expected,
    );
  });

  it.each(Object.keys(MAY_RUN) as Role[])('%s: the threshold setting only for the org admin', (role) => {
    expect(statisticsPolicy.settings(actor([role]), undefined)).toBe(role === 'org_admin');
  });
});
