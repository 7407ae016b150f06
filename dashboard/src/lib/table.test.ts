import { describe, expect, it } from 'vitest';
import { toCsv } from './table';

describe('toCsv', () => {
  it('writes a French CSV', () => {
    const csv = toCsv({ id: 't', title: 'T', columns: ['Territoire', 'Valeur'], rows: [['Arras; "centre"', 1.5], ['Lens', null]] });
    expect(csv).toBe('\uFEFFTerritoire;Valeur\r\n"Arras; ""centre""";1,5\r\nLens;\r\n');
  });

  it('prints footer lines after an empty line, one cell each', () => {
    const csv = toCsv({ id: 't', title: 'T', columns: ['Territoire', 'Valeur'], rows: [['Lens', 12]] }, ['Chiffres publiés selon la grille : Département par an.', 'Choisissez un filtre ; un seul.']);
    expect(csv).toBe('\uFEFFTerritoire;Valeur\r\nLens;12\r\n\r\nChiffres publiés selon la grille : Département par an.\r\n"Choisissez un filtre ; un seul."\r\n');
  });
});
