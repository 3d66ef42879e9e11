import type { Shape } from '../../app/i18n/shape';

// The organisation's network map.
export const networkMapDe = {
  title: 'Lotse',
};

export const networkMapEn: Shape<typeof networkMapDe> = {
  title: 'Lotse',
};
