import { ormConfig, demoId } from '@passerelles/db';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@mikro-orm/core';
import { LoaderRegistry } from '@passerelles/subgraph-kit';
import { execute, testCaller, testDatabaseUrl } from '@passerelles/subgraph-kit/test-support';
import { randomUUID } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { useTestIdentityKey } from '../test-support/factories.js';
import { loadScalePopulations } from './population.load.js';

// This file owns Départements 57, 59 and 76 in the shared test database.
const DEPARTMENTS = ['57', '59', '76'];
const DEPARTMENT = '59';
const PERIOD = { from: '2024-11-16', to: '2026-11-15' };
/** The tables that grow with the population: none of them may be read whole for one Département. */
const BIG_TABLES = new Set(['beneficiary', 'accompaniment', 'appointment', 'appointment_tally', 'referral', 'delay_chain']);

let client: pg.Client;
let orm: MikroORM;
let schema: GraphQLSchema;
/** Every statement the subgraph sent, with its parameters inlined as MikroORM sends them. */
const statements: string[] = [];

/** A logger that keeps the statements as executed (parameters inlined: MikroORM formats them before sending). */
const capturing = (): Logger => ({
  log: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  logQuery: (context) => {
    const sql = (context as { formatted?: string }).formatted ?? context.query;
    if (sql) statements.push(sql);
  },
  setDebugMode: () => undefined,
  isEnabled: () => true,
});

