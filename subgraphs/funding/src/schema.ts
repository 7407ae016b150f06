import { buildFederatedSchema } from '@passerelles/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { CallResolver } from './call/call.resolver.js';
import { conventionReference } from './convention/convention.reference.js';
import { conventionIndicatorsReference } from './convention-indicators/convention-indicators.reference.js';
import { ConventionIndicatorsResolver } from './convention-indicators/convention-indicators.resolver.js';
import { ConventionIndicatorsType } from './convention-indicators/convention-indicators.type.js';
import { ConventionResolver } from './convention/convention.resolver.js';
import { ConventionType, PartnerRefType } from './convention/convention.type.js';
import { FundingMutationResolver } from './mutation/mutation.resolver.js';
import { OverviewResolver } from './overview/overview.resolver.js';
import { ProgrammeResolver } from './programme/programme.resolver.js';
import { programmeReference } from './programme/programme.reference.js';
import { TerritoryResolver } from './territory/territory.resolver.js';
import { territoryReference } from './territory/territory.reference.js';
import { TerritoryType } from './territory/territory.type.js';

export function buildFundingSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ProgrammeResolver, TerritoryResolver, ConventionResolver, ConventionIndicatorsResolver, OverviewResolver, CallResolver, FundingMutationResolver],
    // Entities owned elsewhere that this subgraph only extends are not reachable from its Query type.
    orphanedTypes: [TerritoryType, ConventionType, ConventionIndicatorsType, PartnerRefType],
    references: { ...programmeReference, ...territoryReference, ...conventionReference, ...conventionIndicatorsReference },
  });
}
