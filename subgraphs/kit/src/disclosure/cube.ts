import { isSmallCount } from '../suppression.js';
import { LinearAudit, type Fact, type Terms } from './audit.js';

/**
 * Linked secondary suppression on a hierarchical cube (ADR 0023): the one place that decides which
 * counts of a publication grid are hidden, over every table that shares a margin at once.
 *
 * A cube has dimensions, each a hierarchy of codes (territory: the Département → its territories;
 * period: a year → its quarters → its months; programme, operator: all → each). Its cells are
 * every combination of one node per dimension, leaves and totals alike, and every figure a
 * caller can obtain is one of these cells. Each internal node gives additive relations: a cell
 * at that node equals the sum of the cells at its children, the other coordinates fixed.
 *
 * 1. primary: a count from 1 to 10 is hidden;
 * 2. secondary, to a fixpoint: no relation may have exactly one hidden cell (its value would be
 *    the total minus the visible others). When one has, the smallest non-zero visible child is
 *    hidden too, or, without one, the total — which then counts in the relations above it.
 *
 * The choice is deterministic (same leaves → same pattern), so a cell has one published value in
 * every query, page and export. The fixpoint alone does not leave every hidden count uncertain
 * enough under linear programming: `protectAudited` adds the LP audit (./audit.ts) and hides more
 * until it exposes none; tests/src/disclosure audits the result with the same engine.
 */
export interface Hierarchy {
  name: string;
  root: string;
  /** Children of each internal node (leaves have none). */
  children: ReadonlyMap<string, readonly string[]>;
}

/** A hierarchy from `{ node: [children…] }`, rooted at `root`. */
export function hierarchy(name: string, root: string, tree: Readonly<Record<string, readonly string[]>>): Hierarchy {
  const children = new Map<string, readonly string[]>();
  for (const [node, kids] of Object.entries(tree)) if (kids.length > 0) children.set(node, [...kids]);
  return { name, root, children };
}

export type HiddenBy = 'PRIMARY' | 'SECONDARY';

/** Options of `ProtectedCube.protectAudited`. */
export interface AuditedProtection {
  /** No primary cell may be bounded narrower than ±protection by linear programming (default 2). */
  protection?: number;
  /** A safety net on the rounds of re-suppression (each hides at least one cell; default: the cube's size). */
  maxRounds?: number;
}

export interface CubeCount {
  /** The count, or null when hidden. */
  value: number | null;
  hiddenBy: HiddenBy | null;
}

interface Dimension {
  nodes: string[];
  index: Map<string, number>;
  parent: number[];
  children: number[][];
}

function dimensionOf(h: Hierarchy): Dimension {
  const nodes: string[] = [];
  const parent: number[] = [];
  const children: number[][] = [];
  const visit = (node: string, up: number): void => {
    if (nodes.includes(node)) throw new Error(`${h.name}: ${node} appears twice in the hierarchy`);
    const at = nodes.length;
    nodes.push(node);
    parent.push(up);
    children.push([]);
    if (up >= 0) children[up]!.push(at);
    for (const child of h.children.get(node) ?? []) visit(child, at);
  };
  visit(h.root, -1);
  return { nodes, index: new Map(nodes.map((n, i) => [n, i])), parent, children };
}

export class ProtectedCube {
  private constructor(
    private readonly dims: Dimension[],
    private readonly strides: number[],
    private readonly counts: Float64Array,
    private readonly hidden: Uint8Array,
  ) {}

