import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConsentList, DataCategory, PrintableForm } from '../../api/types';
import {
  bodiesOf,
  json,
  me,
  open,
  requestedUrls,
  serve,
  signedInAs,
  urlsRevealing,
  clientView,
} from '../../test/fakeServer';
import { printState } from './labels';

afterEach(() => {
  vi.unstubAllGlobals();
});

const client = clientView();

const consents: ConsentList = {
  items: [],
  basis: { allowed: true, consent: true, legalBasis: null, caseManagementConsent: true, missing: [] },
  guardianRequiredToday: false,
};

function printable(language: 'de' | 'ar', title: string): PrintableForm {
  return {
    kind: 'release',
    templateId: '00000000-0000-4000-8000-000000000001',
    version: 3,
    language,
    direction: language === 'ar' ? 'rtl' : 'ltr',
    text: {
      title,
      intro: 'Ich entbinde die Beratungsstelle von der Schweigepflicht.',
      sections: [{ heading: 'Empfänger', paragraphs: ['Dr. med. Sommer'] }],
      declaration: 'Ich bin einverstanden.',
      revocationNote: 'Ich kann die Entbindung jederzeit widerrufen.',
    },
    labels: {},
    categoryLabels: {},
    german: null,
  };
}

const FORM = 'POST /api/consent-forms/release/de';
const BLANK = 'GET /api/consent-forms/release/de';

function server() {
  return serve({
    ...signedInAs(me(['case_manager'])),
    'GET /api/clients/c1': () => json(200, client),
    'GET /api/districts': () => json(200, { items: [] }),
    'GET /api/clients/c1/consents': () => json(200, consents),
    [FORM]: () => json(200, printable('de', 'Schweigepflichtentbindung (ausgefüllt)')),
    'POST /api/consent-forms/release/ar': () => json(200, printable('ar', 'إعفاء من واجب السرية')),
    [BLANK]: () => json(200, printable('de', 'Schweigepflichtentbindung (leer)')),
  });
}

const details = {
  recipient: 'Dr. med. Sommer',
  purpose: 'Vermittlung',
  categories: ['health', 'residence'] satisfies DataCategory[],
  validUntil: '2026-12-31',
};

