// Fixtures for the assessment module's tests (not a test file itself).
export { caseView } from '../../test/fakeServer';
import type { ApiDefinition, Assessment, AssessmentSummary } from './model';

const tx = (de: string, en = de) => ({ de, en });

const AGREE = {
  min: 1,
  max: 5,
  labels: [
    { value: 1, label: tx('Stimmt gar nicht') },
    { value: 3, label: tx('Teils, teils') },
    { value: 5, label: tx('Stimmt genau') },
  ],
};

/** A small instrument with every field type. */
export const definition: ApiDefinition = {
  key: 'resources',
  title: tx('Ressourcen-Erhebung', 'Resource survey'),
  description: tx('Erhebt Ressourcen in Lebensbereichen.', 'Surveys resources.'),
  sections: [
    {
      key: 'living',
      title: tx('Wohnen', 'Housing'),
      help: tx('Wie wohnt die Person?'),
      fields: [
        {
          key: 'housing',
          type: 'single',
          label: tx('Wohnform', 'Type of housing'),
          required: true,
          perspectives: true,
          options: [
            { value: 'own', label: tx('Eigene Wohnung', 'Own flat') },
            { value: 'shared', label: tx('Gemeinschaftsunterkunft', 'Shared accommodation') },
          ],
        },
        { key: 'has_debts', type: 'yesno', label: tx('Gibt es Schulden?', 'Any debts?') },
        {
          key: 'debt_amount',
          type: 'number',
          label: tx('Höhe der Schulden (Euro)', 'Amount of debts'),
          min: 0,
          showIf: { field: 'has_debts', equals: true },
        },
        {
          key: 'health',
          type: 'longtext',
          label: tx('Gesundheit', 'Health'),
          help: tx('Nur was für die Hilfe wichtig ist.'),
          specialCategory: true,
        },
        {
          key: 'topics',
          type: 'multi',
          label: tx('Themen', 'Topics'),
          options: [
            { value: 'work', label: tx('Arbeit', 'Work') },
            { value: 'language', label: tx('Sprache', 'Language') },
          ],
        },
        { key: 'since', type: 'date', label: tx('Wohnt dort seit', 'Lives there since') },
      ],
    },
    {
      key: 'strengths',
      title: tx('Stärken', 'Strengths'),
      fields: [
        { key: 'coping', type: 'scale', label: tx('Ich komme im Alltag zurecht.'), scale: AGREE },
        {
          key: 'support',
          type: 'scale',
          label: tx('Ich habe Menschen, die mir helfen.'),
          scale: AGREE,
          perspectives: true,
        },
      ],
      score: { kind: 'mean', of: ['coping', 'support'] },
    },
    {
      key: 'areas',
      title: tx('Lebensbereiche', 'Areas of life'),
      fields: [
        {
          key: 'ratings',
          type: 'domainRating',
          label: tx('Wie geregelt ist der Bereich?'),
          domains: [
            { value: 'housing', label: tx('Wohnen', 'Housing') },
            { value: 'work', label: tx('Arbeit', 'Work') },
          ],
          scale: AGREE,
        },
        {
          key: 'contacts',
          type: 'group',
          label: tx('Wichtige Personen', 'Important people'),
          maxRows: 2,
          fields: [
            { key: 'name', type: 'text', label: tx('Name'), required: true },
            { key: 'relation', type: 'text', label: tx('Beziehung', 'Relation') },
          ],
        },
      ],
    },
  ],
};

const aylin = { id: 'u1', displayName: 'Aylin Demir' };

export function assessment(changes: Partial<Assessment> = {}): Assessment {
  return {
    id: 'a2',
    caseId: 'k1',
    template: { id: 't1', key: 'resources', version: 2, title: definition.title },
    status: 'draft',
    conductedOn: '2026-03-01',
    scores: { strengths: null },
    prefilledFrom: null,
    finalisedAt: null,
    finalisedBy: null,
    createdAt: '2026-03-01T09:00:00Z',
    createdBy: aylin,
    updatedAt: '2026-03-01T09:30:00Z',
    version: 3,
    definition,
    answers: {},
    hiddenFields: [],
    needs: [],
    network: null,
    updatedBy: aylin,
    ...changes,
  };
}

export function summary(changes: Partial<AssessmentSummary> = {}): AssessmentSummary {
  const {
    definition: _d,
    answers: _a,
    hiddenFields: _h,
    needs: _n,
    network: _w,
    updatedBy: _u,
    ...rest
  } = assessment();
  return { ...rest, ...changes };
}
