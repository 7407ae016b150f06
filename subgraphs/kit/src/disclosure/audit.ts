import highsModule, { type Highs, type InitOptions, type Model, type ObjectiveSense } from 'highs';

/**
 * A disclosure audit by linear programming (ADR 0022), in the manner of tau-argus' audit of linked
 * tables: the unknowns are atomic cells (counts of people in a finest-grain combination, integers
 * ≥ 0); everything published is a linear combination of them with an exact value or bounds (a
 * suppressed count is only known to lie in an interval). For any combination, the smallest and
 * largest values it can take while every published figure still holds are two linear programmes;
 * rounded inward to integers, they are what an attacker who combines every figure knows of it.
 *
 * It is an LP relaxation: a narrow interval is a real disclosure (the attacker needs no more than
 * these figures), a wide one is not a proof of safety against integer or non-linear reasoning.
 */

/** A linear combination of atomic cells: cell id → coefficient. */
export type Terms = Readonly<Record<string, number>>;

/** One published figure: where it was read, what it sums, and what it tells about that sum. */
export interface Fact {
  /** The query and field it was read from, to explain a finding. */
  source: string;
  terms: Terms;
  /** `termsKey(terms)`, when the caller has it already (an audit repeated over the same figures). */
  key?: string;
  /** Exact figures have lower = upper; `Infinity` when nothing is known above. */
  lower: number;
  upper: number;
}

/** Published figures of the same combination, merged: their bounds intersected, every source kept. */
export interface PublishedRow {
  key: string;
  terms: Terms;
  lower: number;
  upper: number;
  sources: string[];
  /** The figures that gave the bounds kept (the first on ties): what a finding cites. */
  lowerSource: string;
  upperSource: string;
}

/** A published figure that a bound of a finding rests on. */
export interface Evidence {
  source: string;
  /**
   * How much of that figure the bound takes (the dual value of the linear programme: the bound is
   * a weighted sum of such figures); absent for figures that fixed cells before it (a published
   * 0 that empties every cell under it, a cell published on its own, …).
   */
  weight?: number;
  lower: number;
  upper: number;
}

/** What an attacker can know of a combination: integer bounds, and the figures each one comes from. */
export interface Finding {
  lower: number;
  /** `Infinity` when nothing published bounds it above. */
  upper: number;
  lowerFrom: Evidence[];
  upperFrom: Evidence[];
}

/** The canonical key of a combination: the same sum of cells, however it was written, is one row. */
export function termsKey(terms: Terms): string {
  return Object.entries(terms)
    .filter(([, coefficient]) => coefficient !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([cell, coefficient]) => `${cell}*${coefficient}`)
    .join('+');
}

/** The value of a combination on known cell values (the ground truth of a generated population). */
export function evaluate(terms: Terms, values: ReadonlyMap<string, number>): number {
  return Object.entries(terms).reduce((sum, [cell, coefficient]) => sum + coefficient * (values.get(cell) ?? 0), 0);
}

/**
 * Whether a hidden count is exposed: its feasible interval is narrower than ±`protection` (width
 * below 2 × protection). An exact recomputation (width 0) is the worst case; « between 3 and 4 »
 * is exposed too for any protection above 1.
 */
export function isExposed(finding: Pick<Finding, 'lower' | 'upper'>, protection: number): boolean {
  return finding.upper - finding.lower < 2 * protection;
}

const TOLERANCE = 1e-6;
/** How many figures a finding cites per bound: enough to show how it was obtained, not a dump. */
const EVIDENCE_SHOWN = 12;
/** Feasible points kept to tell, without solving, that a combination can vary widely. */
const POOL_SIZE = 256;

/**
 * The package's types describe its CommonJS build (`module.exports.default` is the loader); under
 * Node's ES module resolution the default import is the loader itself.
 */
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as (options?: InitOptions) => Promise<Highs>;

let runtime: Promise<Highs> | undefined;
/** HiGHS compiled to WebAssembly, loaded once per process (solves are synchronous after that). */
const highsRuntime = (): Promise<Highs> => (runtime ??= loadHighs());

