import { describe, expect, it } from 'vitest';
import type { ContactKind } from './model';
import {
  FOOTPRINT,
  fitLabel,
  GEOMETRY,
  laneCapacity,
  layoutNetwork,
  linkEnds,
  sectorAngles,
  zigzag,
  type LayoutContact,
  type NetworkLayout,
  type PlacedContact,
  wedgePath,
} from './layout';

const KINDS: ContactKind[] = [
  'family',
  'friend',
  'neighbour',
  'volunteer',
  'professional',
  'agency',
  'other',
];

/** `count` contacts of one kind and closeness, named so that their alphabetical order is their number. */
function contacts(kind: ContactKind, closeness: number, count: number, prefix = kind): LayoutContact[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${closeness}-${String(i).padStart(3, '0')}`,
    name: `${prefix} ${String(i).padStart(3, '0')}`,
    kind,
    closeness,
  }));
}

function footprint(node: PlacedContact) {
  return {
    left: node.x - FOOTPRINT.width / 2,
    right: node.x + FOOTPRINT.width / 2,
    top: node.y - FOOTPRINT.above,
    bottom: node.y + FOOTPRINT.below,
  };
}

function overlapping(layout: NetworkLayout): string[] {
  const pairs: string[] = [];
  layout.nodes.forEach((a, i) => {
    for (const b of layout.nodes.slice(i + 1)) {
      const p = footprint(a);
      const q = footprint(b);
      if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) {
        pairs.push(`${a.id} / ${b.id}`);
      }
    }
  });
  return pairs;
}

function normalised(angle: number): number {
  const full = 2 * Math.PI;
  return ((angle % full) + full) % full;
}

function withinSector(layout: NetworkLayout, node: PlacedContact): boolean {
  const sector = layout.sectors.find((s) => s.key === node.sector);
  if (!sector) return false;
  const offset = normalised(node.angle - sector.start);
  return offset > 0 && offset < sector.end - sector.start;
}

describe('network map layout', () => {
  const cases: { name: string; input: LayoutContact[] }[] = [
    { name: 'no contacts', input: [] },
    { name: 'one contact', input: contacts('family', 1, 1) },
    {
      name: 'a typical network',
      input: [
        ...contacts('family', 1, 3),
        ...contacts('family', 2, 2),
        ...contacts('friend', 2, 2),
        ...contacts('neighbour', 3, 1),
        ...contacts('professional', 2, 2),
        ...contacts('agency', 3, 3),
        ...contacts('other', 3, 1),
      ],
    },
    { name: 'many very close relatives', input: contacts('family', 1, 12) },
    { name: 'one sector crowded in every ring', input: [1, 2, 3].flatMap((c) => contacts('agency', c, 15)) },
    {
      name: 'every kind and ring filled',
      input: KINDS.flatMap((kind) => [1, 2, 3].flatMap((c) => contacts(kind, c, 4))),
    },
    { name: 'a large network', input: KINDS.flatMap((kind) => contacts(kind, 1 + (kind.length % 3), 20)) },
    {
      name: 'small sectors next to a big one',
      input: [...contacts('family', 1, 40), ...contacts('friend', 1, 1)],
    },
  ];

  it.each(cases)('$name: places every contact once, without overlapping boxes', ({ input }) => {
    const layout = layoutNetwork(input);
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(input.map((c) => c.id).sort());
    expect(overlapping(layout)).toEqual([]);
  });

  it.each(cases)(
    '$name: each contact in its sector, its ring, clear of the client and the frame',
    ({ input }) => {
      const layout = layoutNetwork(input);
      for (const node of layout.nodes) {
        const contact = input.find((c) => c.id === node.id);
        const ring = layout.rings.find((r) => r.closeness === contact?.closeness);
        expect(withinSector(layout, node), node.id).toBe(true);
        expect(node.radius, node.id).toBeGreaterThan(ring?.inner ?? Infinity);
        expect(node.radius, node.id).toBeLessThan(ring?.outer ?? -Infinity);
        // The nearest point of the box to the centre stays outside the client's circle.
        const box = footprint(node);
        const nearestX = Math.max(box.left, Math.min(0, box.right));
        const nearestY = Math.max(box.top, Math.min(0, box.bottom));
        expect(Math.hypot(nearestX, nearestY), node.id).toBeGreaterThan(layout.clientRadius);
        expect(Math.abs(box.left) <= layout.width / 2 && Math.abs(box.right) <= layout.width / 2).toBe(true);
        expect(Math.abs(box.top) <= layout.height / 2 && Math.abs(box.bottom) <= layout.height / 2).toBe(
          true,
        );
      }
    },
  );

  it('draws three rings from the inside out, also when they are empty', () => {
    const layout = layoutNetwork([]);
    expect(layout.rings.map((r) => r.closeness)).toEqual([1, 2, 3]);
    expect(layout.rings[0]?.inner).toBe(GEOMETRY.clientRadius);
    for (const [inside, outside] of [
      [layout.rings[0], layout.rings[1]],
      [layout.rings[1], layout.rings[2]],
    ]) {
      expect(outside?.inner).toBe(inside?.outer);
    }
  });

  it('places the same contacts in the same places whatever order they come in', () => {
    const input = [...contacts('family', 1, 4), ...contacts('friend', 2, 3), ...contacts('agency', 3, 5)];
    const shuffled = [...input].reverse();
    shuffled.push(...shuffled.splice(0, 3));
    expect(layoutNetwork(shuffled)).toEqual(layoutNetwork(input));
  });

  it('orders a ring of a sector alphabetically, clockwise', () => {
    const layout = layoutNetwork([
      { id: 'c', name: 'Zora', kind: 'friend', closeness: 2 },
      { id: 'a', name: 'ali', kind: 'friend', closeness: 2 },
      { id: 'b', name: 'Bea', kind: 'friend', closeness: 2 },
    ]);
    expect(layout.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    const [first, second, third] = layout.nodes.map((n) => n.angle);
    expect(first).toBeLessThan(second ?? 0);
    expect(second).toBeLessThan(third ?? 0);
  });

  it('puts professionals and agencies in one sector, and starts with the family at the top', () => {
    const layout = layoutNetwork([
      ...contacts('professional', 2, 1),
      ...contacts('agency', 2, 1),
      ...contacts('family', 1, 1),
    ]);
    expect(layout.nodes.map((n) => [n.id, n.sector])).toEqual([
      ['family-1-000', 'family'],
      ['professional-2-000', 'professionals'],
      ['agency-2-000', 'professionals'],
    ]);
    expect(layout.sectors[0]?.key).toBe('family');
    expect(layout.sectors[0]?.start).toBeCloseTo(-Math.PI / 2);
  });

  it.each([
    { counts: [0, 0, 0, 0, 0, 0], expected: [60, 60, 60, 60, 60, 60] },
    { counts: [6, 0, 0, 0, 0, 0], expected: [210, 30, 30, 30, 30, 30] },
    { counts: [6, 2, 0, 0, 3, 1], expected: [120, 60, 30, 30, 75, 45] },
  ])('shares the circle between sectors $counts', ({ counts, expected }) => {
    const degrees = sectorAngles(counts, Math.PI / 6).map((a) => Math.round((a * 180) / Math.PI));
    expect(degrees).toEqual(expected);
  });

  it.each([
    { span: 60, radius: 100, spacing: 100, expected: 1 },
    { span: 59, radius: 100, spacing: 100, expected: 0 },
    { span: 60, radius: 200, spacing: 100, expected: 2 },
    { span: 180, radius: 100, spacing: 100, expected: 3 },
    { span: 360, radius: 49, spacing: 100, expected: 0 },
  ])('fits $expected on a lane of radius $radius in $span°', ({ span, radius, spacing, expected }) => {
    expect(laneCapacity((span * Math.PI) / 180, radius, spacing)).toBe(expected);
  });

  it('gives each kind a contact on the first lane when the sectors are even', () => {
    const layout = layoutNetwork(KINDS.filter((k) => k !== 'agency').flatMap((kind) => contacts(kind, 1, 1)));
    expect(layout.nodes.map((n) => n.radius)).toEqual(Array(6).fill(GEOMETRY.firstLane));
  });

  it('runs the sector names left to right: clockwise above the centre, anticlockwise below', () => {
    const sweeps = layoutNetwork([]).sectors.map((s) => [s.key, / 0 0 (\d) /.exec(s.labelPath)?.[1]]);
    expect(sweeps).toEqual([
      ['family', '1'],
      ['friends', '1'],
      ['neighbours', '0'],
      ['volunteers', '0'],
      ['professionals', '1'],
      ['other', '1'],
    ]);
  });

  it('makes the map larger only when the network needs more room', () => {
    const small = layoutNetwork(contacts('family', 1, 2));
    const large = layoutNetwork(contacts('family', 1, 30));
    expect(small).toMatchObject({ width: layoutNetwork([]).width, height: layoutNetwork([]).height });
    expect(large.width).toBeGreaterThan(small.width);
  });
});

describe('lines and labels', () => {
  it('runs a line from the rim of the client to the rim of the contact', () => {
    expect(linkEnds({ x: 100, y: 0 }, 36, 12)).toEqual({ from: { x: 36, y: 0 }, to: { x: 88, y: 0 } });
    expect(linkEnds({ x: 0, y: -200 }, 36, 12)).toEqual({ from: { x: 0, y: -36 }, to: { x: 0, y: -188 } });
  });

  it('draws a sector as a wedge, with the large arc when it is more than half the circle', () => {
    expect(wedgePath(0, Math.PI / 2, 100)).toBe('M 0 0 L 100 0 A 100 100 0 0 1 0 100 Z');
    expect(wedgePath(0, 1.5 * Math.PI, 100)).toBe('M 0 0 L 100 0 A 100 100 0 1 1 0 -100 Z');
  });

  it('draws a zigzag that starts and ends on the line and swings to both sides', () => {
    const points = zigzag({ x: 0, y: 0 }, { x: 100, y: 0 }, 10, 4);
    expect(points[0]).toEqual({ x: 0, y: 0 });
    expect(points[points.length - 1]).toEqual({ x: 100, y: 0 });
    expect(points).toHaveLength(21);
    expect(new Set(points.slice(1, -1).map((p) => p.y))).toEqual(new Set([4, -4]));
    // Evenly along the line.
    expect(points.map((p) => p.x)).toEqual(points.map((_, i) => i * 5));
  });

  it.each([
    { name: 'Oma', expected: 'Oma' },
    { name: '  Herr Yilmaz  ', expected: 'Herr Yilmaz' },
    { name: 'Schuldnerberatung der Caritas', expected: 'Schuldnerber…' },
    { name: 'Frau Dr. Schneider', expected: 'Frau Dr. Sch…' },
  ])('shortens “$name” to “$expected”', ({ name, expected }) => {
    expect(fitLabel(name)).toBe(expected);
    expect(fitLabel(name).length).toBeLessThanOrEqual(13);
  });
});
