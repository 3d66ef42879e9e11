import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { contextOf } from '../../core/http.js';
import {
  IdParams,
  IsoDate,
  IsoTimestamp,
  Nullable,
  Person,
  problemResponses,
  StringEnum,
  Text,
  Uuid,
  Version,
} from '../../core/schemas.js';
import {
  caseProgress,
  compareAssessments,
  discardDraft,
  finaliseAssessment,
  getAssessment,
  listAssessments,
  NEED_KINDS,
  saveDraft,
  SEEN_BY,
  startAssessment,
} from './assessments.js';
import type { Answers } from './domain.js';
import {
  addContact,
  CONTACT_KINDS,
  listNetwork,
  removeContact,
  SUPPORT_KINDS,
  updateContact,
} from './network.js';
import { DefinitionRef, Label } from './schema.js';
import {
  createInstrument,
  EXPORT_FORMAT,
  exportInstrument,
  getInstrument,
  getInstrumentVersion,
  importInstrument,
  listInstruments,
  publishInstrumentVersion,
  setOrgUnitInstruments,
} from './templates.js';

const TemplateSummarySchema = Type.Object({
  id: Uuid,
  key: Type.String(),
  shipped: Type.Boolean(),
  currentVersion: Type.Integer(),
  title: Label,
  description: Label,
  enabledOrgUnitIds: Type.Array(Uuid),
  updatedAt: IsoTimestamp,
  version: Type.Integer(),
});
const TemplateDetailSchema = Type.Object({
  ...TemplateSummarySchema.properties,
  definition: DefinitionRef,
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      publishedAt: IsoTimestamp,
      publishedBy: Nullable(Person),
      changeNote: Nullable(Type.String()),
    }),
  ),
});
const ExportSchema = Type.Object(
  {
    format: Type.Literal(EXPORT_FORMAT),
    formatVersion: Type.Literal(1),
    version: Type.Optional(Version()),
    exportedAt: Type.Optional(IsoTimestamp),
    definition: DefinitionRef,
  },
  { additionalProperties: false },
);

// ---------------------------------------------------------------------------------------------------------
// Assessments and network map

const AnswersSchema = Type.Unsafe<Answers>(
  Type.Record(Type.String(), Type.Unknown(), {
    description: 'Answers by field key, checked against the template version (see the template definition).',
  }),
);
const Scores = Type.Record(Type.String(), Nullable(Type.Number()));
const NeedInputSchema = Type.Object(
  {
    kind: StringEnum(NEED_KINDS),
    area: Type.Optional(Text(200)),
    text: Type.String({ minLength: 1, maxLength: 2000 }),
    seenBy: StringEnum(SEEN_BY),
    specialCategory: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const NeedSchema = Type.Object({
  id: Uuid,
  kind: StringEnum(NEED_KINDS),
  area: Nullable(Type.String()),
  text: Type.String(),
  priority: Type.Integer(),
  seenBy: StringEnum(SEEN_BY),
  specialCategory: Type.Boolean(),
  hidden: Type.Boolean(),
});
const ContactSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: StringEnum(CONTACT_KINDS),
  relation: Nullable(Type.String()),
  support: Type.Array(StringEnum(SUPPORT_KINDS)),
  closeness: Type.Integer({ minimum: 1, maximum: 3 }),
  strained: Type.Boolean(),
  note: Nullable(Type.String()),
  endedOn: Nullable(IsoDate),
  updatedAt: IsoTimestamp,
  updatedBy: Person,
  version: Type.Integer(),
});
const AssessmentSummarySchema = Type.Object({
  id: Uuid,
  caseId: Uuid,
  template: Type.Object({ id: Uuid, key: Type.String(), version: Type.Integer(), title: Label }),
  status: StringEnum(['draft', 'final'] as const),
  conductedOn: IsoDate,
  scores: Scores,
  prefilledFrom: Nullable(Uuid),
  finalisedAt: Nullable(IsoTimestamp),
  finalisedBy: Nullable(Person),
  createdAt: IsoTimestamp,
  createdBy: Person,
  updatedAt: IsoTimestamp,
  version: Type.Integer(),
});
const AssessmentSchema = Type.Object({
  ...AssessmentSummarySchema.properties,
  definition: DefinitionRef,
  answers: AnswersSchema,
  hiddenFields: Type.Array(Type.String()),
  needs: Type.Array(NeedSchema),
  network: Nullable(Type.Array(ContactSchema)),
  updatedBy: Person,
});
const ContactInput = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: StringEnum(CONTACT_KINDS),
  relation: Type.Optional(Text(200)),
  support: Type.Array(StringEnum(SUPPORT_KINDS), { maxItems: SUPPORT_KINDS.length }),
  closeness: Type.Integer({ minimum: 1, maximum: 3 }),
  strained: Type.Boolean(),
  note: Type.Optional(Text(2000)),
  endedOn: Type.Optional(Nullable(IsoDate)),
};
const VersionBody = Type.Object({ version: Version() }, { additionalProperties: false });

