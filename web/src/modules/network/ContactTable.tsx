import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { DataTable, type Column } from '../../ui/DataTable';
import { useFormat } from '../../ui/format';
import { closenessOf, SUPPORT_KINDS, type NetworkContact } from './model';

export type ContactAction = 'edit' | 'end' | 'remove';

interface ContactTableProps {
  caption: string;
  empty: string;
  contacts: readonly NetworkContact[];
  /** Ended contacts: with their end date, and nothing left to end. */
  ended?: boolean;
  busy?: boolean;
  canWrite: boolean;
  onAction: (action: ContactAction, contact: NetworkContact) => void;
}

/** The contacts in a table: the map's accessible alternative, and where a contact is changed. */
export function ContactTable({
  caption,
  empty,
  contacts,
  ended = false,
  busy = false,
  canWrite,
  onAction,
}: ContactTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns: Column<NetworkContact>[] = [
    {
      key: 'name',
      header: t('network.table.name'),
      rowHeader: true,
      cell: (c) => <span dir="auto">{c.name}</span>,
    },
    { key: 'kind', header: t('network.table.kind'), cell: (c) => t(`network.kind.${c.kind}`) },
    {
      key: 'relation',
      header: t('network.table.relation'),
      cell: (c) => (c.relation ? <span dir="auto">{c.relation}</span> : t('common.none')),
    },
    {
      key: 'support',
      header: t('network.table.support'),
      cell: (c) =>
        c.support.length === 0
          ? t('common.none')
          : SUPPORT_KINDS.filter((kind) => c.support.includes(kind))
              .map((kind) => t(`network.support.${kind}`))
              .join(', '),
    },
    {
      key: 'closeness',
      header: t('network.table.closeness'),
      cell: (c) => t(`network.closeness.${closenessOf(c.closeness)}`),
    },
    {
      key: 'strained',
      header: t('network.table.strained'),
      cell: (c) => (c.strained ? t('common.yes') : t('common.no')),
    },
    {
      key: 'note',
      header: t('network.table.note'),
      cell: (c) =>
        c.note ? (
          <span dir="auto" className="preserve-lines">
            {c.note}
          </span>
        ) : (
          t('common.none')
        ),
    },
    ...(ended
      ? [
          {
            key: 'endedOn',
            header: t('network.table.endedOn'),
            cell: (c: NetworkContact) => format.day(c.endedOn),
          },
        ]
      : []),
    ...(canWrite
      ? [
          {
            key: 'actions',
            header: t('common.actions'),
            cell: (c: NetworkContact) => (
              <div className="row-actions">
                <Button variant="secondary" onClick={() => onAction('edit', c)}>
                  {t('network.table.edit')}
                  <span className="visually-hidden">: {c.name}</span>
                </Button>
                {c.endedOn === null ? (
                  <Button variant="secondary" onClick={() => onAction('end', c)}>
                    {t('network.table.end')}
                    <span className="visually-hidden">: {c.name}</span>
                  </Button>
                ) : null}
                <Button variant="danger" onClick={() => onAction('remove', c)}>
                  {t('network.table.remove')}
                  <span className="visually-hidden">: {c.name}</span>
                </Button>
              </div>
            ),
          },
        ]
      : []),
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={contacts}
      rowKey={(c) => c.id}
      empty={empty}
      busy={busy}
    />
  );
}