/**
 * Solves in this process, and how many of them HiGHS had to solve again from scratch after a warm
 * start ended without an optimum (`LinearAudit.solve`): for the publication job's log.
 */
export const solverStats = { solves: 0, restarts: 0 };

/** Where a bound comes from: a published row, and the figure of it that gave that bound. */
interface Reason {
  row: number;
  source: string;
  weight?: number;
}

/** What the presolve leaves: the cells' bounds and the rows that set them, the free cells' columns, the reduced rows. */
interface Presolved {
  lower: Float64Array;
  upper: Float64Array;
  lowerReason: Int32Array;
  upperReason: Int32Array;
  /** The programme's column of each cell; -1 when the presolve fixed it. */
  column: Int32Array;
  reduced: ReducedRow[];
}

/** A row of the reduced programme: what is left of a published row once the cells it fixed are substituted. */
interface ReducedRow {
  terms: Map<number, number>;
  lower: number;
  upper: number;
  /** The published rows its lower and upper bounds come from. */
  lowerOrigin: number;
  upperOrigin: number;
}

/**
 * The published figures as one linear programme, solved again for each combination asked about
 * (only the objective changes, so HiGHS starts from the previous basis). Before that, a presolve
 * of its own fixes what single figures already give away — cells under a published 0, a cell
 * published alone, a sum pinned at its smallest or largest possible value — and remembers which
 * figure did it, so that a finding can cite it. Dispose when done: the model lives in
 * WebAssembly memory that garbage collection does not release.
 */
export class LinearAudit {
  private previousObjective: number[] = [];
  private readonly pool: Float64Array[] = [];
  /** The cell of each column of the programme. */
  private readonly cellOfColumn: number[];

  private constructor(
    private readonly highs: Highs,
    private readonly model: Model | null,
    readonly cells: readonly string[],
    private readonly cellIndex: ReadonlyMap<string, number>,
    readonly rows: readonly PublishedRow[],
    private readonly rowsByKey: ReadonlyMap<string, PublishedRow>,
    private readonly presolved: Presolved,
  ) {
    this.cellOfColumn = [...presolved.column.keys()].filter((cell) => presolved.column[cell]! >= 0);
  }

  /**
   * The audit of some published figures over some cells (every cell a fact names is added; give
   * the others that targets may name). Figures of the same combination are merged; figures that
   * contradict each other (empty intersection) are an error, since the truth satisfies them all.
   */
  static async of(facts: readonly Fact[], cells: Iterable<string> = []): Promise<LinearAudit> {
    const highs = await highsRuntime();
    const cellIndex = new Map<string, number>();
    const addCell = (cell: string): void => {
      if (!cellIndex.has(cell)) cellIndex.set(cell, cellIndex.size);
    };
    for (const cell of cells) addCell(cell);
    const rowsByKey = new Map<string, PublishedRow>();
    for (const fact of facts) {
      if (!(fact.lower <= fact.upper)) throw new Error(`${fact.source}: bounds [${fact.lower}, ${fact.upper}] are empty.`);
      const key = fact.key ?? termsKey(fact.terms);
      if (key === '') {
        if (fact.lower > 0 || fact.upper < 0) throw new Error(`${fact.source}: a sum of no cell is 0, not in [${fact.lower}, ${fact.upper}].`);
        continue;
      }
      for (const cell of Object.keys(fact.terms)) addCell(cell);
      const row = rowsByKey.get(key);
      if (!row) {
        rowsByKey.set(key, { key, terms: fact.terms, lower: fact.lower, upper: fact.upper, sources: [fact.source], lowerSource: fact.source, upperSource: fact.source });
        continue;
      }
      if (fact.lower > row.lower) [row.lower, row.lowerSource] = [fact.lower, fact.source];
      if (fact.upper < row.upper) [row.upper, row.upperSource] = [fact.upper, fact.source];
      row.sources.push(fact.source);
      if (row.lower > row.upper) throw new Error(`Published figures contradict each other (${row.sources.join('; ')}): no value in [${row.lower}, ${row.upper}].`);
    }
    const rows = [...rowsByKey.values()];
    const presolved = presolve(rows, cellIndex);
    const freeCount = presolved.column.reduce((n, c) => n + (c >= 0 ? 1 : 0), 0);
    let model: Model | null = null;
    if (freeCount > 0) {
      const bound = (value: number): number => (value === Infinity ? highs.infinity : value === -Infinity ? -highs.infinity : value);
      const starts = [0];
      const indices: number[] = [];
      const values: number[] = [];
      for (const row of presolved.reduced) {
        for (const [cell, coefficient] of row.terms) {
          indices.push(presolved.column[cell]!);
          values.push(coefficient);
        }
        starts.push(indices.length);
      }
      const freeCells = [...presolved.column.keys()].filter((cell) => presolved.column[cell]! >= 0);
      model = highs.createModel({
        numCols: freeCount,
        numRows: presolved.reduced.length,
        colCost: new Float64Array(freeCount),
        colLower: freeCells.map((cell) => presolved.lower[cell]!),
        colUpper: freeCells.map((cell) => bound(presolved.upper[cell]!)),
        rowLower: presolved.reduced.map((r) => bound(r.lower)),
        rowUpper: presolved.reduced.map((r) => bound(r.upper)),
        matrix: { format: 'csr', numRows: presolved.reduced.length, numCols: freeCount, starts, indices, values },
      });
      // The programme only changes its objective between solves: start each from the last basis,
      // with the primal simplex (that basis stays feasible), rather than presolving it anew.
      model.options.set({ output_flag: false, presolve: 'off', simplex_strategy: 4 });
    }
    return new LinearAudit(highs, model, [...cellIndex.keys()], cellIndex, rows, rowsByKey, presolved);
  }

