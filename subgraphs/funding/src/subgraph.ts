import { CONVENTION_PLACES, type SubgraphDefinition } from '@passerelles/subgraph-kit';
import { CallForProjectsEntity, CallSessionEntity } from './call/call.entity.js';
import { CofundingShareEntity } from './cofunding/cofunding.entity.js';
import { FundingCommitmentEntity } from './commitment/commitment.entity.js';
import { conventionPlacesHandler } from './convention/convention-places.js';
import { DEFAULT_PORT } from './env.js';
import { fundingMigrations } from './migrations/index.js';
import { PaymentEntity } from './payment/payment.entity.js';
import { ProgrammeEntity } from './programme/programme.entity.js';
import { ClosingFiguresJob } from './report/closing-figures.job.js';
import { FinalReportEntity } from './report/report.entity.js';
import { buildFundingSchema } from './schema.js';
import { FundingTermsEntity } from './terms/terms.entity.js';

/** Programmes, calls for projects, commitments, co-funding, payments and final reports. */
export const fundingSubgraph: SubgraphDefinition = {
  name: 'funding',
  schemaName: 'funding',
  defaultPort: DEFAULT_PORT,
  entities: [ProgrammeEntity, FundingCommitmentEntity, CofundingShareEntity, FundingTermsEntity, PaymentEntity, FinalReportEntity, CallForProjectsEntity, CallSessionEntity],
  migrations: fundingMigrations,
  buildSchema: buildFundingSchema,
  // The balance rule's basis comes from contracts (places) and beneficiaries (caseload), ADR 0021.
  calls: ['contracts', 'beneficiaries'],
  // Contracts tells funding each convention's places per territory, which it keeps to prorate its money (ADR 0028).
  internal: { [CONVENTION_PLACES]: conventionPlacesHandler },
  background: ({ orm, client, log }) => new ClosingFiguresJob(orm, client!, log),
};
