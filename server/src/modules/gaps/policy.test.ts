import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../core/context.js';
import { gapPolicy, type GapReportFacts } from './policy.js';

const actor = (roles: Role[], userId = 'u'): Actor => ({
  userId,
  organisationId: 'org-a',
  roles,
  orgUnitIds: [],
});
const roles: Role[] = ['case_manager', 'team_lead', 'org_admin', 'planner', 'dpo', 'installation_admin'];
const own: GapReportFacts = {
  organisationId: 'org-a',
  createdBy: 'author',
  status: 'reported',
  viaCoordinationOffice: false,
};
const foreign: GapReportFacts = { ...own, organisationId: 'org-b' };
const shared: GapReportFacts = { ...foreign, viaCoordinationOffice: true };

describe('gapPolicy', () => {
  it.each(roles)('%s: reports gaps and links cases only at the case level', (role) => {
    const expected = role === 'case_manager' || role === 'team_lead';
    expect(gapPolicy.create(actor([role]), undefined)).toBe(expected);
    expect(gapPolicy.link(actor([role]), own)).toBe(expected);
    expect(gapPolicy.link(actor([role]), shared)).toBe(false);
  });

  it.each(roles)('%s: reads the own organisation’s reports unless DPO or installation admin', (role) => {
    const expected = !['dpo', 'installation_admin'].includes(role);
    expect(gapPolicy.list(actor([role]), undefined)).toBe(expected);
    expect(gapPolicy.read(actor([role]), own)).toBe(expected);
    expect(gapPolicy.see(actor([role]), own)).toBe(true);
    expect(gapPolicy.see(actor([role]), foreign)).toBe(false);
    expect(gapPolicy.read(actor([role]), foreign)).toBe(false);
  });

  it.each(roles)('%s: of the coordination office sees shared reports only as planner', (role) => {
    expect(gapPolicy.see(actor([role]), shared)).toBe(role === 'planner');
    expect(gapPolicy.read(actor([role]), shared)).toBe(role === 'planner');
    expect(gapPolicy.plan(actor([role]), shared)).toBe(role === 'planner');
  });

  it.each(roles)('%s: changes status and comments only on the planning level', (role) => {
    expect(gapPolicy.plan(actor([role]), own)).toBe(role === 'planner' || role === 'org_admin');
    expect(gapPolicy.plan(actor([role]), foreign)).toBe(false);
    expect(gapPolicy.planning(actor([role]), undefined)).toBe(role === 'planner' || role === 'org_admin');
  });

  it.each(roles)('%s: edits as the author (case level) or as team lead', (role) => {
    expect(gapPolicy.edit(actor([role], 'author'), own)).toBe(
      role === 'case_manager' || role === 'team_lead',
    );
    expect(gapPolicy.edit(actor([role], 'someone'), own)).toBe(role === 'team_lead');
    expect(gapPolicy.edit(actor([role], 'author'), foreign)).toBe(false);
  });
});
