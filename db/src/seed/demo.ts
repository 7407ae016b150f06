import pg from 'pg';
import { seedAuth } from './auth.seed.js';
import { seedBeneficiaries } from './beneficiaries.seed.js';
import { seedContracts } from './contracts.seed.js';
import { seedFunding } from './funding.seed.js';
import { seedPartners } from './partners.seed.js';

export { DEMO_AS_OF, DEMO_POPULATION } from './beneficiaries.seed.js';

export interface SeedResult {
  seeded: boolean;
  programmes: number;
  partners: number;
  conventions: number;
  beneficiaries: number;
  accompaniments: number;
  users: number;
}

/** Whether the demo (or any real data) is already there: the seed never writes over existing data. */
export async function isDatabaseSeeded(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ seeded: boolean }>('select exists (select 1 from funding.programme) as seeded');
    return result.rows[0]?.seeded ?? false;
  } finally {
    await client.end();
  }
}

/**
 * Writes the demo data into the four subgraph schemas in one transaction (one module per context,
 * `<context>.seed.ts`, with its facts in `<context>.catalogue.ts`). Requires the subgraphs'
 * migrations to have run. Does nothing on a database that already holds data.
 */
export async function seedDemo(databaseUrl: string): Promise<SeedResult> {
  if (await isDatabaseSeeded(databaseUrl)) {
    return { seeded: false, programmes: 0, partners: 0, conventions: 0, beneficiaries: 0, accompaniments: 0, users: 0 };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', ['passerelles.seed.demo']);
    const funding = await seedFunding(client);
    const partners = await seedPartners(client);
    const contracts = await seedContracts(client);
    const beneficiaries = await seedBeneficiaries(client);
    const auth = await seedAuth(client);
    await client.query('commit');
    return { seeded: true, ...funding, ...partners, ...contracts, ...beneficiaries, ...auth };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
