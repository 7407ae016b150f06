import { buildFederatedSchema } from '@passerelles/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { DepartmentResolver } from './department/department.resolver.js';
import { departmentReference } from './department/department.reference.js';
import { PartnerResolver } from './partner/partner.resolver.js';
import { partnerReference } from './partner/partner.reference.js';
import { TerritoryResolver } from './territory/territory.resolver.js';
import { territoryReference } from './territory/territory.reference.js';

export function buildPartnersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [TerritoryResolver, DepartmentResolver, PartnerResolver],
    references: { ...territoryReference, ...departmentReference, ...partnerReference },
  });
}
