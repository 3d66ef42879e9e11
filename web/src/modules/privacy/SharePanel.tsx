import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import {
  DATA_CATEGORIES,
  isOneOf,
  PURPOSES,
  RECIPIENT_KINDS,
  type CaseView,
  type DataCategory,
  type Disclosure,
  type DisclosureRefusal,
  type FieldProblem,
  type Problem,
  type Purpose,
  type RecipientKind,
  type ShareResult,
} from '../../api/types';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxGroup, RadioGroup, SelectField, TextField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { PRIVACY_SECTION_ID, usePrivacyLabels, type ReleasePrefill } from '../consent/labels';
import { DataView } from './DataView';

/** Datenschutz in the case file: disclosing data to someone outside the case team, and the disclosure log. */
export function SharePanel({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const log = useResource(`disclosures:${view.id}`, () =>
    call(api.GET('/api/cases/{id}/disclosures', { params: { path: { id: view.id } } })),
  );
  const mayShare = view.permissions.write && !view.anonymised;
  return (
    <>
      <h2>{t('share.heading')}</h2>
      <p>{t('share.intro')}</p>
      {mayShare ? <ShareForm view={view} onShared={log.reload} /> : <p>{t('share.noAccess')}</p>}
      <section aria-labelledby="disclosure-log">
        <h2 id="disclosure-log">{t('share.logHeading')}</h2>
        <p>{t('share.logIntro')}</p>
        {log.result && !log.result.ok ? (
          <ProblemAlert problem={log.result.problem} onRetry={log.reload} />
        ) : null}
        {log.data ? (
          <DisclosureTable rows={log.data.items} caption={t('share.logCaption')} busy={log.loading} />
        ) : log.loading ? (
          <p role="status">{t('app.loading')}</p>
        ) : null}
      </section>
    </>
  );
}

export function DisclosureTable({
  rows,
  caption,
  busy = false,
  caseColumn,
  empty,
}: {
  rows: readonly Disclosure[];
  caption: string;
  busy?: boolean;
  empty?: string;
  caseColumn?: Column<Disclosure>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = usePrivacyLabels();
  const columns: Column<Disclosure>[] = [
    {
      key: 'disclosedAt',
      header: t('share.disclosedAt'),
      rowHeader: true,
      cell: (d) => <time dateTime={d.disclosedAt}>{format.dateTime(d.disclosedAt)}</time>,
    },
    ...(caseColumn ? [caseColumn] : []),
    {
      key: 'recipient',
      header: t('share.recipient'),
      cell: (d) => (
        <span dir="auto">
          {d.recipient.name} ({labels.recipientKind(d.recipient.kind)})
        </span>
      ),
    },
    { key: 'purpose', header: t('disclosures.purpose'), cell: (d) => labels.purpose(d.purpose) },
    { key: 'categories', header: t('disclosures.categories'), cell: (d) => labels.categories(d.categories) },
    {
      key: 'basis',
      header: t('share.basis'),
      cell: (d) =>
        d.basis === 'release' || d.basis === 'data_subject_access' ? t(`share.bases.${d.basis}`) : d.basis,
    },
    { key: 'by', header: t('share.disclosedBy'), cell: (d) => d.disclosedBy.displayName },
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={rows}
      rowKey={(d) => d.id}
      empty={empty ?? t('share.logEmpty')}
      busy={busy}
    />
  );
}

function ShareForm({ view, onShared }: { view: CaseView; onShared: () => void }) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [recipientKind, setRecipientKind] = useState<RecipientKind>('organisation');
  const [recipientName, setRecipientName] = useState('');
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  const [categories, setCategories] = useState<DataCategory[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [shared, setShared] = useState<ShareResult | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const refusal = problem?.code === 'disclosure-refused' ? (problem.refusal ?? null) : null;
  const errors = text.fieldErrors(problem);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setShared(null);
    const checks: FieldProblem[] = [];
    if (recipientName.trim().length < 2) {
      checks.push({ pointer: '/recipient/name', code: 'required', message: '' });
    }
    if (purpose === '') checks.push({ pointer: '/purpose', code: 'required', message: '' });
    if (categories.length === 0) {
      checks.push({ pointer: '/categories', code: 'minItems', message: '', params: { limit: 1 } });
    }
    if (checks.length > 0 || purpose === '') {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/cases/{id}/share', {
        params: { path: { id: view.id } },
        body: { recipient: { kind: recipientKind, name: recipientName.trim() }, purpose, categories },
      }),
    );
    setSubmitting(false);
    if (result.ok) {
      setProblem(null);
      setShared(result.data);
      onShared();
    } else setProblem(result.problem);
  }

  const prefill: ReleasePrefill | null =
    purpose === '' ? null : { recipientKind, recipientName: recipientName.trim(), purpose, categories };

  return (
    <>
      <form
        className="form"
        noValidate
        aria-labelledby="share-heading"
        onSubmit={(event) => void submit(event)}
      >
        <h3 id="share-heading" className="visually-hidden">
          {t('share.heading')}
        </h3>
        {refusal ? (
          <RefusalNotice refusal={refusal} purpose={purpose} clientId={view.client.id} prefill={prefill} />
        ) : (
          <ErrorSummary
            problem={problem}
            fields={{
              'recipient.kind': { id: 'share-recipient-kind', label: t('privacy.recipientKind') },
              'recipient.name': { id: 'share-recipient-name', label: t('privacy.recipientName') },
              purpose: { id: 'share-purpose', label: t('privacy.purpose') },
              categories: { id: 'share-categories', label: t('privacy.categoriesField') },
            }}
          />
        )}
        <RadioGroup
          id="share-recipient-kind"
          legend={t('privacy.recipientKind')}
          options={RECIPIENT_KINDS.map((kind) => ({
            value: kind,
            label: t(`privacy.recipientKinds.${kind}`),
          }))}
          value={recipientKind}
          onValueChange={(kind) => setRecipientKind(kind === 'person' ? 'person' : 'organisation')}
        />
        <TextField
          id="share-recipient-name"
          label={t('privacy.recipientName')}
          dir="auto"
          autoComplete="off"
          maxLength={200}
          value={recipientName}
          onValueChange={setRecipientName}
          error={errors['recipient.name']}
        />
        <SelectField
          id="share-purpose"
          label={t('privacy.purpose')}
          value={purpose}
          options={[
            { value: '', label: t('responsibility.choose') },
            ...PURPOSES.map((p) => ({ value: p, label: t(`privacy.purposes.${p}`) })),
          ]}
          onValueChange={(p) => setPurpose(isOneOf(PURPOSES, p) ? p : '')}
          error={errors.purpose}
        />
        <CheckboxGroup
          id="share-categories"
          legend={t('privacy.categoriesField')}
          options={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`privacy.categories.${c}`) }))}
          values={categories}
          onValuesChange={(values) =>
            setCategories(values.filter((c): c is DataCategory => isOneOf(DATA_CATEGORIES, c)))
          }
          error={errors.categories}
        />
        <Button type="submit" busy={submitting}>
          {t('share.submit')}
        </Button>
      </form>
      {shared ? <SharedSummary shared={shared} /> : null}
    </>
  );
}

