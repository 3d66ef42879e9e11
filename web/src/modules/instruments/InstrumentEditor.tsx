import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import type { FieldProblem, Problem } from '../../api/types';
import { Alert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { CheckboxField, FieldError, RadioGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { useFieldTypeName } from './DefinitionView';
import {
  addChoice,
  addField,
  checkNewChoice,
  checkNewField,
  definitionJson,
  editorIds,
  emptyFieldDraft,
  isDefinitionShaped,
  localized,
  moveField,
  newField,
  parseJson,
  removalBlocker,
  removeField,
  setChoiceLabel,
  setFieldFlag,
  setFieldText,
  setInstrumentText,
  setSectionTitle,
  targetIdOf,
  type ChoiceList,
  type FieldAt,
  type NewFieldDraft,
  type Place,
} from './editor';
import { InstrumentErrorSummary, useInstrumentProblems } from './problems';
import { NEW_FIELD_TYPES, type Definition, type Field, type InstrumentDetail, type Language } from './types';

type Mode = 'form' | 'json';
type Update = (change: (definition: Definition) => Definition) => void;
/** Says what an editing step did; `focus` moves the focus to the message (when the control is gone). */
type Announce = (message: string, focus?: boolean) => void;

/**
 * The editor of the next version: a draft of the current definition, edited in a form (texts, flags,
 * options, fields) or as JSON, and published with a change note. Published versions never change; the
 * server refuses a draft based on an outdated version (409) and names every invalid place (400).
 */
export function InstrumentEditor({
  instrument,
  onPublished,
  onDiscard,
  onReload,
}: {
  instrument: InstrumentDetail;
  onPublished: (instrument: InstrumentDetail) => void;
  onDiscard: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const problems = useInstrumentProblems();
  const [draft, setDraft] = useState<Definition>(instrument.definition);
  const [mode, setMode] = useState<Mode>('form');
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [changeNote, setChangeNote] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sent, setSent] = useState<Definition | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ message: string; focus: boolean } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const nextVersion = instrument.currentVersion + 1;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  // As JSON, every problem of the definition links to the text area; the change note keeps its own field.
  const jsonTarget = (place: Place) =>
    targetIdOf(place) === editorIds.changeNote ? editorIds.changeNote : editorIds.json;
  const placed = problems.placed(problem, sent, mode === 'json' ? jsonTarget : undefined);
  const errors = problems.byTarget(placed);
  const update: Update = (change) => setDraft((current) => change(current));
  const announce: Announce = (message, focus = false) => setNote({ message, focus });

  /** The JSON as a definition the form can show, or null after saying why not. */
  function definitionFromJson(): Definition | null {
    const parsed = parseJson(json);
    if (!parsed.ok) {
      setJsonError(t('instruments.edit.jsonInvalid'));
      return null;
    }
    if (!isDefinitionShaped(parsed.value)) {
      setJsonError(t('instruments.edit.jsonNotShaped'));
      return null;
    }
    setJsonError(null);
    return parsed.value;
  }

  function switchMode(next: string) {
    if (next === 'json' && mode === 'form') {
      setJson(definitionJson(draft));
      setJsonError(null);
      setMode('json');
    } else if (next === 'form' && mode === 'json') {
      const definition = definitionFromJson();
      if (definition === null) return;
      setDraft(definition);
      setMode('form');
    }
  }

  async function publish() {
    if (busy) return;
    let definition = draft;
    if (mode === 'json') {
      const parsed = parseJson(json);
      if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
        setJsonError(parsed.ok ? t('instruments.edit.jsonNotShaped') : t('instruments.edit.jsonInvalid'));
        document.getElementById(editorIds.json)?.focus();
        return;
      }
      setJsonError(null);
      // Only the shape of an object is known here; the server checks the definition field by field and
      // answers with pointers to what is wrong.
      definition = parsed.value as Definition;
    }
    setBusy(true);
    const trimmedNote = changeNote.trim();
    const result = await call(
      api.PUT('/api/instruments/{id}', {
        params: { path: { id: instrument.id } },
        body: {
          basedOnVersion: instrument.currentVersion,
          definition,
          ...(trimmedNote !== '' ? { changeNote: trimmedNote } : {}),
        },
      }),
    );
    setBusy(false);
    if (result.ok) {
      onPublished(result.data);
      return;
    }
    // Typed-in JSON may lack parts; its field labels then stay unnamed in the summary.
    setSent(isDefinitionShaped(definition) ? definition : null);
    setProblem(result.problem);
  }

  return (
    <section aria-labelledby="edit-heading" className="panel">
      <h2 id="edit-heading" ref={headingRef} tabIndex={-1}>
        {t('instruments.edit.heading', { version: instrument.currentVersion })}
      </h2>
      <p>{t('instruments.edit.intro')}</p>
      {problem?.code === 'version-conflict' ? (
        <ConflictNotice
          heading={t('instruments.edit.conflictHeading')}
          text={t('instruments.edit.conflictText')}
          hint={t('instruments.edit.conflictHint')}
          action={t('instruments.edit.conflictReload')}
          onAction={onReload}
        />
      ) : (
        <InstrumentErrorSummary problem={problem} placed={placed} />
      )}
      <RadioGroup
        id="edit-mode"
        legend={t('instruments.edit.mode')}
        options={[
          { value: 'form', label: t('instruments.edit.modeForm') },
          { value: 'json', label: t('instruments.edit.modeJson') },
        ]}
        value={mode}
        onValueChange={switchMode}
      />
      {mode === 'json' && jsonError ? <Alert kind="error">{jsonError}</Alert> : null}
      <StatusRegion message={note?.message ?? null} focus={note?.focus ?? false} />
      {mode === 'form' ? (
        <FormEditor draft={draft} update={update} errors={errors} announce={announce} />
      ) : (
        <TextArea
          id={editorIds.json}
          label={t('instruments.edit.json')}
          hint={t('instruments.edit.jsonHint')}
          rows={24}
          spellCheck={false}
          value={json}
          onValueChange={setJson}
          error={jsonError ?? undefined}
        />
      )}
      <TextArea
        id={editorIds.changeNote}
        label={t('instruments.edit.changeNote')}
        hint={t('instruments.edit.changeNoteHint')}
        optional
        maxLength={500}
        value={changeNote}
        onValueChange={setChangeNote}
        error={errors[editorIds.changeNote]}
      />
      <div className="actions">
        <Button busy={busy} onClick={() => void publish()}>
          {t('instruments.edit.publish', { version: nextVersion })}
        </Button>
        <Button variant="secondary" onClick={onDiscard}>
          {t('instruments.edit.discard')}
        </Button>
      </div>
    </section>
  );
}

