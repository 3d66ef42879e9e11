import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { contextOf } from '../../core/http.js';
import { IdParams, Nullable, problemResponses, StringEnum, Uuid, Version } from '../../core/schemas.js';
import { PLAN_LABELS } from '../plan/domain.js';
import {
  createSettingEntry,
  getOrganisationSettings,
  listSettingEntries,
  updateOrganisationSettings,
  updateSettingEntry,
} from './settings.js';

const EntrySchema = Type.Object({
  id: Uuid,
  label: Type.String(),
  sortOrder: Type.Integer(),
  archived: Type.Boolean(),
  version: Type.Integer(),
});

const LISTS = [
  { path: 'districts', kind: 'districts', tag: 'Districts (Sozialräume)' },
  { path: 'indication-criteria', kind: 'indication_criteria', tag: 'Indication criteria' },
] as const;

export async function settingsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());

  for (const list of LISTS) {
    r.get(
      `/api/${list.path}`,
      {
        schema: {
          tags: ['Settings'],
          summary: `${list.tag} of the own organisation`,
          querystring: Type.Object(
            { includeArchived: Type.Optional(Type.Boolean()) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(EntrySchema) }), ...problemResponses(401) },
        },
      },
      async (request) =>
        listSettingEntries(deps, ctx(request), list.kind, request.query.includeArchived ?? false),
    );
    r.post(
      `/api/${list.path}`,
      {
        schema: {
          tags: ['Settings'],
          summary: `Add to the ${list.tag} (org admin)`,
          body: Type.Object(
            {
              label: Type.String({ minLength: 1, maxLength: 200 }),
              sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: EntrySchema, ...problemResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createSettingEntry(deps, ctx(request), list.kind, request.body)),
    );
    r.patch(
      `/api/${list.path}/:id`,
      {
        schema: {
          tags: ['Settings'],
          summary: `Rename, reorder or archive an entry of the ${list.tag} (org admin)`,
          params: IdParams,
          body: Type.Object(
            {
              version: Version(),
              label: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
              archived: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
          response: { 200: EntrySchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => updateSettingEntry(deps, ctx(request), list.kind, request.params.id, request.body),
    );
  }

  const SettingsSchema = Type.Object({
    id: Uuid,
    name: Type.String(),
    shortCode: Type.String(),
    caseloadWarnPerFte: Type.Integer(),
    caseloadMaxPerFte: Type.Integer(),
    retentionReviewAfterDays: Type.Integer(),
    retentionCloseAfterDays: Type.Integer(),
    retentionAnonymiseAfterDays: Type.Integer(),
    planLabel: StringEnum(PLAN_LABELS),
    planMaxGoals: Nullable(Type.Integer()),
    planRequireIndicator: Type.Boolean(),
    sharesAggregates: Type.Boolean(),
    coordinationOffice: Type.Boolean(),
    secondFactorRequired: Type.Boolean(),
    version: Type.Integer(),
  });

  r.get(
    '/api/organisation',
    {
      schema: {
        tags: ['Settings'],
        summary: 'The own organisation and its settings',
        response: { 200: SettingsSchema, ...problemResponses(401) },
      },
    },
    async (request) => getOrganisationSettings(deps, ctx(request)),
  );

  r.patch(
    '/api/organisation',
    {
      schema: {
        tags: ['Settings'],
        summary:
          'Caseload thresholds per full-time post (defaults 30 and 45) and retention periods in days (org admin)',
        body: Type.Object(
          {
            version: Version(),
            caseloadWarnPerFte: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            caseloadMaxPerFte: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
            retentionReviewAfterDays: Type.Optional(Type.Integer({ minimum: 30, maximum: 3650 })),
            retentionCloseAfterDays: Type.Optional(Type.Integer({ minimum: 31, maximum: 3650 })),
            retentionAnonymiseAfterDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
            planLabel: Type.Optional(StringEnum(PLAN_LABELS)),
            planMaxGoals: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 20 }))),
            planRequireIndicator: Type.Optional(Type.Boolean()),
            sharesAggregates: Type.Optional(Type.Boolean()),
            secondFactorRequired: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: SettingsSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => updateOrganisationSettings(deps, ctx(request), request.body),
  );
}
