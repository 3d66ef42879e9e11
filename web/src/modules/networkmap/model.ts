import type { paths } from '../../api/schema';

// The network map's shapes, derived from the generated schema.
type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;

export type NetworkMapView = Json<paths['/api/network-map']['get']['responses'][200]>;
export type MapNode = NetworkMapView['nodes'][number];
export type MapGroup = NetworkMapView['groups'][number];
export type GroupBy = NetworkMapView['groupBy'];
export type EdgeWeight = MapNode['weight'];
export type NetworkMapQuery = NonNullable<paths['/api/network-map']['get']['parameters']['query']>;

export const GROUP_BY: readonly GroupBy[] = ['type', 'district'];

/** Line widths by the weight the server gives (referrals in the period: 0, 1–2, 3–9, 10 and more). */
export const LINE_WIDTH: Record<EdgeWeight, number> = { none: 1, few: 2.5, regular: 4.5, many: 7 };

/** The group's id in the drawing: partners without a district have no key. */
export const NO_DISTRICT = '-';
export function groupId(group: Pick<MapGroup, 'key'>): string {
  return group.key ?? NO_DISTRICT;
}

export const EDGE_WEIGHTS: readonly EdgeWeight[] = ['none', 'few', 'regular', 'many'];

/**
 * Groups in the order of their names in the UI language (the server orders them by key, and knows no
 * labels of shipped types); "without district" and the type "other" last.
 */
export function sortGroups(
  groups: readonly MapGroup[],
  label: (key: string | null) => string,
  language: string,
): MapGroup[] {
  const collator = new Intl.Collator(language, { sensitivity: 'base' });
  const last = (g: MapGroup) => (g.key === null || g.key === 'other' ? 1 : 0);
  return [...groups].sort((a, b) => last(a) - last(b) || collator.compare(label(a.key), label(b.key)));
}
