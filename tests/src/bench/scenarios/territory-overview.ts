import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { BenchContext, Scenario } from '../harness.js';

const QUERY = `{ territories { id activeBeneficiaries placesContracted partnerCount fundingCommitted } }`;

/** The same five figures per territory, straight from the database in one SQL statement. */
const SQL = `
with t as (select id from ref.territory where department_code = $1),
active as (
  select territory_id, count(distinct beneficiary_id)::int as n from beneficiaries.accompaniment
   where department_code = $1 and started_on is not null and ended_on is null group by territory_id),
places as (
  select ct.territory_id, ct.convention_id, ct.places as tp, c.places as cp from contracts.convention_territory ct
    join contracts.convention c on c.id = ct.convention_id
   where ct.department_code = $1 and c.starts_on <= current_date and c.ends_on >= current_date),
partners as (
  select tc.territory_id, count(*)::int as n from partners.partner p
    join ref.territory_commune tc on tc.commune_code = p.commune_code and tc.department_code = p.department_code
   where p.department_code = $1 group by tc.territory_id),
money as (
  select pl.territory_id, sum(round(f.amount_cents::numeric * pl.tp / pl.cp))::bigint as cents
    from places pl join funding.funding_commitment f on f.convention_id = pl.convention_id and f.department_code = $1
   group by pl.territory_id)
select t.id,
       coalesce(a.n, 0) as "activeBeneficiaries",
       coalesce((select sum(tp)::int from places p where p.territory_id = t.id), 0) as "placesContracted",
       coalesce(pa.n, 0) as "partnerCount",
       coalesce(m.cents, 0)::float8 as "fundingCommitted"
  from t left join active a on a.territory_id = t.id left join partners pa on pa.territory_id = t.id left join money m on m.territory_id = t.id
 order by (select name from ref.territory where id = t.id)`;

/**
 * Federation's overhead: the cross-subgraph territory query through the gateway (four subgraphs,
 * a `@requires` hop) against the same values computed by one SQL statement on the same data.
 */
export const territoryOverview: Scenario = {
  name: 'territory overview (62), gateway',
  description: 'territories(department: "62") with one figure from each of the four subgraphs, through the gateway',
  run: (ctx: BenchContext) => ctx.graphql(QUERY),
  baseline: { name: 'same figures, direct SQL', run: (ctx: BenchContext) => ctx.query(SQL, ['62']) },
  async verify(ctx) {
    const viaGateway = ((await ctx.graphql(QUERY)) as { data: { territories: unknown[] } }).data.territories;
    const direct = await ctx.query(SQL, ['62']);
    if (!isDeepStrictEqual(viaGateway, direct)) {
      throw new Error(`The gateway and SQL disagree:\n${JSON.stringify(viaGateway)}\n${JSON.stringify(direct)}`);
    }
  },
};

const PERIOD = { from: '2025-01-01', to: '2025-12-31' };

/** Issue 15, goal 2: the whole territory overview of the dashboard's pages, with the figure that takes a period. */
const FULL_QUERY = `query Overview($period: PeriodInput!) {
  territories { id activeBeneficiaries placesContracted partnerCount fundingCommitted peopleOriented(period: $period) { value } }
}`;

/** The same six figures in one SQL statement: the one above, plus the people oriented in the period per territory. */
const FULL_SQL = `
with overview as (${SQL}),
oriented as (
  select territory_id, count(distinct beneficiary_id)::int as n from beneficiaries.accompaniment
   where department_code = $1 and started_on between $2::date and $3::date group by territory_id)
select o.*, json_build_object('value', coalesce(r.n, 0)) as "peopleOriented"
  from overview o left join oriented r on r.territory_id = o.id
 order by (select name from ref.territory where id = o.id)`;

/**
 * Issue 15, goal 2 (≤ 3× the one-statement SQL): the territory overview as the dashboard and the
 * throughput scenarios ask it — a figure from each of the four subgraphs and one that depends on a
 * period — against one SQL statement on the same data, as the Pas-de-Calais administrator (exact counts).
 */