/** Says exactly why the release does not cover the disclosure and offers to record one. */
function RefusalNotice({
  refusal,
  purpose,
  clientId,
  prefill,
}: {
  refusal: DisclosureRefusal;
  purpose: Purpose | '';
  clientId: string;
  prefill: ReleasePrefill | null;
}) {
  const { t } = useTranslation();
  const labels = usePrivacyLabels();
  const recipient = refusal.recipient;
  const reason =
    refusal.reason === 'no-release'
      ? t('share.refusedNoRelease', { recipient })
      : refusal.reason === 'expired'
        ? t('share.refusedExpired', { recipient })
        : refusal.reason === 'revoked'
          ? t('share.refusedRevoked', { recipient })
          : refusal.reason === 'purpose'
            ? t('share.refusedPurpose', { recipient, purpose: labels.purpose(purpose) })
            : refusal.reason === 'categories'
              ? t('share.refusedCategories', { categories: labels.categories(refusal.missingCategories) })
              : t('share.refusedOther');
  return (
    <Alert kind="error">
      <h3>{t('share.refusedHeading')}</h3>
      <p>{reason}</p>
      {refusal.reason === 'no-release' && refusal.missingCategories.length > 0 ? (
        <p>{t('share.refusedCategories', { categories: labels.categories(refusal.missingCategories) })}</p>
      ) : null}
      <Link
        to={`/clients/${encodeURIComponent(clientId)}#${PRIVACY_SECTION_ID}`}
        state={prefill ? { releasePrefill: prefill } : null}
        className="button button--secondary"
      >
        {t('share.recordRelease')}
      </Link>
    </Alert>
  );
}

function SharedSummary({ shared }: { shared: ShareResult }) {
  const { t } = useTranslation();
  const labels = usePrivacyLabels();
  return (
    <section className="alert alert--success print-section" aria-labelledby="share-result">
      <h3 id="share-result">{t('share.sharedHeading', { recipient: shared.recipient.name })}</h3>
      <p role="status">{t('share.sharedLogged')}</p>
      <p>
        {labels.purpose(shared.purpose)}; {labels.categories(shared.categories)}
      </p>
      <h4>{t('share.summaryCaption')}</h4>
      <DataView value={shared.data} />
      <Button variant="secondary" className="no-print" onClick={() => window.print()}>
        {t('share.sharedPrint')}
      </Button>
    </section>
  );
}
