import { isSmallCount } from '../suppression.js';
import { evaluate, LinearAudit, termsKey, type Fact, type Terms } from './audit.js';
import type { CubeCount, HiddenBy } from './cube.js';

/**
 * Secondary suppression over every published measure at once (ADR 0023, « linked publication »).
 *
 * `ProtectedCube` protects one measure whose cells add up along hierarchies. The steering figures
 * are several measures over the same people: the caseload at the end of a month is the caseload
 * a month earlier plus the people welcomed minus the exits of the month, and the people
 * accompanied in a period are the caseload on its eve plus those welcomed in it. Hidden in one
 * measure and published in another, a small count comes back by those relations. So the unit of
 * protection here is the atomic event count — a leaf: people who started, or left for a reason,
 * in one territory × programme × operator × month — and every published figure is a linear
 * combination of leaves (its terms). Figures with the same terms are one cell: one value, one rule.
 *
 * 1. primary: a cell of 1 to 10 is hidden (« < 11 »);
 * 2. the LP audit (./audit.ts) bounds, as an attacker who knows the rules would (« < 11 » is in
 *    [1, 10]; « secret secondaire » was not small, so ≥ 11; a figure never negative) and who knows
 *    what anyone knows (`knowledge`, e.g. a caseload is never negative), every primary cell and
 *    every leaf of 1 to 10;
 * 3. for each one bounded narrower than ±protection, one published figure its bounds rest on (the
 *    evidence the LP returns) is hidden too (SECONDARY): the least important one (`rank`) that
 *    leaves room (≥ 11 + 2 × protection), else the largest; then the audit runs again, until it finds none.
 *
 * 4. insiders (`insiders`): someone who knows some people exactly — an operator its own, whole
 *    leaves (`owns`); a prescriber those it oriented, a part of leaves (`knows`) — takes them out of
 *    every figure. Once step 3 finds nothing, the audit runs again for
 *    each insider, on the other leaves only, with its own leaves' part taken out of every bound: the
 *    others' part of every figure (hidden or not) and every other leaf that is 1 to 10 must keep
 *    ±protection, unless the insider cannot prove that anyone else is there (a lower bound of 0),
 *    or no published count narrows it more than the mentions alone do: beside 7 of its own people,
 *    a « < 11 » tells it « 0 to 3 others », and with the other operator's own « < 11 », « 1 to 3 »
 *    — what the rules say, which no figure withheld would change. A published figure whose others' part is small is pinned by itself (the insider
 *    subtracts), so it is hidden (SECONDARY: it is 11 or more, or it would be primary) — the
 *    dominance rule of magnitude tables, found here by the same audit — and so on until no insider
 *    narrows anything.
 *
 * Each round hides at least one cell or stops, so it terminates; it depends on nothing but the
 * leaves and the figures, so the pattern is deterministic. It costs seconds to minutes: compute it
 * when the leaves change, store it, and read it per request.
 */
export interface LinkedFigure {
  /** How callers name the figure (several keys may share terms: they are then one cell). */
  key: string;
  /** Leaf id → coefficient. */
  terms: Terms;
  /**
   * How much the figure matters to readers: when a figure must be hidden for another, the one of
   * lowest rank is chosen (e.g. a territory's month before the Département's year). Default 0.
   */
  rank?: number;
}

/**
 * Someone who knows some people exactly (see step 4): an operator, the whole leaves of its own
 * structure (`owns`); a prescriber, the people it oriented, a part of leaves of every operator
 * (`knows`: how many of the leaf's people it knows; the others are unknown to it).
 */
export interface Insider {
  /** For the log and the tests (an operator's or a prescriber's id). */
  name: string;
  /** Whether it knows this leaf exactly (every person in it). */
  owns?: (leaf: string) => boolean;
  /** How many of the leaf's people it knows (absent: none); the rest is unknown to it. */
  knows?: ReadonlyMap<string, number>;
}

