import {
  CONSENT_FORMS,
  CONSENT_LANGUAGES,
  GENDERS,
  isOneOf,
  LANGUAGE_LEVELS,
  LEGAL_DOMAINS,
  RELATIONS,
  RESIDENCE_STATUSES,
  type ClientInput,
  type ClientView,
  type ConsentForm,
  type ConsentLanguage,
  type FieldProblem,
  type InlineConsent,
  type Gender,
  type LanguageLevel,
  type LegalDomain,
  type Relation,
  type ResidenceStatus,
} from '../../api/types';

/** A related person as the form holds it: every field a string or flag, '' for "not chosen". */
export interface RelatedPersonValues {
  relation: Relation | '';
  name: string;
  isGuardian: boolean;
  phone: string;
  email: string;
  note: string;
}

export interface LanguageValues {
  code: string;
  level: LanguageLevel | '';
}

/** The master-data form's state. Strings as the inputs hold them; the payload is derived on submit. */
export interface ClientFormValues {
  familyName: string;
  givenNames: string;
  birthYearOnly: boolean;
  birthDate: string;
  birthYear: string;
  gender: Gender | '';
  nationalities: string[];
  countryOfOrigin: string;
  arrivalDate: string;
  languages: LanguageValues[];
  interpreterNeeded: boolean;
  residenceStatus: ResidenceStatus | '';
  residenceValidUntil: string;
  legalDomain: LegalDomain | '';
  street: string;
  postalCode: string;
  city: string;
  districtId: string;
  phone: string;
  email: string;
  relatedPersons: RelatedPersonValues[];
  /** Special category (Art. 9 GDPR): the server stores it encrypted and shows it to the case team only. */
  healthNotes: string;
}

export const EARLIEST_BIRTH_YEAR = 1900;

export function emptyClientValues(): ClientFormValues {
  return {
    familyName: '',
    givenNames: '',
    birthYearOnly: false,
    birthDate: '',
    birthYear: '',
    gender: '',
    nationalities: [],
    countryOfOrigin: '',
    arrivalDate: '',
    languages: [],
    interpreterNeeded: false,
    residenceStatus: '',
    residenceValidUntil: '',
    legalDomain: '',
    street: '',
    postalCode: '',
    city: '',
    districtId: '',
    phone: '',
    email: '',
    relatedPersons: [],
    healthNotes: '',
  };
}

export function emptyRelatedPerson(): RelatedPersonValues {
  return { relation: '', name: '', isGuardian: false, phone: '', email: '', note: '' };
}

export function clientValuesOf(client: ClientView): ClientFormValues {
  return {
    familyName: client.familyName,
    givenNames: client.givenNames,
    birthYearOnly: client.birthDate === null && client.birthYear !== null,
    birthDate: client.birthDate ?? '',
    birthYear: client.birthYear === null ? '' : String(client.birthYear),
    gender: client.gender,
    nationalities: [...client.nationalities],
    countryOfOrigin: client.countryOfOrigin ?? '',
    arrivalDate: client.arrivalDate ?? '',
    languages: client.languages.map((l) => ({
      code: l.code,
      level: isOneOf(LANGUAGE_LEVELS, l.level) ? l.level : '',
    })),
    interpreterNeeded: client.interpreterNeeded,
    residenceStatus: client.residenceStatus ?? '',
    residenceValidUntil: client.residenceValidUntil ?? '',
    legalDomain: client.legalDomain ?? '',
    street: client.street ?? '',
    postalCode: client.postalCode ?? '',
    city: client.city ?? '',
    districtId: client.district?.id ?? '',
    phone: client.phone ?? '',
    email: client.email ?? '',
    relatedPersons: client.relatedPersons.map((p) => ({
      relation: p.relation,
      name: p.name,
      isGuardian: p.isGuardian,
      phone: p.phone ?? '',
      email: p.email ?? '',
      note: p.note ?? '',
    })),
    healthNotes: client.healthNotes ?? '',
  };
}

/** Trimmed text, or null for an empty field: the API's "no value". */
function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The request body for register and replace. Rows the user added but left empty are dropped; with "only the
 * birth year is known" the birth date is not sent, otherwise the year is not.
 */
