/**
 * Shipped texts of the three consent forms in German, English, Arabic and Ukrainian (BRIEF section 5;
 * [001 L402–456]): consent to data processing (Einwilligung, Art. 6(1)(a) / Art. 9(2)(a) DSGVO), release from
 * confidentiality (Schweigepflichtentbindung, § 203 StGB, per recipient, purpose and data categories) and
 * agreement to take part in case management (Arbeitsbündnis / Kontrakt).
 *
 * Written in plain language (short sentences, active voice, terms explained). The German text is the
 * reference; the other languages carry the same content, section by section and paragraph by paragraph.
 * Texts may contain the placeholders {{organisation}}, {{recipient}}, {{purpose}}, {{categories}},
 * {{validUntil}} and {{clientName}}; fill them with fillPlaceholders().
 */

import {
  CONSENT_KINDS,
  CONSENT_LANGUAGES,
  DATA_CATEGORIES,
  type ConsentKind,
  type DataCategory,
} from './domain.js';

export { CONSENT_KINDS, CONSENT_LANGUAGES, DATA_CATEGORIES, type ConsentKind, type DataCategory };
export type ConsentLanguage = (typeof CONSENT_LANGUAGES)[number];

export interface TemplateSection {
  heading: string;
  paragraphs: string[];
}

export interface TemplateText {
  title: string;
  intro: string;
  sections: TemplateSection[];
  /** The sentence the person signs. */
  declaration: string;
  revocationNote: string;
}

export interface FormLabels {
  clientName: string;
  birthDate: string;
  guardianName: string;
  place: string;
  date: string;
  signatureClient: string;
  signatureGuardian: string;
  signatureStaff: string;
  witness: string;
  formOral: string;
  formWritten: string;
  validUntil: string;
  recipient: string;
  purpose: string;
  categories: string;
  germanVersion: string;
}

export interface LanguagePack {
  direction: 'ltr' | 'rtl';
  /** The language's own name, e.g. العربية. */
  name: string;
  form: FormLabels;
  categories: Record<DataCategory, string>;
  texts: Record<ConsentKind, TemplateText>;
}

const PLACEHOLDER_NAMES = [
  'organisation',
  'recipient',
  'purpose',
  'categories',
  'validUntil',
  'clientName',
] as const;

function isPlaceholderName(name: string): name is (typeof PLACEHOLDER_NAMES)[number] {
  return (PLACEHOLDER_NAMES as readonly string[]).includes(name);
}

/** Replace {{placeholders}}; unknown placeholders stay visible. */
export function fillPlaceholders(
  text: string,
  values: Partial<
    Record<'organisation' | 'recipient' | 'purpose' | 'categories' | 'validUntil' | 'clientName', string>
  >,
): string {
  return text.replace(/\{\{([A-Za-z]+)\}\}/g, (match, name: string) => {
    if (!isPlaceholderName(name)) return match;
    const value = values[name];
    return value === undefined ? match : value;
  });
}

