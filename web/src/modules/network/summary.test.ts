import { describe, expect, it } from 'vitest';
import { summariseMap, type SummaryContact } from './summary';

const contact = (changes: Partial<SummaryContact>): SummaryContact => ({
  kind: 'family',
  closeness: 1,
  strained: false,
  endedOn: null,
  ...changes,
});

describe('map summary', () => {
  it('counts an empty network', () => {
    expect(summariseMap([])).toEqual({
      total: 0,
      rings: [
        { closeness: 1, sectors: [] },
        { closeness: 2, sectors: [] },
        { closeness: 3, sectors: [] },
      ],
      strained: 0,
      ended: 0,
    });
  });

  it('counts per ring and sector in the map’s order, professionals and agencies together', () => {
    const summary = summariseMap([
      contact({ kind: 'agency', closeness: 3 }),
      contact({ kind: 'friend', closeness: 1, strained: true }),
      contact({ kind: 'family', closeness: 1 }),
      contact({ kind: 'family', closeness: 1, endedOn: '2026-01-31' }),
      contact({ kind: 'professional', closeness: 3, strained: true }),
    ]);
    expect(summary).toEqual({
      total: 5,
      rings: [
        {
          closeness: 1,
          sectors: [
            { key: 'family', count: 2 },
            { key: 'friends', count: 1 },
          ],
        },
        { closeness: 2, sectors: [] },
        { closeness: 3, sectors: [{ key: 'professionals', count: 2 }] },
      ],
      strained: 2,
      ended: 1,
    });
  });
});
