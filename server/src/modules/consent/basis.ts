import { localDate } from '../../core/clock.js';
import type { Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem } from '../../core/errors.js';
import { validOn } from './domain.js';

export interface ProcessingBasis {
  /** Data beyond minimal master data may be stored. */
  allowed: boolean;
  consent: boolean;
  legalBasis: string | null;
  caseManagementConsent: boolean;
  /** What the case shows in its banner. */
  missing: ('data_processing' | 'case_management')[];
}

/** Is there a valid data-processing consent (or another recorded legal basis) for the client today? */
export async function processingBasis(
  db: Executor,
  clientId: string,
  today: string,
): Promise<ProcessingBasis> {
  // The client's legal basis and its consents of both kinds in one statement (every write to a case checks it):
  // a row per consent, or one row without a consent.
  const rows = await db
    .selectFrom('clients')
    .leftJoin('consents', (join) =>
      join
        .onRef('consents.client_id', '=', 'clients.id')
        .on('consents.kind', 'in', ['data_processing', 'case_management']),
    )
    .select([
      'clients.legal_basis',
      'consents.kind',
      'consents.given_on',
      'consents.valid_until',
      'consents.revoked_on',
    ])
    .where('clients.id', '=', clientId)
    .execute();
  const client = rows[0];
  if (!client) throw new Problem('not-found');
  const consents = rows.flatMap((c) =>
    c.kind && c.given_on ? [{ ...c, kind: c.kind, given_on: c.given_on }] : [],
  );
  const valid = (kind: string) =>
    consents.some(
      (c) =>
        c.kind === kind &&
        validOn(
          { kind: c.kind, givenOn: c.given_on, validUntil: c.valid_until, revokedOn: c.revoked_on },
          today,
        ),
    );
  const consent = valid('data_processing');
  const cm = valid('case_management');
  const missing: ProcessingBasis['missing'] = [];
  if (!consent && !client.legal_basis) missing.push('data_processing');
  if (!cm) missing.push('case_management');
  return {
    allowed: consent || client.legal_basis !== null,
    consent,
    legalBasis: client.legal_basis,
    caseManagementConsent: cm,
    missing,
  };
}

/** Refuses storing more than minimal master data without consent or another legal basis. */
export async function requireProcessingBasis(
  db: Executor,
  ctx: RequestContext,
  clientId: string,
  pointers: string[] = [],
): Promise<void> {
  const basis = await processingBasis(db, clientId, localDate(ctx.now));
  if (!basis.allowed) {
    throw new Problem('consent-required', {
      ...(pointers.length > 0
        ? { errors: pointers.map((p) => fieldError(p, 'consent-required', ctx.locale)) }
        : {}),
    });
  }
}
