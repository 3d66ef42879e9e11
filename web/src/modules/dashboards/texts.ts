import type { Shape } from '../../app/i18n/shape';

// The dashboards of case managers, team leads and the planning level.
export const dashboardsDe = {
  title: 'Lotse',
};

export const dashboardsEn: Shape<typeof dashboardsDe> = {
  title: 'Lotse',
};
