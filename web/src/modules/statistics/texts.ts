import type { Shape } from '../../app/i18n/shape';

// Statistics and reports for funders and steering, always anonymised.
export const statisticsDe = {
  title: 'Lotse',
};

export const statisticsEn: Shape<typeof statisticsDe> = {
  title: 'Lotse',
};
