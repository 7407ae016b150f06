import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parisToday } from '../support/days.js';
import { gatewayQuery, login, startTestSystem, type TestSystem } from '../support/system.js';
import { restorePublication, runPublicationJob, storePrimaryOnlyPublication } from '../support/publication.js';
import { createUser } from '../support/users.js';
import { evaluate, LinearAudit, termsKey, type Evidence, type Fact, type Finding, type Terms } from './audit.js';
import { gridDays, gridQuestions, harvest, offGridPeriods, periodGrid } from './harvest.js';
import { CellModel, DEPARTMENT, generatePopulation, insertPopulation } from './population.js';

/**
 * Issue 12's adversarial test: no count from 1 to 10 may be recomputed by combining published
 * figures. On a generated population with many small cells (population.ts), a STEERING user asks
 * everything the API lets them ask on a grid of scopes × periods (harvest.ts); the audit
 * (audit.ts, ADR 0022) then bounds, by linear programming on everything published at once, every
 * figure that was published suppressed and every atomic cell whose true count is 1 to 10. A count
 * is exposed when its feasible interval is narrower than ±PROTECTION.
 */
const PROTECTION = 2;
const ARTIFACT = resolve(import.meta.dirname, '..', '..', 'artifacts', 'disclosure-audit.json');

/** A small count the attacker tries to recompute: a figure the API hid (from each place it hid it), or an atomic cell. */
interface Target {
  terms: Terms;
  /** Every query and field that published it suppressed (none for a cell never published as such). */
  hiddenAt: string[];
  cell: string | null;
}

interface Exposure extends Pick<Finding, 'lower' | 'upper'> {
  target: string;
  hiddenAt: string[];
  families: string[];
  truth: number;
  terms: Terms;
}

/** An exposure shown with its evidence, as an example of one kind of figure. */
interface Example extends Exposure, Pick<Finding, 'lowerFrom' | 'upperFrom'> {
  family: string;
}

/** How many exact recomputations per kind of figure are explained to pick the example from (explaining costs more than auditing). */
const EXAMPLE_CANDIDATES = 40;

/** The kinds of figure a target was hidden in (the query or type read), or « atomic cell ». */
const familiesOf = (t: Pick<Target, 'hiddenAt' | 'cell'>): string[] => [...new Set([...t.hiddenAt.map((s) => s.slice(0, s.indexOf('('))), ...(t.cell ? ['atomic cell'] : [])])];

/** What one audit of everything published found. */
interface AuditResult {
  facts: Fact[];
  /** Figures the API answered that do not hold on the true cells (the model's error, or the API's). */
  mismatches: string[];
  exposed: Exposure[];
  examples: Example[];
  audit: LinearAudit;
  summary: {
    requests: number;
    facts: number;
    /** Figures published with their value (neither hidden nor « non publié à ce niveau »). */
    shown: number;
    publishedRows: number;
    cells: number;
    /** The linear programme left after the audit's presolve. */
    programme: { columns: number; rows: number };
    /** Per kind of figure: how many small counts it hid, how many of them are exposed, how many recomputed exactly. */
    families: Record<string, { audited: number; exposed: number; exactly: number }>;
    seconds: Record<string, number>;
  };
}

let system: TestSystem;
/** The same grid with primary suppression only (no audit): what the job's audit prevents. */
let primaryOnly: AuditResult;
/** After it: the Département's linked publication (ADR 0023). */
let linked: AuditResult;
let publicationLog: string;
/** The same two publications, attacked by each operator with its own people known. */
let primaryOnlyInsiders: InsiderResult[];
let linkedInsiders: InsiderResult[];
/** What the API answered to questions off the publication grid: the first error of each. */
let offGrid: { question: string; error: string | null }[];

/**
 * Asks, as the STEERING user, everything on the grid; then bounds by linear programming, on
 * everything published at once, every figure published hidden and every atomic cell of 1 to 10.
 */
