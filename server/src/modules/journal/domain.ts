/** The journal (Verlauf / Tagebuch) of a case [BRIEF 2.5; 000 L439–500]. */
export const JOURNAL_KINDS = [
  'personal_talk', // persönliches Gespräch
  'phone', // Telefonat
  'home_visit', // Hausbesuch
  'email_letter', // E-Mail / Brief
  'case_conference', // Fallkonferenz
  'accompaniment', // Begleitung
  'missed_appointment', // versäumter Termin
  'note', // Notiz
] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** Kinds that count as contact with the client: the case's last contact date is the latest of these. */
export const CONTACT_KINDS: readonly JournalKind[] = [
  'personal_talk',
  'phone',
  'home_visit',
  'email_letter',
  'case_conference',
  'accompaniment',
];

export function isContact(kind: JournalKind): boolean {
  return CONTACT_KINDS.includes(kind);
}
