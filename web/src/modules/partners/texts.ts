import type { Shape } from '../../app/i18n/shape';

// Partner directory: network partners, their contacts and offers; the shared directory.
export const partnersDe = {
  title: 'Netzwerkpartner',
};

export const partnersEn: Shape<typeof partnersDe> = {
  title: 'Lotse',
};