async function auditWhatIsPublished(model: CellModel, token: string, periods: ReturnType<typeof periodGrid>): Promise<AuditResult> {
  const clock = { started: Date.now(), last: Date.now() };
  const seconds: Record<string, number> = {};
  const lap = (name: string): void => {
    seconds[name] = (Date.now() - clock.last) / 1000;
    clock.last = Date.now();
  };
  const harvested = await harvest(async (query) => {
    const answer = await gatewayQuery<Record<string, unknown>>(system, token, query);
    if (answer.errors.length || !answer.data) throw new Error(`HTTP ${answer.status}: ${JSON.stringify(answer.errors)}\n${query}`);
    return answer.data;
  }, gridQuestions(model, periods));
  const facts = harvested.facts;
  lap('queries');

  // The cells must say what the API computes: every figure read holds on the true cells (exact
  // ones equal, suppressed ones within the rule's interval). Otherwise a « finding » would be the
  // model's error, not a leak.
  const truth = model.truth();
  const mismatches = facts.filter((f) => !(evaluate(f.terms, truth) >= f.lower && evaluate(f.terms, truth) <= f.upper)).map((f) => `${f.source}: true ${evaluate(f.terms, truth)}, published [${f.lower}, ${f.upper}]`);

  const audit = await LinearAudit.of([...facts, ...model.structure().map((s) => ({ ...s, lower: 0, upper: Infinity }))], model.cells());
  const targets = new Map<string, Target>();
  const target = (terms: Terms): Target => {
    const key = termsKey(terms);
    return targets.get(key) ?? targets.set(key, { terms, hiddenAt: [], cell: null }).get(key)!;
  };
  for (const f of facts) if (f.lower < f.upper) target(f.terms).hiddenAt.push(f.source);
  for (const [cell] of truth) target({ [cell]: 1 }).cell = cell;
  const small = [...targets.values()].filter((t) => evaluate(t.terms, truth) >= 1 && evaluate(t.terms, truth) <= 10);
  const verdicts = audit.audit(
    small.map((t) => t.terms),
    PROTECTION,
  );
  const exposed = small.flatMap((t, i) => {
    const finding = verdicts[i]!.finding;
    return verdicts[i]!.exposed && finding
      ? [{ target: t.hiddenAt[0] ?? `cell « ${t.cell} »`, hiddenAt: t.hiddenAt, families: familiesOf(t), truth: evaluate(t.terms, truth), terms: t.terms, lower: finding.lower, upper: finding.upper }]
      : [];
  });
  lap('audit');
  const examples = pickExamples(audit, exposed);
  seconds.total = (Date.now() - clock.started) / 1000;

  const families: AuditResult['summary']['families'] = {};
  small.forEach((t, i) => {
    for (const f of familiesOf(t)) {
      const family = (families[f] ??= { audited: 0, exposed: 0, exactly: 0 });
      family.audited++;
      if (verdicts[i]!.exposed) family.exposed++;
      const finding = verdicts[i]!.finding;
      if (finding && finding.lower === finding.upper) family.exactly++;
    }
  });
  const shown = facts.filter((f) => f.lower === f.upper).length;
  return { facts, mismatches, exposed, examples, audit, summary: { requests: harvested.requests, facts: facts.length, shown, publishedRows: audit.rows.length, cells: audit.cells.length, programme: audit.size, families, seconds } };
}

/** What an operator recomputed, as an insider, of the others' small counts. */
interface InsiderResult {
  operator: string;
  /** The others' small counts it tried: parts of figures read without its own people, and other operators' cells. */
  audited: number;
  exposed: string[];
}

/**
 * An operator knows its own people: its référents accompany them, and the API gives it its
 * conventions' counts exactly. So it knows every cell of its own exactly, and takes them out of
 * every published figure. Given those and everything published, what is left — the others' part
 * of each figure read, and each cell of another operator — must keep, wherever it is 1 to 10, an
 * interval of at least ±PROTECTION, or one that reaches 0, or the one the mentions alone give (no
 * published count narrows it; the rules « < 11 » and « secret secondaire » are required to be said).
 */
