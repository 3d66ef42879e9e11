import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../../core/context.js';
import { Problem } from '../../core/errors.js';
import { checkDatabase } from '../../db/database.js';
import { problemResponses, StringEnum } from '../../core/schemas.js';

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/health',
    {
      config: { public: true, sessionless: true },
      schema: {
        tags: ['Operations'],
        summary: 'Liveness and database reachability (for load balancers and monitoring)',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: StringEnum(['sqlite', 'postgresql'] as const),
            version: Type.String(),
          }),
          ...problemResponses(503),
        },
      },
    },
    async () => {
      try {
        await checkDatabase(deps.db);
      } catch {
        throw new Problem('service-unavailable', { detail: 'database' });
      }
      return { status: 'ok' as const, database: deps.dialect, version: deps.config.version };
    },
  );

  // The benchmark's floor (bench/src/run.ts): the cheapest answer this server gives — routing, the request
  // hook, schema serialisation, no database — so journeys can be read as a share of what the machine allows.
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/ping',
    {
      config: { public: true, sessionless: true },
      schema: {
        tags: ['Operations'],
        summary: 'A fixed small answer without touching the database (the benchmark measures against it)',
        response: { 200: Type.Object({ pong: Type.Literal(true) }) },
      },
    },
    async () => ({ pong: true as const }),
  );
}
