import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { ClientView, ListEntry, Problem, ProcessingBasis } from '../../api/types';
import { useCaseLabels } from '../cases/labels';
import { ConsentSection } from '../consent/ConsentSection';
import { PRIVACY_SECTION_ID, usePrivacyLabels } from '../consent/labels';
import { Alert, ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { isClientCreatedState } from './ClientCreatePage';
import { ClientFields, useClientFieldRefs } from './ClientFields';
import {
  checkClientValues,
  clientPayload,
  clientValuesOf,
  fieldsNeedingConsent,
  withoutBlankRows,
} from './clientForm';

type ClientCase = ClientView['cases'][number];

function isClientView(value: unknown): value is ClientView {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    'version' in value &&
    'familyName' in value &&
    'relatedPersons' in value
  );
}

/** Newer of two copies of the same client, by version. */
function newer(a: ClientView | null, b: ClientView | null): ClientView | null {
  if (a === null) return b;
  if (b === null || b.id !== a.id) return a;
  return b.version > a.version ? b : a;
}

export function ClientPage() {
  const { t } = useTranslation();
  const { clientId = '' } = useParams();
  const location = useLocation();
  const loaded = useResource(clientId, () =>
    call(api.GET('/api/clients/{id}', { params: { path: { id: clientId } } })),
  );
  const districts = useResource('districts', () => call(api.GET('/api/districts')));
  const [known, setKnown] = useState<ClientView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const fromServer = loaded.data?.id === clientId ? loaded.data : null;
  const client = newer(fromServer, known?.id === clientId ? known : null);
  const created = isClientCreatedState(location.state);
  const name = client ? `${client.familyName}, ${client.givenNames}` : '';

  // The client's current district stays selectable even when it has been archived since.
  const districtOptions: ListEntry[] = [...(districts.data?.items ?? [])];
  if (client?.district && !districtOptions.some((d) => d.id === client.district?.id)) {
    districtOptions.push({
      id: client.district.id,
      label: client.district.name,
      sortOrder: 0,
      archived: true,
      version: 0,
    });
  }

  return (
    <Page
      title={t('clients.editTitle')}
      heading={
        client ? (
          <>
            {t('clients.editTitle')}: <span dir="auto">{name}</span>
          </>
        ) : undefined
      }
    >
      <p>
        <Link to="/clients">{t('common.backToList')}</Link>
      </p>
      <StatusRegion message={message} />
      {loaded.result && !loaded.result.ok ? (
        loaded.result.problem.code === 'break-glass-required' ? (
          <Alert kind="info">
            <p>{t('clients.breakGlass')}</p>
          </Alert>
        ) : (
          <ProblemAlert problem={loaded.result.problem} onRetry={loaded.reload} />
        )
      ) : null}
      {client === null ? (
        loaded.loading ? (
          <p role="status">{t('app.loading')}</p>
        ) : null
      ) : (
        <>
          {created && client.cases.length === 0 ? (
            <Alert kind="success">
              <p>{t('clients.created', { name })}</p>
              <p>{t('clients.openCaseHint', { name })}</p>
              <Link
                to={`/cases/new?clientId=${encodeURIComponent(client.id)}`}
                className="button button--primary"
              >
                {t('clients.openCase')}
              </Link>
            </Alert>
          ) : null}
          {client.anonymised ? <Alert kind="info">{t('clients.anonymised')}</Alert> : null}
          {!client.anonymised ? <ProcessingNotice processing={client.processing} /> : null}
          <ClientCases client={client} offerOpenCase={!(created && client.cases.length === 0)} />
          <ConsentSection client={client} onChanged={loaded.reload} />
          <section aria-labelledby="client-data">
            <h2 id="client-data">{t('clients.dataHeading')}</h2>
            <ClientEditForm
              key={`${client.id}:${client.version}`}
              client={client}
              districts={districtOptions}
              onSaved={(saved) => {
                setKnown(saved);
                setMessage(t('clients.saved'));
              }}
              onUseCurrent={(current) => {
                setMessage(null);
                if (current) setKnown(current);
                else loaded.reload();
              }}
            />
          </section>
        </>
      )}
    </Page>
  );
}

