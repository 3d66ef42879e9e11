import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, call, type ApiResult } from '../../api/client';
import {
  CONSENT_KINDS,
  CONSENT_LANGUAGES,
  isOneOf,
  type PrintableForm,
  type TemplateText,
} from '../../api/types';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { useResource } from '../../ui/useResource';
import { printReleaseFromState, RELEASE_EXPECTED } from './labels';

const NOT_FOUND: ApiResult<PrintableForm> = {
  ok: false,
  problem: { type: 'about:blank', title: 'Not found', status: 404, code: 'not-found' },
};

/**
 * A consent form ready to print and sign (A4, no navigation): the text in the client's language — with its
 * writing direction, Arabic right to left — beside the German text, then the signature lines.
 */
export function ConsentPrintPage() {
  const { t } = useTranslation();
  const { kind = '', language = '' } = useParams();
  const location = useLocation();
  const known = isOneOf(CONSENT_KINDS, kind) && isOneOf(CONSENT_LANGUAGES, language);
  // A release's details (the recipient may name a person) come in the navigation state, never in the
  // address: browser history and access logs would keep them there. The state survives a reload (it lives
  // in history.state); a query string in the address is ignored. Filled in through POST (a read, the
  // details in its body); the blank form through GET.
  const { categories, ...texts } = printReleaseFromState(location.state);
  const details = { ...texts, ...(categories.length > 0 ? { categories } : {}) };
  const filled = Object.keys(details).length > 0;
  // Opened from a release form but without any navigation state (in a new tab or window): the release's
  // details did not come along and the form would print blank, so the page says why and how to get them onto
  // it. A release form whose fields were left empty hands over a state and needs no hint.
  const [params] = useSearchParams();
  const detailsLost = params.get(RELEASE_EXPECTED) === '1' && location.state == null;
  const form = useResource(`${kind}/${language}:${JSON.stringify(details)}`, () => {
    if (!isOneOf(CONSENT_KINDS, kind) || !isOneOf(CONSENT_LANGUAGES, language)) {
      return Promise.resolve(NOT_FOUND);
    }
    const path = { kind, language };
    return filled
      ? call(api.POST('/api/consent-forms/{kind}/{language}', { params: { path }, body: details }))
      : call(api.GET('/api/consent-forms/{kind}/{language}', { params: { path } }));
  });
  const data = form.result?.ok ? form.result.data : null;

  useEffect(() => {
    document.title = `${data?.text.title ?? t('print.title')} – ${t('app.name')}`;
  }, [data, t]);

  return (
    <div className="print-page">
      <PrintToolbar hint={t('print.hint')} />
      {detailsLost ? (
        <div className="no-print">
          <Alert kind="info">{t('print.releaseDetailsMissing')}</Alert>
        </div>
      ) : null}
      {form.result && !form.result.ok ? <ProblemAlert problem={form.result.problem} /> : null}
      {!known ? null : data === null ? (
        form.loading ? (
          <p role="status">{t('app.loading')}</p>
        ) : null
      ) : (
        <PrintedForm form={data} />
      )}
    </div>
  );
}

/** "Zurück" and "Drucken" above a print page; hidden on paper. */
export function PrintToolbar({ hint, children }: { hint: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="print-toolbar no-print">
      <Button variant="secondary" onClick={() => void navigate(-1)}>
        {t('print.back')}
      </Button>
      <Button onClick={() => window.print()}>{t('print.print')}</Button>
      {children}
      <p className="field__hint">{hint}</p>
    </div>
  );
}

function PrintedForm({ form }: { form: PrintableForm }) {
  const { t } = useTranslation();
  return (
    <article className="print-form">
      <div className={form.german ? 'print-form__columns' : 'print-form__single'}>
        <FormColumn
          text={form.text}
          labels={form.labels}
          lang={form.language}
          dir={form.direction}
          testId="client-language"
        />
        {form.german ? (
          <FormColumn
            text={form.german.text}
            labels={form.german.labels}
            lang="de"
            dir="ltr"
            testId="german"
          />
        ) : null}
      </div>
      <p className="print-form__meta">{t('print.version', { version: form.version })}</p>
    </article>
  );
}

function label(labels: Record<string, string>, key: string): string {
  return labels[key] ?? key;
}

function FormColumn({
  text,
  labels,
  lang,
  dir,
  testId,
}: {
  text: TemplateText;
  labels: Record<string, string>;
  lang: string;
  dir: 'ltr' | 'rtl';
  testId: string;
}) {
  return (
    <section className="print-form__column" lang={lang} dir={dir} data-column={testId}>
      <h1 className="print-form__title">{text.title}</h1>
      <p>{text.intro}</p>
      {text.sections.map((section, index) => (
        <section key={index}>
          <h2 className="print-form__heading">{section.heading}</h2>
          {section.paragraphs.map((paragraph, p) => (
            <p key={p}>{paragraph}</p>
          ))}
        </section>
      ))}
      <p className="print-form__declaration">{text.declaration}</p>
      <p>{text.revocationNote}</p>
      <dl className="print-form__lines">
        {['clientName', 'birthDate', 'guardianName'].map((key) => (
          <div key={key}>
            <dt>{label(labels, key)}</dt>
            <dd />
          </div>
        ))}
      </dl>
      <div className="print-form__signatures">
        {['place', 'date', 'signatureClient', 'signatureGuardian', 'signatureStaff', 'witness'].map((key) => (
          <div key={key} className="print-form__signature">
            <span>{label(labels, key)}</span>
          </div>
        ))}
      </div>
    </section>
  );
}
