import { describe, expect, it } from 'vitest';
import {
  CONSENT_KINDS,
  CONSENT_LANGUAGES,
  DATA_CATEGORIES,
  SHIPPED_TEMPLATES,
  fillPlaceholders,
  type FormLabels,
  type TemplateText,
} from './shipped-templates.js';

const FORM_LABELS: readonly (keyof FormLabels)[] = [
  'clientName',
  'birthDate',
  'guardianName',
  'place',
  'date',
  'signatureClient',
  'signatureGuardian',
  'signatureStaff',
  'witness',
  'formOral',
  'formWritten',
  'validUntil',
  'recipient',
  'purpose',
  'categories',
  'germanVersion',
];

const ALLOWED_PLACEHOLDERS = [
  'organisation',
  'recipient',
  'purpose',
  'categories',
  'validUntil',
  'clientName',
];

function allStrings(text: TemplateText): string[] {
  return [
    text.title,
    text.intro,
    ...text.sections.flatMap((s) => [s.heading, ...s.paragraphs]),
    text.declaration,
    text.revocationNote,
  ];
}

const cases = CONSENT_LANGUAGES.flatMap((language) => CONSENT_KINDS.map((kind) => [language, kind] as const));

describe('shipped consent templates', () => {
  it.each(cases)('%s has a complete %s text', (language, kind) => {
    const text = SHIPPED_TEMPLATES[language].texts[kind];
    expect(text.title.trim()).not.toBe('');
    expect(text.intro.trim()).not.toBe('');
    expect(text.declaration.trim()).not.toBe('');
    expect(text.revocationNote.trim()).not.toBe('');
    expect(text.sections.length).toBeGreaterThanOrEqual(4);
    expect(text.sections.length).toBeLessThanOrEqual(7);
    for (const section of text.sections) {
      expect(section.heading.trim()).not.toBe('');
      expect(section.paragraphs.length).toBeGreaterThan(0);
      for (const paragraph of section.paragraphs) expect(paragraph.trim()).not.toBe('');
    }
  });

  it.each(cases)('%s %s uses only known placeholders', (language, kind) => {
    const used = allStrings(SHIPPED_TEMPLATES[language].texts[kind]).flatMap((s) =>
      [...s.matchAll(/\{\{([^}]*)\}\}/g)].map((m) => m[1]),
    );
    expect(used.filter((name) => !ALLOWED_PLACEHOLDERS.includes(name ?? ''))).toEqual([]);
    const withoutPlaceholders = allStrings(SHIPPED_TEMPLATES[language].texts[kind])
      .join(' ')
      .replace(/\{\{[A-Za-z]+\}\}/g, '');
    expect(withoutPlaceholders, 'stray brace').not.toMatch(/[{}]/);
  });

  it.each(cases)('%s %s has the same structure as the German reference', (language, kind) => {
    const shape = (t: TemplateText) => t.sections.map((s) => s.paragraphs.length);
    expect(shape(SHIPPED_TEMPLATES[language].texts[kind])).toEqual(shape(SHIPPED_TEMPLATES.de.texts[kind]));
  });

  it.each(CONSENT_LANGUAGES)('%s release names recipient, purpose and categories', (language) => {
    const release = SHIPPED_TEMPLATES[language].texts.release;
    const body = allStrings(release).join('\n');
    for (const placeholder of ['{{recipient}}', '{{purpose}}', '{{categories}}', '{{validUntil}}']) {
      expect(body).toContain(placeholder);
    }
    for (const placeholder of ['{{recipient}}', '{{purpose}}', '{{categories}}', '{{validUntil}}']) {
      expect(release.declaration).toContain(placeholder);
    }
  });

  it.each(CONSENT_LANGUAGES)('%s has all category and form labels', (language) => {
    const pack = SHIPPED_TEMPLATES[language];
    expect(Object.keys(pack.categories).sort()).toEqual([...DATA_CATEGORIES].sort());
    for (const category of DATA_CATEGORIES) expect(pack.categories[category].trim()).not.toBe('');
    expect(Object.keys(pack.form).sort()).toEqual([...FORM_LABELS].sort());
    for (const label of FORM_LABELS) expect(pack.form[label].trim()).not.toBe('');
    expect(pack.name.trim()).not.toBe('');
  });

  it.each(CONSENT_LANGUAGES)('%s has the right writing direction', (language) => {
    expect(SHIPPED_TEMPLATES[language].direction).toBe(language === 'ar' ? 'rtl' : 'ltr');
  });

  it('ships exactly the four languages', () => {
    expect(Object.keys(SHIPPED_TEMPLATES).sort()).toEqual([...CONSENT_LANGUAGES].sort());
  });
});

describe('fillPlaceholders', () => {
  it('fills known placeholders, also repeatedly', () => {
    expect(
      fillPlaceholders(
        '{{organisation}} und {{recipient}}: {{purpose}} ({{categories}}) bis {{validUntil}}; {{organisation}}',
        {
          organisation: 'JMD Ulm',
          recipient: 'Jobcenter Ulm',
          purpose: 'Vermittlung',
          categories: 'Stammdaten, Hilfeplan',
          validUntil: '31.12.2026',
        },
      ),
    ).toBe('JMD Ulm und Jobcenter Ulm: Vermittlung (Stammdaten, Hilfeplan) bis 31.12.2026; JMD Ulm');
    expect(fillPlaceholders('Name: {{clientName}}', { clientName: 'Omar Haddad' })).toBe('Name: Omar Haddad');
  });

  it('leaves unknown and unfilled placeholders visible', () => {
    expect(fillPlaceholders('{{organisation}} / {{recipient}} / {{unknown}}', { organisation: 'JMD' })).toBe(
      'JMD / {{recipient}} / {{unknown}}',
    );
    expect(fillPlaceholders('{{constructor}} {{toString}}', {})).toBe('{{constructor}} {{toString}}');
  });

  it('inserts values literally, without replacement patterns', () => {
    expect(fillPlaceholders('{{purpose}}', { purpose: "$& $' $1" })).toBe("$& $' $1");
  });

  it('fills every shipped text of every language without leaving placeholders', () => {
    const values = {
      organisation: 'O',
      recipient: 'R',
      purpose: 'P',
      categories: 'C',
      validUntil: 'V',
      clientName: 'N',
    };
    for (const language of CONSENT_LANGUAGES) {
      for (const kind of CONSENT_KINDS) {
        for (const s of allStrings(SHIPPED_TEMPLATES[language].texts[kind])) {
          expect(fillPlaceholders(s, values)).not.toContain('{{');
        }
      }
    }
  });
});