  /**
   * Aggregates the leaves over every node of every dimension, then suppresses. A leaf gives a count
   * for one leaf node per dimension; leaves absent are 0. `exact` (administrators) skips suppression.
   */
  static protect(hierarchies: readonly Hierarchy[], leaves: Iterable<{ coords: readonly string[]; count: number }>, exact = false): ProtectedCube {
    const dims = hierarchies.map(dimensionOf);
    const strides: number[] = [];
    let size = 1;
    for (let d = dims.length - 1; d >= 0; d--) {
      strides[d] = size;
      size *= dims[d]!.nodes.length;
    }
    const counts = new Float64Array(size);
    for (const leaf of leaves) {
      let at = 0;
      leaf.coords.forEach((code, d) => {
        const i = dims[d]!.index.get(code);
        if (i === undefined || dims[d]!.children[i]!.length > 0) throw new Error(`${hierarchies[d]!.name}: ${code} is not a leaf of the hierarchy`);
        at += i * strides[d]!;
      });
      counts[at]! += leaf.count;
    }
    // Totals, dimension by dimension: children come after their parent in `nodes`, so going
    // backwards adds each node into its parent after its own subtree is complete.
    dims.forEach((dim, d) => {
      const stride = strides[d]!;
      for (let cell = 0; cell < size; cell++) {
        const i = Math.floor(cell / stride) % dim.nodes.length;
        if (i !== 0) continue;
        for (let n = dim.nodes.length - 1; n > 0; n--) counts[cell + dim.parent[n]! * stride]! += counts[cell + n * stride]!;
      }
    });
    const hidden = new Uint8Array(size);
    const cube = new ProtectedCube(dims, strides, counts, hidden);
    if (!exact) cube.suppress();
    return cube;
  }

  /**
   * `protect`, then the audit-driven re-suppression of ADR 0023 (tau-argus' « audit and
   * re-suppress »). The fixpoint rule only makes sure no relation has exactly one hidden cell; an
   * attacker who knows the rules (« < 11 » is in [1, 10], « secret secondaire » was visible, so it
   * is ≥ 11) and combines every relation by linear programming still pins many small counts, e.g.
   * when their partner is an 11 that has no room to slide, or when two small counts hidden together
   * are bounded by their known sum. So: bound every PRIMARY cell by LP with exactly those bounds
   * (the same engine as the tests' audit); for each one narrower than ±protection, hide one more of
   * the published figures its bounds rest on (the evidence the LP returns: the rows with a non-zero
   * dual, then the figures that fixed cells) — the largest one, since a large partner leaves the
   * small count room to move (ideally ≥ 11 + 2 × protection); run the fixpoint again for the
   * relations that this new hidden cell leaves with one hidden member; audit again. Each round
   * hides at least one visible cell or stops, so it terminates; nothing depends on anything but
   * the leaves, so the pattern is deterministic. It costs seconds (HiGHS in WebAssembly, loaded
   * asynchronously): compute it when the leaf counts change and store it, not per request.
   */
  static async protectAudited(
    hierarchies: readonly Hierarchy[],
    leaves: Iterable<{ coords: readonly string[]; count: number }>,
    { protection = 2, maxRounds }: AuditedProtection = {},
  ): Promise<ProtectedCube> {
    const cube = ProtectedCube.protect(hierarchies, leaves);
    await cube.reSuppress(protection, maxRounds ?? cube.counts.length);
    return cube;
  }

