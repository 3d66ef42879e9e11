import type { Shape } from '../../app/i18n/shape';

// Evaluation and closure of a case (Abschluss).
export const evaluationDe = {
  title: 'Lotse',
  tab: 'Abschluss',
};

export const evaluationEn: Shape<typeof evaluationDe> = {
  title: 'Lotse',
  tab: 'Closure',
};
