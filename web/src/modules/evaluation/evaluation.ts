import {
  DIMENSIONS,
  type Attainment,
  type Destination,
  type Dimension,
  type EndedBy,
  type EvaluationEnvelope,
  type FormLanguage,
  type GoalToRate,
  type LifeSituation,
  type Method,
  type SatisfactionMode,
  type SaveBody,
} from './model';

/*
 * The evaluation form works on a local copy: choices are strings ('' for "not given") and become null in the
 * request; the final attainment is kept per goal id. The server takes the evaluation as a whole.
 */

export interface EvaluationForm {
  evaluatedOn: string;
  endedBy: EndedBy | '';
  lifeSituation: LifeSituation | '';
  /** '' = not answered, else '1' … '5'. */
  satisfaction: Record<Dimension, string>;
  satisfactionMode: SatisfactionMode;
  satisfactionLanguage: FormLanguage | '';
  methods: Method[];
  destination: Destination | '';
  gapsFound: string;
  summary: string;
  /** Goal id → attainment ('' = not rated). */
  goals: Record<string, Attainment | ''>;
  followUpOffered: boolean;
  followUpAgreed: boolean;
}

const noAnswers = (): Record<Dimension, string> =>
  Object.fromEntries(DIMENSIONS.map((d) => [d, ''])) as Record<Dimension, string>;

/** The stored evaluation → the form; without one a new evaluation dated today, asked in the talk. */
export function evaluationToForm(envelope: EvaluationEnvelope, today: string): EvaluationForm {
  const e = envelope.evaluation;
  const goals: Record<string, Attainment | ''> = {};
  for (const goal of envelope.goals) goals[goal.id] = '';
  if (e === null) {
    return {
      evaluatedOn: today,
      endedBy: '',
      lifeSituation: '',
      satisfaction: noAnswers(),
      satisfactionMode: 'with_client',
      satisfactionLanguage: '',
      methods: [],
      destination: '',
      gapsFound: '',
      summary: '',
      goals,
      followUpOffered: false,
      followUpAgreed: false,
    };
  }
  for (const rating of e.goals) goals[rating.goalId] = rating.attainment;
  const satisfaction = noAnswers();
  for (const d of DIMENSIONS) satisfaction[d] = e.satisfaction[d] === null ? '' : String(e.satisfaction[d]);
  return {
    evaluatedOn: e.evaluatedOn,
    endedBy: e.endedBy ?? '',
    lifeSituation: e.lifeSituation ?? '',
    satisfaction,
    satisfactionMode: e.satisfactionMode,
    satisfactionLanguage: e.satisfactionLanguage ?? '',
    methods: [...e.methods],
    destination: e.destination ?? '',
    gapsFound: e.gapsFound ?? '',
    summary: e.summary ?? '',
    goals,
    followUpOffered: e.followUpOffered,
    followUpAgreed: e.followUpAgreed,
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * The PUT body. Rated goals go in the plan's order (the order of `goals`), so a problem at `/goals/<i>` names
 * the i-th rated goal; "not asked" sends no answers; an agreed talk needs the offer.
 */
export function saveBody(form: EvaluationForm, goals: readonly GoalToRate[], version: number): SaveBody {
  const asked = form.satisfactionMode !== 'not_asked';
  const satisfaction = Object.fromEntries(
    DIMENSIONS.map((d) => [d, asked && form.satisfaction[d] !== '' ? Number(form.satisfaction[d]) : null]),
  ) as SaveBody['satisfaction'];
  return {
    version,
    evaluatedOn: form.evaluatedOn,
    endedBy: form.endedBy === '' ? null : form.endedBy,
    lifeSituation: form.lifeSituation === '' ? null : form.lifeSituation,
    satisfaction,
    satisfactionMode: form.satisfactionMode,
    satisfactionLanguage: asked && form.satisfactionLanguage !== '' ? form.satisfactionLanguage : null,
    methods: [...form.methods],
    destination: form.destination === '' ? null : form.destination,
    gapsFound: orNull(form.gapsFound),
    summary: orNull(form.summary),
    goals: ratedGoals(form, goals).map((g) => ({ goalId: g.id, attainment: g.attainment })),
    followUpOffered: form.followUpOffered,
    followUpAgreed: form.followUpOffered && form.followUpAgreed,
  };
}

/** The goals with a rating, in the plan's order. */
export function ratedGoals(
  form: EvaluationForm,
  goals: readonly GoalToRate[],
): (GoalToRate & { attainment: Attainment })[] {
  return goals.flatMap((g) => {
    const attainment = form.goals[g.id];
    return attainment ? [{ ...g, attainment }] : [];
  });
}

/** Goals still without a final attainment (dropped goals need none). */
export function unratedGoals(form: EvaluationForm, goals: readonly GoalToRate[]): number {
  return goals.filter((g) => g.status !== 'dropped' && !form.goals[g.id]).length;
}

/** The id of a goal's attainment control. */
export function goalControlId(goalId: string): string {
  return `evaluation-goal-${goalId}`;
}
