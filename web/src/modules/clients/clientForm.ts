import {
  GENDERS,
  isOneOf,
  LANGUAGE_LEVELS,
  LEGAL_DOMAINS,
  RELATIONS,
  RESIDENCE_STATUSES,
  type ClientInput,
  type ClientView,
  type FieldProblem,
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
