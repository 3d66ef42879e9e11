import { audit, inTransaction } from '../../core/audit.js';
import type { AppDeps, Executor, RequestContext } from '../../core/context.js';
import { Problem } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { hasRole } from '../../core/policy.js';
import {
  CONSENT_KINDS,
  CONSENT_LANGUAGES,
  type ConsentKind,
  type ConsentLanguage,
  type DataCategory,
} from './domain.js';
import { fillPlaceholders, SHIPPED_TEMPLATES, type TemplateText } from './shipped-templates.js';

/**
 * Consent templates are versioned, multilingual texts. Every organisation starts with Lotse's shipped texts
 * (version 1); the org admin publishes new versions, a published version never changes, and each consent
 * records the version it was given on.
 */
export async function insertShippedTemplates(
  trx: Executor,
  organisationId: string,
  now: Date,
): Promise<void> {
  const rows = CONSENT_LANGUAGES.flatMap((language) =>
    CONSENT_KINDS.map((kind) => ({
      id: newId(),
      organisation_id: organisationId,
      kind,
      language,
      version: 1,
      content: JSON.stringify(SHIPPED_TEMPLATES[language].texts[kind]),
      published_at: now.toISOString(),
      published_by: null,
    })),
  );
  await trx.insertInto('consent_templates').values(rows).execute();
}

export interface TemplateView {
  id: string;
  kind: ConsentKind;
  language: ConsentLanguage;
  version: number;
  content: TemplateText;
  publishedAt: string;
  current: boolean;
}

export async function listTemplates(deps: AppDeps, ctx: RequestContext): Promise<{ items: TemplateView[] }> {
  const rows = await deps.db
    .selectFrom('consent_templates')
    .selectAll()
    .where('organisation_id', '=', ctx.actor.organisationId)
    .orderBy('kind')
    .orderBy('language')
    .orderBy('version', 'desc')
    .execute();
  const latest = new Map<string, number>();
  for (const r of rows)
    latest.set(`${r.kind}/${r.language}`, Math.max(latest.get(`${r.kind}/${r.language}`) ?? 0, r.version));
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as ConsentKind,
      language: r.language as ConsentLanguage,
      version: r.version,
      content: JSON.parse(r.content) as TemplateText,
      publishedAt: r.published_at,
      current: latest.get(`${r.kind}/${r.language}`) === r.version,
    })),
  };
}

/** Publishes a new version of a template text (org admin); the earlier versions stay as they were. */
export async function publishTemplate(
  deps: AppDeps,
  ctx: RequestContext,
  input: { kind: ConsentKind; language: ConsentLanguage; content: TemplateText },
): Promise<TemplateView> {
  if (!hasRole(ctx.actor, 'org_admin')) throw new Problem('forbidden');
  return inTransaction(deps.db, async (trx) => {
    const last = await trx
      .selectFrom('consent_templates')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('organisation_id', '=', ctx.actor.organisationId)
      .where('kind', '=', input.kind)
      .where('language', '=', input.language)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const id = newId();
    await trx
      .insertInto('consent_templates')
      .values({
        id,
        organisation_id: ctx.actor.organisationId,
        kind: input.kind,
        language: input.language,
        version,
        content: JSON.stringify(input.content),
        published_at: ctx.now.toISOString(),
        published_by: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'consent_template.publish',
      entityType: 'consent_template',
      entityId: id,
      details: { kind: input.kind, language: input.language, version },
    });
    return { id, ...input, version, publishedAt: ctx.now.toISOString(), current: true };
  });
}

export interface PrintableForm {
  kind: ConsentKind;
  templateId: string;
  version: number;
  language: ConsentLanguage;
  direction: 'ltr' | 'rtl';
  text: TemplateText;
  labels: Record<string, string>;
  categoryLabels: Record<string, string>;
  /** The German text beside the client's language (null when the form is German). */
  german: {
    text: TemplateText;
    labels: Record<string, string>;
    categoryLabels: Record<string, string>;
  } | null;
}

/** The line a placeholder without a value becomes on a printed form. */
export const WRITE_IN = '________________';

/** A date as the form's language writes it (31.12.2026 in German, 31 Dec 2026 in English), from YYYY-MM-DD. */
function printedDate(date: string, language: ConsentLanguage): string {
  const at = new Date(`${date}T00:00:00.000Z`);
  if (Number.isNaN(at.getTime())) return date;
  const locale = language === 'en' ? 'en-GB' : language;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}

function fillText(text: TemplateText, values: Parameters<typeof fillPlaceholders>[1]): TemplateText {
  return {
    title: fillPlaceholders(text.title, values),
    intro: fillPlaceholders(text.intro, values),
    sections: text.sections.map((s) => ({
      heading: fillPlaceholders(s.heading, values),
      paragraphs: s.paragraphs.map((p) => fillPlaceholders(p, values)),
    })),
    declaration: fillPlaceholders(text.declaration, values),
    revocationNote: fillPlaceholders(text.revocationNote, values),
  };
}

/**
 * A form ready to sign, in the client's language with the German text beside it, filled with the
 * organisation and — for a release — recipient, purpose, categories and validity.
 */
export async function printableForm(
  deps: AppDeps,
  ctx: RequestContext,
  input: {
    kind: ConsentKind;
    language: ConsentLanguage;
    recipient?: string;
    purpose?: string;
    categories?: DataCategory[];
    validUntil?: string;
    clientName?: string;
  },
): Promise<PrintableForm> {
  const latest = async (language: ConsentLanguage) => {
    const row = await deps.db
      .selectFrom('consent_templates')
      .selectAll()
      .where('organisation_id', '=', ctx.actor.organisationId)
      .where('kind', '=', input.kind)
      .where('language', '=', language)
      .orderBy('version', 'desc')
      .executeTakeFirst();
    if (!row) throw new Problem('not-found');
    return row;
  };
  const org = await deps.db
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', ctx.actor.organisationId)
    .executeTakeFirstOrThrow();
  // What the release does not name is a line to write on by hand: the form goes to the client on paper, where
  // a "{{recipient}}" would mean nothing.
  const values = (language: ConsentLanguage) => ({
    organisation: org.name,
    recipient: input.recipient || WRITE_IN,
    purpose: input.purpose || WRITE_IN,
    categories:
      input.categories && input.categories.length > 0
        ? input.categories.map((c) => SHIPPED_TEMPLATES[language].categories[c]).join(', ')
        : WRITE_IN,
    validUntil: input.validUntil ? printedDate(input.validUntil, language) : WRITE_IN,
    clientName: input.clientName || WRITE_IN,
  });
  const row = await latest(input.language);
  const pack = SHIPPED_TEMPLATES[input.language];
  const german = input.language === 'de' ? null : await latest('de');
  return {
    kind: input.kind,
    templateId: row.id,
    version: row.version,
    language: input.language,
    direction: pack.direction,
    text: fillText(JSON.parse(row.content) as TemplateText, values(input.language)),
    labels: { ...pack.form },
    categoryLabels: { ...pack.categories },
    german: german
      ? {
          text: fillText(JSON.parse(german.content) as TemplateText, values('de')),
          labels: { ...SHIPPED_TEMPLATES.de.form },
          categoryLabels: { ...SHIPPED_TEMPLATES.de.categories },
        }
      : null,
  };
}
