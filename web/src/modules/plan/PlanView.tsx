import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { RadioGroup, SelectField, TextArea, TextField } from '../../ui/fields';
import { today, useFormat } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';
import {
  ATTAINMENTS,
  CONSEQUENCES,
  HEADER_FIELDS,
  SIGNATURE_FORMS,
  SIGNERS,
  type Attainment,
  type Consequence,
  type Goal,
  type Plan,
  type PlanEnvelope,
  type Signature,
  type SignatureBody,
  type Step,
  type SubGoal,
  type Warning,
} from './model';
import { FEW_STEPS, latestReview, stepPointer, warningsByStep } from './plan';
import './plan.css';

/** The plan as the team reads it: legal form, starting point, the glance, goals with steps and reviews. */
export function PlanView({
  plan,
  canWrite,
  onChanged,
}: {
  plan: Plan;
  canWrite: boolean;
  onChanged: (message: string, envelope?: PlanEnvelope) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [reviewing, setReviewing] = useState<{ goal: Goal | SubGoal; name: string } | null>(null);
  const warnings = warningsByStep(plan.warnings);

  return (
    <>
      <section aria-labelledby="plan-legal-heading">
        <h3 id="plan-legal-heading">{t('plan.panel.legalType')}</h3>
        <p>
          {plan.legalType ? t(`plan.panel.legalTypes.${plan.legalType}`) : t('plan.panel.legalNone')}
          {plan.bindingness ? ` – ${t(`plan.panel.bindingness.${plan.bindingness}`)}` : null}
        </p>
        {plan.legalNote ? <p>{plan.legalNote}</p> : null}
      </section>
      <Glance plan={plan} />
      <section aria-labelledby="plan-header-heading">
        <h3 id="plan-header-heading">{t('plan.panel.headerHeading')}</h3>
        <dl className="facts facts--small">
          {HEADER_FIELDS.map((field) => (
            <div key={field}>
              <dt>{t(`plan.panel.header.${field}`)}</dt>
              <dd className="plan-text">{plan.header[field] ?? t('plan.panel.empty')}</dd>
            </div>
          ))}
          <div>
            <dt>{t('plan.panel.header.reviewOn')}</dt>
            <dd>{format.day(plan.header.reviewOn)}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="plan-goals-heading">
        <h3 id="plan-goals-heading">{t('plan.panel.goalsHeading')}</h3>
        {plan.goals.length === 0 ? <p>{t('plan.panel.noGoals')}</p> : null}
        {plan.goals.map((goal, g) => {
          const name = t('plan.panel.impactGoal', { n: g + 1 });
          return (
            <article key={goal.id} className="plan-goal" aria-labelledby={`plan-view-goal-${g}`}>
              <h4 id={`plan-view-goal-${g}`}>
                {name}: {goal.wording}
              </h4>
              <GoalDetails
                caseId={plan.caseId}
                goal={goal}
                name={name}
                canWrite={canWrite}
                onReview={() => setReviewing({ goal, name })}
                stepWarning={(s) => warnings.get(stepPointer(g, null, s)) ?? []}
              />
              {goal.subGoals.map((sub, s) => {
                const subName = `${name} › ${t('plan.panel.subGoal', { n: s + 1 })}`;
                return (
                  <article
                    key={sub.id}
                    className="plan-goal plan-goal--sub"
                    aria-labelledby={`plan-view-goal-${g}-${s}`}
                  >
                    <h5 id={`plan-view-goal-${g}-${s}`}>
                      {subName}: {sub.wording}
                    </h5>
                    <GoalDetails
                      caseId={plan.caseId}
                      goal={sub}
                      name={subName}
                      canWrite={canWrite}
                      onReview={() => setReviewing({ goal: sub, name: subName })}
                      stepWarning={(i) => warnings.get(stepPointer(g, s, i)) ?? []}
                    />
                  </article>
                );
              })}
            </article>
          );
        })}
      </section>
      <Dialog
        open={reviewing !== null}
        title={t('plan.panel.review.title')}
        onClose={() => setReviewing(null)}
      >
        {reviewing ? (
          <ReviewForm
            goal={reviewing.goal}
            name={reviewing.name}
            onCancel={() => setReviewing(null)}
            onSaved={() => {
              setReviewing(null);
              onChanged(t('plan.panel.review.saved'));
            }}
          />
        ) : null}
      </Dialog>
      <Signatures plan={plan} canWrite={canWrite} onChanged={onChanged} />
    </>
  );
}

/** The plan's status at a glance; also on the case overview. */
export function Glance({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { glance } = plan;
  const counts = [...ATTAINMENTS, 'unreviewed' as const]
    .map((key) => ({ key, count: glance.goals.byAttainment[key] ?? 0 }))
    .filter((x) => x.count > 0);
  return (
    <section aria-labelledby="plan-glance-heading" className="panel">
      <h3 id="plan-glance-heading">{t('plan.panel.glance.heading')}</h3>
      <dl className="facts facts--small">
        <div>
          <dt>{t('plan.panel.glance.goals')}</dt>
          <dd>
            {glance.goals.total}
            {counts.length > 0
              ? ` (${counts.map((x) => `${t(`plan.panel.attainment.${x.key}`)}: ${x.count}`).join(', ')})`
              : null}
          </dd>
        </div>
        <div>
          <dt>{t('plan.panel.glance.overdue')}</dt>
          <dd>{glance.overdueSteps}</dd>
        </div>
        <div>
          <dt>{t('plan.panel.glance.next30')}</dt>
          <dd>{glance.stepsNext30Days}</dd>
        </div>
        <div>
          <dt>{t('plan.panel.glance.nextReview')}</dt>
          <dd>{format.day(glance.nextReviewOn, t('plan.panel.glance.none'))}</dd>
        </div>
      </dl>
      {glance.stepsNext30Days < FEW_STEPS ? (
        <p className="plan-hint">{t('plan.panel.glance.fewSteps')}</p>
      ) : null}
    </section>
  );
}

/**
 * From an open step to the network level: refer the client to an offer, or — when no fitting offer exists —
 * report the missing help to the planning level (the step's wording prefills the need; the form warns about
 * names).
 */
function StepLinks({ caseId, step }: { caseId: string; step: Step }) {
  const { t } = useTranslation();
  const gap = new URLSearchParams({ caseId, planStepId: step.id, need: step.what });
  return (
    <span className="plan-step-links">
      {step.offerAvailable === false ? (
        <Link to={`/gaps/new?${gap.toString()}`}>
          {t('plan.panel.reportGap')}
          <span className="visually-hidden">: {step.what}</span>
        </Link>
      ) : (
        <Link to={`/cases/${caseId}?tab=referrals&step=${step.id}`}>
          {t('plan.panel.refer')}
          <span className="visually-hidden">: {step.what}</span>
        </Link>
      )}
    </span>
  );
}

function GoalDetails({
  caseId,
  goal,
  name,
  canWrite,
  onReview,
  stepWarning,
}: {
  caseId: string;
  goal: Goal | SubGoal;
  name: string;
  canWrite: boolean;
  onReview: () => void;
  stepWarning: (index: number) => Warning[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const latest = latestReview(goal.reviews);
  const indexed = goal.steps.map((step, index) => ({ step, index }));
  const columns: Column<{ step: Step; index: number }>[] = [
    { key: 'what', header: t('plan.panel.steps.what'), rowHeader: true, cell: ({ step }) => step.what },
    {
      key: 'who',
      header: t('plan.panel.steps.who'),
      cell: ({ step }) => [t(`plan.panel.who.${step.who}`), step.whoName].filter(Boolean).join(': '),
    },
    {
      key: 'due',
      header: t('plan.panel.steps.dueOn'),
      cell: ({ step, index }) => (
        <>
          {format.day(step.dueOn)}
          {stepWarning(index).map((w) => (
            <p key={w.code} className="field__hint plan-warning">
              {t('plan.panel.afterTarget', { target: format.day(String(w.params?.target ?? '')) })}
            </p>
          ))}
        </>
      ),
    },
    {
      key: 'provider',
      header: t('plan.panel.steps.providerOffer'),
      cell: ({ step }) => [step.provider, step.offer].filter(Boolean).join(' / ') || t('plan.panel.empty'),
    },
    {
      key: 'cost',
      header: t('plan.panel.steps.costBearer'),
      cell: ({ step }) => step.costBearer ?? t('plan.panel.empty'),
    },
    {
      key: 'mode',
      header: t('plan.panel.steps.mode'),
      cell: ({ step }) => (step.mode ? t(`plan.panel.mode.${step.mode}`) : t('plan.panel.empty')),
    },
    {
      key: 'status',
      header: t('plan.panel.steps.status'),
      cell: ({ step }) =>
        t(`plan.panel.stepStatus.${step.status}`) + (step.doneOn ? ` (${format.day(step.doneOn)})` : ''),
    },
    {
      key: 'offer',
      header: t('plan.panel.steps.offerAvailable'),
      cell: ({ step }) => (
        <>
          {t(
            `plan.panel.offer.${step.offerAvailable === null ? 'open' : step.offerAvailable ? 'yes' : 'no'}`,
          )}
          {canWrite && step.status === 'open' ? <StepLinks caseId={caseId} step={step} /> : null}
        </>
      ),
    },
  ];
  return (
    <>
      <dl className="facts facts--small">
        <div>
          <dt>{t('plan.panel.goalStatusLabel')}</dt>
          <dd>
            {t(`plan.panel.goalStatus.${goal.status}`)}
            {goal.clientWords ? ` · ${t('plan.panel.clientWords')}` : null}
          </dd>
        </div>
        <div>
          <dt>{t('plan.panel.indicator')}</dt>
          <dd>{goal.indicator ?? t('plan.panel.empty')}</dd>
        </div>
        <div>
          <dt>{t('plan.panel.targetOn')}</dt>
          <dd>{format.day(goal.targetOn)}</dd>
        </div>
        <div>
          <dt>{t('plan.panel.followUpOn')}</dt>
          <dd>{format.day(goal.followUpOn)}</dd>
        </div>
        <div>
          <dt>{t('plan.panel.field')}</dt>
          <dd>{goal.field ? t(`gaps.field.${goal.field}`) : t('plan.panel.fieldNone')}</dd>
        </div>
      </dl>
      <p>
        {latest
          ? t('plan.panel.latestReview', {
              date: format.day(latest.reviewedOn),
              attainment: t(`plan.panel.attainment.${latest.attainment}`),
              consequence: t(`plan.panel.consequence.${latest.consequence}`),
            })
          : t('plan.panel.noReviews')}
      </p>
      <DataTable
        caption={t('plan.panel.steps.caption', { goal: name })}
        columns={columns}
        rows={indexed}
        rowKey={({ step }) => step.id}
        empty={t('plan.panel.steps.empty')}
      />
      {goal.reviews.length > 1 ? (
        <details>
          <summary>{t('plan.panel.reviewsHeading')}</summary>
          <ul>
            {goal.reviews.map((r) => (
              <li key={r.id}>
                {t('plan.panel.review.entry', {
                  date: format.day(r.reviewedOn),
                  attainment: t(`plan.panel.attainment.${r.attainment}`),
                  consequence: t(`plan.panel.consequence.${r.consequence}`),
                  by: r.createdBy.displayName,
                })}
                {r.comment ? ` – ${r.comment}` : null}
              </li>
            ))}
          </ul>
        </details>
      ) : latest?.comment ? (
        <p>{latest.comment}</p>
      ) : null}
      {goal.journalEntries > 0 ? <GoalJournal caseId={caseId} goal={goal} /> : null}
      {canWrite && goal.status !== 'dropped' ? (
        <Button
          variant="secondary"
          onClick={onReview}
          aria-label={t('plan.panel.review.openFor', { goal: name })}
        >
          {t('plan.panel.review.open')}
        </Button>
      ) : null}
    </>
  );
}

/** The journal entries linked to a goal, loaded when the reader opens them. */
function GoalJournal({ caseId, goal }: { caseId: string; goal: Goal | SubGoal }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<
    { id: string; occurredOn: string; kind: string; text: string }[] | null
  >(null);
  async function toggle(next: boolean) {
    setOpen(next);
    if (!next || entries) return;
    const result = await call(
      api.GET('/api/cases/{id}/journal', {
        params: { path: { id: caseId }, query: { goalId: goal.id, pageSize: 50 } },
      }),
    );
    setEntries(result.ok ? result.data.items : []);
  }
  return (
    <details open={open} onToggle={(event) => void toggle(event.currentTarget.open)}>
      <summary>{t('plan.panel.goalJournal', { count: goal.journalEntries })}</summary>
      {entries === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <ul>
          {entries.map((e) => (
            <li key={e.id}>
              {format.day(e.occurredOn)} · {t(`codes.journalKind.${e.kind as 'note'}`)}: {e.text}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function ReviewForm({
  goal,
  name,
  onCancel,
  onSaved,
}: {
  goal: Goal | SubGoal;
  name: string;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [reviewedOn, setReviewedOn] = useState(today());
  const [attainment, setAttainment] = useState<Attainment | ''>('');
  const [comment, setComment] = useState('');
  const [consequence, setConsequence] = useState<Consequence>('keep');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useFieldErrors(problem);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (attainment === '') {
      setProblem(requiredProblem('/attainment'));
      return;
    }
    setBusy(true);
    const result = await call(
      api.POST('/api/plan-goals/{id}/reviews', {
        params: { path: { id: goal.id } },
        body: {
          reviewedOn,
          attainment,
          consequence,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        },
      }),
    );
    setBusy(false);
    if (result.ok) onSaved();
    else setProblem(result.problem);
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <p>{`${name}: ${goal.wording}`}</p>
      <ErrorSummary
        problem={problem}
        fields={{
          reviewedOn: { id: 'plan-review-date', label: t('plan.panel.review.reviewedOn') },
          attainment: { id: 'plan-review-attainment', label: t('plan.panel.review.attainment') },
          comment: { id: 'plan-review-comment', label: t('plan.panel.review.comment') },
        }}
      />
      <TextField
        id="plan-review-date"
        type="date"
        label={t('plan.panel.review.reviewedOn')}
        value={reviewedOn}
        onValueChange={setReviewedOn}
        error={errors.reviewedOn}
      />
      <RadioGroup
        id="plan-review-attainment"
        legend={t('plan.panel.review.attainment')}
        options={ATTAINMENTS.map((a) => ({ value: a, label: t(`plan.panel.attainment.${a}`) }))}
        value={attainment}
        onValueChange={(v) => setAttainment(v as Attainment)}
        error={errors.attainment}
      />
      <TextArea
        id="plan-review-comment"
        label={t('plan.panel.review.comment')}
        optional
        value={comment}
        onValueChange={setComment}
        error={errors.comment}
      />
      <RadioGroup
        id="plan-review-consequence"
        legend={t('plan.panel.review.consequence')}
        options={CONSEQUENCES.map((c) => ({ value: c, label: t(`plan.panel.consequence.${c}`) }))}
        value={consequence}
        onValueChange={(v) => setConsequence(v as Consequence)}
      />
      <div className="actions">
        <Button type="submit" busy={busy}>
          {t('plan.panel.review.submit')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('plan.panel.cancel')}
        </Button>
      </div>
    </form>
  );
}

function Signatures({
  plan,
  canWrite,
  onChanged,
}: {
  plan: Plan;
  canWrite: boolean;
  onChanged: (message: string, envelope?: PlanEnvelope) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [signer, setSigner] = useState<Signature['signer']>('client');
  const [name, setName] = useState('');
  const [form, setForm] = useState<Signature['form']>('paper');
  const [signedOn, setSignedOn] = useState(today());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useFieldErrors(problem);
  const columns: Column<Signature>[] = [
    {
      key: 'signer',
      header: t('plan.panel.signatures.signer'),
      rowHeader: true,
      cell: (s) => t(`plan.panel.signatures.signers.${s.signer}`),
    },
    { key: 'name', header: t('plan.panel.signatures.name'), cell: (s) => s.name ?? t('plan.panel.empty') },
    {
      key: 'form',
      header: t('plan.panel.signatures.form'),
      cell: (s) => t(`plan.panel.signatures.forms.${s.form}`),
    },
    { key: 'date', header: t('plan.panel.signatures.signedOn'), cell: (s) => format.day(s.signedOn) },
    { key: 'version', header: t('plan.panel.signatures.version'), cell: (s) => String(s.planVersion) },
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const body: SignatureBody = { signer, form, signedOn, ...(name.trim() ? { name: name.trim() } : {}) };
    const result = await call(
      api.POST('/api/cases/{id}/plan/signatures', { params: { path: { id: plan.caseId } }, body }),
    );
    setBusy(false);
    if (result.ok) {
      setProblem(null);
      setName('');
      onChanged(t('plan.panel.signatures.saved'), result.data);
    } else setProblem(result.problem);
  }

  return (
    <section aria-labelledby="plan-signatures-heading">
      <h3 id="plan-signatures-heading">{t('plan.panel.signatures.heading')}</h3>
      <DataTable
        caption={t('plan.panel.signatures.caption')}
        columns={columns}
        rows={plan.signatures}
        rowKey={(s) => s.id}
        empty={t('plan.panel.signatures.empty')}
      />
      {canWrite ? (
        <form
          noValidate
          onSubmit={(e) => void submit(e)}
          aria-labelledby="plan-signature-add"
          className="no-print"
        >
          <h4 id="plan-signature-add">{t('plan.panel.signatures.add')}</h4>
          <ErrorSummary
            problem={problem}
            fields={{
              signedOn: { id: 'plan-signature-date', label: t('plan.panel.signatures.signedOn') },
              name: { id: 'plan-signature-name', label: t('plan.panel.signatures.name') },
            }}
          />
          <SelectField
            id="plan-signature-signer"
            label={t('plan.panel.signatures.signer')}
            value={signer}
            options={SIGNERS.map((s) => ({ value: s, label: t(`plan.panel.signatures.signers.${s}`) }))}
            onValueChange={(v) => setSigner(v as Signature['signer'])}
          />
          <TextField
            id="plan-signature-name"
            label={t('plan.panel.signatures.name')}
            optional
            value={name}
            onValueChange={setName}
            error={errors.name}
          />
          <RadioGroup
            id="plan-signature-form"
            legend={t('plan.panel.signatures.form')}
            options={SIGNATURE_FORMS.map((f) => ({ value: f, label: t(`plan.panel.signatures.forms.${f}`) }))}
            value={form}
            onValueChange={(v) => setForm(v as Signature['form'])}
          />
          <TextField
            id="plan-signature-date"
            type="date"
            label={t('plan.panel.signatures.signedOn')}
            value={signedOn}
            onValueChange={setSignedOn}
            error={errors.signedOn}
          />
          <Button type="submit" busy={busy}>
            {t('plan.panel.signatures.add')}
          </Button>
        </form>
      ) : null}
    </section>
  );
}

/** A problem for a required field the form checks itself before sending. */
export function requiredProblem(pointer: string): Problem {
  return {
    type: 'about:blank',
    title: 'validation',
    status: 400,
    code: 'validation',
    errors: [{ pointer, code: 'required', message: '' }],
  };
}

function useFieldErrors(problem: Problem | null): Record<string, string | undefined> {
  return useProblemText().fieldErrors(problem);
}