export const territoryOverviewWithPeriod: Scenario = {
  name: 'territory overview with peopleOriented (62), gateway',
  description: 'territories(department: "62") with one figure from each of the four subgraphs and peopleOriented(period), through the gateway',
  run: (ctx: BenchContext) => ctx.graphql(FULL_QUERY, { period: PERIOD }),
  baseline: { name: 'same figures, one SQL statement', run: (ctx: BenchContext) => ctx.query(FULL_SQL, ['62', PERIOD.from, PERIOD.to]) },
  async verify(ctx) {
    const viaGateway = ((await ctx.graphql(FULL_QUERY, { period: PERIOD })) as { data: { territories: unknown[] } }).data.territories;
    const direct = await ctx.query(FULL_SQL, ['62', PERIOD.from, PERIOD.to]);
    if (!isDeepStrictEqual(viaGateway, direct)) {
      throw new Error(`The gateway and SQL disagree:\n${JSON.stringify(viaGateway)}\n${JSON.stringify(direct)}`);
    }
  },
};

/**
 * What the overview's time is made of: the same gateway asked for nothing from a subgraph
 * (`{ __typename }`: the HTTP request, session, limits and planning), then for the first stage
 * alone (`territories { id }`, partners only); the overview adds the second stage (beneficiaries,
 * contracts and funding in parallel). Their baselines are the smallest SQL round trips alike.
 */
export const overviewParts: Scenario[] = [
  {
    name: 'territory overview part: gateway alone, { __typename }',
    description: 'the gateway with no subgraph fetch: HTTP, session, limits, parsing and planning',
    run: (ctx: BenchContext) => ctx.graphql('{ __typename }'),
    baseline: { name: 'select 1', run: (ctx: BenchContext) => ctx.query('select 1') },
  },
  {
    name: 'territory overview part: first stage alone, territories { id } (62)',
    description: 'the gateway and one fetch to partners: the overview without its second stage',
    run: (ctx: BenchContext) => ctx.graphql('{ territories { id } }'),
    baseline: { name: 'territory ids, direct SQL', run: (ctx: BenchContext) => ctx.query('select id from ref.territory where department_code = $1 order by name', ['62']) },
  },
  // The first stage and one fetch of the second: each subgraph's share of the second stage.
  ...(['activeBeneficiaries', 'placesContracted', 'fundingCommitted'] as const).map(
    (field): Scenario => ({
      name: `territory overview part: first stage and ${field} (62)`,
      description: `territories { id ${field} }: partners, then one subgraph`,
      run: (ctx: BenchContext) => ctx.graphql(`{ territories { id ${field} } }`),
    }),
  ),
];

/** CPU time (user + system, ms) of a Linux process so far, from /proc (100 ticks a second). */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** Every process serving the overview: the gateway, the subgraphs, and PostgreSQL's backends of this database. */
async function servingProcesses(ctx: BenchContext): Promise<{ name: string; pid: number }[]> {
  const backends = (await ctx.query('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')) as { pid: number }[];
  return [
    ...ctx.system.services.filter((s) => s.name !== 'dashboard' && s.child.pid !== undefined).map((s) => ({ name: s.name, pid: s.child.pid! })),
    ...backends.map((b) => ({ name: 'postgres', pid: b.pid })),
  ];
}

const CPU_BATCH = 20;

/** CPU per overview by process over `count` overviews, in ms. */
async function cpuPerOverview(ctx: BenchContext, count: number): Promise<Map<string, number>> {
  const processes = await servingProcesses(ctx);
  const before = processes.map((p) => cpuMsOf(p.pid));
  for (let i = 0; i < count; i++) await ctx.graphql(FULL_QUERY, { period: PERIOD });
  const byName = new Map<string, number>();
  processes.forEach((p, i) => byName.set(p.name, (byName.get(p.name) ?? 0) + (cpuMsOf(p.pid) - before[i]!) / count));
  return byName;
}

/**
 * The same overview measured in CPU rather than wall-clock time (less sensitive to what else the
 * machine runs): each timed run sends 20 overviews and reports the CPU time all the serving
 * processes spent per overview; before timing, 400 overviews print the split by process.
 */
export const territoryOverviewCpu: Scenario = {
  name: 'territory overview with peopleOriented (62), CPU per request, all processes',
  description: 'CPU time (ms) of the gateway, the four subgraphs and PostgreSQL per overview; self-measured',
  async run(ctx: BenchContext) {
    const split = await cpuPerOverview(ctx, CPU_BATCH);
    return { measuredMs: [...split.values()].reduce((sum, ms) => sum + ms, 0) };
  },
  async verify(ctx) {
    const split = await cpuPerOverview(ctx, 400);
    const total = [...split.values()].reduce((sum, ms) => sum + ms, 0);
    console.log(`CPU per overview (ms, over 400): ${[...split].map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')}; total ${total.toFixed(2)}`);
  },
};