export async function assessmentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());
  const instruments = ['Instruments'];
  const assessments = ['Assessments'];
  const network = ['Network map'];

  r.get(
    '/api/instruments',
    {
      schema: {
        tags: instruments,
        summary: 'Assessment instruments of the organisation, with the org units that offer them',
        response: {
          200: Type.Object({ items: Type.Array(TemplateSummarySchema) }),
          ...problemResponses(401),
        },
      },
    },
    async (request) => listInstruments(deps, ctx(request)),
  );

  r.post(
    '/api/instruments',
    {
      schema: {
        tags: instruments,
        summary: 'Create an instrument (org admin); version 1 is published at once',
        body: Type.Object(
          { definition: DefinitionRef, changeNote: Type.Optional(Text(500)) },
          { additionalProperties: false },
        ),
        response: { 201: TemplateDetailSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createInstrument(deps, ctx(request), request.body)),
  );

  r.post(
    '/api/instruments/import',
    {
      schema: {
        tags: instruments,
        summary:
          'Import an exported instrument: a new key creates it, a known key publishes its next version',
        body: ExportSchema,
        response: {
          200: Type.Object({ created: Type.Boolean(), instrument: TemplateDetailSchema }),
          ...problemResponses(400, 401, 403, 409),
        },
      },
    },
    async (request) => importInstrument(deps, ctx(request), request.body),
  );

  r.get(
    '/api/instruments/:id',
    {
      schema: {
        tags: instruments,
        summary: 'An instrument with its current definition and all published versions',
        params: IdParams,
        response: { 200: TemplateDetailSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => getInstrument(deps, ctx(request), request.params.id),
  );

  r.put(
    '/api/instruments/:id',
    {
      schema: {
        tags: instruments,
        summary: 'Publish an edited definition as the next version (published versions never change)',
        params: IdParams,
        body: Type.Object(
          {
            basedOnVersion: Version(),
            definition: DefinitionRef,
            changeNote: Type.Optional(Text(500)),
          },
          { additionalProperties: false },
        ),
        response: { 200: TemplateDetailSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => publishInstrumentVersion(deps, ctx(request), request.params.id, request.body),
  );

  r.get(
    '/api/instruments/:id/versions/:version',
    {
      schema: {
        tags: instruments,
        summary: 'One published version of an instrument',
        params: Type.Object({ id: Uuid, version: Version() }, { additionalProperties: false }),
        response: {
          200: Type.Object({ templateId: Uuid, version: Type.Integer(), definition: DefinitionRef }),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request) => getInstrumentVersion(deps, ctx(request), request.params.id, request.params.version),
  );

  r.get(
    '/api/instruments/:id/export',
    {
      schema: {
        tags: instruments,
        summary: 'Export the current version as a JSON file (org admin)',
        params: IdParams,
        response: { 200: ExportSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const body = await exportInstrument(deps, ctx(request), request.params.id);
      return reply
        .header('content-disposition', `attachment; filename="${body.definition.key}-v${body.version}.json"`)
        .send(body);
    },
  );

  r.put(
    '/api/org-units/:id/instruments',
    {
      schema: {
        tags: instruments,
        summary: 'Choose the instruments an org unit offers (org admin); replaces the list',
        params: IdParams,
        body: Type.Object(
          { templateIds: Type.Array(Uuid, { maxItems: 200 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ orgUnitId: Uuid, templateIds: Type.Array(Uuid) }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => setOrgUnitInstruments(deps, ctx(request), request.params.id, request.body.templateIds),
  );

  r.get(
    '/api/cases/:id/assessments',
    {
      schema: {
        tags: assessments,
        summary: "A case's assessments (newest first) and the instruments its team offers",
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(AssessmentSummarySchema),
            available: Type.Array(
              Type.Object({
                templateId: Uuid,
                key: Type.String(),
                version: Type.Integer(),
                title: Label,
                draftId: Nullable(Uuid),
                lastFinalId: Nullable(Uuid),
              }),
            ),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => listAssessments(deps, ctx(request), request.params.id),
  );

  r.post(
    '/api/cases/:id/assessments',
    {
      schema: {
        tags: assessments,
        summary: 'Start an assessment (a re-assessment starts prefilled from the last finalised one)',
        params: IdParams,
        body: Type.Object(
          { templateId: Uuid, conductedOn: Type.Optional(IsoDate), prefill: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 201: AssessmentSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await startAssessment(deps, ctx(request), request.params.id, request.body)),
  );

  r.get(
    '/api/cases/:id/assessments/progress',
    {
      schema: {
        tags: assessments,
        summary: 'Progress picture: domain scores of the finalised assessments per scaled instrument',
        params: IdParams,
        response: {
          200: Type.Object({
            series: Type.Array(
              Type.Object({
                templateKey: Type.String(),
                title: Label,
                dimensions: Type.Array(
                  Type.Object({ key: Type.String(), label: Label, min: Type.Number(), max: Type.Number() }),
                ),
                points: Type.Array(
                  Type.Object({
                    assessmentId: Uuid,
                    conductedOn: IsoDate,
                    templateVersion: Type.Integer(),
                    values: Scores,
                  }),
                ),
              }),
            ),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => caseProgress(deps, ctx(request), request.params.id),
  );

  r.get(
    '/api/assessments/compare',
    {
      schema: {
        tags: assessments,
        summary: 'Two assessments of one case side by side, with the keys of the answers that changed',
        querystring: Type.Object({ left: Uuid, right: Uuid }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            left: AssessmentSchema,
            right: AssessmentSchema,
            changed: Type.Array(Type.String()),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => compareAssessments(deps, ctx(request), request.query.left, request.query.right),
  );

  r.get(
    '/api/assessments/:id',
    {
      schema: {
        tags: assessments,
        summary: 'An assessment with the template version it was made with',
        params: IdParams,
        response: { 200: AssessmentSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => getAssessment(deps, ctx(request), request.params.id),
  );

  r.patch(
    '/api/assessments/:id',
    {
      schema: {
        tags: assessments,
        summary: 'Save a draft (may be incomplete); answers and needs replace the stored ones',
        params: IdParams,
        body: Type.Object(
          {
            version: Version(),
            conductedOn: Type.Optional(IsoDate),
            answers: Type.Optional(AnswersSchema),
            needs: Type.Optional(Type.Array(NeedInputSchema, { maxItems: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: AssessmentSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => saveDraft(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/assessments/:id/finalise',
    {
      schema: {
        tags: assessments,
        summary: 'Finalise a draft: required answers must be there; afterwards it never changes',
        params: IdParams,
        body: VersionBody,
        response: { 200: AssessmentSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => finaliseAssessment(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/assessments/:id/discard',
    {
      schema: {
        tags: assessments,
        summary: 'Discard a draft (finalised assessments are never deleted)',
        params: IdParams,
        body: VersionBody,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await discardDraft(deps, ctx(request), request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/cases/:id/network',
    {
      schema: {
        tags: network,
        summary: "The client's network map: current contacts (with includeEnded also those that ended)",
        params: IdParams,
        querystring: Type.Object(
          { includeEnded: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(ContactSchema) }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      listNetwork(deps, ctx(request), request.params.id, request.query.includeEnded ?? false),
  );

  r.post(
    '/api/cases/:id/network',
    {
      schema: {
        tags: network,
        summary: 'Add a person or institution to the network map',
        params: IdParams,
        body: Type.Object(ContactInput, { additionalProperties: false }),
        response: { 201: ContactSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addContact(deps, ctx(request), request.params.id, request.body)),
  );

  r.patch(
    '/api/network-contacts/:id',
    {
      schema: {
        tags: network,
        summary: 'Change a contact (or end it with endedOn); send the version you read',
        params: IdParams,
        body: Type.Object(
          {
            version: Version(),
            name: Type.Optional(ContactInput.name),
            kind: Type.Optional(ContactInput.kind),
            relation: ContactInput.relation,
            support: Type.Optional(ContactInput.support),
            closeness: Type.Optional(ContactInput.closeness),
            strained: Type.Optional(ContactInput.strained),
            note: ContactInput.note,
            endedOn: ContactInput.endedOn,
          },
          { additionalProperties: false },
        ),
        response: { 200: ContactSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateContact(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/network-contacts/:id/remove',
    {
      schema: {
        tags: network,
        summary: 'Remove a contact entered by mistake (ended contacts are ended, not removed)',
        params: IdParams,
        body: VersionBody,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeContact(deps, ctx(request), request.params.id, request.body.version);
      return reply.code(204).send(null);
    },
  );
}
