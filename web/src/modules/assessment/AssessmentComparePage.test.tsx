import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, me, open, serve, signedInAs } from '../../test/fakeServer';
import { assessment, definition } from './testData';

beforeAll(async () => {
  await import('./AssessmentComparePage');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

// The later one is sent as `left`: the page puts them in time order itself.
const later = assessment({
  id: 'a2',
  status: 'draft',
  conductedOn: '2026-03-01',
  answers: {
    housing: { client: 'own', professional: 'own' },
    has_debts: false,
    coping: 4,
    support: { professional: 4 },
  },
  scores: { strengths: 4 },
  needs: [
    {
      id: 'n2',
      kind: 'need',
      area: null,
      text: 'Deutschkurs',
      priority: 1,
      seenBy: 'both',
      specialCategory: false,
      hidden: false,
    },
  ],
});
const earlier = assessment({
  id: 'a1',
  status: 'final',
  conductedOn: '2025-11-15',
  template: { ...later.template, version: 1 },
  definition: { ...definition, sections: definition.sections.slice(0, 2) },
  answers: {
    housing: { client: 'shared', professional: 'shared' },
    has_debts: false,
    coping: 2,
    support: { professional: 3 },
  },
  scores: { strengths: 2.5 },
  needs: [
    {
      id: 'n1',
      kind: 'need',
      area: null,
      text: 'Wohnung',
      priority: 1,
      seenBy: 'both',
      specialCategory: false,
      hidden: false,
    },
  ],
});

function comparison() {
  return {
    ...signedInAs(me(['case_manager'])),
    'GET /api/assessments/compare': () =>
      json(200, { left: later, right: earlier, changed: ['coping', 'housing', 'support'] }),
  };
}

describe('comparing two assessments', () => {
  it('shows both side by side per section, the earlier first, with changed answers marked in words', async () => {
    const requests = serve(comparison());
    await open('/cases/k1/assessments/compare?left=a2&right=a1');

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Ressourcen-Erhebung: 15.11.2025 und 01.03.2026',
      }),
    ).toBeTruthy();
    expect(requests.find((r) => r.path === '/api/assessments/compare')).toBeTruthy();
    expect(screen.getByText('3 Antworten haben sich geändert.')).toBeTruthy();
    expect(screen.getByText(/verschiedenen Versionen der Vorlage gemacht \(Version 1 und 2\)/)).toBeTruthy();

    const living = screen.getByRole('table', { name: 'Wohnen' });
    const header = within(living)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(header).toEqual(['Frage', 'Früher (15.11.2025)', 'Später (01.03.2026)', 'Änderung']);
    const housing = within(living)
      .getByRole('rowheader', { name: /Wohnform/ })
      .closest('tr') as HTMLElement;
    expect(housing.className).toBe('compare-row--changed');
    expect(within(housing).getByText('geändert')).toBeTruthy();
    expect(within(housing).getAllByText('Gemeinschaftsunterkunft')).toHaveLength(2);
    expect(within(housing).getAllByText('Eigene Wohnung')).toHaveLength(2);
    const debts = within(living)
      .getByRole('rowheader', { name: 'Gibt es Schulden?' })
      .closest('tr') as HTMLElement;
    expect(debts.className).toBe('');
    expect(within(debts).queryByText('geändert')).toBeNull();

    const strengths = screen.getByRole('table', { name: 'Stärken' });
    const score = within(strengths)
      .getByRole('rowheader', { name: 'Punktwert (Mittelwert)' })
      .closest('tr') as HTMLElement;
    expect(
      within(score)
        .getAllByRole('cell')
        .map((td) => td.textContent),
    ).toEqual(['2,5', '4', '']);
    // A section only the later version has: the earlier side says so.
    const areas = screen.getByRole('table', { name: 'Lebensbereiche' });
    expect(within(areas).getAllByText('entfällt').length).toBeGreaterThan(0);

    const needs = screen
      .getByRole('heading', { level: 2, name: 'Bedarfe und Ressourcen' })
      .closest('section') as HTMLElement;
    expect(within(needs).getByText('Wohnung')).toBeTruthy();
    expect(within(needs).getByText('Deutschkurs')).toBeTruthy();
  });

  it('shows only the changes on request', async () => {
    serve(comparison());
    await open('/cases/k1/assessments/compare?left=a2&right=a1');
    const toggle = await screen.findByLabelText('Nur Änderungen zeigen');

    fireEvent.click(toggle);
    const living = screen.getByRole('table', { name: 'Wohnen' });
    expect(
      within(living)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['Wohnform (Pflichtangabe)']);
    const areas = screen
      .getByRole('heading', { level: 2, name: 'Lebensbereiche' })
      .closest('section') as HTMLElement;
    expect(within(areas).getByText('In diesem Abschnitt hat sich nichts geändert.')).toBeTruthy();

    fireEvent.click(toggle);
    expect(
      within(screen.getByRole('table', { name: 'Wohnen' })).getByRole('rowheader', {
        name: 'Gibt es Schulden?',
      }),
    ).toBeTruthy();
  });

  it('links back to the case file', async () => {
    serve(comparison());
    await open('/cases/k1/assessments/compare?left=a2&right=a1');
    expect((await screen.findByRole('link', { name: 'Zurück zur Fallakte' })).getAttribute('href')).toBe(
      '/cases/k1?tab=assessment',
    );
  });
});
