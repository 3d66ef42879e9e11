import type { ApiDefinition } from './model';

/*
 * The template shape as the server defines it (server/src/modules/assessment/template.ts): one definition
 * drives the server's validation and this form. The generated schema flattens the field types into one
 * object with optional parts; `toTemplate` turns it back into the union, so the renderer can switch on
 * `type` and find what each type needs.
 */

export interface Text {
  de: string;
  en: string;
}

export interface Option {
  value: string;
  label: Text;
}

export interface ScaleDefinition {
  min: number;
  max: number;
  labels: { value: number; label: Text }[];
}

export interface Condition {
  field: string;
  equals?: string | number | boolean;
}

interface FieldBase {
  key: string;
  label: Text;
  help?: Text;
  required?: boolean;
  specialCategory?: boolean;
  showIf?: Condition;
  perspectives?: boolean;
}

export type Field =
  | (FieldBase & { type: 'text'; maxLength?: number })
  | (FieldBase & { type: 'longtext'; maxLength?: number })
  | (FieldBase & { type: 'number'; min?: number; max?: number; integer?: boolean })
  | (FieldBase & { type: 'date' })
  | (FieldBase & { type: 'yesno' })
  | (FieldBase & { type: 'single'; options: Option[] })
  | (FieldBase & { type: 'multi'; options: Option[] })
  | (FieldBase & { type: 'scale'; scale: ScaleDefinition })
  | (FieldBase & { type: 'domainRating'; domains: Option[]; scale: ScaleDefinition })
  | (FieldBase & { type: 'group'; fields: Field[]; maxRows?: number });

export interface Section {
  key: string;
  title: Text;
  help?: Text;
  fields: Field[];
  score?: { kind: 'sum' | 'mean'; of: string[] };
}

export interface Template {
  key: string;
  title: Text;
  description: Text;
  sections: Section[];
}

type ApiField = ApiDefinition['sections'][number]['fields'][number];
type LooseField = Omit<ApiField, 'fields'> & { fields?: LooseField[] };

// Published templates were checked by the server (validateTemplate), so the parts a type needs are there;
// the fallbacks only keep a damaged definition from breaking the page.
const NO_SCALE: ScaleDefinition = { min: 1, max: 5, labels: [] };

function toField(field: LooseField): Field {
  const base: FieldBase = {
    key: field.key,
    label: field.label,
    ...(field.help ? { help: field.help } : {}),
    ...(field.required ? { required: true } : {}),
    ...(field.specialCategory ? { specialCategory: true } : {}),
    ...(field.showIf ? { showIf: field.showIf } : {}),
    ...(field.perspectives ? { perspectives: true } : {}),
  };
  switch (field.type) {
    case 'text':
    case 'longtext':
      return {
        ...base,
        type: field.type,
        ...(field.maxLength !== undefined ? { maxLength: field.maxLength } : {}),
      };
    case 'number':
      return {
        ...base,
        type: 'number',
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(field.integer ? { integer: true } : {}),
      };
    case 'date':
    case 'yesno':
      return { ...base, type: field.type };
    case 'single':
    case 'multi':
      return { ...base, type: field.type, options: field.options ?? [] };
    case 'scale':
      return { ...base, type: 'scale', scale: field.scale ?? NO_SCALE };
    case 'domainRating':
      return {
        ...base,
        type: 'domainRating',
        domains: field.domains ?? [],
        scale: field.scale ?? NO_SCALE,
      };
    case 'group':
      return {
        ...base,
        type: 'group',
        fields: (field.fields ?? []).map(toField),
        ...(field.maxRows !== undefined ? { maxRows: field.maxRows } : {}),
      };
  }
}

/** The definition of a template version as the API sends it, as the typed union. */
export function toTemplate(definition: ApiDefinition): Template {
  return {
    key: definition.key,
    title: definition.title,
    description: definition.description,
    sections: definition.sections.map((section) => ({
      key: section.key,
      title: section.title,
      ...(section.help ? { help: section.help } : {}),
      fields: section.fields.map(toField),
      ...(section.score ? { score: section.score } : {}),
    })),
  };
}
