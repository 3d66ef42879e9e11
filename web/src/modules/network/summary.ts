import { SECTORS, sectorOf, type SectorKey } from './layout';
import { CLOSENESS, closenessOf, type Closeness, type ContactKind } from './model';

export interface SummaryContact {
  kind: ContactKind;
  closeness: number;
  strained: boolean;
  endedOn: string | null;
}

export interface MapSummary {
  total: number;
  /** Per ring from the inside out: how many contacts of which sector, sectors without any left out. */
  rings: { closeness: Closeness; sectors: { key: SectorKey; count: number }[] }[];
  strained: number;
  ended: number;
}

/** What the map shows, counted: the text alternative (<desc>) of the drawing is read from it. */
export function summariseMap(contacts: readonly SummaryContact[]): MapSummary {
  return {
    total: contacts.length,
    rings: CLOSENESS.map((closeness) => ({
      closeness,
      sectors: SECTORS.map((sector) => ({
        key: sector.key,
        count: contacts.filter(
          (c) => closenessOf(c.closeness) === closeness && sectorOf(c.kind) === sector.key,
        ).length,
      })).filter((s) => s.count > 0),
    })),
    strained: contacts.filter((c) => c.strained).length,
    ended: contacts.filter((c) => c.endedOn !== null).length,
  };
}
