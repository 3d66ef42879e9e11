import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { FieldError } from '../../ui/fields';
import {
  formatNumber,
  idOf,
  isVisible,
  numberAnswer,
  numberInputText,
  pick,
  ratingsOf,
  rowsOf,
  scalarOf,
  scalePointText,
  viewsOf,
  withRating,
  withRowAdded,
  withRowAnswer,
  withRowRemoved,
  withView,
  type Lang,
  type Scalar,
  type View,
} from './form';
import { useFocusAfterRender } from '../../ui/focus';
import type { Field } from './template';

/*
 * One renderer for every field type of a template. Each control takes its id from its answer path
 * (form.ts idOf), so an error the server reports for `/answers/<key>/...` is shown at the control and the
 * error summary links to it.
 */

interface AnswerFieldProps {
  field: Field;
  /** Dotted path of the answer, e.g. `answers.housing` or `answers.contacts.0.name`. */
  path: string;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Errors by dotted path (ui/problemText fieldErrors). */
  errors: Record<string, string>;
  lang: Lang;
  /** Inside a table row: the label is read out but not shown (the column header shows it). */
  cellLabel?: string;
}

export function AnswerField(props: AnswerFieldProps) {
  const { field } = props;
  if (field.type === 'group') return <GroupTable {...props} field={field} />;
  if (field.type === 'domainRating') return <RatingGrid {...props} field={field} />;
  if (field.perspectives) return <Perspectives {...props} />;
  return (
    <ScalarControl
      field={field}
      id={idOf(props.path)}
      label={props.cellLabel ?? <FieldName field={field} lang={props.lang} />}
      labelHidden={props.cellLabel !== undefined}
      hint={props.cellLabel === undefined ? <FieldHint field={field} lang={props.lang} /> : null}
      error={props.errors[props.path]}
      value={props.value}
      onChange={props.onChange}
      lang={props.lang}
    />
  );
}

/** The question with its markers: required (for finalising) and special category. */
export function FieldName({ field, lang }: { field: Field; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <>
      {pick(field.label, lang)}
      {field.required ? (
        <>
          {' '}
          <span className="field__required">({t('assessment.field.required')})</span>
        </>
      ) : null}
      {field.specialCategory ? (
        <>
          {' '}
          <span className="tag tag--special">{t('assessment.field.special')}</span>
        </>
      ) : null}
    </>
  );
}

function hintText(field: Field, lang: Lang, special: string): string | null {
  const parts = [field.help ? pick(field.help, lang) : null, field.specialCategory ? special : null];
  const text = parts.filter(Boolean).join(' ');
  return text === '' ? null : text;
}

function FieldHint({ field, lang }: { field: Field; lang: Lang }) {
  const { t } = useTranslation();
  return hintText(field, lang, t('assessment.field.specialHint'));
}

function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  return hint ? (
    <p id={`${id}-hint`} className="field__hint">
      {hint}
    </p>
  ) : null;
}

interface ScalarControlProps {
  field: Field;
  id: string;
  label: ReactNode;
  labelHidden?: boolean;
  hint: ReactNode;
  error: string | undefined;
  value: unknown;
  onChange: (value: Scalar | undefined) => void;
  lang: Lang;
}

interface ChoiceOption {
  value: string;
  label: string;
}

/** Radio buttons for few options, with "no answer" so a choice can be taken back. */
const RADIO_LIMIT = 6;

