import type { SubgraphDefinition } from '@passerelles/subgraph-kit';
import { ConventionEntity, ConventionTerritoryEntity } from './convention/convention.entity.js';
import { DEFAULT_PORT } from './env.js';
import { contractsMigrations } from './migrations/index.js';
import { buildContractsSchema } from './schema.js';

/** Engagement contracts (CER…) and conventions with operators. */
export const contractsSubgraph: SubgraphDefinition = {
  name: 'contracts',
  schemaName: 'contracts',
  defaultPort: DEFAULT_PORT,
  entities: [ConventionEntity, ConventionTerritoryEntity],
  migrations: contractsMigrations,
  buildSchema: buildContractsSchema,
};
