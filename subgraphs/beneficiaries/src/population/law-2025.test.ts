import type { MikroORM } from '@mikro-orm/postgresql';
import { execute, openTestOrm, testCaller, testContext, testDatabaseUrl } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { useTestIdentityKey } from '../test-support/factories.js';
import { loadScalePopulation, type PopulationLoad } from './population.load.js';

// This file owns Département 79 (Deux-Sèvres) in the shared test database.
const DEPARTMENT = '79';
let orm: MikroORM;
let client: pg.Client;
let schema: GraphQLSchema;
let load: PopulationLoad;

beforeAll(async () => {
  useTestIdentityKey();
  orm = await openTestOrm(beneficiariesSubgraph);
  schema = await beneficiariesSubgraph.buildSchema();
  client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  // A fresh seed on every run: ids embed it, so an earlier run's people never collide.
  load = await loadScalePopulation(client, { departmentCode: DEPARTMENT, size: 3000, seed: Math.floor(Math.random() * 1e9) });
}, 180_000);
afterAll(async () => {
  await client?.end();
  await orm?.close(true);
});

const one = async <T>(sql: string): Promise<T> => (await client.query(sql, [DEPARTMENT])).rows[0] as T;

describe('the synthetic population under the law of 2025 (issue 14)', () => {
  it('orients most people on the three tracks, notified days after the decision', async () => {
    expect(load.orientations).toBeGreaterThan(load.people * 0.8);
    const tracks = (await client.query<{ track: string; n: number }>(
      `select o.track, count(distinct o.beneficiary_id)::int as n from beneficiaries.orientation o join beneficiaries.beneficiary b on b.id = o.beneficiary_id
        where b.department_code = $1 group by o.track order by o.track`,
      [DEPARTMENT],
    )).rows;
    expect(tracks.map((t) => t.track)).toEqual(['PRO', 'SOCIAL', 'SOCIO_PRO']);
    for (const t of tracks) expect(t.n).toBeGreaterThan(load.people * 0.03);
    const late = await one<{ n: number }>(`select count(*)::int as n from beneficiaries.orientation o where o.department_code = $1 and (o.notified_on < o.decided_on or o.notified_on > o.decided_on + 15)`);
    expect(late.n).toBe(0);
  });

  it('signs a contract for nine accompaniments started in ten, in the fortnight after the first interview — contrats d’engagement since 2025', async () => {
    const started = await one<{ n: number }>(`select count(*)::int as n from beneficiaries.accompaniment where department_code = $1 and started_on is not null`);
    expect(load.contractSignatures).toBeGreaterThan(started.n * 0.85);
    expect(load.contractSignatures).toBeLessThanOrEqual(started.n);
    const kinds = await one<{ wrong: number; engagement: number; out: number }>(
      `select count(*) filter (where (cs.kind = 'CONTRAT_ENGAGEMENT') <> (a.started_on >= date '2025-01-01'))::int as wrong,
              count(*) filter (where cs.kind = 'CONTRAT_ENGAGEMENT')::int as engagement,
              count(*) filter (where cs.signed_on < a.started_on or cs.signed_on > a.started_on + 14)::int as out
         from beneficiaries.contract_signature cs join beneficiaries.accompaniment a on a.id = cs.accompaniment_id where cs.department_code = $1`,
    );
    expect(kinds).toMatchObject({ wrong: 0, out: 0 });
    expect(kinds.engagement).toBeGreaterThan(0);
  });

  it('holds suspension-remobilisation procedures within the law’s bounds, a few per thousand accompaniments', async () => {
    expect(load.sanctionProcedures).toBeGreaterThan(0);
    const outside = await one<{ n: number }>(
      `select count(*)::int as n from beneficiaries.sanction_procedure where department_code = $1
          and (breach_on < date '2025-06-01' or (rate is not null and (rate < 30 or rate > 100 or (rate > 50 and household_type <> 'SINGLE'))))`,
    );
    expect(outside.n).toBe(0);
  });

  it('gives every step of the legal delay chain, the contract included, people in 2025', async () => {
    const { data, errors } = await execute<{ indicators: { delayChain: { steps: { step: string; counted: { value: number | null } }[] } } }>(
      schema,
      testContext(orm, testCaller({ departmentCode: DEPARTMENT })),
      `{ indicators(period: { from: "2025-01-01", to: "2025-12-31" }) { delayChain { steps { step counted { value } } } } }`,
    );
    expect(errors).toEqual([]);
    const steps = data!.indicators.delayChain.steps;
    expect(steps.map((s) => s.step)).toEqual(['ORIENTATION_DECIDED', 'ORIENTATION_NOTIFIED', 'CONTRACT_SIGNED', 'FIRST_INTERVIEW', 'FIRST_PARTNER_APPOINTMENT']);
    for (const s of steps) expect(s.counted.value, s.step).toBeGreaterThan(0);
  });
});