  /** The published row of a combination (all its figures merged), if it was published at all. */
  row(terms: Terms): PublishedRow | undefined {
    return this.rowsByKey.get(termsKey(terms));
  }

  /** How many cells and rows the linear programme kept after its presolve. */
  get size(): { columns: number; rows: number } {
    return { columns: this.presolved.column.reduce((n, c) => n + (c >= 0 ? 1 : 0), 0), rows: this.presolved.reduced.length };
  }

  /** The combination split into what the presolve fixed (a constant) and free columns of the programme. */
  private split(terms: Terms): { constant: number; free: [number, number][]; fixedCells: number[] } {
    let constant = 0;
    const free: [number, number][] = [];
    const fixedCells: number[] = [];
    for (const [cell, coefficient] of Object.entries(terms)) {
      if (coefficient === 0) continue;
      const index = this.cellIndex.get(cell);
      if (index === undefined) throw new Error(`Cell ${cell} is not part of the audit: pass it to LinearAudit.of.`);
      const column = this.presolved.column[index]!;
      if (column >= 0) free.push([column, coefficient]);
      else {
        constant += coefficient * this.presolved.lower[index]!;
        fixedCells.push(index);
      }
    }
    return { constant, free, fixedCells };
  }

  /**
   * The smallest and largest integer values a combination can take given everything published,
   * and why (`explain: false` skips the why: it costs more than the solve on large figures).
   */
  interval(terms: Terms, explain = true): Finding {
    const { constant, free, fixedCells } = this.split(terms);
    // Integer cells and integer coefficients: the combination is an integer, so LP bounds round inward.
    const integral = Object.values(terms).every((coefficient) => Number.isInteger(coefficient));
    if (free.length === 0 || !this.model) {
      const evidence = explain
        ? this.explain(
            [],
            fixedCells.flatMap((cell) => this.reasonsOf(cell)),
          )
        : [];
      return { lower: constant, upper: constant, lowerFrom: evidence, upperFrom: evidence };
    }
    for (const column of this.previousObjective) this.model.changeColCost(column, 0);
    for (const [column, coefficient] of free) this.model.changeColCost(column, coefficient);
    this.previousObjective = free.map(([column]) => column);
    const low = this.solve(this.highs.constants.objectiveSense.minimize, explain);
    const high = this.solve(this.highs.constants.objectiveSense.maximize, explain);
    const lower = constant + low.value;
    const upper = constant + high.value;
    return {
      lower: integral ? Math.ceil(lower - TOLERANCE) : lower,
      upper: upper === Infinity ? Infinity : integral ? Math.floor(upper + TOLERANCE) : upper,
      lowerFrom: explain ? this.explain(low.rows, [...low.reasons, ...this.fixedLeftOver(terms, low.rows)]) : [],
      upperFrom: explain ? this.explain(high.rows, [...high.reasons, ...this.fixedLeftOver(terms, high.rows)]) : [],
    };
  }

