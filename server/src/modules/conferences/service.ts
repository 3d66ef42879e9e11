import type { Insertable, Selectable } from 'kysely';
import { audit, auditRead, inTransaction, readAudited } from '../../core/audit.js';
import { localDate } from '../../core/clock.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { fieldError, Problem, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { pageWindow, type Page } from '../../core/pagination.js';
import type { ConferenceParticipantTable, ConferenceTable } from '../../db/types.js';
import { requireCase, type CaseRow } from '../cases/access.js';
import type { CaseAccess } from '../cases/policy.js';
import { readableClient } from '../clients/service.js';
import { requireProcessingBasis } from '../consent/basis.js';
import type { DataCategory } from '../consent/domain.js';
import { validReleases } from '../consent/service.js';
import { syncFollowUp } from '../followups/service.js';
import type { FieldOfAction } from '../gaps/fields.js';
import { partnerRefs, readableContact } from '../partners/access.js';
import { authoriseDisclosure, DisclosureRefusal, withRefusalAudit } from '../privacy/disclosure.js';
import { personLookup } from '../users/service.js';
import {
  isExternal,
  mayDo,
  parseParticipants,
  personalDataFindings,
  planFindings,
  releaseStatus,
  type Candidate,
  type ClientIdentity,
  type ConferenceKind,
  type ConferenceStatus,
  type Finding,
  type ParticipantKind,
  type ReleaseStatus,
} from './domain.js';
import { conferencePermissions, conferencePolicy, type ConferencePermissions } from './policy.js';

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

type ConferenceRow = Selectable<ConferenceTable>;
type ParticipantRow = Selectable<ConferenceParticipantTable>;

export interface ParticipantView {
  id: string;
  position: number;
  kind: ParticipantKind;
  userId: string | null;
  contactId: string | null;
  partnerId: string | null;
  /** A colleague's display name, the contact person's or family member's name; null for the client. */
  name: string | null;
  partnerName: string | null;
  role: string | null;
  /** Computed now: may this participant hear the conference's data categories? */
  release: {
    required: boolean;
    covered: boolean;
    releaseId: string | null;
    recipient: Candidate | null;
    reason: string | null;
    missingCategories: DataCategory[];
  };
  /** The entry in the disclosure log written when the invitation went out. */
  disclosureId: string | null;
}

export interface ActionView {
  id: string;
  text: string;
  owner: { id: string; displayName: string } | null;
  ownerName: string | null;
  dueOn: string | null;
  followUpId: string | null;
}

export interface ThemeView {
  id: string;
  text: string;
  field: FieldOfAction | null;
  gapReportId: string | null;
}

export interface ConferenceView {
  id: string;
  caseId: string;
  kind: ConferenceKind;
  status: ConferenceStatus;
  heldOn: string;
  startsAt: string | null;
  place: string | null;
  moderator: { id: string; displayName: string } | null;
  agenda: string | null;
  minutes: string | null;
  anonymous: boolean;
  categories: DataCategory[];
  invitedAt: string | null;
  participants: ParticipantView[];
  actions: ActionView[];
  themes: ThemeView[];
  createdAt: string;
  createdBy: { id: string; displayName: string };
  updatedAt: string;
  updatedBy: { id: string; displayName: string };
  version: number;
  permissions: ConferencePermissions;
}

export interface ConferenceListItem {
  id: string;
  kind: ConferenceKind;
  status: ConferenceStatus;
  heldOn: string;
  startsAt: string | null;
  place: string | null;
  anonymous: boolean;
  participants: number;
  version: number;
}

/** "2026-05-12" → "12.05.2026": follow-up texts are read in German. */
const germanDate = (day: string) => day.split('-').reverse().join('.');

const categoriesOf = (row: { categories: string }) => JSON.parse(row.categories) as DataCategory[];

/** The days a release must be valid on: today (the invitation) and the day of the conference. */
function coverageDays(ctx: RequestContext, heldOn: string): string[] {
  const today = localDate(ctx.now);
  return heldOn > today ? [today, heldOn] : [today];
}

/** Whom a release may name for a participant: the contact person or their organisation, others by name. */
function candidatesOf(p: ParticipantRow, partnerName: string | null): Candidate[] {
  if (p.kind === 'partner_contact') {
    return [
      ...(p.name ? [{ kind: 'person' as const, name: p.name }] : []),
      ...(partnerName ? [{ kind: 'organisation' as const, name: partnerName }] : []),
    ];
  }
  return p.name ? [{ kind: 'person', name: p.name }] : [];
}

