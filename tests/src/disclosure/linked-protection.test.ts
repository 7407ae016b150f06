import { ALL, LinkedPublication, monthsBetween, publicationFigures, publicationKey, leafKey, type LinkedFigure } from '@passerelles/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisToday } from '../support/days.js';
import { evaluate, LinearAudit, type Fact, type Terms } from './audit.js';
import { addDays, CellModel, EXIT_REASONS, generatePopulation, TERRITORIES, type Period, type Scope } from './population.js';

/**
 * The linked publication of ADR 0023 judged offline, on the differencing test's population and
 * with its own model of the figures (population.ts's CellModel, written independently of the
 * kit): every figure of a grid — people welcomed, exits per reason and in all, the caseload at
 * the end of its periods, people accompanied — is published as `LinkedPublication` decides (exact, « < 11 » in [1, 10], « secret secondaire »
 * ≥ 11); an attacker who combines them all by linear programming, knowing no caseload is ever
 * negative, must bound no small count (a hidden figure or an atomic cell of 1 to 10) narrower
 * than ±PROTECTION.
 */
const PROTECTION = 2;
/**
 * The grid judged: the Département by quarter and year, each territory, programme or operator
 * alone by year, no crossing. The finest grid (every crossing by month) cannot be protected on
 * this population: its first round of audit finds every one of its 4 158 small counts exposed
 * and hiding what they rest on hides every non-zero figure; months for the Département with
 * years for one dimension stall with 21 counts exposed (ADR 0023, « What the linked publication
 * showed »).
 */
const CROSSINGS = 1;
const FINEST = ['QUARTER', 'YEAR'] as const;

const population = generatePopulation();
const today = parisToday();
const months = monthsBetween('2024-01', today.slice(0, 7));
const lastDay = (month: string): string => {
  const next = monthsBetween(month, '9999-12')[1]!;
  const last = addDays(`${next}-01`, -1);
  return last < today ? last : today;
};

let publication: LinkedPublication;
let audit: LinearAudit;
const exposed: string[] = [];
let audited = 0;
const facts: Fact[] = [];
const mismatches: string[] = [];
const seconds: Record<string, number> = {};

