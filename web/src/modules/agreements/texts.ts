import type { Shape } from '../../app/i18n/shape';

// Cooperation agreements with their yearly reviews.
export const agreementsDe = {
  title: 'Lotse',
};

export const agreementsEn: Shape<typeof agreementsDe> = {
  title: 'Lotse',
};
