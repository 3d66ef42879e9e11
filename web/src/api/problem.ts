import type { DuplicateHint, FieldProblem, Problem } from './types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function toFieldProblem(value: unknown): FieldProblem | null {
  if (!isRecord(value) || typeof value.code !== 'string') return null;
  // Body errors carry a JSON pointer; errors in query or path parameters name the parameter instead.
  const pointer =
    typeof value.pointer === 'string'
      ? value.pointer
      : typeof value.parameter === 'string'
        ? `/${value.parameter}`
        : '';
  return {
    pointer,
    code: value.code,
    message: optionalString(value.message) ?? '',
    ...(isRecord(value.params) ? { params: value.params } : {}),
  };
}

function toDuplicateHint(value: unknown): DuplicateHint | null {
  if (!isRecord(value) || typeof value.registeredOn !== 'string') return null;
  return {
    id: typeof value.id === 'string' ? value.id : null,
    registeredOn: value.registeredOn,
    responsible: Array.isArray(value.responsible)
      ? value.responsible.filter((name): name is string => typeof name === 'string')
      : [],
  };
}

/** Reads a problem document defensively: whatever the body is, the UI gets a usable Problem. */
export function toProblem(body: unknown, response: Response | undefined): Problem {
  const status = response?.status ?? 0;
  if (!isRecord(body)) {
    return {
      type: 'about:blank',
      title: response?.statusText || 'Error',
      status,
      code: status >= 500 || status === 0 ? 'internal' : `http-${status}`,
    };
  }
  const errors = Array.isArray(body.errors)
    ? body.errors.map(toFieldProblem).filter((e): e is FieldProblem => e !== null)
    : undefined;
  const detail = optionalString(body.detail);
  const requestId = optionalString(body.requestId);
  return {
    type: optionalString(body.type) ?? 'about:blank',
    title: optionalString(body.title) ?? (response?.statusText || 'Error'),
    status: typeof body.status === 'number' ? body.status : status,
    code: optionalString(body.code) ?? 'internal',
    ...(detail !== undefined ? { detail } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(errors !== undefined && errors.length > 0 ? { errors } : {}),
    ...(typeof body.retryAfterSeconds === 'number' ? { retryAfterSeconds: body.retryAfterSeconds } : {}),
    ...('current' in body ? { current: body.current } : {}),
    ...(typeof body.draftId === 'string' ? { draftId: body.draftId } : {}),
    ...(body.code === 'disclosure-refused' && typeof body.reason === 'string'
      ? {
          refusal: {
            reason: body.reason,
            missingCategories: Array.isArray(body.missingCategories)
              ? body.missingCategories.filter((c): c is string => typeof c === 'string')
              : [],
            recipient: optionalString(body.recipient) ?? '',
          },
        }
      : {}),
    ...(Array.isArray(body.duplicates)
      ? { duplicates: body.duplicates.map(toDuplicateHint).filter((d): d is DuplicateHint => d !== null) }
      : {}),
  };
}

export const networkProblem: Problem = {
  type: 'about:blank',
  title: 'Network error',
  status: 0,
  code: 'network',
};

/** A problem raised by the form itself before sending, shaped like the server's validation problems. */
export function clientValidationProblem(errors: FieldProblem[]): Problem {
  return { type: 'about:blank', title: 'Validation failed', status: 400, code: 'validation', errors };
}