export interface LinkedProtection {
  /**
   * Keys of figures published before with the same terms and value (an earlier publication of the
   * same frozen leaves): the attacker has them, so hiding them would protect nothing — they are
   * never chosen for secondary suppression. Give what they tell as `knowledge` too.
   */
  published?: ReadonlySet<string>;
  /** Those who know some leaves exactly (step 4); none by default. */
  insiders?: readonly Insider[];
  /** No small count may be bounded narrower than ±protection (default 2). */
  protection?: number;
  /** What anyone knows without a figure (bounds on combinations of leaves), given to the attacker. */
  knowledge?: readonly { terms: Terms; lower: number; upper: number }[];
  /** A safety net on the rounds (default 500). */
  maxRounds?: number;
  /** Told after each round (for a job's log): how many targets were audited, exposed, and cells hidden so far. */
  onRound?: (round: { round: number; audited: number; exposed: number; secondary: number; seconds: number }) => void;
}

/** What a protection cost and found: for the bench, the job's log and the tests. */
export interface LinkedReport {
  cells: number;
  primary: number;
  secondary: number;
  rounds: number;
  /** The leaves the audit ran on (its LP's variables); absent from reports stored before it was counted. */
  leaves?: number;
  /**
   * Zeros withheld (« non publié à ce niveau »): when a bound rests on nothing else that can be
   * hidden — a published zero new beside figures released before. Absent when none.
   */
  withheld?: number;
  /** Targets audited in the last round (primary cells and small leaves). */
  audited: number;
  /**
   * Small counts still narrowed below ±protection when the rounds ended: when the figures around
   * them are all hidden or zero, nothing more can be hidden for them. Above 0 the grid is too fine
   * for the data and the publication must not be used (ADR 0023).
   */
  exposed: number;
}

const HIDDEN_PRIMARY = 1;
const HIDDEN_SECONDARY = 2;
/** A zero withheld (« non publié à ce niveau »): no rule, so no bound but « a count ». */
const HIDDEN_WITHHELD = 3;

/**
 * Which facts the truth does not satisfy (the figures as an attacker reads them, on the leaves'
 * true values), for the error of an audit the solver found infeasible: none means the solver's
 * numerics, not the figures.
 */
function violations(facts: readonly Fact[], truth: (leaf: string) => number): string {
  const wrong = facts.flatMap((f) => {
    const v = Object.entries(f.terms).reduce((sum, [leaf, a]) => sum + a * truth(leaf), 0);
    return v >= f.lower && v <= f.upper ? [] : [`${f.source} = ${v} outside [${f.lower}, ${f.upper}] (${Object.keys(f.terms).length} leaves, e.g. ${Object.keys(f.terms).slice(0, 3).join(', ')})`];
  });
  return wrong.length === 0 ? 'The true values satisfy every figure: the solver’s numerics failed.' : `${wrong.length} figures do not hold on the true values: ${wrong.slice(0, 5).join('; ')}.`;
}

export class LinkedPublication {
  private constructor(
    private readonly cellOfKey: ReadonlyMap<string, number>,
    private readonly values: Float64Array,
    private readonly hidden: Uint8Array,
    readonly report: LinkedReport,
  ) {}

  /**
   * The first grid, from the finest to the coarsest, that can be protected for these leaves
   * (ADR 0023: on sparse data the finest grids cannot — every non-zero figure ends up hidden, or
   * small counts stay exposed). A grid is skipped without an audit when more than
   * `maxPrimaryShare` of its non-zero figures are 1 to 10 (what would be left is not worth
   * publishing, and its audit is the slowest), and after an audit when `report.exposed` > 0.
   * Returns null when none can be protected: publish nothing rather than something unsafe.
   */
  static async firstProtectable<G extends { name: string; figures: () => Iterable<LinkedFigure> }>(
    leaves: ReadonlyMap<string, number>,
    grids: readonly G[],
    { maxPrimaryShare = 0.5, onTried, ...options }: LinkedProtection & { maxPrimaryShare?: number; onTried?: (tried: { name: string; outcome: string }) => void } = {},
  ): Promise<{ grid: G; publication: LinkedPublication; tried: { name: string; outcome: string }[] } | null> {
    const tried: { name: string; outcome: string }[] = [];
    const tell = (t: { name: string; outcome: string }): void => {
      tried.push(t);
      onTried?.(t);
    };
    for (const grid of grids) {
      const figures = [...grid.figures()];
      let nonZero = 0;
      let small = 0;
      const seen = new Set<string>();
      for (const f of figures) {
        const key = termsKey(f.terms);
        if (seen.has(key)) continue;
        seen.add(key);
        const v = evaluate(f.terms, leaves);
        if (v > 0) nonZero++;
        if (isSmallCount(v)) small++;
      }
      if (nonZero > 0 && small / nonZero > maxPrimaryShare) {
        tell({ name: grid.name, outcome: `skipped: ${small} of ${nonZero} non-zero figures are 1 to 10` });
        continue;
      }
      const publication = await LinkedPublication.protect(leaves, figures, options);
      tell({ name: grid.name, outcome: publication.report.exposed === 0 ? 'protected' : `${publication.report.exposed} small counts still exposed` });
      if (publication.report.exposed === 0) return { grid, publication, tried };
    }
    return null;
  }

