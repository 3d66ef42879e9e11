import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { contextOf } from '../../core/http.js';
import {
  IsoDate,
  IsoTimestamp,
  Nullable,
  PageOf,
  PageQuery,
  problemResponses,
  StringEnum,
  Uuid,
} from '../../core/schemas.js';
import { listAuditEntries, verifyChains } from './service.js';

const AuditEntrySchema = Type.Object({
  seq: Type.Integer(),
  chainId: Type.String(),
  occurredAt: IsoTimestamp,
  actor: Nullable(Type.Object({ id: Uuid, displayName: Type.String() })),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});

const VerifySchema = Type.Object({
  intact: Type.Boolean(),
  checked: Type.Integer(),
  chains: Type.Integer(),
  firstBroken: Nullable(
    Type.Object({
      chainId: Type.String(),
      seq: Type.Integer(),
      reason: StringEnum(['hash-mismatch', 'prev-hash-mismatch', 'sequence-gap', 'head-mismatch'] as const),
    }),
  ),
});

export async function auditRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Audit'];
  const Code = Type.String({ maxLength: 100, pattern: '^[a-z_.]+$' });

  r.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: 'Audit log of the own organisation, newest first (DPO)',
        querystring: Type.Object(
          {
            ...PageQuery,
            action: Type.Optional(Code),
            entityType: Type.Optional(Code),
            entityId: Type.Optional(Type.String({ maxLength: 100 })),
            actorId: Type.Optional(Uuid),
            from: Type.Optional(IsoDate),
            to: Type.Optional(IsoDate),
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(AuditEntrySchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listAuditEntries(deps, contextOf(request, deps.clock()), request.query),
  );

  r.get(
    '/api/audit/verify',
    {
      config: { rateLimit: 'report' },
      schema: {
        tags,
        summary: 'Check the hash chain and report the first broken link (DPO: own organisation)',
        response: { 200: VerifySchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => verifyChains(deps, contextOf(request, deps.clock())),
  );
}
