import { describe, expect, it } from 'vitest';
import { gridOptionOf, gridPeriod, gridYears } from './periods.ts';

const TODAY = '2026-11-15';

describe('the periods Pilotage offers (the publication grid)', () => {
  it('offers each year, its quarters and its months, the current ones up to today and none after', () => {
    const [current, previous] = gridYears(TODAY, 2);
    expect(current!.options.map((o) => o.value)).toEqual(['2026', '2026-T1', '2026-T2', '2026-T3', '2026-T4', ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)]);
    expect(current!.options[0]).toEqual({ value: '2026', label: 'Année 2026 (jusqu’au 15 novembre)', from: '2026-01-01', to: TODAY });
    expect(current!.options.find((o) => o.value === '2026-T4')).toMatchObject({ from: '2026-10-01', to: TODAY });
    expect(previous!.options).toHaveLength(17);
    expect(previous!.options.find((o) => o.value === '2025-02')).toEqual({ value: '2025-02', label: 'Février 2025', from: '2025-02-01', to: '2025-02-28' });
  });

  it('reads a period parameter back, and refuses what is not one', () => {
    expect(gridPeriod('2024-T1', TODAY)).toMatchObject({ from: '2024-01-01', to: '2024-03-31', label: '1er trimestre 2024' });
    expect(gridPeriod('2024-02', TODAY)).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(gridPeriod('2026-12', TODAY)).toBeNull();
    for (const bad of ['2025-13', '2025-T5', '25', '2025-1', 'année']) expect(gridPeriod(bad, TODAY), bad).toBeNull();
  });

  it('recognises two dates that form a grid period, the longest first, and no others', () => {
    expect(gridOptionOf('2025-01-01', '2025-12-31', TODAY)?.value).toBe('2025');
    expect(gridOptionOf('2025-01-01', '2025-03-31', TODAY)?.value).toBe('2025-T1');
    expect(gridOptionOf('2025-01-01', '2025-01-31', TODAY)?.value).toBe('2025-01');
    expect(gridOptionOf('2026-01-01', TODAY, TODAY)?.value).toBe('2026');
    expect(gridOptionOf('2026-11-01', TODAY, TODAY)?.value).toBe('2026-11');
    expect(gridOptionOf('2025-01-01', '2025-07-31', TODAY)).toBeNull();
    expect(gridOptionOf('2025-03-04', '2025-03-31', TODAY)).toBeNull();
    expect(gridOptionOf('2026-01-01', '2026-11-14', TODAY)).toBeNull();
  });
});