export function clientPayload(values: ClientFormValues): ClientInput {
  const year = Number.parseInt(values.birthYear, 10);
  const gender = isOneOf(GENDERS, values.gender) ? values.gender : 'not_stated';
  return {
    familyName: values.familyName.trim(),
    givenNames: values.givenNames.trim(),
    birthDate: values.birthYearOnly ? null : text(values.birthDate),
    birthYear: values.birthYearOnly && Number.isInteger(year) ? year : null,
    gender,
    nationalities: [...new Set(values.nationalities.filter((code) => code !== ''))],
    countryOfOrigin: text(values.countryOfOrigin),
    arrivalDate: text(values.arrivalDate),
    languages: values.languages
      .filter((l) => l.code !== '' || l.level !== '')
      .map((l) => ({ code: l.code, level: l.level === '' ? 'none' : l.level })),
    interpreterNeeded: values.interpreterNeeded,
    residenceStatus: isOneOf(RESIDENCE_STATUSES, values.residenceStatus) ? values.residenceStatus : null,
    residenceValidUntil: values.residenceStatus === '' ? null : text(values.residenceValidUntil),
    legalDomain: isOneOf(LEGAL_DOMAINS, values.legalDomain) ? values.legalDomain : null,
    street: text(values.street),
    postalCode: text(values.postalCode),
    city: text(values.city),
    districtId: text(values.districtId),
    phone: text(values.phone),
    email: text(values.email),
    relatedPersons: values.relatedPersons
      .filter((p) => !isBlankRelatedPerson(p))
      .map((p) => ({
        relation: isOneOf(RELATIONS, p.relation) ? p.relation : 'other',
        name: p.name.trim(),
        isGuardian: p.isGuardian,
        phone: text(p.phone),
        email: text(p.email),
        note: text(p.note),
      })),
    healthNotes: text(values.healthNotes),
  };
}

/**
 * The values without rows the user added but left empty. The form applies this before checking and sending,
 * so the row numbers in error messages (from the form or the server) match the rows on screen.
 */
export function withoutBlankRows(values: ClientFormValues): ClientFormValues {
  return {
    ...values,
    nationalities: values.nationalities.filter((code) => code !== ''),
    languages: values.languages.filter((l) => l.code !== '' || l.level !== ''),
    relatedPersons: values.relatedPersons.filter((p) => !isBlankRelatedPerson(p)),
  };
}

function isBlankRelatedPerson(p: RelatedPersonValues): boolean {
  return (
    p.relation === '' &&
    !p.isGuardian &&
    [p.name, p.phone, p.email, p.note].every((value) => value.trim() === '')
  );
}

/** What the form checks before sending; the server checks the same and more (dates in the future, lists). */
export function checkClientValues(values: ClientFormValues, currentYear: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const required = (pointer: string) => problems.push({ pointer, code: 'required', message: '' });
  if (values.familyName.trim() === '') required('/familyName');
  if (values.givenNames.trim() === '') required('/givenNames');
  if (values.birthYearOnly) {
    const year = Number(values.birthYear.trim());
    if (values.birthYear.trim() === '') {
      problems.push({ pointer: '/birthYear', code: 'birth-needed', message: '' });
    } else if (!Number.isInteger(year) || year < EARLIEST_BIRTH_YEAR || year > currentYear) {
      problems.push({
        pointer: '/birthYear',
        code: 'year',
        message: '',
        params: { from: EARLIEST_BIRTH_YEAR, to: currentYear },
      });
    }
  } else if (values.birthDate === '') {
    problems.push({ pointer: '/birthDate', code: 'birth-needed', message: '' });
  }
  if (values.gender === '') required('/gender');
  values.languages.forEach((l, i) => {
    if (l.code === '' && l.level === '') return;
    if (l.code === '') required(`/languages/${i}/code`);
    if (l.level === '') required(`/languages/${i}/level`);
  });
  values.relatedPersons.forEach((p, i) => {
    if (isBlankRelatedPerson(p)) return;
    if (p.relation === '') required(`/relatedPersons/${i}/relation`);
    if (p.name.trim() === '') required(`/relatedPersons/${i}/name`);
  });
  return problems;
}

/**
 * Master data that may be stored without a consent to data processing (or another legal basis): who the
 * person is and how to reach them. Mirrors the server's rule, so the form can say what needs a consent.
 */
const MINIMAL_FIELDS = new Set([
  'familyName',
  'givenNames',
  'birthDate',
  'birthYear',
  'gender',
  'phone',
  'email',
]);

/** Pointers of the fields in the payload that need a consent: everything filled beyond the minimum. */
export function fieldsNeedingConsent(payload: ClientInput): string[] {
  return Object.entries(payload)
    .filter(([key, value]) => {
      if (
        MINIMAL_FIELDS.has(key) ||
        value === null ||
        value === undefined ||
        value === false ||
        value === ''
      ) {
        return false;
      }
      return !(Array.isArray(value) && value.length === 0);
    })
    .map(([key]) => `/${key}`);
}

