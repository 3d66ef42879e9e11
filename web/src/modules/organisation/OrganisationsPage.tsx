import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { FieldProblem, Organisation, Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const organisations = useResource('organisations', () => call(api.GET('/api/organisations')));
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const columns: Column<Organisation>[] = [
    { key: 'name', header: t('organisations.name'), rowHeader: true, cell: (org) => org.name },
    { key: 'shortCode', header: t('organisations.shortCode'), cell: (org) => org.shortCode },
    { key: 'userCount', header: t('organisations.userCount'), cell: (org) => org.userCount },
    { key: 'createdAt', header: t('organisations.createdAt'), cell: (org) => format.date(org.createdAt) },
    {
      key: 'sharesAggregates',
      header: t('organisations.sharesAggregates'),
      cell: (org) => (org.sharesAggregates ? t('common.yes') : t('common.no')),
    },
    {
      key: 'coordinationOffice',
      header: t('organisations.coordinationOffice'),
      cell: (org) => (
        <CoordinationToggle
          organisation={org}
          onChanged={(changed) => {
            setMessage(
              t(changed.coordinationOffice ? 'organisations.officeNamed' : 'organisations.officeUnnamed', {
                name: changed.name,
              }),
            );
            organisations.reload();
          }}
          onProblem={setProblem}
        />
      ),
    },
  ];

  return (
    <Page title={t('organisations.title')}>
      <StatusRegion message={message} />
      {problem ? <ProblemAlert problem={problem} onRetry={organisations.reload} /> : null}
      {organisations.result && !organisations.result.ok ? (
        <ProblemAlert problem={organisations.result.problem} onRetry={organisations.reload} />
      ) : null}
      {organisations.data ? (
        <DataTable
          caption={t('organisations.caption')}
          columns={columns}
          rows={organisations.data.items}
          rowKey={(org) => org.id}
          empty={t('organisations.empty')}
          busy={organisations.loading}
        />
      ) : organisations.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}
      <section aria-labelledby="organisation-create">
        <h2 id="organisation-create">{t('organisations.createHeading')}</h2>
        <p>{t('organisations.createIntro')}</p>
        <CreateOrganisationForm
          onCreated={(organisation) => {
            setMessage(t('organisations.created', { name: organisation.name }));
            organisations.reload();
          }}
        />
      </section>
    </Page>
  );
}

/**
 * The coordination office (Koordinierende Stelle) reads the anonymous figures of every organisation that shares
 * them; the installation admin names it (one or none is usual, several are allowed).
 */
function CoordinationToggle({
  organisation,
  onChanged,
  onProblem,
}: {
  organisation: Organisation;
  onChanged: (organisation: Organisation) => void;
  onProblem: (problem: Problem | null) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  async function toggle() {
    setBusy(true);
    onProblem(null);
    const result = await call(
      api.PATCH('/api/organisations/{id}', {
        params: { path: { id: organisation.id } },
        body: { version: organisation.version, coordinationOffice: !organisation.coordinationOffice },
      }),
    );
    setBusy(false);
    if (result.ok) onChanged(result.data);
    else onProblem(result.problem);
  }
  return (
    <>
      {organisation.coordinationOffice ? t('common.yes') : t('common.no')}{' '}
      <Button variant="secondary" busy={busy} onClick={() => void toggle()}>
        {organisation.coordinationOffice ? t('organisations.unnameOffice') : t('organisations.nameOffice')}
        <span className="visually-hidden">: {organisation.name}</span>
      </Button>
    </>
  );
}

const EMPTY = {
  name: '',
  shortCode: '',
  firstOrgUnitName: '',
  'admin.username': '',
  'admin.displayName': '',
  'admin.initialPassword': '',
};
type Values = typeof EMPTY;

function CreateOrganisationForm({ onCreated }: { onCreated: (organisation: Organisation) => void }) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [values, setValues] = useState<Values>(EMPTY);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  // Keys are the problem pointers in dotted form, so server errors such as /admin/username land here.
  const fields: Record<keyof Values, { id: string; label: string }> = {
    name: { id: 'organisation-name', label: t('organisations.nameLabel') },
    shortCode: { id: 'organisation-short-code', label: t('organisations.shortCode') },
    firstOrgUnitName: { id: 'organisation-first-unit', label: t('organisations.firstOrgUnitName') },
    'admin.username': { id: 'organisation-admin-username', label: t('organisations.adminUsername') },
    'admin.displayName': {
      id: 'organisation-admin-display-name',
      label: t('organisations.adminDisplayName'),
    },
    'admin.initialPassword': { id: 'organisation-admin-password', label: t('organisations.adminPassword') },
  };
  // In the summary the admin's fields need their group's name: "Name" alone would be ambiguous there.
  const summaryFields = Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [
      key,
      key.startsWith('admin.')
        ? { ...field, label: t('organisations.adminSummary', { field: field.label }) }
        : field,
    ]),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const missing: FieldProblem[] = (Object.keys(EMPTY) as (keyof Values)[])
      .filter((key) => values[key].trim() === '')
      .map((key) => ({ pointer: `/${key.replace('.', '/')}`, code: 'required', message: '' }));
    if (missing.length > 0) {
      setProblem(clientValidationProblem(missing));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/organisations', {
        body: {
          name: values.name.trim(),
          shortCode: values.shortCode.trim(),
          firstOrgUnitName: values.firstOrgUnitName.trim(),
          admin: {
            username: values['admin.username'].trim(),
            displayName: values['admin.displayName'].trim(),
            initialPassword: values['admin.initialPassword'],
          },
        },
      }),
    );
    setSubmitting(false);
    if (!result.ok) {
      setProblem(
        result.problem.code === 'username-taken' && !result.problem.errors
          ? { ...result.problem, errors: [{ pointer: '/admin/username', code: 'taken', message: '' }] }
          : result.problem,
      );
      return;
    }
    setProblem(null);
    setValues(EMPTY);
    onCreated(result.data);
  }

  const field = (key: keyof Values, extra: { hint?: string; type?: string; autoComplete?: string } = {}) => (
    <TextField
      id={fields[key].id}
      label={fields[key].label}
      autoComplete="off"
      {...extra}
      value={values[key]}
      onValueChange={(value) => setValues({ ...values, [key]: value })}
      error={errors[key]}
    />
  );

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary problem={problem} fields={summaryFields} />
      {field('name')}
      {field('shortCode', { hint: t('organisations.shortCodeHint') })}
      {field('firstOrgUnitName')}
      <fieldset className="fieldset">
        <legend className="field__label">{t('organisations.adminLegend')}</legend>
        {field('admin.username')}
        {field('admin.displayName')}
        {field('admin.initialPassword', {
          type: 'password',
          autoComplete: 'new-password',
          hint: t('users.initialPasswordHint'),
        })}
      </fieldset>
      <Button type="submit" busy={submitting}>
        {submitting ? t('common.saving') : t('organisations.createSubmit')}
      </Button>
    </form>
  );
}
