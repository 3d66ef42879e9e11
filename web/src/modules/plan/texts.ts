import type { Shape } from '../../app/i18n/shape';
import { panelDe, panelEn } from './panelTexts';

// The plan module's texts; de.ts and en.ts include them under `plan`.
export const planDe = {
  tab: 'Plan',
  panel: panelDe,
  print: {
    language: 'Sprache der Klient:in',
    print: 'Drucken / als PDF speichern',
    hint: 'Drucken Sie auf A4; im Druckdialog können Sie den Plan auch als PDF speichern. Die Beschriftungen stehen in der Sprache der Klient:in und auf Deutsch, die Texte des Plans so, wie sie geschrieben wurden.',
    handout: 'An die Klient:in ausgehändigt',
    handedOut:
      'Vermerkt: Der Plan (Version {{version}}, Sprache {{language}}) wurde der Klient:in ausgehändigt. Die Weitergabe steht im Offenlegungsprotokoll.',
    meta: '{{organisation}} · Fall {{caseNumber}} · Plan-Version {{version}}',
  },
};

export const planEn: Shape<typeof planDe> = {
  tab: 'Plan',
  panel: panelEn,
  print: {
    language: "Client's language",
    print: 'Print / save as PDF',
    hint: "Print on A4; the print dialogue can also save the plan as a PDF. The labels are in the client's language and in German, the plan's texts as they were written.",
    handout: 'Handed out to the client',
    handedOut:
      'Recorded: the plan (version {{version}}, language {{language}}) was handed out to the client. The disclosure log shows it.',
    meta: '{{organisation}} · case {{caseNumber}} · plan version {{version}}',
  },
};
