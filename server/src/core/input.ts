import type { FastifyInstance } from 'fastify';
import { fieldError, fieldMessage, Problem, type FieldError } from './errors.js';
import { requestLocale } from './http.js';

/**
 * Text with a NUL character (U+0000) is refused before any route runs: PostgreSQL cannot store it in a text
 * column (the insert would fail half-way through a use case), SQLite would store it and truncate it in some
 * readers. Other control characters, emoji and right-to-left text are ordinary input. The refusal names each
 * field (a JSON pointer into the body, or the query or path parameter), never the value.
 */
function nulPointers(value: unknown, pointer: string, out: string[]): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(pointer);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nulPointers(item, `${pointer}/${i}`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (key.includes('\u0000')) out.push(child);
      else nulPointers(item, child, out);
    }
  }
}

export function findNulCharacters(input: { body?: unknown; query?: unknown; params?: unknown }): string[][] {
  const body: string[] = [];
  const parameters: string[] = [];
  nulPointers(input.body, '', body);
  nulPointers(input.query, '', parameters);
  nulPointers(input.params, '', parameters);
  return [body.map((p) => (p === '' ? '/' : p)), parameters.map((p) => p.replace(/^\//, ''))];
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const [body = [], parameters = []] = findNulCharacters(request);
    if (body.length === 0 && parameters.length === 0) return;
    const locale = requestLocale(request);
    const errors: FieldError[] = [
      ...body.map((pointer) => fieldError(pointer, 'nul-character', locale)),
      ...parameters.map((parameter) => ({
        parameter,
        code: 'nul-character',
        message: fieldMessage('nul-character', locale),
      })),
    ];
    throw new Problem('validation', { errors });
  });
}
