import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createOrganisation, createTestApp, problem, signIn, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('org units', () => {
  it('an org admin creates, renames and archives org units; members see the names', async () => {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const created = await admin.post('/api/org-units', { name: 'Team Ost', description: 'Sozialraum Ost' });
    expect(created.statusCode).toBe(201);
    const unit = created.json();
    expect(unit).toMatchObject({ name: 'Team Ost', memberCount: 0, archived: false, version: 1 });
    const renamed = (
      await admin.patch(`/api/org-units/${unit.id}`, { version: 1, name: 'Team Ost-Süd' })
    ).json();
    expect(renamed).toMatchObject({ name: 'Team Ost-Süd', version: 2 });
    const archived = await admin.patch(`/api/org-units/${unit.id}`, { version: 2, archived: true });
    expect(archived.json().archived).toBe(true);
    const member = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const visible = (await member.get('/api/org-units')).json().items.map((u: { name: string }) => u.name);
    expect(visible).toEqual(['Team A', 'Team B']);
    const all = (await admin.get('/api/org-units?includeArchived=true'))
      .json()
      .items.map((u: { name: string }) => u.name);
    expect(all).toContain('Team Ost-Süd');
  });

  it('refuses to archive a unit with active members, duplicates and stale versions', async () => {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const units = (await admin.get('/api/org-units')).json().items;
    const teamA = units.find((u: { name: string }) => u.name === 'Team A');
    expect(teamA.memberCount).toBe(6);
    const inUse = await admin.patch(`/api/org-units/${teamA.id}`, { version: teamA.version, archived: true });
    expect(inUse.statusCode).toBe(409);
    expect(problem(inUse).code).toBe('org-unit-in-use');
    const dup = await admin.post('/api/org-units', { name: 'Team B' });
    expect(dup.statusCode).toBe(409);
    expect(problem(dup).errors).toContainEqual(expect.objectContaining({ pointer: '/name', code: 'taken' }));
    await admin.patch(`/api/org-units/${teamA.id}`, { version: teamA.version, description: 'neu' });
    const stale = await admin.patch(`/api/org-units/${teamA.id}`, {
      version: teamA.version,
      description: 'alt',
    });
    expect(stale.statusCode).toBe(409);
    expect(problem(stale).current).toMatchObject({ description: 'neu' });
  });

  it('keeps organisations apart and lets only org admins manage units', async () => {
    const mine = await createOrganisation(t.deps);
    const other = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, mine.users.org_admin.username));
    expect(
      (await admin.patch(`/api/org-units/${other.orgUnitIds[0]}`, { version: 1, name: 'Übernommen' }))
        .statusCode,
    ).toBe(404);
    const lead = as(t.app, await signIn(t.app, mine.users.team_lead.username));
    expect((await lead.post('/api/org-units', { name: 'Eigenes Team' })).statusCode).toBe(403);
  });
});

describe('organisations', () => {
  it('an installation admin sets up a new Träger with its first unit and admin, who can sign in', async () => {
    const org = await createOrganisation(t.deps);
    const inst = as(t.app, await signIn(t.app, org.users.installation_admin.username));
    const code = `K${Date.now().toString(36).slice(-6).toUpperCase()}`;
    const res = await inst.post('/api/organisations', {
      name: `Kommunales Integrationsmanagement ${code}`,
      shortCode: code,
      firstOrgUnitName: 'Case Management',
      admin: {
        username: `kim-admin-${code.toLowerCase()}`,
        displayName: 'KIM Admin',
        initialPassword: 'sicheres Passwort 1',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ shortCode: code, userCount: 1 });
    const kimAdmin = await signIn(t.app, `kim-admin-${code.toLowerCase()}`, 'sicheres Passwort 1');
    const me = (await as(t.app, kimAdmin).get('/api/auth/session')).json().user;
    expect(me.roles).toEqual(['org_admin']);
    expect(me.orgUnits.map((u: { name: string }) => u.name)).toEqual(['Case Management']);
    const list = (await inst.get('/api/organisations')).json().items.map((o: { id: string }) => o.id);
    expect(list).toContain(res.json().id);
  });

  it('is all or nothing: a taken admin username creates no organisation', async () => {
    const org = await createOrganisation(t.deps);
    const inst = as(t.app, await signIn(t.app, org.users.installation_admin.username));
    const before = (await inst.get('/api/organisations')).json().items.length;
    const res = await inst.post('/api/organisations', {
      name: 'Halbe Sachen e.V.',
      shortCode: 'HALB',
      firstOrgUnitName: 'Team',
      admin: { username: org.users.dpo.username, displayName: 'X', initialPassword: 'sicheres Passwort 1' },
    });
    expect(res.statusCode).toBe(409);
    expect(problem(res).errors).toContainEqual(expect.objectContaining({ pointer: '/admin/username' }));
    expect((await inst.get('/api/organisations')).json().items.length).toBe(before);
  });

  it('is closed to org admins', async () => {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    expect((await admin.get('/api/organisations')).statusCode).toBe(403);
  });

  it('the installation admin names the coordination office; each organisation decides itself to share aggregates', async () => {
    const org = await createOrganisation(t.deps);
    const inst = as(t.app, await signIn(t.app, org.users.installation_admin.username));
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const mine = (await inst.get('/api/organisations'))
      .json()
      .items.find((o: { id: string }) => o.id === org.organisationId);
    expect(mine).toMatchObject({ coordinationOffice: false, sharesAggregates: false });

    const named = await inst.patch(`/api/organisations/${org.organisationId}`, {
      version: mine.version,
      coordinationOffice: true,
    });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toMatchObject({ coordinationOffice: true, version: mine.version + 1 });
    // a stale version changes nothing and shows the current state
    const stale = await inst.patch(`/api/organisations/${org.organisationId}`, {
      version: mine.version,
      coordinationOffice: false,
    });
    expect(problem(stale)).toMatchObject({ code: 'version-conflict', current: { coordinationOffice: true } });
    // an org admin may not name it, not even for their own organisation
    expect(
      (
        await admin.patch(`/api/organisations/${org.organisationId}`, {
          version: mine.version + 1,
          coordinationOffice: false,
        })
      ).statusCode,
    ).toBe(403);

    // sharing aggregates is the organisation's own decision, in its settings
    const settings = (await admin.get('/api/organisation')).json();
    expect(settings).toMatchObject({ sharesAggregates: false, coordinationOffice: true });
    const shared = await admin.patch('/api/organisation', {
      version: settings.version,
      sharesAggregates: true,
    });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().sharesAggregates).toBe(true);
    const listed = (await inst.get('/api/organisations'))
      .json()
      .items.find((o: { id: string }) => o.id === org.organisationId);
    expect(listed.sharesAggregates).toBe(true);
  });
});
