import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { FieldProblem, FollowUp, Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextArea, TextField, type Option } from '../../ui/fields';
import { today } from '../../ui/format';
import { useProblemText } from '../../ui/problemText';

interface FollowUpFormProps {
  prefix: string;
  /** The case, or null for a personal task. */
  caseId: string | null;
  /** Who may be assigned; without options the follow-up is the user's own. */
  assignees?: readonly Option[];
  defaultAssignee?: string;
  submitLabel: string;
  onSaved: (followUp: FollowUp) => void;
}

/** Sets a follow-up (Wiedervorlage): due date, what to do, and for a case who does it. */
export function FollowUpForm({
  prefix,
  caseId,
  assignees,
  defaultAssignee,
  submitLabel,
  onSaved,
}: FollowUpFormProps) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [dueOn, setDueOn] = useState(today);
  const [task, setTask] = useState('');
  const [assignee, setAssignee] = useState(defaultAssignee ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const errors = text.fieldErrors(problem);
  const refs = {
    dueOn: { id: `${prefix}-due`, label: t('followUps.dueOn') },
    text: { id: `${prefix}-text`, label: t('followUps.text') },
    assigneeUserId: { id: `${prefix}-assignee`, label: t('followUps.assignee') },
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const checks: FieldProblem[] = [];
    if (dueOn === '') checks.push({ pointer: '/dueOn', code: 'required', message: '' });
    if (task.trim() === '') checks.push({ pointer: '/text', code: 'required', message: '' });
    if (checks.length > 0) {
      setProblem(clientValidationProblem(checks));
      return;
    }
    setSubmitting(true);
    const result = await call(
      api.POST('/api/follow-ups', {
        body: {
          caseId,
          dueOn,
          text: task.trim(),
          ...(assignees && assignee !== '' ? { assigneeUserId: assignee } : {}),
        },
      }),
    );
    setSubmitting(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    setTask('');
    setDueOn(today());
    onSaved(result.data);
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary problem={problem} fields={refs} />
      <TextField
        id={refs.dueOn.id}
        type="date"
        label={refs.dueOn.label}
        value={dueOn}
        onValueChange={setDueOn}
        error={errors.dueOn}
      />
      <TextArea
        id={refs.text.id}
        label={refs.text.label}
        dir="auto"
        rows={2}
        maxLength={2000}
        value={task}
        onValueChange={setTask}
        error={errors.text}
      />
      {assignees ? (
        <SelectField
          id={refs.assigneeUserId.id}
          label={refs.assigneeUserId.label}
          hint={t('followUps.assigneeHint')}
          value={assignee}
          options={assignees}
          onValueChange={setAssignee}
          error={errors.assigneeUserId}
        />
      ) : null}
      <Button type="submit" busy={submitting}>
        {submitting ? t('common.saving') : submitLabel}
      </Button>
    </form>
  );
}
