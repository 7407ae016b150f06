import { buildFederatedSchema } from '@passerelles/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { AccompanimentResolver } from './accompaniment/accompaniment.resolver.js';
import { AppointmentResolver } from './appointment/appointment.resolver.js';
import { BeneficiaryResolver } from './beneficiary/beneficiary.resolver.js';
import { BeneficiaryAlertsResolver, CaseloadResolver } from './caseload/caseload.resolver.js';
import { beneficiaryReference } from './beneficiary/beneficiary.reference.js';
import { conventionReference } from './convention/convention.reference.js';
import { ConventionResolver } from './convention/convention.resolver.js';
import { ConventionOccupancyResolver } from './convention/occupancy.resolver.js';
import { ConventionOccupancyType } from './convention/occupancy.type.js';
import { ConventionType } from './convention/convention.type.js';
import { ImportResolver } from './import/import.resolver.js';
import { IndicatorsResolver } from './indicators/indicators.resolver.js';
import { partnerReference } from './partner/partner.reference.js';
import { PartnerResolver } from './partner/partner.resolver.js';
import { PublicationResolver } from './publication/publication.resolver.js';
import { PartnerType } from './partner/partner.type.js';
import { BeneficiaryOrientationResolver, OrientationResolver, ReorientationRequestResolver } from './orientation/orientation.resolver.js';
import { ReferralResolver } from './referral/referral.resolver.js';
import { BeneficiarySanctionResolver, SanctionResolver } from './sanction/sanction.resolver.js';
import { TerritoryResolver } from './territory/territory.resolver.js';
import { territoryReference } from './territory/territory.reference.js';
import { TerritoryType } from './territory/territory.type.js';

export function buildBeneficiariesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      BeneficiaryResolver,
      BeneficiaryAlertsResolver,
      CaseloadResolver,
      AccompanimentResolver,
      AppointmentResolver,
      ReferralResolver,
      OrientationResolver,
      ReorientationRequestResolver,
      BeneficiaryOrientationResolver,
      SanctionResolver,
      BeneficiarySanctionResolver,
      IndicatorsResolver,
      PublicationResolver,
      ImportResolver,
      TerritoryResolver,
      ConventionResolver,
      ConventionOccupancyResolver,
      PartnerResolver,
    ],
    // Entities owned elsewhere that this subgraph only extends are not reachable from its Query type.
    orphanedTypes: [TerritoryType, ConventionType, ConventionOccupancyType, PartnerType],
    references: { ...beneficiaryReference, ...territoryReference, ...conventionReference, ...partnerReference },
  });
}
