import { describe, expect, it } from 'vitest';
import type { Intake } from '../../api/types';
import {
  checkIntakeValues,
  emptyIntakeValues,
  intakePayload,
  intakeValuesOf,
  type IntakeValues,
} from './intakeForm';

const values = (changes: Partial<IntakeValues>): IntakeValues => ({
  ...emptyIntakeValues(),
  accessRoute: 'self',
  ...changes,
});

describe('intakePayload', () => {
  it('sends the referring agency only with a referral', () => {
    const referral = intakePayload(
      values({ accessRoute: 'agency_referral', referralAgency: ' Jobcenter ', referralPerson: '' }),
    );
    expect(referral).toMatchObject({ referralAgency: 'Jobcenter', referralPerson: null, mandate: null });
    const self = intakePayload(values({ referralAgency: 'Jobcenter' }));
    expect(self.referralAgency).toBeNull();
  });

  it('sends the mandate only with a mandated referral, with numbers and yes/no converted', () => {
    const mandate = {
      body: 'Jobcenter Ulm',
      text: 'Teilnahme an 5 Beratungsterminen',
      sanctionRisk: 'yes' as const,
      sessions: '5',
      feedbackChannel: 'E-Mail',
      feedbackInterval: 'monatlich',
      voluntarySince: '',
    };
    expect(intakePayload(values({ accessRoute: 'mandated', mandate })).mandate).toEqual({
      body: 'Jobcenter Ulm',
      text: 'Teilnahme an 5 Beratungsterminen',
      sanctionRisk: true,
      sessions: 5,
      feedbackChannel: 'E-Mail',
      feedbackInterval: 'monatlich',
      voluntarySince: null,
    });
    expect(intakePayload(values({ mandate })).mandate).toBeNull();
  });

  it('keeps the contract date and person only with a contract form', () => {
    expect(intakePayload(values({ contractOn: '2026-01-05', contractBy: 'A. Demir' }))).toMatchObject({
      contractForm: null,
      contractOn: null,
      contractBy: null,
    });
    expect(
      intakePayload(values({ contractForm: 'oral', contractOn: '2026-01-05', contractBy: 'A. Demir' })),
    ).toMatchObject({ contractForm: 'oral', contractOn: '2026-01-05', contractBy: 'A. Demir' });
  });

  it('sends "referred to" only with that decision', () => {
    expect(intakePayload(values({ indicationDecision: 'cm_needed', referredTo: 'X' })).referredTo).toBeNull();
    expect(
      intakePayload(values({ indicationDecision: 'referred_elsewhere', referredTo: 'Schuldnerberatung' }))
        .referredTo,
    ).toBe('Schuldnerberatung');
  });

  it('round-trips a stored intake', () => {
    const intake: Intake = {
      accessRoute: 'mandated',
      referralAgency: null,
      referralPerson: null,
      indicationCriteria: ['k1', 'k2'],
      indicationDecision: 'cm_needed',
      indicationReason: 'mehrere Stellen beteiligt',
      referredTo: null,
      contractForm: 'written',
      contractOn: '2026-02-01',
      contractBy: 'A. Demir',
      mandate: { body: 'Amtsgericht', sanctionRisk: false, sessions: 3, voluntarySince: '2026-03-01' },
    };
    const payload = intakePayload(intakeValuesOf(intake));
    expect(payload).toEqual({
      ...intake,
      mandate: {
        body: 'Amtsgericht',
        text: null,
        sanctionRisk: false,
        sessions: 3,
        feedbackChannel: null,
        feedbackInterval: null,
        voluntarySince: '2026-03-01',
      },
    });
  });
});

describe('checkIntakeValues', () => {
  const codes = (v: IntakeValues) => checkIntakeValues(v).map((p) => `${p.pointer}:${p.code}`);

  it('asks for the access route', () => {
    expect(codes(emptyIntakeValues())).toEqual(['/intake/accessRoute:required']);
  });

  it('asks for the mandating body and a whole number of sessions', () => {
    const mandated = values({ accessRoute: 'mandated' });
    expect(codes(mandated)).toEqual(['/intake/mandate/body:required']);
    expect(codes({ ...mandated, mandate: { ...mandated.mandate, body: 'JC', sessions: '2,5' } })).toEqual([
      '/intake/mandate/sessions:wholeNumber',
    ]);
  });

  it('asks where the person was referred to', () => {
    expect(codes(values({ indicationDecision: 'referred_elsewhere' }))).toEqual([
      '/intake/referredTo:required',
    ]);
  });
});
