import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { OrgUnit, Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, TextArea, TextField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';

type Editing = { kind: 'edit'; unit: OrgUnit } | { kind: 'archive'; unit: OrgUnit } | null;

export function OrgUnitsPage() {
  const { t } = useTranslation();
  const [includeArchived, setIncludeArchived] = useState(false);
  const units = useResource(`archived=${includeArchived}`, () =>
    call(api.GET('/api/org-units', { params: { query: { includeArchived } } })),
  );
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [rowProblem, setRowProblem] = useState<Problem | null>(null);

  function done(note: string) {
    setEditing(null);
    setMessage(note);
    setRowProblem(null);
    units.reload();
  }

  async function restore(unit: OrgUnit) {
    setMessage(null);
    const result = await call(
      api.PATCH('/api/org-units/{id}', {
        params: { path: { id: unit.id } },
        body: { version: unit.version, archived: false },
      }),
    );
    if (result.ok) done(t('orgUnits.restored', { name: unit.name }));
    else setRowProblem(result.problem);
  }

  const columns: Column<OrgUnit>[] = [
    { key: 'name', header: t('orgUnits.name'), rowHeader: true, cell: (unit) => unit.name },
    {
      key: 'description',
      header: t('orgUnits.description'),
      cell: (unit) => unit.description ?? t('common.none'),
    },
    { key: 'members', header: t('orgUnits.members'), cell: (unit) => unit.memberCount },
    {
      key: 'status',
      header: t('orgUnits.status'),
      cell: (unit) => (unit.archived ? t('orgUnits.archived') : t('orgUnits.active')),
    },
    {
      key: 'actions',
      header: t('orgUnits.actions'),
      cell: (unit) => (
        <div className="row-actions">
          <Button variant="secondary" onClick={() => setEditing({ kind: 'edit', unit })}>
            {t('orgUnits.edit')}
            <span className="visually-hidden">: {unit.name}</span>
          </Button>
          {unit.archived ? (
            <Button variant="secondary" onClick={() => void restore(unit)}>
              {t('orgUnits.restore')}
              <span className="visually-hidden">: {unit.name}</span>
            </Button>
          ) : (
            <Button variant="danger" onClick={() => setEditing({ kind: 'archive', unit })}>
              {t('orgUnits.archive')}
              <span className="visually-hidden">: {unit.name}</span>
            </Button>
          )}
        </div>
      ),
    },
  ];

  return (
    <Page title={t('orgUnits.title')}>
      <StatusRegion message={message} />
      {rowProblem ? <ProblemAlert problem={rowProblem} /> : null}
      <CheckboxField
        id="org-units-archived"
        label={t('orgUnits.includeArchived')}
        checked={includeArchived}
        onCheckedChange={setIncludeArchived}
      />
      {units.result && !units.result.ok ? (
        <ProblemAlert problem={units.result.problem} onRetry={units.reload} />
      ) : null}
      {units.data ? (
        <DataTable
          caption={t('orgUnits.caption')}
          columns={columns}
          rows={units.data.items}
          rowKey={(unit) => unit.id}
          empty={t('orgUnits.empty')}
          busy={units.loading}
        />
      ) : units.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : null}

      <section aria-labelledby="org-unit-create">
        <h2 id="org-unit-create">{t('orgUnits.createHeading')}</h2>
        <OrgUnitForm
          idPrefix="org-unit-new"
          submitLabel={t('orgUnits.createSubmit')}
          onSubmit={async ({ name, description }) => {
            const result = await call(
              api.POST('/api/org-units', { body: { name, ...(description !== '' ? { description } : {}) } }),
            );
            if (result.ok) done(t('orgUnits.created', { name: result.data.name }));
            return result.ok ? null : result.problem;
          }}
        />
      </section>

      <Dialog
        open={editing?.kind === 'edit'}
        title={editing ? t('orgUnits.editTitle', { name: editing.unit.name }) : ''}
        onClose={() => setEditing(null)}
      >
        {editing?.kind === 'edit' ? (
          <OrgUnitForm
            idPrefix="org-unit-edit"
            initial={{ name: editing.unit.name, description: editing.unit.description ?? '' }}
            submitLabel={t('common.save')}
            onCancel={() => setEditing(null)}
            onSubmit={async ({ name, description }) => {
              const result = await call(
                api.PATCH('/api/org-units/{id}', {
                  params: { path: { id: editing.unit.id } },
                  body: {
                    version: editing.unit.version,
                    name,
                    description: description === '' ? null : description,
                  },
                }),
              );
              if (result.ok) done(t('orgUnits.saved', { name: result.data.name }));
              else if (result.problem.code === 'version-conflict') units.reload(); // reopening then edits the current state
              return result.ok ? null : result.problem;
            }}
          />
        ) : null}
      </Dialog>

      <Dialog
        open={editing?.kind === 'archive'}
        title={editing ? t('orgUnits.archiveTitle', { name: editing.unit.name }) : ''}
        onClose={() => setEditing(null)}
      >
        {editing?.kind === 'archive' ? (
          <ArchiveConfirmation
            unit={editing.unit}
            onCancel={() => setEditing(null)}
            onArchived={() => done(t('orgUnits.archivedDone', { name: editing.unit.name }))}
            onConflict={units.reload}
          />
        ) : null}
      </Dialog>
    </Page>
  );
}

interface OrgUnitValues {
  name: string;
  description: string;
}

interface OrgUnitFormProps {
  idPrefix: string;
  initial?: OrgUnitValues;
  submitLabel: string;
  onSubmit: (values: OrgUnitValues) => Promise<Problem | null>;
  onCancel?: () => void;
}

function OrgUnitForm({ idPrefix, initial, submitLabel, onSubmit, onCancel }: OrgUnitFormProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [values, setValues] = useState<OrgUnitValues>(initial ?? { name: '', description: '' });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  const fields = {
    name: { id: `${idPrefix}-name`, label: t('orgUnits.name') },
    description: { id: `${idPrefix}-description`, label: t('orgUnits.description') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (values.name.trim() === '') {
      setProblem(clientValidationProblem([{ pointer: '/name', code: 'required', message: '' }]));
      return;
    }
    setSubmitting(true);
    const result = await onSubmit({ name: values.name.trim(), description: values.description.trim() });
    setSubmitting(false);
    setProblem(result);
    if (result === null && initial === undefined) setValues({ name: '', description: '' });
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary problem={problem} fields={fields} />
      <TextField
        id={fields.name.id}
        label={fields.name.label}
        autoComplete="off"
        value={values.name}
        onValueChange={(name) => setValues({ ...values, name })}
        error={errors.name}
      />
      <TextArea
        id={fields.description.id}
        label={fields.description.label}
        optional
        value={values.description}
        onValueChange={(description) => setValues({ ...values, description })}
        error={errors.description}
      />
      <div className="actions">
        <Button type="submit" busy={submitting}>
          {submitting ? t('common.saving') : submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

function ArchiveConfirmation({
  unit,
  onCancel,
  onArchived,
  onConflict,
}: {
  unit: OrgUnit;
  onCancel: () => void;
  onArchived: () => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  async function archive() {
    setBusy(true);
    const result = await call(
      api.PATCH('/api/org-units/{id}', {
        params: { path: { id: unit.id } },
        body: { version: unit.version, archived: true },
      }),
    );
    setBusy(false);
    if (result.ok) {
      onArchived();
      return;
    }
    setProblem(result.problem);
    if (result.problem.code === 'version-conflict') onConflict();
  }

  return (
    <>
      <ErrorSummary problem={problem} />
      <p>{t('orgUnits.archiveText')}</p>
      <div className="actions">
        <Button variant="danger" busy={busy} onClick={() => void archive()}>
          {t('orgUnits.archiveConfirm')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </>
  );
}
