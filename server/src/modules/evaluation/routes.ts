import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../core/context.js';

// Filled in by issue 8.
export async function evaluationRoutes(_app: FastifyInstance, _deps: AppDeps): Promise<void> {}
