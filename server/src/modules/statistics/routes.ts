import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { contextOf } from '../../core/http.js';
import {
  IsoDate,
  IsoTimestamp,
  Nullable,
  problemResponses,
  StringEnum,
  Uuid,
  Version,
} from '../../core/schemas.js';
import { CHARTS, COLUMN_KINDS, MAX_MIN_COUNT, MIN_MIN_COUNT, PRESETS } from './domain.js';
import { CONTENT_TYPES, EXPORT_FORMATS, exportFilename, reportCsv, reportXlsx } from './export.js';
import { buildReport, getStatisticsSettings, listPresets, updateStatisticsSettings } from './service.js';

const CellSchema = Type.Object({
  value: Nullable(Type.Number({ description: 'null when suppressed or when there is nothing to compute' })),
  display: Type.String({ description: 'the text every rendering shows, e.g. "12", "42,9 %", "< 5", "x"' }),
  suppressed: Type.Boolean(),
});

const RowSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  cells: Type.Record(Type.String(), CellSchema, { description: 'by column key (all columns but the first)' }),
});

const TableSchema = Type.Object({
  key: Type.String(),
  title: Type.String(),
  chart: Nullable(StringEnum(CHARTS)),
  columns: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      // Always sent; optional in the schema so clients built before it stay valid.
      kind: Type.Optional(
        StringEnum(COLUMN_KINDS, {
          description:
            'label (the first column), count, total (of the counts in the row), percent, decimal (averages, ' +
            'cases per post), plain (not about cases: posts, thresholds) — charts draw counts',
        }),
      ),
    }),
    { description: 'the first column is the row label' },
  ),
  rows: Type.Array(RowSchema),
  total: Nullable(RowSchema),
  note: Nullable(Type.String()),
});

const Named = Type.Object({ id: Uuid, name: Type.String() });

const ReportSchema = Type.Object({
  preset: StringEnum(PRESETS),
  title: Type.String(),
  period: Type.Object({ from: IsoDate, to: IsoDate }),
  generatedAt: IsoTimestamp,
  threshold: Type.Integer({ description: "the organisation's smallest count shown (stats_min_count)" }),
  scope: Type.Object({
    organisations: Type.Array(Named),
    orgUnits: Type.Array(Named, { description: 'the org units the report is restricted to; empty: all' }),
  }),
  sections: Type.Array(
    Type.Object({ key: Type.String(), title: Type.String(), tables: Type.Array(TableSchema) }),
  ),
});

const ReportQuery = {
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  orgUnitIds: Type.Optional(
    Type.String({ maxLength: 3700, description: 'comma-separated org unit ids of the own organisation' }),
  ),
  organisationIds: Type.Optional(
    Type.String({
      maxLength: 3700,
      description: 'comma-separated organisation ids (the coordination office’s steering view)',
    }),
  ),
};

const PresetParams = Type.Object({ preset: StringEnum(PRESETS) }, { additionalProperties: false });

const SettingsSchema = Type.Object({
  minCount: Type.Integer({ description: 'counts below this are shown as "< n"' }),
  version: Type.Integer(),
});

export async function statisticsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());
  const tags = ['Statistics'];

  r.get(
    '/api/statistics/presets',
    {
      schema: {
        tags,
        summary: 'The report presets and whether the signed-in user may run each',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({ key: StringEnum(PRESETS), title: Type.String(), allowed: Type.Boolean() }),
            ),
          }),
          ...problemResponses(401),
        },
      },
    },
    async (request) => listPresets(ctx(request)),
  );

  r.get(
    '/api/statistics/reports/:preset',
    {
      config: { rateLimit: 'report' },
      schema: {
        tags,
        summary:
          'A report (annual funder report, team monthly view, steering view) for a period and scope: tables of ' +
          'anonymised counts, rates and averages — small counts suppressed, also where totals would reveal them',
        params: PresetParams,
        querystring: Type.Object(ReportQuery, { additionalProperties: false }),
        response: { 200: ReportSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => buildReport(deps, ctx(request), request.params.preset, request.query),
  );

  r.get(
    '/api/statistics/reports/:preset/export',
    {
      config: { rateLimit: 'report' },
      schema: {
        tags,
        summary: 'The same report as a CSV or XLSX file (one block or sheet per table, the same numbers)',
        params: PresetParams,
        querystring: Type.Object(
          { ...ReportQuery, format: StringEnum(EXPORT_FORMATS) },
          { additionalProperties: false },
        ),
        produces: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx],
        response: { ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const context = ctx(request);
      const { format, ...query } = request.query;
      const report = await buildReport(deps, context, request.params.preset, query);
      const body =
        format === 'csv' ? reportCsv(report, context.locale) : await reportXlsx(report, context.locale);
      return reply
        .type(CONTENT_TYPES[format])
        .header(
          'content-disposition',
          `attachment; filename="${exportFilename(report, context.locale, format)}"`,
        )
        .send(body);
    },
  );

  r.get(
    '/api/statistics/settings',
    {
      schema: {
        tags,
        summary: "The organisation's threshold for small numbers in statistics (org admin)",
        response: { 200: SettingsSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => getStatisticsSettings(deps, ctx(request)),
  );

  r.put(
    '/api/statistics/settings',
    {
      schema: {
        tags,
        summary: "Change the organisation's threshold for small numbers (never below 3)",
        body: Type.Object(
          {
            minCount: Type.Integer({ minimum: MIN_MIN_COUNT, maximum: MAX_MIN_COUNT }),
            version: Version(),
          },
          { additionalProperties: false },
        ),
        response: { 200: SettingsSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => updateStatisticsSettings(deps, ctx(request), request.body),
  );
}
