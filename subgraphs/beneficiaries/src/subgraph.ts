import type { SubgraphDefinition } from '@passerelles/subgraph-kit';
import { AccompanimentEntity } from './accompaniment/accompaniment.entity.js';
import { BeneficiaryEntity } from './beneficiary/beneficiary.entity.js';
import { DEFAULT_PORT } from './env.js';
import { beneficiariesMigrations } from './migrations/index.js';
import { buildBeneficiariesSchema } from './schema.js';

/** People on the RSA and their accompaniment paths. */
export const beneficiariesSubgraph: SubgraphDefinition = {
  name: 'beneficiaries',
  schemaName: 'beneficiaries',
  defaultPort: DEFAULT_PORT,
  entities: [BeneficiaryEntity, AccompanimentEntity],
  migrations: beneficiariesMigrations,
  buildSchema: buildBeneficiariesSchema,
};
