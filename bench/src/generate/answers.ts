import {
  validateAnswers,
  withoutHiddenAnswers,
  type Answer,
  type Answers,
  type Scalar,
} from '../../../server/src/modules/assessment/domain.js';
import type { Field, InstrumentTemplate } from '../../../server/src/modules/assessment/template.js';
import { isoDate } from './calendar.js';
import type { Rng } from './random.js';

/**
 * Answers to any instrument template, filled the way a case manager fills the form: every required field, most
 * optional ones, scales a little below the middle at a first assessment and better at a re-assessment, both
 * views where the template asks for the client's and the professional's. Checked with the assessment module's
 * own validateAnswers before they are written — a template the generator cannot fill stops the run.
 */

const PHRASES = [
  'Siehe Gespräch, wird weiter beobachtet',
  'Unterstützung durch die Familie vorhanden',
  'Möchte selbst aktiv werden, braucht Begleitung bei Ämtern',
  'Bisher keine Angaben',
  'Klärt sich voraussichtlich in den nächsten Wochen',
  'Hat bereits erste Schritte unternommen',
];
const LONG_PHRASES = [
  'Im Gespräch wurde deutlich, dass mehrere Lebensbereiche zusammenhängen. Die Person wünscht sich Unterstützung bei den nächsten Schritten und ist motiviert.',
  'Die Lage ist im Moment stabil. Es gibt Kontakte zu Familie und Freundeskreis, die im Alltag helfen. Offene Fragen betreffen vor allem Behördenangelegenheiten.',
  'Es bestehen Belastungen, die die Teilnahme an Kursen erschweren. Gemeinsam wurden erste Entlastungsmöglichkeiten besprochen.',
];

function textValue(rng: Rng, field: Field & { type: 'text' | 'longtext' }): string {
  const max = field.maxLength ?? (field.type === 'text' ? 500 : 20_000);
  return rng.pick(field.type === 'text' ? PHRASES : LONG_PHRASES).slice(0, max);
}

/** A scale value: `level` 0 … 1 shifts it from the low to the high end. */
function scaleValue(rng: Rng, min: number, max: number, level: number): number {
  const mid = min + (max - min) * (0.3 + 0.45 * level);
  return Math.max(min, Math.min(max, Math.round(mid + (rng.float() - 0.5) * (max - min) * 0.6)));
}

function scalar(rng: Rng, field: Field, day: number, level: number): Scalar {
  switch (field.type) {
    case 'text':
    case 'longtext':
      return textValue(rng, field);
    case 'number': {
      const min = field.min ?? 0;
      const max = field.max ?? Math.max(min + 10, 10);
      const value = min + rng.float() * (Math.min(max, min + 20) - min);
      return field.integer ? Math.round(value) : Math.round(value * 10) / 10;
    }
    case 'date':
      return isoDate(day - rng.int(0, 900));
    case 'yesno':
      return rng.chance(0.5);
    case 'single':
      return rng.pick(field.options).value;
    case 'multi':
      return rng.some(field.options, rng.int(1, Math.min(3, field.options.length))).map((o) => o.value);
    case 'scale':
      return scaleValue(rng, field.scale.min, field.scale.max, level);
    default:
      return null;
  }
}

function answerOf(rng: Rng, field: Field, day: number, level: number): Answer | undefined {
  if (field.type === 'group') {
    const rows = rng.int(1, Math.min(3, field.maxRows ?? 3));
    return Array.from({ length: rows }, () => {
      const row: Record<string, Scalar> = {};
      for (const f of field.fields) {
        if (f.type === 'group' || f.type === 'domainRating') continue;
        if (f.required || rng.chance(0.7)) row[f.key] = scalar(rng, f, day, level);
      }
      return row;
    });
  }
  if (field.type === 'domainRating') {
    return Object.fromEntries(
      field.domains.map((d) => [d.value, scaleValue(rng, field.scale.min, field.scale.max, level)]),
    );
  }
  if (field.perspectives) {
    const professional = scalar(rng, field, day, level);
    // The client often sees herself a little better than the professional does.
    const client =
      field.type === 'scale' && typeof professional === 'number'
        ? Math.min(field.scale.max, professional + rng.int(0, 1))
        : scalar(rng, field, day, level);
    return { client, professional };
  }
  return scalar(rng, field, day, level);
}

/**
 * Answers for a final (or, with `final: false`, a partly filled draft) assessment conducted on `day`. `level`
 * is how well things stand (0 … 1): a re-assessment passes a higher one.
 */
export function generateAnswers(
  rng: Rng,
  template: InstrumentTemplate,
  day: number,
  options: { final: boolean; level: number },
): Answers {
  const answers: Answers = {};
  for (const section of template.sections) {
    for (const field of section.fields) {
      const fill = field.required ? options.final || rng.chance(0.6) : rng.chance(options.final ? 0.75 : 0.4);
      if (!fill) continue;
      const answer = answerOf(rng, field, day, options.level);
      if (answer !== undefined) answers[field.key] = answer;
    }
  }
  // A condition that hides a field drops its answer (the form does not keep hidden answers).
  const shown = withoutHiddenAnswers(template, answers);
  const errors = validateAnswers(template, shown, { final: options.final });
  if (errors.length > 0) {
    throw new Error(
      `generated answers for ${template.key} do not validate: ${errors
        .slice(0, 3)
        .map((e) => `${e.pointer} ${e.code}`)
        .join(', ')}`,
    );
  }
  return shown;
}
