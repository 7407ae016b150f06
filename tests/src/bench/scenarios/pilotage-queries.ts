import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@passerelles/db';
import type { BenchContext, Scenario } from '../harness.js';
import { ensurePopulation, populationLabel } from './beneficiaries-indicators.js';

/** The Pilotage page's operations, read from the dashboard's documents (the page sends them all at once). */
const documentsDir = join(repoRoot, 'dashboard', 'src', 'routes', 'pilotage');
const documents = readdirSync(documentsDir)
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => ({ file: f, query: readFileSync(join(documentsDir, f), 'utf8') }));

/** The page's default filters: every territory, programme and operator, this year up to the demo's day. */
const SCOPE = { territoryId: null, programmeId: null, operatorId: null };
const PERIOD = { from: '2026-01-01', to: '2026-11-15' };

/** The variables the page sends with each operation (dashboard/src/lib/server/pilotage.ts `loadPilotage`). */
function variablesOf(query: string): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  if (query.includes('$period')) variables.period = PERIOD;
  if (query.includes('ContractIndicatorScopeInput')) variables.scope = { territoryId: null, operatorId: null };
  else if (query.includes('$scope')) variables.scope = SCOPE;
  return variables;
}

const runAll = (ctx: BenchContext): Promise<unknown[]> => Promise.all(documents.map((d) => ctx.graphql(d.query, variablesOf(d.query))));

/** The whole Pilotage page's queries, concurrently through the gateway as the page sends them, on the scale population. */
export const pilotageQueries: Scenario = {
  get name() {
    return `Pilotage page's ${documents.length} queries, concurrently (${populationLabel()}), gateway`;
  },
  description: "every operation of dashboard/src/routes/pilotage/*.graphql at once (the page's default filters: this year), as the Pas-de-Calais administrator",
  async verify(ctx) {
    await ensurePopulation(ctx);
    const answers = (await runAll(ctx)) as { data?: unknown; errors?: unknown[] }[];
    answers.forEach((a, i) => {
      if (a.errors?.length || !a.data) throw new Error(`${documents[i]!.file}: ${JSON.stringify(a.errors ?? a)}`);
    });
  },
  run: runAll,
};
