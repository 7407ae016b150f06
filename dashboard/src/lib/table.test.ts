import { describe, expect, it } from 'vitest';
import { toCsv } from './table';

describe('toCsv', () => {
  it('writes a French CSV', () => {
    const csv = toCsv({ id: 't', title: 'T', columns: ['Territoire', 'Valeur'], rows: [['Arras; "centre"', 1.5], ['Lens', null]] });
    expect(csv).toBe('\uFEFFTerritoire;Valeur\r\n"Arras; ""centre""";1,5\r\nLens;\r\n');
  });
});
