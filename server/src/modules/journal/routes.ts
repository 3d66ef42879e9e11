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
  PageOf,
  PageQuery,
  problemResponses,
  StringEnum,
  Uuid,
  Person,
  Version,
} from '../../core/schemas.js';
import { JOURNAL_KINDS } from './domain.js';
import {
  addJournalEntry,
  editJournalEntry,
  journalEntryHistory,
  listJournal,
  withdrawJournalEntry,
} from './service.js';

const EntryFields = {
  kind: StringEnum(JOURNAL_KINDS),
  occurredOn: IsoDate,
  durationMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1440 }))),
  participants: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  text: Type.String({ minLength: 1, maxLength: 20000 }),
  specialCategory: Type.Optional(
    Type.Boolean({ description: 'Health or other Art. 9 data: encrypted, case team only' }),
  ),
  goalId: Type.Optional(Nullable(Uuid)),
};
const EntrySchema = Type.Object({
  id: Uuid,
  caseId: Uuid,
  kind: StringEnum(JOURNAL_KINDS),
  occurredOn: IsoDate,
  durationMinutes: Nullable(Type.Integer()),
  participants: Nullable(Type.String()),
  text: Type.String(),
  specialCategory: Type.Boolean(),
  hidden: Type.Boolean(),
  goalId: Nullable(Uuid),
  createdAt: IsoTimestamp,
  createdBy: Person,
  updatedAt: IsoTimestamp,
  updatedBy: Person,
  revisions: Type.Integer(),
  withdrawn: Nullable(Type.Object({ at: IsoTimestamp, by: Person, reason: Type.String() })),
  version: Type.Integer(),
});
const EntryParams = Type.Object({ id: Uuid, entryId: Uuid }, { additionalProperties: false });

export async function journalRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Journal'];
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock());

  r.get(
    '/api/cases/:id/journal',
    {
      schema: {
        tags,
        summary: 'The case’s journal, newest first (audited read)',
        params: IdParams,
        querystring: Type.Object(
          { ...PageQuery, kind: Type.Optional(StringEnum(JOURNAL_KINDS)), goalId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(EntrySchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listJournal(deps, ctx(request), request.params.id, request.query),
  );

  r.post(
    '/api/cases/:id/journal',
    {
      schema: {
        tags,
        summary: 'Write a journal entry',
        params: IdParams,
        body: Type.Object(EntryFields, { additionalProperties: false }),
        response: { 201: EntrySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addJournalEntry(deps, ctx(request), request.params.id, request.body)),
  );

  r.put(
    '/api/cases/:id/journal/:entryId',
    {
      schema: {
        tags,
        summary: 'Correct a journal entry; the previous wording is kept as a revision',
        params: EntryParams,
        body: Type.Object({ ...EntryFields, version: Version() }, { additionalProperties: false }),
        response: { 200: EntrySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      editJournalEntry(deps, ctx(request), request.params.id, request.params.entryId, request.body),
  );

  r.post(
    '/api/cases/:id/journal/:entryId/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a wrong entry with a reason; it stays visible as withdrawn',
        params: EntryParams,
        body: Type.Object(
          { version: Version(), reason: Type.String({ minLength: 3, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: EntrySchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      withdrawJournalEntry(deps, ctx(request), request.params.id, request.params.entryId, request.body),
  );

  r.get(
    '/api/cases/:id/journal/:entryId/history',
    {
      schema: {
        tags,
        summary: 'Earlier versions of a journal entry',
        params: EntryParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                version: Type.Integer(),
                kind: StringEnum(JOURNAL_KINDS),
                occurredOn: IsoDate,
                durationMinutes: Nullable(Type.Integer()),
                participants: Nullable(Type.String()),
                text: Type.String(),
                writtenAt: IsoTimestamp,
                writtenBy: Person,
              }),
            ),
          }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => journalEntryHistory(deps, ctx(request), request.params.id, request.params.entryId),
  );
}
