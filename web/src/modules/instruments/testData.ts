// Instruments as the API sends them, for the page tests of this module.
import type { Definition, InstrumentDetail, InstrumentSummary } from './types';

export const ORG_UNITS = [
  {
    id: 'ou1',
    name: 'Team Nord',
    description: null,
    archived: false,
    memberCount: 3,
    createdAt: '2026-01-01T09:00:00Z',
    updatedAt: '2026-01-01T09:00:00Z',
    version: 1,
  },
  {
    id: 'ou2',
    name: 'Team Süd',
    description: null,
    archived: false,
    memberCount: 2,
    createdAt: '2026-01-01T09:00:00Z',
    updatedAt: '2026-01-01T09:00:00Z',
    version: 1,
  },
];

export function summary(changes: Partial<InstrumentSummary> = {}): InstrumentSummary {
  return {
    id: 't1',
    key: 'ulm-minimum',
    shipped: true,
    currentVersion: 1,
    title: { de: 'Ulmer Mindeststandard', en: 'Ulm minimum standard' },
    description: { de: 'Beschreibung', en: 'Description' },
    enabledOrgUnitIds: ['ou1'],
    updatedAt: '2026-01-01T09:00:00Z',
    version: 1,
    ...changes,
  };
}

export function definition(): Definition {
  return {
    key: 'intake',
    title: { de: 'Erstgespräch', en: 'First interview' },
    description: { de: 'Die ersten Fragen.', en: 'The first questions.' },
    sections: [
      {
        key: 'living',
        title: { de: 'Wohnen', en: 'Housing' },
        fields: [
          {
            key: 'housing',
            type: 'single',
            label: { de: 'Wohnsituation', en: 'Housing situation' },
            required: true,
            options: [
              { value: 'secure', label: { de: 'gesichert', en: 'secure' } },
              { value: 'insecure', label: { de: 'ungesichert', en: 'insecure' } },
            ],
          },
          {
            key: 'housing_note',
            type: 'longtext',
            label: { de: 'Notiz zur Wohnung', en: 'Note on housing' },
            showIf: { field: 'housing', equals: 'insecure' },
          },
          {
            key: 'health',
            type: 'text',
            label: { de: 'Gesundheit', en: 'Health' },
            specialCategory: true,
          },
        ],
      },
    ],
  };
}

export function detail(changes: Partial<InstrumentDetail> = {}): InstrumentDetail {
  return {
    ...summary({ id: 't2', key: 'intake', shipped: false, currentVersion: 2, title: definition().title }),
    definition: definition(),
    versions: [
      {
        version: 2,
        publishedAt: '2026-02-01T10:00:00Z',
        publishedBy: { id: 'u1', displayName: 'Aylin Demir' },
        changeNote: 'Gesundheit ergänzt',
      },
      {
        version: 1,
        publishedAt: '2026-01-15T10:00:00Z',
        publishedBy: { id: 'u1', displayName: 'Aylin Demir' },
        changeNote: null,
      },
    ],
    ...changes,
  };
}
