import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import { isOneOf, type Colleague, type FieldProblem, type Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { ErrorSummary, type FieldRef } from '../../ui/ErrorSummary';
import { FieldGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { useFocusAfterRender } from '../../ui/focus';
import { useFormat } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import { ConfirmNotice } from './ConferenceForm';
import {
  FIELDS_OF_ACTION,
  type AgreedAction,
  type Conference,
  type FieldOfAction,
  type MinutesBody,
} from './model';

/** The minutes as recorded: text, agreed steps and the generative themes, each of which may become a gap report. */
export function MinutesView({ conference }: { conference: Conference }) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns: Column<AgreedAction>[] = [
    { key: 'text', header: t('conferences.minutes.actionText'), rowHeader: true, cell: (a) => a.text },
    {
      key: 'owner',
      header: t('conferences.minutes.owner'),
      cell: (a) => a.owner?.displayName ?? a.ownerName ?? t('conferences.page.none'),
    },
    { key: 'dueOn', header: t('conferences.minutes.dueOn'), cell: (a) => format.day(a.dueOn) },
    {
      key: 'followUp',
      header: t('conferences.minutes.followUp'),
      cell: (a) => (a.followUpId ? t('common.yes') : t('common.no')),
    },
  ];
  if (conference.minutes === null) return <p>{t('conferences.minutes.none')}</p>;
  const reportable = conference.permissions.minutes;
  return (
    <>
      <p className="conference-text" dir="auto">
        {conference.minutes}
      </p>
      <h3>{t('conferences.minutes.actionsHeading')}</h3>
      <DataTable
        caption={t('conferences.minutes.actionsCaption')}
        columns={columns}
        rows={conference.actions}
        rowKey={(a) => a.id}
        empty={t('conferences.minutes.noActions')}
      />
      <h3>{t('conferences.minutes.themesHeading')}</h3>
      {conference.themes.length === 0 ? (
        <p>{t('conferences.minutes.noThemes')}</p>
      ) : (
        <ul className="conference-items">
          {conference.themes.map((theme) => (
            <li key={theme.id}>
              <p dir="auto">
                {theme.text}
                {theme.field ? <span className="muted"> ({t(`gaps.field.${theme.field}`)})</span> : null}
              </p>
              {theme.gapReportId ? (
                <p className="muted">{t('conferences.minutes.reported')}</p>
              ) : reportable ? (
                <Link
                  to={`/gaps/new?${new URLSearchParams({
                    caseId: conference.caseId,
                    conferenceId: conference.id,
                    themeId: theme.id,
                    need: theme.text,
                    ...(theme.field ? { field: theme.field } : {}),
                  }).toString()}`}
                  aria-label={t('conferences.minutes.reportGapLabel', { theme: theme.text })}
                >
                  {t('conferences.minutes.reportGap')}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

interface ActionDraft {
  id?: string;
  text: string;
  /** A colleague's id, 'other' for someone named, '' for nobody yet. */
  owner: string;
  ownerName: string;
  dueOn: string;
}

interface ThemeDraft {
  id?: string;
  text: string;
  field: FieldOfAction | '';
  reported: boolean;
}

/** Records or corrects the minutes with the agreed steps and the generative themes. */
export function MinutesForm({
  conference,
  colleagues,
  onSaved,
  onCancel,
  onConflict,
}: {
  conference: Conference;
  colleagues: readonly Colleague[];
  onSaved: (next: Conference) => void;
  onCancel: () => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const focusAfterRender = useFocusAfterRender();
  const [minutes, setMinutes] = useState(conference.minutes ?? '');
  const [actions, setActions] = useState<ActionDraft[]>(
    conference.actions.map((a) => ({
      id: a.id,
      text: a.text,
      owner: a.owner ? a.owner.id : a.ownerName ? 'other' : '',
      ownerName: a.ownerName ?? '',
      dueOn: a.dueOn ?? '',
    })),
  );
  const [themes, setThemes] = useState<ThemeDraft[]>(
    conference.themes.map((th) => ({
      id: th.id,
      text: th.text,
      field: th.field ?? '',
      reported: th.gapReportId !== null,
    })),
  );
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirm, setConfirm] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  // Owners who are no longer offered as colleagues stay selectable in the steps that name them.
  const owners = [
    ...colleagues.map((c) => ({ value: c.id, label: c.displayName })),
    ...conference.actions.flatMap((a) =>
      a.owner && !colleagues.some((c) => c.id === a.owner?.id)
        ? [{ value: a.owner.id, label: a.owner.displayName }]
        : [],
    ),
  ];

  function updateAction(index: number, change: Partial<ActionDraft>) {
    setActions((list) => list.map((a, i) => (i === index ? { ...a, ...change } : a)));
  }
  function updateTheme(index: number, change: Partial<ThemeDraft>) {
    setThemes((list) => list.map((th, i) => (i === index ? { ...th, ...change } : th)));
  }

  async function submit(event: FormEvent | null, confirmed = false) {
    event?.preventDefault();
    const missing: FieldProblem[] = [
      ...actions.flatMap((a, i) =>
        a.text.trim() === '' ? [{ pointer: `/actions/${i}/text`, code: 'required', message: '' }] : [],
      ),
      ...themes.flatMap((th, i) => [
        ...(th.text.trim() === '' ? [{ pointer: `/themes/${i}/text`, code: 'required', message: '' }] : []),
        ...(th.field === '' ? [{ pointer: `/themes/${i}/field`, code: 'required', message: '' }] : []),
      ]),
    ];
    if (missing.length > 0) {
      setConfirm(null);
      setProblem(clientValidationProblem(missing));
      return;
    }
    const body: MinutesBody = {
      version: conference.version,
      minutes,
      actions: actions.map((a) => ({
        ...(a.id ? { id: a.id } : {}),
        text: a.text.trim(),
        ownerUserId: a.owner !== '' && a.owner !== 'other' ? a.owner : null,
        ownerName: a.owner === 'other' && a.ownerName.trim() !== '' ? a.ownerName.trim() : null,
        dueOn: a.dueOn === '' ? null : a.dueOn,
      })),
      themes: themes.flatMap((th) =>
        th.field === '' ? [] : [{ ...(th.id ? { id: th.id } : {}), text: th.text.trim(), field: th.field }],
      ),
      ...(confirmed ? { confirm: true } : {}),
    };
    setSubmitting(true);
    const result = await call(
      api.POST('/api/conferences/{id}/minutes', { params: { path: { id: conference.id } }, body }),
    );
    setSubmitting(false);
    if (result.ok) onSaved(result.data);
    else if (result.problem.code === 'version-conflict') onConflict();
    else if (result.problem.code === 'confirmation-required') {
      setProblem(null);
      setConfirm(result.problem);
    } else {
      setConfirm(null);
      setProblem(result.problem);
    }
  }

  const fields: Record<string, FieldRef> = {
    minutes: { id: 'minutes-text', label: t('conferences.minutes.text') },
    themes: { id: 'minutes-themes', label: t('conferences.minutes.themesHeading') },
  };
  actions.forEach((_, i) => {
    const n = i + 1;
    fields[`actions.${i}.text`] = {
      id: `minutes-action-${i}-text`,
      label: `${t('conferences.minutes.action', { n })}: ${t('conferences.minutes.actionText')}`,
    };
    fields[`actions.${i}.ownerUserId`] = {
      id: `minutes-action-${i}-owner`,
      label: `${t('conferences.minutes.action', { n })}: ${t('conferences.minutes.owner')}`,
    };
    fields[`actions.${i}.ownerName`] = {
      id: `minutes-action-${i}-owner-name`,
      label: `${t('conferences.minutes.action', { n })}: ${t('conferences.minutes.ownerName')}`,
    };
    fields[`actions.${i}.dueOn`] = {
      id: `minutes-action-${i}-due`,
      label: `${t('conferences.minutes.action', { n })}: ${t('conferences.minutes.dueOn')}`,
    };
  });
  themes.forEach((_, i) => {
    const n = i + 1;
    fields[`themes.${i}.text`] = {
      id: `minutes-theme-${i}-text`,
      label: `${t('conferences.minutes.theme', { n })}: ${t('conferences.minutes.themeText')}`,
    };
    fields[`themes.${i}.field`] = {
      id: `minutes-theme-${i}-field`,
      label: `${t('conferences.minutes.theme', { n })}: ${t('conferences.minutes.field')}`,
    };
  });

  return (
    <form
      className="form"
      noValidate
      aria-label={t('conferences.minutes.heading')}
      onSubmit={(event) => void submit(event)}
    >
      <ErrorSummary problem={problem} fields={fields} />
      {confirm ? (
        <ConfirmNotice
          problem={confirm}
          labels={fields}
          busy={submitting}
          onConfirm={() => void submit(null, true)}
        />
      ) : null}
      <p className="field__hint">
        {conference.anonymous ? t('conferences.minutes.anonymousHint') : t('conferences.minutes.hint')}
      </p>
      <TextArea
        id="minutes-text"
        rows={8}
        maxLength={20000}
        dir="auto"
        label={t('conferences.minutes.text')}
        value={minutes}
        onValueChange={setMinutes}
        error={errors.minutes}
      />

      <FieldGroup
        legend={t('conferences.minutes.actionsHeading')}
        hint={t('conferences.minutes.actionsHint')}
      >
        {actions.length === 0 ? <p>{t('conferences.minutes.noActions')}</p> : null}
        <ol className="conference-items">
          {actions.map((a, i) => {
            const n = i + 1;
            return (
              <li key={a.id ?? `new-${i}`}>
                <h4>{t('conferences.minutes.action', { n })}</h4>
                <TextField
                  id={`minutes-action-${i}-text`}
                  maxLength={1000}
                  dir="auto"
                  label={t('conferences.minutes.actionText')}
                  value={a.text}
                  onValueChange={(value) => updateAction(i, { text: value })}
                  error={errors[`actions.${i}.text`]}
                />
                <div className="conference-row">
                  <SelectField
                    id={`minutes-action-${i}-owner`}
                    optional
                    label={t('conferences.minutes.owner')}
                    value={a.owner}
                    options={[
                      { value: '', label: t('conferences.minutes.ownerNone') },
                      ...owners,
                      { value: 'other', label: t('conferences.minutes.ownerOther') },
                    ]}
                    onValueChange={(value) => updateAction(i, { owner: value })}
                    error={errors[`actions.${i}.ownerUserId`]}
                  />
                  <TextField
                    id={`minutes-action-${i}-due`}
                    type="date"
                    optional
                    label={t('conferences.minutes.dueOn')}
                    value={a.dueOn}
                    onValueChange={(value) => updateAction(i, { dueOn: value })}
                    error={errors[`actions.${i}.dueOn`]}
                  />
                </div>
                {a.owner === 'other' ? (
                  <TextField
                    id={`minutes-action-${i}-owner-name`}
                    optional
                    maxLength={200}
                    dir="auto"
                    label={t('conferences.minutes.ownerName')}
                    value={a.ownerName}
                    onValueChange={(value) => updateAction(i, { ownerName: value })}
                    error={errors[`actions.${i}.ownerName`]}
                  />
                ) : null}
                <Button
                  variant="secondary"
                  onClick={() => {
                    setActions((list) => list.filter((_, j) => j !== i));
                    focusAfterRender('minutes-add-action');
                  }}
                >
                  {t('conferences.minutes.removeAction', { n })}
                </Button>
              </li>
            );
          })}
        </ol>
        <Button
          id="minutes-add-action"
          variant="secondary"
          onClick={() => {
            setActions((list) => [...list, { text: '', owner: '', ownerName: '', dueOn: '' }]);
            focusAfterRender(`minutes-action-${actions.length}-text`);
          }}
        >
          {t('conferences.minutes.addAction')}
        </Button>
      </FieldGroup>

      <FieldGroup legend={t('conferences.minutes.themesHeading')} hint={t('conferences.minutes.themesHint')}>
        <div id="minutes-themes" tabIndex={-1}>
          {errors.themes ? <p className="field__error">{errors.themes}</p> : null}
        </div>
        {themes.length === 0 ? <p>{t('conferences.minutes.noThemes')}</p> : null}
        <ol className="conference-items">
          {themes.map((th, i) => {
            const n = i + 1;
            return (
              <li key={th.id ?? `new-${i}`}>
                <h4>{t('conferences.minutes.theme', { n })}</h4>
                <TextArea
                  id={`minutes-theme-${i}-text`}
                  rows={2}
                  maxLength={1000}
                  dir="auto"
                  label={t('conferences.minutes.themeText')}
                  value={th.text}
                  onValueChange={(value) => updateTheme(i, { text: value })}
                  error={errors[`themes.${i}.text`]}
                />
                <SelectField
                  id={`minutes-theme-${i}-field`}
                  label={t('conferences.minutes.field')}
                  value={th.field}
                  options={[
                    { value: '', label: t('conferences.minutes.chooseField') },
                    ...FIELDS_OF_ACTION.map((f) => ({ value: f, label: t(`gaps.field.${f}`) })),
                  ]}
                  onValueChange={(value) =>
                    updateTheme(i, { field: isOneOf(FIELDS_OF_ACTION, value) ? value : '' })
                  }
                  error={errors[`themes.${i}.field`]}
                />
                {th.reported ? (
                  <p className="muted">{t('conferences.minutes.reported')}</p>
                ) : (
                  <Button
                    variant="secondary"
                    onClick={() => {
                      setThemes((list) => list.filter((_, j) => j !== i));
                      focusAfterRender('minutes-add-theme');
                    }}
                  >
                    {t('conferences.minutes.removeTheme', { n })}
                  </Button>
                )}
              </li>
            );
          })}
        </ol>
        <Button
          id="minutes-add-theme"
          variant="secondary"
          onClick={() => {
            setThemes((list) => [...list, { text: '', field: '', reported: false }]);
            focusAfterRender(`minutes-theme-${themes.length}-text`);
          }}
        >
          {t('conferences.minutes.addTheme')}
        </Button>
      </FieldGroup>

      <div className="actions">
        <Button type="submit" busy={submitting}>
          {t('conferences.minutes.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('conferences.form.cancel')}
        </Button>
      </div>
    </form>
  );
}
