import type { SubgraphDefinition } from '@passerelles/subgraph-kit';
import { FundingCommitmentEntity } from './commitment/commitment.entity.js';
import { DEFAULT_PORT } from './env.js';
import { fundingMigrations } from './migrations/index.js';
import { ProgrammeEntity } from './programme/programme.entity.js';
import { buildFundingSchema } from './schema.js';

/** Programmes, calls for projects, commitments and payments. */
export const fundingSubgraph: SubgraphDefinition = {
  name: 'funding',
  schemaName: 'funding',
  defaultPort: DEFAULT_PORT,
  entities: [ProgrammeEntity, FundingCommitmentEntity],
  migrations: fundingMigrations,
  buildSchema: buildFundingSchema,
};
