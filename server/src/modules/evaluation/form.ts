import type { FormLanguage, SatisfactionDimension } from './domain.js';

/**
 * The client's satisfaction form (issue 8): the five dimensions of the JMD guide [001 L1154–1160] as plain
 * questions, each answered on a scale from 1 (not at all satisfied) to 5 (very satisfied), in the client's
 * language beside German — printed, or shown on a tablet. The case manager enters the answers in the
 * evaluation (mode "client_form").
 *
 * The Arabic and Ukrainian texts are drafts: they need review by native speakers working in social
 * counselling before real use (as the plan's printout, plan/print.ts).
 */

export interface FormTexts {
  title: string;
  intro: string;
  instructions: string;
  questions: Record<SatisfactionDimension, string>;
  /** The labels of the points 1 to 5, in order. */
  scale: [string, string, string, string, string];
  voluntary: string;
  date: string;
  thanks: string;
}

export const FORM_TEXTS: Record<FormLanguage, { direction: 'ltr' | 'rtl'; texts: FormTexts }> = {
  de: {
    direction: 'ltr',
    texts: {
      title: 'Wie zufrieden sind Sie mit unserer Begleitung?',
      intro:
        'Ihre Begleitung bei uns geht zu Ende. Bitte sagen Sie uns, wie zufrieden Sie waren. Ihre Antworten helfen uns, besser zu werden.',
      instructions:
        'Bitte kreuzen Sie bei jeder Frage eine Zahl an: 1 = gar nicht zufrieden, 5 = sehr zufrieden.',
      questions: {
        general:
          'Wie zufrieden sind Sie insgesamt mit der Beratung – mit der Atmosphäre, wie gut Sie uns erreicht haben und wie schnell es ging?',
        course:
          'Wie zufrieden sind Sie mit dem Verlauf der Beratung – wie Ihre Beraterin oder Ihr Berater Ihnen geholfen hat, wie Sie angenommen wurden und wie Sie gemeinsam Ziele vereinbart haben?',
        results:
          'Wie zufrieden sind Sie mit den Ergebnissen – mit der Unterstützung bei Ihren Anliegen und der Entlastung, zum Beispiel in Schule oder Beruf?',
        expectations: 'Wie zufrieden sind Sie damit, wie die Beratung Ihre Erwartungen erfüllt hat?',
        mandate: 'Wie zufrieden sind Sie damit, wie wir Sie an andere Stellen und Angebote vermittelt haben?',
      },
      scale: ['gar nicht zufrieden', 'wenig zufrieden', 'teils, teils', 'zufrieden', 'sehr zufrieden'],
      voluntary: 'Die Antworten sind freiwillig. Sie können Fragen auch auslassen.',
      date: 'Datum',
      thanks: 'Vielen Dank!',
    },
  },
  en: {
    direction: 'ltr',
    texts: {
      title: 'How satisfied are you with our support?',
      intro:
        'Your time with us is coming to an end. Please tell us how satisfied you were. Your answers help us get better.',
      instructions: 'Please tick one number for each question: 1 = not at all satisfied, 5 = very satisfied.',
      questions: {
        general:
          'How satisfied are you with the counselling overall – the atmosphere, how easily you could reach us and how quickly things happened?',
        course:
          'How satisfied are you with how the counselling went – how your counsellor helped you, how you were accepted and how you agreed goals together?',
        results:
          'How satisfied are you with the results – the support with your concerns and the relief, for example at school or at work?',
        expectations: 'How satisfied are you with how the counselling met your expectations?',
        mandate: 'How satisfied are you with how we connected you with other services and offers?',
      },
      scale: ['not at all satisfied', 'slightly satisfied', 'partly', 'satisfied', 'very satisfied'],
      voluntary: 'Answering is voluntary. You may leave questions out.',
      date: 'Date',
      thanks: 'Thank you!',
    },
  },
  // Draft — needs review by a native speaker before real use.
  ar: {
    direction: 'rtl',
    texts: {
      title: 'ما مدى رضاك عن مرافقتنا لك؟',
      intro: 'مرافقتك لدينا تقترب من نهايتها. من فضلك أخبرنا عن مدى رضاك. إجاباتك تساعدنا على التحسّن.',
      instructions: 'من فضلك ضع علامة على رقم واحد لكل سؤال: 1 = غير راضٍ إطلاقًا، 5 = راضٍ جدًا.',
      questions: {
        general: 'ما مدى رضاك عن الاستشارة بشكل عام – عن الأجواء، وسهولة الوصول إلينا، وسرعة الإنجاز؟',
        course:
          'ما مدى رضاك عن سير الاستشارة – عن مساعدة المستشارة أو المستشار لك، وعن تقبّلك كما أنت، وعن الأهداف التي اتفقنا عليها معًا؟',
        results: 'ما مدى رضاك عن النتائج – عن الدعم في أمورك وتخفيف العبء عنك، مثلًا في المدرسة أو العمل؟',
        expectations: 'ما مدى رضاك عن تلبية الاستشارة لتوقعاتك؟',
        mandate: 'ما مدى رضاك عن توجيهنا لك إلى جهات وعروض أخرى؟',
      },
      scale: ['غير راضٍ إطلاقًا', 'راضٍ قليلًا', 'بين بين', 'راضٍ', 'راضٍ جدًا'],
      voluntary: 'الإجابة اختيارية. يمكنك ترك بعض الأسئلة دون إجابة.',
      date: 'التاريخ',
      thanks: 'شكرًا جزيلًا!',
    },
  },
  // Draft — needs review by a native speaker before real use.
  uk: {
    direction: 'ltr',
    texts: {
      title: 'Наскільки ви задоволені нашим супроводом?',
      intro:
        'Ваш супровід у нас добігає кінця. Будь ласка, скажіть нам, наскільки ви були задоволені. Ваші відповіді допомагають нам ставати кращими.',
      instructions:
        'Будь ласка, позначте одне число для кожного запитання: 1 = зовсім не задоволені, 5 = дуже задоволені.',
      questions: {
        general:
          'Наскільки ви загалом задоволені консультуванням – атмосферою, тим, як легко було з нами зв’язатися, і як швидко все відбувалося?',
        course:
          'Наскільки ви задоволені перебігом консультування – тим, як вам допомагав ваш консультант чи консультантка, як вас прийняли і як ви разом домовилися про цілі?',
        results:
          'Наскільки ви задоволені результатами – підтримкою у ваших справах і полегшенням, наприклад у школі чи на роботі?',
        expectations: 'Наскільки ви задоволені тим, як консультування виправдало ваші очікування?',
        mandate: 'Наскільки ви задоволені тим, як ми направили вас до інших установ і пропозицій?',
      },
      scale: ['зовсім не задоволені', 'мало задоволені', 'частково', 'задоволені', 'дуже задоволені'],
      voluntary: 'Відповіді добровільні. Ви можете пропустити запитання.',
      date: 'Дата',
      thanks: 'Щиро дякуємо!',
    },
  },
};

/** The form in the client's language, with the German texts beside it (null when German is the language). */
export function satisfactionForm(language: FormLanguage) {
  const pack = FORM_TEXTS[language];
  return {
    language,
    direction: pack.direction,
    texts: pack.texts,
    german: language === 'de' ? null : FORM_TEXTS.de.texts,
  };
}