function releaseView(status: ReleaseStatus): ParticipantView['release'] {
  if (!status.required) {
    return {
      required: false,
      covered: true,
      releaseId: null,
      recipient: null,
      reason: null,
      missingCategories: [],
    };
  }
  if (status.covered) {
    return {
      required: true,
      covered: true,
      releaseId: status.releaseId,
      recipient: status.recipient,
      reason: null,
      missingCategories: [],
    };
  }
  return {
    required: true,
    covered: false,
    releaseId: null,
    recipient: null,
    reason: status.reason,
    missingCategories: status.missingCategories,
  };
}

interface Loaded {
  row: ConferenceRow;
  caseRow: CaseRow;
  access: CaseAccess;
}

/** The conference and its case; 404 when the conference is unknown or its case not visible. */
async function loadConference(
  db: Executor,
  ctx: RequestContext,
  id: string,
  need: 'read' | 'write',
): Promise<Loaded> {
  const row = await db.selectFrom('conferences').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.organisation_id !== ctx.actor.organisationId) throw new Problem('not-found');
  const { row: caseRow, access } = await requireCase(db, ctx, row.case_id, need);
  if (need === 'write' && !caseOpen(caseRow)) throw new Problem('case-closed');
  return { row, caseRow, access };
}

const caseOpen = (c: CaseRow) => c.phase !== 'closed' && c.anonymised_at === null;