  /**
   * The figures that fixed the cells a bound still needs: the combination of figures (weights =
   * duals, c = Aᵀy in either sense) equals the target on the free cells; on the fixed cells, what
   * does not cancel out is a value the presolve supplied, so the figure that fixed it is evidence.
   */
  private fixedLeftOver(terms: Terms, weighted: readonly Reason[]): Reason[] {
    const net = new Map<number, number>();
    const add = (cell: string, coefficient: number): void => {
      const index = this.cellIndex.get(cell)!;
      if (this.presolved.column[index]! < 0) net.set(index, (net.get(index) ?? 0) + coefficient);
    };
    for (const [cell, coefficient] of Object.entries(terms)) add(cell, coefficient);
    for (const { row, weight } of weighted) for (const [cell, coefficient] of Object.entries(this.rows[row]!.terms)) add(cell, -weight! * coefficient);
    return [...net].filter(([, coefficient]) => Math.abs(coefficient) > TOLERANCE).flatMap(([cell]) => this.reasonsOf(cell));
  }

  /**
   * Whether each combination is exposed (`isExposed`), solving only when needed: the feasible
   * points met so far already show many combinations to vary by 2 × protection or more (then
   * `finding` is null: not exposed, interval not computed). Findings come without their evidence:
   * ask `interval` for the ones to show.
   */
  audit(targets: readonly Terms[], protection: number): { exposed: boolean; finding: Finding | null }[] {
    return targets.map((terms) => {
      const { free } = this.split(terms);
      if (free.length > 0 && this.pool.length > 0) {
        let min = Infinity;
        let max = -Infinity;
        for (const point of this.pool) {
          const value = free.reduce((sum, [column, coefficient]) => sum + coefficient * point[column]!, 0);
          min = Math.min(min, value);
          max = Math.max(max, value);
        }
        // The interval contains every feasible value, so its integer width is at least this.
        if (Math.floor(max + TOLERANCE) - Math.ceil(min - TOLERANCE) >= 2 * protection) return { exposed: false, finding: null };
      }
      const finding = this.interval(terms, false);
      return { exposed: isExposed(finding, protection), finding };
    });
  }

  /** The rows that set a cell's bounds (none for a bound no figure gave: 0 below, nothing above). */
  private reasonsOf(cell: number, which: 'lower' | 'upper' | 'both' = 'both'): Reason[] {
    const reasons: Reason[] = [];
    const lower = this.presolved.lowerReason[cell]!;
    const upper = this.presolved.upperReason[cell]!;
    if (which !== 'upper' && lower >= 0) reasons.push({ row: lower, source: this.rows[lower]!.lowerSource });
    if (which !== 'lower' && upper >= 0) reasons.push({ row: upper, source: this.rows[upper]!.upperSource });
    return reasons;
  }

