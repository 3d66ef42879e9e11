import { audit } from '../../core/audit.js';
import type { Executor, RequestContext } from '../../core/context.js';
import { Problem } from '../../core/errors.js';
import { requireCase } from '../cases/access.js';
import type { FieldOfAction } from '../gaps/fields.js';

/**
 * Case conferences (issue 7; BRIEF 3): planned with their participants, checked against the client's
 * releases before the invitations go out (each one a logged disclosure), held with minutes, agreed actions
 * (follow-ups of their owners) and KIM's anonymous "generative themes", each of which may become a gap report.
 */

/** A generative theme as the gap-report module reads it: no personal data, its conference and case. */
export interface ThemeForGapReport {
  id: string;
  conferenceId: string;
  caseId: string;
  text: string;
  field: FieldOfAction | null;
  gapReportId: string | null;
}

async function themeRow(db: Executor, themeId: string) {
  return db
    .selectFrom('conference_themes')
    .innerJoin('conferences', 'conferences.id', 'conference_themes.conference_id')
    .select([
      'conference_themes.id',
      'conference_themes.conference_id',
      'conference_themes.text',
      'conference_themes.field',
      'conference_themes.gap_report_id',
      'conferences.case_id',
      'conferences.organisation_id',
    ])
    .where('conference_themes.id', '=', themeId)
    .executeTakeFirst();
}

/**
 * A theme of a conference whose case the actor may read (404 otherwise), for a gap report made from it
 * (KIM part two [004 L5740–5766]).
 */
export async function themeForGapReport(
  db: Executor,
  ctx: RequestContext,
  themeId: string,
): Promise<ThemeForGapReport> {
  const row = await themeRow(db, themeId);
  if (!row || row.organisation_id !== ctx.actor.organisationId) throw new Problem('not-found');
  await requireCase(db, ctx, row.case_id, 'read');
  return {
    id: row.id,
    conferenceId: row.conference_id,
    caseId: row.case_id,
    text: row.text,
    field: row.field as FieldOfAction | null,
    gapReportId: row.gap_report_id,
  };
}

/**
 * Records that a theme became a gap report, inside the gap report's transaction. Linking it again to the
 * same report changes nothing; a theme already reported as another gap is refused (409).
 */
export async function linkThemeToGapReport(
  trx: Executor,
  ctx: RequestContext,
  themeId: string,
  gapReportId: string,
): Promise<void> {
  const theme = await themeForGapReport(trx, ctx, themeId);
  if (theme.gapReportId === gapReportId) return;
  if (theme.gapReportId !== null) throw new Problem('status-change-not-allowed');
  await requireCase(trx, ctx, theme.caseId, 'journal');
  const updated = await trx
    .updateTable('conference_themes')
    .set({ gap_report_id: gapReportId })
    .where('id', '=', themeId)
    .where('gap_report_id', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Problem('status-change-not-allowed');
  await audit(trx, ctx, {
    action: 'conference.theme_reported',
    entityType: 'conference',
    entityId: theme.conferenceId,
    details: { themeId, gapReportId, caseId: theme.caseId },
  });
}
