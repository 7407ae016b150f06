import pg from 'pg';
import { seedAuth } from './auth.seed.js';
import { seedBeneficiaries } from './beneficiaries.seed.js';
import { seedContractSignatures } from './contract-signature.seed.js';
import { seedContracts } from './contracts.seed.js';
import { seedConventionPlaces } from './convention-places.seed.js';
import { seedEngagementContracts } from './engagement.seed.js';
import { seedFunding } from './funding.seed.js';
import { seedIdentities, type SealIdentity } from './identities.seed.js';
import { seedOrientations } from './orientation.seed.js';
import { seedPartners } from './partners.seed.js';
import { seedSanctions } from './sanction.seed.js';

export { DEMO_AS_OF, DEMO_POPULATION } from './beneficiaries.seed.js';
export type { DemoIdentity, SealIdentity } from './identities.seed.js';

export interface SeedResult {
  seeded: boolean;
  programmes: number;
  partners: number;
  conventions: number;
  beneficiaries: number;
  accompaniments: number;
  engagementContracts: number;
  /** Orientation decisions, current and past, and reorientation requests. */
  orientations: number;
  reorientationRequests: number;
  /** Suspension-remobilisation procedures (Pas-de-Calais, since June 2025). */
  sanctionProcedures: number;
  /** People given a synthetic identity (0 without a `sealIdentity`). */
  identities: number;
  users: number;
}

export interface SeedOptions {
  /** Seals synthetic identities with the beneficiaries subgraph's cipher; without it, demo people have none. */
  sealIdentity?: SealIdentity;
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
export async function seedDemo(databaseUrl: string, options: SeedOptions = {}): Promise<SeedResult> {
  if (await isDatabaseSeeded(databaseUrl)) {
    return { seeded: false, programmes: 0, partners: 0, conventions: 0, beneficiaries: 0, accompaniments: 0, engagementContracts: 0, orientations: 0, reorientationRequests: 0, sanctionProcedures: 0, identities: 0, users: 0 };
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', ['passerelles.seed.demo']);
    const funding = await seedFunding(client);
    const partners = await seedPartners(client);
    const contracts = await seedContracts(client);
    await seedConventionPlaces(client);
    const beneficiaries = await seedBeneficiaries(client);
    const engagement = await seedEngagementContracts(client);
    await seedContractSignatures(client);
    const orientation = await seedOrientations(client);
    const sanctions = await seedSanctions(client);
    const identities = options.sealIdentity ? await seedIdentities(client, options.sealIdentity) : { identities: 0 };
    const auth = await seedAuth(client);
    await client.query('commit');
    return { seeded: true, ...funding, ...partners, ...contracts, ...beneficiaries, ...engagement, ...orientation, ...sanctions, ...identities, ...auth };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