function ScalarControl(props: ScalarControlProps) {
  const { t } = useTranslation();
  const { field, id, labelHidden, hint, error, value, onChange, lang } = props;
  const current = scalarOf(field, value);
  const noAnswer: ChoiceOption = { value: '', label: t('assessment.noAnswer') };
  const inputProps = {
    id,
    className: 'field__input',
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, Boolean(hint), error),
    'aria-required': field.required ? true : undefined,
  } as const;

  switch (field.type) {
    case 'yesno':
      return (
        <Choice
          {...props}
          kind="radio"
          options={[
            { value: 'true', label: t('assessment.yes') },
            { value: 'false', label: t('assessment.no') },
            noAnswer,
          ]}
          selected={current === undefined ? [''] : [String(current)]}
          onSelect={(values) =>
            onChange(values[0] === 'true' ? true : values[0] === 'false' ? false : undefined)
          }
        />
      );
    case 'scale': {
      const points: ChoiceOption[] = [];
      for (let v = field.scale.min; v <= field.scale.max; v += 1) {
        points.push({ value: String(v), label: scalePointText(field.scale, v, lang) });
      }
      return (
        <Choice
          {...props}
          kind="radio"
          inline
          options={[...points, noAnswer]}
          selected={[typeof current === 'number' ? String(current) : '']}
          onSelect={(values) => onChange(values[0] ? Number(values[0]) : undefined)}
        />
      );
    }
    case 'multi':
      return (
        <Choice
          {...props}
          kind="checkbox"
          options={field.options.map((o) => ({ value: o.value, label: pick(o.label, lang) }))}
          selected={Array.isArray(current) ? current : []}
          onSelect={(values) => onChange(values.length > 0 ? values : undefined)}
        />
      );
    case 'single': {
      const options = field.options.map((o) => ({ value: o.value, label: pick(o.label, lang) }));
      const selected = typeof current === 'string' ? current : '';
      if (options.length <= RADIO_LIMIT) {
        return (
          <Choice
            {...props}
            kind="radio"
            options={[...options, noAnswer]}
            selected={[selected]}
            onSelect={(values) => onChange(values[0] || undefined)}
          />
        );
      }
      return (
        <Frame {...props}>
          <select
            {...inputProps}
            value={selected}
            onChange={(event) => onChange(event.target.value || undefined)}
          >
            <option value="">{t('assessment.field.choose')}</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Frame>
      );
    }
    case 'number':
      return (
        <Frame {...props}>
          <NumberInput
            inputProps={inputProps}
            value={value}
            lang={lang}
            integer={field.integer === true}
            onChange={onChange}
          />
        </Frame>
      );
    case 'longtext':
      return (
        <Frame {...props}>
          <textarea
            {...inputProps}
            rows={labelHidden ? 2 : 4}
            dir="auto"
            maxLength={field.maxLength ?? 20_000}
            value={typeof current === 'string' ? current : ''}
            onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
          />
        </Frame>
      );
    case 'date':
      return (
        <Frame {...props}>
          <input
            {...inputProps}
            type="date"
            value={typeof current === 'string' ? current : ''}
            onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
          />
        </Frame>
      );
    default:
      return (
        <Frame {...props}>
          <input
            {...inputProps}
            type="text"
            dir="auto"
            maxLength={field.type === 'text' ? (field.maxLength ?? 500) : undefined}
            value={typeof current === 'string' ? current : ''}
            onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
          />
        </Frame>
      );
  }
}

/** Label, hint and error above one input. */
function Frame({
  id,
  label,
  labelHidden,
  hint,
  error,
  children,
}: Pick<ScalarControlProps, 'id' | 'label' | 'labelHidden' | 'hint' | 'error'> & { children: ReactNode }) {
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id} className={labelHidden ? 'visually-hidden' : 'field__label'}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      {children}
    </div>
  );
}

/**
 * A number as typed: German users write "2,5". What cannot be read as a number is passed on as typed, so
 * the server's check names it at the field instead of the input silently dropping it.
 */
