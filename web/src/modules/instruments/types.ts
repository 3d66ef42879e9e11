// The instruments module's names for the shapes of the generated schema (derived from `paths`, like
// api/types.ts, so they follow the server). Kept here because only this module edits templates.
import type { paths } from '../../api/schema';

type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type Body<Op> = Op extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

export type InstrumentSummary = Json<paths['/api/instruments']['get']['responses'][200]>['items'][number];
export type InstrumentDetail = Json<paths['/api/instruments/{id}']['get']['responses'][200]>;
export type InstrumentVersion = InstrumentDetail['versions'][number];
export type ImportBody = Body<paths['/api/instruments/import']['post']>;
export type ImportResult = Json<paths['/api/instruments/import']['post']['responses'][200]>;

/** A template definition as the API carries it: a field is one flat object whose `type` says what it needs. */
export type Definition = InstrumentDetail['definition'];
export type Section = Definition['sections'][number];
/** A field of a section; a field of type `group` holds inner fields (the columns of its rows). */
export type Field = Section['fields'][number];
/** A field inside a group; it has everything a field has except inner fields of its own. */
export type InnerField = NonNullable<Field['fields']>[number];
export type FieldType = Field['type'];
export type Choice = NonNullable<Field['options']>[number];
export type Label = Definition['title'];
export type Language = keyof Label;

export const LANGUAGES = ['de', 'en'] as const satisfies readonly Language[];

export const FIELD_TYPES = [
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
] as const satisfies readonly FieldType[];

// Fails to compile when the server adds a field type that FIELD_TYPES does not list.
type MissingTypes = Exclude<FieldType, (typeof FIELD_TYPES)[number]>;
const _allTypesListed: MissingTypes extends never ? true : MissingTypes = true;

/** The types the "add a field" form offers; tables and domain ratings need more set-up (JSON editor). */
export const NEW_FIELD_TYPES = [
  'text',
  'longtext',
  'number',
  'date',
  'yesno',
  'single',
  'multi',
  'scale',
] as const satisfies readonly FieldType[];
export type NewFieldType = (typeof NEW_FIELD_TYPES)[number];
