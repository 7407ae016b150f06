import type { BenchContext, Scenario } from '../harness.js';

const OVERVIEW = '{ fundingOverview(budgetYear: 2025) { conventionCount committedCents paidCents } }';

/** The same totals from the tables in one SQL statement. */
const SQL = `
with c as (select distinct convention_id from funding.funding_commitment where department_code = $1 and budget_year = 2025)
select (select count(*) from c)::int as "conventionCount",
       (select coalesce(sum(f.amount_cents), 0) from funding.funding_commitment f join c using (convention_id) where f.department_code = $1)::float8 as "committedCents",
       (select coalesce(sum(p.amount_cents), 0) from funding.payment p join c using (convention_id) where p.department_code = $1 and p.status = 'PAID')::float8 as "paidCents"`;

const CONVENTIONS = `{ conventions(filter: { inForceOn: "2025-10-01" }, first: 20) {
  nodes { name places operator { name } activeCaseload funding { committedCents paidCents balanceDueCents } unitCosts { perPlaceContractedCents perPlaceFilledCents perPersonAccompaniedCents } caseloadAlert { kind } }
} }`;

/** Funding overview of the Pas-de-Calais through the gateway, against the same totals in SQL. */
export const moneyOverview: Scenario = {
  name: 'funding overview (62), gateway',
  description: 'fundingOverview(budgetYear: 2025): per-convention totals in one statement, balance rule applied, summed',
  run: (ctx: BenchContext) => ctx.graphql(OVERVIEW),
  baseline: { name: 'same totals, direct SQL', run: (ctx: BenchContext) => ctx.query(SQL, ['62']) },
  async verify(ctx) {
    const viaGateway = ((await ctx.graphql(OVERVIEW)) as { data: { fundingOverview: unknown } }).data.fundingOverview;
    const [direct] = await ctx.query(SQL, ['62']);
    if (JSON.stringify(viaGateway) !== JSON.stringify(direct)) throw new Error(`The gateway and SQL disagree:\n${JSON.stringify(viaGateway)}\n${JSON.stringify(direct)}`);
  },
};

/** A page of conventions joined across the four subgraphs, with unit costs (`@requires` from contracts and beneficiaries). */
export const moneyConventions: Scenario = {
  name: 'conventions with money and caseload (62), gateway',
  description: 'conventions in force: operator (partners), active caseload (beneficiaries), funding and unit costs (funding), caseload alert (contracts)',
  run: (ctx: BenchContext) => ctx.graphql(CONVENTIONS),
  async verify(ctx) {
    const result = (await ctx.graphql(CONVENTIONS)) as { data?: { conventions: { nodes: unknown[] } }; errors?: unknown[] };
    if (result.errors || result.data?.conventions.nodes.length !== 9) throw new Error(`Unexpected answer: ${JSON.stringify(result).slice(0, 500)}`);
  },
};
