/**
 * Problem details (RFC 9457). Every error Lotse answers with is one of these codes: a stable `type`
 * URI, a German and an English title, and — for bad input — the offending fields as JSON pointers.
 * Messages never contain personal values: they name fields, never echo what was entered.
 */
export type Locale = 'de' | 'en';

interface ProblemDefinition {
  status: number;
  de: string;
  en: string;
}

export const PROBLEMS = {
  validation: { status: 400, de: 'Die Eingaben sind nicht gültig.', en: 'The input is not valid.' },
  'invalid-json': {
    status: 400,
    de: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
    en: 'The request body is not valid JSON.',
  },
  'not-authenticated': {
    status: 401,
    de: 'Bitte melden Sie sich an.',
    en: 'Please sign in.',
  },
  'invalid-credentials': {
    status: 401,
    de: 'Benutzername oder Passwort ist falsch.',
    en: 'Username or password is wrong.',
  },
  csrf: {
    status: 403,
    de: 'Die Anfrage konnte nicht bestätigt werden (CSRF-Token fehlt oder ist falsch). Bitte laden Sie die Seite neu.',
    en: 'The request could not be verified (CSRF token missing or wrong). Please reload the page.',
  },
  forbidden: {
    status: 403,
    de: 'Dafür fehlt Ihnen die Berechtigung.',
    en: 'You are not allowed to do this.',
  },
  'break-glass-required': {
    status: 403,
    de: 'Diesen Fall dürfen Sie nur mit einer dokumentierten Begründung öffnen.',
    en: 'You may open this case only with a recorded reason.',
  },
  'not-found': { status: 404, de: 'Nicht gefunden.', en: 'Not found.' },
  'possible-duplicate': {
    status: 409,
    de: 'Es gibt bereits eine Person mit ähnlichem Namen und gleichem Geburtsdatum. Bitte prüfen Sie, ob es dieselbe ist.',
    en: 'A person with a similar name and the same birth date exists already. Please check whether it is the same person.',
  },
  'phase-move-not-allowed': {
    status: 409,
    de: 'Dieser Phasenwechsel ist nicht erlaubt.',
    en: 'This phase change is not allowed.',
  },
  'consent-required': {
    status: 409,
    de: 'Ohne gültige Einwilligung in die Datenverarbeitung (oder eine andere Rechtsgrundlage) dürfen nur minimale Stammdaten gespeichert werden.',
    en: 'Without a valid consent to data processing (or another legal basis) only minimal master data may be stored.',
  },
  'disclosure-refused': {
    status: 403,
    de: 'Weitergabe nicht erlaubt: Es liegt keine passende gültige Schweigepflichtentbindung vor.',
    en: 'Disclosure refused: there is no matching valid release from confidentiality.',
  },
  'case-closed': {
    status: 409,
    de: 'Der Fall ist abgeschlossen und kann nicht mehr geändert werden.',
    en: 'The case is closed and cannot be changed.',
  },
  'case-anonymised': {
    status: 409,
    de: 'Der Fall ist anonymisiert und kann nicht wieder eröffnet werden. Kommt die Person wieder, legen Sie bitte einen neuen Fall an.',
    en: 'The case is anonymised and cannot be reopened. If the person comes back, please open a new case.',
  },
  'evaluation-required': {
    status: 409,
    de: 'Ein Case-Management-Fall wird mit seiner Evaluation abgeschlossen. Bitte erfassen Sie zuerst die Evaluation.',
    en: 'A case-management case is closed with its evaluation. Please record the evaluation first.',
  },
  'assessment-final': {
    status: 409,
    de: 'Das Assessment ist abgeschlossen und kann nicht mehr geändert werden. Für eine neue Einschätzung bitte ein Re-Assessment beginnen.',
    en: 'The assessment is finalised and cannot be changed. Start a re-assessment for a new appraisal.',
  },
  'assessment-draft-exists': {
    status: 409,
    de: 'Für dieses Instrument gibt es in diesem Fall schon einen Entwurf. Bitte den Entwurf fortsetzen.',
    en: 'There is already a draft with this instrument in this case. Please continue the draft.',
  },
  'confirmation-required': {
    status: 409,
    de: 'Bitte prüfen und bestätigen Sie die Hinweise; gespeichert wurde noch nichts.',
    en: 'Please check and confirm the warnings; nothing has been saved yet.',
  },
  'status-change-not-allowed': {
    status: 409,
    de: 'Dieser Statuswechsel ist nicht möglich.',
    en: 'This status change is not possible.',
  },
  'partner-archived': {
    status: 409,
    de: 'Der Netzwerkpartner oder das Angebot ist archiviert und kann nicht mehr gewählt werden.',
    en: 'The network partner or offer is archived and can no longer be chosen.',
  },
  'agreement-archived': {
    status: 409,
    de: 'Die Kooperationsvereinbarung ist archiviert und kann nicht mehr geändert werden.',
    en: 'The cooperation agreement is archived and can no longer be changed.',
  },
  'document-not-allowed': {
    status: 409,
    de: 'Eine mündliche Vereinbarung hat kein Dokument. Wählen Sie zuerst die Form Protokoll oder schriftliche Vereinbarung.',
    en: 'An oral agreement has no document. Choose the form minutes or written agreement first.',
  },
  'gap-report-locked': {
    status: 409,
    de: 'Die Planungsebene bearbeitet die Meldung bereits; sie kann nicht mehr geändert werden. Ergänzungen bitte als neue Meldung.',
    en: 'The planning level is already working on this report; it can no longer be changed. Please add to it with a new report.',
  },
  'gap-report-closed': {
    status: 409,
    de: 'Die Meldung ist abgeschlossen. Besteht die Lücke weiter, melden Sie sie bitte neu.',
    en: 'The report is closed. If the gap persists, please report it again.',
  },
  'version-conflict': {
    status: 409,
    de: 'Der Datensatz wurde inzwischen von jemand anderem geändert. Ihre Änderung wurde nicht gespeichert.',
    en: 'Someone else changed this record in the meantime. Your change was not saved.',
  },
  'username-taken': {
    status: 409,
    de: 'Dieser Benutzername ist bereits vergeben.',
    en: 'This username is already taken.',
  },
  'name-taken': {
    status: 409,
    de: 'Dieser Name ist bereits vergeben.',
    en: 'This name is already taken.',
  },
  'org-unit-in-use': {
    status: 409,
    de: 'Das Sachgebiet hat noch aktive Mitglieder und kann nicht archiviert werden.',
    en: 'The org unit still has active members and cannot be archived.',
  },
  'last-org-unit': {
    status: 409,
    de: 'Jede Person braucht mindestens ein aktives Sachgebiet.',
    en: 'Every user needs at least one active org unit.',
  },
  // Second factor (issue 10)
  'second-factor-invalid': {
    status: 401,
    de: 'Der Code ist falsch, abgelaufen oder wurde schon verwendet.',
    en: 'The code is wrong, expired or was used already.',
  },
  'second-factor-login-expired': {
    status: 401,
    de: 'Die Anmeldung ist abgelaufen. Bitte melden Sie sich erneut mit Benutzername und Passwort an.',
    en: 'The sign-in has expired. Please sign in again with username and password.',
  },
  'second-factor-required': {
    status: 409,
    de: 'Ihre Organisation verlangt einen zweiten Faktor; er kann nicht abgeschaltet werden.',
    en: 'Your organisation requires a second factor; it cannot be switched off.',
  },
  'second-factor-active': {
    status: 409,
    de: 'Ein zweiter Faktor ist bereits eingerichtet.',
    en: 'A second factor is set up already.',
  },
  'second-factor-missing': {
    status: 409,
    de: 'Dafür muss zuerst ein zweiter Faktor eingerichtet sein.',
    en: 'A second factor must be set up first.',
  },
  'payload-too-large': {
    status: 413,
    de: 'Die Anfrage ist zu groß.',
    en: 'The request is too large.',
  },
  'uri-too-long': {
    status: 414,
    de: 'Die Adresse der Anfrage ist zu lang.',
    en: 'The request address is too long.',
  },
  'unsupported-media-type': {
    status: 415,
    de: 'Dieses Format wird nicht angenommen; bitte JSON senden.',
    en: 'This content type is not accepted; please send JSON.',
  },
  'account-locked': {
    status: 423,
    de: 'Das Konto ist nach mehreren Fehlversuchen vorübergehend gesperrt.',
    en: 'The account is temporarily locked after repeated failed attempts.',
  },
  'too-many-attempts': {
    status: 429,
    de: 'Zu viele Anmeldeversuche. Bitte warten Sie einige Minuten.',
    en: 'Too many sign-in attempts. Please wait a few minutes.',
  },
  'rate-limited': {
    status: 429,
    de: 'Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.',
    en: 'Too many requests in a short time. Please wait a moment and try again.',
  },
  // Single sign-on (modules/sso); the detail names the reason category, never token contents.
  'sso-not-configured': {
    status: 404,
    de: 'Die Anmeldung mit Behördenkonto ist nicht eingerichtet.',
    en: 'Sign-in with the authority account is not set up.',
  },
  'sso-failed': {
    status: 401,
    de: 'Die Anmeldung mit Behördenkonto ist fehlgeschlagen. Bitte versuchen Sie es erneut.',
    en: 'Sign-in with the authority account failed. Please try again.',
  },
  'sso-refused': {
    status: 403,
    de: 'Ihr Behördenkonto hat keinen Zugang zu Lotse. Bitte wenden Sie sich an Ihre IT-Abteilung.',
    en: 'Your authority account has no access to Lotse. Please contact your IT department.',
  },
  'sso-unavailable': {
    status: 503,
    de: 'Der Anmeldedienst Ihrer Behörde ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.',
    en: 'Your authority’s sign-in service cannot be reached at the moment. Please try again later.',
  },
  'service-unavailable': {
    status: 503,
    de: 'Der Dienst ist vorübergehend nicht erreichbar.',
    en: 'The service is temporarily unavailable.',
  },
  // Fault behaviour (issue 10): the database is unreachable or locked; the disk is full.
  'database-unavailable': {
    status: 503,
    de: 'Die Datenbank ist vorübergehend nicht erreichbar; es wurde nichts gespeichert. Bitte versuchen Sie es in einigen Minuten erneut.',
    en: 'The database is temporarily unavailable; nothing was saved. Please try again in a few minutes.',
  },
  'storage-full': {
    status: 507,
    de: 'Der Speicherplatz des Servers ist voll; es wurde nichts gespeichert. Bitte verständigen Sie die Administration.',
    en: 'The server’s storage is full; nothing was saved. Please tell your administrator.',
  },
  internal: {
    status: 500,
    de: 'Ein unerwarteter Fehler ist aufgetreten. Bitte nennen Sie bei Rückfragen die Anfrage-ID.',
    en: 'An unexpected error occurred. Please quote the request id when you report it.',
  },
} as const satisfies Record<string, ProblemDefinition>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface FieldError {
  /** JSON pointer into the request body, e.g. "/orgUnitIds/0". */
  pointer?: string;
  /** Name of a query or path parameter. */
  parameter?: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

export const PROBLEM_TYPE_BASE = 'https://lotse.app/problems/';

export class Problem extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly options: {
      detail?: string;
      errors?: FieldError[];
      /** Extension members, e.g. retryAfterSeconds or current (the stored record on a conflict). */
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(code);
    this.status = PROBLEMS[code].status;
  }
}