  private solve(sense: ObjectiveSense, explain: boolean): { value: number; rows: Reason[]; reasons: Reason[] } {
    const model = this.model!;
    const { modelStatus } = this.highs.constants;
    model.changeObjectiveSense(sense);
    model.run();
    solverStats.solves++;
    let status = model.getModelStatus();
    if (status !== modelStatus.optimal && status !== modelStatus.unbounded && status !== modelStatus.unboundedOrInfeasible) {
      // The truth satisfies every figure, so the programme is feasible: a warm-started primal
      // simplex can still lose its way on a large programme (5 years of leaves, 2026-12-06). Solve
      // it again from scratch, with HiGHS' presolve and its default strategy, then go back to
      // warm starts from the basis found.
      solverStats.restarts++;
      model.clearSolver();
      model.options.set({ presolve: 'on', simplex_strategy: 1 });
      model.run();
      status = model.getModelStatus();
      model.options.set({ presolve: 'off', simplex_strategy: 4 });
    }
    // The ground truth satisfies every figure, so the programme is feasible: no optimum means unbounded.
    if (status === modelStatus.unbounded || status === modelStatus.unboundedOrInfeasible) {
      if (sense === this.highs.constants.objectiveSense.maximize) return { value: Infinity, rows: [], reasons: [] };
      throw new Error('A combination of non-negative cells cannot be unbounded below.');
    }
    if (status !== modelStatus.optimal) throw new Error(`HiGHS ended with model status ${status} (8: the published figures are infeasible together).`);
    const solution = model.getSolution();
    this.pool.push(Float64Array.from(solution.colValue));
    if (this.pool.length > POOL_SIZE) this.pool.shift();
    if (!explain) return { value: model.getObjectiveValue(), rows: [], reasons: [] };
    const maximize = sense === this.highs.constants.objectiveSense.maximize;
    const rows: Reason[] = [];
    solution.rowDual.forEach((weight, i) => {
      if (Math.abs(weight) <= TOLERANCE) return;
      const row = this.presolved.reduced[i]!;
      // Which bound the optimum rests on (c = Aᵀy in either sense): a positive weight is the
      // upper bound of a maximum or the lower bound of a minimum.
      const atUpper = maximize === weight > 0;
      const origin = atUpper ? row.upperOrigin : row.lowerOrigin;
      rows.push({ row: origin, source: atUpper ? this.rows[origin]!.upperSource : this.rows[origin]!.lowerSource, weight: Math.round(weight * 1e6) / 1e6 });
    });
    rows.sort((a, b) => Math.abs(b.weight!) - Math.abs(a.weight!));
    // A cell held at a bound that a figure gave it (not its natural 0) rests on that figure too.
    const reasons: Reason[] = [];
    solution.colDual.forEach((weight, column) => {
      if (Math.abs(weight) <= TOLERANCE) return;
      const cell = this.cellOfColumn[column]!;
      const atUpper = Math.abs(solution.colValue[column]! - this.presolved.upper[cell]!) <= TOLERANCE;
      reasons.push(...this.reasonsOf(cell, atUpper ? 'upper' : 'lower'));
    });
    return { value: model.getObjectiveValue(), rows, reasons };
  }

  /**
   * The published figures a bound rests on: the programme's (with their weights), then those that
   * fixed or bounded the cells it needs, and in turn those that fixed the other cells of these (a
   * figure gives a cell away once the others under it are known).
   */
  private explain(weighted: readonly Reason[], reasons: readonly Reason[]): Evidence[] {
    const evidence: Evidence[] = [];
    const seen = new Set<number>();
    const queue: Reason[] = [...weighted, ...reasons];
    while (queue.length > 0 && evidence.length < EVIDENCE_SHOWN) {
      const { row: index, source, weight } = queue.shift()!;
      if (seen.has(index)) continue;
      seen.add(index);
      const row = this.rows[index]!;
      evidence.push({ source, ...(weight === undefined ? {} : { weight }), lower: row.lower, upper: row.upper });
      // The programme's own figures need only the fixed cells that do not cancel out (fixedLeftOver).
      if (weight !== undefined) continue;
      for (const cell of Object.keys(row.terms)) {
        const i = this.cellIndex.get(cell)!;
        if (this.presolved.column[i]! < 0) queue.push(...this.reasonsOf(i).filter((r) => r.row !== index));
      }
    }
    return evidence;
  }

  dispose(): void {
    this.model?.dispose();
  }
}

/**
 * Bound propagation on integer cells until nothing changes: a row with one cell left bounds that
 * cell (rounded inward: cells are whole); a row whose bound equals its smallest or largest
 * possible activity forces every cell of it to the matching bound (a published 0 over cells ≥ 0,
 * or 2 over two cells known ≥ 1). Each bound remembers the row that set it. What remains is the
 * reduced programme over the cells still free, with identical rows merged.
 */
