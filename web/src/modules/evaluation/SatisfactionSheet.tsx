import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/fields';
import { useResource } from '../../ui/useResource';
import { FORM_LANGUAGES, DIMENSIONS, SCALE, type FormLanguage, type SatisfactionForm } from './model';
import './evaluation.css';

const PRINTING = 'print-satisfaction-form';

/**
 * Prints only the questionnaire: the rest of the page is hidden while the browser's print dialog is open
 * (the case file stays as it is on screen).
 */
function printSheet() {
  document.body.classList.add(PRINTING);
  const done = () => {
    document.body.classList.remove(PRINTING);
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/**
 * The client's satisfaction form in their language beside German: five questions, each with the points 1 to
 * 5 to tick. The case manager prints it (or shows it on a tablet) and enters the answers afterwards.
 */
export function SatisfactionSheet({
  language,
  caseNumber,
  onLanguageChange,
}: {
  language: FormLanguage;
  caseNumber: string;
  onLanguageChange: (language: FormLanguage) => void;
}) {
  const { t } = useTranslation();
  const form = useResource(`satisfaction-form:${language}`, () =>
    call(api.GET('/api/evaluation/satisfaction-form', { params: { query: { language } } })),
  );
  const sheet = form.result?.ok ? form.result.data : null;
  return (
    <section className="satisfaction-sheet" aria-labelledby="satisfaction-sheet-heading">
      <h4 id="satisfaction-sheet-heading" className="no-print">
        {t('evaluation.print.heading')}
      </h4>
      <p className="field__hint no-print">{t('evaluation.print.hint')}</p>
      <div className="no-print">
        <SelectField
          id="evaluation-sheet-language"
          label={t('evaluation.print.language')}
          value={language}
          options={FORM_LANGUAGES.map((l) => ({ value: l, label: t(`evaluation.form.languageOption.${l}`) }))}
          onValueChange={(v) => onLanguageChange(v as FormLanguage)}
        />
        {language === 'ar' || language === 'uk' ? (
          <p className="field__hint">{t('evaluation.print.draft')}</p>
        ) : null}
      </div>
      {form.result && !form.result.ok ? (
        <ProblemAlert problem={form.result.problem} onRetry={form.reload} />
      ) : null}
      {sheet ? <Sheet sheet={sheet} caseNumber={caseNumber} /> : null}
      <div className="actions no-print">
        <Button variant="secondary" onClick={printSheet} disabled={!sheet}>
          {t('evaluation.print.print')}
        </Button>
      </div>
    </section>
  );
}

function Sheet({ sheet, caseNumber }: { sheet: SatisfactionForm; caseNumber: string }) {
  const { t } = useTranslation();
  const own = { lang: sheet.language, dir: sheet.direction };
  const german = sheet.german;
  return (
    <div className="satisfaction-form">
      <p className="satisfaction-form__meta">{t('evaluation.print.caseNumber', { number: caseNumber })}</p>
      <h5 className="satisfaction-form__title" {...own}>
        {sheet.texts.title}
      </h5>
      {german ? (
        <p className="satisfaction-form__german" lang="de">
          {german.title}
        </p>
      ) : null}
      <p {...own}>{sheet.texts.intro}</p>
      {german ? (
        <p className="satisfaction-form__german" lang="de">
          {german.intro}
        </p>
      ) : null}
      <p {...own}>
        <strong>{sheet.texts.instructions}</strong>
      </p>
      {german ? (
        <p className="satisfaction-form__german" lang="de">
          {german.instructions}
        </p>
      ) : null}
      <ol className="satisfaction-form__questions">
        {DIMENSIONS.map((d) => (
          <li key={d} className="satisfaction-form__question">
            <p {...own}>{sheet.texts.questions[d]}</p>
            {german ? (
              <p className="satisfaction-form__german" lang="de">
                {german.questions[d]}
              </p>
            ) : null}
            <ul className="satisfaction-form__scale">
              {SCALE.map((point, i) => (
                <li key={point}>
                  <span aria-hidden="true">☐ </span>
                  {point} – <span {...own}>{sheet.texts.scale[i]}</span>
                  {german ? (
                    <span className="satisfaction-form__german" lang="de">
                      {' '}
                      ({german.scale[i]})
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <p {...own}>{sheet.texts.voluntary}</p>
      <p>
        <span {...own}>{sheet.texts.date}</span>
        {german ? <span lang="de"> / {german.date}</span> : null}: ____________________
      </p>
      <p {...own}>{sheet.texts.thanks}</p>
    </div>
  );
}
