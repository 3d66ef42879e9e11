import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { ConflictNotice } from '../../ui/ConflictNotice';
import { ErrorSummary, type FieldRef } from '../../ui/ErrorSummary';
import {
  CheckboxField,
  CheckboxGroup,
  FieldGroup,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
} from '../../ui/fields';
import { today, useFormat } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import { evaluationToForm, goalControlId, ratedGoals, saveBody, type EvaluationForm } from './evaluation';
import {
  ATTAINMENTS,
  DESTINATIONS,
  DIMENSIONS,
  ENDED_BY,
  FORM_LANGUAGES,
  LIFE_SITUATIONS,
  METHODS,
  MODES,
  SCALE,
  type EvaluationEnvelope,
  type FormLanguage,
  type GoalToRate,
} from './model';
import { SatisfactionSheet } from './SatisfactionSheet';

interface EvaluationEditorProps {
  caseId: string;
  caseNumber: string;
  envelope: EvaluationEnvelope;
  onSaved: (envelope: EvaluationEnvelope) => void;
  onConflict: () => void;
}

/** The evaluation as a form on a local copy, saved as a whole with the version read (a draft while the case runs). */
export function EvaluationEditor({
  caseId,
  caseNumber,
  envelope,
  onSaved,
  onConflict,
}: EvaluationEditorProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const format = useFormat();
  const [form, setForm] = useState<EvaluationForm>(() => evaluationToForm(envelope, today()));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sent, setSent] = useState<GoalToRate[]>([]);
  const [busy, setBusy] = useState(false);
  const [sheetLanguage, setSheetLanguage] = useState<FormLanguage | null>(null);
  const set = (changes: Partial<EvaluationForm>) => setForm((f) => ({ ...f, ...changes }));
  const shown = problem && problem.code !== 'version-conflict' ? problem : null;
  const errors = text.fieldErrors(shown);
  const goalLabel = (g: GoalToRate) =>
    g.parentId
      ? t('evaluation.form.subGoal', { wording: g.wording })
      : t('evaluation.form.goal', { wording: g.wording });

  const fields: Record<string, FieldRef> = {
    evaluatedOn: { id: 'evaluation-evaluatedOn', label: t('evaluation.form.evaluatedOn') },
    endedBy: { id: 'evaluation-endedBy', label: t('evaluation.form.endedBy') },
    lifeSituation: { id: 'evaluation-lifeSituation', label: t('evaluation.form.lifeSituation') },
    satisfactionMode: { id: 'evaluation-satisfactionMode', label: t('evaluation.form.mode') },
    satisfactionLanguage: { id: 'evaluation-satisfactionLanguage', label: t('evaluation.form.language') },
    methods: { id: 'evaluation-methods', label: t('evaluation.form.methods') },
    destination: { id: 'evaluation-destination', label: t('evaluation.form.destination') },
    gapsFound: { id: 'evaluation-gapsFound', label: t('evaluation.form.gapsFound') },
    summary: { id: 'evaluation-summary', label: t('evaluation.form.summary') },
    followUpOffered: { id: 'evaluation-followUpOffered', label: t('evaluation.form.followUpOffered') },
    followUpAgreed: { id: 'evaluation-followUpAgreed', label: t('evaluation.form.followUpAgreed') },
  };
  for (const d of DIMENSIONS)
    fields[`satisfaction.${d}`] = {
      id: `evaluation-satisfaction-${d}`,
      label: t(`evaluation.form.dimension.${d}`),
    };
  // A problem at /goals/<i> names the i-th rated goal of the body sent.
  sent.forEach((g, i) => {
    const ref = { id: goalControlId(g.id), label: goalLabel(g) };
    fields[`goals.${i}.goalId`] = ref;
    fields[`goals.${i}.attainment`] = ref;
  });
  const goalError = (goalId: string) => {
    const i = sent.findIndex((g) => g.id === goalId);
    return i < 0 ? undefined : (errors[`goals.${i}.goalId`] ?? errors[`goals.${i}.attainment`]);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setSent(ratedGoals(form, envelope.goals));
    const result = await call(
      api.PUT('/api/cases/{id}/evaluation', {
        params: { path: { id: caseId } },
        body: saveBody(form, envelope.goals, envelope.evaluation?.version ?? 0),
      }),
    );
    setBusy(false);
    if (result.ok) {
      setProblem(null);
      onSaved(result.data);
    } else setProblem(result.problem);
  }

  if (problem?.code === 'version-conflict') {
    return (
      <ConflictNotice
        heading={t('evaluation.conflict.heading')}
        text={t('evaluation.conflict.text')}
        hint={t('evaluation.conflict.hint')}
        action={t('evaluation.conflict.action')}
        onAction={onConflict}
      />
    );
  }

  const asked = form.satisfactionMode !== 'not_asked';
  const due = envelope.evaluation?.followUpDueOn ?? null;
  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="evaluation-form-heading">
      <h3 id="evaluation-form-heading">{t('evaluation.form.heading')}</h3>
      <ErrorSummary problem={shown} fields={fields} />
      <TextField
        id="evaluation-evaluatedOn"
        type="date"
        label={t('evaluation.form.evaluatedOn')}
        value={form.evaluatedOn}
        onValueChange={(evaluatedOn) => set({ evaluatedOn })}
        error={errors.evaluatedOn}
      />

      <FieldGroup legend={t('evaluation.form.goalsLegend')} hint={t('evaluation.form.goalsHint')}>
        {envelope.goals.length === 0 ? <p>{t('evaluation.form.noGoals')}</p> : null}
        {envelope.goals.map((g) => (
          <div key={g.id} className={g.parentId ? 'evaluation-goal--sub' : undefined}>
            <SelectField
              id={goalControlId(g.id)}
              label={goalLabel(g)}
              hint={
                g.lastReview
                  ? t('evaluation.form.lastReview', {
                      date: format.day(g.lastReview.reviewedOn),
                      attainment: t(`plan.panel.attainment.${g.lastReview.attainment}`),
                    })
                  : t('evaluation.form.noReview')
              }
              optional
              dir="auto"
              value={form.goals[g.id] ?? ''}
              options={[
                { value: '', label: t('evaluation.form.notRated') },
                ...ATTAINMENTS.map((a) => ({ value: a, label: t(`plan.panel.attainment.${a}`) })),
              ]}
              onValueChange={(v) =>
                set({ goals: { ...form.goals, [g.id]: v as EvaluationForm['goals'][string] } })
              }
              error={goalError(g.id)}
            />
          </div>
        ))}
      </FieldGroup>

      <RadioGroup
        id="evaluation-endedBy"
        legend={t('evaluation.form.endedBy')}
        optional
        options={ENDED_BY.map((v) => ({ value: v, label: t(`evaluation.form.endedByOption.${v}`) }))}
        value={form.endedBy}
        onValueChange={(v) => set({ endedBy: v as EvaluationForm['endedBy'] })}
        error={errors.endedBy}
      />
      <RadioGroup
        id="evaluation-lifeSituation"
        legend={t('evaluation.form.lifeSituation')}
        optional
        options={LIFE_SITUATIONS.map((v) => ({
          value: v,
          label: t(`evaluation.form.lifeSituationOption.${v}`),
        }))}
        value={form.lifeSituation}
        onValueChange={(v) => set({ lifeSituation: v as EvaluationForm['lifeSituation'] })}
        error={errors.lifeSituation}
      />

      <FieldGroup
        legend={t('evaluation.form.satisfactionLegend')}
        hint={t('evaluation.form.satisfactionHint')}
      >
        <RadioGroup
          id="evaluation-satisfactionMode"
          legend={t('evaluation.form.mode')}
          options={MODES.map((v) => ({ value: v, label: t(`evaluation.form.modeOption.${v}`) }))}
          value={form.satisfactionMode}
          onValueChange={(v) => set({ satisfactionMode: v as EvaluationForm['satisfactionMode'] })}
          error={errors.satisfactionMode}
        />
        {asked ? (
          <>
            <SelectField
              id="evaluation-satisfactionLanguage"
              label={t('evaluation.form.language')}
              optional={form.satisfactionMode !== 'client_form'}
              value={form.satisfactionLanguage}
              options={[
                { value: '', label: t('evaluation.form.languageNone') },
                ...FORM_LANGUAGES.map((l) => ({ value: l, label: t(`evaluation.form.languageOption.${l}`) })),
              ]}
              onValueChange={(v) =>
                set({ satisfactionLanguage: v as EvaluationForm['satisfactionLanguage'] })
              }
              error={errors.satisfactionLanguage}
            />
            <Button
              variant="secondary"
              aria-expanded={sheetLanguage !== null}
              aria-controls="evaluation-sheet"
              onClick={() =>
                setSheetLanguage(sheetLanguage === null ? form.satisfactionLanguage || 'de' : null)
              }
            >
              {sheetLanguage === null ? t('evaluation.form.showForm') : t('evaluation.form.hideForm')}
            </Button>
            <div id="evaluation-sheet">
              {sheetLanguage !== null ? (
                <SatisfactionSheet
                  language={sheetLanguage}
                  caseNumber={caseNumber}
                  onLanguageChange={setSheetLanguage}
                />
              ) : null}
            </div>
            {DIMENSIONS.map((d) => (
              <RadioGroup
                key={d}
                id={`evaluation-satisfaction-${d}`}
                legend={t(`evaluation.form.dimension.${d}`)}
                hint={t(`evaluation.form.dimensionHint.${d}`)}
                options={[
                  ...SCALE.map((p) => ({ value: String(p), label: t(`evaluation.form.scale.${p}`) })),
                  { value: '', label: t('evaluation.form.noAnswer') },
                ]}
                value={form.satisfaction[d]}
                onValueChange={(v) => set({ satisfaction: { ...form.satisfaction, [d]: v } })}
                error={errors[`satisfaction.${d}`]}
              />
            ))}
          </>
        ) : null}
      </FieldGroup>

      <CheckboxGroup
        id="evaluation-methods"
        legend={t('evaluation.form.methods')}
        options={METHODS.map((m) => ({ value: m, label: t(`evaluation.form.method.${m}`) }))}
        values={form.methods}
        onValuesChange={(values) => set({ methods: METHODS.filter((m) => values.includes(m)) })}
        error={errors.methods}
      />
      <SelectField
        id="evaluation-destination"
        label={t('evaluation.form.destination')}
        optional
        value={form.destination}
        options={[
          { value: '', label: t('evaluation.form.destinationNone') },
          ...DESTINATIONS.map((d) => ({ value: d, label: t(`evaluation.form.destinationOption.${d}`) })),
        ]}
        onValueChange={(v) => set({ destination: v as EvaluationForm['destination'] })}
        error={errors.destination}
      />
      <TextArea
        id="evaluation-gapsFound"
        label={t('evaluation.form.gapsFound')}
        hint={t('evaluation.form.gapsHint')}
        optional
        dir="auto"
        maxLength={4000}
        value={form.gapsFound}
        onValueChange={(gapsFound) => set({ gapsFound })}
        error={errors.gapsFound}
      />
      <p>
        <Link to={`/gaps/new?caseId=${encodeURIComponent(caseId)}`}>{t('evaluation.form.reportGap')}</Link>
      </p>
      <TextArea
        id="evaluation-summary"
        label={t('evaluation.form.summary')}
        optional
        dir="auto"
        rows={5}
        maxLength={8000}
        value={form.summary}
        onValueChange={(summary) => set({ summary })}
        error={errors.summary}
      />

      <FieldGroup legend={t('evaluation.form.followUpLegend')} hint={t('evaluation.form.followUpHint')}>
        <CheckboxField
          id="evaluation-followUpOffered"
          label={t('evaluation.form.followUpOffered')}
          checked={form.followUpOffered}
          onCheckedChange={(offered) =>
            set({ followUpOffered: offered, followUpAgreed: offered && form.followUpAgreed })
          }
        />
        {form.followUpOffered ? (
          <CheckboxField
            id="evaluation-followUpAgreed"
            label={t('evaluation.form.followUpAgreed')}
            checked={form.followUpAgreed}
            onCheckedChange={(followUpAgreed) => set({ followUpAgreed })}
          />
        ) : null}
        {errors.followUpAgreed ? <p className="field__error">{errors.followUpAgreed}</p> : null}
        {due ? <p>{t('evaluation.form.followUpDue', { date: format.day(due) })}</p> : null}
      </FieldGroup>

      <div className="actions">
        <Button type="submit" busy={busy}>
          {t('evaluation.form.save')}
        </Button>
      </div>
    </form>
  );
}
