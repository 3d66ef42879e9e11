import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createOrganisation, createTestApp, signIn, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('statistics smoke', () => {
  it('runs every preset', async () => {
    const org = await createOrganisation(t.deps);
    const admin = as(t.app, await signIn(t.app, org.users.org_admin.username));
    for (const preset of ['annual', 'team_monthly', 'steering']) {
      const res = await admin.get(`/api/statistics/reports/${preset}?from=2025-01-01&to=2025-12-31`);
      expect(res.statusCode, res.body).toBe(200);
    }
  });
});
