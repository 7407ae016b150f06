import type { Fact, Terms } from './audit.js';
import { addDays, TERRITORIES, type CellModel, type ExitReason, type Period, type Scope } from './population.js';

/**
 * What a STEERING user can read about the people of the synthetic population, asked through the
 * gateway on a grid of scopes × periods, and turned into facts for the audit: each published
 * figure is a sum of cells (CellModel) with an exact value, or — when suppressed — the interval
 * its rule leaves (subgraphs/kit/src/suppression.ts, read as an attacker would): PRIMARY « < 11 »
 * is 1 to 10; SECONDARY « secret secondaire » is 11 or more (a hidden count of 1 to 10 is always
 * said PRIMARY, whatever hid it, and 0 is never hidden); NOT_PUBLISHED says nothing (no fact).
 */
const BOUNDS: Record<string, Bounds> = { PRIMARY: { lower: 1, upper: 10 }, SECONDARY: { lower: 11, upper: Infinity } };

type Bounds = { lower: number; upper: number };
type Value = { value: number | null; rule?: string | null } | null | undefined;

/** The year the grid covers: complete, in the past, so every period of it is settled. */
export const YEAR = '2025';
const MONTHS = Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`);
const lastDayOf = (month: string): string => addDays(`${month === MONTHS[11] ? `${Number(YEAR) + 1}-01` : MONTHS[MONTHS.indexOf(month) + 1]}-01`, -1);

/**
 * The periods asked: the publication grid the API allows a STEERING user (ADR 0023) — calendar
 * months, quarters and the year.
 */
export function periodGrid(): Period[] {
  const months = MONTHS.map((m) => ({ from: `${m}-01`, to: lastDayOf(m) }));
  const quarters = [0, 3, 6, 9].map((i) => ({ from: months[i]!.from, to: months[i + 2]!.to }));
  const year = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
  return [...months, ...quarters, year];
}

/**
 * Periods the dashboard's free dates used to allow, off the grid: the year-to-dates that are not a
 * quarter (they differ by one month), the year minus its last day, a half-year minus 3 days, a month minus its first 3
 * days. The API must refuse them to a STEERING user.
 */
export function offGridPeriods(): Period[] {
  const year = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
  return [
    // January–March is the first quarter, on the grid.
    ...MONTHS.slice(1, 11)
      .filter((m) => m !== MONTHS[2])
      .map((m) => ({ from: year.from, to: lastDayOf(m) })),
    { from: year.from, to: `${YEAR}-12-30` },
    { from: year.from, to: `${YEAR}-06-27` },
    { from: `${YEAR}-03-04`, to: `${YEAR}-03-31` },
  ];
}

/** The days that cut the grid into bins: every period's first day and the day after its last. */
export const gridDays = (periods: readonly Period[]): string[] => periods.flatMap((p) => [p.from, addDays(p.to, 1)]);

/** One aliased field of a document, and how its answer becomes facts. */
interface Ask {
  field: string;
  selection: string;
  /** Null for a figure « non publié à ce niveau ». */
  facts(data: unknown): (Fact | null)[];
}

const gqlString = (value: string): string => JSON.stringify(value);
const gqlPeriod = (p: Period): string => `{from: ${gqlString(p.from)}, to: ${gqlString(p.to)}}`;
const gqlScope = (scope: Scope): string =>
  `{${Object.entries(scope)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}: ${gqlString(v as string)}`)
    .join(', ')}}`;

const INDICATORS = `{ peopleWelcomed { value rule } peopleAccompanied { value rule } activeCaseload { value rule } exitsTotal { value rule }
  exitsByReason { reason count { value rule } } monthly { month peopleWelcomed { value rule } activeCaseload { value rule } exits { value rule } } }`;
const BY_TERRITORY = `{ territoryId peopleWelcomed { value rule } peopleAccompanied { value rule } activeCaseload { value rule } exitsTotal { value rule } exitsByReason { reason count { value rule } } }`;
const CASELOAD = '{ caseload { value rule } }';

interface IndicatorsAnswer {
  peopleWelcomed: Value;
  peopleAccompanied: Value;
  activeCaseload: Value;
  exitsTotal: Value;
  exitsByReason: { reason: ExitReason; count: Value }[];
  monthly: { month: string; peopleWelcomed: Value; activeCaseload: Value; exits: Value }[];
}
interface TerritoryAnswer extends Omit<IndicatorsAnswer, 'monthly'> {
  territoryId: string;
}

/** Sends GraphQL documents as the attacker; returns `data` (errors throw). */
export type Send = (query: string) => Promise<Record<string, unknown>>;

/**
 * Builds the questions of the grid: every scope the filters allow (the Département, each
 * territory, programme, operator and each of their combinations) × every period, for `indicators`;
 * every programme × operator scope × period for `indicatorsByTerritory`; the territories' own
 * figures per period; each convention's caseload on each day the periods end, today, and its
 * people accompanied; and the same caseloads per territory through `conventionIndicators`.
 */
export function gridQuestions(model: CellModel, periods: readonly Period[]): Ask[] {
  const { programmes, operators, conventions } = model.population;
  const optional = <T>(values: readonly T[]): (T | undefined)[] => [undefined, ...values];
  const scopes: Scope[] = optional(TERRITORIES).flatMap((territoryId) =>
    optional(programmes).flatMap((p) => optional(operators).map((o) => ({ territoryId, programmeId: p?.id, operatorId: o?.id }))),
  );
  const describe = (scope: Scope): string => {
    const parts = [scope.territoryId, scope.programmeId && model.nameOf(scope.programmeId), scope.operatorId && model.nameOf(scope.operatorId)].filter(Boolean);
    return parts.length ? parts.join(' × ') : 'Département';
  };
  const period = (p: Period): string => `${p.from}..${p.to}`;
  const fact = (source: string, terms: Terms, value: Value): Fact | null => {
    if (value === null || value === undefined) throw new Error(`${source}: no answer.`);
    if (value.value !== null) return { source, terms, lower: value.value, upper: value.value };
    if (value.rule === 'NOT_PUBLISHED') return null;
    const bounds = BOUNDS[value.rule ?? ''];
    if (!bounds) throw new Error(`${source}: hidden without a rule (${JSON.stringify(value)}).`);
    return { source, terms, ...bounds };
  };
  /** The five counts `indicators` and `indicatorsByTerritory` share. */
  const counts = (at: string, scope: Scope, p: Period, a: Omit<IndicatorsAnswer, 'monthly'>): (Fact | null)[] => [
    fact(`${at}.peopleWelcomed`, model.welcomed(scope, p), a.peopleWelcomed),
    fact(`${at}.peopleAccompanied`, model.accompanied(scope, p), a.peopleAccompanied),
    fact(`${at}.activeCaseload`, model.activeAt(scope, p.to), a.activeCaseload),
    fact(`${at}.exitsTotal`, model.exits(scope, p), a.exitsTotal),
    ...a.exitsByReason.map((e) => fact(`${at}.exitsByReason[${e.reason}]`, model.exits(scope, p, e.reason), e.count)),
  ];
  const asks: Ask[] = [];

  for (const scope of scopes) {
    for (const p of periods) {
      const at = `indicators(${describe(scope)}, ${period(p)})`;
      asks.push({
        field: `indicators(${Object.values(scope).some(Boolean) ? `scope: ${gqlScope(scope)}, ` : ''}period: ${gqlPeriod(p)})`,
        selection: INDICATORS,
        facts: (data) => {
          const a = data as IndicatorsAnswer;
          return [
            ...counts(at, scope, p, a),
            ...a.monthly.flatMap((m) => {
              const month = { from: m.month === p.from.slice(0, 7) ? p.from : `${m.month}-01`, to: lastDayOf(m.month) < p.to ? lastDayOf(m.month) : p.to };
              return [
                fact(`${at}.monthly[${m.month}].peopleWelcomed`, model.welcomed(scope, month), m.peopleWelcomed),
                fact(`${at}.monthly[${m.month}].activeCaseload`, model.activeAt(scope, month.to), m.activeCaseload),
                fact(`${at}.monthly[${m.month}].exits`, model.exits(scope, month), m.exits),
              ];
            }),
          ];
        },
      });
    }
  }

  for (const scope of scopes.filter((s) => !s.territoryId)) {
    for (const p of periods) {
      const at = `indicatorsByTerritory(${describe(scope)}, ${period(p)})`;
      asks.push({
        field: `indicatorsByTerritory(${Object.values(scope).some(Boolean) ? `scope: ${gqlScope(scope)}, ` : ''}period: ${gqlPeriod(p)})`,
        selection: BY_TERRITORY,
        facts: (data) => (data as TerritoryAnswer[]).flatMap((row) => counts(`${at}[${row.territoryId}]`, { ...scope, territoryId: row.territoryId }, p, row)),
      });
    }
  }

  asks.push({
    field: 'territories',
    selection: '{ id activeCaseload { value rule } }',
    facts: (data) =>
      (data as { id: string; activeCaseload: Value }[]).map((t) =>
        fact(`Territory(${t.id}).activeCaseload (today)`, model.activeAt({ territoryId: t.id }, model.today), t.activeCaseload),
      ),
  });
  for (const p of periods) {
    asks.push({
      field: 'territories',
      selection: `{ id peopleOriented(period: ${gqlPeriod(p)}) { value rule } exitsByReason(period: ${gqlPeriod(p)}) { reason count { value rule } } }`,
      facts: (data) =>
        (data as { id: string; peopleOriented: Value; exitsByReason: { reason: ExitReason; count: Value }[] }[]).flatMap((t) => [
          fact(`Territory(${t.id}).peopleOriented(${period(p)})`, model.welcomed({ territoryId: t.id }, p), t.peopleOriented),
          ...t.exitsByReason.map((e) => fact(`Territory(${t.id}).exitsByReason(${period(p)})[${e.reason}]`, model.exits({ territoryId: t.id }, p, e.reason), e.count)),
        ]),
    });
  }

  // Conventions (one per programme × operator): their caseload on every day a period ends, and today;
  // per territory, through `conventionIndicators` on every period (its occupancy at the period's end)
  // and on this month so far (today's).
  const days = [...new Set([...periods.map((p) => p.to), model.today])].sort();
  const thisMonth = { from: `${model.today.slice(0, 7)}-01`, to: model.today };
  for (const c of conventions) {
    const scope = { programmeId: c.programmeId, operatorId: c.operatorId };
    const name = `Convention(${model.nameOf(c.programmeId)} × ${model.nameOf(c.operatorId)})`;
    asks.push({
      field: `convention(id: ${gqlString(c.id)})`,
      selection: '{ caseload { value rule } accompanied { value rule } }',
      facts: (data) => {
        const a = data as { caseload: Value; accompanied: Value };
        return [fact(`${name}.caseload (today)`, model.activeAt(scope, model.today), a.caseload), fact(`${name}.accompanied`, model.everStarted(scope), a.accompanied)];
      },
    });
    for (const day of days) {
      asks.push({
        field: `convention(id: ${gqlString(c.id)})`,
        selection: `{ occupancyAt(date: ${gqlString(day)}) ${CASELOAD} }`,
        facts: (data) => [fact(`${name}.occupancyAt(${day}).caseload`, model.activeAt(scope, day), (data as { occupancyAt: { caseload: Value } }).occupancyAt.caseload)],
      });
    }
    for (const p of [...periods, thisMonth]) {
      asks.push({
        field: `conventionIndicators(scope: ${gqlScope(scope)}, period: ${gqlPeriod(p)})`,
        selection: `{ territories { territoryId occupancyAtEnd ${CASELOAD} } }`,
        facts: (data) =>
          (data as { territories: { territoryId: string; occupancyAtEnd: { caseload: Value } }[] }).territories.map((t) =>
            fact(`conventionIndicators(${model.nameOf(c.programmeId)} × ${model.nameOf(c.operatorId)}, ${period(p)})[${t.territoryId}].occupancyAtEnd.caseload`, model.activeAt({ ...scope, territoryId: t.territoryId }, p.to), t.occupancyAtEnd.caseload),
          ),
      });
    }
  }
  return asks;
}

/** Under the gateway's limits on aliases and tokens (gateway/src/gateway.ts). */
const ASKS_PER_DOCUMENT = 6;

/** Asks every question, a few documents at a time; returns the facts and how many requests it took. */
export async function harvest(send: Send, asks: readonly Ask[], concurrency = 4): Promise<{ facts: Fact[]; requests: number }> {
  const documents: Ask[][] = [];
  for (let i = 0; i < asks.length; i += ASKS_PER_DOCUMENT) documents.push(asks.slice(i, i + ASKS_PER_DOCUMENT));
  const facts: Fact[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < documents.length) {
      const document = documents[next++]!;
      const data = await send(`query Grid { ${document.map((a, i) => `a${i}: ${a.field} ${a.selection}`).join('\n')} }`);
      document.forEach((a, i) => facts.push(...a.facts(data[`a${i}`]).filter((f): f is Fact => f !== null)));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { facts, requests: documents.length };
}
