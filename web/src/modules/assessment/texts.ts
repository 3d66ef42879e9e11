import type { Shape } from '../../app/i18n/shape';

// The assessment module's texts; de.ts and en.ts include them under `assessment`.
export const assessmentDe = {
  tab: 'Assessment',
};

export const assessmentEn: Shape<typeof assessmentDe> = {
  tab: 'Assessment',
};