  /** Audit and re-suppress until no primary cell is exposed (see `protectAudited`). */
  private async reSuppress(protection: number, maxRounds: number): Promise<void> {
    const leafCells: number[] = [];
    for (let cell = 0; cell < this.counts.length; cell++) if (this.dims.every((dim, d) => dim.children[this.coordinate(cell, d)]!.length === 0)) leafCells.push(cell);
    const termsOf = this.leafTerms();
    const roomy = 11 + 2 * protection;
    for (let round = 0; round < maxRounds; round++) {
      // Every cell as the attacker sees it; a fact's source is its cell index, to map evidence back.
      const facts: Fact[] = [];
      const primaries: number[] = [];
      for (let cell = 0; cell < this.counts.length; cell++) {
        const by = this.hidden[cell]!;
        const terms = termsOf(cell);
        if (by === 0) facts.push({ source: String(cell), terms, lower: this.counts[cell]!, upper: this.counts[cell]! });
        else if (by === 1) {
          facts.push({ source: String(cell), terms, lower: 1, upper: 10 });
          primaries.push(cell);
        } else facts.push({ source: String(cell), terms, lower: 11, upper: Infinity });
      }
      const audit = await LinearAudit.of(
        facts,
        leafCells.map((cell) => String(cell)),
      );
      const added: number[] = [];
      try {
        const results = audit.audit(
          primaries.map((cell) => termsOf(cell)),
          protection,
        );
        results.forEach((result, k) => {
          if (!result.exposed) return;
          const primary = primaries[k]!;
          const finding = audit.interval(termsOf(primary));
          // The figures both bounds rest on; among the visible ones, the largest (ties: lowest index).
          let choice = -1;
          for (const evidence of [...finding.lowerFrom, ...finding.upperFrom]) {
            const cell = Number(evidence.source);
            if (this.hidden[cell] !== 0 || !(this.counts[cell]! > 0)) continue;
            if (choice < 0 || this.counts[cell]! > this.counts[choice]! || (this.counts[cell] === this.counts[choice] && cell < choice)) choice = cell;
          }
          // Without visible evidence (the bound rests only on rules of hidden cells), a visible
          // cell of a relation of the primary gives it room instead: the largest.
          if (choice < 0) choice = this.largestVisibleNeighbour(primary);
          if (choice < 0) return;
          if (this.counts[choice]! < roomy) {
            const neighbour = this.largestVisibleNeighbour(primary);
            if (neighbour >= 0 && this.counts[neighbour]! >= roomy && this.counts[choice]! < this.counts[neighbour]!) choice = neighbour;
          }
          this.hidden[choice] = 2;
          added.push(choice);
        });
      } finally {
        audit.dispose();
      }
      if (added.length === 0) return;
      this.propagate(added);
    }
  }

  /** The largest visible non-zero cell sharing a relation with `cell` (-1 when none). */
  private largestVisibleNeighbour(cell: number): number {
    let best = -1;
    const consider = (m: number): void => {
      if (this.hidden[m] !== 0 || !(this.counts[m]! > 0)) return;
      if (best < 0 || this.counts[m]! > this.counts[best]! || (this.counts[m] === this.counts[best] && m < best)) best = m;
    };
    for (let d = 0; d < this.dims.length; d++) {
      const dim = this.dims[d]!;
      const stride = this.strides[d]!;
      const i = this.coordinate(cell, d);
      for (const k of dim.children[i]!) consider(cell + (k - i) * stride);
      const up = dim.parent[i]!;
      if (up >= 0) {
        const total = cell + (up - i) * stride;
        consider(total);
        for (const k of dim.children[up]!) consider(total + (k - up) * stride);
      }
    }
    return best;
  }

  /** The leaf cells under each cell, as the audit's terms (leaf cell index → 1). */
  private leafTerms(): (cell: number) => Terms {
    const leavesUnder = this.dims.map((dim) => {
      const under: number[][] = dim.nodes.map(() => []);
      for (let n = dim.nodes.length - 1; n >= 0; n--) under[n] = dim.children[n]!.length === 0 ? [n] : dim.children[n]!.flatMap((k) => under[k]!);
      return under;
    });
    return (cell) => {
      let offsets = [0];
      this.dims.forEach((_, d) => {
        const nodes = leavesUnder[d]![this.coordinate(cell, d)]!;
        offsets = offsets.flatMap((o) => nodes.map((n) => o + n * this.strides[d]!));
      });
      return Object.fromEntries(offsets.map((o) => [String(o), 1]));
    };
  }

  /** The published count of a cell (one node per dimension, leaf or total). */
  cell(coords: readonly string[]): CubeCount {
    const at = this.at(coords);
    const by = this.hidden[at]!;
    return by === 0 ? { value: this.counts[at]!, hiddenBy: null } : { value: null, hiddenBy: by === 1 ? 'PRIMARY' : 'SECONDARY' };
  }