const de: LanguagePack = {
  direction: 'ltr',
  name: 'Deutsch',
  form: {
    clientName: 'Name der Klientin / des Klienten',
    birthDate: 'Geburtsdatum',
    guardianName: 'Name der Eltern / Sorgeberechtigten (bei unter 16 Jahren)',
    place: 'Ort',
    date: 'Datum',
    signatureClient: 'Unterschrift Klientin / Klient',
    signatureGuardian: 'Unterschrift Eltern / Sorgeberechtigte',
    signatureStaff: 'Unterschrift Fachkraft',
    witness: 'Zeugin / Zeuge (bei mündlichem Einverständnis)',
    formOral: 'mündlich gegeben',
    formWritten: 'schriftlich gegeben',
    validUntil: 'Gültig bis',
    recipient: 'Empfänger (Stelle oder Person)',
    purpose: 'Zweck',
    categories: 'Diese Daten dürfen ausgetauscht werden',
    germanVersion: 'Deutsche Fassung',
  },
  categories: {
    master_data: 'Stammdaten (Name, Geburtsdatum, Adresse, Kontakt)',
    assessment: 'Situationsanalyse (Assessment)',
    plan: 'Hilfeplan / Förderplan',
    health: 'Gesundheit',
    residence: 'Aufenthalt (Aufenthaltsstatus)',
    journal: 'Verlauf und Gesprächsnotizen',
  },
  texts: {
    data_processing: {
      title: 'Einwilligung in die Verarbeitung Ihrer Daten',
      intro:
        'Damit wir Sie bei {{organisation}} gut beraten und unterstützen können, speichern wir Daten ' +
        'über Sie. Hier lesen Sie, welche Daten das sind, wer sie sieht und welche Rechte Sie haben.',
      sections: [
        {
          heading: 'Warum wir Ihre Daten speichern',
          paragraphs: [
            'Personenbezogene Daten (kurz: persönliche Daten) sind alle Angaben, die zu Ihnen gehören. ' +
              'Zum Beispiel Ihr Name, Ihre Adresse oder Ihre Lebenssituation.',
            'Wir beraten und begleiten Sie, zum Beispiel im Case Management. ' +
              'Damit das gut klappt, schreiben wir wichtige Dinge auf. ' +
              'So wissen wir beim nächsten Termin noch, was wir besprochen haben.',
            'Wir nutzen Ihre Daten nur für diese Hilfe. ' +
              'Wir verkaufen sie nicht und nutzen sie nicht für Werbung.',
          ],
        },
        {
          heading: 'Welche Daten wir speichern',
          paragraphs: [
            'Stammdaten: zum Beispiel Name, Geburtsdatum, Adresse, Telefonnummer und Sprachen.',
            'Ihre Situation: ' +
              'zum Beispiel Schule, Ausbildung, Arbeit, Wohnen, Familie und Aufenthalt – und Ihre Stärken.',
            'Ihre Ziele und den Plan, den wir zusammen machen (Hilfeplan oder Förderplan).',
            'Kurze Notizen zu unseren Gesprächen und Kontakten.',
            'Gesundheitsdaten speichern wir nur, wenn sie für die Hilfe wirklich nötig sind. ' +
              'Diese Daten schützen wir besonders.',
            'Wir fragen nur nach dem, was wir für die Hilfe brauchen. ' +
              'Sie müssen nicht alle Fragen beantworten.',
          ],
        },
        {
          heading: 'Wer Ihre Daten sieht',
          paragraphs: [
            'Nur die Fachkräfte von {{organisation}}, die für Sie zuständig sind. ' +
              'Das ist Ihre Fachkraft und – wenn Sie einverstanden sind – ihre Vertretung.',
            'In dringenden Fällen, zum Beispiel wenn Ihre Fachkraft krank ist, darf auch die Leitung ' +
              'Ihre Akte öffnen. Die Leitung muss dann den Grund aufschreiben.',
            'Das Computer-Programm speichert, wer Ihre Daten wann ansieht oder ändert. ' +
              'So kann jeder Zugriff kontrolliert werden.',
            'Ämter, Schulen, Ärztinnen und Ärzte oder andere Stellen bekommen nichts von uns. ' +
              'Nur wenn Sie es uns extra erlauben. Dafür gibt es ein eigenes Formular: ' +
              'die Entbindung von der Schweigepflicht.',
            'Ausnahme: Ein Gesetz verpflichtet uns, etwas weiterzugeben. ' +
              'Zum Beispiel, wenn ein Kind in Gefahr ist.',
            'Andere Stellen, die dasselbe Programm nutzen, sehen Ihre Daten nicht. ' +
              'Eine IT-Firma kann im Auftrag von {{organisation}} die Technik betreuen. ' +
              'Die Firma muss Ihre Daten schützen und darf sie nicht für sich nutzen.',
          ],
        },
        {
          heading: 'Wie lange wir Ihre Daten speichern',
          paragraphs: [
            'Nur so lange, wie wir sie für die Hilfe brauchen.',
            'Wenn die Beratung zu Ende ist, schließen wir Ihre Akte. ' +
              'Dann entfernen wir Ihre persönlichen Daten.',
            'Wenn wir 9 Monate lang keinen Kontakt mit Ihnen hatten, schließen wir die Akte auch. ' +
              'Auch dann entfernen wir Ihre persönlichen Daten.',
            'Es bleibt nur eine anonyme Statistik. Anonym heißt: ' +
              'Ihr Name steht nicht darin, und niemand kann erkennen, dass es um Sie geht. ' +
              'Die Statistik zeigt zum Beispiel, wie viele Menschen wir beraten haben.',
          ],
        },
        {
          heading: 'Ihre Rechte',
          paragraphs: [
            'Sie dürfen jederzeit fragen, welche Daten wir über Sie gespeichert haben. ' +
              'Sie bekommen dann eine Kopie aller Daten. Das kostet nichts.',
            'Wenn etwas falsch ist, berichtigen wir es.',
            'Sie können verlangen, dass wir Ihre Daten löschen.',
            'Haben Sie Fragen zum Datenschutz? Fragen Sie Ihre Fachkraft oder die ' +
              'Datenschutzbeauftragte oder den Datenschutzbeauftragten von {{organisation}}.',
            'Sie können sich auch bei der Aufsichtsbehörde für Datenschutz beschweren. ' +
              'Das ist ein Amt, das den Datenschutz kontrolliert.',
          ],
        },
        {
          heading: 'Freiwillig – und jederzeit widerrufbar',
          paragraphs: [
            'Ihre Einwilligung ist freiwillig. Niemand darf Sie dazu zwingen.',
            'Sie können Ihre Einwilligung jederzeit widerrufen. Widerrufen heißt: ' +
              'Sie nehmen Ihr Einverständnis zurück. ' +
              'Sagen Sie es Ihrer Fachkraft oder schreiben Sie an {{organisation}}. ' +
              'Sie müssen keinen Grund nennen.',
            'Der Widerruf gilt ab dann. Er gilt nicht rückwirkend. Das heißt: ' +
              'Was wir vorher mit Ihren Daten gemacht haben, bleibt erlaubt.',
            'Nach dem Widerruf entfernen wir Ihre persönlichen Daten sofort aus der Akte.',
            'Wenn Sie nicht einwilligen oder später widerrufen, haben Sie dadurch keine Nachteile. ' +
              'Sie können weiter zu uns kommen und Fragen stellen. Aber ehrlich gesagt: ' +
              'Ohne gespeicherte Daten können wir Ihnen nur sehr begrenzt helfen. ' +
              'Wir können dann zum Beispiel keinen gemeinsamen Plan mit Ihnen führen.',
          ],
        },
        {
          heading: 'Rechtsgrundlage und Unterschrift',
          paragraphs: [
            'Die rechtliche Grundlage für die Speicherung ist Ihre Einwilligung. ' +
              'Das steht in der Datenschutz-Grundverordnung (DSGVO), Artikel 6 Absatz 1 Buchstabe a. ' +
              'Für Gesundheitsdaten gilt außerdem Artikel 9 Absatz 2 Buchstabe a DSGVO.',
            'Wenn Sie jünger als 16 Jahre sind, unterschreiben Ihre Eltern oder andere ' +
              'Sorgeberechtigte. Sorgeberechtigt ist, wer rechtlich für Sie verantwortlich ist. ' +
              'Wir erklären das Formular auch Ihnen selbst.',
            'Sie bekommen eine Kopie dieses Formulars.',
          ],
        },
      ],
      declaration:
        'Ich habe diese Information gelesen, oder sie wurde mir erklärt. Ich bin einverstanden, dass ' +
        '{{organisation}} meine Daten so speichert und nutzt, wie es hier beschrieben ist – ' +
        'Gesundheitsdaten nur, wenn sie für die Hilfe nötig sind.',
      revocationNote:
        'Sie können diese Einwilligung jederzeit widerrufen, mündlich oder schriftlich, ohne Grund. ' +
        'Der Widerruf gilt ab dann, nicht rückwirkend. ' +
        'Wir entfernen dann sofort Ihre persönlichen Daten aus der Akte. ' +
        'Nur eine anonyme Statistik bleibt.',
    },
    release: {
      title: 'Entbindung von der Schweigepflicht',
      intro:
        'Mit diesem Formular erlauben Sie {{organisation}}, mit {{recipient}} Informationen über Sie ' +
        'auszutauschen. Die Erlaubnis gilt nur für den Zweck, die Daten und die Zeit, die hier stehen.',
      sections: [
        {
          heading: 'Was ist die Schweigepflicht?',
          paragraphs: [
            'Die Fachkräfte von {{organisation}} haben eine Schweigepflicht. Das heißt: ' +
              'Sie dürfen niemandem erzählen, was sie in der Beratung über Sie erfahren.',
            'Das steht im Strafgesetzbuch (§ 203 StGB). ' +
              'Wer die Schweigepflicht bricht, kann bestraft werden.',
            'Ohne Ihre Erlaubnis dürfen wir deshalb nichts weitergeben. Nicht an Ämter, nicht an ' +
              'Schulen und auch nicht an Kolleginnen und Kollegen, die nicht für Sie zuständig sind.',
            'Ausnahme: Ein Gesetz verpflichtet uns dazu. Zum Beispiel, wenn ein Kind in Gefahr ist.',
            'Mit Ihrer Unterschrift heben Sie die Schweigepflicht auf – aber nur für das, was unten steht.',
          ],
        },
        {
          heading: 'Mit wem wir sprechen dürfen',
          paragraphs: [
            'Nur mit: {{recipient}}.',
            'Wir dürfen {{recipient}} Informationen geben. ' +
              'Und {{recipient}} darf uns Informationen über Sie geben.',
            'Für jede andere Stelle oder Person brauchen wir jedes Mal eine neue, eigene Erlaubnis.',
          ],
        },
        {
          heading: 'Wofür',
          paragraphs: [
            'Nur für diesen Zweck: {{purpose}}.',
            'Für andere Zwecke dürfen wir die Informationen nicht nutzen.',
          ],
        },
        {
          heading: 'Welche Informationen',
          paragraphs: [
            'Nur diese Daten: {{categories}}.',
            'Auch davon geben wir nur so viel weiter, wie für den Zweck nötig ist.',
            'Gesundheitsdaten geben wir nur weiter, wenn „Gesundheit“ hier ausdrücklich genannt ist.',
          ],
        },
        {
          heading: 'Wie lange',
          paragraphs: [
            'Die Erlaubnis gilt bis {{validUntil}}. ' +
              'Danach tauschen wir nichts mehr aus, bis Sie eine neue Erlaubnis geben.',
            'Jede Weitergabe schreiben wir in Ihre Akte: wann, an wen und welche Daten. ' +
              'Sie können jederzeit fragen, was wir weitergegeben haben.',
          ],
        },
        {
          heading: 'Freiwillig und widerrufbar',
          paragraphs: [
            'Die Erlaubnis ist freiwillig. ' +
              'Wenn Sie nicht unterschreiben, beraten wir Sie trotzdem weiter. ' +
              'Wir können dann aber nicht mit {{recipient}} zusammenarbeiten.',
            'Sie können die Erlaubnis jederzeit widerrufen, auch schon vor dem {{validUntil}}. ' +
              'Ab dann geben wir nichts mehr weiter. ' +
              'Was schon weitergegeben wurde, können wir nicht zurückholen.',
            'Wenn Sie jünger als 16 Jahre sind, unterschreiben Ihre Eltern oder andere Sorgeberechtigte.',
          ],
        },
      ],
      declaration:
        'Ich entbinde die Fachkräfte von {{organisation}} gegenüber {{recipient}} von der ' +
        'Schweigepflicht. Ich bin einverstanden, dass {{organisation}} und {{recipient}} Informationen ' +
        'über mich austauschen – nur für diesen Zweck: {{purpose}}, nur diese Daten: ' +
        '{{categories}}, und nur bis {{validUntil}}.',
      revocationNote:
        'Sie können diese Erlaubnis jederzeit widerrufen, mündlich oder schriftlich, ohne Grund. ' +
        'Ab dann geben wir nichts mehr an {{recipient}} weiter. ' +
        'Was schon weitergegeben wurde, können wir nicht zurückholen.',
    },
    case_management: {
      title: 'Vereinbarung zur Zusammenarbeit im Case Management',
      intro:
        'Sie und Ihre Fachkraft bei {{organisation}} wollen zusammen an Ihren Zielen arbeiten. ' +
        'Hier steht, wie das geht und was jede Seite dafür tut.',
      sections: [
        {
          heading: 'Was ist Case Management?',
          paragraphs: [
            'Case Management ist eine Form der Beratung und Begleitung. ' +
              'Sie haben eine feste Ansprechperson: Ihre Fachkraft (Case Managerin oder Case Manager).',
            'Zuerst schauen Sie gemeinsam auf Ihre Situation: Was ist schwierig? ' +
              'Was können Sie schon gut? Wer kann helfen?',
            'Dann legen Sie zusammen Ziele fest. Daraus entsteht ein Plan (Hilfeplan oder Förderplan). ' +
              'Darin steht, wer was bis wann macht.',
            'Sie treffen sich regelmäßig. Dann prüfen Sie gemeinsam: Was hat geklappt? ' +
              'Muss der Plan geändert werden?',
            'Wenn es passt, stellt Ihre Fachkraft den Kontakt zu anderen Angeboten her. Zum Beispiel zu ' +
              'einem Sprachkurs, einer Ausbildung, einer Hilfe bei der Wohnungssuche oder einer ' +
              'Arztpraxis. Das geschieht nur, wenn Sie einverstanden sind.',
          ],
        },
        {
          heading: 'Freiwillig',
          paragraphs: [
            'Die Teilnahme ist freiwillig. ' +
              'Sie bestimmen mit, welche Ziele Sie haben und welche Schritte Sie gehen.',
            'Sie können das Case Management jederzeit beenden. Sagen Sie es einfach Ihrer Fachkraft. ' +
              'Das hat keine Nachteile für Sie: Sie können weiter zu uns kommen und Fragen stellen.',
            'Ihr Einverständnis können Sie mündlich oder mit Ihrer Unterschrift geben.',
          ],
        },
        {
          heading: 'Was Sie tun',
          paragraphs: [
            'Sie kommen zu den vereinbarten Terminen oder sagen rechtzeitig ab.',
            'Sie erzählen offen, was für die Hilfe wichtig ist. ' +
              'Was Sie nicht erzählen möchten, müssen Sie nicht erzählen.',
            'Sie gehen die Schritte, die Sie im Plan übernommen haben – so gut Sie können.',
            'Sie sagen Bescheid, wenn sich etwas Wichtiges ändert oder wenn Sie mit etwas nicht ' +
              'zufrieden sind.',
          ],
        },
        {
          heading: 'Was Ihre Fachkraft tut',
          paragraphs: [
            'Ihre Fachkraft nimmt sich Zeit für Sie, hört zu und behandelt Sie mit Respekt.',
            'Ihre Fachkraft erklärt alles so, dass Sie es verstehen. ' +
              'Wenn nötig und möglich, hilft eine Dolmetscherin oder ein Dolmetscher.',
            'Ihre Fachkraft entscheidet nichts ohne Sie. ' +
              'Sie bekommen Ihren Plan – wenn möglich in Ihrer Sprache.',
            'Ihre Fachkraft erledigt die Schritte, die sie im Plan übernommen hat.',
            'Ihre Fachkraft hält die Schweigepflicht ein.',
          ],
        },
        {
          heading: 'Wann die Zusammenarbeit endet',
          paragraphs: [
            'Das Case Management endet, wenn Ihre Ziele erreicht sind, wenn Sie es beenden möchten oder ' +
              'wenn eine andere Stelle besser helfen kann. ' +
              'Meistens entscheiden Sie und Ihre Fachkraft das gemeinsam.',
            'Wenn 9 Monate lang kein Kontakt war, endet das Case Management ebenfalls.',
            'Zum Schluss schauen Sie gemeinsam zurück: Was hat sich verändert?',
          ],
        },
        {
          heading: 'Daten und Schweigepflicht',
          paragraphs: [
            'Für das Case Management müssen wir Daten über Sie speichern. ' +
              'Dafür gibt es ein eigenes Formular: die Einwilligung in die Verarbeitung Ihrer Daten.',
            'Informationen an andere Stellen geben wir nur weiter, wenn Sie uns von der Schweigepflicht ' +
              'entbinden. Auch dafür gibt es ein eigenes Formular.',
          ],
        },
      ],
      declaration:
        'Ich möchte am Case Management bei {{organisation}} teilnehmen. Ich habe verstanden, wie die ' +
        'Zusammenarbeit funktioniert, und bin mit dieser Vereinbarung einverstanden.',
      revocationNote:
        'Sie können die Teilnahme jederzeit beenden – ohne Grund und ohne Nachteile. ' +
        'Sagen Sie es einfach Ihrer Fachkraft. ' +
        'Was dann mit Ihren Daten passiert, steht in der Einwilligung in die Verarbeitung Ihrer Daten.',
    },
  },
};

