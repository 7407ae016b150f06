import { buildFederatedSchema } from '@passerelles/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { BeneficiaryResolver } from './beneficiary/beneficiary.resolver.js';
import { beneficiaryReference } from './beneficiary/beneficiary.reference.js';
import { TerritoryResolver } from './territory/territory.resolver.js';
import { territoryReference } from './territory/territory.reference.js';
import { TerritoryType } from './territory/territory.type.js';

export function buildBeneficiariesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [BeneficiaryResolver, TerritoryResolver],
    // Entities owned elsewhere that this subgraph only extends are not reachable from its Query type.
    orphanedTypes: [TerritoryType],
    references: { ...beneficiaryReference, ...territoryReference },
  });
}