beforeAll(async () => {
  let clock = Date.now();
  const lap = (name: string): void => {
    seconds[name] = (Date.now() - clock) / 1000;
    clock = Date.now();
  };
  const leaves = new Map<string, number>();
  const add = (leaf: string): void => void leaves.set(leaf, (leaves.get(leaf) ?? 0) + 1);
  for (const p of population.people) {
    add(leafKey('S', p.territoryId, p.programmeId, p.operatorId, p.startedOn.slice(0, 7)));
    if (p.endedOn) add(leafKey('X', p.territoryId, p.programmeId, p.operatorId, p.endedOn.slice(0, 7), p.exitReason!));
  }
  const grid = { territories: TERRITORIES, programmes: population.programmes.map((p) => p.id), operators: population.operators.map((o) => o.id), reasons: EXIT_REASONS, months, crossings: CROSSINGS, finest: FINEST };
  const figures: LinkedFigure[] = [...publicationFigures(grid)];
  lap('figures');
  publication = await LinkedPublication.protect(leaves, figures, { protection: PROTECTION });
  lap('protection');

  // The attacker's own model: cells cut at every first of a month, each figure re-derived from
  // its scope, period and measure — not from the kit's terms.
  const model = new CellModel(
    population,
    months.map((m) => `${m}-01`),
    today,
  );
  const periodOf = (key: string): Period | null => {
    if (key === ALL) return null;
    if (/^\d{4}-\d{2}$/.test(key)) return { from: `${key}-01`, to: lastDay(key) };
    const year = key.slice(0, 4);
    const [first, last] = key.length === 4 ? ['01', '12'] : [String(Number(key.slice(6)) * 3 - 2).padStart(2, '0'), String(Number(key.slice(6)) * 3).padStart(2, '0')];
    const inRange = months.filter((m) => m >= `${year}-${first}` && m <= `${year}-${last}`);
    return { from: `${inRange[0]}-01`, to: lastDay(inRange.at(-1)!) };
  };
  const truth = model.truth();
  for (const f of publication.figures()) {
    const [measure, ...rest] = f.key.split('|');
    const reason = measure === 'exits' ? rest.shift()! : null;
    const [t, p, o, period] = rest as [string, string, string, string];
    const scope: Scope = { territoryId: t === ALL ? undefined : t, programmeId: p === ALL ? undefined : p, operatorId: o === ALL ? undefined : o };
    const range = periodOf(period);
    const terms: Terms =
      measure === 'welcomed'
        ? range
          ? model.welcomed(scope, range)
          : model.everStarted(scope)
        : measure === 'exits'
          ? model.exits(scope, range!, reason === ALL ? null : (reason as (typeof EXIT_REASONS)[number]))
          : measure === 'active'
            ? model.activeAt(scope, range!.to)
            : model.accompanied(scope, range!);
    const bounds = f.hiddenBy === null ? { lower: f.value, upper: f.value } : f.hiddenBy === 'PRIMARY' ? { lower: 1, upper: 10 } : { lower: 11, upper: Infinity };
    if (evaluate(terms, truth) !== f.value) mismatches.push(`${f.key}: model ${evaluate(terms, truth)}, kit ${f.value}`);
    facts.push({ source: f.key, terms, ...bounds });
  }
  audit = await LinearAudit.of([...facts, ...model.structure().map((s) => ({ ...s, lower: 0, upper: Infinity }))], model.cells());
  const targets: { name: string; terms: Terms }[] = [
    ...facts.filter((f) => f.lower < f.upper && evaluate(f.terms, truth) <= 10).map((f) => ({ name: f.source, terms: f.terms })),
    ...[...truth].filter(([, n]) => n >= 1 && n <= 10).map(([cell]) => ({ name: `cell ${cell}`, terms: { [cell]: 1 } })),
  ];
  audited = targets.length;
  audit.audit(
    targets.map((t) => t.terms),
    PROTECTION,
  ).forEach((verdict, i) => {
    if (verdict.exposed) exposed.push(`${targets[i]!.name} = ${evaluate(targets[i]!.terms, truth)} ∈ [${verdict.finding!.lower}, ${verdict.finding!.upper}]`);
  });
  lap('audit');
  console.log(`Linked publication on the differencing test's population: ${JSON.stringify({ ...publication.report, figures: figures.length, audited, seconds })}`);
}, 900_000);

afterAll(() => audit?.dispose());

describe('the linked publication of every steering measure at once (ADR 0023)', () => {
  it('computes each figure as the independent model does', () => {
    expect(facts.length).toBeGreaterThan(250);
    expect(mismatches).toEqual([]);
  });

  // The Département's own figures are what a committee reads first: those that are not small
  // themselves (1 to 10) are mostly kept — measured on 2026-12-06: 33 of 40 (`LinkedFigure.rank`).
  it('keeps most of the Département’s figures that are not small published, with the true value', () => {
    const department = [...publication.figures()].filter((f) => f.key.includes('|*|*|*|') && f.value > 10);
    const shown = department.filter((f) => f.hiddenBy === null);
    expect(shown.length).toBeGreaterThanOrEqual(department.length * 0.75);
    const year = publication.figure(publicationKey('active', {}, '2025-12'));
    expect(year).toEqual({ value: population.people.filter((p) => p.startedOn <= '2025-12-31' && (p.endedOn === null || p.endedOn > '2025-12-31')).length, hiddenBy: null });
    expect(publication.report.exposed).toBe(0);
  });

  it('lets no count from 1 to 10 be narrowed below ±PROTECTION by any combination of the published figures', () => {
    expect(audited).toBeGreaterThan(300);
    expect(exposed).toEqual([]);
  });
});
