import { describe, expect, it } from 'vitest';
import { toProblem } from './problem';

const response = (status: number) => new Response(null, { status });

describe('toProblem', () => {
  it('keeps the duplicate hints of a possible duplicate, defensively', () => {
    const problem = toProblem(
      {
        type: 'https://lotse.app/problems/possible-duplicate',
        title: 'Mögliche Doppelerfassung',
        status: 409,
        code: 'possible-duplicate',
        duplicates: [
          { id: 'c1', registeredOn: '2026-02-03', responsible: ['Aylin Demir', 7] },
          { id: null, registeredOn: '2025-11-30', responsible: [] },
          { registeredOn: 3 },
          'nonsense',
        ],
      },
      response(409),
    );
    expect(problem.duplicates).toEqual([
      { id: 'c1', registeredOn: '2026-02-03', responsible: ['Aylin Demir'] },
      { id: null, registeredOn: '2025-11-30', responsible: [] },
    ]);
  });

  it('keeps the current state sent with a version conflict', () => {
    const problem = toProblem(
      { code: 'version-conflict', status: 409, current: { id: 'k1' } },
      response(409),
    );
    expect(problem.current).toEqual({ id: 'k1' });
    expect(problem.duplicates).toBeUndefined();
  });
});
