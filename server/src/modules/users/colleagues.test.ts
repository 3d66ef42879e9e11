import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, as, createOrganisation, createTestApp, signIn, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/colleagues', () => {
  it('lists the active case managers and team leads of the own organisation with roles and active units', async () => {
    const org = await createOrganisation(t.deps);
    const elsewhere = await createOrganisation(t.deps);
    const [unitA, unitB] = org.orgUnitIds;
    const both = await addUser(t.deps, org, ['team_lead', 'case_manager'], [unitB, unitA]);
    const gone = await addUser(t.deps, org, ['case_manager']);
    await t.deps.db
      .updateTable('users')
      .set({ deactivated_at: t.deps.clock().toISOString() })
      .where('id', '=', gone.id)
      .execute();
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));

    type Colleague = { id: string; displayName: string; roles: string[]; orgUnitIds: string[] };
    const list = async () => (await cm.get('/api/colleagues')).json<{ items: Colleague[] }>().items;
    const items = await list();
    expect(items.map((c) => c.id).sort()).toEqual(
      [org.users.case_manager.id, org.users.team_lead.id, both.id].sort(),
    );
    expect(items.map((c) => c.displayName)).toEqual([...items.map((c) => c.displayName)].sort());
    expect(items.some((c) => c.id === elsewhere.users.case_manager.id)).toBe(false);
    // roles in the app's order, units by name (Team A, Team B)
    expect(items.find((c) => c.id === both.id)).toMatchObject({
      roles: ['case_manager', 'team_lead'],
      orgUnitIds: [unitA, unitB],
    });
    expect(items.find((c) => c.id === org.users.team_lead.id)).toMatchObject({
      roles: ['team_lead'],
      orgUnitIds: [unitA],
    });

    // an archived unit is no longer among a colleague's units
    await t.deps.db
      .updateTable('org_units')
      .set({ archived_at: t.deps.clock().toISOString() })
      .where('id', '=', unitB)
      .execute();
    expect((await list()).find((c) => c.id === both.id)?.orgUnitIds).toEqual([unitA]);
  });
});
