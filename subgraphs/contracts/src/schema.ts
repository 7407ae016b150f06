import { buildFederatedSchema } from '@passerelles/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { beneficiaryReference } from './beneficiary/beneficiary.reference.js';
import { BeneficiaryContractsResolver } from './beneficiary/beneficiary.resolver.js';
import { BeneficiaryRefType } from './beneficiary/beneficiary.type.js';
import { ConventionResolver } from './convention/convention.resolver.js';
import { conventionReference } from './convention/convention.reference.js';
import { ConventionIndicatorsOccupancyResolver } from './convention/occupancy.resolver.js';
import { conventionIndicatorsReference } from './convention-indicators/convention-indicators.reference.js';
import { ConventionIndicatorsResolver } from './convention-indicators/convention-indicators.resolver.js';
import { engagementContractReference } from './engagement/engagement.reference.js';
import { ContractIndicatorsResolver, EngagementContractResolver } from './engagement/engagement.resolver.js';
import { partnerReference } from './partner/partner.reference.js';
import { PartnerResolver } from './partner/partner.resolver.js';
import { PartnerRefType } from './partner/partner.type.js';
import { TerritoryResolver } from './territory/territory.resolver.js';
import { territoryReference } from './territory/territory.reference.js';
import { TerritoryType } from './territory/territory.type.js';

export function buildContractsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ConventionResolver, ConventionIndicatorsResolver, ConventionIndicatorsOccupancyResolver, TerritoryResolver, EngagementContractResolver, ContractIndicatorsResolver, BeneficiaryContractsResolver, PartnerResolver],
    // Entities owned elsewhere that this subgraph only extends are not reachable from its Query type.
    orphanedTypes: [TerritoryType, BeneficiaryRefType, PartnerRefType],
    references: { ...conventionReference, ...conventionIndicatorsReference, ...territoryReference, ...engagementContractReference, ...partnerReference, ...beneficiaryReference },
  });
}
