import type { Shape } from '../../app/i18n/shape';
import { panelDe, panelEn } from './panelTexts';

// The plan module's texts; de.ts and en.ts include them under `plan`.
export const planDe = {
  tab: 'Plan',
  panel: panelDe,
};

export const planEn: Shape<typeof planDe> = {
  tab: 'Plan',
  panel: panelEn,
};
