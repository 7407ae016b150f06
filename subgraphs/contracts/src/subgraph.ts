import { ACCOMPANIMENT_CLOSED, CLOSING_PLACES, CONTRACT_SIGNED, CONVENTION_PLACES, type SubgraphDefinition } from '@passerelles/subgraph-kit';
import { closingPlacesHandler } from './convention/closing-places.js';
import { accompanimentClosedHandler } from './engagement/accompaniment-closed.js';
import { ConventionAmendmentEntity, ConventionEntity, ConventionObjectiveEntity, ConventionTerritoryEntity } from './convention/convention.entity.js';
import { ContractActionEntity, ContractCommitmentEntity, ContractReviewEntity, ContractStatusChangeEntity, EngagementContractEntity } from './engagement/engagement.entity.js';
import { DEFAULT_PORT } from './env.js';
import { contractsMigrations } from './migrations/index.js';
import { buildContractsSchema } from './schema.js';

/** Engagement contracts (CER, contrat d'engagement…) and conventions with operators. */
export const contractsSubgraph: SubgraphDefinition = {
  name: 'contracts',
  schemaName: 'contracts',
  defaultPort: DEFAULT_PORT,
  entities: [ConventionEntity, ConventionTerritoryEntity, ConventionObjectiveEntity, ConventionAmendmentEntity, EngagementContractEntity, ContractCommitmentEntity, ContractActionEntity, ContractReviewEntity, ContractStatusChangeEntity],
  migrations: contractsMigrations,
  buildSchema: buildContractsSchema,
  // A signature is told to beneficiaries, for the legal delay chain and the CONTRACT_DUE alert (ADR 0021);
  // a convention's places to funding, which prorates its money by territory on its own copy (ADR 0028).
  emits: { [CONTRACT_SIGNED]: 'beneficiaries', [CONVENTION_PLACES]: 'funding' },
  // Beneficiaries tells contracts when an accompaniment ends; funding asks for the places of a convention's last day (ADR 0021).
  internal: { [ACCOMPANIMENT_CLOSED]: accompanimentClosedHandler, [CLOSING_PLACES]: closingPlacesHandler },
};