describe('consent print page', () => {
  it('gets the release details from the form through navigation state and sends them in a POST body', async () => {
    const requests = server();
    const router = await open('/clients/c1');
    fireEvent.click(await screen.findByRole('button', { name: 'Schweigepflichtentbindung erfassen' }));
    const form = screen.getByRole('form', { name: 'Schweigepflichtentbindung erfassen' });
    fireEvent.change(within(form).getByLabelText('Name der Stelle oder Person'), {
      target: { value: ' Dr. med. Sommer ' },
    });
    fireEvent.change(within(form).getByLabelText('Zweck'), { target: { value: 'referral' } });
    fireEvent.click(within(form).getByLabelText('Gesundheit'));
    fireEvent.click(within(form).getByLabelText('Aufenthalt'));
    fireEvent.change(within(form).getByLabelText(/^Gültig bis/), { target: { value: '2026-12-31' } });

    // The link names kind and language and that a release's details come along, nothing of them; the blank
    // forms below link without the flag.
    const link = within(form).getByRole('link', { name: 'Formular für diese Entbindung drucken' });
    expect(link.getAttribute('href')).toBe('/print/consent/release/de?release=1');
    expect(
      screen.getByRole('link', { name: 'Formular drucken: Schweigepflichtentbindung' }).getAttribute('href'),
    ).toBe('/print/consent/release/de');

    fireEvent.click(link);
    expect(
      await screen.findByRole('heading', { name: 'Schweigepflichtentbindung (ausgefüllt)' }),
    ).toBeTruthy();
    expect(bodiesOf(requests, FORM)).toEqual([details]);
    expect(bodiesOf(requests, BLANK)).toEqual([]);
    expect(requestedUrls()).toContain(`${window.location.origin}/api/consent-forms/release/de`);
    expect(urlsRevealing('Sommer')).toEqual([]);
    expect(requestedUrls().filter((url) => url.includes('consent-forms') && url.includes('?'))).toEqual([]);
    expect(router.state.location.pathname + router.state.location.search).toBe(
      '/print/consent/release/de?release=1',
    );
    expect(router.state.location.state).toEqual({ release: details });
    // The details came along: no hint that they are missing.
    expect(screen.queryByText(/Angaben der Entbindung .* sind nicht eingetragen/)).toBeNull();
  });

  it("says so when a release form's print is opened without its details (a new tab gets no state)", async () => {
    const requests = server();
    await open('/print/consent/release/de?release=1');
    expect(await screen.findByRole('heading', { name: 'Schweigepflichtentbindung (leer)' })).toBeTruthy();
    const hint = screen.getByText(/Angaben der Entbindung .* sind nicht eingetragen/);
    expect(hint.closest('.no-print')).not.toBeNull();
    expect(bodiesOf(requests, BLANK)).toEqual([null]);
    expect(bodiesOf(requests, FORM)).toEqual([]);
  });

  it('gives no such hint when the release form hands over a state with its fields left empty', async () => {
    server();
    await open({
      pathname: '/print/consent/release/de',
      search: '?release=1',
      state: printState({ recipient: '', purpose: '', categories: [], validUntil: '' }),
    });
    expect(await screen.findByRole('heading', { name: 'Schweigepflichtentbindung (leer)' })).toBeTruthy();
    expect(screen.queryByText(/Angaben der Entbindung .* sind nicht eingetragen/)).toBeNull();
  });

  it('fills the form in from a handed-over state (as after a reload) and asks again for another language', async () => {
    const requests = server();
    const router = await open({ pathname: '/print/consent/release/de', state: printState(details) });
    expect(
      await screen.findByRole('heading', { name: 'Schweigepflichtentbindung (ausgefüllt)' }),
    ).toBeTruthy();
    expect(bodiesOf(requests, FORM)).toEqual([details]);

    await act(() => router.navigate('/print/consent/release/ar', { state: printState(details) }));
    expect(await screen.findByRole('heading', { name: 'إعفاء من واجب السرية' })).toBeTruthy();
    expect(bodiesOf(requests, 'POST /api/consent-forms/release/ar')).toEqual([details]);
    expect(urlsRevealing('Sommer')).toEqual([]);
  });

  it('prints the blank form through GET and never sends details from the address', async () => {
    const requests = server();
    await open(
      '/print/consent/release/de?recipient=Dr.%20med.%20Sommer&categories=health&validUntil=2026-12-31',
    );
    expect(await screen.findByRole('heading', { name: 'Schweigepflichtentbindung (leer)' })).toBeTruthy();
    expect(bodiesOf(requests, BLANK)).toEqual([null]);
    expect(bodiesOf(requests, FORM)).toEqual([]);
    await waitFor(() =>
      expect(requestedUrls()).toContain(`${window.location.origin}/api/consent-forms/release/de`),
    );
    expect(urlsRevealing('Sommer')).toEqual([]);
    expect(requestedUrls().filter((url) => url.includes('consent-forms') && url.includes('?'))).toEqual([]);
    // A blank form asked for as such (no release flag) needs no hint.
    expect(screen.queryByText(/Angaben der Entbindung .* sind nicht eingetragen/)).toBeNull();
  });

  it('leaves unchecked state out: a state with nothing usable prints the blank form', async () => {
    const requests = server();
    await open({
      pathname: '/print/consent/release/de',
      state: { release: { recipient: 7, purpose: ' ', categories: ['bogus'], validUntil: '31.12.2026' } },
    });
    expect(await screen.findByRole('heading', { name: 'Schweigepflichtentbindung (leer)' })).toBeTruthy();
    expect(bodiesOf(requests, FORM)).toEqual([]);
    expect(bodiesOf(requests, BLANK)).toEqual([null]);
  });
});
