import type { Shape } from '../../app/i18n/shape';

// Gap reports (fehlender Hilfebaustein) and the planning view.
export const gapsDe = {
  title: 'Lotse',
};

export const gapsEn: Shape<typeof gapsDe> = {
  title: 'Lotse',
};