async function auditAsInsiders(model: CellModel, published: AuditResult): Promise<InsiderResult[]> {
  const truth = model.truth();
  const structure = model.structure().map((s) => ({ ...s, lower: 0, upper: Infinity }));
  const results: InsiderResult[] = [];
  for (const operator of model.population.operators) {
    const own = new Set(model.cellsIn({ operatorId: operator.id }));
    const known: Fact[] = [...own].map((cell) => ({ source: `own: ${cell}`, terms: { [cell]: 1 }, lower: truth.get(cell) ?? 0, upper: truth.get(cell) ?? 0 }));
    const targets = new Map<string, { terms: Terms; name: string }>();
    for (const f of published.facts) {
      const others = Object.fromEntries(Object.entries(f.terms).filter(([cell]) => !own.has(cell)));
      const key = termsKey(others);
      if (key && !targets.has(key)) targets.set(key, { terms: others, name: `${f.source} without ${operator.name}’s own` });
    }
    for (const [cell] of truth) if (!own.has(cell)) targets.set(termsKey({ [cell]: 1 }), { terms: { [cell]: 1 }, name: `cell « ${cell} »` });
    const small = [...targets.values()].filter((t) => evaluate(t.terms, truth) >= 1 && evaluate(t.terms, truth) <= 10);
    const audit = await LinearAudit.of([...published.facts, ...structure, ...known], model.cells());
    // What the mentions alone tell it: every hidden figure's rule, the published zeros, and of each
    // published count only that it is one (≥ 0).
    const mentionsOnly = await LinearAudit.of([...published.facts.map((f) => (f.lower < f.upper || f.upper === 0 ? f : { ...f, lower: 0, upper: Infinity })), ...structure, ...known], model.cells());
    try {
      const verdicts = audit.audit(
        small.map((t) => t.terms),
        PROTECTION,
      );
      // Exposed: narrower than ±PROTECTION, proven above 0, and narrower than the mentions alone
      // make it — beside 7 of its own people, a « < 11 » tells « 0 to 3 others » by the rule alone.
      const exposed = small.flatMap((t, i) => {
        const finding = verdicts[i]!.finding;
        if (!verdicts[i]!.exposed || !finding || finding.lower < 1) return [];
        const alone = mentionsOnly.interval(t.terms, false);
        return alone.lower === finding.lower && alone.upper === finding.upper ? [] : [`${t.name} = ${evaluate(t.terms, truth)} ∈ [${finding.lower}, ${finding.upper}] (the mentions alone: [${alone.lower}, ${alone.upper}])`];
      });
      results.push({ operator: operator.name, audited: small.length, exposed });
    } finally {
      audit.dispose();
      mentionsOnly.dispose();
    }
  }
  return results;
}

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: false, withDashboard: false });
  const population = generatePopulation();
  await insertPopulation(system.db, population);
  const steering = await createUser(system.db, { role: 'STEERING', departmentCode: DEPARTMENT });
  const token = await login(system, steering.email, steering.password);

  const periods = periodGrid();
  const model = new CellModel(population, gridDays(periods), parisToday());

  // Off the grid: periods that differ from a grid period by days or months, a stock on a day that
  // ends no month — each must be refused, with nothing published.
  const convention = population.conventions[0]!;
  const offGridQuestions = [
    ...offGridPeriods().map((p) => `{ indicators(period: {from: "${p.from}", to: "${p.to}"}) { peopleWelcomed { value } } }`),
    ...offGridPeriods().map((p) => `{ indicatorsByTerritory(period: {from: "${p.from}", to: "${p.to}"}) { territoryId } }`),
    ...offGridPeriods().map((p) => `{ territories { peopleOriented(period: {from: "${p.from}", to: "${p.to}"}) { value } } }`),
    ...offGridPeriods().map((p) => `{ contractIndicators(period: {from: "${p.from}", to: "${p.to}"}) { cerSigned { value } } }`),
    `{ conventionIndicators(period: {from: "2025-06-15", to: "2025-06-15"}) { placesContracted } }`,
    `{ convention(id: "${convention.id}") { occupancyAt(date: "2025-06-15") { caseload { value } } } }`,
  ];
  offGrid = await Promise.all(
    offGridQuestions.map(async (question) => {
      const answer = await gatewayQuery<Record<string, unknown>>(system, token, question);
      return { question, error: (answer.errors[0] as { message?: string } | undefined)?.message ?? null };
    }),
  );
  // The Département's publication, computed by its job as operations would run it (before the
  // audits: their solves hold this process's event loop for seconds, and the keep-alive connections
  // the gateway closes meanwhile would be found closed only when reused).
  publicationLog = await runPublicationJob(system, DEPARTMENT);
  // The audit has teeth: on the same grid with primary suppression only, the same questions let
  // hidden counts be recomputed. Then the protected publication, put back, lets none be.
  const protectedOne = await storePrimaryOnlyPublication(system, DEPARTMENT);
  primaryOnly = await auditWhatIsPublished(model, token, periods);
  primaryOnlyInsiders = await auditAsInsiders(model, primaryOnly);
  await restorePublication(system, protectedOne);
  linked = await auditWhatIsPublished(model, token, periods);
  linkedInsiders = await auditAsInsiders(model, linked);

  // Everything found, for whoever builds on the disclosure control: which figures, and from what.
  await mkdir(resolve(ARTIFACT, '..'), { recursive: true });
  const report = (r: AuditResult) => ({ summary: r.summary, examples: r.examples.map(({ terms: _, ...e }) => e), exposed: r.exposed.map(({ terms: _, ...e }) => e) });
  await writeFile(ARTIFACT, JSON.stringify({ primaryOnly: report(primaryOnly), linked: report(linked), primaryOnlyInsiders, linkedInsiders, publicationLog }, null, 1));
}, 1_500_000);

