import type { Executor, RequestContext } from '../../core/context.js';
import { Problem } from '../../core/errors.js';

/**
 * What other modules (referrals, conferences, agreements, the network map) may read of the partner
 * directory, and the one rule of visibility: an organisation sees its own directory and the installation's
 * shared one (organisation_id null), never another organisation's. Anything else answers 404.
 */

export interface PartnerRef {
  id: string;
  name: string;
  type: string;
  district: string | null;
  /** null: the installation's shared directory. */
  organisationId: string | null;
  archived: boolean;
}

export interface OfferRef {
  id: string;
  partnerId: string;
  title: string;
  field: string | null;
  capacity: number | null;
  freePlaces: number | null;
  waitingDays: number | null;
  validFrom: string | null;
  validTo: string | null;
  archived: boolean;
}

export interface ContactRef {
  id: string;
  partnerId: string;
  name: string;
  role: string | null;
  archived: boolean;
}

function visible(organisationId: string | null, ctx: RequestContext): boolean {
  return organisationId === null || organisationId === ctx.actor.organisationId;
}

export async function readablePartner(db: Executor, ctx: RequestContext, id: string): Promise<PartnerRef> {
  const row = await db
    .selectFrom('partners')
    .select(['id', 'name', 'type', 'district', 'organisation_id', 'archived_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !visible(row.organisation_id, ctx)) throw new Problem('not-found');
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    district: row.district,
    organisationId: row.organisation_id,
    archived: row.archived_at !== null,
  };
}

export async function readableOffer(db: Executor, ctx: RequestContext, id: string): Promise<OfferRef> {
  const row = await db.selectFrom('offers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !visible(row.organisation_id, ctx)) throw new Problem('not-found');
  return {
    id: row.id,
    partnerId: row.partner_id,
    title: row.title,
    field: row.field,
    capacity: row.capacity,
    freePlaces: row.free_places,
    waitingDays: row.waiting_days,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    archived: row.archived_at !== null,
  };
}

export async function readableContact(db: Executor, ctx: RequestContext, id: string): Promise<ContactRef> {
  const row = await db
    .selectFrom('partner_contacts')
    .innerJoin('partners', 'partners.id', 'partner_contacts.partner_id')
    .select([
      'partner_contacts.id',
      'partner_contacts.partner_id',
      'partner_contacts.name',
      'partner_contacts.role',
      'partner_contacts.archived_at',
      'partners.organisation_id',
    ])
    .where('partner_contacts.id', '=', id)
    .executeTakeFirst();
  if (!row || !visible(row.organisation_id, ctx)) throw new Problem('not-found');
  return {
    id: row.id,
    partnerId: row.partner_id,
    name: row.name,
    role: row.role,
    archived: row.archived_at !== null,
  };
}

/** Names and types of many partners in one query (lists of referrals, conferences, agreements, the map). */
export async function partnerRefs(
  db: Executor,
  ctx: RequestContext,
  ids: readonly string[],
): Promise<Map<string, PartnerRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('partners')
    .select(['id', 'name', 'type', 'district', 'organisation_id', 'archived_at'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows
      .filter((r) => visible(r.organisation_id, ctx))
      .map((r) => [
        r.id,
        {
          id: r.id,
          name: r.name,
          type: r.type,
          district: r.district,
          organisationId: r.organisation_id,
          archived: r.archived_at !== null,
        },
      ]),
  );
}

/**
 * The organisation's own directory as far as it is in use (not archived), by name: the network map's
 * partners. Shared-directory partners come in through referrals and agreements (`partnerRefs`).
 */
export async function activePartners(db: Executor, ctx: RequestContext): Promise<PartnerRef[]> {
  const rows = await db
    .selectFrom('partners')
    .select(['id', 'name', 'type', 'district', 'organisation_id', 'archived_at'])
    .where('organisation_id', '=', ctx.actor.organisationId)
    .where('archived_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    district: r.district,
    organisationId: r.organisation_id,
    archived: false,
  }));
}
