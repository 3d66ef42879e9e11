import { api, call, type ApiResult } from '../../api/client';
import { networkProblem, toProblem } from '../../api/problem';
import { reportQuery, type PresetKey, type ReportFilters, type StatisticsSettings } from './model';

export type ExportFormat = 'csv' | 'xlsx';

/** The file name the server gives in Content-Disposition (`attachment; filename="…"`). */
export function filenameOf(disposition: string | null): string | null {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? null;
}

/** The statistics routes of the server, typed by the generated schema. */
export const statisticsApi = {
  presets: () => call(api.GET('/api/statistics/presets')),
  report: (preset: PresetKey, filters: ReportFilters) =>
    call(
      api.GET('/api/statistics/reports/{preset}', {
        params: { path: { preset }, query: reportQuery(filters) },
      }),
    ),
  /**
   * The report as a file, asked through the app's client: in the page's language (a plain link asks in the
   * browser's), and a refusal comes back as a problem the page can show instead of a downloaded error.
   */
  async exportFile(
    preset: PresetKey,
    filters: ReportFilters,
    format: ExportFormat,
  ): Promise<ApiResult<{ blob: Blob; filename: string }>> {
    try {
      const { data, error, response } = await api.GET('/api/statistics/reports/{preset}/export', {
        params: { path: { preset }, query: { ...reportQuery(filters), format } },
        parseAs: 'blob',
      });
      if (!response.ok || data === undefined) return { ok: false, problem: toProblem(error, response) };
      const filename = filenameOf(response.headers.get('content-disposition')) ?? `${preset}.${format}`;
      return { ok: true, data: { blob: data, filename } };
    } catch {
      return { ok: false, problem: networkProblem };
    }
  },
  settings: () => call(api.GET('/api/statistics/settings')),
  saveSettings: (body: StatisticsSettings) => call(api.PUT('/api/statistics/settings', { body })),
};
