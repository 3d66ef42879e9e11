import type { Shape } from '../../app/i18n/shape';

// The plan module's texts; de.ts and en.ts include them under `plan`.
export const planDe = {
  tab: 'Plan',
};

export const planEn: Shape<typeof planDe> = {
  tab: 'Plan',
};