export function problemBody(problem: Problem, locale: Locale, requestId: string, instance?: string) {
  const def = PROBLEMS[problem.code];
  return {
    type: PROBLEM_TYPE_BASE + problem.code,
    title: def[locale],
    status: def.status,
    code: problem.code,
    ...(problem.options.detail ? { detail: problem.options.detail } : {}),
    ...(instance ? { instance } : {}),
    requestId,
    ...(problem.options.errors ? { errors: problem.options.errors } : {}),
    ...problem.options.extra,
  };
}

/** Field error messages for JSON-schema keywords and Lotse's own field rules. */
const FIELD_MESSAGES: Record<string, { de: string; en: string }> = {
  required: { de: 'Pflichtfeld.', en: 'Required.' },
  additionalProperties: { de: 'Unbekanntes Feld.', en: 'Unknown field.' },
  maxLength: { de: 'Höchstens {limit} Zeichen.', en: 'At most {limit} characters.' },
  minLength: { de: 'Mindestens {limit} Zeichen.', en: 'At least {limit} characters.' },
  maxItems: { de: 'Höchstens {limit} Einträge.', en: 'At most {limit} entries.' },
  minItems: { de: 'Mindestens {limit} Eintrag/Einträge.', en: 'At least {limit} entries.' },
  uniqueItems: { de: 'Einträge doppelt.', en: 'Duplicate entries.' },
  minimum: { de: 'Mindestens {limit}.', en: 'At least {limit}.' },
  maximum: { de: 'Höchstens {limit}.', en: 'At most {limit}.' },
  format: { de: 'Ungültiges Format ({format}).', en: 'Invalid format ({format}).' },
  pattern: { de: 'Ungültiges Format.', en: 'Invalid format.' },
  enum: { de: 'Kein zulässiger Wert.', en: 'Not an allowed value.' },
  const: { de: 'Kein zulässiger Wert.', en: 'Not an allowed value.' },
  anyOf: { de: 'Kein zulässiger Wert.', en: 'Not an allowed value.' },
  type: { de: 'Falscher Datentyp (erwartet: {type}).', en: 'Wrong type (expected: {type}).' },
  taken: { de: 'Bereits vergeben.', en: 'Already taken.' },
  'unknown-reference': { de: 'Unbekannter Eintrag.', en: 'Unknown entry.' },
  'not-allowed': { de: 'Nicht erlaubt.', en: 'Not allowed.' },
  'password-too-weak': {
    de: 'Das Passwort muss mindestens {limit} Zeichen haben.',
    en: 'The password must have at least {limit} characters.',
  },
  'password-too-long': {
    de: 'Das Passwort darf höchstens {limit} Zeichen haben.',
    en: 'The password may have at most {limit} characters.',
  },
  'password-equals-username': {
    de: 'Das Passwort darf nicht der Benutzername sein.',
    en: 'The password must not be the username.',
  },
  'password-breached': {
    de: 'Dieses Passwort ist aus Datenlecks bekannt oder sehr verbreitet. Bitte wählen Sie ein anderes, z. B. einen Satz aus mehreren Wörtern.',
    en: 'This password is known from data breaches or very common. Please choose another one, e.g. a phrase of several words.',
  },
  'wrong-password': { de: 'Das aktuelle Passwort ist falsch.', en: 'The current password is wrong.' },
  'nul-character': {
    de: 'Enthält ein Nullzeichen (U+0000); das kann nicht gespeichert werden.',
    en: 'Contains a null character (U+0000), which cannot be stored.',
  },
  'date-order': { de: 'Das Datum liegt vor dem Beginn.', en: 'The date is before the start.' },
  'in-future': { de: 'Das Datum liegt in der Zukunft.', en: 'The date is in the future.' },
  'duplicate-key': { de: 'Schlüssel doppelt vergeben.', en: 'Duplicate key.' },
  'max-goals': {
    de: 'Höchstens {limit} Ziele (Einstellung Ihrer Organisation).',
    en: 'At most {limit} goals (your organisation’s setting).',
  },
  'is-revision': {
    de: 'Ziele wurden umformuliert, gestrichen oder entfernt: Das ist eine Revision, keine Fortschreibung.',
    en: 'Goals were rewritten, dropped or removed: this is a revision, not an extension.',
  },
  'after-target': {
    de: 'Der Schritt ist erst nach dem Zieldatum ({target}) fällig.',
    en: 'The step is due after the goal’s target date ({target}).',
  },
  'scale-range': {
    de: 'Der kleinste Wert muss kleiner als der größte sein.',
    en: 'The lowest value must be below the highest.',
  },
  'scale-label': {
    de: 'Die Beschriftung gehört zu keinem Punkt der Skala.',
    en: 'The label belongs to no point of the scale.',
  },
  'out-of-range': {
    de: 'Wert außerhalb der Skala ({min}–{max}).',
    en: 'Value outside the scale ({min}–{max}).',
  },
  'nested-group': {
    de: 'Eine Tabelle kann keine weitere Tabelle enthalten.',
    en: 'A table cannot contain another table.',
  },
  'not-enabled': {
    de: 'Dieses Instrument bietet das Team des Falls nicht an.',
    en: 'The case’s team does not offer this instrument.',
  },
  'not-a-case-manager': {
    de: 'Die Person ist keine aktive Fallmanager:in dieser Organisation.',
    en: 'The person is not an active case manager of this organisation.',
  },
  'requires-client-agreement': {
    de: 'Eine ständige Vertretung braucht die dokumentierte Zustimmung der Klient:in.',
    en: 'A standing deputy needs the client’s recorded agreement.',
  },
  'birth-needed': {
    de: 'Geburtsdatum oder Geburtsjahr angeben.',
    en: 'Give the birth date or the birth year.',
  },
  'consent-required': {
    de: 'Nur mit Einwilligung oder anderer Rechtsgrundlage.',
    en: 'Only with consent or another legal basis.',
  },
  'guardian-required': {
    de: 'Unter 16 Jahren willigen die Sorgeberechtigten ein; bitte eine sorgeberechtigte Bezugsperson wählen.',
    en: 'Under 16 the guardians consent; please choose a related person with parental responsibility.',
  },
  'no-free-places': {
    de: 'Das Angebot hat derzeit keine freien Plätze.',
    en: 'The offer has no free places at the moment.',
  },
  'offer-not-valid': {
    de: 'Das Angebot gilt an diesem Tag nicht.',
    en: 'The offer is not valid on this day.',
  },
  'contains-personal-data': {
    de: 'Der Text enthält den Namen oder das Geburtsdatum der Klient:in. Meldungen an die Planungsebene sind anonym.',
    en: 'The text contains the client’s name or birth date. Reports to the planning level are anonymous.',
  },
  'age-range': {
    de: 'Das Mindestalter liegt über dem Höchstalter.',
    en: 'The minimum age is above the maximum age.',
  },
  'exceeds-capacity': {
    de: 'Mehr freie Plätze als Plätze insgesamt.',
    en: 'More free places than places in total.',
  },
  'release-missing': {
    de: 'Keine passende gültige Schweigepflichtentbindung für „{recipient}“.',
    en: 'No matching valid release from confidentiality for “{recipient}”.',
  },
  'language-code': {
    de: 'Kein Sprachcode nach ISO 639-1 (zwei Kleinbuchstaben, z. B. de, ar, uk).',
    en: 'Not an ISO 639-1 language code (two lower-case letters, e.g. de, ar, uk).',
  },
  'client-required': {
    de: 'Zur Entwicklungskonferenz gehört die Klient:in.',
    en: 'A development conference is held with the client.',
  },
  'document-attached': {
    de: 'Die Vereinbarung hat ein Dokument; eine mündliche Vereinbarung hat keines. Bitte entfernen Sie zuerst das Dokument.',
    en: 'The agreement has a document; an oral agreement has none. Please remove the document first.',
  },
  'not-asked': {
    de: 'Die Zufriedenheit wurde nicht erfragt; bitte keinen Wert angeben.',
    en: 'Satisfaction was not asked; please give no value.',
  },
  'not-offered': {
    de: 'Ein Nachgespräch kann nur vereinbart werden, wenn es angeboten wurde.',
    en: 'A follow-up talk can only be agreed when it was offered.',
  },
  'set-by-retention': {
    de: 'Diesen Grund setzt nur die Aufbewahrungsprüfung (neun Monate ohne Kontakt).',
    en: 'Only the retention check sets this reason (nine months without contact).',
  },
  unchanged: { de: 'Der Fall hat diese Art bereits.', en: 'The case is of this kind already.' },
  'goals-unrated': {
    de: '{count} Ziel(e) des Plans ohne abschließende Zielerreichung.',
    en: '{count} goal(s) of the plan without a final attainment.',
  },
  'open-follow-ups': {
    de: '{count} offene Wiedervorlage(n) des Falls bleiben in der Liste.',
    en: '{count} open follow-up(s) of the case stay in the list.',
  },
  'not-in-list': {
    de: 'Kein Eintrag der Liste Ihrer Organisation.',
    en: 'Not an entry of your organisation’s list.',
  },
  'wrong-code': {
    de: 'Der Code ist falsch, abgelaufen oder wurde schon verwendet.',
    en: 'The code is wrong, expired or was used already.',
  },
  'password-or-code': {
    de: 'Bitte das Passwort oder einen aktuellen Code angeben.',
    en: 'Please give the password or a current code.',
  },
  'own-second-factor-first': {
    de: 'Richten Sie zuerst selbst einen zweiten Faktor ein.',
    en: 'Set up a second factor for yourself first.',
  },
  'period-too-long': {
    de: 'Der Zeitraum ist länger als {limit} Jahre.',
    en: 'The period is longer than {limit} years.',
  },
};

export function fieldMessage(code: string, locale: Locale, params: Record<string, unknown> = {}): string {
  const template = FIELD_MESSAGES[code]?.[locale] ?? FIELD_MESSAGES.pattern?.[locale] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}

export function fieldError(
  pointer: string,
  code: string,
  locale: Locale,
  params?: Record<string, unknown>,
): FieldError {
  return { pointer, code, message: fieldMessage(code, locale, params), ...(params ? { params } : {}) };
}

export function localeOf(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'de';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'de';
}