function NumberInput({
  inputProps,
  value,
  lang,
  integer,
  onChange,
}: {
  inputProps: Record<string, unknown> & { id: string };
  value: unknown;
  lang: Lang;
  integer: boolean;
  onChange: (value: Scalar | undefined) => void;
}) {
  // What was typed stays as typed ("2," while writing "2,5") as long as it still means the stored answer.
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed !== null && numberAnswer(typed) === value ? typed : numberInputText(value, lang);
  return (
    <input
      {...inputProps}
      type="text"
      inputMode={integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      value={text}
      onChange={(event) => {
        setTyped(event.target.value);
        onChange(numberAnswer(event.target.value));
      }}
    />
  );
}

interface ChoiceProps extends ScalarControlProps {
  kind: 'radio' | 'checkbox';
  inline?: boolean;
  options: ChoiceOption[];
  selected: string[];
  onSelect: (values: string[]) => void;
}

/** Radio buttons or checkboxes in a fieldset whose legend is the question. */
function Choice({
  id,
  label,
  labelHidden,
  hint,
  error,
  field,
  kind,
  inline,
  options,
  selected,
  onSelect,
}: ChoiceProps) {
  return (
    <fieldset
      id={id}
      className={error ? 'field fieldset field--error' : 'field fieldset'}
      aria-describedby={describedBy(id, Boolean(hint), error)}
    >
      <legend className={labelHidden ? 'visually-hidden' : 'field__label'}>{label}</legend>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <div className={inline ? 'checkboxes checkboxes--inline' : 'checkboxes'}>
        {options.map((option) => {
          const optionId = `${id}-${option.value === '' ? 'none' : option.value}`;
          return (
            <div className="checkbox" key={option.value}>
              <input
                id={optionId}
                type={kind}
                name={id}
                value={option.value}
                checked={selected.includes(option.value)}
                aria-invalid={kind === 'checkbox' && error ? true : undefined}
                aria-required={kind === 'radio' && field.required ? true : undefined}
                onChange={(event) => {
                  if (kind === 'radio') onSelect([option.value]);
                  else
                    onSelect(
                      event.target.checked
                        ? [...selected, option.value]
                        : selected.filter((v) => v !== option.value),
                    );
                }}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** The client's and the professional's view side by side, under one question. */
function Perspectives({ field, path, value, onChange, errors, lang, cellLabel }: AnswerFieldProps) {
  const { t } = useTranslation();
  const id = idOf(path);
  const hint = cellLabel === undefined ? hintText(field, lang, t('assessment.field.specialHint')) : null;
  const error = errors[path];
  const views = viewsOf(field, value);
  const viewLabel = (view: View) =>
    view === 'client' ? t('assessment.field.viewClient') : t('assessment.field.viewProfessional');
  return (
    <fieldset
      id={id}
      className={error ? 'field fieldset field--error perspectives' : 'field fieldset perspectives'}
      aria-describedby={describedBy(id, Boolean(hint), error)}
    >
      <legend className={cellLabel !== undefined ? 'visually-hidden' : 'field__label'}>
        {cellLabel ?? <FieldName field={field} lang={lang} />}
      </legend>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <div className="perspectives__pair">
        {(['client', 'professional'] as const).map((view) => (
          <div key={view} className="perspectives__view">
            <ScalarControl
              field={field}
              id={idOf(`${path}.${view}`)}
              label={viewLabel(view)}
              hint={null}
              error={errors[`${path}.${view}`]}
              value={views[view]}
              onChange={(next) => onChange(withView(field, value, view, next))}
              lang={lang}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** A repeatable group: a table with one row per entry, rows added and removed with buttons. */
function GroupTable({
  field,
  path,
  value,
  onChange,
  errors,
  lang,
}: AnswerFieldProps & { field: Extract<Field, { type: 'group' }> }) {
  const { t } = useTranslation();
  const id = idOf(path);
  const rows = rowsOf(value);
  const error = errors[path];
  const hint = hintText(field, lang, t('assessment.field.specialHint'));
  const full = field.maxRows !== undefined && rows.length >= field.maxRows;
  const focus = useFocusAfterRender();
  const addId = `${id}-add`;
  const first = field.fields[0];
  return (
    <fieldset
      id={id}
      className={error ? 'field fieldset field--error' : 'field fieldset'}
      aria-describedby={describedBy(id, Boolean(hint), error)}
    >
      <legend className="field__label">
        <FieldName field={field} lang={lang} />
      </legend>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      {rows.length === 0 ? (
        <p className="muted">{t('assessment.field.rowsEmpty')}</p>
      ) : (
        <div className="answer-table-wrap">
          <table className="table table--compact answer-table">
            <thead>
              <tr>
                <th scope="col">{t('assessment.field.rowNumber')}</th>
                {field.fields.map((sub) => (
                  <th key={sub.key} scope="col">
                    <FieldName field={sub} lang={lang} />
                    {sub.help ? <span className="answer-table__help">{pick(sub.help, lang)}</span> : null}
                  </th>
                ))}
                <th scope="col">{t('assessment.field.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index}>
                  <th scope="row">{index + 1}</th>
                  {field.fields.map((sub) => (
                    <td key={sub.key}>
                      {isVisible(sub, row) ? (
                        <AnswerField
                          field={sub}
                          path={`${path}.${index}.${sub.key}`}
                          value={row[sub.key]}
                          onChange={(next) => onChange(withRowAnswer(value, index, sub.key, next))}
                          errors={errors}
                          lang={lang}
                          cellLabel={t('assessment.field.cell', {
                            n: index + 1,
                            label: pick(sub.label, lang),
                          })}
                        />
                      ) : (
                        <span className="muted">{t('assessment.field.notShown')}</span>
                      )}
                    </td>
                  ))}
                  <td>
                    <Button
                      variant="secondary"
                      onClick={() => {
                        onChange(withRowRemoved(value, index));
                        focus(addId);
                      }}
                    >
                      {t('assessment.field.removeRow')}
                      <span className="visually-hidden">: {t('assessment.field.row', { n: index + 1 })}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {full ? <p className="field__hint">{t('assessment.field.maxRows', { count: field.maxRows })}</p> : null}
      <Button
        id={addId}
        variant="secondary"
        disabled={full}
        onClick={() => {
          onChange(withRowAdded(value));
          if (first) focus(idOf(`${path}.${rows.length}.${first.key}`));
        }}
      >
        {t('assessment.field.addRow')}
      </Button>
    </fieldset>
  );
}

/** Rating per domain: a grid with one row of radio buttons per domain. */
function RatingGrid({
  field,
  path,
  value,
  onChange,
  errors,
  lang,
}: AnswerFieldProps & { field: Extract<Field, { type: 'domainRating' }> }) {
  const { t } = useTranslation();
  const id = idOf(path);
  const error = errors[path];
  const hint = hintText(field, lang, t('assessment.field.specialHint'));
  const ratings = ratingsOf(value);
  const points: number[] = [];
  for (let v = field.scale.min; v <= field.scale.max; v += 1) points.push(v);
  const legendId = `${id}-legend`;
  return (
    <fieldset
      id={id}
      className={error ? 'field fieldset field--error' : 'field fieldset'}
      aria-describedby={describedBy(id, Boolean(hint), error)}
    >
      <legend id={legendId} className="field__label">
        <FieldName field={field} lang={lang} />
      </legend>
      <Hint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <div className="answer-table-wrap">
        <table className="table table--compact rating-grid" aria-labelledby={legendId}>
          <thead>
            <tr>
              <th scope="col">{t('assessment.field.domain')}</th>
              {points.map((point) => (
                <th key={point} scope="col">
                  {scalePointText(field.scale, point, lang)}
                </th>
              ))}
              <th scope="col">{t('assessment.noAnswer')}</th>
            </tr>
          </thead>
          <tbody>
            {field.domains.map((domain) => {
              const domainPath = `${path}.${domain.value}`;
              const domainId = idOf(domainPath);
              const domainError = errors[domainPath];
              const domainLabel = pick(domain.label, lang);
              const choices: (number | undefined)[] = [...points, undefined];
              return (
                <tr key={domain.value} className={domainError ? 'rating-grid__row--error' : undefined}>
                  <th scope="row">
                    {domainLabel}
                    <FieldError id={domainId} error={domainError} />
                  </th>
                  {choices.map((point, i) => {
                    const optionId = i === 0 ? domainId : `${domainId}-${point ?? 'none'}`;
                    return (
                      <td key={point ?? 'none'}>
                        <input
                          id={optionId}
                          type="radio"
                          name={domainId}
                          checked={ratings[domain.value] === point}
                          aria-describedby={domainError ? `${domainId}-error` : undefined}
                          onChange={() => onChange(withRating(value, domain.value, point))}
                        />
                        <label htmlFor={optionId} className="visually-hidden">
                          {t('assessment.field.rating', {
                            domain: domainLabel,
                            point:
                              point === undefined
                                ? t('assessment.noAnswer')
                                : scalePointText(field.scale, point, lang),
                          })}
                        </label>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

/** A section's live score. */
export function ScoreLine({ kind, score, lang }: { kind: 'sum' | 'mean'; score: number | null; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <p className="section-score">
      {kind === 'mean' ? t('assessment.field.scoreMean') : t('assessment.field.scoreSum')}:{' '}
      <output aria-live="polite">
        {score === null ? t('assessment.field.scoreNone') : formatNumber(score, lang)}
      </output>
    </p>
  );
}
