import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../core/context.js';

// Filled in by issue 7.
export async function gapRoutes(_app: FastifyInstance, _deps: AppDeps): Promise<void> {}
