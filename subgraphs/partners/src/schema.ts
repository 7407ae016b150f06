import { buildFederatedSchema } from '@passerelles/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { communeReference } from './commune/commune.reference.js';
import { CommuneResolver } from './commune/commune.resolver.js';
import { CommuneType } from './commune/commune.type.js';
import { CoverageResolver } from './coverage/coverage.resolver.js';
import { DataInclusionResolver } from './data-inclusion/data-inclusion.resolver.js';
import { DepartmentResolver } from './department/department.resolver.js';
import { departmentReference } from './department/department.reference.js';
import { PartnerResolver, PartnerSearchEdgeResolver } from './partner/partner.resolver.js';
import { PermanenceResolver } from './permanence/permanence.resolver.js';
import { partnerReference } from './partner/partner.reference.js';
import { ServiceResolver, ServiceSearchEdgeResolver } from './service/service.resolver.js';
import { serviceReference } from './service/service.reference.js';
import { TerritoryResolver } from './territory/territory.resolver.js';
import { territoryReference } from './territory/territory.reference.js';

export function buildPartnersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      TerritoryResolver,
      DepartmentResolver,
      CommuneResolver,
      PartnerResolver,
      PartnerSearchEdgeResolver,
      ServiceResolver,
      ServiceSearchEdgeResolver,
      PermanenceResolver,
      CoverageResolver,
      DataInclusionResolver,
    ],
    orphanedTypes: [CommuneType],
    references: { ...territoryReference, ...departmentReference, ...partnerReference, ...serviceReference, ...communeReference },
  });
}
