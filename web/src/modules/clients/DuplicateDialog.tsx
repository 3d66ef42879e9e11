import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateHint } from '../../api/types';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { useFormat } from '../../ui/format';

interface DuplicateDialogProps {
  duplicates: readonly DuplicateHint[] | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * "Is this person already registered?": the server found someone with a similar name and the same birth date.
 * The user decides; the hints say only when and by whom the other record was made.
 */
export function DuplicateDialog({ duplicates, busy, onConfirm, onCancel }: DuplicateDialogProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Dialog open={duplicates !== null} title={t('clients.duplicateTitle')} onClose={onCancel}>
      <p>{t('clients.duplicateIntro')}</p>
      <h3 className="dialog__subtitle">{t('clients.duplicateCaption')}</h3>
      <ul className="duplicate-list">
        {(duplicates ?? []).map((hint, i) => (
          <li key={hint.id ?? `hidden-${i}`}>
            <p>
              {t('clients.duplicateRegistered', { date: format.day(hint.registeredOn) })}
              {' · '}
              {hint.responsible.length > 0
                ? t('clients.duplicateResponsible', { names: hint.responsible.join(', ') })
                : t('clients.duplicateNoResponsible')}
            </p>
            {hint.id !== null ? (
              <p>
                <Link to={`/clients/${encodeURIComponent(hint.id)}`}>{t('clients.duplicateOpen')}</Link>
              </p>
            ) : (
              <p className="field__hint">{t('clients.duplicateNotReadable')}</p>
            )}
          </li>
        ))}
      </ul>
      <div className="actions">
        <Button busy={busy} onClick={onConfirm}>
          {t('clients.duplicateConfirm')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </Dialog>
  );
}