  /** A publication whose pattern was computed before (stored): hidden figures by key (its report counts figures, not cells). */
  static restore(values: ReadonlyMap<string, number>, hidden: ReadonlyMap<string, HiddenBy>): LinkedPublication {
    const keys = [...values.keys()];
    const cellOfKey = new Map(keys.map((k, i) => [k, i]));
    const v = new Float64Array(keys.map((k) => values.get(k)!));
    const h = new Uint8Array(keys.map((k) => (hidden.get(k) === 'PRIMARY' ? HIDDEN_PRIMARY : hidden.get(k) === 'SECONDARY' ? HIDDEN_SECONDARY : 0)));
    let primary = 0;
    let secondary = 0;
    for (const x of h) if (x === HIDDEN_PRIMARY) primary++;
    else if (x === HIDDEN_SECONDARY) secondary++;
    return new LinkedPublication(cellOfKey, v, h, { cells: keys.length, primary, secondary, rounds: 0, audited: 0, exposed: 0 });
  }

  static async protect(leaves: ReadonlyMap<string, number>, figures: Iterable<LinkedFigure>, { protection = 2, knowledge = [], insiders = [], published = new Set(), maxRounds = 500, onRound }: LinkedProtection = {}): Promise<LinkedPublication> {
    // Figures with the same terms are one cell.
    const cellOfKey = new Map<string, number>();
    const cellOfTerms = new Map<string, number>();
    const cellTerms: Terms[] = [];
    const cellKeys: string[] = [];
    const rank: number[] = [];
    for (const figure of figures) {
      if (cellOfKey.has(figure.key)) throw new Error(`Figure ${figure.key} is given twice.`);
      const tk = termsKey(figure.terms);
      let cell = cellOfTerms.get(tk);
      if (cell === undefined) {
        cell = cellTerms.length;
        cellOfTerms.set(tk, cell);
        cellTerms.push(figure.terms);
        cellKeys.push(tk);
        rank.push(figure.rank ?? 0);
      }
      // A cell shared by several figures matters as much as the most important of them.
      rank[cell] = Math.max(rank[cell]!, figure.rank ?? 0);
      cellOfKey.set(figure.key, cell);
    }
    const values = new Float64Array(cellTerms.length);
    const leafCount = (leaf: string): number => leaves.get(leaf) ?? 0;
    cellTerms.forEach((terms, c) => {
      const v = evaluate(terms, leaves);
      if (!(v >= 0) || !Number.isInteger(v)) throw new Error(`Figure ${[...cellOfKey].find(([, x]) => x === c)![0]} sums to ${v}: a count is a whole number ≥ 0.`);
      values[c] = v;
    });
    const hidden = new Uint8Array(cellTerms.length);
    values.forEach((v, c) => {
      if (isSmallCount(v)) hidden[c] = HIDDEN_PRIMARY;
    });
    // Cells published before: known to the attacker whatever this publication does.
    const pinned = new Uint8Array(cellTerms.length);
    for (const key of published) {
      const c = cellOfKey.get(key);
      if (c !== undefined && hidden[c] === 0) pinned[c] = 1;
    }
    const roomy = 11 + 2 * protection;
    const leafIds = [...new Set([...leaves.keys(), ...cellTerms.flatMap((t) => Object.keys(t))])];
    const smallLeaves = leafIds.filter((leaf) => isSmallCount(leafCount(leaf)));
    const report: LinkedReport = { cells: cellTerms.length, leaves: leafIds.length, primary: 0, secondary: 0, rounds: 0, audited: 0, exposed: 0 };

    // The cells each leaf belongs to, to find a visible neighbour when the evidence has none.
    let cellsOfLeaf: Map<string, number[]> | null = null;
    const neighbours = (terms: Terms): number[] => {
      if (!cellsOfLeaf) {
        cellsOfLeaf = new Map();
        cellTerms.forEach((t, c) => {
          for (const leaf of Object.keys(t)) (cellsOfLeaf!.get(leaf) ?? cellsOfLeaf!.set(leaf, []).get(leaf)!).push(c);
        });
      }
      return [...new Set(Object.keys(terms).flatMap((leaf) => cellsOfLeaf!.get(leaf) ?? []))];
    };
    /** The visible cell to hide among candidates: the least important (rank) with room, else the largest. */
    const choose = (candidates: Iterable<number>): number => {
      let best = -1;
      const better = (c: number): boolean => {
        if (best < 0) return true;
        const [roomC, roomB] = [values[c]! >= roomy, values[best]! >= roomy];
        if (roomC !== roomB) return roomC;
        if (roomC) return rank[c]! < rank[best]! || (rank[c] === rank[best] && (values[c]! < values[best]! || (values[c] === values[best] && c < best)));
        return values[c]! > values[best]! || (values[c] === values[best] && c < best);
      };
      for (const c of candidates) if (hidden[c] === 0 && pinned[c] === 0 && values[c]! > 0 && better(c)) best = c;
      return best;
    };

    /** What the attacker knows of a cell: its value, or the interval its rule tells. */
    const boundsOf = (c: number): [number, number] => {
      const by = hidden[c]!;
      return by === 0 ? [values[c]!, values[c]!] : by === HIDDEN_PRIMARY ? [1, 10] : by === HIDDEN_SECONDARY ? [11, Infinity] : [0, Infinity];
    };
    /**
     * What an attacker (null: the outsider of steps 2–3; or an insider) sees of every figure and
     * piece of knowledge — the part it does not know (`rest`, with its `termsKey`) and the part it
     * does (`known`) — and its targets: all fixed for the protection, so worked out at its first
     * audit only; each round gives them the bounds of the moment.
     *
     * `cleared`: the targets it was found unable to narrow, not audited again in later rounds. A
     * round only hides figures — a value becomes « secret secondaire » (≥ 11) or a zero « non publié »
     * (≥ 0) — so every fact of the next round is looser than this round's, every interval at least
     * as wide, and a target not exposed stays so: auditing it again would find the same. Only the
     * exposed ones are audited again; the report still counts every target.
     */
    interface Part {
      rest: Terms;
      known: number;
      key: string;
    }
    interface View {
      owns: ((leaf: string) => boolean) | null;
      partKnown: (leaf: string) => number;
      /** The LP's variables: the others' part of each leaf (a leaf it owns has none). */
      variables: string[];
      cells: (Part | null)[];
      knowledge: (Part | null)[];
      targets: Map<string, Terms>;
      cleared: Set<string>;
    }
    const views = new Map<Insider | null, View>();
    const viewOf = (insider: Insider | null): View => {
      const seen = views.get(insider);
      if (seen) return seen;
      const owns = insider ? (leaf: string): boolean => insider.owns?.(leaf) ?? false : null;
      const partKnown = (leaf: string): number => (owns?.(leaf) ? leafCount(leaf) : (insider?.knows?.get(leaf) ?? 0));
      const part = (terms: Terms, key: string | null): Part | null => {
        if (!insider) return Object.keys(terms).length === 0 ? null : { rest: terms, known: 0, key: key ?? termsKey(terms) };
        const rest: Record<string, number> = {};
        let sum = 0;
        for (const [leaf, a] of Object.entries(terms)) {
          sum += a * partKnown(leaf);
          if (!owns!(leaf)) rest[leaf] = a;
        }
        return Object.keys(rest).length === 0 ? null : { rest, known: sum, key: termsKey(rest) };
      };
      const cells = cellTerms.map((terms, c) => part(terms, cellKeys[c]!));
      const targets = new Map<string, Terms>();
      cells.forEach((p, c) => {
        // The outsider audits the primary cells; an insider, every figure's part it does not know.
        if (p && (owns ? isSmallCount(values[c]! - p.known) : hidden[c] === HIDDEN_PRIMARY)) targets.set(p.key, p.rest);
      });
      // A small leaf (its others' part, to an insider) is already a target: audit it once.
      if (!insider || !insider.knows) {
        for (const leaf of smallLeaves) if (!owns?.(leaf)) targets.set(termsKey({ [leaf]: 1 }), { [leaf]: 1 });
      } else {
        for (const leaf of leafIds) if (!owns!(leaf) && isSmallCount(leafCount(leaf) - partKnown(leaf))) targets.set(termsKey({ [leaf]: 1 }), { [leaf]: 1 });
      }
      const variables = owns ? leafIds.filter((leaf) => !owns(leaf)) : leafIds;
      const view = { owns, partKnown, variables, cells, knowledge: knowledge.map((fact) => part(fact.terms, null)), targets, cleared: new Set<string>() };
      views.set(insider, view);
      return view;
    };
    /**
     * One audit of everything published, as an attacker who knows the people `insider` tells (null:
     * the outsider of steps 2–3): their part is taken out of every figure and bound, and the
     * variables are the others' part of each leaf (a leaf it owns has none). Targets: every figure's
     * others' part and every leaf's others' part that is 1 to 10. Hides, for each one exposed, one
     * published figure its bounds rest on (into `added`); returns how many were exposed and audited.
     */
    const auditOnce = async (added: Set<number>, withheld: Set<number>, insider: Insider | null): Promise<{ exposed: number; audited: number }> => {
      const { owns, partKnown, variables, cells, knowledge: known, targets, cleared } = viewOf(insider);
      const facts: Fact[] = [];
      cells.forEach((p, c) => {
        if (!p) return;
        const [lower, upper] = boundsOf(c);
        facts.push({ source: `c${c}`, terms: p.rest, key: p.key, lower: lower - p.known, upper: upper - p.known });
      });
      known.forEach((p, i) => {
        if (p) facts.push({ source: `k${i}`, terms: p.rest, key: p.key, lower: knowledge[i]!.lower - p.known, upper: knowledge[i]!.upper - p.known });
      });
      const keys = [...targets.keys()].filter((key) => !cleared.has(key));
      const audited = keys.map((key) => targets.get(key)!);
      let exposed = 0;
      const audit = await LinearAudit.of(facts, variables);
      // What the mentions alone tell an insider: every hidden figure's rule and the published
      // zeros, and of each published count only that it is a count (built when an insider first
      // finds something).
      let mentionsOnly: LinearAudit | null = null;
      try {
        const verdicts = audit.audit(audited, protection);
        verdicts.forEach((verdict, i) => {
          if (!verdict.exposed) cleared.add(keys[i]!);
        });
        for (const [i, verdict] of verdicts.entries()) {
          // An insider must not be able to prove that others are there, nor learn from a published
          // count more than the mentions tell it: beside its own 7, a « < 11 » means « 0 to 3
          // others » by the rule alone, and that is what the rule says, not a leak to stop.
          if (!verdict.exposed || (owns && verdict.finding!.lower < 1)) continue;
          if (owns) {
            mentionsOnly ??= await LinearAudit.of(
              facts.map((f) => {
                const c = f.source.startsWith('c') ? Number(f.source.slice(1)) : -1;
                // A published count tells only that it is one: its part left is at least minus the insider's.
                return c < 0 || hidden[c] !== 0 || values[c] === 0 ? f : { ...f, lower: f.lower - values[c]!, upper: Infinity };
              }),
              variables,
            );
            const alone = mentionsOnly.interval(audited[i]!, false);
            if (alone.lower === verdict.finding!.lower && alone.upper === verdict.finding!.upper) continue;
          }
          exposed++;
          const finding = audit.interval(audited[i]!);
          const evidence = [...finding.lowerFrom, ...finding.upperFrom].filter((e) => e.source.startsWith('c')).map((e) => Number(e.source.slice(1)));
          // A figure hidden this round already changes what this bound rests on: audit it again first.
          if (evidence.some((c) => added.has(c) || withheld.has(c))) continue;
          let choice = choose(evidence.filter((c) => !added.has(c)));
          if (choice < 0) choice = choose(neighbours(audited[i]!).filter((c) => !added.has(c)));
          if (choice >= 0) added.add(choice);
          else {
            // Nothing with a value left to hide: a published zero the bound rests on (a new one: the
            // released are known anyway) is withheld — « non publié à ce niveau », no rule, no bound.
            const zero = evidence.find((c) => hidden[c] === 0 && pinned[c] === 0 && values[c] === 0);
            if (zero !== undefined) withheld.add(zero);
          }
        }
      } catch (error) {
        throw new Error(`${insider ? `The audit for ${insider.name}` : 'The audit'} failed: ${(error as Error).message} ${violations(facts, (leaf) => leafCount(leaf) - partKnown(leaf))}`, { cause: error });
      } finally {
        audit.dispose();
        mentionsOnly?.dispose();
      }
      return { exposed, audited: targets.size };
    };

    let secondary = 0;
    for (let round = 0; round < maxRounds; round++) {
      const started = Date.now();
      report.rounds = round + 1;
      const added = new Set<number>();
      const withheld = new Set<number>();
      let { exposed, audited } = await auditOnce(added, withheld, null);
      // The insiders, once the outsider finds nothing more to hide.
      if (added.size === 0 && withheld.size === 0 && exposed === 0) {
        for (const insider of insiders) {
          const found = await auditOnce(added, withheld, insider);
          exposed += found.exposed;
          audited += found.audited;
        }
      }
      for (const c of added) hidden[c] = HIDDEN_SECONDARY;
      for (const c of withheld) hidden[c] = HIDDEN_WITHHELD;
      secondary += added.size + withheld.size;
      report.exposed = exposed;
      report.audited = audited;
      onRound?.({ round: round + 1, audited, exposed, secondary, seconds: (Date.now() - started) / 1000 });
      if (added.size === 0 && withheld.size === 0) break;
    }
    hidden.forEach((by) => {
      if (by === HIDDEN_PRIMARY) report.primary++;
      else if (by === HIDDEN_SECONDARY) report.secondary++;
      else if (by === HIDDEN_WITHHELD) report.withheld = (report.withheld ?? 0) + 1;
    });
    return new LinkedPublication(cellOfKey, values, hidden, report);
  }

  /** The published count of a figure, by its key (a figure withheld is not one: `has` is false). */
  figure(key: string): CubeCount {
    const c = this.cellOfKey.get(key);
    if (c === undefined || this.hidden[c] === HIDDEN_WITHHELD) throw new Error(`No figure ${key} in this publication.`);
    const by = this.hidden[c]!;
    return by === 0 ? { value: this.values[c]!, hiddenBy: null } : { value: null, hiddenBy: by === HIDDEN_PRIMARY ? 'PRIMARY' : 'SECONDARY' };
  }

  has(key: string): boolean {
    const c = this.cellOfKey.get(key);
    return c !== undefined && this.hidden[c] !== HIDDEN_WITHHELD;
  }

  /** Every figure published, with its exact value and rule (to store the pattern, and for the audit, which knows the truth); not those withheld. */
  *figures(): Generator<{ key: string; value: number; hiddenBy: HiddenBy | null }> {
    for (const [key, c] of this.cellOfKey) {
      const by = this.hidden[c]!;
      if (by === HIDDEN_WITHHELD) continue;
      yield { key, value: this.values[c]!, hiddenBy: by === 0 ? null : by === HIDDEN_PRIMARY ? 'PRIMARY' : 'SECONDARY' };
    }
  }
}
