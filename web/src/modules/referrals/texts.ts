import type { Shape } from '../../app/i18n/shape';

// Referrals (Vermittlung) of a case to offers of network partners.
export const referralsDe = {
  title: 'Lotse',
  tab: 'Vermittlung',
};

export const referralsEn: Shape<typeof referralsDe> = {
  title: 'Lotse',
  tab: 'Referrals',
};