const en: LanguagePack = {
  direction: 'ltr',
  name: 'English',
  form: {
    clientName: 'Name of client',
    birthDate: 'Date of birth',
    guardianName: 'Name of parent / legal guardian (if under 16)',
    place: 'Place',
    date: 'Date',
    signatureClient: 'Signature of client',
    signatureGuardian: 'Signature of parent / legal guardian',
    signatureStaff: 'Signature of caseworker',
    witness: 'Witness (if agreement is given orally)',
    formOral: 'given orally',
    formWritten: 'given in writing',
    validUntil: 'Valid until',
    recipient: 'Recipient (organisation or person)',
    purpose: 'Purpose',
    categories: 'These data may be exchanged',
    germanVersion: 'German version',
  },
  categories: {
    master_data: 'Basic personal data (name, date of birth, address, contact details)',
    assessment: 'Assessment of the situation',
    plan: 'Support plan',
    health: 'Health',
    residence: 'Residence (residence status)',
    journal: 'Case history and notes of conversations',
  },
  texts: {
    data_processing: {
      title: 'Consent to the processing of your data',
      intro:
        'So that we at {{organisation}} can advise and support you well, we store data about you. ' +
        'Here you can read which data these are, who sees them and what rights you have.',
      sections: [
        {
          heading: 'Why we store your data',
          paragraphs: [
            'Personal data are all pieces of information that belong to you. ' +
              'For example your name, your address or your life situation.',
            'We advise and support you, for example in case management. ' +
              'To do this well, we write down important things. ' +
              'That way, at the next appointment we still know what we talked about.',
            'We use your data only for this help. ' +
              'We do not sell them and we do not use them for advertising.',
          ],
        },
        {
          heading: 'Which data we store',
          paragraphs: [
            'Basic personal data: for example name, date of birth, address, phone number and languages.',
            'Your situation: for example school, vocational training, work, housing, family and ' +
              'residence status – and your strengths.',
            'Your goals and the plan we make together (support plan).',
            'Short notes about our conversations and contacts.',
            'We store health data only if they are really needed for the help. ' +
              'We give these data extra protection.',
            'We only ask for what we need for the help. You do not have to answer every question.',
          ],
        },
        {
          heading: 'Who sees your data',
          paragraphs: [
            'Only the staff of {{organisation}} who are responsible for you. ' +
              'That is your caseworker and – if you agree – their deputy.',
            'In urgent cases, for example if your caseworker is ill, the head of the team may also open ' +
              'your file. The head of the team must then write down the reason.',
            'The computer program records who looks at or changes your data, and when. ' +
              'This way every access can be checked.',
            'Public authorities, schools, doctors or other organisations get nothing from us. ' +
              'Only if you give us separate permission. There is a separate form for this: ' +
              'the release from confidentiality.',
            'Exception: a law obliges us to pass something on. For example, if a child is in danger.',
            'Other organisations that use the same program cannot see your data. ' +
              'An IT company may look after the technology on behalf of {{organisation}}. ' +
              'The company must protect your data and may not use them for itself.',
          ],
        },
        {
          heading: 'How long we keep your data',
          paragraphs: [
            'Only as long as we need them for the help.',
            'When the counselling ends, we close your file. Then we remove your personal data.',
            'If we have had no contact with you for 9 months, we also close the file. ' +
              'Then, too, we remove your personal data.',
            'Only anonymous statistics remain. Anonymous means: ' +
              'your name is not in them, and nobody can tell that they are about you. ' +
              'The statistics show, for example, how many people we have advised.',
          ],
        },
        {
          heading: 'Your rights',
          paragraphs: [
            'You may ask at any time which data we have stored about you. ' +
              'You will then get a copy of all the data. This is free of charge.',
            'If something is wrong, we correct it.',
            'You can ask us to delete your data.',
            'Do you have questions about data protection? ' +
              'Ask your caseworker or the data protection officer of {{organisation}}.',
            'You can also complain to the data protection supervisory authority. ' +
              'This is a public office that checks data protection.',
          ],
        },
        {
          heading: 'Voluntary – and you can withdraw at any time',
          paragraphs: [
            'Your consent is voluntary. Nobody may force you to give it.',
            'You can withdraw your consent at any time. Withdraw means: you take your consent back. ' +
              'Tell your caseworker or write to {{organisation}}. You do not have to give a reason.',
            'The withdrawal applies from then on. It does not apply to the past. This means: ' +
              'what we did with your data before remains lawful.',
            'After the withdrawal, we remove your personal data from the file at once.',
            'If you do not consent, or withdraw later, this will not be held against you. ' +
              'You can still come to us and ask questions. But to be honest: ' +
              'without stored data we can only help you in a very limited way. ' +
              'For example, we cannot keep a shared plan with you.',
          ],
        },
        {
          heading: 'Legal basis and signature',
          paragraphs: [
            'The legal basis for storing your data is your consent. ' +
              'This is set out in the General Data Protection Regulation (GDPR), Article 6(1)(a). ' +
              'For health data, Article 9(2)(a) GDPR also applies.',
            'If you are under 16, your parents or other legal guardians sign. ' +
              'A legal guardian is a person who is legally responsible for you. ' +
              'We will also explain the form to you yourself.',
            'You will get a copy of this form.',
          ],
        },
      ],
      declaration:
        'I have read this information, or it has been explained to me. I agree that {{organisation}} ' +
        'stores and uses my data as described here – health data only if they are needed for the help.',
      revocationNote:
        'You can withdraw this consent at any time, orally or in writing, without giving a reason. ' +
        'The withdrawal applies from then on, not to the past. ' +
        'We will then remove your personal data from the file at once. Only anonymous statistics remain.',
    },
    release: {
      title: 'Release from confidentiality',
      intro:
        'With this form you allow {{organisation}} to exchange information about you with ' +
        '{{recipient}}. The permission applies only to the purpose, the data and the period stated here.',
      sections: [
        {
          heading: 'What is confidentiality?',
          paragraphs: [
            'The staff of {{organisation}} have a duty of confidentiality. This means: ' +
              'they may not tell anyone what they learn about you in counselling.',
            'This is set out in the German Criminal Code (section 203, § 203 StGB). ' +
              'Anyone who breaks this duty can be punished.',
            'That is why we may not pass on anything without your permission. Not to public ' +
              'authorities, not to schools, and not even to colleagues who are not responsible for you.',
            'Exception: a law obliges us to do so. For example, if a child is in danger.',
            'With your signature you lift this duty – but only for what is stated below.',
          ],
        },
        {
          heading: 'Who we may talk to',
          paragraphs: [
            'Only: {{recipient}}.',
            'We may give information to {{recipient}}. And {{recipient}} may give us information about you.',
            'For any other organisation or person we need a new, separate permission every time.',
          ],
        },
        {
          heading: 'What for',
          paragraphs: [
            'Only for this purpose: {{purpose}}.',
            'We may not use the information for any other purpose.',
          ],
        },
        {
          heading: 'Which information',
          paragraphs: [
            'Only these data: {{categories}}.',
            'Even of these, we only pass on as much as the purpose needs.',
            'We only pass on health data if “Health” is named here explicitly.',
          ],
        },
        {
          heading: 'How long',
          paragraphs: [
            'The permission is valid until {{validUntil}}. ' +
              'After that we do not exchange anything until you give a new permission.',
            'We record every disclosure in your file: when, to whom and which data. ' +
              'You can ask at any time what we have passed on.',
          ],
        },
        {
          heading: 'Voluntary – and you can withdraw it',
          paragraphs: [
            'This permission is voluntary. If you do not sign, we will still go on advising you. ' +
              'But then we cannot work together with {{recipient}}.',
            'You can withdraw the permission at any time, even before {{validUntil}}. ' +
              'From then on we pass on nothing more. We cannot take back what has already been passed on.',
            'If you are under 16, your parents or other legal guardians sign.',
          ],
        },
      ],
      declaration:
        'I release the staff of {{organisation}} from their duty of confidentiality towards ' +
        '{{recipient}}. I agree that {{organisation}} and {{recipient}} exchange information about me – ' +
        'only for this purpose: {{purpose}}, only these data: ' +
        '{{categories}}, and only until {{validUntil}}.',
      revocationNote:
        'You can withdraw this permission at any time, orally or in writing, without giving a reason. ' +
        'From then on we pass on nothing more to {{recipient}}. ' +
        'We cannot take back what has already been passed on.',
    },
    case_management: {
      title: 'Agreement on working together in case management',
      intro:
        'You and your caseworker at {{organisation}} want to work together on your goals. ' +
        'Here you can read how this works and what each side does.',
      sections: [
        {
          heading: 'What is case management?',
          paragraphs: [
            'Case management is a form of counselling and support. You have one fixed contact person: ' +
              'your caseworker (also called case manager).',
            'First you look at your situation together: What is difficult? ' +
              'What are you already good at? Who can help?',
            'Then you set goals together. From these you make a plan (support plan). ' +
              'It says who does what by when.',
            'You meet regularly. Then you check together: What has worked? Does the plan need to change?',
            'If it fits, your caseworker puts you in touch with other services. ' +
              'For example a language course, vocational training, help with finding a flat, or a doctor. ' +
              'This only happens if you agree.',
          ],
        },
        {
          heading: 'Voluntary',
          paragraphs: [
            'Taking part is voluntary. You have a say in your goals and in the steps you take.',
            'You can end case management at any time. Just tell your caseworker. ' +
              'This will not be held against you: you can still come to us and ask questions.',
            'You can give your agreement orally or with your signature.',
          ],
        },
        {
          heading: 'What you do',
          paragraphs: [
            'You come to the agreed appointments, or you cancel in good time.',
            'You talk openly about what matters for the help. ' +
              'You do not have to talk about things you want to keep to yourself.',
            'You take the steps you agreed to in the plan – as well as you can.',
            'You tell us when something important changes, or when you are unhappy with something.',
          ],
        },
        {
          heading: 'What your caseworker does',
          paragraphs: [
            'Your caseworker takes time for you, listens and treats you with respect.',
            'Your caseworker explains everything so that you understand it. ' +
              'If needed and possible, an interpreter helps.',
            'Your caseworker decides nothing without you. You get your plan – in your language if possible.',
            'Your caseworker carries out the steps they agreed to in the plan.',
            'Your caseworker keeps the duty of confidentiality.',
          ],
        },
        {
          heading: 'When working together ends',
          paragraphs: [
            'Case management ends when your goals are reached, when you want to end it, or when another ' +
              'service can help you better. Usually you and your caseworker decide this together.',
            'If there has been no contact for 9 months, case management also ends.',
            'At the end you look back together: What has changed?',
          ],
        },
        {
          heading: 'Data and confidentiality',
          paragraphs: [
            'For case management we need to store data about you. There is a separate form for this: ' +
              'the consent to the processing of your data.',
            'We only pass on information to other organisations if you release us from confidentiality. ' +
              'There is a separate form for this, too.',
          ],
        },
      ],
      declaration:
        'I want to take part in case management at {{organisation}}. ' +
        'I understand how we will work together, and I accept this agreement.',
      revocationNote:
        'You can end your participation at any time – without giving a reason and without any ' +
        'disadvantage. Just tell your caseworker. ' +
        'What then happens to your data is explained in the consent to the processing of your data.',
    },
  },
};

