import type { Shape } from '../../app/i18n/shape';

// The network module's texts; de.ts and en.ts include them under `network`.
export const networkDe = {
  tab: 'Netzwerkkarte',
};

export const networkEn: Shape<typeof networkDe> = {
  tab: 'Network map',
};
