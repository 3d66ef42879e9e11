/**
 * The organisation's network map (Netzwerkkarte, issue 7): whom the organisation works with, how much, and
 * where agreements are missing — the questions of the yearly review of cooperations [001 L1541, L1985].
 * Pure rules without I/O: grouping, the weight of a line, the missing-agreement rule, the period.
 */

export const GROUP_BY = ['type', 'district'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/**
 * A partner with this many referrals in the period and no agreement in force is listed as "an agreement is
 * missing here": enough case work to make the cooperation worth settling [001 L1930–1990].
 */
export const MISSING_AGREEMENT_THRESHOLD = 3;

/** Classes of a line's weight by the referrals in the period; the web draws each class in its own width. */
export const EDGE_WEIGHTS = ['none', 'few', 'regular', 'many'] as const;
export type EdgeWeight = (typeof EDGE_WEIGHTS)[number];

/** Lower bounds of the classes: 0, 1–2, 3–9, 10 and more. */
const WEIGHT_FROM: ReadonlyArray<readonly [EdgeWeight, number]> = [
  ['many', 10],
  ['regular', 3],
  ['few', 1],
];

export function edgeWeight(referrals: number): EdgeWeight {
  return WEIGHT_FROM.find(([, from]) => referrals >= from)?.[0] ?? 'none';
}

/** The forms of an agreement, weakest to most binding [001 L1950]. */
export const AGREEMENT_FORMS = ['oral', 'minutes', 'written'] as const;

export interface AgreementInForce {
  agreementId: string;
  partnerId: string;
  form: string;
  reviewOn: string | null;
}

/**
 * One partner may take part in several agreements: the map shows the most binding one, and of equally
 * binding ones the one due for review first (then the lowest id, so the answer is stable).
 */
export function strongestAgreement<A extends Omit<AgreementInForce, 'partnerId'>>(
  agreements: readonly A[],
): A | null {
  const rank = (form: string) => AGREEMENT_FORMS.indexOf(form as (typeof AGREEMENT_FORMS)[number]);
  let best: A | null = null;
  for (const a of agreements) {
    if (best === null) {
      best = a;
      continue;
    }
    const byForm = rank(a.form) - rank(best.form);
    const review = (r: string | null) => r ?? '9999-12-31';
    if (
      byForm > 0 ||
      (byForm === 0 &&
        (review(a.reviewOn) < review(best.reviewOn) ||
          (review(a.reviewOn) === review(best.reviewOn) && a.agreementId < best.agreementId)))
    ) {
      best = a;
    }
  }
  return best;
}

export interface MapPartner {
  id: string;
  name: string;
  type: string;
  district: string | null;
  referrals: number;
  completed: number;
  agreement: { id: string; form: string; reviewOn: string | null } | null;
}

/** "Where are agreements missing": enough referrals, no agreement in force; most referrals first. */
export function needsAgreement(partner: Pick<MapPartner, 'referrals' | 'agreement'>): boolean {
  return partner.agreement === null && partner.referrals >= MISSING_AGREEMENT_THRESHOLD;
}

export function missingAgreements<P extends MapPartner>(partners: readonly P[]): P[] {
  return partners.filter(needsAgreement).sort((a, b) => b.referrals - a.referrals || byName(a, b));
}

export function byName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return (
    a.name.localeCompare(b.name, 'de', { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export interface MapGroup {
  /** The type's key or the district; null: partners without a district. */
  key: string | null;
  partnerIds: string[];
  partners: number;
  referrals: number;
  completed: number;
  withAgreement: number;
}

export function groupKey(partner: Pick<MapPartner, 'type' | 'district'>, groupBy: GroupBy): string | null {
  if (groupBy === 'type') return partner.type;
  const district = partner.district?.trim() ?? '';
  return district === '' ? null : district;
}

/**
 * Partners in groups by type or district, with totals. Groups in the order of their keys (partners without a
 * district last), partners inside by name, so the map looks the same at every visit.
 */
export function groupPartners(partners: readonly MapPartner[], groupBy: GroupBy): MapGroup[] {
  const groups = new Map<string | null, MapGroup>();
  for (const partner of [...partners].sort(byName)) {
    const key = groupKey(partner, groupBy);
    const group = groups.get(key) ?? {
      key,
      partnerIds: [],
      partners: 0,
      referrals: 0,
      completed: 0,
      withAgreement: 0,
    };
    group.partnerIds.push(partner.id);
    group.partners += 1;
    group.referrals += partner.referrals;
    group.completed += partner.completed;
    if (partner.agreement) group.withAgreement += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) =>
    a.key === null
      ? b.key === null
        ? 0
        : 1
      : b.key === null
        ? -1
        : a.key.localeCompare(b.key, 'de', { sensitivity: 'base' }),
  );
}

export interface Period {
  from: string;
  to: string;
}

/** The same day some years away (29 February becomes 28 February). */
export function shiftYears(day: string, years: number): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const lastOfMonth = new Date(Date.UTC(year + years, month, 0)).getUTCDate();
  return new Date(Date.UTC(year + years, month - 1, Math.min(date, lastOfMonth))).toISOString().slice(0, 10);
}

function shiftDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The period asked for; by default the twelve months up to today (both days counted). With only one end
 * given, the other is twelve months away from it.
 */
export function resolvePeriod(today: string, from?: string, to?: string): Period {
  if (from && to) return { from, to };
  if (from) return { from, to: shiftDays(shiftYears(from, 1), -1) };
  const end = to ?? today;
  return { from: shiftDays(shiftYears(end, -1), 1), to: end };
}

/** The day whose agreements the map shows: the end of the period, but not a day after today. */
export function agreementDay(period: Period, today: string): string {
  return period.to < today ? period.to : today;
}
