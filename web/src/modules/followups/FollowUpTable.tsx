import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import type { FollowUp, Problem } from '../../api/types';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';

interface FollowUpTableProps {
  caption: string;
  items: readonly FollowUp[];
  busy?: boolean;
  /** Show the case column (the personal list) or the assignee column (a case's list). */
  show: 'case' | 'assignee';
  canChange: (followUp: FollowUp) => boolean;
  /** After marking done or reopening: the new state, and the message to announce. */
  onChanged: (message: string) => void;
  onProblem: (problem: Problem) => void;
}

/** Follow-ups with due date, "überfällig" in words, and a button to mark them done or open them again. */
export function FollowUpTable({
  caption,
  items,
  busy,
  show,
  canChange,
  onChanged,
  onProblem,
}: FollowUpTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [working, setWorking] = useState<string | null>(null);

  async function toggle(followUp: FollowUp) {
    if (working !== null) return;
    setWorking(followUp.id);
    const done = followUp.done === null;
    const result = await call(
      api.PATCH('/api/follow-ups/{id}', {
        params: { path: { id: followUp.id } },
        body: { version: followUp.version, done },
      }),
    );
    setWorking(null);
    if (!result.ok) {
      onProblem(result.problem);
      return;
    }
    onChanged(
      done
        ? t('followUps.markedDone', { text: followUp.text })
        : t('followUps.reopened', { text: followUp.text }),
    );
  }

  const columns: Column<FollowUp>[] = [
    {
      key: 'due',
      header: t('followUps.dueOn'),
      cell: (f) => (
        <>
          {format.day(f.dueOn)}
          {f.overdue && f.done === null ? (
            <>
              {' '}
              <span className="tag tag--overdue">{t('followUps.overdue')}</span>
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'text',
      header: t('followUps.text'),
      rowHeader: true,
      cell: (f) => (
        <span dir="auto" className="preserve-lines">
          {f.text}
        </span>
      ),
    },
    show === 'case'
      ? {
          key: 'case',
          header: t('followUps.case'),
          cell: (f) =>
            f.case ? (
              <>
                <Link to={`/cases/${encodeURIComponent(f.case.id)}?tab=followUps`}>{f.case.caseNumber}</Link>
                {f.case.clientName ? (
                  <>
                    {' – '}
                    <span dir="auto">{f.case.clientName}</span>
                  </>
                ) : null}
              </>
            ) : (
              t('followUps.personal')
            ),
        }
      : { key: 'assignee', header: t('followUps.assignee'), cell: (f) => f.assignee.displayName },
    {
      key: 'status',
      header: t('followUps.status'),
      cell: (f) =>
        f.done
          ? t('followUps.done', { date: format.dateTime(f.done.at) })
          : f.overdue
            ? t('followUps.overdue')
            : t('followUps.open'),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (f) =>
        canChange(f) ? (
          <Button variant="secondary" busy={working === f.id} onClick={() => void toggle(f)}>
            {f.done ? t('followUps.reopen') : t('followUps.markDone')}
            <span className="visually-hidden">: {f.text}</span>
          </Button>
        ) : null,
    },
  ];

  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={items}
      rowKey={(f) => f.id}
      empty={t('followUps.empty')}
      busy={busy}
    />
  );
}
