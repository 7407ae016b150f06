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
