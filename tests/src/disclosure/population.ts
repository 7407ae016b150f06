import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Terms } from './audit.js';

/**
 * A synthetic population for the differencing test (issue 12), and the atomic cells that the
 * steering figures are sums of.
 *
 * The population: one Département (Doubs, 4 territories), 2 programmes × 2 operators, one
 * convention per programme × operator serving every territory, and a few hundred people with
 * exactly one accompaniment each, spread over 2024-07 → 2025-12 so that many territory ×
 * programme × operator × month counts are between 1 and 10 while the Département's are larger.
 * One accompaniment per person keeps every « distinct people » count a plain sum of cells (a
 * person in two programmes would make the Département's count smaller than the sum of its parts:
 * an attacker may assume additivity, and on this population it holds exactly).
 *
 * The cells: the finest grain the API's filters can separate — territory × programme × operator ×
 * a bin of days — for two kinds of events: accompaniments started (people welcomed) and
 * accompaniments ended for a reason (exits). The bins are cut at every first day and every day
 * after a last day of the periods queried, so each period is a union of bins. Every count the
 * harness reads is then linear in these cells: active on a day D = started on or before D −
 * ended on or before D; accompanied during [from, to] = started on or before `to` − ended before
 * `from` (an exit never precedes its start, a database constraint).
 */
