import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { DuplicateHint, FieldProblem, Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { today } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { ClientFields, useClientFieldRefs } from './ClientFields';
import {
  checkClientValues,
  checkConsentValues,
  clientPayload,
  consentPayload,
  emptyClientValues,
  emptyConsentValues,
  fieldsNeedingConsent,
  remapGuardianIndex,
  withoutBlankRows,
} from './clientForm';
import { ConsentFields, useConsentFieldRefs } from './ConsentFields';
import { DuplicateDialog } from './DuplicateDialog';

/** Navigation state after registering; carries no personal data (history entries keep their state). */
export interface ClientCreatedState {
  created: true;
}

export function isClientCreatedState(state: unknown): state is ClientCreatedState {
  return typeof state === 'object' && state !== null && 'created' in state && state.created === true;
}

export function ClientCreatePage() {
  const { t } = useTranslation();
  const text = useProblemText();
  const navigate = useNavigate();
  const districts = useResource('districts', () => call(api.GET('/api/districts')));
  const [values, setValues] = useState(emptyClientValues);
  const [consent, setConsent] = useState(() => emptyConsentValues(today()));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateHint[] | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const refs = { ...useClientFieldRefs('client', values), ...useConsentFieldRefs('consent') };

  async function register(confirmNotDuplicate: boolean) {
    if (submitting) return;
    const cleaned = withoutBlankRows(values);
    const cleanedConsent = remapGuardianIndex(consent, values);
    setValues(cleaned);
    setConsent(cleanedConsent);
    const day = today();
    const payload = clientPayload(cleaned);
    const checks: FieldProblem[] = [
      ...checkClientValues(cleaned, new Date().getFullYear()),
      ...checkConsentValues(cleanedConsent, cleaned, day),
    ];
    // Without a consent only the minimal master data may be stored: say which fields would need one.
    if (cleanedConsent.given === 'no') {
      for (const pointer of fieldsNeedingConsent(payload)) {
        checks.push({ pointer, code: 'consent-required', message: '' });
      }
    }
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/clients', {
        body: { ...payload, consent: consentPayload(cleanedConsent, cleaned), confirmNotDuplicate },
      }),
    );
    setSubmitting(false);
    if (result.ok) {
      const state: ClientCreatedState = { created: true };
      void navigate(`/clients/${encodeURIComponent(result.data.id)}`, { state });
      return;
    }
    if (result.problem.code === 'possible-duplicate') {
      setProblem(null);
      setDuplicates(result.problem.duplicates ?? []);
      return;
    }
    setDuplicates(null);
    setProblem(result.problem);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void register(false);
  }

  return (
    <Page title={t('clients.newTitle')}>
      <p>
        <Link to="/clients">{t('common.backToList')}</Link>
      </p>
      <p>{t('clients.intro')}</p>
      <form className="form" noValidate onSubmit={submit}>
        <ErrorSummary problem={problem} fields={refs} />
        <ClientFields
          prefix="client"
          values={values}
          onChange={setValues}
          errors={text.fieldErrors(problem)}
          districts={districts.data?.items ?? []}
        />
        <ConsentFields
          prefix="consent"
          consent={consent}
          client={values}
          onChange={setConsent}
          errors={text.fieldErrors(problem)}
        />
        <Button type="submit" busy={submitting}>
          {submitting ? t('common.saving') : t('clients.submitCreate')}
        </Button>
      </form>
      <DuplicateDialog
        duplicates={duplicates}
        busy={submitting}
        onConfirm={() => {
          void register(true).then(() => setDuplicates(null));
        }}
        onCancel={() => setDuplicates(null)}
      />
    </Page>
  );
}