/** The consent to data processing as the registration form holds it. */
export interface ConsentValues {
  /** Was the consent given at this first meeting? */
  given: 'yes' | 'no' | '';
  givenBy: 'client' | 'guardian';
  /** Index of the signing guardian in the form's related persons, as a string ('' when none chosen). */
  guardianIndex: string;
  form: ConsentForm | '';
  witness: string;
  givenOn: string;
  validUntil: string;
  language: ConsentLanguage;
}

export function emptyConsentValues(today: string): ConsentValues {
  return {
    given: '',
    givenBy: 'client',
    guardianIndex: '',
    form: '',
    witness: '',
    givenOn: today,
    validUntil: '',
    language: 'de',
  };
}

/** Age in whole years on a day, from ISO dates. */
function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * Under 16 the guardians consent. With only the birth year known the person may be younger than the year
 * difference says, so a difference of 16 still counts as under 16 (the server's rule).
 */
export function guardianMustConsent(values: ClientFormValues, onDay: string): boolean {
  if (!values.birthYearOnly && values.birthDate !== '') return ageOn(values.birthDate, onDay) < 16;
  const year = Number.parseInt(values.birthYear, 10);
  if (!values.birthYearOnly || !Number.isInteger(year)) return false;
  return Number(onDay.slice(0, 4)) - year <= 16;
}

/** Related persons who may sign for the client: those marked as having custody, by their index. */
export function guardianChoices(values: ClientFormValues): { index: number; name: string }[] {
  return values.relatedPersons
    .map((person, index) => ({ index, name: person.name.trim(), isGuardian: person.isGuardian }))
    .filter((p) => p.isGuardian)
    .map(({ index, name }) => ({ index, name }));
}

/** Checks of the consent part; pointers as the server reports them (below `/consent`). */
export function checkConsentValues(
  consent: ConsentValues,
  values: ClientFormValues,
  today: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (consent.given === '') problems.push({ pointer: '/consent/given', code: 'required', message: '' });
  if (consent.given !== 'yes') return problems;
  if (consent.form === '') problems.push({ pointer: '/consent/form', code: 'required', message: '' });
  if (consent.form === 'oral' && consent.witness.trim() === '') {
    problems.push({ pointer: '/consent/witness', code: 'required', message: '' });
  }
  if (consent.givenOn === '') problems.push({ pointer: '/consent/givenOn', code: 'required', message: '' });
  else if (consent.givenOn > today)
    problems.push({ pointer: '/consent/givenOn', code: 'in-future', message: '' });
  const onDay = consent.givenOn === '' ? today : consent.givenOn;
  if (consent.givenBy === 'client' && guardianMustConsent(values, onDay)) {
    problems.push({ pointer: '/consent/givenBy', code: 'guardian-required', message: '' });
  }
  if (consent.givenBy === 'guardian') {
    const index = Number.parseInt(consent.guardianIndex, 10);
    if (!guardianChoices(values).some((g) => g.index === index)) {
      problems.push({ pointer: '/consent/guardianIndex', code: 'guardian-required', message: '' });
    }
  }
  if (consent.validUntil !== '' && consent.givenOn !== '' && consent.validUntil < consent.givenOn) {
    problems.push({ pointer: '/consent/validUntil', code: 'date-order', message: '' });
  }
  return problems;
}

/**
 * The consent for the registration request, or null when none was given. The guardian's index is counted
 * among the related persons that are sent (rows left empty are not).
 */
export function consentPayload(consent: ConsentValues, values: ClientFormValues): InlineConsent | null {
  if (consent.given !== 'yes' || !isOneOf(CONSENT_FORMS, consent.form)) return null;
  const index = Number.parseInt(consent.guardianIndex, 10);
  const sentIndex =
    consent.givenBy === 'guardian' && Number.isInteger(index)
      ? values.relatedPersons.slice(0, index).filter((p) => !isBlankRelatedPerson(p)).length
      : null;
  return {
    givenBy: consent.givenBy,
    guardianIndex: sentIndex,
    form: consent.form,
    witness: consent.form === 'oral' ? text(consent.witness) : null,
    givenOn: consent.givenOn,
    validUntil: text(consent.validUntil),
    language: isOneOf(CONSENT_LANGUAGES, consent.language) ? consent.language : 'de',
  };
}

/** The consent with the guardian's index counted among the related persons that remain after cleaning. */
export function remapGuardianIndex(consent: ConsentValues, values: ClientFormValues): ConsentValues {
  const index = Number.parseInt(consent.guardianIndex, 10);
  if (!Number.isInteger(index)) return consent;
  const person = values.relatedPersons[index];
  if (person === undefined || isBlankRelatedPerson(person)) return { ...consent, guardianIndex: '' };
  const cleaned = values.relatedPersons.slice(0, index).filter((p) => !isBlankRelatedPerson(p)).length;
  return { ...consent, guardianIndex: String(cleaned) };
}
