import {
  ACCESS_ROUTES,
  CONTRACT_FORMS,
  INDICATION_DECISIONS,
  isOneOf,
  type AccessRoute,
  type ContractForm,
  type FieldProblem,
  type IndicationDecision,
  type Intake,
  type IntakeInput,
} from '../../api/types';

export interface MandateValues {
  body: string;
  text: string;
  /** 'yes' / 'no', or '' for "not known". */
  sanctionRisk: 'yes' | 'no' | '';
  sessions: string;
  feedbackChannel: string;
  feedbackInterval: string;
  voluntarySince: string;
}

/** The intake (Klärungsphase) as the form holds it. */
export interface IntakeValues {
  accessRoute: AccessRoute | '';
  referralAgency: string;
  referralPerson: string;
  indicationCriteria: string[];
  indicationDecision: IndicationDecision | '';
  indicationReason: string;
  referredTo: string;
  contractForm: ContractForm | '';
  contractOn: string;
  contractBy: string;
  mandate: MandateValues;
}

export function emptyMandate(): MandateValues {
  return {
    body: '',
    text: '',
    sanctionRisk: '',
    sessions: '',
    feedbackChannel: '',
    feedbackInterval: '',
    voluntarySince: '',
  };
}

export function emptyIntakeValues(): IntakeValues {
  return {
    accessRoute: '',
    referralAgency: '',
    referralPerson: '',
    indicationCriteria: [],
    indicationDecision: '',
    indicationReason: '',
    referredTo: '',
    contractForm: '',
    contractOn: '',
    contractBy: '',
    mandate: emptyMandate(),
  };
}

export function intakeValuesOf(intake: Intake): IntakeValues {
  const mandate = intake.mandate;
  return {
    accessRoute: intake.accessRoute,
    referralAgency: intake.referralAgency ?? '',
    referralPerson: intake.referralPerson ?? '',
    indicationCriteria: [...intake.indicationCriteria],
    indicationDecision: intake.indicationDecision ?? '',
    indicationReason: intake.indicationReason ?? '',
    referredTo: intake.referredTo ?? '',
    contractForm: intake.contractForm ?? '',
    contractOn: intake.contractOn ?? '',
    contractBy: intake.contractBy ?? '',
    mandate: mandate
      ? {
          body: mandate.body,
          text: mandate.text ?? '',
          sanctionRisk: mandate.sanctionRisk === true ? 'yes' : mandate.sanctionRisk === false ? 'no' : '',
          sessions:
            mandate.sessions === null || mandate.sessions === undefined ? '' : String(mandate.sessions),
          feedbackChannel: mandate.feedbackChannel ?? '',
          feedbackInterval: mandate.feedbackInterval ?? '',
          voluntarySince: mandate.voluntarySince ?? '',
        }
      : emptyMandate(),
  };
}

function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function wholeNumber(value: string): number | null {
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The intake for the API. Fields that belong to an option not chosen (the referring agency without a
 * referral, the mandate without a mandated referral, the contract date without a contract) are not sent,
 * so switching an option back does not leave hidden data behind.
 */
export function intakePayload(values: IntakeValues): IntakeInput {
  const referral = values.accessRoute === 'agency_referral';
  const mandated = values.accessRoute === 'mandated';
  const contract = values.contractForm !== '';
  const m = values.mandate;
  return {
    accessRoute: isOneOf(ACCESS_ROUTES, values.accessRoute) ? values.accessRoute : 'self',
    referralAgency: referral ? text(values.referralAgency) : null,
    referralPerson: referral ? text(values.referralPerson) : null,
    indicationCriteria: [...new Set(values.indicationCriteria)],
    indicationDecision: isOneOf(INDICATION_DECISIONS, values.indicationDecision)
      ? values.indicationDecision
      : null,
    indicationReason: text(values.indicationReason),
    referredTo: values.indicationDecision === 'referred_elsewhere' ? text(values.referredTo) : null,
    contractForm: isOneOf(CONTRACT_FORMS, values.contractForm) ? values.contractForm : null,
    contractOn: contract ? text(values.contractOn) : null,
    contractBy: contract ? text(values.contractBy) : null,
    mandate: mandated
      ? {
          body: m.body.trim(),
          text: text(m.text),
          sanctionRisk: m.sanctionRisk === 'yes' ? true : m.sanctionRisk === 'no' ? false : null,
          sessions: wholeNumber(m.sessions),
          feedbackChannel: text(m.feedbackChannel),
          feedbackInterval: text(m.feedbackInterval),
          voluntarySince: text(m.voluntarySince),
        }
      : null,
  };
}

/** Checks before sending, with pointers as the server reports them (below `/intake`). */
export function checkIntakeValues(values: IntakeValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const required = (pointer: string) => problems.push({ pointer, code: 'required', message: '' });
  if (values.accessRoute === '') required('/intake/accessRoute');
  if (values.accessRoute === 'mandated') {
    if (values.mandate.body.trim() === '') required('/intake/mandate/body');
    if (values.mandate.sessions.trim() !== '' && wholeNumber(values.mandate.sessions) === null) {
      problems.push({ pointer: '/intake/mandate/sessions', code: 'wholeNumber', message: '' });
    }
  }
  if (values.indicationDecision === 'referred_elsewhere' && values.referredTo.trim() === '') {
    required('/intake/referredTo');
  }
  return problems;
}
