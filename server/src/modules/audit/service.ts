import { audit, readAudited, verifyAuditChains, type VerifyResult } from '../../core/audit.js';
import { endOfLocalDay, startOfLocalDay } from '../../core/clock.js';
import type { AppDeps, RequestContext } from '../../core/context.js';
import { Problem } from '../../core/errors.js';
import { pageWindow, type Page } from '../../core/pagination.js';
import { authorize } from '../../core/policy.js';
import { auditPolicy } from './policy.js';

export interface AuditEntryView {
  seq: number;
  chainId: string;
  occurredAt: string;
  actor: { id: string; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  page?: number;
  pageSize?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

/** The DPO's view of their organisation's log, newest first. Reading the log is itself logged. */
export async function listAuditEntries(
  deps: AppDeps,
  ctx: RequestContext,
  query: AuditQuery,
): Promise<Page<AuditEntryView>> {
  authorize(ctx.actor, auditPolicy.readOwnOrganisation, undefined);
  if (query.from && query.to && query.to < query.from) {
    throw new Problem('validation', {
      errors: [
        {
          parameter: 'to',
          code: 'minimum',
          message: ctx.locale === 'en' ? 'Ends before the start.' : 'Endet vor dem Beginn.',
        },
      ],
    });
  }
  const { page, pageSize, offset } = pageWindow(query);
  return readAudited(deps.db, async (trx) => {
    let base = trx.selectFrom('audit_log').where('audit_log.organisation_id', '=', ctx.actor.organisationId);
    if (query.action) base = base.where('audit_log.action', '=', query.action);
    if (query.entityType) base = base.where('audit_log.entity_type', '=', query.entityType);
    if (query.entityId) base = base.where('audit_log.entity_id', '=', query.entityId);
    if (query.actorId) base = base.where('audit_log.actor_user_id', '=', query.actorId);
    if (query.from) base = base.where('audit_log.occurred_at', '>=', startOfLocalDay(query.from));
    if (query.to) base = base.where('audit_log.occurred_at', '<', endOfLocalDay(query.to));
    const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
    const rows = await base
      .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
      .selectAll('audit_log')
      .select('users.display_name as actor_name')
      .orderBy('audit_log.occurred_at', 'desc')
      .orderBy('audit_log.seq', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute();
    await audit(trx, ctx, {
      action: 'audit.read',
      entityType: 'audit_log',
      details: { page, count: rows.length },
    });
    return {
      items: rows.map((r) => ({
        seq: Number(r.seq),
        chainId: r.chain_id,
        occurredAt: r.occurred_at,
        actor: r.actor_user_id ? { id: r.actor_user_id, displayName: r.actor_name ?? '' } : null,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        requestId: r.request_id,
        details: JSON.parse(r.details) as Record<string, unknown>,
      })),
      total: Number(counted?.total ?? 0),
      page,
      pageSize,
    };
  });
}

/** DPOs check their organisation's chain; installation admins every chain. */
export async function verifyChains(deps: AppDeps, ctx: RequestContext): Promise<VerifyResult> {
  if (auditPolicy.verifyInstallation(ctx.actor, undefined)) return verifyAuditChains(deps.db);
  authorize(ctx.actor, auditPolicy.readOwnOrganisation, undefined);
  return verifyAuditChains(deps.db, [ctx.actor.organisationId]);
}
