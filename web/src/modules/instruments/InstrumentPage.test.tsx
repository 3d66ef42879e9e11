import { fireEvent, screen, within, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, me, open, problem, serve, signedInAs } from '../../test/fakeServer';
import { definition, detail } from './testData';
import type { Definition } from './types';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function server(extra: Record<string, (body: unknown) => Response> = {}) {
  return serve({
    ...signedInAs(me(['org_admin'])),
    'GET /api/instruments/t2': () => json(200, detail()),
    ...extra,
  });
}

async function openEditor() {
  fireEvent.click(await screen.findByRole('button', { name: 'Neue Version bearbeiten' }));
  return screen.getByRole('region', { name: /Neue Version bearbeiten/ });
}

const fieldGroup = (name: RegExp) => screen.getByRole('group', { name });

describe('instrument page', () => {
  it('shows the current definition readably and the versions', async () => {
    server();
    await open('/admin/instruments/t2');
    expect(await screen.findByRole('heading', { level: 1, name: 'Erstgespräch' })).toBeTruthy();
    expect(screen.getByText('Angeboten in').nextElementSibling?.textContent).toBe('1 Sachgebiet/Team');
    const current = screen.getByRole('region', { name: 'Aktuelle Fassung (Version 2)' });
    expect(within(current).getByRole('heading', { level: 3, name: 'Abschnitt 1: Wohnen' })).toBeTruthy();
    const fields = within(current).getByRole('list', { name: 'Felder von Abschnitt 1' });
    const items = within(fields)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === fields);
    expect(items[0]?.textContent).toContain('Wohnsituation (Einfachauswahl) – Schlüssel housing Pflichtfeld');
    const options = within(items[0] as HTMLElement).getByRole('list', { name: 'Optionen' });
    expect(
      within(options)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['gesichert', 'ungesichert']);
    expect(items[1]?.textContent).toContain('Nur sichtbar, wenn „Wohnsituation“ = „ungesichert“.');
    expect(items[2]?.textContent).toContain('Besondere Kategorie (Art. 9 DSGVO)');

    const versions = screen.getByRole('table', { name: 'Veröffentlichte Versionen, neueste zuerst' });
    const rows = within(versions).getAllByRole('row').slice(1);
    expect(rows[0]?.textContent).toMatch(/^2 \(aktuell\).*Aylin DemirGesundheit ergänzt/);
    expect(rows[1]?.textContent).toMatch(/^1.*Aylin Demir–/);
  });

  it('shows an older version as it was', async () => {
    const old: Definition = {
      ...definition(),
      sections: [
        {
          ...definition().sections[0],
          key: 'living',
          title: { de: 'Wohnen (alt)', en: '' },
          fields: [{ key: 'housing', type: 'text', label: { de: 'Wohnung', en: '' } }],
        },
      ],
    };
    const requests = server({
      'GET /api/instruments/t2/versions/1': () =>
        json(200, { templateId: 't2', version: 1, definition: old }),
    });
    await open('/admin/instruments/t2');
    fireEvent.click(await screen.findByRole('button', { name: 'Ansehen: Version 1' }));
    const shown = await screen.findByRole('region', { name: 'Version 1' });
    expect(await within(shown).findByRole('heading', { name: 'Abschnitt 1: Wohnen (alt)' })).toBeTruthy();
    expect(requests.some((r) => r.path === '/api/instruments/t2/versions/1')).toBe(true);
  });

  it('exports the current version as a JSON file', async () => {
    const exported = {
      format: 'lotse-instrument',
      formatVersion: 1,
      version: 2,
      exportedAt: '2026-03-01T10:00:00Z',
      definition: definition(),
    };
    server({ 'GET /api/instruments/t2/export': () => json(200, exported) });
    const blobs: Blob[] = [];
    // Spies, put back after the test (restoreAllMocks): the URL class is shared by the worker's test files.
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob: Blob | MediaSource) => {
      if (blob instanceof Blob) blobs.push(blob);
      return 'blob:export';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(`${this.download} ${this.href}`);
    });
    await open('/admin/instruments/t2');
    fireEvent.click(await screen.findByRole('button', { name: 'Als JSON-Datei exportieren' }));

    expect(await screen.findByText('Die Datei intake-v2.json wurde heruntergeladen.')).toBeTruthy();
    expect(downloads).toEqual(['intake-v2.json blob:export']);
    expect(JSON.parse(await (blobs[0] as Blob).text())).toEqual(exported);
  });

  it('publishes the edited definition as the next version, based on the current one', async () => {
    const requests = server({ 'PUT /api/instruments/t2': () => json(200, detail({ currentVersion: 3 })) });
    await open('/admin/instruments/t2');
    await openEditor();

    const housing = fieldGroup(/^Feld 1: Wohnsituation/);
    fireEvent.change(within(housing).getByLabelText(/^Beschriftung \(Englisch\)/), {
      target: { value: 'Housing' },
    });
    fireEvent.change(within(housing).getByLabelText(/^Hilfetext \(Deutsch\)/), {
      target: { value: 'Wo wohnen Sie?' },
    });
    fireEvent.change(within(housing).getByLabelText(/^Option „insecure“ \(Deutsch\)/), {
      target: { value: 'nicht gesichert' },
    });
    fireEvent.change(within(housing).getByLabelText(/^Neue Option: Wert/), { target: { value: 'homeless' } });
    fireEvent.change(within(housing).getByLabelText(/^Neue Option: Beschriftung \(Deutsch\)/), {
      target: { value: 'wohnungslos' },
    });
    fireEvent.click(within(housing).getByRole('button', { name: 'Hinzufügen: Wohnsituation' }));
    const health = fieldGroup(/^Feld 3: Gesundheit/);
    fireEvent.click(within(health).getByRole('checkbox', { name: 'Pflichtfeld' }));
    fireEvent.click(within(health).getByRole('checkbox', { name: /Besondere Kategorie/ }));
    fireEvent.click(within(health).getByRole('button', { name: 'Nach oben: Gesundheit' }));
    expect(await screen.findByText('„Gesundheit“ steht jetzt an Stelle 2 von 3.')).toBeTruthy();
    // The moved field's button keeps the focus, so the next press moves the same field again.
    expect(document.activeElement).toBe(
      within(fieldGroup(/^Feld 2: Gesundheit/)).getByRole('button', { name: 'Nach oben: Gesundheit' }),
    );

    const add = fieldGroup(/^Neues Feld in Abschnitt 1/);
    fireEvent.change(within(add).getByLabelText(/^Schlüssel/), { target: { value: 'rent' } });
    fireEvent.change(within(add).getByLabelText('Art des Feldes'), { target: { value: 'scale' } });
    fireEvent.change(within(add).getByLabelText(/^Beschriftung \(Deutsch\)/), {
      target: { value: 'Mietbelastung' },
    });
    fireEvent.change(within(add).getByLabelText(/^Größter Skalenwert/), { target: { value: '4' } });
    fireEvent.click(within(add).getByRole('button', { name: /^Feld hinzufügen/ }));
    expect(
      await screen.findByText('„Mietbelastung“ wurde am Ende von Abschnitt 1 hinzugefügt.'),
    ).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/^Änderungsnotiz/), {
      target: { value: 'Mietbelastung ergänzt' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Als Version 3 veröffentlichen' }));

    expect(await screen.findByText('Version 3 ist veröffentlicht.')).toBeTruthy();
    const sent = requests.find((r) => r.method === 'PUT');
    const [housingField, noteField] = definition().sections[0]?.fields ?? [];
    expect(sent?.body).toEqual({
      basedOnVersion: 2,
      changeNote: 'Mietbelastung ergänzt',
      definition: {
        ...definition(),
        sections: [
          {
            key: 'living',
            title: { de: 'Wohnen', en: 'Housing' },
            fields: [
              {
                ...housingField,
                label: { de: 'Wohnsituation', en: 'Housing' },
                help: { de: 'Wo wohnen Sie?', en: '' },
                options: [
                  { value: 'secure', label: { de: 'gesichert', en: 'secure' } },
                  { value: 'insecure', label: { de: 'nicht gesichert', en: 'insecure' } },
                  { value: 'homeless', label: { de: 'wohnungslos', en: '' } },
                ],
              },
              { key: 'health', type: 'text', label: { de: 'Gesundheit', en: 'Health' }, required: true },
              noteField,
              {
                key: 'rent',
                type: 'scale',
                label: { de: 'Mietbelastung', en: '' },
                scale: { min: 1, max: 4, labels: [] },
              },
            ],
          },
        ],
      },
    });
  });

  it('keeps a field that a condition refers to, and removes another one', async () => {
    server();
    await open('/admin/instruments/t2');
    await openEditor();
    fireEvent.click(
      within(fieldGroup(/^Feld 1: Wohnsituation/)).getByRole('button', { name: 'Entfernen: Wohnsituation' }),
    );
    expect(
      await screen.findByText(
        /„Wohnsituation“ kann nicht entfernt werden: Die Bedingung von „Notiz zur Wohnung“/,
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('group', { name: /^Feld 1: Wohnsituation/ })).toBeTruthy();

    fireEvent.click(
      within(fieldGroup(/^Feld 3: Gesundheit/)).getByRole('button', { name: 'Entfernen: Gesundheit' }),
    );
    const removed = await screen.findByText('„Gesundheit“ wurde aus dem Entwurf entfernt.');
    await waitFor(() => expect(document.activeElement).toBe(removed));
    expect(screen.queryByRole('group', { name: /Gesundheit/ })).toBeNull();
  });

  it('checks a new field before adding it', async () => {
    server();
    await open('/admin/instruments/t2');
    await openEditor();
    const add = fieldGroup(/^Neues Feld in Abschnitt 1/);
    fireEvent.change(within(add).getByLabelText(/^Schlüssel/), { target: { value: 'housing' } });
    fireEvent.change(within(add).getByLabelText('Art des Feldes'), { target: { value: 'single' } });
    fireEvent.click(within(add).getByRole('button', { name: /^Feld hinzufügen/ }));

    const key = within(add).getByLabelText(/^Schlüssel/);
    await waitFor(() => expect(document.activeElement).toBe(key));
    expect(key.getAttribute('aria-invalid')).toBe('true');
    expect(within(add).getByText('Dieser Schlüssel ist doppelt vergeben.')).toBeTruthy();
    expect(
      within(add)
        .getByLabelText(/^Erste Option: Wert/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(screen.getAllByRole('group', { name: /^Feld \d/ })).toHaveLength(3);
  });

  it('shows the server’s field problems next to the field and in a summary that names the place', async () => {
    server({
      'PUT /api/instruments/t2': () =>
        problem(400, 'validation', {
          errors: [
            {
              pointer: '/definition/sections/0/fields/1/showIf/field',
              code: 'unknown-reference',
              message: '',
            },
            {
              pointer: '/definition/sections/0/fields/0/label/de',
              code: 'minLength',
              message: '',
              params: { limit: 1 },
            },
          ],
        }),
    });
    await open('/admin/instruments/t2');
    await openEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Als Version 3 veröffentlichen' }));

    const summary = await screen.findByRole('alert');
    const links = within(summary).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual([
      'Abschnitt 1, Feld 2 („Notiz zur Wohnung“) – Bedingung: Die Bedingung bezieht sich auf kein früheres Feld dieses Abschnitts.',
      'Abschnitt 1, Feld 1 („Wohnsituation“) – Beschriftung (Deutsch): Bitte geben Sie mindestens 1 Zeichen ein.',
    ]);
    const note = fieldGroup(/^Feld 2: Notiz zur Wohnung/);
    expect(
      within(note).getByText('Die Bedingung bezieht sich auf kein früheres Feld dieses Abschnitts.'),
    ).toBeTruthy();
    expect(note.getAttribute('aria-describedby')).toBe('edit-s0-f1-error');
    const label = within(fieldGroup(/^Feld 1: Wohnsituation/)).getByLabelText(/^Beschriftung \(Deutsch\)/);
    expect(label.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(links[1] as HTMLElement);
    await waitFor(() => expect(document.activeElement).toBe(label));
  });

  it('says when someone published in between, and loads the current state on request', async () => {
    let version = 2;
    const requests = server({
      'GET /api/instruments/t2': () => json(200, detail({ currentVersion: version })),
      'PUT /api/instruments/t2': () => {
        version = 3;
        return problem(409, 'version-conflict', { currentVersion: 3 });
      },
    });
    await open('/admin/instruments/t2');
    await openEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Als Version 3 veröffentlichen' }));

    const notice = await screen.findByRole('alert');
    expect(within(notice).getByText('Inzwischen wurde eine neue Version veröffentlicht')).toBeTruthy();
    fireEvent.click(within(notice).getByRole('button', { name: 'Aktuellen Stand laden' }));
    expect(await screen.findByRole('heading', { name: /auf Grundlage von Version 3/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Als Version 4 veröffentlichen' })).toBeTruthy();
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('edits the definition as JSON, refusing what is no JSON', async () => {
    const requests = server({ 'PUT /api/instruments/t2': () => json(200, detail({ currentVersion: 3 })) });
    await open('/admin/instruments/t2');
    await openEditor();
    fireEvent.click(screen.getByRole('radio', { name: 'JSON (für Fortgeschrittene)' }));
    const textarea = screen.getByLabelText(/^Definition als JSON/);
    expect(JSON.parse((textarea as HTMLTextAreaElement).value)).toEqual(definition());

    fireEvent.change(textarea, { target: { value: '{ "key": ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Als Version 3 veröffentlichen' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);

    const edited = { ...definition(), title: { de: 'Erstgespräch (neu)', en: '' } };
    fireEvent.change(textarea, { target: { value: JSON.stringify(edited) } });
    fireEvent.click(screen.getByRole('radio', { name: 'Formular' }));
    expect((screen.getByLabelText(/^Titel \(Deutsch\)/) as HTMLInputElement).value).toBe(
      'Erstgespräch (neu)',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Als Version 3 veröffentlichen' }));
    expect(await screen.findByText('Version 3 ist veröffentlicht.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ basedOnVersion: 2, definition: edited });
  });

  it('links the server’s problems with a JSON draft to the text area', async () => {
    server({
      'PUT /api/instruments/t2': () =>
        problem(400, 'validation', {
          errors: [{ pointer: '/definition/sections/0/fields/2/key', code: 'duplicate-key', message: '' }],
        }),
    });
    await open('/admin/instruments/t2');
    await openEditor();
    fireEvent.click(screen.getByRole('radio', { name: 'JSON (für Fortgeschrittene)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Als Version 3 veröffentlichen' }));

    const link = within(await screen.findByRole('alert')).getByRole('link');
    expect(link.textContent).toBe(
      'Abschnitt 1, Feld 3 („Gesundheit“) – Schlüssel: Dieser Schlüssel ist doppelt vergeben.',
    );
    expect(link.getAttribute('href')).toBe('#edit-json');
  });
});
