import type { PlanLabel } from './domain.js';

/**
 * The client's printout of the plan (issue 6): labels in plain language in the client's language, the German
 * beside them; the texts of the plan stay as they were written. Arabic is written right to left. The
 * translations of the labels should be checked by native speakers in social work before real use.
 */
export const PRINT_LANGUAGES = ['de', 'en', 'ar', 'uk'] as const;
export type PrintLanguage = (typeof PRINT_LANGUAGES)[number];

export interface PrintLabels {
  title: Record<PlanLabel, string>;
  intro: string;
  forPerson: string;
  date: string;
  goal: string;
  subGoal: string;
  indicator: string;
  targetOn: string;
  steps: string;
  what: string;
  who: string;
  byWhen: string;
  who_client: string;
  who_case_manager: string;
  who_provider: string;
  who_other: string;
  done: string;
  nextAppointment: string;
  review: string;
  obligations: string;
  signatures: string;
  signatureClient: string;
  signatureCaseManager: string;
  placeAndDate: string;
  voluntary: string;
}

export const PRINT_LABELS: Record<PrintLanguage, { direction: 'ltr' | 'rtl'; labels: PrintLabels }> = {
  de: {
    direction: 'ltr',
    labels: {
      title: {
        hilfeplan: 'Hilfeplan',
        integrationsfoerderplan: 'Integrationsförderplan',
        foerderplan: 'Förderplan',
        entwicklungsplan: 'Entwicklungsplan',
        unterstuetzungsplan: 'Unterstützungsplan',
      },
      intro: 'Das haben wir zusammen vereinbart: Ihre Ziele und wer was bis wann tut.',
      forPerson: 'Für',
      date: 'Stand',
      goal: 'Ziel',
      subGoal: 'Teilziel',
      indicator: 'Daran erkennen wir, dass das Ziel erreicht ist',
      targetOn: 'Erreicht bis',
      steps: 'Schritte',
      what: 'Was',
      who: 'Wer',
      byWhen: 'Bis wann',
      who_client: 'Sie',
      who_case_manager: 'Ihre Beraterin / Ihr Berater',
      who_provider: 'Eine andere Stelle',
      who_other: 'Eine andere Person',
      done: 'erledigt',
      nextAppointment: 'Nächster Termin',
      review: 'Wir schauen gemeinsam wieder auf den Plan am',
      obligations: 'Das haben Sie zugesagt',
      signatures: 'Unterschriften',
      signatureClient: 'Unterschrift Klient:in',
      signatureCaseManager: 'Unterschrift Fachkraft',
      placeAndDate: 'Ort, Datum',
      voluntary: 'Die Vereinbarung ist freiwillig. Sie können sie jederzeit mit uns besprechen und ändern.',
    },
  },
  en: {
    direction: 'ltr',
    labels: {
      title: {
        hilfeplan: 'Support plan',
        integrationsfoerderplan: 'Integration plan',
        foerderplan: 'Support plan',
        entwicklungsplan: 'Development plan',
        unterstuetzungsplan: 'Support plan',
      },
      intro: 'This is what we agreed together: your goals and who does what by when.',
      forPerson: 'For',
      date: 'As of',
      goal: 'Goal',
      subGoal: 'Part goal',
      indicator: 'How we will know the goal is reached',
      targetOn: 'Reached by',
      steps: 'Steps',
      what: 'What',
      who: 'Who',
      byWhen: 'By when',
      who_client: 'You',
      who_case_manager: 'Your counsellor',
      who_provider: 'Another service',
      who_other: 'Another person',
      done: 'done',
      nextAppointment: 'Next appointment',
      review: 'We will look at the plan together again on',
      obligations: 'What you have agreed to do',
      signatures: 'Signatures',
      signatureClient: 'Signature of the client',
      signatureCaseManager: 'Signature of the counsellor',
      placeAndDate: 'Place, date',
      voluntary: 'This agreement is voluntary. You can talk to us about it and change it at any time.',
    },
  },
  ar: {
    direction: 'rtl',
    labels: {
      title: {
        hilfeplan: 'خطة المساعدة',
        integrationsfoerderplan: 'خطة دعم الاندماج',
        foerderplan: 'خطة الدعم',
        entwicklungsplan: 'خطة التطوير',
        unterstuetzungsplan: 'خطة الدعم',
      },
      intro: 'هذا ما اتفقنا عليه معًا: أهدافك ومن يفعل ماذا ومتى.',
      forPerson: 'لـ',
      date: 'بتاريخ',
      goal: 'الهدف',
      subGoal: 'هدف جزئي',
      indicator: 'كيف نعرف أن الهدف قد تحقق',
      targetOn: 'يتحقق حتى',
      steps: 'الخطوات',
      what: 'ماذا',
      who: 'من',
      byWhen: 'حتى متى',
      who_client: 'أنت',
      who_case_manager: 'المستشارة / المستشار',
      who_provider: 'جهة أخرى',
      who_other: 'شخص آخر',
      done: 'تم',
      nextAppointment: 'الموعد القادم',
      review: 'سننظر في الخطة معًا مرة أخرى في',
      obligations: 'ما وافقت على القيام به',
      signatures: 'التواقيع',
      signatureClient: 'توقيع صاحب/ة الطلب',
      signatureCaseManager: 'توقيع المستشار/ة',
      placeAndDate: 'المكان، التاريخ',
      voluntary: 'هذا الاتفاق طوعي. يمكنك التحدث معنا عنه وتغييره في أي وقت.',
    },
  },
  uk: {
    direction: 'ltr',
    labels: {
      title: {
        hilfeplan: 'План допомоги',
        integrationsfoerderplan: 'План підтримки інтеграції',
        foerderplan: 'План підтримки',
        entwicklungsplan: 'План розвитку',
        unterstuetzungsplan: 'План підтримки',
      },
      intro: 'Ось що ми домовилися разом: ваші цілі і хто що робить до якого часу.',
      forPerson: 'Для',
      date: 'Станом на',
      goal: 'Ціль',
      subGoal: 'Проміжна ціль',
      indicator: 'Як ми зрозуміємо, що ціль досягнуто',
      targetOn: 'Досягти до',
      steps: 'Кроки',
      what: 'Що',
      who: 'Хто',
      byWhen: 'До коли',
      who_client: 'Ви',
      who_case_manager: 'Ваш консультант / ваша консультантка',
      who_provider: 'Інша служба',
      who_other: 'Інша особа',
      done: 'виконано',
      nextAppointment: 'Наступна зустріч',
      review: 'Ми знову разом переглянемо план',
      obligations: 'Що ви пообіцяли зробити',
      signatures: 'Підписи',
      signatureClient: 'Підпис клієнта / клієнтки',
      signatureCaseManager: 'Підпис консультанта',
      placeAndDate: 'Місце, дата',
      voluntary: 'Ця домовленість добровільна. Ви можете будь-коли обговорити її з нами і змінити.',
    },
  },
};