/** The client's cases; offers "Fall eröffnen" unless the page already does (right after registering). */
function ClientCases({ client, offerOpenCase }: { client: ClientView; offerOpenCase: boolean }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const columns: Column<ClientCase>[] = [
    {
      key: 'number',
      header: t('clients.caseNumber'),
      rowHeader: true,
      cell: (c) => <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.caseNumber}</Link>,
    },
    { key: 'kind', header: t('clients.kind'), cell: (c) => labels.kind(c.kind) },
    { key: 'phase', header: t('clients.phase'), cell: (c) => labels.phase(c.phase) },
    { key: 'responsible', header: t('clients.responsible'), cell: (c) => c.responsible.displayName },
  ];
  return (
    <section aria-labelledby="client-cases">
      <h2 id="client-cases">{t('clients.casesHeading')}</h2>
      {client.cases.length === 0 ? (
        <p>{t('clients.noCases')}</p>
      ) : (
        <DataTable
          caption={t('clients.casesCaption')}
          columns={columns}
          rows={client.cases}
          rowKey={(c) => c.id}
          empty={t('clients.noCases')}
        />
      )}
      {client.anonymised || !offerOpenCase ? null : (
        <p>
          <Link
            to={`/cases/new?clientId=${encodeURIComponent(client.id)}`}
            className="button button--secondary"
          >
            {t('clients.openCase')}
          </Link>
        </p>
      )}
    </section>
  );
}

interface ClientEditFormProps {
  client: ClientView;
  districts: readonly ListEntry[];
  onSaved: (client: ClientView) => void;
  onUseCurrent: (current: ClientView | null) => void;
}

function ClientEditForm({ client, districts, onSaved, onUseCurrent }: ClientEditFormProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [values, setValues] = useState(() => clientValuesOf(client));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const refs = useClientFieldRefs('client-edit', values);
  const conflict = problem?.code === 'version-conflict' ? problem : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const cleaned = withoutBlankRows(values);
    setValues(cleaned);
    const payload = clientPayload(cleaned);
    const checks = checkClientValues(cleaned, new Date().getFullYear());
    // Without a consent or another legal basis only the minimal master data may be stored.
    if (!client.processing.allowed) {
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
      api.PUT('/api/clients/{id}', {
        params: { path: { id: client.id } },
        body: { ...payload, version: client.version },
      }),
    );
    setSubmitting(false);
    if (result.ok) onSaved(result.data);
    else setProblem(result.problem);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {conflict ? (
        <ConflictNotice
          current={isClientView(conflict.current) ? conflict.current : null}
          onUseCurrent={onUseCurrent}
        />
      ) : (
        <ErrorSummary problem={problem} fields={refs} />
      )}
      <ClientFields
        prefix="client-edit"
        values={values}
        onChange={setValues}
        errors={text.fieldErrors(problem)}
        districts={districts}
        healthNotesHidden={client.healthNotesHidden}
      />
      {/* Saving replaces all master data: hidden health notes would be lost, so only the case team saves. */}
      <Button type="submit" busy={submitting} disabled={client.anonymised || client.healthNotesHidden}>
        {submitting ? t('common.saving') : t('common.save')}
      </Button>
    </form>
  );
}

function ConflictNotice({
  current,
  onUseCurrent,
}: {
  current: ClientView | null;
  onUseCurrent: (current: ClientView | null) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1}>
      <h2 className="error-summary__title">{t('clients.conflictHeading')}</h2>
      <p>{t('clients.conflictText')}</p>
      <p className="field__hint">{t('clients.conflictHint')}</p>
      <Button variant="secondary" onClick={() => onUseCurrent(current)}>
        {t('clients.conflictReload')}
      </Button>
    </div>
  );
}

/** What the client's consents allow: shown when something is missing. */
export function ProcessingNotice({ processing }: { processing: ProcessingBasis }) {
  const { t } = useTranslation();
  const labels = usePrivacyLabels();
  if (processing.missing.length === 0 && processing.legalBasis === null) return null;
  return (
    <Alert kind="info">
      {processing.missing.includes('data_processing') ? <p>{t('clients.processingMissing')}</p> : null}
      {processing.missing.includes('case_management') ? <p>{t('clients.processingCmMissing')}</p> : null}
      {processing.legalBasis ? (
        <p>{t('clients.processingLegalBasis', { basis: labels.legalBasis(processing.legalBasis) })}</p>
      ) : null}
      {processing.missing.length > 0 ? (
        <p>
          <a href={`#${PRIVACY_SECTION_ID}`}>{t('privacy.missingLink')}</a>
        </p>
      ) : null}
    </Alert>
  );
}
