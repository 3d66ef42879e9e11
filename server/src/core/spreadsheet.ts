/**
 * CSV cells that a spreadsheet program would run as a formula ("CSV injection", OWASP): a text starting with
 * =, +, -, @, a tab or a carriage return gets a leading apostrophe, so Excel and LibreOffice show it as text.
 * Numbers written as text ("-3", "12,5 %") stay as they are. Used by every CSV export; XLSX exports write text
 * cells as strings, which spreadsheet programs never evaluate.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_TEXT = /^[-+]?\d[\d.,\s]*%?$/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !NUMBER_TEXT.test(text) ? `'${text}` : text;
}

/** csv-stringify's option that applies `neutraliseFormula` to every text cell. */
export const SAFE_CSV_CAST = { string: neutraliseFormula };
