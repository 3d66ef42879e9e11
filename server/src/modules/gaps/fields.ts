/**
 * Fields of action (Handlungsfelder) shared by gap reports, offers and the themes of case conferences, so the
 * planning level can bundle what the case level reports by the same words (issue 7; BRIEF 6).
 */
export const FIELDS_OF_ACTION = [
  'education',
  'training_work',
  'language',
  'housing',
  'health',
  'livelihood',
  'participation',
  'everyday_life',
  'residence',
  'other',
] as const;
export type FieldOfAction = (typeof FIELDS_OF_ACTION)[number];
