import { buildFederatedSchema } from '@passerelles/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { ProgrammeResolver } from './programme/programme.resolver.js';
import { programmeReference } from './programme/programme.reference.js';
import { TerritoryResolver } from './territory/territory.resolver.js';
import { territoryReference } from './territory/territory.reference.js';
import { TerritoryType } from './territory/territory.type.js';

export function buildFundingSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ProgrammeResolver, TerritoryResolver],
    // Entities owned elsewhere that this subgraph only extends are not reachable from its Query type.
    orphanedTypes: [TerritoryType],
    references: { ...programmeReference, ...territoryReference },
  });
}
