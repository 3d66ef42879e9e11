import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { contextOf } from '../../core/http.js';
import {
  IdParams,
  IsoDate,
  Nullable,
  problemResponses,
  StringEnum,
  Uuid,
  Version,
} from '../../core/schemas.js';
import {
  CONSENT_FORMS,
  CONSENT_KINDS,
  CONSENT_LANGUAGES,
  DATA_CATEGORIES,
  GIVEN_BY,
  LEGAL_BASES,
  PURPOSES,
  RECIPIENT_KINDS,
} from './domain.js';
import {
  downloadDocument,
  listConsents,
  recordConsent,
  revokeConsent,
  setLegalBasis,
  uploadDocument,
} from './service.js';
import { listTemplates, printableForm, publishTemplate } from './templates.js';

const RecipientSchema = Type.Object(
  { kind: StringEnum(RECIPIENT_KINDS), name: Type.String({ minLength: 2, maxLength: 200 }) },
  { additionalProperties: false },
);
const ConsentSchema = Type.Object({
  id: Uuid,
  clientId: Uuid,
  kind: StringEnum(CONSENT_KINDS),
  givenBy: StringEnum(GIVEN_BY),
  guardian: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  form: StringEnum(CONSENT_FORMS),
  witness: Nullable(Type.String()),
  document: Nullable(Type.Object({ id: Uuid, filename: Type.String() })),
  givenOn: IsoDate,
  validUntil: Nullable(IsoDate),
  language: Type.String(),
  templateId: Nullable(Uuid),
  recipient: Nullable(Type.Object({ kind: StringEnum(RECIPIENT_KINDS), name: Type.String() })),
  purpose: Nullable(StringEnum(PURPOSES)),
  categories: Type.Array(StringEnum(DATA_CATEGORIES)),
  revoked: Nullable(Type.Object({ on: IsoDate, by: Type.String() })),
  validToday: Type.Boolean(),
  version: Type.Integer(),
});
const BasisSchema = Type.Object({
  allowed: Type.Boolean(),
  consent: Type.Boolean(),
  legalBasis: Nullable(Type.String()),
  caseManagementConsent: Type.Boolean(),
  missing: Type.Array(StringEnum(['data_processing', 'case_management'] as const)),
});
const TemplateTextSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    intro: Type.String({ maxLength: 4000 }),
    sections: Type.Array(
      Type.Object(
        {
          heading: Type.String({ maxLength: 300 }),
          paragraphs: Type.Array(Type.String({ maxLength: 4000 }), { maxItems: 30 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 30 },
    ),
    declaration: Type.String({ minLength: 1, maxLength: 4000 }),
    revocationNote: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
);
const Labels = Type.Record(Type.String(), Type.String());

const PrintableFormSchema = Type.Object({
  kind: StringEnum(CONSENT_KINDS),
  templateId: Uuid,
  version: Type.Integer(),
  language: StringEnum(CONSENT_LANGUAGES),
  direction: StringEnum(['ltr', 'rtl'] as const),
  text: TemplateTextSchema,
  labels: Labels,
  categoryLabels: Labels,
  german: Nullable(Type.Object({ text: TemplateTextSchema, labels: Labels, categoryLabels: Labels })),
});

const PrintableFormParams = Type.Object(
  { kind: StringEnum(CONSENT_KINDS), language: StringEnum(CONSENT_LANGUAGES) },
  { additionalProperties: false },
);

export async function consentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Consent'];
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());

  r.get(
    '/api/clients/:id/consents',
    {
      schema: {
        tags,
        summary: 'Consents and releases of a client, with the processing basis (what is missing)',
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(ConsentSchema),
            basis: BasisSchema,
            guardianRequiredToday: Type.Boolean(),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => listConsents(deps, ctx(request), request.params.id),
  );

  r.post(
    '/api/clients/:id/consents',
    {
      schema: {
        tags,
        summary: 'Record a consent or a release from confidentiality (Schweigepflichtentbindung)',
        params: IdParams,
        body: Type.Object(
          {
            kind: StringEnum(CONSENT_KINDS),
            givenBy: StringEnum(GIVEN_BY),
            guardianPersonId: Type.Optional(Nullable(Uuid)),
            form: StringEnum(CONSENT_FORMS),
            witness: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
            documentId: Type.Optional(Nullable(Uuid)),
            givenOn: IsoDate,
            validUntil: Type.Optional(Nullable(IsoDate)),
            language: StringEnum(CONSENT_LANGUAGES),
            templateId: Type.Optional(Nullable(Uuid)),
            recipient: Type.Optional(Nullable(RecipientSchema)),
            purpose: Type.Optional(Nullable(StringEnum(PURPOSES))),
            categories: Type.Optional(
              Type.Array(StringEnum(DATA_CATEGORIES), { maxItems: 6, uniqueItems: true }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: ConsentSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordConsent(deps, ctx(request), request.params.id, request.body)),
  );

  r.post(
    '/api/consents/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a consent; revoking the data-processing consent anonymises the client at once',
        params: IdParams,
        body: Type.Object(
          { version: Version(), revokedOn: IsoDate, revokedBy: StringEnum(GIVEN_BY) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            consent: Nullable(ConsentSchema),
            anonymisation: Nullable(
              Type.Object({
                removed: Type.Object({
                  names: Type.Boolean(),
                  contactData: Type.Boolean(),
                  address: Type.Boolean(),
                  healthNotes: Type.Boolean(),
                  relatedPersons: Type.Integer(),
                  documents: Type.Integer(),
                  journalTexts: Type.Integer(),
                  followUpTexts: Type.Integer(),
                  caseFreeTexts: Type.Integer(),
                  networkContacts: Type.Integer(),
                  assessments: Type.Integer(),
                  plans: Type.Integer(),
                  referrals: Type.Integer(),
                  conferences: Type.Integer(),
                }),
                kept: Type.Array(Type.String()),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => revokeConsent(deps, ctx(request), request.params.id, request.body),
  );

  r.put(
    '/api/clients/:id/legal-basis',
    {
      schema: {
        tags,
        summary: 'Record another legal basis than consent for processing (or remove it with null)',
        params: IdParams,
        body: Type.Object(
          {
            legalBasis: Nullable(StringEnum(LEGAL_BASES)),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: BasisSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => setLegalBasis(deps, ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/clients/:id/documents',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Upload the scan of a signed form (PDF, PNG, JPEG, checked by its first bytes; at most 5 MB; stored encrypted)',
        params: IdParams,
        body: Type.Object(
          {
            filename: Type.String({ minLength: 1, maxLength: 200 }),
            contentType: Type.String({ maxLength: 100 }),
            contentBase64: Type.String({ minLength: 1, maxLength: 7_200_000 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Uuid, filename: Type.String(), size: Type.Integer() }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await uploadDocument(deps, ctx(request), request.params.id, request.body)),
  );

  r.get(
    '/api/documents/:id',
    { schema: { tags, summary: 'Download a document (audited)', params: IdParams } },
    async (request, reply) => {
      const doc = await downloadDocument(deps, ctx(request), request.params.id);
      return reply
        .type(doc.contentType)
        .header('content-disposition', `attachment; filename="${doc.filename.replace(/[^\w.-]/g, '_')}"`)
        .send(doc.bytes);
    },
  );

  r.get(
    '/api/consent-templates',
    {
      schema: {
        tags,
        summary: 'Consent templates of the organisation, every version',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Uuid,
                kind: StringEnum(CONSENT_KINDS),
                language: StringEnum(CONSENT_LANGUAGES),
                version: Type.Integer(),
                content: TemplateTextSchema,
                publishedAt: Type.String(),
                current: Type.Boolean(),
              }),
            ),
          }),
          ...problemResponses(401),
        },
      },
    },
    async (request) => listTemplates(deps, ctx(request)),
  );

  r.post(
    '/api/consent-templates',
    {
      schema: {
        tags,
        summary: 'Publish a new version of a template text (org admin); published versions never change',
        body: Type.Object(
          {
            kind: StringEnum(CONSENT_KINDS),
            language: StringEnum(CONSENT_LANGUAGES),
            content: TemplateTextSchema,
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Uuid,
            kind: StringEnum(CONSENT_KINDS),
            language: StringEnum(CONSENT_LANGUAGES),
            version: Type.Integer(),
            content: TemplateTextSchema,
            publishedAt: Type.String(),
            current: Type.Boolean(),
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => reply.code(201).send(await publishTemplate(deps, ctx(request), request.body)),
  );

  r.get(
    '/api/consent-forms/:kind/:language',
    {
      schema: {
        tags,
        summary:
          'A blank form ready to print and sign, in the client’s language with the German text beside it. ' +
          'Filled in with a release’s details: POST to the same address',
        params: PrintableFormParams,
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: PrintableFormSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => printableForm(deps, ctx(request), request.params),
  );

  r.post(
    '/api/consent-forms/:kind/:language',
    {
      schema: {
        tags,
        summary:
          'The form filled in with a release’s details (recipient, purpose, categories, end, the client’s ' +
          'name): they may name people, so they go in the body, never in a URL. Changes nothing',
        params: PrintableFormParams,
        body: Type.Object(
          {
            recipient: Type.Optional(Type.String({ maxLength: 200 })),
            purpose: Type.Optional(Type.String({ maxLength: 200 })),
            categories: Type.Optional(Type.Array(StringEnum(DATA_CATEGORIES), { maxItems: 6 })),
            validUntil: Type.Optional(IsoDate),
            clientName: Type.Optional(Type.String({ maxLength: 300 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: PrintableFormSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => printableForm(deps, ctx(request), { ...request.params, ...request.body }),
  );
}
