import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import { detail, ORG_UNITS, summary } from './testData';

afterEach(() => {
  vi.unstubAllGlobals();
});

const shipped = summary();
const own = summary({
  id: 't2',
  key: 'intake',
  shipped: false,
  currentVersion: 2,
  title: { de: 'Erstgespräch', en: 'First interview' },
  enabledOrgUnitIds: [],
});

function server(extra: Record<string, (body: unknown) => Response> = {}) {
  return serve({
    ...signedInAs(me(['org_admin'])),
    'GET /api/instruments': () => json(200, { items: [shipped, own] }),
    'GET /api/org-units': () => json(200, { items: ORG_UNITS }),
    ...extra,
  });
}

function chooseFile(content: string) {
  const input = screen.getByLabelText('JSON-Datei');
  fireEvent.change(input, {
    target: { files: [new File([content], 'intake.json', { type: 'application/json' })] },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Importieren' }));
}

describe('instruments page', () => {
  it('lists the instruments with title, key, version and origin, each linked to its page', async () => {
    server();
    await open('/admin/instruments');
    const table = await screen.findByRole('table', { name: 'Instrumente der Organisation' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'Ulmer Mindeststandardulm-minimum1von Lotse mitgeliefert',
      'Erstgesprächintake2eigenes Instrument',
    ]);
    expect(within(table).getByRole('link', { name: 'Erstgespräch' }).getAttribute('href')).toBe(
      '/admin/instruments/t2',
    );
  });

  it('saves which instruments an org unit offers, per unit', async () => {
    const requests = server({
      'PUT /api/org-units/ou2/instruments': () => json(200, { orgUnitId: 'ou2', templateIds: ['t2'] }),
    });
    await open('/admin/instruments');
    const north = await screen.findByRole('group', { name: 'Instrumente in Team Nord' });
    const south = screen.getByRole('group', { name: 'Instrumente in Team Süd' });
    expect(within(north).getByRole('checkbox', { name: 'Ulmer Mindeststandard' })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(south).getByRole('checkbox', { name: 'Ulmer Mindeststandard' })).toHaveProperty(
      'checked',
      false,
    );

    fireEvent.click(within(south).getByRole('checkbox', { name: 'Erstgespräch' }));
    fireEvent.click(screen.getByRole('button', { name: 'Speichern: Team Süd' }));

    expect(await screen.findByText('Das Angebot für Team Süd ist gespeichert.')).toBeTruthy();
    const saved = requests.filter((r) => r.method === 'PUT');
    expect(saved).toEqual([
      { method: 'PUT', path: '/api/org-units/ou2/instruments', body: { templateIds: ['t2'] } },
    ]);
  });

  it('creates a minimal instrument and opens its page', async () => {
    const requests = server({
      'POST /api/instruments': () => json(201, detail({ id: 't9', currentVersion: 1 })),
      'GET /api/instruments/t9': () => json(200, detail({ id: 't9', currentVersion: 1 })),
    });
    const router = await open('/admin/instruments');
    fireEvent.change(await screen.findByLabelText(/^Schlüssel/), { target: { value: 'erstgespraech' } });
    fireEvent.change(screen.getByLabelText(/^Titel \(Deutsch\)/), { target: { value: 'Erstgespräch' } });
    fireEvent.change(screen.getByLabelText(/^Titel \(Englisch\)/), { target: { value: 'First interview' } });
    fireEvent.click(screen.getByRole('button', { name: 'Instrument anlegen' }));

    expect(await screen.findByText(/Das Instrument ist angelegt \(Version 1\)/)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/admin/instruments/t9');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      definition: {
        key: 'erstgespraech',
        title: { de: 'Erstgespräch', en: 'First interview' },
        description: { de: 'Erstgespräch', en: 'First interview' },
        sections: [
          {
            key: 'section_1',
            title: { de: 'Abschnitt 1', en: 'Section 1' },
            fields: [{ key: 'note', type: 'text', label: { de: 'Notiz', en: 'Note' } }],
          },
        ],
      },
    });
  });

  it('checks the key before sending, and shows a taken key at the key field', async () => {
    const requests = server({
      'POST /api/instruments': () =>
        problem(409, 'name-taken', { errors: [{ pointer: '/definition/key', code: 'taken', message: '' }] }),
    });
    await open('/admin/instruments');
    const key = await screen.findByLabelText(/^Schlüssel/);
    fireEvent.change(key, { target: { value: 'Erstgespräch' } });
    fireEvent.change(screen.getByLabelText(/^Titel \(Deutsch\)/), { target: { value: 'Erstgespräch' } });
    fireEvent.click(screen.getByRole('button', { name: 'Instrument anlegen' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link').textContent).toBe(
      'Schlüssel: Bitte nur Kleinbuchstaben a–z, Ziffern, _ und - verwenden, am Anfang ein Buchstabe.',
    );
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    fireEvent.change(key, { target: { value: 'intake' } });
    fireEvent.click(screen.getByRole('button', { name: 'Instrument anlegen' }));
    expect(
      await screen.findByText('Ein Instrument mit diesem Schlüssel gibt es schon.', {
        selector: '.field__error',
      }),
    ).toBeTruthy();
    expect(key.getAttribute('aria-invalid')).toBe('true');
  });

  it('imports a file and says it published a new version of a known instrument', async () => {
    const exported = {
      format: 'lotse-instrument',
      formatVersion: 1,
      version: 2,
      definition: detail().definition,
    };
    const requests = server({
      'POST /api/instruments/import': () =>
        json(200, { created: false, instrument: detail({ currentVersion: 3 }) }),
    });
    await open('/admin/instruments');
    await screen.findByRole('table');
    chooseFile(JSON.stringify(exported));

    expect(await screen.findByText('Von „Erstgespräch“ wurde Version 3 veröffentlicht.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Zum Instrument „Erstgespräch“' }).getAttribute('href')).toBe(
      '/admin/instruments/t2',
    );
    expect(requests.find((r) => r.path === '/api/instruments/import')?.body).toEqual(exported);
  });

  it('says when an imported file created a new instrument', async () => {
    server({
      'POST /api/instruments/import': () =>
        json(200, { created: true, instrument: detail({ id: 't7', currentVersion: 1 }) }),
    });
    await open('/admin/instruments');
    await screen.findByRole('table');
    chooseFile(JSON.stringify(detail().definition));
    expect(
      await screen.findByText('„Erstgespräch“ wurde als neues Instrument angelegt (Version 1).'),
    ).toBeTruthy();
  });

  it('refuses a file that is no JSON without sending it', async () => {
    const requests = server();
    await open('/admin/instruments');
    await screen.findByRole('table');
    chooseFile('{ "key": "intake", ');
    expect(await screen.findByText('Die Datei enthält kein gültiges JSON.')).toBeTruthy();
    expect(screen.getByLabelText('JSON-Datei').getAttribute('aria-invalid')).toBe('true');
    expect(requests.some((r) => r.path === '/api/instruments/import')).toBe(false);
  });

  it('names the places the server finds wrong in an imported file', async () => {
    server({
      'POST /api/instruments/import': () =>
        problem(400, 'validation', {
          errors: [
            {
              pointer: '/definition/sections/0/fields/1/showIf/field',
              code: 'unknown-reference',
              message: '',
            },
            { pointer: '/definition/sections/0/fields/0/options/1', code: 'duplicate-key', message: '' },
          ],
        }),
    });
    await open('/admin/instruments');
    await screen.findByRole('table');
    chooseFile(JSON.stringify(detail().definition));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading').textContent).toBe('Die Datei wurde nicht importiert.');
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Abschnitt 1, Feld 2 – Bedingung: Die Bedingung bezieht sich auf kein früheres Feld dieses Abschnitts.',
      'Abschnitt 1, Feld 1 – Option 2: Dieser Schlüssel ist doppelt vergeben.',
    ]);
  });
});
