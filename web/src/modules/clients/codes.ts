/*
 * Code lists for master data. The server stores codes only; the names come from the browser (Intl.DisplayNames)
 * in the UI language, so no translation table has to be kept up to date here.
 */

/** ISO 3166-1 alpha-2, plus XK (Kosovo), which German authorities use although ISO has not assigned it. */
export const COUNTRY_CODES =
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET
FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO
IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH
MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW`.split(
    /\s+/,
  );

/**
 * ISO 639-1, plus three ISO 639-3 codes often needed in migration counselling that 639-1 lacks:
 * Dari (prs), Central Kurdish/Sorani (ckb) and Romani (rom).
 */
export const LANGUAGE_CODES =
  `aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de
dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io
is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt
my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn
so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
prs ckb rom`.split(/\s+/);

export interface CodeOption {
  value: string;
  label: string;
}

function displayNames(language: string, type: 'region' | 'language'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([language], { type, fallback: 'code' });
  } catch {
    return null;
  }
}

/** The name of a country or language code in the UI language; the code itself when the browser has none. */
export function codeName(code: string, language: string, type: 'region' | 'language'): string {
  try {
    return displayNames(language, type)?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Options for a select, sorted by name in the UI language (so "Österreich" comes after "Oman" in German). */
export function codeOptions(
  codes: readonly string[],
  language: string,
  type: 'region' | 'language',
): CodeOption[] {
  const names = displayNames(language, type);
  const collator = new Intl.Collator(language);
  return codes
    .map((code) => ({ value: code, label: names?.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