afterAll(async () => {
  primaryOnly?.audit.dispose();
  linked?.audit.dispose();
  await system?.stop();
});

const figure = (f: Evidence): string => `${f.source} ${f.lower === f.upper ? `= ${f.lower}` : `∈ [${f.lower}, ${f.upper === Infinity ? '∞' : f.upper}]`}`;

/**
 * Per kind of figure, the exposure easiest to check by hand: an exact recomputation by whole
 * additions and subtractions of the fewest figures (a degenerate programme may also give
 * fractional weights: just as valid, harder to read), among the first few of that kind.
 */
function pickExamples(audit: LinearAudit, exposures: readonly Exposure[]): Example[] {
  const effort = (e: Example): number =>
    (e.lower === e.upper ? 0 : 1000) + ([...e.upperFrom, ...e.lowerFrom].every((f) => f.weight === undefined || Number.isInteger(f.weight)) ? 0 : 100) + e.upperFrom.length + e.lowerFrom.length;
  const chosen: Example[] = [];
  for (const family of [...new Set(exposures.flatMap((e) => e.families))]) {
    const candidates = exposures
      .filter((e) => e.families.includes(family) && e.lower === e.upper && !chosen.some((c) => c.terms === e.terms))
      .slice(0, EXAMPLE_CANDIDATES)
      .map((e): Example => ({ ...e, family, ...audit.interval(e.terms) }));
    const best = candidates.sort((a, b) => effort(a) - effort(b))[0];
    if (best) chosen.push(best);
  }
  return chosen;
}

/**
 * An example as a person reads it: the count, where it was hidden, and the published figures
 * that pin it — those the linear programme combines (with their weights), then a few of those
 * that fixed cells before it (mostly published zeros).
 */
function explain(e: Example): string {
  // Named as the kind of figure it illustrates (the same count is often hidden in several).
  const name = e.hiddenAt.find((s) => s.startsWith(`${e.family}(`)) ?? e.target;
  const lines = (evidence: readonly Evidence[]): string[] => {
    const weighted = evidence.filter((f) => f.weight !== undefined);
    const fixing = evidence.filter((f) => f.weight === undefined);
    return [
      ...weighted.map((f) => `    ${f.weight! > 0 ? '+' : '−'} ${Math.abs(f.weight!)} × ${figure(f)}`),
      ...fixing.slice(0, 3).map((f) => `    given ${figure(f)}`),
      ...(fixing.length > 3 ? [`    given ${fixing.length - 3} more figures of the kind`] : []),
    ];
  };
  const sources = (evidence: readonly Evidence[]): string => JSON.stringify(evidence.map((f) => f.source).sort());
  const same = sources(e.lowerFrom) === sources(e.upperFrom);
  return [
    `${name} is hidden (true value ${e.truth}${e.hiddenAt.length > 1 ? `, hidden in ${e.hiddenAt.length} places` : ''}); combining figures puts it in [${e.lower}, ${e.upper}]:`,
    ...(same ? lines(e.upperFrom) : [`  at least ${e.lower}:`, ...lines(e.lowerFrom), `  at most ${e.upper}:`, ...lines(e.upperFrom)]),
  ].join('\n');
}

