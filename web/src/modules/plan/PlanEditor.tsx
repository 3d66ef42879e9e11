import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type ApiResult } from '../../api/client';
import type { FieldProblem, Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary, type FieldRef } from '../../ui/ErrorSummary';
import { CheckboxField, FieldGroup, RadioGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { useProblemText } from '../../ui/problemText';
import { useResource } from '../../ui/useResource';
import { useFocusAfterRender } from '../../ui/focus';
import { FIELDS_OF_ACTION } from '../gaps/model';
import {
  GOAL_STATUSES,
  HEADER_FIELDS,
  LEGAL_TYPES,
  SMART_KEYS,
  STEP_MODES,
  STEP_STATUSES,
  STEP_WHO,
  type ChangeKind,
  type PlanEnvelope,
} from './model';
import {
  countedGoals,
  emptyGoal,
  emptyStep,
  fieldId,
  fieldLabel,
  goalPrefix,
  isChangeProblem,
  moveItem,
  planToForm,
  saveBody,
  stepPointer,
  warningsByStep,
  withPlanMessages,
  type GoalForm,
  type OfferAnswer,
  type PlanForm,
  type StepForm,
} from './plan';

type Errors = Record<string, string | undefined>;

interface NeedOption {
  id: string;
  text: string;
}

/** The needs of the case's latest finalised assessment, to start goals from. */
async function latestNeeds(caseId: string): Promise<ApiResult<NeedOption[]>> {
  const list = await call(api.GET('/api/cases/{id}/assessments', { params: { path: { id: caseId } } }));
  if (!list.ok) return list;
  const final = list.data.items.find((a) => a.status === 'final');
  if (!final) return { ok: true, data: [] };
  const assessment = await call(api.GET('/api/assessments/{id}', { params: { path: { id: final.id } } }));
  if (!assessment.ok) return assessment;
  return {
    ok: true,
    data: assessment.data.needs
      .filter((n) => n.kind === 'need' && !n.hidden)
      .map((n) => ({ id: n.id, text: n.text })),
  };
}

/** Labels of the fields a problem may point at, by the last part of its path. */
const FIELD_LABELS: Record<string, string> = {
  goals: 'plan.panel.form.goalsLegend',
  wording: 'plan.panel.form.wording',
  indicator: 'plan.panel.indicator',
  targetOn: 'plan.panel.targetOn',
  followUpOn: 'plan.panel.followUpOn',
  field: 'plan.panel.field',
  status: 'plan.panel.goalStatusLabel',
  what: 'plan.panel.steps.what',
  whoName: 'plan.panel.steps.whoName',
  dueOn: 'plan.panel.steps.dueOn',
  provider: 'plan.panel.steps.provider',
  offer: 'plan.panel.steps.offer',
  costBearer: 'plan.panel.steps.costBearer',
  doneOn: 'plan.panel.steps.doneOn',
  legalType: 'plan.panel.form.legalType',
  legalNote: 'plan.panel.legalNote',
  changeKind: 'plan.panel.change.kind',
  reason: 'plan.panel.change.reason',
};

interface PlanEditorProps {
  caseId: string;
  envelope: PlanEnvelope;
  /** A problem to show at once, e.g. why agreeing failed. */
  initialProblem?: Problem | null;
  onSaved: (envelope: PlanEnvelope) => void;
  onCancel: () => void;
  onConflict: () => void;
}

/** Editing the whole plan on a local copy; saved as a whole with the version read. */
export function PlanEditor({
  caseId,
  envelope,
  initialProblem = null,
  onSaved,
  onCancel,
  onConflict,
}: PlanEditorProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const { plan, rules } = envelope;
  const [form, setForm] = useState<PlanForm>(() => planToForm(plan));
  const [problem, setProblem] = useState<Problem | null>(initialProblem);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [changeKind, setChangeKind] = useState<ChangeKind>('extension');
  const [reason, setReason] = useState('');
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const focus = useFocusAfterRender();
  const needs = useResource(`needs:${caseId}`, () => latestNeeds(caseId));
  const [needChoice, setNeedChoice] = useState('');
  const warnings = warningsByStep(plan?.warnings ?? []);

  const ownMessage = (error: FieldProblem): string | null => {
    if (error.code === 'max-goals')
      return t('plan.panel.errors.maxGoals', { limit: String(error.params?.limit ?? '') });
    if (error.code === 'is-revision') return t('plan.panel.errors.isRevision');
    if (error.code === 'after-target') return t('plan.panel.errors.afterTarget');
    return null;
  };
  const shown = problem && problem.code !== 'version-conflict' ? withPlanMessages(problem, ownMessage) : null;
  const errors: Errors = text.fieldErrors(shown);
  const names = {
    goal: (n: number) => t('plan.panel.goal', { n }),
    subGoal: (n: number) => t('plan.panel.subGoal', { n }),
    step: (n: number) => t('plan.panel.step', { n }),
    field: (name: string) => {
      if (name.startsWith('header.')) return t(`plan.panel.header.${name.slice(7) as 'problem'}`);
      const key = FIELD_LABELS[name];
      return key ? t(key as 'plan.panel.indicator') : name;
    },
  };
  const fieldRefs: Record<string, FieldRef> = Object.fromEntries(
    Object.keys(errors).map((path) => [path, { id: fieldId(path), label: fieldLabel(path, names) }]),
  );
  const changeProblem = shown && isChangeProblem(shown) ? shown : null;

  const setGoals = (goals: GoalForm[]) => setForm((f) => ({ ...f, goals }));

  async function save(kind?: ChangeKind) {
    setBusy(true);
    const body = saveBody(form, {
      version: plan?.version ?? 0,
      ...(kind ? { changeKind: kind, reason } : {}),
    });
    const result = await call(api.PUT('/api/cases/{id}/plan', { params: { path: { id: caseId } }, body }));
    setBusy(false);
    if (result.ok) {
      setAsking(false);
      onSaved(result.data);
      return;
    }
    setProblem(result.problem);
    if (!isChangeProblem(result.problem)) setAsking(false);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (plan?.status === 'agreed') {
      setProblem(null);
      setAsking(true);
    } else void save();
  }

  function takeNeed() {
    const need = needs.data?.find((n) => n.id === needChoice);
    if (!need) return;
    setGoals([...form.goals, emptyGoal({ wording: need.text, needId: need.id })]);
    setAnnouncement(t('plan.panel.form.fromNeedTaken', { text: need.text }));
    focus(`${goalPrefix([form.goals.length])}-wording`);
  }

  if (problem?.code === 'version-conflict') {
    return (
      <ConflictNotice
        heading={t('plan.panel.conflict.heading')}
        text={t('plan.panel.conflict.text')}
        hint={t('plan.panel.conflict.hint')}
        action={t('plan.panel.conflict.action')}
        onAction={onConflict}
      />
    );
  }

  return (
    <form noValidate onSubmit={submit} aria-labelledby="plan-form-heading" className="plan-form">
      <h3 id="plan-form-heading">{t('plan.panel.form.heading')}</h3>
      <StatusRegion message={announcement} />
      <ErrorSummary problem={asking ? null : shown} fields={fieldRefs} />
      <FieldGroup legend={t('plan.panel.legalType')}>
        <SelectField
          id="plan-legalType"
          label={t('plan.panel.form.legalType')}
          optional
          value={form.legalType}
          options={[
            { value: '', label: t('plan.panel.legalNone') },
            ...LEGAL_TYPES.map((l) => ({ value: l, label: t(`plan.panel.legalTypes.${l}`) })),
          ]}
          onValueChange={(v) => setForm((f) => ({ ...f, legalType: v as PlanForm['legalType'] }))}
          error={errors.legalType}
        />
        <TextField
          id="plan-legalNote"
          label={t('plan.panel.legalNote')}
          optional
          value={form.legalNote}
          onValueChange={(v) => setForm((f) => ({ ...f, legalNote: v }))}
          error={errors.legalNote}
        />
      </FieldGroup>
      <FieldGroup legend={t('plan.panel.headerHeading')}>
        {HEADER_FIELDS.map((field) => (
          <TextArea
            key={field}
            id={`plan-header-${field}`}
            label={t(`plan.panel.header.${field}`)}
            optional
            value={form.header[field]}
            onValueChange={(v) => setForm((f) => ({ ...f, header: { ...f.header, [field]: v } }))}
            error={errors[`header.${field}`]}
          />
        ))}
        <TextField
          id="plan-header-reviewOn"
          type="date"
          label={t('plan.panel.header.reviewOn')}
          optional
          value={form.header.reviewOn}
          onValueChange={(v) => setForm((f) => ({ ...f, header: { ...f.header, reviewOn: v } }))}
          error={errors['header.reviewOn']}
        />
      </FieldGroup>
      <fieldset
        id="plan-goals"
        className="fieldset group"
        aria-describedby={errors.goals ? 'plan-goals-error' : undefined}
      >
        <legend className="group__legend">{t('plan.panel.form.goalsLegend')}</legend>
        {rules.maxGoals !== null ? (
          <p className="field__hint">{t('plan.panel.form.maxGoals', { count: rules.maxGoals })}</p>
        ) : null}
        {errors.goals ? (
          <p id="plan-goals-error" className="field__error">
            {errors.goals}
          </p>
        ) : null}
        {form.goals.map((goal, g) => (
          <GoalEditor
            key={goal.key}
            goal={goal}
            position={[g]}
            count={form.goals.length}
            errors={errors}
            warningAt={(sub, step) => (warnings.get(stepPointer(g, sub, step)) ?? []).length > 0}
            onChange={(next) => setGoals(form.goals.map((x, i) => (i === g ? next : x)))}
            onMove={(direction) => {
              setGoals(moveItem(form.goals, g, direction));
              const name = t('plan.panel.goal', { n: g + 1 });
              setAnnouncement(t('plan.panel.form.moved', { name, position: g + 1 + direction }));
              focus(`${goalPrefix([g + direction])}-${direction === -1 ? 'up' : 'down'}`);
            }}
            onRemove={() => {
              setGoals(form.goals.filter((_, i) => i !== g));
              setAnnouncement(t('plan.panel.form.removed', { name: t('plan.panel.goal', { n: g + 1 }) }));
              focus('plan-add-goal');
            }}
          />
        ))}
        <Button
          id="plan-add-goal"
          variant="secondary"
          onClick={() => {
            setGoals([...form.goals, emptyGoal()]);
            focus(`${goalPrefix([form.goals.length])}-wording`);
          }}
        >
          {t('plan.panel.form.addGoal')}
        </Button>
        {rules.maxGoals !== null && countedGoals(form) > rules.maxGoals ? (
          <p className="field__hint">{t('plan.panel.errors.maxGoals', { limit: rules.maxGoals })}</p>
        ) : null}
        <div className="plan-from-need">
          {needs.result && !needs.result.ok ? (
            <ProblemAlert problem={needs.result.problem} onRetry={needs.reload} />
          ) : null}
          {needs.data && needs.data.length === 0 ? (
            <p className="field__hint">{t('plan.panel.form.fromNeedNone')}</p>
          ) : null}
          {needs.data && needs.data.length > 0 ? (
            <>
              <SelectField
                id="plan-from-need"
                label={t('plan.panel.form.fromNeed')}
                value={needChoice}
                options={[
                  { value: '', label: '' },
                  ...needs.data.map((n) => ({ value: n.id, label: n.text })),
                ]}
                onValueChange={setNeedChoice}
              />
              <Button variant="secondary" onClick={takeNeed}>
                {t('plan.panel.form.fromNeedAdd')}
              </Button>
            </>
          ) : null}
        </div>
      </fieldset>
      <div className="actions">
        <Button type="submit" busy={busy && !asking}>
          {t('plan.panel.form.save')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('plan.panel.form.cancel')}
        </Button>
      </div>
      <Dialog open={asking} title={t('plan.panel.change.title')} onClose={() => setAsking(false)}>
        <p>{t('plan.panel.change.intro')}</p>
        <ErrorSummary problem={changeProblem} fields={fieldRefs} />
        <RadioGroup
          id="plan-changeKind"
          legend={t('plan.panel.change.kind')}
          options={[
            { value: 'extension', label: t('plan.panel.change.extension') },
            { value: 'revision', label: t('plan.panel.change.revision') },
          ]}
          value={changeKind}
          onValueChange={(v) => setChangeKind(v as ChangeKind)}
          error={changeProblem ? errors.changeKind : undefined}
        />
        <TextArea
          id="plan-reason"
          label={t('plan.panel.change.reason')}
          hint={t('plan.panel.change.reasonHint')}
          optional={changeKind !== 'revision'}
          value={reason}
          onValueChange={setReason}
          error={changeProblem ? errors.reason : undefined}
        />
        <div className="actions">
          <Button busy={busy} onClick={() => void save(changeKind)}>
            {t('plan.panel.change.submit')}
          </Button>
          <Button variant="secondary" onClick={() => setAsking(false)}>
            {t('plan.panel.cancel')}
          </Button>
        </div>
      </Dialog>
    </form>
  );
}

interface GoalEditorProps {
  goal: GoalForm;
  /** [goal] or [goal, sub-goal]. */
  position: number[];
  count: number;
  errors: Errors;
  warningAt: (sub: number | null, step: number) => boolean;
  onChange: (goal: GoalForm) => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
}

function GoalEditor({
  goal,
  position,
  count,
  errors,
  warningAt,
  onChange,
  onMove,
  onRemove,
}: GoalEditorProps) {
  const { t } = useTranslation();
  const focus = useFocusAfterRender();
  const [g, s] = position;
  const isSub = s !== undefined;
  const index = isSub ? s : (g ?? 0);
  const id = goalPrefix(position);
  const path = isSub ? `goals.${g}.subGoals.${s}` : `goals.${g}`;
  const name = isSub ? t('plan.panel.subGoal', { n: index + 1 }) : t('plan.panel.goal', { n: index + 1 });
  const set = (changes: Partial<GoalForm>) => onChange({ ...goal, ...changes });
  const setSteps = (steps: StepForm[]) => set({ steps });

  return (
    <fieldset
      id={id}
      className={isSub ? 'fieldset group plan-goal plan-goal--sub' : 'fieldset group plan-goal'}
    >
      <legend className="group__legend">{name}</legend>
      <TextArea
        id={`${id}-wording`}
        label={t('plan.panel.form.wording')}
        hint={t('plan.panel.form.wordingHint')}
        value={goal.wording}
        onValueChange={(wording) => set({ wording })}
        error={errors[`${path}.wording`]}
      />
      <fieldset id={`${id}-smart`} className="field fieldset" aria-describedby={`${id}-smart-hint`}>
        <legend className="field__label">{t('plan.panel.form.smartLegend')}</legend>
        <p id={`${id}-smart-hint`} className="field__hint">
          {t('plan.panel.form.smartHint')}
        </p>
        {SMART_KEYS.map((key) => (
          <CheckboxField
            key={key}
            id={`${id}-smart-${key}`}
            label={t(`plan.panel.form.smart.${key}`)}
            checked={goal.smart[key]}
            onCheckedChange={(checked) => set({ smart: { ...goal.smart, [key]: checked } })}
          />
        ))}
      </fieldset>
      <CheckboxField
        id={`${id}-clientWords`}
        label={t('plan.panel.clientWords')}
        checked={goal.clientWords}
        onCheckedChange={(clientWords) => set({ clientWords })}
      />
      <TextArea
        id={`${id}-indicator`}
        label={t('plan.panel.indicator')}
        optional
        value={goal.indicator}
        onValueChange={(indicator) => set({ indicator })}
        error={errors[`${path}.indicator`]}
      />
      <TextField
        id={`${id}-targetOn`}
        type="date"
        label={t('plan.panel.targetOn')}
        optional
        value={goal.targetOn}
        onValueChange={(targetOn) => set({ targetOn })}
        error={errors[`${path}.targetOn`]}
      />
      <TextField
        id={`${id}-followUpOn`}
        type="date"
        label={t('plan.panel.followUpOn')}
        optional
        value={goal.followUpOn}
        onValueChange={(followUpOn) => set({ followUpOn })}
        error={errors[`${path}.followUpOn`]}
      />
      <SelectField
        id={`${id}-field`}
        label={t('plan.panel.field')}
        hint={t('plan.panel.fieldHint')}
        optional
        value={goal.field}
        options={[
          { value: '', label: t('plan.panel.fieldNone') },
          ...FIELDS_OF_ACTION.map((f) => ({ value: f, label: t(`gaps.field.${f}`) })),
        ]}
        onValueChange={(v) => set({ field: v as GoalForm['field'] })}
        error={errors[`${path}.field`]}
      />
      <SelectField
        id={`${id}-status`}
        label={t('plan.panel.goalStatusLabel')}
        value={goal.status}
        options={GOAL_STATUSES.map((v) => ({ value: v, label: t(`plan.panel.goalStatus.${v}`) }))}
        onValueChange={(v) => set({ status: v as GoalForm['status'] })}
      />
      {goal.steps.map((step, i) => (
        <StepEditor
          key={step.key}
          step={step}
          id={`${id}-step-${i}`}
          path={`${path}.steps.${i}`}
          name={t('plan.panel.step', { n: i + 1 })}
          count={goal.steps.length}
          index={i}
          errors={errors}
          afterTarget={warningAt(isSub ? index : null, i)}
          onChange={(next) => setSteps(goal.steps.map((x, j) => (j === i ? next : x)))}
          onMove={(direction) => {
            setSteps(moveItem(goal.steps, i, direction));
            focus(`${id}-step-${i + direction}-${direction === -1 ? 'up' : 'down'}`);
          }}
          onRemove={() => {
            setSteps(goal.steps.filter((_, j) => j !== i));
            focus(`${id}-add-step`);
          }}
        />
      ))}
      <Button
        id={`${id}-add-step`}
        variant="secondary"
        onClick={() => {
          setSteps([...goal.steps, emptyStep()]);
          focus(`${id}-step-${goal.steps.length}-what`);
        }}
      >
        {t('plan.panel.form.addStep')}
        <span className="visually-hidden"> ({name})</span>
      </Button>
      {!isSub ? (
        <>
          {goal.subGoals.map((sub, j) => (
            <GoalEditor
              key={sub.key}
              goal={sub}
              position={[index, j]}
              count={goal.subGoals.length}
              errors={errors}
              warningAt={(_, step) => warningAt(j, step)}
              onChange={(next) => set({ subGoals: goal.subGoals.map((x, k) => (k === j ? next : x)) })}
              onMove={(direction) => {
                set({ subGoals: moveItem(goal.subGoals, j, direction) });
                focus(`${goalPrefix([index, j + direction])}-${direction === -1 ? 'up' : 'down'}`);
              }}
              onRemove={() => {
                set({ subGoals: goal.subGoals.filter((_, k) => k !== j) });
                focus(`${id}-add-sub`);
              }}
            />
          ))}
          <Button
            id={`${id}-add-sub`}
            variant="secondary"
            onClick={() => {
              set({ subGoals: [...goal.subGoals, emptyGoal()] });
              focus(`${goalPrefix([index, goal.subGoals.length])}-wording`);
            }}
          >
            {t('plan.panel.form.addSubGoal')}
            <span className="visually-hidden"> ({name})</span>
          </Button>
        </>
      ) : null}
      <MoveRemove id={id} name={name} index={index} count={count} onMove={onMove} onRemove={onRemove} />
    </fieldset>
  );
}

function MoveRemove({
  id,
  name,
  index,
  count,
  onMove,
  onRemove,
}: {
  id: string;
  name: string;
  index: number;
  count: number;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      {index > 0 ? (
        <Button id={`${id}-up`} variant="secondary" onClick={() => onMove(-1)}>
          {t('plan.panel.form.up', { name })}
        </Button>
      ) : null}
      {index < count - 1 ? (
        <Button id={`${id}-down`} variant="secondary" onClick={() => onMove(1)}>
          {t('plan.panel.form.down', { name })}
        </Button>
      ) : null}
      <Button id={`${id}-remove`} variant="danger" onClick={onRemove}>
        {t('plan.panel.form.remove', { name })}
      </Button>
    </div>
  );
}

interface StepEditorProps {
  step: StepForm;
  id: string;
  path: string;
  name: string;
  index: number;
  count: number;
  errors: Errors;
  afterTarget: boolean;
  onChange: (step: StepForm) => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
}

function StepEditor({
  step,
  id,
  path,
  name,
  index,
  count,
  errors,
  afterTarget,
  onChange,
  onMove,
  onRemove,
}: StepEditorProps) {
  const { t } = useTranslation();
  const set = (changes: Partial<StepForm>) => onChange({ ...step, ...changes });
  const field = (key: 'whoName' | 'provider' | 'offer' | 'costBearer', label: string) => (
    <TextField
      id={`${id}-${key}`}
      label={label}
      optional
      value={step[key]}
      onValueChange={(v) => set({ [key]: v })}
      error={errors[`${path}.${key}`]}
    />
  );
  return (
    <fieldset id={id} className="fieldset group plan-step">
      <legend className="group__legend">{name}</legend>
      <TextField
        id={`${id}-what`}
        label={t('plan.panel.steps.what')}
        value={step.what}
        onValueChange={(what) => set({ what })}
        error={errors[`${path}.what`]}
      />
      <SelectField
        id={`${id}-who`}
        label={t('plan.panel.steps.who')}
        value={step.who}
        options={STEP_WHO.map((v) => ({ value: v, label: t(`plan.panel.who.${v}`) }))}
        onValueChange={(v) => set({ who: v as StepForm['who'] })}
      />
      {field('whoName', t('plan.panel.steps.whoName'))}
      <TextField
        id={`${id}-dueOn`}
        type="date"
        label={t('plan.panel.steps.dueOn')}
        optional
        hint={afterTarget ? t('plan.panel.errors.afterTarget') : undefined}
        value={step.dueOn}
        onValueChange={(dueOn) => set({ dueOn })}
        error={errors[`${path}.dueOn`]}
      />
      {field('provider', t('plan.panel.steps.provider'))}
      {field('offer', t('plan.panel.steps.offer'))}
      {field('costBearer', t('plan.panel.steps.costBearer'))}
      <SelectField
        id={`${id}-mode`}
        label={t('plan.panel.steps.mode')}
        optional
        value={step.mode}
        options={[
          { value: '', label: t('plan.panel.mode.none') },
          ...STEP_MODES.map((v) => ({ value: v, label: t(`plan.panel.mode.${v}`) })),
        ]}
        onValueChange={(v) => set({ mode: v as StepForm['mode'] })}
      />
      <SelectField
        id={`${id}-status`}
        label={t('plan.panel.steps.status')}
        value={step.status}
        options={STEP_STATUSES.map((v) => ({ value: v, label: t(`plan.panel.stepStatus.${v}`) }))}
        onValueChange={(v) => set({ status: v as StepForm['status'] })}
      />
      {step.status === 'done' ? (
        <TextField
          id={`${id}-doneOn`}
          type="date"
          label={t('plan.panel.steps.doneOn')}
          optional
          value={step.doneOn}
          onValueChange={(doneOn) => set({ doneOn })}
          error={errors[`${path}.doneOn`]}
        />
      ) : null}
      <RadioGroup
        id={`${id}-offerAvailable`}
        legend={t('plan.panel.form.offerLegend')}
        options={(['yes', 'no', 'open'] as const).map((v) => ({
          value: v,
          label: t(`plan.panel.offer.${v}`),
        }))}
        value={step.offerAvailable}
        onValueChange={(v) => set({ offerAvailable: v as OfferAnswer })}
      />
      <MoveRemove id={id} name={name} index={index} count={count} onMove={onMove} onRemove={onRemove} />
    </fieldset>
  );
}
