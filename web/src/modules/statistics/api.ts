import { api, call, type ApiResult } from '../../api/client';
import {
  reportQuery,
  type PresetItem,
  type PresetKey,
  type Report,
  type ReportFilters,
  type StatisticsSettings,
} from './model';

// TEMPORARY until the server's statistics routes are in the generated schema: the app's client (with its
// session middleware and CSRF token) called without path types.
interface Outcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}
interface UntypedClient {
  GET(path: string, init?: { params?: { query?: Record<string, string> } }): Promise<Outcome>;
  PUT(path: string, init: { body: unknown }): Promise<Outcome>;
}
const client = api as unknown as UntypedClient;

export const statisticsApi = {
  presets: () => call(client.GET('/api/statistics/presets')) as Promise<ApiResult<{ items: PresetItem[] }>>,
  report: (preset: PresetKey, filters: ReportFilters) =>
    call(
      client.GET(`/api/statistics/reports/${preset}`, { params: { query: reportQuery(filters) } }),
    ) as Promise<ApiResult<Report>>,
  settings: () => call(client.GET('/api/statistics/settings')) as Promise<ApiResult<StatisticsSettings>>,
  saveSettings: (body: StatisticsSettings) =>
    call(client.PUT('/api/statistics/settings', { body })) as Promise<ApiResult<StatisticsSettings>>,
};
