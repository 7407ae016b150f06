import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@passerelles/db';
import { closedThrough, todayIso } from '@passerelles/subgraph-kit';
import { lastDayOf, latestClosed } from '../../support/publication.js';
import type { BenchContext, Scenario } from '../harness.js';
import { ensurePopulation, ensurePublication, populationLabel } from './beneficiaries-indicators.js';

/** The Pilotage page's operations, read from the dashboard's documents (the page sends them all at once). */
const documentsDir = join(repoRoot, 'dashboard', 'src', 'routes', 'pilotage');
const documents = readdirSync(documentsDir)
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => ({ file: f, query: readFileSync(join(documentsDir, f), 'utf8') }));

/** The page's default filters: every territory, programme and operator, this year up to the demo's day. */
const SCOPE = { territoryId: null, programmeId: null, operatorId: null };
const PERIOD = { from: '2026-01-01', to: '2026-11-15' };

/**
 * The variables the page sends with each operation (dashboard/src/lib/server/pilotage.ts
 * `loadPilotage`), for a period; the administrator and the committee both read the conventions' money.
 */
function variablesOf(query: string, period: { from: string; to: string } = PERIOD): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  if (query.includes('$period')) variables.period = period;
  if (query.includes('ContractIndicatorScopeInput')) variables.scope = { territoryId: null, operatorId: null };
  else if (query.includes('$scope')) variables.scope = SCOPE;
  if (query.includes('$money')) variables.money = true;
  return variables;
}

/** `docs` sent at once as the Pas-de-Calais administrator, with the page's default filters; every one must answer. */
function asAdministrator(docs: typeof documents, name: () => string, description: string): Scenario {
  const runAll = (ctx: BenchContext): Promise<unknown[]> => Promise.all(docs.map((d) => ctx.graphql(d.query, variablesOf(d.query))));
  return {
    get name() {
      return name();
    },
    description,
    async verify(ctx) {
      await ensurePopulation(ctx);
      const answers = (await runAll(ctx)) as { data?: unknown; errors?: unknown[] }[];
      answers.forEach((a, i) => {
        if (a.errors?.length || !a.data) throw new Error(`${docs[i]!.file}: ${JSON.stringify(a.errors ?? a)}`);
      });
    },
    run: runAll,
  };
}

/** The whole Pilotage page's queries, concurrently through the gateway, on the scale population. */
export const pilotageQueries = asAdministrator(
  documents,
  () => `Pilotage page's ${documents.length} queries, concurrently (${populationLabel()}), gateway`,
  "every operation of dashboard/src/routes/pilotage/*.graphql at once (the page's default filters: this year), as the Pas-de-Calais administrator",
);

/**
 * The operations the page sends to an administrator with its default filters (`loadPilotage`):
 * not the publication (exact figures: `loadPublication` does not ask it), and not the CER per
 * territory apart (no territory chosen: the CER panel's rows per territory serve the comparison).
 */
const adminRequests = documents.filter((d) => d.file !== 'publication.graphql' && d.file !== 'comparaison-contrats.graphql');

/** The Pilotage page's queries as the administrator's page sends them, concurrently, on the scale population. */
export const pilotageQueriesAsAdmin = asAdministrator(
  adminRequests,
  () => `Pilotage page's ${adminRequests.length} queries as the administrator's page sends them, concurrently (${populationLabel()}), gateway`,
  "the operations dashboard/src/lib/server/pilotage.ts sends to admin.62 with the page's default filters (this year), at once",
);

/**
 * The operations the page sends to a steering account (no exact counts) for a period of the grid,
 * with the variables it sends them (`loadPilotage`): the CER per territory never (exact callers
 * only); the CER cards, the statistics that are not linked counts and the legal delays only over a
 * closed calendar year.
 */
function steeringRequests(period: { from: string; to: string }, closedYear: boolean): { file: string; query: string; variables: Record<string, unknown> }[] {
  return documents
    .filter((d) => d.file !== 'comparaison-contrats.graphql' && (closedYear || (d.file !== 'contrats.graphql' && d.file !== 'delais.graphql')))
    .map((d) => ({ ...d, variables: { ...variablesOf(d.query, period), ...(d.query.includes('$statistics') ? { statistics: closedYear } : {}) } }));
}

/** A dashboard grid period (`2026-T3`, `2025`) as dates. */
function datesOf(period: string): { from: string; to: string } {
  const to = lastDayOf(period);
  const from = period.includes('-T') ? `${period.slice(0, 4)}-${String(3 * Number(period.slice(6)) - 2).padStart(2, '0')}-01` : `${period}-01-01`;
  return { from, to };
}

/**
 * A steering account's periods on the bench's day: the page's default for the demo's grid (the
 * latest closed quarter, the finest period it publishes for the Département) and the last closed
 * year, which the committee asks for its annual figures.
 */
const through = closedThrough(todayIso());
const STEERING_PERIODS = [
  { label: `default period, ${latestClosed('QUARTER', through)}`, period: datesOf(latestClosed('QUARTER', through)), closedYear: false },
  { label: `year ${latestClosed('YEAR', through)}, with the statistics`, period: datesOf(latestClosed('YEAR', through)), closedYear: true },
];

/**
 * The whole Pilotage page's queries as the demo steering account (pilotage.62) sends them once the
 * Département's publication is stored (ADR 0023): the page's default period, and the closed year a
 * committee asks for its annual figures (every panel, the statistics computed in SQL).
 */
export const pilotageQueriesAsSteering: Scenario[] = STEERING_PERIODS.map(({ label, period, closedYear }) => {
  const requests = steeringRequests(period, closedYear);
  const runAll = (ctx: BenchContext): Promise<unknown[]> => Promise.all(requests.map((r) => ctx.graphqlAsSteering(r.query, r.variables)));
  return {
    get name() {
      return `Pilotage page's ${requests.length} queries as steering, ${label}, concurrently (${populationLabel()}), gateway`;
    },
    description: `the operations dashboard/src/lib/server/pilotage.ts sends to pilotage.62 for ${period.from} → ${period.to}, at once, after the publication job`,
    async verify(ctx) {
      await ensurePublication(ctx);
      const answers = (await runAll(ctx)) as { data?: Record<string, unknown>; errors?: unknown[] }[];
      answers.forEach((a, i) => {
        if (a.errors?.length || !a.data) throw new Error(`${requests[i]!.file}: ${JSON.stringify(a.errors ?? a)}`);
      });
      const indicators = answers[requests.findIndex((r) => r.file === 'indicateurs.graphql')]!.data!.indicators as { peopleWelcomed: { value: number | null } };
      if (indicators.peopleWelcomed.value === null) throw new Error(`the Département's figure for ${period.from} → ${period.to} is not published to steering`);
    },
    run: runAll,
  };
});

/** Each of those operations alone, as steering over the last closed year: which panel the page waits for. */
export const pilotageQueryAloneAsSteering: Scenario[] = steeringRequests(STEERING_PERIODS[1]!.period, true).map((r) => ({
  get name() {
    return `Pilotage query ${r.file} alone as steering, ${STEERING_PERIODS[1]!.label.split(',')[0]} (${populationLabel()}), gateway`;
  },
  description: `${r.file} with the variables the page sends for the last closed year, once the publication job has run`,
  verify: ensurePublication,
  run: (ctx) => ctx.graphqlAsSteering(r.query, r.variables),
}));
