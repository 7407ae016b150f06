import { loadScalePopulation } from '@passerelles/beneficiaries/population';
import pg from 'pg';
import type { BenchContext, Scenario } from '../harness.js';

const PERIOD = { from: '2024-11-16', to: '2026-11-15' };
const COUNT = '{ value suppressed }';
const FIELDS: Record<string, string> = {
  peopleWelcomed: `peopleWelcomed ${COUNT}`,
  activeCaseload: `activeCaseload ${COUNT}`,
  durationDays: `durationDays { mean median counted ${COUNT} }`,
  exitsByReason: `exitsByReason { reason count ${COUNT} } exitsTotal ${COUNT} stabilisations ${COUNT} pathEvolutions ${COUNT}`,
  psychologicalDifficulties: `psychologicalDifficulties { difficulty count ${COUNT} }`,
  delayToFirstInterview: `delayToFirstInterview { meanDays medianDays shareUnder30Days counted ${COUNT} }`,
  appointmentAdherence: `appointmentAdherence { honoured ${COUNT} closed ${COUNT} leftOpen ${COUNT} rate }`,
  monthly: `monthly { month peopleWelcomed ${COUNT} activeCaseload ${COUNT} exits ${COUNT} }`,
};
const query = (fields: string): string => `query ($period: PeriodInput!) { indicators(period: $period) { ${fields} } }`;

let loaded: Promise<void> | null = null;

/**
 * Loads Pas-de-Calais at real scale (52 700 synthetic people over two years, COPY) on top of the
 * demo, once per bench run, and prints how long it took (the figure recorded in docs/benchmarks.md).
 */
function ensurePopulation(ctx: BenchContext): Promise<void> {
  loaded ??= (async () => {
    const client = new pg.Client({ connectionString: ctx.databaseUrl });
    await client.connect();
    try {
      const load = await loadScalePopulation(client, { departmentCode: '62' });
      console.log(
        `[bench] Pas-de-Calais population loaded: ${load.people} people, ${load.accompaniments} accompaniments, ${load.appointments} appointments, ${load.referrals} referrals — generated in ${load.generateMs} ms, COPY + analyze in ${load.copyMs} ms, ${load.totalMs} ms in all`,
      );
    } finally {
      await client.end();
    }
  })();
  return loaded;
}

async function verify(ctx: BenchContext): Promise<void> {
  await ensurePopulation(ctx);
  const result = (await ctx.graphql(query(FIELDS.peopleWelcomed!), { period: PERIOD })) as { data?: { indicators: { peopleWelcomed: { value: number } } }; errors?: unknown };
  const [direct] = (await ctx.query(
    `select count(distinct beneficiary_id)::int as n from beneficiaries.accompaniment where department_code = '62' and started_on between $1 and $2`,
    [PERIOD.from, PERIOD.to],
  )) as { n: number }[];
  if (result.data?.indicators.peopleWelcomed.value !== direct!.n) throw new Error(`indicators disagree with SQL: ${JSON.stringify(result)} vs ${direct!.n}`);
}

/** Each steering indicator for the whole Département over two years, then all of them in one query, through the gateway. */
export const beneficiariesIndicators: Scenario[] = [
  ...Object.entries(FIELDS).map(
    ([name, fields]): Scenario => ({
      name: `indicators ${name} (62, 52 700 people, 2 years), gateway`,
      description: `indicators(period: 2 years) { ${name} } for the whole of Pas-de-Calais at real scale, as an administrator`,
      run: (ctx) => ctx.graphql(query(fields), { period: PERIOD }),
      verify,
    }),
  ),
  {
    name: 'indicators, all fields (62, 52 700 people, 2 years), gateway',
    description: 'every indicator of the dashboard in one query',
    run: (ctx) => ctx.graphql(query(Object.values(FIELDS).join(' ')), { period: PERIOD }),
    verify,
  },
];
