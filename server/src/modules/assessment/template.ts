/**
 * Assessment instruments as data (issue 5; BRIEF 2.2): a template is versioned data — sections, fields, help
 * texts, German and English labels. The one definition drives the server-side validation (domain.ts) and the
 * rendered web form. This file holds only the shape of a template; no I/O.
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
  /** Labels of (some of) the points, e.g. 1 = "trifft gar nicht zu", 5 = "trifft voll zu". */
  labels: { value: number; label: Text }[];
}

/** Show a field only when another answer (in the same section or group) has a value. */
export interface Condition {
  field: string;
  /** Shown when the other answer equals this value (for multi: contains it); without it: when not empty. */
  equals?: string | number | boolean;
}

export interface FieldBase {
  key: string;
  label: Text;
  help?: Text;
  required?: boolean;
  /** Special category (Art. 9 GDPR, e.g. health): encrypted, case team only. */
  specialCategory?: boolean;
  showIf?: Condition;
  /** Record the client's view and the professional's view side by side [001 L539]. */
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

export type FieldType = Field['type'];

export interface Section {
  key: string;
  title: Text;
  help?: Text;
  fields: Field[];
  /** A computed score of the section: sum or mean of its scale / number / domain-rating answers. */
  score?: { kind: 'sum' | 'mean'; of: string[] };
}

export interface InstrumentTemplate {
  key: string;
  title: Text;
  /** What it is for and where it comes from — cite the seed lines, e.g. "[001 L560–580]". */
  description: Text;
  sections: Section[];
}
