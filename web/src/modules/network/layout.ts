import { closenessOf, type Closeness, type ContactKind } from './model';

/*
 * Where the eco-map draws each contact: the client in the centre, three rings for closeness (inner = very
 * close), one sector per kind of contact. Pure geometry without React, so it can be tested on its own.
 *
 * The rule that keeps labels apart: a contact takes up a box (circle, name, support letters) of FOOTPRINT
 * size; two boxes cannot overlap when their centres are at least the box diagonal apart. Contacts therefore
 * sit on "lanes" (circles) that are one diagonal apart, and on one lane neighbours (also across a sector
 * border) are at least one diagonal apart along the chord. A ring gets as many lanes as its fullest sector
 * needs, so the map grows with the network instead of piling contacts on top of each other.
 */

/** The sectors clockwise from the top. Professionals and agencies share one: the helping system. */
export const SECTORS = [
  { key: 'family', kinds: ['family'] },
  { key: 'friends', kinds: ['friend'] },
  { key: 'neighbours', kinds: ['neighbour'] },
  { key: 'volunteers', kinds: ['volunteer'] },
  { key: 'professionals', kinds: ['professional', 'agency'] },
  { key: 'other', kinds: ['other'] },
] as const satisfies readonly { key: string; kinds: readonly ContactKind[] }[];
export type SectorKey = (typeof SECTORS)[number]['key'];

/**
 * The box a contact takes up around its centre: its circle (with the support letters inside) and its name
 * below, at most LABEL_LENGTH characters.
 */
export const FOOTPRINT = { width: 84, above: 14, below: 28 } as const;
export const NODE_RADIUS = 14;
export const LABEL_LENGTH = 13;

export interface Geometry {
  /** Radius of the client's circle in the centre. */
  clientRadius: number;
  /** Radius of the first lane: beyond the client's circle plus the farthest corner of a contact's box. */
  firstLane: number;
  /** Least distance between two contacts' centres, and between two lanes. */
  spacing: number;
  /** No sector is narrower than this (radians), so an empty kind still has room for its label. */
  minSectorAngle: number;
  /** Room beyond the outer ring for the sector names, which run along it. */
  labelBand: number;
}

const SPACING = Math.ceil(Math.hypot(FOOTPRINT.width, FOOTPRINT.above + FOOTPRINT.below));

export const GEOMETRY: Geometry = {
  clientRadius: 34,
  // One spacing out, a sixth of the circle (the sector of each kind in an empty map) holds one contact.
  firstLane: SPACING,
  spacing: SPACING,
  minSectorAngle: Math.PI / 6,
  labelBand: 26,
};

export interface LayoutContact {
  id: string;
  name: string;
  kind: ContactKind;
  closeness: number;
}

export interface PlacedContact {
  id: string;
  sector: SectorKey;
  closeness: Closeness;
  /** Angle in radians, clockwise from the positive x axis (SVG coordinates, y points down). */
  angle: number;
  radius: number;
  x: number;
  y: number;
}

export interface RingLayout {
  closeness: Closeness;
  inner: number;
  outer: number;
}

export interface SectorLayout {
  key: SectorKey;
  start: number;
  end: number;
  /**
   * An SVG arc just outside the outer ring for the sector's name to run along (textPath), drawn so that the
   * text reads left to right: clockwise in the upper half, anticlockwise (and a line further out) below.
   */
  labelPath: string;
}

export interface NetworkLayout {
  /** The drawing is centred on the client at (0, 0); the view box runs from -width/2 to width/2. */
  width: number;
  height: number;
  clientRadius: number;
  rings: RingLayout[];
  sectors: SectorLayout[];
  /** Sector by sector clockwise, inside a sector from the centre outwards, so reading order is stable. */
  nodes: PlacedContact[];
}

const TOP = -Math.PI / 2;
const FULL = 2 * Math.PI;

export function sectorOf(kind: ContactKind): SectorKey {
  return SECTORS.find((s) => (s.kinds as readonly ContactKind[]).includes(kind))?.key ?? 'other';
}