beforeAll(async () => {
  useTestIdentityKey();
  client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  // A fresh seed on every run: the shared database may already hold an earlier run's people (ids embed the seed).
  await loadScalePopulations(client, { departments: DEPARTMENTS, size: 3000, seed: Math.floor(Math.random() * 1e9) });
  orm = await MikroORM.init({
    ...ormConfig({ clientUrl: testDatabaseUrl(), schema: beneficiariesSubgraph.schemaName, entities: beneficiariesSubgraph.entities }),
    debug: ['query', 'query-params'],
    loggerFactory: capturing,
  });
  schema = await beneficiariesSubgraph.buildSchema();
}, 120_000);
afterAll(async () => {
  await orm?.close(true);
  await client?.end();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** Each index of the big tables, with its first column and whether it is the primary key. */
async function indexes(): Promise<Map<string, { table: string; first: string; primary: boolean }>> {
  const rows = await client.query<{ index: string; table: string; first: string; primary: boolean }>(
    `select ic.relname as index, tc.relname as table, a.attname as first, i.indisprimary as primary
       from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class tc on tc.oid = i.indrelid
       join pg_namespace n on n.oid = tc.relnamespace join pg_attribute a on a.attrelid = tc.oid and a.attnum = i.indkey[0]
      where n.nspname = 'beneficiaries'`,
  );
  return new Map(rows.rows.map((r) => [r.index, r]));
}

/**
 * How each big table is read by a statement: « Seq Scan », « <index> (no condition) » for a whole
 * index read, or nothing when every read is an index condition on an index that starts with
 * `department_code` (or a primary-key lookup of rows already found that way).
 */
async function badAccesses(sql: string, known: Map<string, { table: string; first: string; primary: boolean }>): Promise<string[]> {
  await client.query('begin');
  try {
    // The test's tables are small, where reading them whole is cheaper: forbid it, so that the plan
    // shows whether an index can serve the statement. The planner still falls back to a Seq Scan
    // when none can — that is what this test catches.
    await client.query('set local enable_seqscan = off');
    const plan = (await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`explain (format json) ${sql}`)).rows[0]!['QUERY PLAN'][0]!.Plan;
    const bad: string[] = [];
    for (const node of nodesOf(plan)) {
      if (node['Relation Name'] && BIG_TABLES.has(node['Relation Name']) && node['Node Type'] === 'Seq Scan') bad.push(`Seq Scan on ${node['Relation Name']}`);
      const index = node['Index Name'] ? known.get(node['Index Name']) : undefined;
      if (!index || !BIG_TABLES.has(index.table)) continue;
      if (!node['Index Cond']) bad.push(`${node['Index Name']} read whole (no index condition)`);
      else if (index.first !== 'department_code' && !index.primary) bad.push(`${node['Index Name']} (first column ${index.first})`);
    }
    return bad;
  } finally {
    await client.query('rollback');
  }
}

const INDICATORS = `query ($p: PeriodInput!, $s: IndicatorScopeInput) { indicators(period: $p, scope: $s) {
  peopleWelcomed { value } peopleAccompanied { value } activeCaseload { value } exitsTotal { value } stabilisations { value } pathEvolutions { value }
  durationDays { mean median counted { value } } exitsByReason { reason count { value } } psychologicalDifficulties { difficulty count { value } }
  delayToFirstInterview { meanDays medianDays shareUnder30Days counted { value } }
  appointmentAdherence { honoured { value } closed { value } leftOpen { value } rate }
  referralDecision { sent { value } answered { value } expired { value } medianDays p90Days }
  monthly { month peopleWelcomed { value } activeCaseload { value } exits { value } }
  delayChain { definitionVersion steps { step counted { value } medianDays p90Days shareWithinTarget } } } }`;
const BY_TERRITORY = `query ($p: PeriodInput!) { indicatorsByTerritory(period: $p) {
  territoryId peopleWelcomed { value } peopleAccompanied { value } activeCaseload { value } exitsTotal { value } stabilisations { value } pathEvolutions { value } } }`;
const CASELOAD = `{ caseload(first: 20) { nodes { id alerts { kind dueOn } } pageInfo { endCursor hasNextPage } totalCount alertCounts { alert people } } }`;
const TERRITORIES = `query ($r: [_Any!]!, $p: PeriodInput!) { _entities(representations: $r) {
  ... on Territory { id activeBeneficiaries peopleOnRsa peopleOriented(period: $p) { value } exitsByReason(period: $p) { reason count { value } } }
  ... on Convention { id activeCaseload } } }`;

describe('synthetic territories', () => {
  it('put every commune of a Département without reference territories in exactly one of 3 to 12 territories', async () => {
    const rows = await client.query<{ communes: number; linked: number; distinct: number; territories: number }>(
      `select count(distinct c.code)::int as communes, count(tc.commune_code)::int as linked, count(distinct tc.commune_code)::int as distinct,
              count(distinct tc.territory_id)::int as territories
         from ref.commune c left join ref.territory_commune tc on tc.commune_code = c.code and tc.territory_id like $2
        where c.department_code = $1`,
      [DEPARTMENT, `${DEPARTMENT}-synthetic-%`],
    );
    const { communes, linked, distinct, territories } = rows.rows[0]!;
    expect(communes).toBeGreaterThan(100);
    expect([linked, distinct]).toEqual([communes, communes]);
    expect(territories).toBeGreaterThanOrEqual(3);
    expect(territories).toBeLessThanOrEqual(12);
  });
});

describe('the heavy statements at scale', () => {
  const admin = testCaller({ role: 'ADMIN', departmentCode: DEPARTMENT });
  /** Runs an operation as the subgraph would (its statements land in `statements`); it must succeed. */
  const run = async (caller: typeof admin, source: string, variables: Record<string, unknown> = {}): Promise<void> => {
    const ctx = { caller, correlationId: randomUUID(), em: orm.em.fork(), loaders: new LoaderRegistry() };
    const { errors } = await execute(schema, ctx, source, variables);
    expect(errors).toEqual([]);
  };

  it('read the big tables of one Département through an index that starts with department_code (EXPLAIN of the statements the subgraph sends)', async () => {
    const territories = (await client.query<{ id: string }>('select id from ref.territory where department_code = $1 order by id', [DEPARTMENT])).rows.map((r) => r.id);
    expect(territories.length).toBeGreaterThanOrEqual(3);
    const steering = testCaller({ role: 'STEERING', departmentCode: DEPARTMENT });
    statements.length = 0;
    await run(admin, INDICATORS, { p: PERIOD });
    await run(admin, INDICATORS, { p: PERIOD, s: { territoryId: territories[0] } });
    await run(steering, INDICATORS, { p: { from: '2026-07-01', to: '2026-09-30' } });
    await run(admin, BY_TERRITORY, { p: PERIOD });
    await run(admin, CASELOAD);
    await run(admin, TERRITORIES, {
      p: PERIOD,
      r: [...territories.map((id) => ({ __typename: 'Territory', id })), { __typename: 'Convention', id: demoId(`synthetic-convention:${territories[0]}`) }],
    });

    const reads = [...new Set(statements)].filter((s) => /^\s*(select|with)\b/i.test(s) && /beneficiaries"?\."?(beneficiary|accompaniment|appointment|appointment_tally|referral|delay_chain)\b/.test(s));
    // The indicators (about 15 statements), by territory, the caseload and the territories' figures.
    expect(reads.length).toBeGreaterThan(15);
    // The legal delays read the stored chains (ADR 0030), which grow with the population too; a
    // whole Département's appointments their tally (ADR 0033), a territory's the appointments.
    expect(reads.filter((s) => /delay_chain/.test(s)).length).toBeGreaterThan(0);
    expect(reads.filter((s) => /appointment_tally/.test(s)).length).toBeGreaterThan(0);
    expect(reads.filter((s) => /beneficiaries"?\."?appointment\b/.test(s)).length).toBeGreaterThan(0);
    const known = await indexes();
    const failures: string[] = [];
    for (const sql of reads) {
      const bad = await badAccesses(sql, known);
      if (bad.length) failures.push(`${bad.join(', ')}\n    in: ${sql.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
  });

  // ADR 0029: at 160 000 people × 5 years, fetching each accompaniment from the table was most of an indicator's time.
  // ADR 0031: « accompanied during the period » reads one range of the accompaniments by the day they stop counting.
  it('read the accompaniments by date, the people with their difficulties and the referrals from the index alone (index-only scans)', async () => {
    statements.length = 0;
    await run(admin, INDICATORS, { p: PERIOD });
    await run(admin, BY_TERRITORY, { p: PERIOD });
    const covering = new Set([
      'accompaniment_department_started_idx',
      'accompaniment_department_ended_idx',
      'accompaniment_department_until_idx',
      'beneficiary_department_difficulties_idx',
      'referral_department_sent_idx',
    ]);
    const reads: string[] = [];
    await client.query('begin');
    try {
      await client.query('set local enable_seqscan = off');
      // Bitmap scans fetch the rows they find: forbid them too, so the planner shows whether the index alone answers.
      await client.query('set local enable_bitmapscan = off');
      for (const sql of new Set(statements)) {
        if (!/^\s*(select|with)\b/i.test(sql)) continue;
        const plan = (await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`explain (format json) ${sql}`)).rows[0]!['QUERY PLAN'][0]!.Plan;
        for (const node of nodesOf(plan)) {
          if (node['Index Name'] && covering.has(node['Index Name'])) reads.push(`${node['Node Type']} using ${node['Index Name']}`);
        }
      }
    } finally {
      await client.query('rollback');
    }
    // The people of the period, durations, delays, exits, the months, difficulties, referrals, by territory: each reads one of them.
    expect(reads.length).toBeGreaterThan(8);
    expect(reads.filter((r) => !r.startsWith('Index Only Scan'))).toEqual([]);
    // Each index is used, but the one by the day accompaniments stop counting (`until`) is not always
    // chosen at this size: the whole Département's accompaniments are few enough to be read through
    // the index of exits, from the index alone as well. At 160 000 people the period's reads use it.
    const used = new Set(reads.map((r) => r.split(' using ')[1]));
    const required = [...covering].filter((index) => index !== 'accompaniment_department_until_idx');
    expect(required.filter((index) => !used.has(index))).toEqual([]);
  });
});
