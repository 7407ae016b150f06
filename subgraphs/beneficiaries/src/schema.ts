import { buildFederatedSchema } from '@passerelles/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { BeneficiaryResolver } from './beneficiary/beneficiary.resolver.js';
import { beneficiaryReference } from './beneficiary/beneficiary.reference.js';
import { conventionReference } from './convention/convention.reference.js';
import { ConventionResolver } from './convention/convention.resolver.js';
import { ConventionType } from './convention/convention.type.js';
import { TerritoryResolver } from './territory/territory.resolver.js';
import { territoryReference } from './territory/territory.reference.js';
import { TerritoryType } from './territory/territory.type.js';

export function buildBeneficiariesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [BeneficiaryResolver, TerritoryResolver, ConventionResolver],
    // Entities owned elsewhere that this subgraph only extends are not reachable from its Query type.
    orphanedTypes: [TerritoryType, ConventionType],
    references: { ...beneficiaryReference, ...territoryReference, ...conventionReference },
  });
}
