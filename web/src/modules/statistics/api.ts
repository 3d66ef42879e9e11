import { api, call } from '../../api/client';
import { reportQuery, type PresetKey, type ReportFilters, type StatisticsSettings } from './model';

/** The statistics routes of the server, typed by the generated schema. */
export const statisticsApi = {
  presets: () => call(api.GET('/api/statistics/presets')),
  report: (preset: PresetKey, filters: ReportFilters) =>
    call(
      api.GET('/api/statistics/reports/{preset}', {
        params: { path: { preset }, query: reportQuery(filters) },
      }),
    ),
  settings: () => call(api.GET('/api/statistics/settings')),
  saveSettings: (body: StatisticsSettings) => call(api.PUT('/api/statistics/settings', { body })),
};
