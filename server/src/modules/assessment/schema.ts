import { Type } from 'typebox';
import type { InstrumentTemplate } from './template.js';
import { StringEnum } from '../../core/schemas.js';

// ---------------------------------------------------------------------------------------------------------
// The template definition as JSON schema. A field is one flat object (its `type` says which of the optional
// parts it needs); the rules that depend on the type — options of a choice, the scale of a scale, conditions
// that point to an earlier field — are checked by validateTemplate with the field named.

export const Label = Type.Object(
  { de: Type.String({ minLength: 1, maxLength: 2000 }), en: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);
export const Key = Type.String({ pattern: '^[a-z][a-z0-9_-]{0,63}$' });
const OptionSchema = Type.Object({ value: Key, label: Label }, { additionalProperties: false });
const ScaleSchema = Type.Object(
  {
    min: Type.Integer({ minimum: -100, maximum: 100 }),
    max: Type.Integer({ minimum: -100, maximum: 100 }),
    labels: Type.Array(
      Type.Object({ value: Type.Integer(), label: Label }, { additionalProperties: false }),
      {
        maxItems: 201,
      },
    ),
  },
  { additionalProperties: false },
);
const FIELD_TYPES = [
  'text',
  'longtext',
  'number',
  'date',
  'yesno',
  'single',
  'multi',
  'scale',
  'domainRating',
  'group',
] as const;
const fieldProperties = {
  key: Key,
  type: StringEnum(FIELD_TYPES),
  label: Label,
  help: Type.Optional(Label),
  required: Type.Optional(Type.Boolean()),
  specialCategory: Type.Optional(Type.Boolean()),
  showIf: Type.Optional(
    Type.Object(
      {
        field: Key,
        equals: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()])),
      },
      { additionalProperties: false },
    ),
  ),
  perspectives: Type.Optional(Type.Boolean()),
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 20_000 })),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  integer: Type.Optional(Type.Boolean()),
  options: Type.Optional(Type.Array(OptionSchema, { maxItems: 200 })),
  scale: Type.Optional(ScaleSchema),
  domains: Type.Optional(Type.Array(OptionSchema, { maxItems: 50 })),
  maxRows: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
};
const InnerField = Type.Object(fieldProperties, { additionalProperties: false });
const FieldSchema = Type.Object(
  { ...fieldProperties, fields: Type.Optional(Type.Array(InnerField, { maxItems: 100 })) },
  { additionalProperties: false },
);
const SectionSchema = Type.Object(
  {
    key: Key,
    title: Label,
    help: Type.Optional(Label),
    fields: Type.Array(FieldSchema, { minItems: 1, maxItems: 200 }),
    score: Type.Optional(
      Type.Object(
        { kind: StringEnum(['sum', 'mean'] as const), of: Type.Array(Key, { minItems: 1, maxItems: 200 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export const InstrumentDefinitionSchema = Type.Object(
  {
    key: Key,
    title: Label,
    description: Label,
    sections: Type.Array(SectionSchema, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false, $id: 'InstrumentDefinition', description: 'An instrument template' },
);

/** Routes refer to the one shared definition (registered once in app.ts for validation and OpenAPI). */
export const DefinitionRef = Type.Unsafe<InstrumentTemplate>({ $ref: 'InstrumentDefinition#' });
