import { laneCapacity, sectorAngles, sectorLabelPath } from '../network/layout';

/*
 * Where the organisation's network map draws each partner: the organisation in the centre, one sector per
 * group (type or district), the partners of a group on lanes (circles) in its sector. Pure geometry, tested
 * on its own; the circle and line helpers are the eco-map's (modules/network/layout).
 *
 * Labels stay apart the eco-map's way: a partner takes up a box (circle and name below it, at most
 * LABEL_LENGTH characters); lanes are one box diagonal apart, and on a lane neighbours are at least one
 * diagonal apart along the chord, also across a sector border. A sector gets as many lanes as it needs.
 */

export const NODE_RADIUS = 12;
export const LABEL_LENGTH = 16;
export const FOOTPRINT = { width: 104, above: NODE_RADIUS + 2, below: NODE_RADIUS + 20 } as const;
const SPACING = Math.ceil(Math.hypot(FOOTPRINT.width, FOOTPRINT.above + FOOTPRINT.below));

export interface Geometry {
  centreRadius: number;
  firstLane: number;
  spacing: number;
  /** Room beyond the outermost lane for the group names, which run along an arc. */
  labelBand: number;
  /** Width of a character of a group name (bold, 13px), to shorten names to their sector's arc. */
  labelCharWidth: number;
}

export const GEOMETRY: Geometry = {
  centreRadius: 46,
  firstLane: 46 + SPACING,
  spacing: SPACING,
  labelBand: 30,
  labelCharWidth: 8,
};

export interface LayoutGroup {
  /** Stable id of the group in the drawing (the key, or a stand-in for "without district"). */
  id: string;
  partnerIds: readonly string[];
}

export interface PlacedPartner {
  id: string;
  group: string;
  angle: number;
  radius: number;
  x: number;
  y: number;
}

export interface PlacedSector {
  group: string;
  start: number;
  end: number;
  labelPath: string;
  /** How many characters of the group's name fit along its arc. */
  labelLength: number;
}

export interface MapLayout {
  /** Centred on the organisation at (0, 0); the view box runs from -size/2 to size/2. */
  size: number;
  centreRadius: number;
  /** Radius of the sectors' wedges (beyond the outermost lane). */
  outer: number;
  sectors: PlacedSector[];
  /** Group by group clockwise from the top, inside a group from the centre outwards: the reading order. */
  nodes: PlacedPartner[];
}

const TOP = -Math.PI / 2;
const round = (value: number) => Math.round(value * 10) / 10;

/**
 * The narrowest a sector may be: a sixth of the circle, but with many groups together no more than half of
 * it, so the rest is shared in proportion to the partners.
 */
export function minSectorAngle(groups: number): number {
  return groups === 0 ? 0 : Math.min(Math.PI / 6, Math.PI / groups);
}

export function layoutMap(groups: readonly LayoutGroup[], geometry: Geometry = GEOMETRY): MapLayout {
  const { spacing } = geometry;
  const spans =
    groups.length === 1
      ? [2 * Math.PI]
      : sectorAngles(
          groups.map((g) => g.partnerIds.length),
          minSectorAngle(groups.length),
        );
  const starts = spans.map((_, i) => TOP + spans.slice(0, i).reduce((sum, span) => sum + span, 0));
  const queues = groups.map((g) => [...g.partnerIds]);

  const nodes: PlacedPartner[] = [];
  let lane = geometry.firstLane;
  let last = lane;
  while (queues.some((queue) => queue.length > 0)) {
    queues.forEach((queue, i) => {
      const span = spans[i] ?? 0;
      const start = starts[i] ?? TOP;
      const taken = queue.splice(0, laneCapacity(span, lane, spacing));
      taken.forEach((id, j) => {
        const angle = start + (span * (j + 0.5)) / taken.length;
        nodes.push({
          id,
          group: groups[i]?.id ?? '',
          angle,
          radius: lane,
          x: round(lane * Math.cos(angle)),
          y: round(lane * Math.sin(angle)),
        });
      });
    });
    last = lane;
    lane += spacing;
  }
  const outer = last + spacing / 2;
  const sectors = groups.map((group, i): PlacedSector => {
    const start = starts[i] ?? TOP;
    const end = start + (spans[i] ?? 0);
    const arc = Math.min(end - start, Math.PI) * (outer + geometry.labelBand / 2);
    return {
      group: group.id,
      start,
      end,
      // A whole circle has no arc to run along: one group's name runs over the top half.
      labelPath:
        groups.length === 1
          ? sectorLabelPath(-Math.PI, 0, outer, geometry.labelBand)
          : sectorLabelPath(start, end, outer, geometry.labelBand),
      labelLength: Math.max(0, Math.floor((arc * 0.9) / geometry.labelCharWidth)),
    };
  });
  const order = new Map(groups.map((g, i) => [g.id, i]));
  nodes.sort(
    (a, b) =>
      (order.get(a.group) ?? 0) - (order.get(b.group) ?? 0) || a.radius - b.radius || a.angle - b.angle,
  );
  return {
    size: Math.ceil(2 * (outer + geometry.labelBand)),
    centreRadius: geometry.centreRadius,
    outer,
    sectors,
    nodes,
  };
}

/**
 * A name in a few short lines for the organisation's circle: words kept together where they fit, longer
 * words broken with a hyphen, the last line shortened with "…" when the name is longer still.
 */
export function wrapLabel(name: string, width: number, lines: number): string[] {
  const pieces = name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) => {
      const parts: string[] = [];
      let rest = word;
      while (rest.length > width) {
        parts.push(`${rest.slice(0, width - 1)}-`);
        rest = rest.slice(width - 1);
      }
      return [...parts, rest];
    });
  const result: string[] = [];
  for (const piece of pieces) {
    const last = result[result.length - 1];
    if (last !== undefined && !last.endsWith('-') && last.length + 1 + piece.length <= width) {
      result[result.length - 1] = `${last} ${piece}`;
    } else {
      result.push(piece);
    }
  }
  if (result.length <= lines) return result;
  const kept = result.slice(0, lines);
  const tail = kept[lines - 1] ?? '';
  kept[lines - 1] = `${tail.replace(/-$/, '').slice(0, width - 1)}…`;
  return kept;
}
