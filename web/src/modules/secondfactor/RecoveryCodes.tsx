import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';

/**
 * The ten recovery codes, shown once after set-up or renewal. The heading takes the focus, so a screen
 * reader announces what appeared; copying and printing are offered, and the person confirms having kept them.
 */
export function RecoveryCodes({
  codes,
  onDone,
  doneLabel,
}: {
  codes: string[];
  onDone: () => void;
  doneLabel?: string;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  async function copy() {
    await navigator.clipboard.writeText(codes.join('\n'));
    setCopied(true);
  }

  return (
    <section className="recovery-codes" aria-labelledby="recovery-codes-heading">
      <h2 id="recovery-codes-heading" ref={heading} tabIndex={-1}>
        {t('secondFactor.recovery.heading')}
      </h2>
      <p>{t('secondFactor.recovery.intro')}</p>
      <ol aria-label={t('secondFactor.recovery.listLabel')} className="recovery-codes__list">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <StatusRegion message={copied ? t('secondFactor.recovery.copied') : null} />
      <div className="actions no-print">
        {typeof navigator.clipboard?.writeText === 'function' ? (
          <Button variant="secondary" onClick={() => void copy()}>
            {t('secondFactor.recovery.copy')}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={() => window.print()}>
          {t('secondFactor.recovery.print')}
        </Button>
        <Button onClick={onDone}>{doneLabel ?? t('secondFactor.recovery.stored')}</Button>
      </div>
    </section>
  );
}