const ar: LanguagePack = {
  direction: 'rtl',
  name: 'العربية',
  form: {
    clientName: 'اسم المستفيد/ة',
    birthDate: 'تاريخ الميلاد',
    guardianName: 'اسم الوالدين أو ولي الأمر (لمن هم دون 16 عامًا)',
    place: 'المكان',
    date: 'التاريخ',
    signatureClient: 'توقيع المستفيد/ة',
    signatureGuardian: 'توقيع الوالدين أو ولي الأمر',
    signatureStaff: 'توقيع الموظف/ة المسؤول/ة',
    witness: 'الشاهد/ة (عند الموافقة الشفهية)',
    formOral: 'موافقة شفهية',
    formWritten: 'موافقة كتابية',
    validUntil: 'صالح حتى',
    recipient: 'الجهة المتلقية (مؤسسة أو شخص)',
    purpose: 'الغرض',
    categories: 'البيانات المسموح بتبادلها',
    germanVersion: 'النص الألماني',
  },
  categories: {
    master_data: 'البيانات الأساسية (الاسم، تاريخ الميلاد، العنوان، بيانات الاتصال)',
    assessment: 'تحليل الوضع (التقييم)',
    plan: 'خطة المساعدة / خطة الدعم',
    health: 'الصحة',
    residence: 'الإقامة (وضع الإقامة)',
    journal: 'سجل المتابعة وملاحظات المحادثات',
  },
  texts: {
    data_processing: {
      title: 'الموافقة على معالجة بياناتك',
      intro:
        'لكي نتمكن في {{organisation}} من تقديم الاستشارة والدعم لك بشكل جيد، نحفظ بعض البيانات عنك. ' +
        'في هذه الورقة نوضح ما هي هذه البيانات، ومن يطّلع عليها، وما هي حقوقك.',
      sections: [
        {
          heading: 'لماذا نحفظ بياناتك',
          paragraphs: [
            'البيانات الشخصية هي كل المعلومات التي تخصّك أنت، مثل اسمك وعنوانك وظروف حياتك.',
            'نحن نقدّم لك الاستشارة ونرافقك، مثلًا في إطار «إدارة الحالة». ' +
              'ولكي ينجح ذلك، نسجّل الأمور المهمة، حتى نتذكر في الموعد القادم ما تحدثنا عنه.',
            'نستخدم بياناتك لهذه المساعدة فقط. لا نبيعها، ولا نستخدمها للإعلانات.',
          ],
        },
        {
          heading: 'ما البيانات التي نحفظها',
          paragraphs: [
            'البيانات الأساسية: مثل الاسم وتاريخ الميلاد والعنوان ورقم الهاتف واللغات.',
            'وضعك الحالي: مثل المدرسة والتدريب المهني والعمل والسكن والأسرة ووضع الإقامة، وكذلك نقاط قوتك.',
            'أهدافك والخطة التي نضعها معًا (خطة المساعدة أو خطة الدعم).',
            'ملاحظات قصيرة عن محادثاتنا واتصالاتنا.',
            'البيانات الصحية: لا نحفظها إلا إذا كانت ضرورية فعلًا لمساعدتك. ونحمي هذه البيانات حماية خاصة.',
            'لا نسأل إلا عمّا نحتاجه لتقديم المساعدة. ولا يلزمك الإجابة عن كل الأسئلة.',
          ],
        },
        {
          heading: 'من يطّلع على بياناتك',
          paragraphs: [
            'فقط الموظفون في {{organisation}} المسؤولون عن حالتك: ' +
              'أي الموظف المسؤول عنك، ومن ينوب عنه إذا وافقت على ذلك.',
            'في الحالات العاجلة، مثلًا إذا كان الموظف المسؤول عنك مريضًا، يجوز للإدارة أيضًا فتح ملفك. ' +
              'وعلى الإدارة عندها أن تسجّل سبب ذلك كتابيًا.',
            'يسجّل البرنامج الإلكتروني من اطّلع على بياناتك أو غيّرها، ومتى حدث ذلك. ' +
              'وبهذا يمكن مراقبة كل دخول إلى بياناتك.',
            'لا نعطي أي معلومات للدوائر الحكومية أو المدارس أو الأطباء أو أي جهة أخرى، إلا إذا سمحت لنا ' +
              'بذلك بشكل منفصل. ولهذا توجد استمارة خاصة: «الإعفاء من واجب السرية المهنية».',
            'استثناء: إذا ألزمنا القانون بإعطاء معلومات، مثلًا عندما يكون طفل في خطر.',
            'الجهات الأخرى التي تستخدم البرنامج نفسه لا يمكنها رؤية بياناتك. ' +
              'وقد تتولى شركة تقنية معلومات إدارة الأنظمة نيابةً عن {{organisation}}. ' +
              'وهذه الشركة ملزمة بحماية بياناتك، ولا يجوز لها استخدامها لأغراضها الخاصة.',
          ],
        },
        {
          heading: 'إلى متى نحفظ بياناتك',
          paragraphs: [
            'فقط طوال المدة التي نحتاجها فيها لمساعدتك.',
            'عندما تنتهي الاستشارة، نغلق ملفك. وعندها نحذف بياناتك الشخصية.',
            'وإذا مرّت 9 أشهر دون أي تواصل بيننا، نغلق الملف أيضًا، ونحذف بياناتك الشخصية كذلك.',
            'لا يبقى إلا إحصاءات مجهولة الهوية. ومعنى «مجهولة الهوية»: ' +
              'أن اسمك غير موجود فيها، ولا يستطيع أحد أن يعرف أنها تخصّك. ' +
              'وتبيّن هذه الإحصاءات مثلًا عدد الأشخاص الذين قدّمنا لهم الاستشارة.',
          ],
        },
        {
          heading: 'حقوقك',
          paragraphs: [
            'يحق لك في أي وقت الاستفسار عن البيانات التي نحفظها عنك، والحصول على نسخة منها كلها. وهذا مجاني.',
            'إذا كان هناك خطأ في بياناتك، نصحّحه.',
            'يحق لك طلب حذف بياناتك.',
            'هل لديك أسئلة حول حماية البيانات؟ يمكنك التوجه إلى الموظف المسؤول عنك، أو إلى مسؤول حماية ' +
              'البيانات في {{organisation}}.',
            'ويحق لك أيضًا تقديم شكوى إلى هيئة الرقابة على حماية البيانات، وهي جهة رسمية تراقب الالتزام ' +
              'بحماية البيانات.',
          ],
        },
        {
          heading: 'الموافقة طوعية ويمكن سحبها في أي وقت',
          paragraphs: [
            'موافقتك طوعية. ولا يحق لأحد أن يجبرك عليها.',
            'يمكنك سحب موافقتك في أي وقت. ومعنى سحب الموافقة: أنك تتراجع عنها. ' +
              'ويكفي لذلك إبلاغ الموظف المسؤول عنك أو الكتابة إلى {{organisation}}. ولا حاجة لذكر أي سبب.',
            'يسري سحب الموافقة من تلك اللحظة فصاعدًا، وليس بأثر رجعي. ' +
              'أي أن ما فعلناه ببياناتك قبل ذلك يبقى مشروعًا.',
            'بعد سحب الموافقة نحذف بياناتك الشخصية من الملف فورًا.',
            'عدم الموافقة أو سحبها لاحقًا لا يسبب لك أي ضرر، ويمكنك الاستمرار في المجيء إلينا وطرح ' +
              'الأسئلة. ولكن بصراحة: من دون حفظ البيانات لا نستطيع مساعدتك إلا بشكل محدود جدًا. ' +
              'فلا يمكننا مثلًا متابعة خطة مشتركة معك.',
          ],
        },
        {
          heading: 'الأساس القانوني والتوقيع',
          paragraphs: [
            'الأساس القانوني لحفظ بياناتك هو موافقتك. ' +
              'وهذا منصوص عليه في اللائحة العامة لحماية البيانات (DSGVO)، المادة 6، الفقرة 1، البند (أ). ' +
              'وبالنسبة للبيانات الصحية تنطبق أيضًا المادة 9، الفقرة 2، البند (أ) من اللائحة نفسها.',
            'إذا كان عمرك أقل من 16 عامًا، يوقّع والداك أو ولي أمرك، أي الشخص المسؤول عنك قانونيًا. ' +
              'ونشرح هذه الاستمارة لك أنت أيضًا.',
            'نعطيك نسخة من هذه الاستمارة.',
          ],
        },
      ],
      declaration:
        'لقد قرأت هذه المعلومات، أو شُرحت لي. وأوافق على أن تحفظ {{organisation}} بياناتي وتستخدمها على ' +
        'النحو الموضح هنا، على ألا تُحفظ البيانات الصحية إلا إذا كانت ضرورية للمساعدة.',
      revocationNote:
        'يمكنك سحب هذه الموافقة في أي وقت، شفهيًا أو كتابيًا، ودون ذكر أي سبب. ' +
        'ويسري السحب من تلك اللحظة فصاعدًا، وليس بأثر رجعي. ' +
        'وعندها نحذف بياناتك الشخصية من الملف فورًا، ولا يبقى إلا إحصاءات مجهولة الهوية.',
    },
    release: {
      title: 'الإعفاء من واجب السرية المهنية',
      intro:
        'بهذه الاستمارة تأذن لـ{{organisation}} بتبادل المعلومات عنك مع {{recipient}}. ' +
        'ولا يسري هذا الإذن إلا على الغرض والبيانات والمدة المذكورة هنا.',
      sections: [
        {
          heading: 'ما هو واجب السرية؟',
          paragraphs: [
            'يلتزم الموظفون في {{organisation}} بواجب السرية المهنية. ' +
              'وهذا يعني أنه لا يجوز لهم أن يخبروا أحدًا بما يعرفونه عنك من خلال الاستشارة.',
            'هذا منصوص عليه في قانون العقوبات الألماني (المادة 203، § 203 StGB). ' +
              'ومن يخالف واجب السرية قد يتعرض للعقوبة.',
            'لذلك لا يجوز لنا أن نعطي أي معلومات دون إذنك: ' +
              'لا للدوائر الحكومية، ولا للمدارس، ولا حتى لزملائنا غير المسؤولين عن حالتك.',
            'استثناء: إذا ألزمنا القانون بذلك، مثلًا عندما يكون طفل في خطر.',
            'توقيعك يعفينا من واجب السرية، ولكن فقط في حدود ما هو مذكور أدناه.',
          ],
        },
        {
          heading: 'مع من يجوز لنا التواصل',
          paragraphs: [
            'فقط مع: {{recipient}}.',
            'يجوز لنا أن نعطي معلومات إلى {{recipient}}، ويجوز لنا أن نحصل من {{recipient}} على معلومات عنك.',
            'لأي جهة أخرى أو شخص آخر نحتاج في كل مرة إلى إذن جديد ومنفصل.',
          ],
        },
        {
          heading: 'لأي غرض',
          paragraphs: ['فقط لهذا الغرض: {{purpose}}.', 'لا يجوز لنا استخدام هذه المعلومات لأي غرض آخر.'],
        },
        {
          heading: 'أي معلومات',
          paragraphs: [
            'فقط هذه البيانات: {{categories}}.',
            'وحتى من هذه البيانات، لا نعطي إلا القدر اللازم لتحقيق الغرض.',
            'لا نعطي البيانات الصحية إلا إذا ذُكرت «الصحة» هنا صراحةً.',
          ],
        },
        {
          heading: 'إلى متى',
          paragraphs: [
            'يسري هذا الإذن حتى {{validUntil}}. ' +
              'وبعد ذلك لا نتبادل أي معلومات إلى حين حصولنا على إذن جديد منك.',
            'نسجّل في ملفك كل مرة نعطي فيها معلومات: متى، ولمن، وأي بيانات. ' +
              'ويحق لك في أي وقت الاستفسار عن المعلومات التي أعطيناها.',
          ],
        },
        {
          heading: 'الإذن طوعي ويمكن سحبه',
          paragraphs: [
            'هذا الإذن طوعي. وفي حال عدم التوقيع، نستمر في تقديم الاستشارة لك. ' +
              'ولكن لا يمكننا عندها التعاون مع {{recipient}}.',
            'يمكنك سحب الإذن في أي وقت، حتى قبل {{validUntil}}. ' +
              'ومنذ تلك اللحظة نتوقف عن إعطاء أي معلومات. ' +
              'أما المعلومات التي أُعطيت من قبل، فلا يمكننا استرجاعها.',
            'إذا كان عمرك أقل من 16 عامًا، يوقّع والداك أو ولي أمرك.',
          ],
        },
      ],
      declaration:
        'أعفي الموظفين في {{organisation}} من واجب السرية المهنية تجاه {{recipient}}. ' +
        'وأوافق على تبادل المعلومات عني بين {{organisation}} و{{recipient}}: فقط لهذا الغرض: ' +
        '{{purpose}}، وفقط هذه البيانات: {{categories}}، وفقط حتى {{validUntil}}.',
      revocationNote:
        'يمكنك سحب هذا الإذن في أي وقت، شفهيًا أو كتابيًا، ودون ذكر أي سبب. ' +
        'ومنذ تلك اللحظة نتوقف عن إعطاء أي معلومات إلى {{recipient}}. ' +
        'أما المعلومات التي أُعطيت من قبل، فلا يمكننا استرجاعها.',
    },
    case_management: {
      title: 'اتفاق التعاون في إطار إدارة الحالة',
      intro:
        'أنت والموظف المسؤول عنك في {{organisation}} تريدان العمل معًا على تحقيق أهدافك. ' +
        'في هذه الورقة نوضح كيف يتم ذلك، وما الذي يقوم به كل طرف.',
      sections: [
        {
          heading: 'ما هي إدارة الحالة؟',
          paragraphs: [
            'إدارة الحالة (Case Management) هي نوع من الاستشارة والمرافقة. ' +
              'ويكون لك فيها شخص ثابت للتواصل: الموظف المسؤول عنك (ويُسمّى «مدير الحالة»).',
            'في البداية تنظران معًا إلى وضعك: ما الصعوبات؟ ما نقاط قوتك؟ من يستطيع المساعدة؟',
            'بعد ذلك تحددان الأهداف معًا. ومنها تنتج خطة (خطة المساعدة أو خطة الدعم)، يُكتب فيها: ' +
              'من يفعل ماذا، وحتى متى.',
            'تلتقيان بانتظام، وتراجعان معًا: ما الذي نجح؟ هل يجب تعديل الخطة؟',
            'وعند الحاجة، يساعدك الموظف المسؤول عنك في التواصل مع خدمات أخرى، مثل دورة لغة، أو تدريب ' +
              'مهني، أو مساعدة في البحث عن سكن، أو عيادة طبيب. ولا يحدث ذلك إلا بموافقتك.',
          ],
        },
        {
          heading: 'المشاركة طوعية',
          paragraphs: [
            'المشاركة طوعية. ولك رأي في تحديد أهدافك والخطوات التي ستتخذها.',
            'يمكنك إنهاء إدارة الحالة في أي وقت، ويكفي إبلاغ الموظف المسؤول عنك بذلك. ' +
              'ولا يلحق بك أي ضرر بسبب ذلك: يمكنك الاستمرار في المجيء إلينا وطرح الأسئلة.',
            'يمكنك إعطاء موافقتك شفهيًا أو بالتوقيع.',
          ],
        },
        {
          heading: 'التزاماتك',
          paragraphs: [
            'الحضور في المواعيد المتفق عليها، أو الاعتذار عنها في وقت مبكر.',
            'التحدث بصراحة عمّا هو مهم للمساعدة. ولا يلزمك الحديث عن أي أمر لا ترغب في الحديث عنه.',
            'القيام بالخطوات التي تعهّدت بها في الخطة، قدر استطاعتك.',
            'إبلاغنا عندما يتغير أمر مهم، أو عندما لا تكون راضيًا عن شيء ما.',
          ],
        },
        {
          heading: 'التزامات الموظف المسؤول عنك',
          paragraphs: [
            'يخصص لك الوقت، ويستمع إليك، ويعاملك باحترام.',
            'يشرح لك كل شيء بطريقة مفهومة. وعند الحاجة وإن أمكن، يستعين بمترجم أو مترجمة.',
            'لا يقرر شيئًا من دونك. ونعطيك خطتك، بلغتك إن أمكن.',
            'ينفّذ الخطوات التي تعهّد بها في الخطة.',
            'يلتزم بواجب السرية المهنية.',
          ],
        },
        {
          heading: 'متى ينتهي التعاون',
          paragraphs: [
            'تنتهي إدارة الحالة عندما تتحقق أهدافك، أو عندما ترغب في إنهائها، أو عندما تستطيع جهة أخرى ' +
              'مساعدتك بشكل أفضل. وفي العادة تقرران ذلك معًا، أنت والموظف المسؤول عنك.',
            'وإذا مرّت 9 أشهر دون أي تواصل، تنتهي إدارة الحالة أيضًا.',
            'وفي النهاية تنظران معًا إلى ما مضى: ما الذي تغيّر؟',
          ],
        },
        {
          heading: 'البيانات وواجب السرية',
          paragraphs: [
            'لإدارة الحالة نحتاج إلى حفظ بيانات عنك. ولهذا توجد استمارة خاصة: «الموافقة على معالجة بياناتك».',
            'لا نعطي معلومات لجهات أخرى إلا إذا أعفيتنا من واجب السرية المهنية. ' +
              'ولهذا أيضًا توجد استمارة خاصة.',
          ],
        },
      ],
      declaration:
        'أرغب في المشاركة في إدارة الحالة لدى {{organisation}}. ' +
        'لقد فهمت كيف سيجري التعاون، وأوافق على هذا الاتفاق.',
      revocationNote:
        'يمكنك إنهاء المشاركة في أي وقت، دون ذكر أي سبب ودون أي ضرر. ويكفي إبلاغ الموظف المسؤول عنك. ' +
        'أما ما يحدث لبياناتك بعد ذلك، فهو موضح في استمارة «الموافقة على معالجة بياناتك».',
    },
  },
};

