import { isSmallCount } from '@passerelles/subgraph-kit';

/**
 * Secondary suppression over a table whose row and column totals may be published elsewhere (e.g.
 * exits per territory × reason, while the Département's exits per reason are published too): after
 * hiding every count from 1 to 10, as long as a row or a column holds exactly one hidden cell, the
 * smallest other non-zero visible cell of that line is hidden too. Then no hidden cell can be
 * recomputed from its line's total minus the visible cells. Returns which cells are hidden.
 */
export function suppressMatrix(counts: readonly (readonly number[])[]): boolean[][] {
  const hidden = counts.map((row) => row.map((c) => isSmallCount(c)));
  const rows = counts.length;
  const cols = rows ? counts[0]!.length : 0;
  const line = (cells: [number, number][]): boolean => {
    const hiddenCells = cells.filter(([r, c]) => hidden[r]![c]);
    if (hiddenCells.length !== 1) return false;
    let best: [number, number] | null = null;
    for (const [r, c] of cells) {
      if (hidden[r]![c] || counts[r]![c]! === 0) continue;
      if (!best || counts[r]![c]! < counts[best[0]]![best[1]]!) best = [r, c];
    }
    if (!best) return false;
    hidden[best[0]]![best[1]] = true;
    return true;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let r = 0; r < rows; r++) changed = line(Array.from({ length: cols }, (_, c) => [r, c] as [number, number])) || changed;
    for (let c = 0; c < cols; c++) changed = line(Array.from({ length: rows }, (_, r) => [r, c] as [number, number])) || changed;
  }
  return hidden;
}