describe('statistical secrecy against differencing (issue 12)', () => {
  it('refuses, to a STEERING user, every period off the publication grid and every stock on a day that ends no month', () => {
    // 12 periods × 4 fields, a one-day period of conventionIndicators, a stock mid-month.
    expect(offGrid.length).toBe(50);
    expect(offGrid.filter((q) => !/must be (a calendar month, quarter or year|the last day of a month or today)/.test(q.error ?? ''))).toEqual([]);
  });

  it('models every figure it reads as the API computes it (each published figure holds on the true cells), with primary suppression alone and with the publication', () => {
    // Both publications hold the same figures of the same grid: only their rules differ.
    expect(primaryOnly.facts.length).toBeGreaterThan(300);
    expect(linked.facts.length).toBe(primaryOnly.facts.length);
    expect(primaryOnly.mismatches).toEqual([]);
    expect(linked.mismatches).toEqual([]);
  });

  // The audit has teeth: on the grid the job chose, with primary suppression only (every figure of
  // 1 to 10 hidden, as ADR 0022 did per query, but no audited secondary suppression), the same
  // questions let hidden counts be recomputed.
  it('finds, under primary suppression alone on the same grid, small counts that a STEERING user recomputes by combining queries', () => {
    console.log(`Disclosure audit, primary suppression only (every exposure in ${ARTIFACT}):\n${JSON.stringify(primaryOnly.summary, null, 2)}\n\n${primaryOnly.examples.map(explain).join('\n\n')}`);
    expect(primaryOnly.exposed.length).toBeGreaterThan(0);
    expect(primaryOnly.exposed.some((e) => e.lower === e.upper)).toBe(true);
  });

  it('lets, once the Département’s publication is computed, no count from 1 to 10 be narrowed below ±PROTECTION by any combination of published figures', () => {
    console.log(`${publicationLog}\nDisclosure audit, linked publication:\n${JSON.stringify(linked.summary, null, 2)}`);
    // Something is published, hidden and audited: the Département's figures by quarter, each territory's by year.
    expect(publicationLog).toMatch(/\[publication\] 25 as of .*: « Département par /);
    expect(linked.summary.shown).toBeGreaterThan(100);
    expect(Object.values(linked.summary.families).reduce((n, f) => n + f.audited, 0)).toBeGreaterThan(300);
    expect(linked.exposed.map((e) => `${e.target} = ${e.truth} ∈ [${e.lower}, ${e.upper}]`)).toEqual([]);
  });

  // Operators as insiders: each knows its own people, so it can take them out of every figure.
  it('finds, under primary suppression alone, small counts of other operators that an operator recomputes from its own people and the published figures', () => {
    console.log(`Insiders, primary suppression only:\n${JSON.stringify(primaryOnlyInsiders.map((r) => ({ ...r, exposed: r.exposed.length, examples: r.exposed.slice(0, 3) })), null, 2)}`);
    expect(primaryOnlyInsiders.map((r) => r.operator)).toEqual(['Opérateur 1', 'Opérateur 2']);
    expect(primaryOnlyInsiders.every((r) => r.exposed.length > 0)).toBe(true);
  });

  it('lets no operator, knowing its own people, narrow any other small count below ±PROTECTION once the publication is computed', () => {
    console.log(`Insiders, linked publication:\n${JSON.stringify(linkedInsiders.map((r) => ({ ...r, exposed: r.exposed.length, examples: r.exposed.slice(0, 3) })), null, 2)}`);
    expect(linkedInsiders.length).toBe(2);
    for (const r of linkedInsiders) {
      expect(r.audited).toBeGreaterThan(100);
      expect({ operator: r.operator, exposed: r.exposed }).toEqual({ operator: r.operator, exposed: [] });
    }
  });
});