const uk: LanguagePack = {
  direction: 'ltr',
  name: 'Українська',
  form: {
    clientName: 'Ім’я та прізвище клієнта / клієнтки',
    birthDate: 'Дата народження',
    guardianName: 'Ім’я та прізвище батьків / законного представника (для осіб до 16 років)',
    place: 'Місце',
    date: 'Дата',
    signatureClient: 'Підпис клієнта / клієнтки',
    signatureGuardian: 'Підпис батьків / законного представника',
    signatureStaff: 'Підпис фахівця / фахівчині',
    witness: 'Свідок (якщо згоду надано усно)',
    formOral: 'надано усно',
    formWritten: 'надано письмово',
    validUntil: 'Дійсно до',
    recipient: 'Отримувач (організація або особа)',
    purpose: 'Мета',
    categories: 'Дані, якими дозволено обмінюватися',
    germanVersion: 'Німецька версія',
  },
  categories: {
    master_data: 'Основні дані (ім’я, дата народження, адреса, контакти)',
    assessment: 'Аналіз ситуації (оцінювання)',
    plan: 'План допомоги / план підтримки',
    health: 'Здоров’я',
    residence: 'Перебування (статус перебування)',
    journal: 'Хід роботи та нотатки розмов',
  },
  texts: {
    data_processing: {
      title: 'Згода на обробку Ваших даних',
      intro:
        'Щоб ми в {{organisation}} могли добре консультувати та підтримувати Вас, ми зберігаємо дані ' +
        'про Вас. Тут пояснено, які це дані, хто їх бачить і які у Вас права.',
      sections: [
        {
          heading: 'Навіщо ми зберігаємо Ваші дані',
          paragraphs: [
            'Персональні дані — це вся інформація, яка стосується саме Вас. ' +
              'Наприклад, Ваше ім’я, адреса чи життєва ситуація.',
            'Ми консультуємо та супроводжуємо Вас, наприклад у кейс-менеджменті. ' +
              'Щоб це добре вдавалося, ми записуємо важливе. ' +
              'Так на наступній зустрічі ми пам’ятаємо, про що говорили.',
            'Ми використовуємо Ваші дані лише для цієї допомоги. ' +
              'Ми їх не продаємо і не використовуємо для реклами.',
          ],
        },
        {
          heading: 'Які дані ми зберігаємо',
          paragraphs: [
            'Основні дані: наприклад, ім’я, дата народження, адреса, номер телефону та мови.',
            'Ваша ситуація: наприклад, школа, професійне навчання, робота, житло, сім’я та статус ' +
              'перебування, а також Ваші сильні сторони.',
            'Ваші цілі та план, який ми складаємо разом (план допомоги або план підтримки).',
            'Короткі нотатки про наші розмови та контакти.',
            'Дані про здоров’я ми зберігаємо лише тоді, коли вони справді потрібні для допомоги. ' +
              'Ці дані ми захищаємо особливо.',
            'Ми запитуємо лише те, що потрібно для допомоги. Ви не зобов’язані відповідати на всі запитання.',
          ],
        },
        {
          heading: 'Хто бачить Ваші дані',
          paragraphs: [
            'Лише ті працівники {{organisation}}, які відповідають за Вашу справу. ' +
              'Це Ваш фахівець і — якщо Ви згодні — особа, яка його заміщає.',
            'У термінових випадках, наприклад коли Ваш фахівець хворіє, Вашу справу може відкрити й ' +
              'керівник. Тоді керівник мусить записати причину.',
            'Комп’ютерна програма фіксує, хто і коли переглядав або змінював Ваші дані. ' +
              'Так можна перевірити кожен доступ.',
            'Державні органи, школи, лікарі чи інші організації нічого від нас не отримують. ' +
              'Лише якщо Ви окремо нам це дозволите. Для цього є окремий бланк: ' +
              '«Звільнення від обов’язку зберігати професійну таємницю».',
            'Виняток: закон зобов’язує нас щось передати. Наприклад, якщо дитина в небезпеці.',
            'Інші організації, які користуються тією самою програмою, не бачать Ваших даних. ' +
              'Технічне обслуговування може здійснювати IT-компанія за дорученням {{organisation}}. ' +
              'Ця компанія зобов’язана захищати Ваші дані й не має права використовувати їх для себе.',
          ],
        },
        {
          heading: 'Як довго ми зберігаємо Ваші дані',
          paragraphs: [
            'Лише стільки, скільки вони потрібні для допомоги.',
            'Коли консультування завершується, ми закриваємо Вашу справу. ' +
              'Тоді ми видаляємо Ваші персональні дані.',
            'Якщо протягом 9 місяців у нас не було з Вами жодного контакту, ми теж закриваємо справу. ' +
              'І тоді ми також видаляємо Ваші персональні дані.',
            'Залишається лише анонімна статистика. Анонімна означає: ' +
              'Вашого імені там немає, і ніхто не може дізнатися, що йдеться про Вас. ' +
              'Статистика показує, наприклад, скільки людей ми проконсультували.',
          ],
        },
        {
          heading: 'Ваші права',
          paragraphs: [
            'Ви можете будь-коли запитати, які дані про Вас ми зберігаємо. ' +
              'Тоді Ви отримаєте копію всіх цих даних. Це безкоштовно.',
            'Якщо щось записано неправильно, ми це виправимо.',
            'Ви можете вимагати, щоб ми видалили Ваші дані.',
            'Маєте запитання щодо захисту даних? Зверніться до свого фахівця або до відповідальної ' +
              'особи з питань захисту даних у {{organisation}}.',
            'Ви також можете подати скаргу до наглядового органу з питань захисту даних. ' +
              'Це державна установа, яка контролює захист даних.',
          ],
        },
        {
          heading: 'Добровільно — і можна будь-коли відкликати',
          paragraphs: [
            'Ваша згода добровільна. Ніхто не може Вас до неї примусити.',
            'Ви можете будь-коли відкликати свою згоду. Відкликати означає: ' +
              'Ви забираєте свою згоду назад. ' +
              'Скажіть про це своєму фахівцю або напишіть до {{organisation}}. ' +
              'Пояснювати причину не потрібно.',
            'Відкликання діє з цього моменту. Воно не діє заднім числом. ' +
              'Тобто те, що ми робили з Вашими даними раніше, залишається законним.',
            'Після відкликання ми одразу видаляємо Ваші персональні дані зі справи.',
            'Якщо Ви не даєте згоди або згодом її відкликаєте, це не матиме для Вас жодних негативних ' +
              'наслідків. Ви й надалі можете приходити до нас і ставити запитання. Але чесно кажучи: ' +
              'без збережених даних ми можемо допомогти Вам лише дуже обмежено. ' +
              'Наприклад, тоді ми не зможемо вести з Вами спільний план.',
          ],
        },
        {
          heading: 'Правова підстава і підпис',
          paragraphs: [
            'Правова підстава для зберігання Ваших даних — Ваша згода. ' +
              'Так передбачає Загальний регламент ЄС про захист даних (GDPR, нім. DSGVO): ' +
              'стаття 6, частина 1, пункт «a». ' +
              'Для даних про здоров’я додатково діє стаття 9, частина 2, пункт «a» цього регламенту.',
            'Якщо Вам менше 16 років, підписують Ваші батьки або інші законні представники. ' +
              'Законний представник — це особа, яка юридично відповідає за Вас. ' +
              'Ми пояснимо цей бланк і Вам особисто.',
            'Ви отримаєте копію цього бланка.',
          ],
        },
      ],
      declaration:
        'Я прочитав(-ла) цю інформацію, або мені її пояснили. ' +
        'Я даю згоду на зберігання та використання моїх даних у {{organisation}} так, як тут описано; ' +
        'даних про здоров’я — лише тоді, коли вони потрібні для допомоги.',
      revocationNote:
        'Ви можете будь-коли відкликати цю згоду — усно або письмово, без пояснення причин. ' +
        'Відкликання діє з цього моменту, а не заднім числом. ' +
        'Тоді ми одразу видаляємо Ваші персональні дані зі справи. Залишається лише анонімна статистика.',
    },
    release: {
      title: 'Звільнення від обов’язку зберігати професійну таємницю',
      intro:
        'Цим бланком Ви дозволяєте {{organisation}} обмінюватися інформацією про Вас з {{recipient}}. ' +
        'Дозвіл діє лише для мети, даних і строку, зазначених тут.',
      sections: [
        {
          heading: 'Що таке професійна таємниця?',
          paragraphs: [
            'Фахівці {{organisation}} зобов’язані зберігати професійну таємницю. Це означає: ' +
              'вони нікому не можуть розповідати те, що дізналися про Вас під час консультацій.',
            'Це встановлено Кримінальним кодексом Німеччини (§ 203 StGB). ' +
              'Той, хто порушує цей обов’язок, може бути покараний.',
            'Тому без Вашого дозволу ми нічого не можемо передавати: ' +
              'ні державним органам, ні школам, ні навіть колегам, які не відповідають за Вашу справу.',
            'Виняток: закон зобов’язує нас це зробити. Наприклад, якщо дитина в небезпеці.',
            'Своїм підписом Ви звільняєте нас від цього обов’язку — але лише в межах того, що зазначено ' +
              'нижче.',
          ],
        },
        {
          heading: 'З ким ми можемо спілкуватися',
          paragraphs: [
            'Лише з: {{recipient}}.',
            'Ми можемо передавати інформацію до {{recipient}}. ' +
              'А {{recipient}} може передавати нам інформацію про Вас.',
            'Для будь-якої іншої організації чи особи нам щоразу потрібен новий, окремий дозвіл.',
          ],
        },
        {
          heading: 'Для чого',
          paragraphs: [
            'Лише для цієї мети: {{purpose}}.',
            'Для інших цілей ми не можемо використовувати цю інформацію.',
          ],
        },
        {
          heading: 'Яка інформація',
          paragraphs: [
            'Лише ці дані: {{categories}}.',
            'І з них ми передаємо лише стільки, скільки потрібно для цієї мети.',
            'Дані про здоров’я ми передаємо лише тоді, коли тут прямо зазначено «Здоров’я».',
          ],
        },
        {
          heading: 'Як довго',
          paragraphs: [
            'Дозвіл діє до {{validUntil}}. ' +
              'Після цього ми більше не обмінюємося інформацією, доки Ви не дасте новий дозвіл.',
            'Кожну передачу даних ми записуємо у Вашу справу: коли, кому і які дані. ' +
              'Ви можете будь-коли запитати, що ми передали.',
          ],
        },
        {
          heading: 'Добровільно — і можна відкликати',
          paragraphs: [
            'Цей дозвіл добровільний. Якщо Ви не підпишете, ми все одно й далі консультуватимемо Вас. ' +
              'Але тоді ми не зможемо співпрацювати з {{recipient}}.',
            'Ви можете будь-коли відкликати дозвіл, навіть до {{validUntil}}. ' +
              'Відтоді ми більше нічого не передаємо. Те, що вже передано, ми не можемо повернути назад.',
            'Якщо Вам менше 16 років, підписують Ваші батьки або інші законні представники.',
          ],
        },
      ],
      declaration:
        'Я звільняю фахівців {{organisation}} від обов’язку зберігати професійну таємницю щодо ' +
        '{{recipient}}. Я даю згоду на обмін інформацією про мене між {{organisation}} і {{recipient}} ' +
        '— лише для цієї мети: {{purpose}}, лише щодо цих даних: ' +
        '{{categories}} і лише до {{validUntil}}.',
      revocationNote:
        'Ви можете будь-коли відкликати цей дозвіл — усно або письмово, без пояснення причин. ' +
        'Відтоді ми більше нічого не передаємо до {{recipient}}. ' +
        'Те, що вже передано, ми не можемо повернути назад.',
    },
    case_management: {
      title: 'Угода про співпрацю в кейс-менеджменті',
      intro:
        'Ви та Ваш фахівець у {{organisation}} хочете разом працювати над Вашими цілями. ' +
        'Тут пояснено, як це відбувається і що робить кожна сторона.',
      sections: [
        {
          heading: 'Що таке кейс-менеджмент?',
          paragraphs: [
            'Кейс-менеджмент (ведення випадку) — це форма консультування та супроводу. ' +
              'У Вас є постійна контактна особа: Ваш фахівець (кейс-менеджер).',
            'Спочатку Ви разом із фахівцем дивитеся на свою ситуацію: що складно? ' +
              'Що Вам уже добре вдається? Хто може допомогти?',
            'Потім Ви разом визначаєте цілі. З них складається план (план допомоги або план підтримки). ' +
              'У ньому записано, хто що робить і до якого часу.',
            'Ви регулярно зустрічаєтеся. Під час зустрічей Ви разом перевіряєте: що вдалося? ' +
              'Чи потрібно змінити план?',
            'Якщо це доречно, Ваш фахівець допомагає Вам зв’язатися з іншими службами. Наприклад, із ' +
              'мовними курсами, професійним навчанням, допомогою в пошуку житла або з лікарем. ' +
              'Це відбувається лише з Вашої згоди.',
          ],
        },
        {
          heading: 'Добровільна участь',
          paragraphs: [
            'Участь добровільна. Ви разом із фахівцем вирішуєте, які у Вас цілі та які кроки Ви робите.',
            'Ви можете будь-коли завершити кейс-менеджмент. Просто скажіть про це своєму фахівцю. ' +
              'Це не матиме для Вас негативних наслідків: ' +
              'Ви й надалі можете приходити до нас і ставити запитання.',
            'Свою згоду Ви можете дати усно або своїм підписом.',
          ],
        },
        {
          heading: 'Що робите Ви',
          paragraphs: [
            'Ви приходите на домовлені зустрічі або вчасно їх скасовуєте.',
            'Ви відкрито розповідаєте те, що важливо для допомоги. ' +
              'Про те, чого не хочете розповідати, Ви можете не говорити.',
            'Ви виконуєте кроки, які взяли на себе в плані, — наскільки можете.',
            'Ви повідомляєте нам, якщо змінюється щось важливе або якщо Вас щось не влаштовує.',
          ],
        },
        {
          heading: 'Що робить Ваш фахівець',
          paragraphs: [
            'Ваш фахівець приділяє Вам час, вислуховує Вас і ставиться до Вас з повагою.',
            'Ваш фахівець пояснює все так, щоб Ви розуміли. Якщо потрібно і можливо, допомагає перекладач.',
            'Ваш фахівець нічого не вирішує без Вас. Ви отримуєте свій план — за можливості Вашою мовою.',
            'Ваш фахівець виконує кроки, які взяв на себе в плані.',
            'Ваш фахівець дотримується професійної таємниці.',
          ],
        },
        {
          heading: 'Коли співпраця завершується',
          paragraphs: [
            'Кейс-менеджмент завершується, коли Ваших цілей досягнуто, коли Ви хочете його завершити ' +
              'або коли інша служба може допомогти краще. Зазвичай Ви і Ваш фахівець вирішуєте це разом.',
            'Якщо протягом 9 місяців не було жодного контакту, кейс-менеджмент також завершується.',
            'Наприкінці Ви разом підсумовуєте: що змінилося?',
          ],
        },
        {
          heading: 'Дані та професійна таємниця',
          paragraphs: [
            'Для кейс-менеджменту нам потрібно зберігати дані про Вас. Для цього є окремий бланк: ' +
              '«Згода на обробку Ваших даних».',
            'Іншим організаціям ми передаємо інформацію лише тоді, коли Ви звільните нас від обов’язку ' +
              'зберігати професійну таємницю. Для цього теж є окремий бланк.',
          ],
        },
      ],
      declaration:
        'Я хочу брати участь у кейс-менеджменті в {{organisation}}. ' +
        'Я розумію, як відбуватиметься співпраця, і погоджуюся з цією угодою.',
      revocationNote:
        'Ви можете будь-коли завершити участь — без пояснення причин і без негативних наслідків. ' +
        'Просто скажіть про це своєму фахівцю. ' +
        'Що тоді відбувається з Вашими даними, описано в бланку «Згода на обробку Ваших даних».',
    },
  },
};

export const SHIPPED_TEMPLATES: Record<ConsentLanguage, LanguagePack> = { de, en, ar, uk };