export const DEPARTMENT = '25';
export const TERRITORIES = ['25-besancon', '25-haut-doubs', '25-doubs-central', '25-pays-de-montbeliard'] as const;
export const EXIT_REASONS = ['STABILISATION', 'EVOLUTION', 'FINANCIAL_CHANGE', 'DYNAMIC_EXIT', 'REORIENTATION', 'DROPPED_OUT', 'MOVED', 'DECEASED', 'OTHER'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** A filter of the steering queries: any of territory, programme and operator (none: the Département). */
export interface Scope {
  territoryId?: string;
  programmeId?: string;
  operatorId?: string;
}

export interface Period {
  from: string;
  to: string;
}

export interface Person {
  territoryId: string;
  programmeId: string;
  operatorId: string;
  conventionId: string;
  prescribedOn: string;
  startedOn: string;
  endedOn: string | null;
  exitReason: ExitReason | null;
}

export interface SyntheticPopulation {
  programmes: { id: string; name: string }[];
  operators: { id: string; name: string }[];
  conventions: { id: string; programmeId: string; operatorId: string }[];
  people: Person[];
}

/** mulberry32, as the demo seed uses: the same population on every machine and every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * People per territory × programme × operator: some combinations large, many small, so that a
 * month of a small one is 1 to 10 while the Département's month is not.
 */
const SIZES = [70, 8, 28, 4, 48, 12, 6, 35, 18, 3, 60, 10, 7, 24, 40, 11];
const FIRST_START = '2024-07-01';
const LAST_DAY = '2025-12-31';
const REASON_WEIGHTS: [ExitReason, number][] = [
  ['STABILISATION', 35],
  ['EVOLUTION', 25],
  ['DROPPED_OUT', 15],
  ['REORIENTATION', 10],
  ['MOVED', 8],
  ['FINANCIAL_CHANGE', 5],
  ['DECEASED', 2],
];

export function generatePopulation(seed = 12): SyntheticPopulation {
  const random = seeded(seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const reason = (): ExitReason => {
    let r = random() * REASON_WEIGHTS.reduce((s, [, w]) => s + w, 0);
    for (const [value, weight] of REASON_WEIGHTS) if ((r -= weight) < 0) return value;
    return 'STABILISATION';
  };
  const programmes = [1, 2].map((n) => ({ id: randomUUID(), name: `Programme ${n}` }));
  const operators = [1, 2].map((n) => ({ id: randomUUID(), name: `Opérateur ${n}` }));
  const conventions = programmes.flatMap((p) => operators.map((o) => ({ id: randomUUID(), programmeId: p.id, operatorId: o.id })));
  const people: Person[] = [];
  const span = daysBetween(FIRST_START, LAST_DAY);
  let combination = 0;
  for (const territoryId of TERRITORIES) {
    for (const convention of conventions) {
      for (let i = 0; i < SIZES[combination]!; i++) {
        const startedOn = addDays(FIRST_START, int(0, span));
        const end = random() < 0.55 ? addDays(startedOn, int(0, 330)) : null;
        const endedOn = end !== null && end <= LAST_DAY ? end : null;
        people.push({
          territoryId,
          programmeId: convention.programmeId,
          operatorId: convention.operatorId,
          conventionId: convention.id,
          prescribedOn: addDays(startedOn, -int(3, 40)),
          startedOn,
          endedOn,
          exitReason: endedOn ? reason() : null,
        });
      }
      combination++;
    }
  }
  return { programmes, operators, conventions, people };
}

/**
 * Writes the population as an administrator's import would leave it (the tables the subgraphs
 * read), in a few statements: partners, programmes, conventions with their territories, people
 * and their accompaniments.
 */
export async function insertPopulation(db: pg.ClientBase, population: SyntheticPopulation): Promise<void> {
  const communes = new Map(
    (
      await db.query<{ territory_id: string; commune_code: string }>(
        `select distinct on (territory_id) territory_id, commune_code from ref.territory_commune where department_code = $1 order by territory_id, commune_code`,
        [DEPARTMENT],
      )
    ).rows.map((r) => [r.territory_id, r.commune_code]),
  );
  for (const t of TERRITORIES) if (!communes.has(t)) throw new Error(`The reference geography has no commune for ${t}.`);
  const someCommune = communes.get(TERRITORIES[0])!;
  for (const o of population.operators) {
    await db.query(`insert into partners.partner (id, department_code, name, kind, commune_code) values ($1, $2, $3, 'ASSOCIATION', $4)`, [o.id, DEPARTMENT, o.name, someCommune]);
  }
  for (const p of population.programmes) await db.query(`insert into funding.programme (id, department_code, name) values ($1, $2, $3)`, [p.id, DEPARTMENT, p.name]);
  for (const [i, c] of population.conventions.entries()) {
    // In force from before the first accompaniment to after today: every day queried counts them.
    await db.query(
      `insert into contracts.convention (id, department_code, operator_id, programme_id, name, starts_on, ends_on, fte, places, signed_on)
       values ($1, $2, $3, $4, $5, '2024-01-01', '2030-12-31', 1, 90, '2023-12-15')`,
      [c.id, DEPARTMENT, c.operatorId, c.programmeId, `Convention ${i + 1}`],
    );
    await db.query(
      `insert into contracts.convention_territory (department_code, convention_id, territory_id, places) select $1, $2, t, 20 from unnest($3::text[]) t`,
      [DEPARTMENT, c.id, [...TERRITORIES]],
    );
  }
  const ids = population.people.map(() => randomUUID());
  await db.query(
    `insert into beneficiaries.beneficiary (id, department_code, commune_code, territory_id, sex, birth_year, household_type, rsa_entry_date, orientation_kind)
     select id, $1, commune, territory, case when n % 2 = 0 then 'F' else 'M' end, 1980, 'SINGLE', '2018-01-01', 'SOCIAL'
       from unnest($2::uuid[], $3::text[], $4::text[]) with ordinality as x(id, commune, territory, n)`,
    [DEPARTMENT, ids, population.people.map((p) => communes.get(p.territoryId)!), population.people.map((p) => p.territoryId)],
  );
  const column = <K extends keyof Person>(key: K): Person[K][] => population.people.map((p) => p[key]);
  await db.query(
    `insert into beneficiaries.accompaniment (id, department_code, beneficiary_id, programme_id, operator_id, convention_id, territory_id, prescribed_on, started_on, ended_on, exit_reason)
     select gen_random_uuid(), $1, b, p, o, c, t, pr, s, e, r
       from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::date[], $8::date[], $9::date[], $10::text[]) as x(b, p, o, c, t, pr, s, e, r)`,
    [DEPARTMENT, ids, column('programmeId'), column('operatorId'), column('conventionId'), column('territoryId'), column('prescribedOn'), column('startedOn'), column('endedOn'), column('exitReason')],
  );
}

/**
 * The atomic cells of a population over a grid of days, and every steering figure as a sum of
 * them. `breakpoints` are the days where bins start (sorted); the first bin holds everything
 * before the first breakpoint, the last one runs from the last breakpoint to `today` (nothing is
 * dated after today).
 */
export class CellModel {
  readonly breakpoints: readonly string[];
  private readonly binLabels: string[];

  constructor(
    readonly population: SyntheticPopulation,
    days: Iterable<string>,
    readonly today: string,
  ) {
    this.breakpoints = [...new Set([...days, addDays(today, 1)])].sort();
    this.binLabels = this.breakpoints.map((day, i) => (i === 0 ? `<${day}` : `${this.breakpoints[i - 1]}..${addDays(day, -1)}`));
  }

  /** A short, readable name for ids in cell names and findings. */
  nameOf(id: string): string {
    return [...this.population.programmes, ...this.population.operators].find((x) => x.id === id)?.name ?? id;
  }

  /** The bin of a day: the number of breakpoints on or before it. */
  private binOf(day: string): number {
    let bin = 0;
    while (bin < this.breakpoints.length && this.breakpoints[bin]! <= day) bin++;
    if (bin === this.breakpoints.length) throw new Error(`${day} is after today (${this.today}).`);
    return bin;
  }

  /**
   * How many bins lie wholly before a breakpoint (bin i ends at breakpoint i); a day that is not a
   * breakpoint cannot be a period's edge in these cells.
   */
  private edge(day: string): number {
    const i = this.breakpoints.indexOf(day);
    if (i < 0) throw new Error(`${day} is not a breakpoint of the grid: add it (a period must start on one, and end the day before one).`);
    return i + 1;
  }

  startCell(territoryId: string, programmeId: string, operatorId: string, bin: number): string {
    return `started ${territoryId} ${this.nameOf(programmeId)} ${this.nameOf(operatorId)} ${this.binLabels[bin]}`;
  }

  exitCell(territoryId: string, programmeId: string, operatorId: string, bin: number, reason: ExitReason): string {
    return `exit ${reason} ${territoryId} ${this.nameOf(programmeId)} ${this.nameOf(operatorId)} ${this.binLabels[bin]}`;
  }

  /** The territory × programme × operator combinations inside a scope. */
  private combinations(scope: Scope): [string, string, string][] {
    return TERRITORIES.filter((t) => !scope.territoryId || t === scope.territoryId).flatMap((t) =>
      this.population.programmes
        .filter((p) => !scope.programmeId || p.id === scope.programmeId)
        .flatMap((p) => this.population.operators.filter((o) => !scope.operatorId || o.id === scope.operatorId).map((o): [string, string, string] => [t, p.id, o.id])),
    );
  }

  /** The cells of a scope (e.g. one operator's: what its référents know person by person). */
  cellsIn(scope: Scope): string[] {
    const inScope = this.combinations(scope);
    return this.binLabels.flatMap((_, bin) => inScope.flatMap(([t, p, o]) => [this.startCell(t, p, o, bin), ...EXIT_REASONS.map((r) => this.exitCell(t, p, o, bin, r))]));
  }

  /** Every cell (the audit's unknowns). */
  cells(): string[] {
    return this.cellsIn({});
  }

  /** The true count of every non-empty cell. */
  truth(): Map<string, number> {
    const counts = new Map<string, number>();
    const add = (cell: string): void => void counts.set(cell, (counts.get(cell) ?? 0) + 1);
    for (const p of this.population.people) {
      add(this.startCell(p.territoryId, p.programmeId, p.operatorId, this.binOf(p.startedOn)));
      if (p.endedOn) add(this.exitCell(p.territoryId, p.programmeId, p.operatorId, this.binOf(p.endedOn), p.exitReason!));
    }
    return counts;
  }

  /** Bins [first, last) as terms with a sign, for starts and/or exits. */
  private sum(scope: Scope, first: number, last: number, kind: { started?: number; exited?: number; reason?: ExitReason | null }, terms: Record<string, number> = {}): Record<string, number> {
    for (const [t, p, o] of this.combinations(scope)) {
      for (let bin = first; bin < last; bin++) {
        if (kind.started) terms[this.startCell(t, p, o, bin)] = (terms[this.startCell(t, p, o, bin)] ?? 0) + kind.started;
        if (kind.exited) {
          for (const r of kind.reason ? [kind.reason] : EXIT_REASONS) terms[this.exitCell(t, p, o, bin, r)] = (terms[this.exitCell(t, p, o, bin, r)] ?? 0) + kind.exited;
        }
      }
    }
    return terms;
  }

  /** People whose accompaniment started in the period (« people welcomed », `peopleOriented`). */
  welcomed(scope: Scope, period: Period): Terms {
    return this.sum(scope, this.edge(period.from), this.edge(addDays(period.to, 1)), { started: 1 });
  }

  /** Exits in the period, for one reason or all. */
  exits(scope: Scope, period: Period, reason: ExitReason | null = null): Terms {
    return this.sum(scope, this.edge(period.from), this.edge(addDays(period.to, 1)), { exited: 1, reason });
  }

  /** Active caseload on a day: started on or before it, not ended on or before it. */
  activeAt(scope: Scope, day: string): Terms {
    const end = this.edge(addDays(day, 1));
    return this.sum(scope, 0, end, { exited: -1 }, this.sum(scope, 0, end, { started: 1 }));
  }

  /** Accompanied at some point of the period: started on or before its last day, not ended before its first. */
  accompanied(scope: Scope, period: Period): Terms {
    return this.sum(scope, 0, this.edge(period.from), { exited: -1 }, this.sum(scope, 0, this.edge(addDays(period.to, 1)), { started: 1 }));
  }

  /** Ever started (a convention's « people accompanied »). */
  everStarted(scope: Scope): Terms {
    return this.sum(scope, 0, this.breakpoints.length, { started: 1 });
  }

  /**
   * Non-negativity of every active caseload on every breakpoint, per combination: what anyone
   * knows without reading a figure (no one leaves before arriving). It links the start and exit
   * cells the way the people do.
   */
  structure(): { source: string; terms: Terms }[] {
    return this.combinations({}).flatMap(([t, p, o]) =>
      this.breakpoints.map((day) => ({
        source: `active ≥ 0: ${t} ${this.nameOf(p)} ${this.nameOf(o)} on the eve of ${day}`,
        terms: this.activeAt({ territoryId: t, programmeId: p, operatorId: o }, addDays(day, -1)),
      })),
    );
  }
}