async function conferenceView(
  db: Executor,
  ctx: RequestContext,
  loaded: { row: ConferenceRow; caseRow: CaseRow; access: CaseAccess },
): Promise<ConferenceView> {
  const { row, caseRow, access } = loaded;
  const [participants, actions, themes, releases] = await Promise.all([
    db
      .selectFrom('conference_participants')
      .selectAll()
      .where('conference_id', '=', row.id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('conference_actions')
      .selectAll()
      .where('conference_id', '=', row.id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('conference_themes')
      .selectAll()
      .where('conference_id', '=', row.id)
      .orderBy('position')
      .execute(),
    validReleases(db, caseRow.client_id),
  ]);
  const partners = await partnerRefs(
    db,
    ctx,
    participants.flatMap((p) => (p.partner_id ? [p.partner_id] : [])),
  );
  const person = await personLookup(db, [
    row.moderator_user_id,
    row.created_by,
    row.updated_by,
    ...participants.map((p) => p.user_id),
    ...actions.map((a) => a.owner_user_id),
  ]);
  const categories = categoriesOf(row);
  const anonymous = Boolean(row.anonymous);
  const days = coverageDays(ctx, row.held_on);
  const kind = (p: ParticipantRow) => p.kind as ParticipantKind;
  return {
    id: row.id,
    caseId: row.case_id,
    kind: row.kind as ConferenceKind,
    status: row.status as ConferenceStatus,
    heldOn: row.held_on,
    startsAt: row.starts_at,
    place: row.place,
    moderator: row.moderator_user_id ? person(row.moderator_user_id) : null,
    agenda: row.agenda,
    minutes: row.minutes,
    anonymous,
    categories,
    invitedAt: row.invited_at,
    participants: participants.map((p) => {
      const partnerName = p.partner_id ? (partners.get(p.partner_id)?.name ?? null) : null;
      return {
        id: p.id,
        position: p.position,
        kind: kind(p),
        userId: p.user_id,
        contactId: p.contact_id,
        partnerId: p.partner_id,
        name: p.user_id ? person(p.user_id).displayName : p.name,
        partnerName,
        role: p.role,
        release: releaseView(
          releaseStatus(
            { kind: kind(p), candidates: candidatesOf(p, partnerName) },
            { anonymous, categories },
            releases,
            days,
          ),
        ),
        disclosureId: p.disclosure_id,
      };
    }),
    actions: actions.map((a) => ({
      id: a.id,
      text: a.text,
      owner: a.owner_user_id ? person(a.owner_user_id) : null,
      ownerName: a.owner_name,
      dueOn: a.due_on,
      followUpId: a.follow_up_id,
    })),
    themes: themes.map((t) => ({
      id: t.id,
      text: t.text,
      field: t.field as FieldOfAction | null,
      gapReportId: t.gap_report_id,
    })),
    createdAt: row.created_at,
    createdBy: person(row.created_by),
    updatedAt: row.updated_at,
    updatedBy: person(row.updated_by),
    version: row.version,
    permissions: conferencePermissions(
      { access, caseOpen: caseOpen(caseRow) },
      { status: row.status as ConferenceStatus, hasExternal: participants.some((p) => isExternal(kind(p))) },
    ),
  };
}

function toErrors(findings: Finding[], ctx: RequestContext): FieldError[] {
  return findings.map((f) => fieldError(f.pointer, f.code, ctx.locale, f.params));
}

function identityOf(client: {
  family_name: string;
  given_names: string;
  birth_date: string | null;
}): ClientIdentity {
  return { familyName: client.family_name, givenNames: client.given_names, birthDate: client.birth_date };
}

/**
 * Texts that must stay anonymous may not name the client; the case manager may confirm a false alarm
 * (409 confirmation-required with the fields, nothing stored before).
 */
async function checkAnonymousTexts(
  db: Executor,
  ctx: RequestContext,
  clientId: string,
  texts: { pointer: string; text: string | null | undefined }[],
  confirm: boolean | undefined,
): Promise<boolean> {
  if (texts.every((t) => !t.text)) return false;
  const client = await readableClient(db, ctx, clientId);
  const findings = personalDataFindings(texts, identityOf(client));
  if (findings.length === 0) return false;
  if (!confirm) throw new Problem('confirmation-required', { errors: toErrors(findings, ctx) });
  return true;
}

async function activeColleagues(
  db: Executor,
  ctx: RequestContext,
  ids: readonly string[],
): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', unique)
    .where('organisation_id', '=', ctx.actor.organisationId)
    .where('deactivated_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export interface ConferenceInput {
  kind: ConferenceKind;
  heldOn: string;
  startsAt?: string | null;
  place?: string | null;
  moderatorUserId?: string | null;
  agenda?: string | null;
  anonymous: boolean;
  categories: DataCategory[];
  participants: {
    kind: ParticipantKind;
    userId?: string | null;
    contactId?: string | null;
    name?: string | null;
    role?: string | null;
  }[];
  confirm?: boolean;
}

/** A participant row to store; the key says whether it is the same participant as before an edit. */
interface ParticipantDraft {
  key: string;
  external: boolean;
  values: Omit<Insertable<ConferenceParticipantTable>, 'id' | 'conference_id' | 'position'>;
}

/**
 * Checks the plan of a conference against the rules and the database: colleagues active in the
 * organisation, partner contacts visible (an archived one cannot be newly invited), and resolves the
 * contacts' names and organisations.
 */
async function draftParticipants(
  trx: Executor,
  ctx: RequestContext,
  input: ConferenceInput,
  before: ParticipantRow[],
): Promise<ParticipantDraft[]> {
  const parsed = parseParticipants(input.participants);
  const findings =
    parsed.findings.length > 0
      ? parsed.findings
      : planFindings({ ...input, participants: parsed.participants });
  const errors = toErrors(findings, ctx);
  const colleagues = await activeColleagues(trx, ctx, [
    ...(input.moderatorUserId ? [input.moderatorUserId] : []),
    ...parsed.participants.flatMap((p) => (p.kind === 'internal' ? [p.userId] : [])),
  ]);
  if (input.moderatorUserId && !colleagues.has(input.moderatorUserId)) {
    errors.push(fieldError('/moderatorUserId', 'unknown-reference', ctx.locale));
  }
  const knownContacts = new Set(before.flatMap((p) => (p.contact_id ? [p.contact_id] : [])));
  const archived: FieldError[] = [];
  const drafts: ParticipantDraft[] = [];
  if (parsed.findings.length === 0) {
    for (const [i, p] of parsed.participants.entries()) {
      const pointer = `/participants/${i}`;
      const empty = { user_id: null, partner_id: null, contact_id: null, name: null, role: p.role };
      if (p.kind === 'internal') {
        if (!colleagues.has(p.userId))
          errors.push(fieldError(`${pointer}/userId`, 'unknown-reference', ctx.locale));
        drafts.push({
          key: `u:${p.userId}`,
          external: false,
          values: { ...empty, kind: p.kind, user_id: p.userId },
        });
      } else if (p.kind === 'partner_contact') {
        const contact = await readableContact(trx, ctx, p.contactId).catch((error: unknown) => {
          if (error instanceof Problem && error.code === 'not-found') return null;
          throw error;
        });
        if (!contact) {
          errors.push(fieldError(`${pointer}/contactId`, 'unknown-reference', ctx.locale));
          continue;
        }
        if (contact.archived && !knownContacts.has(contact.id)) {
          archived.push(fieldError(`${pointer}/contactId`, 'not-allowed', ctx.locale));
        }
        drafts.push({
          key: `c:${contact.id}`,
          external: true,
          values: {
            ...empty,
            kind: p.kind,
            contact_id: contact.id,
            partner_id: contact.partnerId,
            name: contact.name,
            role: p.role ?? contact.role,
          },
        });
      } else if (p.kind === 'client') {
        drafts.push({ key: 'client', external: false, values: { ...empty, kind: p.kind } });
      } else {
        drafts.push({
          key: `${p.kind}:${p.name.toLowerCase()}`,
          external: true,
          values: { ...empty, kind: p.kind, name: p.name },
        });
      }
    }
  }
  if (errors.length > 0) throw new Problem('validation', { errors });
  if (archived.length > 0) throw new Problem('partner-archived', { errors: archived });
  return drafts;
}

function keyOf(p: ParticipantRow): string {
  if (p.kind === 'internal') return `u:${p.user_id ?? ''}`;
  if (p.kind === 'partner_contact') return `c:${p.contact_id ?? ''}`;
  if (p.kind === 'client') return 'client';
  return `${p.kind}:${(p.name ?? '').toLowerCase()}`;
}

/** Writes the participants; someone who stays keeps the record of their invitation when the data shared do. */
async function writeParticipants(
  trx: Executor,
  conferenceId: string,
  drafts: ParticipantDraft[],
  before: ParticipantRow[],
  keepInvitations: boolean,
): Promise<void> {
  const previous = new Map(before.map((p) => [keyOf(p), p]));
  await trx.deleteFrom('conference_participants').where('conference_id', '=', conferenceId).execute();
  if (drafts.length === 0) return;
  await trx
    .insertInto('conference_participants')
    .values(
      drafts.map((d, position) => {
        const kept = keepInvitations ? previous.get(d.key) : undefined;
        return {
          id: newId(),
          conference_id: conferenceId,
          position,
          ...d.values,
          release_id: kept?.release_id ?? null,
          disclosure_id: kept?.disclosure_id ?? null,
        };
      }),
    )
    .execute();
}

/** The same people as before (in any order): the invitations that went out still hold. */
function sameParticipants(drafts: ParticipantDraft[], before: ParticipantRow[]): boolean {
  return sameSet(
    drafts.map((d) => d.key),
    before.map(keyOf),
  );
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export async function createConference(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  input: ConferenceInput,
): Promise<ConferenceView> {
  const id = await inTransaction(deps.db, async (trx) => {
    const { row: caseRow } = await requireCase(trx, ctx, caseId, 'write');
    if (!caseOpen(caseRow)) throw new Problem('case-closed');
    await requireProcessingBasis(trx, ctx, caseRow.client_id);
    const drafts = await draftParticipants(trx, ctx, input, []);
    const confirmed = input.anonymous
      ? await checkAnonymousTexts(
          trx,
          ctx,
          caseRow.client_id,
          [{ pointer: '/agenda', text: input.agenda }],
          input.confirm,
        )
      : false;
    const id = newId();
    const at = ctx.now.toISOString();
    await trx
      .insertInto('conferences')
      .values({
        id,
        organisation_id: ctx.actor.organisationId,
        case_id: caseId,
        kind: input.kind,
        status: 'planned',
        held_on: input.heldOn,
        starts_at: input.startsAt ?? null,
        place: input.place?.trim() || null,
        moderator_user_id: input.moderatorUserId ?? null,
        agenda: input.agenda?.trim() || null,
        minutes: null,
        anonymous: input.anonymous,
        categories: JSON.stringify(input.categories),
        invited_at: null,
        created_by: ctx.actor.userId,
        updated_by: ctx.actor.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute();
    await writeParticipants(trx, id, drafts, [], false);
    await trx.updateTable('cases').set({ last_activity_at: at }).where('id', '=', caseId).execute();
    await audit(trx, ctx, {
      action: 'conference.create',
      entityType: 'conference',
      entityId: id,
      details: {
        caseId,
        kind: input.kind,
        anonymous: input.anonymous,
        categories: input.categories,
        participants: drafts.length,
        external: drafts.filter((d) => d.external).length,
        ...(confirmed ? { confirmedPersonalData: true } : {}),
      },
    });
    return id;
  });
  return getConferenceUnaudited(deps, ctx, id);
}

async function getConferenceUnaudited(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<ConferenceView> {
  const loaded = await loadConference(deps.db, ctx, id, 'read');
  return conferenceView(deps.db, ctx, loaded);
}

async function conflict(trx: Executor, ctx: RequestContext, loaded: Loaded): Promise<never> {
  throw new Problem('version-conflict', {
    extra: { current: await conferenceView(trx, ctx, loaded), currentVersion: loaded.row.version },
  });
}

/** Bumps the version if nobody changed the conference meanwhile (409 otherwise). */
async function bump(
  trx: Executor,
  ctx: RequestContext,
  loaded: Loaded,
  version: number,
  values: Partial<Omit<ConferenceRow, 'id' | 'version'>>,
): Promise<void> {
  if (loaded.row.version !== version) await conflict(trx, ctx, loaded);
  const at = ctx.now.toISOString();
  const updated = await trx
    .updateTable('conferences')
    .set({ ...values, updated_at: at, updated_by: ctx.actor.userId, version: version + 1 })
    .where('id', '=', loaded.row.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new Problem('version-conflict');
  await trx.updateTable('cases').set({ last_activity_at: at }).where('id', '=', loaded.row.case_id).execute();
}

function requireStep(loaded: Loaded, action: 'edit' | 'invite' | 'minutes' | 'cancel', hasExternal: boolean) {
  if (!mayDo(action, loaded.row.status as ConferenceStatus, hasExternal)) {
    throw new Problem('status-change-not-allowed', { extra: { status: loaded.row.status } });
  }
}

async function participantsOf(db: Executor, conferenceId: string): Promise<ParticipantRow[]> {
  return db
    .selectFrom('conference_participants')
    .selectAll()
    .where('conference_id', '=', conferenceId)
    .orderBy('position')
    .execute();
}

/**
 * Changes a planned or invited conference. Once invited, a change of who takes part or of the data shared
 * sends it back to planned: the new invitations are checked against the releases again.
 */
export async function updateConference(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: ConferenceInput & { version: number },
): Promise<ConferenceView> {
  await inTransaction(deps.db, async (trx) => {
    const loaded = await loadConference(trx, ctx, id, 'write');
    const { row } = loaded;
    if (row.version !== input.version) await conflict(trx, ctx, loaded);
    requireStep(loaded, 'edit', false);
    await requireProcessingBasis(trx, ctx, loaded.caseRow.client_id);
    const before = await participantsOf(trx, id);
    const drafts = await draftParticipants(trx, ctx, input, before);
    const confirmed = input.anonymous
      ? await checkAnonymousTexts(
          trx,
          ctx,
          loaded.caseRow.client_id,
          [{ pointer: '/agenda', text: input.agenda }],
          input.confirm,
        )
      : false;
    const sameData =
      Boolean(row.anonymous) === input.anonymous && sameSet(categoriesOf(row), input.categories);
    const sameCircle = sameParticipants(drafts, before) && sameData;
    const status = row.status === 'invited' && !sameCircle ? 'planned' : (row.status as ConferenceStatus);
    await bump(trx, ctx, loaded, input.version, {
      kind: input.kind,
      status,
      held_on: input.heldOn,
      starts_at: input.startsAt ?? null,
      place: input.place?.trim() || null,
      moderator_user_id: input.moderatorUserId ?? null,
      agenda: input.agenda?.trim() || null,
      anonymous: input.anonymous,
      categories: JSON.stringify(input.categories),
      invited_at: status === 'invited' ? row.invited_at : null,
    });
    await writeParticipants(trx, id, drafts, before, sameData);
    await audit(trx, ctx, {
      action: 'conference.update',
      entityType: 'conference',
      entityId: id,
      details: {
        caseId: row.case_id,
        status,
        participantsChanged: !sameParticipants(drafts, before),
        dataChanged: !sameData,
        ...(confirmed ? { confirmedPersonalData: true } : {}),
      },
    });
  });
  return getConferenceUnaudited(deps, ctx, id);
}

export async function getConference(deps: AppDeps, ctx: RequestContext, id: string): Promise<ConferenceView> {
  return readAudited(deps.db, async (trx) => {
    const loaded = await loadConference(trx, ctx, id, 'read');
    await auditRead(trx, ctx, 'case', loaded.row.case_id, { part: 'conference', conferenceId: id });
    return conferenceView(trx, ctx, loaded);
  });
}

export async function listConferences(
  deps: AppDeps,
  ctx: RequestContext,
  caseId: string,
  query: { page?: number; pageSize?: number },
): Promise<Page<ConferenceListItem> & { permissions: { create: boolean } }> {
  const { page, pageSize, offset } = pageWindow(query);
  return readAudited(deps.db, async (trx) => {
    const { row: caseRow, access } = await requireCase(trx, ctx, caseId, 'read');
    const base = trx.selectFrom('conferences').where('case_id', '=', caseId);
    const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirst();
    const rows = await base
      .selectAll()
      .orderBy('held_on', 'desc')
      .orderBy('created_at', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute();
    const counts = rows.length
      ? await trx
          .selectFrom('conference_participants')
          .select(['conference_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where(
            'conference_id',
            'in',
            rows.map((r) => r.id),
          )
          .groupBy('conference_id')
          .execute()
      : [];
    await auditRead(trx, ctx, 'case', caseId, { part: 'conferences' });
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind as ConferenceKind,
        status: r.status as ConferenceStatus,
        heldOn: r.held_on,
        startsAt: r.starts_at,
        place: r.place,
        anonymous: Boolean(r.anonymous),
        participants: Number(counts.find((c) => c.conference_id === r.id)?.n ?? 0),
        version: r.version,
      })),
      total: Number(counted?.total ?? 0),
      page,
      pageSize,
      permissions: { create: conferencePolicy.change({ access, caseOpen: caseOpen(caseRow) }) },
    };
  });
}

/**
 * Sends the invitations. Every external participant who will hear personal data must be covered by a valid
 * release for case conferences and the conference's data categories; otherwise nothing is sent, the refusal
 * names each participant without a release and is audited. Each invitation is a disclosure in the log.
 */
export async function inviteConference(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  version: number,
): Promise<ConferenceView> {
  await withRefusalAudit(deps, ctx, () =>
    inTransaction(deps.db, async (trx) => {
      const loaded = await loadConference(trx, ctx, id, 'write');
      const { row, caseRow } = loaded;
      if (row.version !== version) await conflict(trx, ctx, loaded);
      requireStep(loaded, 'invite', false);
      const participants = await participantsOf(trx, id);
      const anonymous = Boolean(row.anonymous);
      const categories = categoriesOf(row);
      const external = participants.filter((p) => isExternal(p.kind as ParticipantKind));
      const partners = await partnerRefs(
        trx,
        ctx,
        external.flatMap((p) => (p.partner_id ? [p.partner_id] : [])),
      );
      const releases = anonymous ? [] : await validReleases(trx, caseRow.client_id);
      const days = coverageDays(ctx, row.held_on);
      const checked = external.map((p) => {
        const partnerName = p.partner_id ? (partners.get(p.partner_id)?.name ?? null) : null;
        const status = releaseStatus(
          { kind: p.kind as ParticipantKind, candidates: candidatesOf(p, partnerName) },
          { anonymous, categories },
          releases,
          days,
        );
        const recipient = partnerName ? `${p.name ?? ''} (${partnerName})` : (p.name ?? '');
        return { p, status, recipient };
      });
      const refused = checked.filter((c) => !c.status.covered);
      const first = refused[0];
      if (first && !first.status.covered) {
        throw new DisclosureRefusal(
          {
            action: 'disclosure.refused',
            entityType: 'client',
            entityId: caseRow.client_id,
            details: {
              caseId: caseRow.id,
              conferenceId: id,
              channel: 'conference',
              categories,
              refused: refused.map((c) => ({
                position: c.p.position,
                reason: c.status.covered ? null : c.status.reason,
              })),
            },
          },
          {
            detail: first.status.reason,
            errors: refused.map((c) =>
              fieldError(`/participants/${c.p.position}`, 'release-missing', ctx.locale, {
                recipient: c.recipient,
                reason: c.status.covered ? null : c.status.reason,
                missingCategories: c.status.missingCategories,
              }),
            ),
            extra: {
              reason: first.status.reason,
              missingCategories: first.status.missingCategories,
              recipient: first.recipient,
            },
          },
        );
      }
      let disclosures = 0;
      if (!anonymous) {
        for (const { p, status } of checked) {
          if (p.disclosure_id || !status.required || !status.covered) continue;
          const { disclosureId, releaseId } = await authoriseDisclosure(trx, ctx, {
            clientId: caseRow.client_id,
            caseId: caseRow.id,
            recipient: status.recipient,
            purpose: 'case_conference',
            categories,
            channel: 'conference',
          });
          await trx
            .updateTable('conference_participants')
            .set({ release_id: releaseId, disclosure_id: disclosureId })
            .where('id', '=', p.id)
            .execute();
          disclosures += 1;
        }
      }
      await bump(trx, ctx, loaded, version, { status: 'invited', invited_at: ctx.now.toISOString() });
      await audit(trx, ctx, {
        action: 'conference.invite',
        entityType: 'conference',
        entityId: id,
        details: { caseId: caseRow.id, external: external.length, disclosures, anonymous },
      });
    }),
  );
  return getConferenceUnaudited(deps, ctx, id);
}

export interface MinutesInput {
  version: number;
  minutes: string;
  actions: {
    id?: string;
    text: string;
    ownerUserId?: string | null;
    ownerName?: string | null;
    dueOn?: string | null;
  }[];
  themes: { id?: string; text: string; field: FieldOfAction }[];
  confirm?: boolean;
}

/**
 * Records (or corrects) the minutes: the conference is held. Agreed actions with a colleague as owner and a
 * due date are that colleague's follow-ups on the case, kept in step on every correction. The generative
 * themes never name the client, nor do the minutes of an anonymous conference (unless confirmed).
 */
export async function recordMinutes(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: MinutesInput,
): Promise<ConferenceView> {
  await inTransaction(deps.db, async (trx) => {
    const loaded = await loadConference(trx, ctx, id, 'write');
    const { row, caseRow } = loaded;
    if (row.version !== input.version) await conflict(trx, ctx, loaded);
    const participants = await participantsOf(trx, id);
    requireStep(
      loaded,
      'minutes',
      participants.some((p) => isExternal(p.kind as ParticipantKind)),
    );
    await requireProcessingBasis(trx, ctx, caseRow.client_id);
    const [actions, themes] = await Promise.all([
      trx.selectFrom('conference_actions').selectAll().where('conference_id', '=', id).execute(),
      trx.selectFrom('conference_themes').selectAll().where('conference_id', '=', id).execute(),
    ]);
    const errors: FieldError[] = [];
    const actionIds = new Set(actions.map((a) => a.id));
    const themeIds = new Set(themes.map((t) => t.id));
    const owners = await activeColleagues(
      trx,
      ctx,
      input.actions.flatMap((a) => (a.ownerUserId ? [a.ownerUserId] : [])),
    );
    input.actions.forEach((a, i) => {
      if (a.id && !actionIds.has(a.id))
        errors.push(fieldError(`/actions/${i}/id`, 'unknown-reference', ctx.locale));
      if (a.ownerUserId && !owners.has(a.ownerUserId))
        errors.push(fieldError(`/actions/${i}/ownerUserId`, 'unknown-reference', ctx.locale));
      if (a.ownerUserId && a.ownerName?.trim())
        errors.push(fieldError(`/actions/${i}/ownerName`, 'not-allowed', ctx.locale));
    });
    input.themes.forEach((t, i) => {
      if (t.id && !themeIds.has(t.id))
        errors.push(fieldError(`/themes/${i}/id`, 'unknown-reference', ctx.locale));
    });
    // A theme that became a gap report stays: the report points back to it.
    const kept = new Set(input.themes.flatMap((t) => (t.id ? [t.id] : [])));
    if (themes.some((t) => t.gap_report_id && !kept.has(t.id))) {
      errors.push(fieldError('/themes', 'not-allowed', ctx.locale));
    }
    if (errors.length > 0) throw new Problem('validation', { errors });
    const anonymousTexts = row.anonymous
      ? [
          { pointer: '/minutes', text: input.minutes },
          ...input.actions.map((a, i) => ({ pointer: `/actions/${i}/text`, text: a.text })),
        ]
      : [];
    const confirmed = await checkAnonymousTexts(
      trx,
      ctx,
      caseRow.client_id,
      [...anonymousTexts, ...input.themes.map((t, i) => ({ pointer: `/themes/${i}/text`, text: t.text }))],
      input.confirm,
    );

    // Actions: follow-ups of their owners kept in step; removed actions take their open follow-ups along.
    const previous = new Map(actions.map((a) => [a.id, a]));
    const keepActions = new Set(input.actions.flatMap((a) => (a.id ? [a.id] : [])));
    for (const gone of actions.filter((a) => !keepActions.has(a.id))) {
      if (gone.follow_up_id && gone.owner_user_id) {
        await syncFollowUp(
          trx,
          ctx,
          { caseId: caseRow.id, assigneeUserId: gone.owner_user_id },
          gone.follow_up_id,
          null,
          gone.text,
        );
      }
    }
    await trx.deleteFrom('conference_actions').where('conference_id', '=', id).execute();
    const actionRows = [];
    for (const [position, a] of input.actions.entries()) {
      const before = a.id ? previous.get(a.id) : undefined;
      const owner = a.ownerUserId ?? null;
      const text = a.text.trim();
      let current = before?.follow_up_id ?? null;
      if (current && before?.owner_user_id && before.owner_user_id !== owner) {
        // Another owner: the old owner's open follow-up goes, the new owner gets one.
        await syncFollowUp(
          trx,
          ctx,
          { caseId: caseRow.id, assigneeUserId: before.owner_user_id },
          current,
          null,
          text,
        );
        current = null;
      }
      const followUpId = owner
        ? await syncFollowUp(
            trx,
            ctx,
            { caseId: caseRow.id, assigneeUserId: owner },
            current,
            a.dueOn ?? null,
            `Vereinbarung aus der Konferenz vom ${germanDate(row.held_on)}: ${text}`.slice(0, 2000),
          )
        : null;
      actionRows.push({
        id: a.id ?? newId(),
        conference_id: id,
        position,
        text,
        owner_user_id: owner,
        owner_name: owner ? null : a.ownerName?.trim() || null,
        due_on: a.dueOn ?? null,
        follow_up_id: followUpId,
      });
    }
    if (actionRows.length > 0) await trx.insertInto('conference_actions').values(actionRows).execute();

    const reported = new Map(themes.map((t) => [t.id, t.gap_report_id]));
    await trx.deleteFrom('conference_themes').where('conference_id', '=', id).execute();
    if (input.themes.length > 0) {
      await trx
        .insertInto('conference_themes')
        .values(
          input.themes.map((t, position) => ({
            id: t.id ?? newId(),
            conference_id: id,
            position,
            text: t.text.trim(),
            field: t.field,
            gap_report_id: t.id ? (reported.get(t.id) ?? null) : null,
          })),
        )
        .execute();
    }
    await bump(trx, ctx, loaded, input.version, { status: 'held', minutes: input.minutes.trim() });
    await audit(trx, ctx, {
      action: row.status === 'held' ? 'conference.minutes_corrected' : 'conference.minutes',
      entityType: 'conference',
      entityId: id,
      details: {
        caseId: caseRow.id,
        actions: actionRows.length,
        followUps: actionRows.filter((a) => a.follow_up_id).length,
        themes: input.themes.length,
        ...(confirmed ? { confirmedPersonalData: true } : {}),
      },
    });
  });
  return getConferenceUnaudited(deps, ctx, id);
}

/** Calls off a planned or invited conference; the disclosures already made stay in the log. */
export async function cancelConference(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  version: number,
): Promise<ConferenceView> {
  await inTransaction(deps.db, async (trx) => {
    const loaded = await loadConference(trx, ctx, id, 'write');
    if (loaded.row.version !== version) await conflict(trx, ctx, loaded);
    requireStep(loaded, 'cancel', false);
    await bump(trx, ctx, loaded, version, { status: 'cancelled' });
    await audit(trx, ctx, {
      action: 'conference.cancel',
      entityType: 'conference',
      entityId: id,
      details: { caseId: loaded.row.case_id, from: loaded.row.status },
    });
  });
  return getConferenceUnaudited(deps, ctx, id);
}