  /** How many cells are hidden, by rule (for the bench and the tests). */
  hiddenCounts(): { primary: number; secondary: number; cells: number } {
    let primary = 0;
    let secondary = 0;
    for (const h of this.hidden) {
      if (h === 1) primary++;
      else if (h === 2) secondary++;
    }
    return { primary, secondary, cells: this.hidden.length };
  }

  /** Every relation of the cube, as cell coordinates: the total and its children (the audit's equations). */
  *relations(): Generator<{ total: string[]; children: string[][] }> {
    for (let cell = 0; cell < this.counts.length; cell++) {
      for (let d = 0; d < this.dims.length; d++) {
        const i = this.coordinate(cell, d);
        const kids = this.dims[d]!.children[i]!;
        if (kids.length === 0) continue;
        yield { total: this.coordsOf(cell), children: kids.map((k) => this.coordsOf(cell + (k - i) * this.strides[d]!)) };
      }
    }
  }

  /** Every cell's coordinates and exact count (for the audit, which knows the truth). */
  *cells(): Generator<{ coords: string[]; count: number; hiddenBy: HiddenBy | null }> {
    for (let cell = 0; cell < this.counts.length; cell++) {
      const by = this.hidden[cell]!;
      yield { coords: this.coordsOf(cell), count: this.counts[cell]!, hiddenBy: by === 0 ? null : by === 1 ? 'PRIMARY' : 'SECONDARY' };
    }
  }

  private at(coords: readonly string[]): number {
    if (coords.length !== this.dims.length) throw new Error(`a cell has ${this.dims.length} coordinates, not ${coords.length}`);
    return coords.reduce((sum, code, d) => {
      const i = this.dims[d]!.index.get(code);
      if (i === undefined) throw new Error(`no ${code} in dimension ${d}`);
      return sum + i * this.strides[d]!;
    }, 0);
  }

  private coordinate(cell: number, d: number): number {
    return Math.floor(cell / this.strides[d]!) % this.dims[d]!.nodes.length;
  }

  private coordsOf(cell: number): string[] {
    return this.dims.map((dim, d) => dim.nodes[this.coordinate(cell, d)]!);
  }

  private suppress(): void {
    const pending: number[] = [];
    for (let cell = 0; cell < this.counts.length; cell++) {
      if (isSmallCount(this.counts[cell]!)) {
        this.hidden[cell] = 1;
        pending.push(cell);
      }
    }
    this.propagate(pending);
  }

  /** The fixpoint from some newly hidden cells: every relation they belong to is checked, and so on. */
  private propagate(pending: number[]): void {
    // Each hidden cell puts the relations it belongs to (as a total, as a child) up for checking.
    while (pending.length > 0) {
      const cell = pending.pop()!;
      for (let d = 0; d < this.dims.length; d++) {
        const dim = this.dims[d]!;
        const i = this.coordinate(cell, d);
        if (dim.children[i]!.length > 0) this.checkRelation(cell, d, pending);
        if (dim.parent[i]! >= 0) this.checkRelation(cell + (dim.parent[i]! - i) * this.strides[d]!, d, pending);
      }
    }
  }

  /** The relation whose total is `total` along dimension `d`: never exactly one hidden cell. */
  private checkRelation(total: number, d: number, pending: number[]): void {
    const i = this.coordinate(total, d);
    const stride = this.strides[d]!;
    const members = [total, ...this.dims[d]!.children[i]!.map((k) => total + (k - i) * stride)];
    const hiddenMembers = members.filter((m) => this.hidden[m] !== 0);
    if (hiddenMembers.length !== 1) return;
    let partner = -1;
    for (const m of members.slice(1)) {
      if (this.hidden[m] === 0 && this.counts[m]! > 0 && (partner < 0 || this.counts[m]! < this.counts[partner]! || (this.counts[m] === this.counts[partner] && m < partner))) partner = m;
    }
    if (partner < 0 && this.hidden[total] === 0) partner = total;
    if (partner < 0) return;
    this.hidden[partner] = 2;
    pending.push(partner);
  }
}
