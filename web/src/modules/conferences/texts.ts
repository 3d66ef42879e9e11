import type { Shape } from '../../app/i18n/shape';

// Case conferences of a case.
export const conferencesDe = {
  title: 'Lotse',
  tab: 'Fallkonferenzen',
};

export const conferencesEn: Shape<typeof conferencesDe> = {
  title: 'Lotse',
  tab: 'Case conferences',
};