/** Same order for the same contacts, whatever order the server lists them in. */
function compareContacts(a: LayoutContact, b: LayoutContact): number {
  const kindOrder = (c: LayoutContact) =>
    SECTORS.flatMap((s) => s.kinds as readonly ContactKind[]).indexOf(c.kind);
  return (
    kindOrder(a) - kindOrder(b) ||
    a.name.localeCompare(b.name, 'de', { sensitivity: 'base' }) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Sector widths: each gets the minimum, the rest is shared in proportion to the number of contacts, so a
 * large family does not crowd into a sixth of the circle.
 */
export function sectorAngles(counts: readonly number[], minAngle: number): number[] {
  const total = counts.reduce((sum, n) => sum + n, 0);
  const spare = FULL - counts.length * minAngle;
  return counts.map((n) => minAngle + (total === 0 ? spare / counts.length : (spare * n) / total));
}

/** How many contacts fit on a lane of this radius within a sector of this width. */
export function laneCapacity(span: number, radius: number, spacing: number): number {
  if (2 * radius < spacing) return 0;
  const step = 2 * Math.asin(spacing / (2 * radius));
  return Math.floor(span / step + 1e-9);
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Text on a path sits on its left side; below the centre the path runs backwards, so add a line. */
export function sectorLabelPath(start: number, end: number, outer: number, band: number): string {
  // A tolerance, so a sector centred on the left side reads upwards rather than by rounding noise.
  const below = Math.sin((start + end) / 2) > 1e-9;
  const radius = round(outer + (below ? band - 4 : 8));
  const [from, to] = below ? [end, start] : [start, end];
  const point = (angle: number) => `${round(radius * Math.cos(angle))} ${round(radius * Math.sin(angle))}`;
  const large = end - start > Math.PI ? 1 : 0;
  return `M ${point(from)} A ${radius} ${radius} 0 ${large} ${below ? 0 : 1} ${point(to)}`;
}

export function layoutNetwork(
  contacts: readonly LayoutContact[],
  geometry: Geometry = GEOMETRY,
): NetworkLayout {
  const { spacing } = geometry;
  const bySector = SECTORS.map((sector) =>
    contacts.filter((c) => sectorOf(c.kind) === sector.key).sort(compareContacts),
  );
  const spans = sectorAngles(
    bySector.map((members) => members.length),
    geometry.minSectorAngle,
  );
  const starts = spans.map((_, i) => TOP + spans.slice(0, i).reduce((sum, span) => sum + span, 0));

  const nodes: PlacedContact[] = [];
  const rings: RingLayout[] = [];
  let lane = geometry.firstLane;
  let inner = geometry.clientRadius;
  for (const closeness of [1, 2, 3] as const) {
    const queues = bySector.map((members) => members.filter((c) => closenessOf(c.closeness) === closeness));
    let last = lane;
    // At least one lane per ring, so an empty ring is still drawn; then as many as the fullest sector needs.
    do {
      queues.forEach((queue, i) => {
        const span = spans[i] ?? 0;
        const start = starts[i] ?? TOP;
        const taken = queue.splice(0, laneCapacity(span, lane, spacing));
        taken.forEach((contact, j) => {
          const angle = start + (span * (j + 0.5)) / taken.length;
          nodes.push({
            id: contact.id,
            sector: SECTORS[i]?.key ?? 'other',
            closeness,
            angle,
            radius: lane,
            x: round(lane * Math.cos(angle)),
            y: round(lane * Math.sin(angle)),
          });
        });
      });
      last = lane;
      lane += spacing;
    } while (queues.some((queue) => queue.length > 0));
    const outer = last + spacing / 2;
    rings.push({ closeness, inner, outer });
    inner = outer;
  }

  const outerRadius = inner;
  const sectors = SECTORS.map((sector, i): SectorLayout => {
    const start = starts[i] ?? TOP;
    const end = start + (spans[i] ?? 0);
    return {
      key: sector.key,
      start,
      end,
      labelPath: sectorLabelPath(start, end, outerRadius, geometry.labelBand),
    };
  });
  // Lanes are filled sector by sector; list the nodes sector by sector for a stable reading order.
  const sectorIndex = (key: SectorKey) => SECTORS.findIndex((s) => s.key === key);
  nodes.sort(
    (a, b) => sectorIndex(a.sector) - sectorIndex(b.sector) || a.radius - b.radius || a.angle - b.angle,
  );
  const size = Math.ceil(2 * (outerRadius + geometry.labelBand));
  return {
    width: size,
    height: size,
    clientRadius: geometry.clientRadius,
    rings,
    sectors,
    nodes,
  };
}

export interface Point {
  x: number;
  y: number;
}

/** A sector as a filled wedge from the centre to the outer ring (its background). */
export function wedgePath(start: number, end: number, radius: number): string {
  const point = (angle: number) => `${round(radius * Math.cos(angle))} ${round(radius * Math.sin(angle))}`;
  const large = end - start > Math.PI ? 1 : 0;
  return `M 0 0 L ${point(start)} A ${radius} ${radius} 0 ${large} 1 ${point(end)} Z`;
}

/** The line between the client's circle and a contact's circle, from rim to rim. */
export function linkEnds(node: Point, clientRadius: number, nodeRadius: number): { from: Point; to: Point } {
  const length = Math.hypot(node.x, node.y);
  if (length === 0) return { from: node, to: node };
  const ux = node.x / length;
  const uy = node.y / length;
  return {
    from: { x: round(ux * clientRadius), y: round(uy * clientRadius) },
    to: { x: round(node.x - ux * nodeRadius), y: round(node.y - uy * nodeRadius) },
  };
}

/**
 * A zigzag between two points, the eco-map's sign for a strained relation: a shape, so it reads without
 * colour and in black-and-white print. Returns the points of an SVG polyline.
 */
export function zigzag(from: Point, to: Point, wavelength = 10, amplitude = 4): Point[] {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  const segments = Math.max(2, Math.round(length / (wavelength / 2)));
  const nx = length === 0 ? 0 : -dy / length;
  const ny = length === 0 ? 0 : dx / length;
  const points: Point[] = [];
  for (let i = 0; i <= segments; i++) {
    const t = i / segments;
    const offset = i === 0 || i === segments ? 0 : (i % 2 === 1 ? 1 : -1) * amplitude;
    points.push({ x: round(from.x + dx * t + nx * offset), y: round(from.y + dy * t + ny * offset) });
  }
  return points;
}

/** A name shortened to fit under a contact's circle; the full name is in the table and the tooltip. */
export function fitLabel(name: string, max: number = LABEL_LENGTH): string {
  const trimmed = name.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}
