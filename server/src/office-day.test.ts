import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from './core/clock.js';
import { as, createOrganisation, createTestApp, signIn, type TestApp } from './test/harness.js';

/**
 * "Today" is the office's day (Berlin), also in the hour after midnight when UTC still has the day before:
 * the app's clock is moved to the next 23:30 UTC, which in Berlin is always past midnight.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const now = t.clock.now();
  const at = new Date(now);
  at.setUTCHours(23, 30, 0, 0);
  if (at <= now) at.setUTCDate(at.getUTCDate() + 1);
  t.clock.advanceMinutes((at.getTime() - now.getTime()) / 60_000);
});
afterAll(async () => {
  await t.close();
});

describe('the office’s day after midnight', () => {
  it('takes a child born today and finds today’s audit entries under today', async () => {
    const today = localDate(t.clock.now());
    expect(today > t.clock.now().toISOString().slice(0, 10)).toBe(true);

    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const born = await cm.post('/api/clients', {
      familyName: 'Neugeboren',
      givenNames: 'Lina',
      birthDate: today,
      birthYear: Number(today.slice(0, 4)),
      gender: 'female',
      confirmNotDuplicate: true,
    });
    expect(born.statusCode, born.body).toBe(201);

    const dpo = as(t.app, await signIn(t.app, org.users.dpo.username));
    const entries = (await dpo.get(`/api/audit?from=${today}&to=${today}`)).json();
    expect(entries.items.map((e: { action: string }) => e.action)).toContain('client.create');
  });

  it('finds a disclosure made after midnight under today, not under the day before', async () => {
    const today = localDate(t.clock.now());
    const yesterday = addDays(today, -1);
    const org = await createOrganisation(t.deps);
    const cm = as(t.app, await signIn(t.app, org.users.case_manager.username));
    const client = await cm.post('/api/clients', {
      familyName: 'Nachtschicht',
      givenNames: 'Ilyas',
      birthYear: 1990,
      gender: 'male',
      consent: { givenBy: 'client', form: 'oral', witness: 'Kollegin', givenOn: today, language: 'de' },
    });
    expect(client.statusCode, client.body).toBe(201);
    // The Art. 15 export is recorded as a disclosure to the person, at 00:30 in Berlin.
    const exported = await cm.get(`/api/clients/${client.json().id}/export`);
    expect(exported.statusCode, exported.body).toBe(200);

    const dpo = as(t.app, await signIn(t.app, org.users.dpo.username));
    const onDay = async (day: string) =>
      (await dpo.get(`/api/disclosures?from=${day}&to=${day}`)).json().total as number;
    expect(await onDay(today)).toBe(1);
    expect(await onDay(yesterday)).toBe(0);
  });
});
