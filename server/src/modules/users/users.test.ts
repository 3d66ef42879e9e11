import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createOrganisation,
  createTestApp,
  problem,
  signIn,
  TEST_PASSWORD,
  type TestApp,
} from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const newUser = (orgUnitIds: string[], extra: Record<string, unknown> = {}) => ({
  username: `neu-${Math.random().toString(36).slice(2, 10)}`,
  displayName: 'Neue Kollegin',
  email: 'neu@example.org',
  roles: ['case_manager'],
  orgUnitIds,
  initialPassword: 'ein gutes Startpasswort',
  ...extra,
});

describe('user administration', () => {
  it('an org admin creates a user who can then sign in with the right roles and units', async () => {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const input = newUser([org.orgUnitIds[1]], { roles: ['case_manager', 'team_lead'] });
    const res = await admin.post('/api/users', input);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      username: input.username,
      roles: ['case_manager', 'team_lead'],
      active: true,
      version: 1,
    });
    expect(created.orgUnits).toEqual([{ id: org.orgUnitIds[1], name: 'Team B' }]);
    const session = await signIn(t.app, input.username, input.initialPassword);
    const me = (await as(t.app, session).get('/api/auth/session')).json().user;
    expect(me.roles).toEqual(['case_manager', 'team_lead']);
    expect(me.organisation.id).toBe(org.organisationId);
  });

  it('lists users with server-side paging, search and filters', async () => {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const page1 = (await admin.get('/api/users?pageSize=4&page=1')).json();
    const page2 = (await admin.get('/api/users?pageSize=4&page=2')).json();
    expect(page1.total).toBe(6);
    expect(page1.items).toHaveLength(4);
    expect(page2.items).toHaveLength(2);
    const names = [...page1.items, ...page2.items].map((u: { displayName: string }) => u.displayName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : 1)));
    const dpos = (await admin.get('/api/users?role=dpo')).json();
    expect(dpos.items.map((u: { id: string }) => u.id)).toEqual([org.users.dpo.id]);
    const search = (await admin.post('/api/users/search', { q: 'TEAM_LEAD test' })).json();
    expect(search.items.map((u: { id: string }) => u.id)).toEqual([org.users.team_lead.id]);
    const percent = (await admin.post('/api/users/search', { q: '%' })).json();
    expect(percent.total).toBe(0);
    expect((await admin.get('/api/users?q=test')).statusCode).toBe(400);
    const inB = (await admin.get(`/api/users?orgUnitId=${org.orgUnitIds[1]}`)).json();
    expect(inB.total).toBe(0);
    const bad = await admin.get('/api/users?pageSize=1000');
    expect(problem(bad).errors).toContainEqual(
      expect.objectContaining({ parameter: 'pageSize', code: 'maximum' }),
    );
  });

  it('never shows or changes users of another organisation', async () => {
    const mine = await createOrganisation(t.deps);
    const other = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, mine.users.org_admin.username));
    const list = (await admin.get('/api/users?pageSize=200')).json();
    expect(list.items.map((u: { id: string }) => u.id)).not.toContain(other.users.dpo.id);
    expect((await admin.get(`/api/users/${other.users.dpo.id}`)).statusCode).toBe(404);
    expect(
      (await admin.patch(`/api/users/${other.users.dpo.id}`, { version: 1, displayName: 'Gekapert' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await admin.post(`/api/users/${other.users.dpo.id}/password`, { newPassword: 'übernommen!!' }))
        .statusCode,
    ).toBe(404);
    const foreignUnit = await admin.post('/api/users', newUser([other.orgUnitIds[0]]));
    expect(problem(foreignUnit).errors).toContainEqual(
      expect.objectContaining({ pointer: '/orgUnitIds/0', code: 'unknown-reference' }),
    );
  });

  it.each(['case_manager', 'team_lead', 'planner', 'dpo', 'installation_admin'] as const)(
    'a %s may not administer users',
    async (role) => {
      const org = await createOrganisation(t.deps);
      const user = as(t.app, await signIn(t.app, org.users[role].username));
      expect((await user.get('/api/users')).statusCode).toBe(403);
      expect((await user.post('/api/users', newUser([org.orgUnitIds[0]]))).statusCode).toBe(403);
      // but everyone may read their own record
      expect((await user.get(`/api/users/${org.users[role].id}`)).statusCode).toBe(200);
    },
  );

  it('refuses a second save based on an old version (409 with the current record), nothing overwritten', async () => {
    const org = await createOrganisation(t.deps);
    const a = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const id = org.users.case_manager.id;
    const read = (await a.get(`/api/users/${id}`)).json();
    expect(
      (await a.patch(`/api/users/${id}`, { version: read.version, displayName: 'Erste Änderung' }))
        .statusCode,
    ).toBe(200);
    const second = await a.patch(`/api/users/${id}`, {
      version: read.version,
      displayName: 'Zweite Änderung',
    });
    expect(second.statusCode).toBe(409);
    const p = problem(second);
    expect(p.code).toBe('version-conflict');
    expect(p.current).toMatchObject({ displayName: 'Erste Änderung', version: read.version + 1 });
    expect((await a.get(`/api/users/${id}`)).json().displayName).toBe('Erste Änderung');
  });

  it('rejects invalid input naming the field, and stores nothing', async () => {
    const org = await createOrganisation(t.deps);
    const a = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ roles: ['superuser'] }, '/roles/0', 'enum'],
      [{ roles: [] }, '/roles', 'minItems'],
      [{ orgUnitIds: [] }, '/orgUnitIds', 'minItems'],
      [{ orgUnitIds: ['not-a-uuid'] }, '/orgUnitIds/0', 'format'],
      [{ email: 'keine-mail' }, '/email', 'format'],
      [{ username: 'a b' }, '/username', 'pattern'],
      [{ displayName: 'x'.repeat(201) }, '/displayName', 'maxLength'],
      [{ initialPassword: 'kurz' }, '/initialPassword', 'password-too-weak'],
      [{ isAdmin: true }, '/isAdmin', 'additionalProperties'],
    ];
    const before = (await a.get('/api/users')).json().total;
    for (const [override, pointer, code] of cases) {
      const res = await a.post('/api/users', newUser([org.orgUnitIds[0]], override));
      expect(res.statusCode, JSON.stringify(override)).toBe(400);
      expect(problem(res).errors, JSON.stringify(override)).toContainEqual(
        expect.objectContaining({ pointer, code }),
      );
    }
    expect((await a.get('/api/users')).json().total).toBe(before);
    const dup = await a.post(
      '/api/users',
      newUser([org.orgUnitIds[0]], { username: org.users.dpo.username.toUpperCase() }),
    );
    expect(dup.statusCode).toBe(409);
    expect(problem(dup).code).toBe('username-taken');
  });

  it('only an installation admin grants installation-wide rights; an org admin cannot lock themselves out', async () => {
    const org = await createOrganisation(t.deps);
    const a = as(t.app, await signIn(t.app, org.users.org_admin.username));
    expect(
      (await a.post('/api/users', newUser([org.orgUnitIds[0]], { roles: ['installation_admin'] })))
        .statusCode,
    ).toBe(403);
    const self = (await a.get(`/api/users/${org.users.org_admin.id}`)).json();
    expect(
      (await a.patch(`/api/users/${self.id}`, { version: self.version, active: false })).statusCode,
    ).toBe(403);
    expect(
      (await a.patch(`/api/users/${self.id}`, { version: self.version, roles: ['case_manager'] })).statusCode,
    ).toBe(403);
  });

  it('deactivation and role changes end the person’s sessions at once', async () => {
    const org = await createOrganisation(t.deps);
    const a = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const victim = await signIn(t.app, org.users.team_lead.username);
    const u = (await a.get(`/api/users/${org.users.team_lead.id}`)).json();
    await a.patch(`/api/users/${u.id}`, { version: u.version, roles: ['case_manager'] });
    expect((await as(t.app, victim).get('/api/auth/session')).statusCode).toBe(401);
  });

  it('an admin password reset unlocks the account and replaces the password', async () => {
    const org = await createOrganisation(t.deps);
    const a = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const name = org.users.case_manager.username;
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: name, password: 'falsch falsch' },
      });
    }
    const locked = (await a.get(`/api/users/${org.users.case_manager.id}`)).json();
    expect(locked.lockedUntil).not.toBeNull();
    expect((await a.post(`/api/users/${locked.id}/unlock`)).statusCode).toBe(204);
    expect((await a.get(`/api/users/${locked.id}`)).json().lockedUntil).toBeNull();
    expect(
      (await a.post(`/api/users/${locked.id}/password`, { newPassword: 'neu gesetztes Passwort' }))
        .statusCode,
    ).toBe(204);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: name, password: TEST_PASSWORD },
        })
      ).statusCode,
    ).toBe(401);
    await signIn(t.app, name, 'neu gesetztes Passwort');
  });

  it('records every change and every read in the audit log, without personal values', async () => {
    const org = await createOrganisation(t.deps);
    const a = as(t.app, await signIn(t.app, org.users.org_admin.username));
    const created = (
      await a.post('/api/users', newUser([org.orgUnitIds[0]], { displayName: 'Zeynep Yılmaz' }))
    ).json();
    await a.get(`/api/users/${created.id}`);
    const entries = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('organisation_id', '=', org.organisationId)
      .where('entity_id', '=', created.id)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['user.create', 'user.read']);
    expect(entries[0]?.actor_user_id).toBe(org.users.org_admin.id);
    expect(entries[0]?.request_id).toBeTruthy();
    for (const e of entries) expect(JSON.stringify(e)).not.toContain('Yılmaz');
  });
});
