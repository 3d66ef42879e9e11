import { vi } from 'vitest';
import { json, problem } from '../../test/fakeServer';
import type { Offer, Partner, PartnerListItem } from './model';

// Fixtures and a fake server for the partner directory's component tests.

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** The fake server of test/fakeServer, recording the query string too (the search sends its filters there). */
export function serve(
  answers: Record<string, (body: unknown, query: URLSearchParams) => Response>,
): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const text = await request.text();
      const body: unknown = text === '' ? null : JSON.parse(text);
      requests.push({ method: request.method, path: url.pathname, query: url.searchParams, body });
      const answer = answers[`${request.method} ${url.pathname}`];
      return answer ? answer(body, url.searchParams) : problem(404, 'not-found');
    }),
  );
  return requests;
}

export const listItem = (changes: Partial<PartnerListItem> = {}): PartnerListItem => ({
  id: 'p1',
  shared: false,
  name: 'Sprachschule Brücke',
  type: 'language_course_provider',
  district: 'Weststadt',
  city: 'Ulm',
  archived: false,
  offers: 2,
  freePlaces: 3,
  version: 1,
  ...changes,
});

export const page = (items: PartnerListItem[]) => ({ items, total: items.length, page: 1, pageSize: 25 });

export const offer = (changes: Partial<Offer> = {}): Offer => ({
  id: 'o1',
  partnerId: 'p1',
  shared: false,
  title: 'Integrationskurs mit Kinderbetreuung',
  description: null,
  field: 'language',
  targetGroups: ['adults', 'parents'],
  ageMin: 18,
  ageMax: null,
  languages: ['de', 'ar'],
  district: null,
  costBearer: 'BAMF',
  capacity: 20,
  freePlaces: 3,
  waitingDays: 28,
  validFrom: '2026-01-01',
  validTo: null,
  validToday: true,
  archived: false,
  version: 1,
  ...changes,
});

export const partner = (changes: Partial<Partner> = {}): Partner => ({
  id: 'p1',
  shared: false,
  name: 'Sprachschule Brücke',
  type: 'language_course_provider',
  street: 'Hauptstraße 5',
  postalCode: '89073',
  city: 'Ulm',
  district: 'Weststadt',
  phone: '0731 12345',
  email: 'info@bruecke.example',
  website: null,
  notes: null,
  archived: false,
  archivedAt: null,
  contacts: [{ id: 'c1', name: 'Frau Yilmaz', role: 'Kursleitung', phone: null, email: null }],
  offers: [offer()],
  permissions: { edit: true, archive: false },
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T10:00:00Z',
  version: 1,
  ...changes,
});

export const types = {
  'GET /api/partner-types': () =>
    json(200, {
      items: [
        { key: 'kita', label: null, scope: 'shipped', id: null, archived: false },
        { key: 'language_course_provider', label: null, scope: 'shipped', id: null, archived: false },
        { key: 'other', label: null, scope: 'shipped', id: null, archived: false },
        { key: 'custom_tafel', label: 'Tafel', scope: 'own', id: 't1', archived: false },
      ],
    }),
  'GET /api/districts': () => json(200, { items: [] }),
};
