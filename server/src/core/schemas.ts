import { Type, type TSchema, type TUnsafe } from 'typebox';

/** Shared JSON-schema building blocks for route definitions. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: Record<string, unknown> = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

export const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
// Year 0000 passes the formats but not PostgreSQL's date types (there is no year 0): refused here, with its field.
export const IsoTimestamp = Type.String({ format: 'date-time', maxLength: 40, pattern: '^(?!0000)' });
export const IsoDate = Type.String({ format: 'date', maxLength: 10, pattern: '^(?!0000)' });

/** A colleague as views show them: id and display name. */
export const Person = Type.Object({ id: Uuid, displayName: Type.String() });

/** Optional free text with a maximum length. */
export function Text(max: number) {
  return Nullable(Type.String({ maxLength: max }));
}

/**
 * The largest value of an `integer` column (PostgreSQL's int4). Integers a request sends are bounded by it, so a
 * value the database would refuse gets its field named by the schema instead.
 */
export const INT_MAX = 2_147_483_647;

/** The version a client read, sent back for optimistic concurrency (0 where the request creates the record). */
export function Version(options: { minimum?: 0 | 1; description?: string } = {}) {
  const { minimum = 1, description } = options;
  return Type.Integer({ minimum, maximum: INT_MAX, ...(description ? { description } : {}) });
}

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 25 })),
};

/**
 * A search term that may name a person. It goes only in the body of a `POST …/search`, never in a URL, where
 * it would reach the access logs of proxies in between (docs/security.md, 8.2); the list's `GET` answers
 * 400 for a `q` in its query string.
 */
export function SearchTerm(description: string) {
  return { q: Type.Optional(Type.String({ maxLength: 100, description })) };
}

export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    requestId: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          pointer: Type.Optional(Type.String()),
          parameter: Type.Optional(Type.String()),
          code: Type.String(),
          message: Type.String(),
          params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
        }),
      ),
    ),
    retryAfterSeconds: Type.Optional(Type.Integer()),
    duplicates: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.Union([Type.String(), Type.Null()]),
          registeredOn: Type.String(),
          responsible: Type.Array(Type.String()),
        }),
      ),
    ),
    reason: Type.Optional(
      Type.String({ description: 'disclosure-refused: no-release, expired, revoked, purpose, categories' }),
    ),
    missingCategories: Type.Optional(Type.Array(Type.String())),
    recipient: Type.Optional(Type.String()),
    allowed: Type.Optional(
      Type.Array(Type.String(), { description: 'phase-move-not-allowed: the moves that are allowed' }),
    ),
    current: Type.Optional(Type.Unknown()),
    currentVersion: Type.Optional(Type.Integer({ description: 'version-conflict: the version stored now' })),
    draftId: Type.Optional(
      Type.String({ description: 'assessment-draft-exists: the open draft to continue' }),
    ),
  },
  { $id: 'Problem', additionalProperties: true },
);

/** Standard error responses documented on every route. */
export function problemResponses(...statuses: number[]): Record<number, TUnsafe<unknown>> {
  const out: Record<number, TUnsafe<unknown>> = {};
  for (const s of statuses)
    out[s] = Type.Unsafe({ $ref: 'Problem#', description: 'Problem details (RFC 9457)' });
  return out;
}