function FormEditor({
  draft,
  update,
  errors,
  announce,
}: {
  draft: Definition;
  update: Update;
  errors: Record<string, string>;
  announce: Announce;
}) {
  const { t, i18n } = useTranslation();
  // After a move the field's controls have new ids; the moved button keeps the focus (see FieldEditor).
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (pendingFocus.current === null) return;
    document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });
  const focusAfterRender = (id: string) => {
    pendingFocus.current = id;
  };

  return (
    <div>
      <fieldset className="fieldset group">
        <legend className="group__legend">{t('instruments.edit.general')}</legend>
        <LabelPair
          ids={(language) => editorIds.instrumentText('title', language)}
          labels={[t('instruments.edit.titleDe'), t('instruments.edit.titleEn')]}
          value={draft.title}
          errors={errors}
          onChange={(language, value) => update((d) => setInstrumentText(d, 'title', language, value))}
        />
        <LabelPair
          multiline
          ids={(language) => editorIds.instrumentText('description', language)}
          labels={[t('instruments.edit.descriptionDe'), t('instruments.edit.descriptionEn')]}
          value={draft.description}
          errors={errors}
          onChange={(language, value) => update((d) => setInstrumentText(d, 'description', language, value))}
        />
      </fieldset>
      {draft.sections.map((section, s) => {
        const sectionId = editorIds.section(s);
        const sectionError = errors[sectionId];
        return (
          <fieldset
            key={`${s}:${section.key}`}
            id={sectionId}
            className="fieldset group"
            aria-describedby={sectionError ? `${sectionId}-error` : undefined}
          >
            <legend className="group__legend">
              {t('instruments.edit.section', {
                number: s + 1,
                title: localized(section.title, i18n.language),
              })}
            </legend>
            <FieldError id={sectionId} error={sectionError} />
            <LabelPair
              ids={(language) => editorIds.sectionTitle(s, language)}
              labels={[t('instruments.edit.sectionTitleDe'), t('instruments.edit.sectionTitleEn')]}
              value={section.title}
              errors={errors}
              onChange={(language, value) => update((d) => setSectionTitle(d, s, language, value))}
            />
            {stableKeys(section.fields).map(({ field, key }, f) => (
              <FieldEditor
                key={key}
                at={{ section: s, field: f }}
                field={field}
                siblings={section.fields.length}
                draft={draft}
                update={update}
                errors={errors}
                announce={announce}
                focusAfterRender={focusAfterRender}
              />
            ))}
            <AddField section={s} draft={draft} update={update} announce={announce} />
          </fieldset>
        );
      })}
    </div>
  );
}

