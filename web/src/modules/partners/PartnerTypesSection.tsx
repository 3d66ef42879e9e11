import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { clientValidationProblem } from '../../api/problem';
import type { Problem } from '../../api/types';
import { ProblemAlert, StatusRegion } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { RadioGroup, TextField } from '../../ui/fields';
import { useProblemText } from '../../ui/problemText';
import type { PartnerTypes } from './partnerTypes';

/**
 * Custom partner types: the org admin keeps the organisation's, the installation admin the shared
 * directory's. Archiving takes a type out of the choices; partners keep it.
 */
export function PartnerTypesSection({
  types,
  own,
  shared,
}: {
  types: PartnerTypes;
  own: boolean;
  shared: boolean;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const [label, setLabel] = useState('');
  const [scope, setScope] = useState<'own' | 'shared'>(own ? 'own' : 'shared');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [actionProblem, setActionProblem] = useState<Problem | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const custom = types.types.filter(
    (type) => type.id !== null && ((own && type.scope === 'own') || (shared && type.scope === 'shared')),
  );

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (label.trim() === '') {
      setProblem(clientValidationProblem([{ pointer: '/label', code: 'required', message: '' }]));
      return;
    }
    setBusy(true);
    const result = await call(
      api.POST('/api/partner-types', {
        body: { label: label.trim(), ...(scope === 'shared' ? { scope } : {}) },
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    setLabel('');
    setMessage(t('partners.customTypes.created'));
    types.resource.reload();
  }

  async function archive(id: string) {
    const result = await call(api.DELETE('/api/partner-types/{id}', { params: { path: { id } } }));
    if (!result.ok) {
      setActionProblem(result.problem);
      return;
    }
    setActionProblem(null);
    setMessage(t('partners.customTypes.archivedMessage'));
    types.resource.reload();
  }

  return (
    <section aria-labelledby="partner-types-heading">
      <h2 id="partner-types-heading">{t('partners.customTypes.heading')}</h2>
      <p>{t('partners.customTypes.intro')}</p>
      <StatusRegion message={message} />
      {actionProblem ? <ProblemAlert problem={actionProblem} /> : null}
      {custom.length === 0 ? (
        <p>{t('partners.customTypes.none')}</p>
      ) : (
        <ul className="plain-list">
          {custom.map((type) => (
            <li key={type.id} className="row-actions">
              <span>
                {type.label}
                {shared && own
                  ? ` (${t(`partners.scopes.${type.scope === 'shared' ? 'shared' : 'own'}`)})`
                  : ''}
              </span>
              {type.archived ? (
                <span className="tag tag--withdrawn">{t('partners.customTypes.archivedTag')}</span>
              ) : (
                <Button variant="secondary" onClick={() => void archive(type.id ?? '')}>
                  {t('partners.customTypes.archive', { label: type.label })}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="form form--inline" noValidate onSubmit={(event) => void add(event)}>
        <ErrorSummary
          problem={problem}
          fields={{ label: { id: 'partner-type-label', label: t('partners.customTypes.label') } }}
        />
        {own && shared ? (
          <RadioGroup
            id="partner-type-scope"
            legend={t('partners.customTypes.scope')}
            value={scope}
            options={[
              { value: 'own', label: t('partners.scopes.own') },
              { value: 'shared', label: t('partners.scopes.shared') },
            ]}
            onValueChange={(next) => setScope(next === 'shared' ? 'shared' : 'own')}
          />
        ) : null}
        <TextField
          id="partner-type-label"
          label={t('partners.customTypes.label')}
          maxLength={100}
          autoComplete="off"
          value={label}
          onValueChange={setLabel}
          error={text.fieldErrors(problem).label}
        />
        <Button type="submit" busy={busy}>
          {t('partners.customTypes.add')}
        </Button>
      </form>
    </section>
  );
}
