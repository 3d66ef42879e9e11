import { localDate } from '../../core/clock.js';
import type { AppDeps, RequestContext } from '../../core/context.js';
import { fieldMessage, Problem } from '../../core/errors.js';
import { authorize } from '../../core/policy.js';
import { agreementsInForce } from '../agreements/service.js';
import { activePartners, partnerRefs, type PartnerRef } from '../partners/access.js';
import { listPartnerTypes } from '../partners/service.js';
import { referralCountsByPartner } from '../referrals/service.js';
import {
  agreementDay,
  byName,
  edgeWeight,
  groupPartners,
  missingAgreements,
  MISSING_AGREEMENT_THRESHOLD,
  resolvePeriod,
  strongestAgreement,
  type EdgeWeight,
  type GroupBy,
  type MapGroup,
  type MapPartner,
  type Period,
} from './domain.js';
import { networkMapPolicy } from './policy.js';

/**
 * The organisation's network map (Netzwerkkarte, issue 7; [001 L1541, L1985]): its partners with the
 * referrals of a period and the agreements in force, grouped by type or district. It combines the partner
 * directory, the referrals and the agreements through their modules' read functions — one query each —
 * and holds no client data: counts per partner only.
 */

export interface MapNode extends MapPartner {
  /** A partner of the installation's shared directory (not the organisation's own). */
  shared: boolean;
  /** Archived in the directory, on the map for its referrals or agreement in the period. */
  archived: boolean;
  weight: EdgeWeight;
}

export interface NetworkMapView {
  period: Period;
  groupBy: GroupBy;
  /** The day whose agreements in force are shown. */
  agreementsOn: string;
  threshold: number;
  /** Labels of the organisation's own and the shared directory's types on the map (shipped types have none). */
  typeLabels: Record<string, string>;
  nodes: MapNode[];
  groups: MapGroup[];
  totals: { partners: number; referrals: number; completed: number; withAgreement: number };
  missingAgreements: Array<{ id: string; name: string; referrals: number }>;
}

export interface NetworkMapQuery {
  from?: string;
  to?: string;
  groupBy?: GroupBy;
}

export async function networkMap(
  deps: AppDeps,
  ctx: RequestContext,
  query: NetworkMapQuery,
): Promise<NetworkMapView> {
  authorize(ctx.actor, networkMapPolicy.read, undefined);
  if (query.from && query.to && query.to < query.from) {
    throw new Problem('validation', {
      errors: [{ parameter: 'to', code: 'date-order', message: fieldMessage('date-order', ctx.locale) }],
    });
  }
  const today = localDate(ctx.now);
  const period = resolvePeriod(today, query.from, query.to);
  const groupBy = query.groupBy ?? 'type';
  const agreementsOn = agreementDay(period, today);
  const organisationId = ctx.actor.organisationId;
  const db = deps.db;

  const [own, counts, agreements, types] = await Promise.all([
    activePartners(db, ctx),
    referralCountsByPartner(db, organisationId, period.from, period.to),
    agreementsInForce(db, organisationId, agreementsOn),
    listPartnerTypes(deps, ctx),
  ]);

  // Partners outside the own active directory (shared ones, archived own ones) in one more query; the
  // visibility rule of partners/access drops anything the organisation may not see.
  const known = new Map<string, PartnerRef>(own.map((p) => [p.id, p]));
  const others = [...counts.map((c) => c.partnerId), ...agreements.map((a) => a.partnerId)].filter(
    (id) => !known.has(id),
  );
  for (const [id, ref] of await partnerRefs(db, ctx, others)) known.set(id, ref);

  const countOf = new Map(counts.map((c) => [c.partnerId, c]));
  const agreementsOf = new Map<string, typeof agreements>();
  for (const a of agreements) agreementsOf.set(a.partnerId, [...(agreementsOf.get(a.partnerId) ?? []), a]);

  const nodes: MapNode[] = [...known.values()]
    .map((ref): MapNode => {
      const count = countOf.get(ref.id);
      const referrals = Number(count?.referrals ?? 0);
      const best = strongestAgreement(agreementsOf.get(ref.id) ?? []);
      return {
        id: ref.id,
        name: ref.name,
        type: ref.type,
        district: ref.district,
        shared: ref.organisationId === null,
        archived: ref.archived,
        referrals,
        completed: Number(count?.completed ?? 0),
        weight: edgeWeight(referrals),
        agreement: best ? { id: best.agreementId, form: best.form, reviewOn: best.reviewOn } : null,
      };
    })
    .sort(byName);

  const onMap = new Set(nodes.map((n) => n.type));
  const typeLabels: Record<string, string> = {};
  for (const type of types.items)
    if (type.label !== null && onMap.has(type.key)) typeLabels[type.key] = type.label;

  return {
    period,
    groupBy,
    agreementsOn,
    threshold: MISSING_AGREEMENT_THRESHOLD,
    typeLabels,
    nodes,
    groups: groupPartners(nodes, groupBy),
    totals: {
      partners: nodes.length,
      referrals: nodes.reduce((sum, n) => sum + n.referrals, 0),
      completed: nodes.reduce((sum, n) => sum + n.completed, 0),
      withAgreement: nodes.filter((n) => n.agreement !== null).length,
    },
    missingAgreements: missingAgreements(nodes).map((n) => ({
      id: n.id,
      name: n.name,
      referrals: n.referrals,
    })),
  };
}