/**
 * React keys by field key, so a moved field keeps its elements (and the focus). Keys are unique in a valid
 * definition; a duplicate typed into the JSON still gets a key of its own.
 */
function stableKeys(fields: readonly Field[]): { field: Field; key: string }[] {
  const seen = new Map<string, number>();
  return fields.map((field) => {
    const count = seen.get(field.key) ?? 0;
    seen.set(field.key, count + 1);
    return { field, key: count === 0 ? field.key : `${field.key}#${count}` };
  });
}

/** The German and the English text of one label; the English one may stay empty (German stands in). */
function LabelPair({
  ids,
  labels,
  value,
  errors,
  onChange,
  multiline = false,
  optional = false,
}: {
  ids: (language: Language) => string;
  labels: [string, string];
  value: { de: string; en: string };
  errors: Record<string, string>;
  onChange: (language: Language, value: string) => void;
  multiline?: boolean;
  /** Both texts optional (help texts). */
  optional?: boolean;
}) {
  const Control = multiline ? TextArea : TextField;
  return (
    <div className="field-row">
      {(['de', 'en'] as const).map((language, i) => (
        <Control
          key={language}
          id={ids(language)}
          label={labels[i] ?? ''}
          optional={optional || language === 'en'}
          maxLength={2000}
          value={value[language]}
          onValueChange={(text) => onChange(language, text)}
          error={errors[ids(language)]}
        />
      ))}
    </div>
  );
}

