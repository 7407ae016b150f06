import type { SubgraphDefinition } from '@passerelles/subgraph-kit';
import { DEFAULT_PORT } from './env.js';
import { partnersMigrations } from './migrations/index.js';
import { buildPartnersSchema } from './schema.js';
import { PartnerEntity } from './partner/partner.entity.js';
import { TerritoryEntity, TerritoryCommuneEntity } from './territory/territory.entity.js';
import { CommuneEntity } from './commune/commune.entity.js';
import { DepartmentEntity } from './department/department.entity.js';
import { ServiceEntity } from './service/service.entity.js';
import { PermanenceEntity } from './permanence/permanence.entity.js';

/** The partner offer: structures, services, and the geography (territories, communes, Départements) others extend. */
export const partnersSubgraph: SubgraphDefinition = {
  name: 'partners',
  schemaName: 'partners',
  defaultPort: DEFAULT_PORT,
  entities: [PartnerEntity, ServiceEntity, PermanenceEntity, TerritoryEntity, TerritoryCommuneEntity, CommuneEntity, DepartmentEntity],
  migrations: partnersMigrations,
  buildSchema: buildPartnersSchema,
};
