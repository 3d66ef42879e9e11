import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { DuplicateHint, Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { ClientFields, useClientFieldRefs } from './ClientFields';
import { checkClientValues, clientPayload, emptyClientValues, withoutBlankRows } from './clientForm';
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
  const [problem, setProblem] = useState<Problem | null>(null);
  const [duplicates, setDuplicates] = useState<DuplicateHint[] | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const refs = useClientFieldRefs('client', values);

  async function register(confirmNotDuplicate: boolean) {
    if (submitting) return;
    const cleaned = withoutBlankRows(values);
    setValues(cleaned);
    const checks = checkClientValues(cleaned, new Date().getFullYear());
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/clients', { body: { ...clientPayload(cleaned), confirmNotDuplicate } }),
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
