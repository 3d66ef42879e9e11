import { describe, expect, it } from 'vitest';
import {
  FOOTPRINT,
  GEOMETRY,
  layoutMap,
  minSectorAngle,
  wrapLabel,
  type LayoutGroup,
  type PlacedPartner,
} from './layout';

function groups(...sizes: number[]): LayoutGroup[] {
  return sizes.map((size, g) => ({
    id: `g${g}`,
    partnerIds: Array.from({ length: size }, (_, i) => `g${g}-p${String(i).padStart(3, '0')}`),
  }));
}

function box(node: PlacedPartner) {
  return {
    left: node.x - FOOTPRINT.width / 2,
    right: node.x + FOOTPRINT.width / 2,
    top: node.y - FOOTPRINT.above,
    bottom: node.y + FOOTPRINT.below,
  };
}

/** Two partners' boxes (circle and name) overlap. */
function overlap(a: PlacedPartner, b: PlacedPartner): boolean {
  const p = box(a);
  const q = box(b);
  return p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
}

function overlaps(nodes: readonly PlacedPartner[]): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  nodes.forEach((a, i) => {
    for (const b of nodes.slice(i + 1)) if (overlap(a, b)) found.push([a.id, b.id]);
  });
  return found;
}

const TOP = -Math.PI / 2;

describe('the network map layout', () => {
  it.each<[string, number[]]>([
    ['one group of one', [1]],
    ['one large group', [40]],
    ['two groups', [3, 5]],
    ['the shipped types, some empty', [4, 0, 2, 1, 7, 0, 0, 3, 1, 1, 0, 2, 0, 5, 1, 0, 1]],
    ['one crowded group among small ones', [1, 60, 1, 2]],
    ['many districts of one partner', Array.from({ length: 30 }, () => 1)],
  ])('%s: every partner placed once, in its sector, no two labels overlapping', (_, sizes) => {
    const input = groups(...sizes);
    const layout = layoutMap(input);
    const total = sizes.reduce((sum, n) => sum + n, 0);
    expect(layout.nodes).toHaveLength(total);
    expect(new Set(layout.nodes.map((n) => n.id)).size).toBe(total);
    expect(overlaps(layout.nodes)).toEqual([]);
    for (const node of layout.nodes) {
      const sector = layout.sectors.find((s) => s.group === node.group);
      if (!sector) throw new Error(`no sector for ${node.group}`);
      expect(node.angle).toBeGreaterThanOrEqual(sector.start);
      expect(node.angle).toBeLessThanOrEqual(sector.end);
      expect(node.id.startsWith(`${node.group}-`)).toBe(true);
      // Outside the organisation's circle, inside the drawing.
      expect(node.radius - FOOTPRINT.width / 2).toBeGreaterThan(GEOMETRY.centreRadius);
      expect(Math.abs(node.x) + FOOTPRINT.width / 2).toBeLessThanOrEqual(layout.size / 2);
      expect(Math.abs(node.y) + FOOTPRINT.below).toBeLessThanOrEqual(layout.size / 2);
    }
  });

  it('sectors run clockwise from the top and fill the circle, wider for more partners', () => {
    const layout = layoutMap(groups(1, 9, 2));
    expect(layout.sectors[0]?.start).toBeCloseTo(TOP);
    layout.sectors.forEach((sector, i) => {
      const next = layout.sectors[i + 1];
      if (next) expect(next.start).toBeCloseTo(sector.end);
    });
    expect(layout.sectors[2]?.end).toBeCloseTo(TOP + 2 * Math.PI);
    const span = (i: number) => (layout.sectors[i]?.end ?? 0) - (layout.sectors[i]?.start ?? 0);
    expect(span(1)).toBeGreaterThan(span(2));
    expect(span(2)).toBeGreaterThan(span(0));
  });

  it('an empty group keeps a narrow sector; with many groups together at most half the circle', () => {
    expect(minSectorAngle(4)).toBeCloseTo(Math.PI / 6);
    expect(minSectorAngle(30)).toBeCloseTo(Math.PI / 30);
    const layout = layoutMap(groups(0, 5));
    expect((layout.sectors[0]?.end ?? 0) - (layout.sectors[0]?.start ?? 0)).toBeCloseTo(Math.PI / 6);
  });

  it('lists the partners group by group, inside a group from the centre outwards', () => {
    const layout = layoutMap(groups(2, 30));
    const order = layout.nodes.map((n) => n.group);
    expect(order.indexOf('g1')).toBe(2);
    const radii = layout.nodes.filter((n) => n.group === 'g1').map((n) => n.radius);
    expect(radii).toEqual([...radii].sort((a, b) => a - b));
    expect(new Set(radii).size).toBeGreaterThan(1);
  });

  it("shortens a group's name to its arc; a lone group's name runs over the top", () => {
    const layout = layoutMap(groups(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 40));
    const narrow = layout.sectors[0];
    const wide = layout.sectors[20];
    expect(narrow?.labelLength).toBeLessThan(wide?.labelLength ?? 0);
    const lone = layoutMap(groups(3));
    expect(lone.sectors[0]?.labelPath).toMatch(/^M -\d/);
    expect(lone.sectors[0]?.labelLength).toBeGreaterThan(20);
  });

  it('an empty map has the centre only', () => {
    const layout = layoutMap([]);
    expect(layout.nodes).toEqual([]);
    expect(layout.sectors).toEqual([]);
    expect(layout.size).toBeGreaterThan(2 * GEOMETRY.centreRadius);
  });
});

describe('the name in the centre', () => {
  it.each<[string, string[]]>([
    ['JMD Musterstadt', ['JMD', 'Musterstadt']],
    ['Caritas Ulm', ['Caritas Ulm']],
    ['Jugendmigrationsdienst Musterstadt', ['Jugendmigra-', 'tionsdienst', 'Musterstadt']],
    ['Diakonisches Werk des Evangelischen Kirchenbezirks Ulm', ['Diakonisches', 'Werk des', 'Evangelisch…']],
    ['', []],
  ])('%s', (name, lines) => {
    expect(wrapLabel(name, 12, 3)).toEqual(lines);
    for (const line of wrapLabel(name, 12, 3)) expect(line.length).toBeLessThanOrEqual(12);
  });
});
