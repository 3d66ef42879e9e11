import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OrganisationSettings } from '../../api/types';
import { json, me, open, serve, signedInAs } from '../../test/fakeServer';

beforeAll(async () => {
  await import('./SettingsPage');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const settings: OrganisationSettings = {
  id: 'o1',
  name: 'JMD Musterstadt',
  shortCode: 'JMD',
  caseloadWarnPerFte: 30,
  caseloadMaxPerFte: 45,
  retentionReviewAfterDays: 365,
  retentionCloseAfterDays: 730,
  retentionAnonymiseAfterDays: 1095,
  planLabel: 'hilfeplan',
  planMaxGoals: 5,
  planRequireIndicator: false,
  sharesAggregates: false,
  coordinationOffice: false,
  secondFactorRequired: false,
  version: 3,
};

function settingsView() {
  return serve({
    ...signedInAs(me(['org_admin'])),
    'GET /api/districts': () => json(200, { items: [] }),
    'GET /api/indication-criteria': () => json(200, { items: [] }),
    'GET /api/organisation': () => json(200, settings),
    'PATCH /api/organisation': (body) => json(200, { ...settings, ...(body as object), version: 4 }),
  });
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe('settings: plan', () => {
  it('shows the plan rules and saves the label, the goal limit (empty = none) and the indicator rule', async () => {
    const requests = settingsView();
    await open('/admin/settings');

    const legend = await screen.findByText('Plan', { selector: 'legend' });
    expect(legend.closest('fieldset')).not.toBeNull();
    const label = screen.getByLabelText('Bezeichnung des Plans') as HTMLSelectElement;
    expect(label.value).toBe('hilfeplan');
    expect([...label.options].map((option) => option.textContent)).toEqual([
      'Hilfeplan',
      'Integrationsförderplan',
      'Förderplan',
      'Entwicklungsplan',
      'Unterstützungsplan',
    ]);
    expect(field('Höchstzahl der Ziele je Plan').value).toBe('5');
    expect(field('Jedes Ziel braucht einen Indikator').checked).toBe(false);

    fireEvent.change(label, { target: { value: 'integrationsfoerderplan' } });
    fireEvent.change(field('Höchstzahl der Ziele je Plan'), { target: { value: '' } });
    fireEvent.click(field('Jedes Ziel braucht einen Indikator'));
    fireEvent.click(field('Zusammengefasste Zahlen mit der Koordinierenden Stelle teilen'));
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));

    expect(await screen.findByText('Die Einstellungen wurden gespeichert.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      version: 3,
      caseloadWarnPerFte: 30,
      caseloadMaxPerFte: 45,
      retentionReviewAfterDays: 365,
      retentionCloseAfterDays: 730,
      retentionAnonymiseAfterDays: 1095,
      planLabel: 'integrationsfoerderplan',
      planMaxGoals: null,
      planRequireIndicator: true,
      sharesAggregates: true,
      secondFactorRequired: false,
    });
    await waitFor(() => expect(field('Höchstzahl der Ziele je Plan').value).toBe(''));
    expect(field('Jedes Ziel braucht einen Indikator').checked).toBe(true);
  });

  it('accepts a goal limit from 1 to 20 only, and says so at the field', async () => {
    const requests = settingsView();
    await open('/admin/settings');
    const limit = await screen.findByLabelText('Höchstzahl der Ziele je Plan');

    fireEvent.change(limit, { target: { value: '21' } });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    expect((await screen.findAllByText('Der Wert darf höchstens 20 sein.')).length).toBeGreaterThan(0);
    expect(limit.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(limit, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    expect((await screen.findAllByText('Der Wert muss mindestens 1 sein.')).length).toBeGreaterThan(0);

    fireEvent.change(limit, { target: { value: 'zehn' } });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    expect((await screen.findAllByText('Bitte geben Sie eine ganze Zahl an.')).length).toBeGreaterThan(0);
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);

    fireEvent.change(limit, { target: { value: '20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Speichern' }));
    await screen.findByText('Die Einstellungen wurden gespeichert.');
    expect(requests.find((r) => r.method === 'PATCH')?.body).toMatchObject({ planMaxGoals: 20 });
  });
});