function presolve(rows: readonly PublishedRow[], cellIndex: ReadonlyMap<string, number>): Presolved {
  const n = cellIndex.size;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n).fill(Infinity);
  const lowerReason = new Int32Array(n).fill(-1);
  const upperReason = new Int32Array(n).fill(-1);
  const fixed = (cell: number): boolean => lower[cell] === upper[cell];
  const terms = rows.map((row) => [...Object.entries(row.terms)].filter(([, a]) => a !== 0).map(([cell, a]): [number, number] => [cellIndex.get(cell)!, a]));
  const tighten = (cell: number, lo: number, hi: number, reason: number): boolean => {
    let changed = false;
    if (lo > lower[cell]! + TOLERANCE) [lower[cell], lowerReason[cell], changed] = [lo, reason, true];
    if (hi < upper[cell]! - TOLERANCE) [upper[cell], upperReason[cell], changed] = [hi, reason, true];
    if (lower[cell]! > upper[cell]! + TOLERANCE) throw new Error(`Published figures contradict each other: nothing fits ${rows[reason]!.sources.join('; ')}.`);
    return changed;
  };
  let active = rows.map((_, i) => i);
  let changed = true;
  while (changed) {
    changed = false;
    const next: number[] = [];
    for (const r of active) {
      let constant = 0;
      let minActivity = 0;
      let maxActivity = 0;
      const free: [number, number][] = [];
      for (const [cell, a] of terms[r]!) {
        if (fixed(cell)) constant += a * lower[cell]!;
        else {
          free.push([cell, a]);
          minActivity += a > 0 ? a * lower[cell]! : a * upper[cell]!;
          maxActivity += a > 0 ? a * upper[cell]! : a * lower[cell]!;
        }
      }
      const lo = rows[r]!.lower - constant;
      const hi = rows[r]!.upper - constant;
      if (free.length === 0) {
        if (lo > TOLERANCE || hi < -TOLERANCE) throw new Error(`Published figures contradict each other at ${rows[r]!.sources.join('; ')}.`);
        continue;
      }
      if (free.length === 1) {
        const [cell, a] = free[0]!;
        const [from, to] = a > 0 ? [lo / a, hi / a] : [hi / a, lo / a];
        changed = tighten(cell, Math.ceil(from - TOLERANCE), Math.floor(to + TOLERANCE), r) || changed;
        continue;
      }
      if (hi <= minActivity + TOLERANCE) {
        for (const [cell, a] of free) changed = (a > 0 ? tighten(cell, -Infinity, lower[cell]!, r) : tighten(cell, upper[cell]!, Infinity, r)) || changed;
        continue;
      }
      if (lo >= maxActivity - TOLERANCE) {
        for (const [cell, a] of free) changed = (a > 0 ? tighten(cell, upper[cell]!, Infinity, r) : tighten(cell, -Infinity, lower[cell]!, r)) || changed;
        continue;
      }
      next.push(r);
    }
    active = next;
  }
  const column = new Int32Array(n).fill(-1);
  let columns = 0;
  for (let cell = 0; cell < n; cell++) if (!fixed(cell)) column[cell] = columns++;
  const reducedByKey = new Map<string, ReducedRow>();
  for (const r of active) {
    let constant = 0;
    const free = new Map<number, number>();
    for (const [cell, a] of terms[r]!) {
      if (fixed(cell)) constant += a * lower[cell]!;
      else free.set(cell, a);
    }
    const key = [...free]
      .sort(([a], [b]) => a - b)
      .map(([cell, a]) => `${cell}*${a}`)
      .join('+');
    const row = { terms: free, lower: rows[r]!.lower - constant, upper: rows[r]!.upper - constant, lowerOrigin: r, upperOrigin: r };
    const same = reducedByKey.get(key);
    if (!same) reducedByKey.set(key, row);
    else {
      if (row.lower > same.lower) [same.lower, same.lowerOrigin] = [row.lower, r];
      if (row.upper < same.upper) [same.upper, same.upperOrigin] = [row.upper, r];
    }
  }
  return { lower, upper, lowerReason, upperReason, column, reduced: [...reducedByKey.values()] };
}
