import type { ApiDefinition } from './model';
// Type-only: the one template shape is the server's own; nothing of the server is bundled.
import type {
  Field,
  FieldBase,
  InstrumentTemplate,
  ScaleDefinition,
} from '../../../../server/src/modules/assessment/template';

export type {
  Condition,
  Field,
  InstrumentTemplate as Template,
  Option,
  ScaleDefinition,
  Section,
  Text,
} from '../../../../server/src/modules/assessment/template';

/*
 * One definition drives the server's validation and this form. The generated schema flattens the field types
 * into one object with optional parts; `toTemplate` turns it back into the union, so the renderer can switch
 * on `type` and find what each type needs.
 */

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
export function toTemplate(definition: ApiDefinition): InstrumentTemplate {
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
