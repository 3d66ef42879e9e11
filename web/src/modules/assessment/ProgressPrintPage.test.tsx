import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { json, me, open, serve, signedInAs } from '../../test/fakeServer';
import { formatDay, today } from '../../ui/format';
import type { ProgressSeries } from './model';
import { caseView } from './testData';

beforeAll(async () => {
  await import('./ProgressPrintPage');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const dimension = (key: string, de: string, min = 1, max = 5) => ({ key, label: { de, en: de }, min, max });

const radar: ProgressSeries = {
  templateKey: 'resources',
  title: { de: 'Ressourcen-Erhebung', en: 'Resource survey' },
  dimensions: [
    dimension('housing', 'Wohnen'),
    dimension('work', 'Arbeit'),
    dimension('health', 'Gesundheit'),
    dimension('family', 'Familie'),
  ],
  points: [
    {
      assessmentId: 'a1',
      conductedOn: '2025-11-15',
      templateVersion: 1,
      values: { housing: 2.5, work: 2, health: 4, family: null },
    },
    {
      assessmentId: 'a2',
      conductedOn: '2026-02-01',
      templateVersion: 1,
      values: { housing: 3.8, work: 2, health: 3, family: 4 },
    },
  ],
};
const bars: ProgressSeries = {
  templateKey: 'short',
  title: { de: 'Kurzerhebung', en: 'Short survey' },
  dimensions: [dimension('wellbeing', 'Wohlbefinden'), dimension('total', 'Gesamtpunkte', 3, 15)],
  points: [
    { assessmentId: 'b1', conductedOn: '2026-01-20', templateVersion: 1, values: { wellbeing: 3, total: 9 } },
  ],
};

function printView(series: ProgressSeries[]) {
  return {
    ...signedInAs(me(['case_manager'])),
    'GET /api/cases/k1': () => json(200, caseView()),
    'GET /api/cases/k1/assessments/progress': () => json(200, { series }),
  };
}

describe('progress print view', () => {
  it('tells the client in plain language what changed, one sentence per area', async () => {
    serve(printView([radar]));
    await open('/print/progress/k1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Ihr Verlauf' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Ihr Verlauf – Lotse'));
    expect(await screen.findByText('Für: Rania Haddad')).toBeTruthy();
    expect(screen.getByText(`Stand: ${formatDay(today(), 'de')}`)).toBeTruthy();
    expect(
      screen.getByText(/^Sie haben mit Ihrer Fachkraft über verschiedene Bereiche Ihres Lebens gesprochen\./),
    ).toBeTruthy();
    expect(
      screen.getByText('Ihre Gespräche: 15.11.2025 und 01.02.2026. Die Zahlen gehen von 1 bis 5.'),
    ).toBeTruthy();

    const changes = screen.getByRole('heading', { name: 'Was sich verändert hat' })
      .nextElementSibling as HTMLElement;
    expect(
      within(changes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Wohnen: von 2,5 auf 3,8 – mehr als beim letzten Mal.',
      'Arbeit: 2 – gleich wie beim letzten Mal.',
      'Gesundheit: von 4 auf 3 – weniger als beim letzten Mal.',
      'Familie: 4. Das war die erste Einschätzung.',
    ]);
  });

  it('prints a fixed-size radar chart with the values as a table, and a print button that is not printed', async () => {
    serve(printView([radar]));
    await open('/print/progress/k1');

    const chart = await screen.findByRole('img', { name: /Diagramm „Ressourcen-Erhebung“/ });
    const svg = chart.querySelector('svg.recharts-surface');
    expect(svg?.getAttribute('width')).toBe('600');
    expect(chart.querySelectorAll('.recharts-radar')).toHaveLength(2);
    // Four areas, two assessments, one area without a value the first time: seven markers, not eight.
    expect(chart.querySelectorAll('.recharts-symbols')).toHaveLength(7);
    const table = screen.getByRole('table', { name: 'Ihre Zahlen nach Datum' });
    expect(within(table).getAllByRole('row')).toHaveLength(5);

    const print = vi.fn();
    vi.stubGlobal('print', print);
    const button = screen.getByRole('button', { name: 'Drucken' });
    expect(button.closest('.no-print')).not.toBeNull();
    fireEvent.click(button);
    expect(print).toHaveBeenCalledOnce();
  });

  it('draws bars below three areas and explains percentages when the scales differ', async () => {
    serve(printView([bars]));
    await open('/print/progress/k1');

    const chart = await screen.findByRole('img', { name: /Diagramm „Kurzerhebung“/ });
    expect(chart.querySelector('.recharts-bar')).not.toBeNull();
    expect(chart.querySelector('.recharts-radar')).toBeNull();
    // The bar is filled with its series' pattern, not only a colour.
    const pattern = chart.querySelector('pattern');
    expect(pattern).not.toBeNull();
    expect(chart.querySelector('.recharts-bar-rectangle path')?.getAttribute('fill')).toBe(
      `url(#${pattern?.id})`,
    );
    expect(
      screen.getByText(/Im Bild sehen Sie jeden Bereich in Prozent\. In der Tabelle stehen die Zahlen\./),
    ).toBeTruthy();
    expect(screen.getByText('Gesamtpunkte: 9. Das war die erste Einschätzung.')).toBeTruthy();
  });

  it('says so when there is nothing to show yet', async () => {
    serve(printView([]));
    await open('/print/progress/k1');
    expect(await screen.findByText('Es gibt noch keine abgeschlossene Einschätzung.')).toBeTruthy();
  });
});