function FieldEditor({
  at,
  field,
  siblings,
  draft,
  update,
  errors,
  announce,
  focusAfterRender,
}: {
  at: FieldAt;
  field: Field;
  siblings: number;
  draft: Definition;
  update: Update;
  errors: Record<string, string>;
  announce: Announce;
  focusAfterRender: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const typeName = useFieldTypeName();
  const id = editorIds.field(at);
  const label = localized(field.label, i18n.language);
  const position = at.inner ?? at.field;
  const fieldError = errors[id];

  function move(by: -1 | 1) {
    const next = moveField(draft, at, by);
    if (next === draft) {
      announce(t(by < 0 ? 'instruments.edit.atTop' : 'instruments.edit.atBottom', { label }));
      return;
    }
    const moved: FieldAt =
      at.inner === undefined ? { ...at, field: at.field + by } : { ...at, inner: at.inner + by };
    update(() => next);
    focusAfterRender(`${editorIds.field(moved)}-${by < 0 ? 'up' : 'down'}`);
    announce(t('instruments.edit.moved', { label, position: position + by + 1, count: siblings }));
  }

  function remove() {
    const blocker = removalBlocker(draft, at);
    if (blocker?.kind === 'last-field') {
      announce(t('instruments.edit.blockedLast', { label }));
      return;
    }
    if (blocker?.kind === 'condition') {
      announce(
        t('instruments.edit.blockedCondition', { label, other: localized(blocker.by.label, i18n.language) }),
      );
      return;
    }
    update((d) => removeField(d, at));
    announce(t('instruments.edit.removed', { label }), true);
  }

  return (
    <fieldset
      id={id}
      className="fieldset repeat-group"
      aria-describedby={fieldError ? `${id}-error` : undefined}
    >
      <legend className="repeat-group__legend">
        {t(at.inner === undefined ? 'instruments.edit.field' : 'instruments.edit.column', {
          number: position + 1,
          label,
        })}
      </legend>
      <FieldError id={id} error={fieldError} />
      <p className="field__hint">
        {t('instruments.edit.fieldFacts', { key: field.key, type: typeName(field.type) })}
      </p>
      <LabelPair
        ids={(language) => editorIds.fieldText(at, 'label', language)}
        labels={[t('instruments.edit.labelDe'), t('instruments.edit.labelEn')]}
        value={field.label}
        errors={errors}
        onChange={(language, value) => update((d) => setFieldText(d, at, 'label', language, value))}
      />
      <LabelPair
        multiline
        optional
        ids={(language) => editorIds.fieldText(at, 'help', language)}
        labels={[t('instruments.edit.helpDe'), t('instruments.edit.helpEn')]}
        value={field.help ?? { de: '', en: '' }}
        errors={errors}
        onChange={(language, value) => update((d) => setFieldText(d, at, 'help', language, value))}
      />
      <CheckboxField
        id={`${id}-required`}
        label={t('instruments.edit.required')}
        checked={field.required ?? false}
        onCheckedChange={(on) => update((d) => setFieldFlag(d, at, 'required', on))}
      />
      <CheckboxField
        id={`${id}-special`}
        label={t('instruments.edit.special')}
        hint={t('instruments.edit.specialHint')}
        checked={field.specialCategory ?? false}
        onCheckedChange={(on) => update((d) => setFieldFlag(d, at, 'specialCategory', on))}
      />
      {(['options', 'domains'] as const).map((list) =>
        field[list] ? (
          <Choices
            key={list}
            at={at}
            field={field}
            list={list}
            update={update}
            errors={errors}
            announce={announce}
          />
        ) : null,
      )}
      {stableKeys(field.fields ?? []).map(({ field: column, key }, c) => (
        <FieldEditor
          key={key}
          at={{ ...at, inner: c }}
          field={column}
          siblings={field.fields?.length ?? 0}
          draft={draft}
          update={update}
          errors={errors}
          announce={announce}
          focusAfterRender={focusAfterRender}
        />
      ))}
      <div className="row-actions">
        <Button id={`${id}-up`} variant="secondary" onClick={() => move(-1)}>
          {t('instruments.edit.moveUp')}
          <span className="visually-hidden">: {label}</span>
        </Button>
        <Button id={`${id}-down`} variant="secondary" onClick={() => move(1)}>
          {t('instruments.edit.moveDown')}
          <span className="visually-hidden">: {label}</span>
        </Button>
        <Button variant="danger" onClick={remove}>
          {t('instruments.edit.remove')}
          <span className="visually-hidden">: {label}</span>
        </Button>
      </div>
    </fieldset>
  );
}

/** The options (or domains) of a field: their labels, and a small form to add one. */
function Choices({
  at,
  field,
  list,
  update,
  errors,
  announce,
}: {
  at: FieldAt;
  field: Field;
  list: ChoiceList;
  update: Update;
  errors: Record<string, string>;
  announce: Announce;
}) {
  const { t, i18n } = useTranslation();
  const problems = useInstrumentProblems();
  const empty = { value: '', label: { de: '', en: '' } };
  const [choice, setChoice] = useState(empty);
  const [own, setOwn] = useState<FieldProblem[]>([]);
  const label = localized(field.label, i18n.language);
  const base = `${editorIds.field(at)}-new-${list}`;
  const ownError = (pointer: string) => {
    const error = own.find((p) => p.pointer === pointer);
    return error ? problems.messageOf({ ...error, pointer: `/${list}/0${pointer}` }) : undefined;
  };

  function add() {
    const found = checkNewChoice(field, list, choice);
    setOwn(found);
    if (found.length > 0) {
      document.getElementById(found[0]?.pointer === '/value' ? `${base}-value` : `${base}-de`)?.focus();
      return;
    }
    update((d) => addChoice(d, at, list, choice));
    setChoice(empty);
    announce(t('instruments.edit.choiceAdded', { label: localized(choice.label, i18n.language) }));
  }

  return (
    <fieldset className="fieldset">
      <legend className="field__label">
        {t(list === 'options' ? 'instruments.edit.choices' : 'instruments.edit.domainsOf', { label })}
      </legend>
      {(field[list] ?? []).map((c, index) => (
        <LabelPair
          key={`${index}:${c.value}`}
          ids={(language) => editorIds.choice(at, list, index, language)}
          labels={[
            t('instruments.edit.choiceDe', { value: c.value }),
            t('instruments.edit.choiceEn', { value: c.value }),
          ]}
          value={c.label}
          errors={errors}
          onChange={(language, value) => update((d) => setChoiceLabel(d, at, list, index, language, value))}
        />
      ))}
      <fieldset className="fieldset conditional">
        <legend className="field__label">
          {t(list === 'options' ? 'instruments.edit.addChoice' : 'instruments.edit.addDomain', { label })}
        </legend>
        <TextField
          id={`${base}-value`}
          label={t(
            list === 'options' ? 'instruments.edit.newOptionValue' : 'instruments.edit.newDomainValue',
          )}
          hint={t('instruments.edit.choiceValueHint')}
          autoComplete="off"
          spellCheck={false}
          value={choice.value}
          onValueChange={(value) => setChoice({ ...choice, value })}
          error={ownError('/value')}
        />
        <div className="field-row">
          <TextField
            id={`${base}-de`}
            label={t(list === 'options' ? 'instruments.edit.newOptionDe' : 'instruments.edit.newDomainDe')}
            value={choice.label.de}
            onValueChange={(de) => setChoice({ ...choice, label: { ...choice.label, de } })}
            error={ownError('/label/de')}
          />
          <TextField
            id={`${base}-en`}
            label={t(list === 'options' ? 'instruments.edit.newOptionEn' : 'instruments.edit.newDomainEn')}
            optional
            value={choice.label.en}
            onValueChange={(en) => setChoice({ ...choice, label: { ...choice.label, en } })}
          />
        </div>
        <Button variant="secondary" onClick={add}>
          {t('instruments.edit.addChoiceSubmit')}
          <span className="visually-hidden">: {label}</span>
        </Button>
      </fieldset>
    </fieldset>
  );
}

/** Where the "add a field" form shows each of its own problems (pointers relative to the new field). */
const NEW_FIELD_CONTROLS: Record<string, string> = {
  '/key': 'key',
  '/label/de': 'label-de',
  '/options/0/value': 'option-value',
  '/options/0/label/de': 'option-de',
  '/scale/min': 'scale-min',
  '/scale/max': 'scale-max',
};

function AddField({
  section,
  draft,
  update,
  announce,
}: {
  section: number;
  draft: Definition;
  update: Update;
  announce: Announce;
}) {
  const { t, i18n } = useTranslation();
  const problems = useInstrumentProblems();
  const typeName = useFieldTypeName();
  const [values, setValues] = useState<NewFieldDraft>(emptyFieldDraft);
  const [own, setOwn] = useState<FieldProblem[]>([]);
  const base = `edit-s${section}-new`;
  const idOf = (pointer: string) => `${base}-${NEW_FIELD_CONTROLS[pointer] ?? 'key'}`;
  const errorOf = (pointer: string) => {
    const error = own.find((p) => p.pointer === pointer);
    return error ? problems.messageOf(error) : undefined;
  };
  const set = (changes: Partial<NewFieldDraft>) => setValues((v) => ({ ...v, ...changes }));

  function add() {
    const found = checkNewField(draft, values);
    setOwn(found);
    const first = found[0];
    if (first) {
      document.getElementById(idOf(first.pointer))?.focus();
      return;
    }
    update((d) => addField(d, section, newField(values)));
    setValues(emptyFieldDraft());
    announce(
      t('instruments.edit.fieldAdded', {
        label: localized(values.label, i18n.language),
        number: section + 1,
      }),
    );
  }

  const choice = values.type === 'single' || values.type === 'multi';
  return (
    <fieldset className="fieldset repeat-group">
      <legend className="repeat-group__legend">
        {t('instruments.edit.addField', { number: section + 1 })}
      </legend>
      <div className="field-row">
        <TextField
          id={idOf('/key')}
          label={t('instruments.edit.newKey')}
          hint={t('instruments.edit.newKeyHint')}
          autoComplete="off"
          spellCheck={false}
          value={values.key}
          onValueChange={(key) => set({ key })}
          error={errorOf('/key')}
        />
        <SelectField
          id={`${base}-type`}
          label={t('instruments.edit.newType')}
          options={NEW_FIELD_TYPES.map((type) => ({ value: type, label: typeName(type) }))}
          value={values.type}
          onValueChange={(type) => {
            const known = NEW_FIELD_TYPES.find((candidate) => candidate === type);
            if (known) set({ type: known });
          }}
        />
      </div>
      <div className="field-row">
        <TextField
          id={idOf('/label/de')}
          label={t('instruments.edit.newLabelDe')}
          value={values.label.de}
          onValueChange={(de) => set({ label: { ...values.label, de } })}
          error={errorOf('/label/de')}
        />
        <TextField
          id={`${base}-label-en`}
          label={t('instruments.edit.newLabelEn')}
          optional
          value={values.label.en}
          onValueChange={(en) => set({ label: { ...values.label, en } })}
        />
      </div>
      {choice ? (
        <div className="conditional">
          <TextField
            id={idOf('/options/0/value')}
            label={t('instruments.edit.firstOptionValue')}
            hint={t('instruments.edit.choiceValueHint')}
            autoComplete="off"
            spellCheck={false}
            value={values.option.value}
            onValueChange={(value) => set({ option: { ...values.option, value } })}
            error={errorOf('/options/0/value')}
          />
          <div className="field-row">
            <TextField
              id={idOf('/options/0/label/de')}
              label={t('instruments.edit.firstOptionDe')}
              value={values.option.label.de}
              onValueChange={(de) =>
                set({ option: { ...values.option, label: { ...values.option.label, de } } })
              }
              error={errorOf('/options/0/label/de')}
            />
            <TextField
              id={`${base}-option-en`}
              label={t('instruments.edit.firstOptionEn')}
              optional
              value={values.option.label.en}
              onValueChange={(en) =>
                set({ option: { ...values.option, label: { ...values.option.label, en } } })
              }
            />
          </div>
        </div>
      ) : null}
      {values.type === 'scale' ? (
        <div className="conditional field-row">
          <TextField
            id={idOf('/scale/min')}
            label={t('instruments.edit.scaleMin')}
            type="number"
            inputMode="numeric"
            step={1}
            value={values.scale.min}
            onValueChange={(min) => set({ scale: { ...values.scale, min } })}
            error={errorOf('/scale/min')}
          />
          <TextField
            id={idOf('/scale/max')}
            label={t('instruments.edit.scaleMax')}
            type="number"
            inputMode="numeric"
            step={1}
            value={values.scale.max}
            onValueChange={(max) => set({ scale: { ...values.scale, max } })}
            error={errorOf('/scale/max')}
          />
        </div>
      ) : null}
      <Button variant="secondary" onClick={add}>
        {t('instruments.edit.addFieldSubmit')}
        <span className="visually-hidden"> ({t('instruments.place.section', { number: section + 1 })})</span>
      </Button>
    </fieldset>
  );
}
